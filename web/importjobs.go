package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"os"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"hasap/app"
	"hasap/auth"
	"hasap/ledger"
)

// Limits of journal imports through the browser.
const (
	maxImportBytes      = 512 << 20        // an uploaded journal; 1M transactions are about 100 MiB
	maxImportJobs       = 64               // jobs remembered, running and finished, on the whole server
	importJobKeep       = time.Hour        // how long a finished job's result stays to be seen
	importProgressEvery = 500              // transactions between two progress reports
	importUploadTime    = 30 * time.Minute // an upload may take this long on a slow line
)

// importJobs runs the journal imports started from the import page in the
// background, so that the upload's request can end and the browser can
// watch the progress. The import itself is app.ImportLedger with the
// uploader's actor: the tenant and role checks, the one transaction and
// the audit event all stay in app. A job belongs to the user who started
// it in its organisation, and nobody else can see it. At most one import
// runs per organisation (two bulk transactions of one organisation would
// only wait for each other); the temporary file goes when the job ends,
// and the job itself importJobKeep later, or sooner when maxImportJobs are
// kept.
type importJobs struct {
	// ctx is the server's life: when it ends, running imports stop and
	// roll back (Options.Context).
	ctx context.Context
	wg  *sync.WaitGroup // Options.Jobs, or one of its own
	now func() time.Time

	mu   sync.Mutex
	byID map[string]*importJob
	busy map[ledger.OrgID]bool // an import is being uploaded or runs
}

func newImportJobs(ctx context.Context, wg *sync.WaitGroup, now func() time.Time) *importJobs {
	if ctx == nil {
		ctx = context.Background()
	}
	if wg == nil {
		wg = new(sync.WaitGroup)
	}
	return &importJobs{ctx: ctx, wg: wg, now: now, byID: map[string]*importJob{}, busy: map[ledger.OrgID]bool{}}
}

// importJob is one import: who started it where, and how far it is.
type importJob struct {
	id      string
	user    auth.UserID
	org     ledger.OrgID
	file    string // the name the browser gave the file
	size    int64  // bytes
	started time.Time

	read  atomic.Int64 // bytes of the file read so far in the current pass
	lines atomic.Int64 // the last line reported
	txns  atomic.Int64 // transactions imported so far

	mu       sync.Mutex
	done     bool
	stats    app.ImportStats
	err      error
	stopped  bool // the server shut down during the import
	finished time.Time
}

// importStatus is a snapshot of a job for a page.
type importStatus struct {
	ID, File     string
	Size, Read   int64
	Percent      int
	Lines, Txns  int
	Running      bool
	Stats        app.ImportStats
	Err          error
	Stopped      bool
	Started, End time.Time
}

func (j *importJob) status() importStatus {
	j.mu.Lock()
	defer j.mu.Unlock()
	st := importStatus{ID: j.id, File: j.file, Size: j.size, Read: j.read.Load(), Lines: int(j.lines.Load()), Txns: int(j.txns.Load()),
		Running: !j.done, Stats: j.stats, Err: j.err, Stopped: j.stopped, Started: j.started, End: j.finished}
	if st.Size > 0 {
		st.Percent = int(min(100, st.Read*100/st.Size))
	}
	if j.done && j.err == nil {
		st.Percent, st.Txns = 100, j.stats.Transactions
	}
	return st
}

// reserve claims org for an import about to be uploaded; false when one is
// already uploading or running there. release gives the claim back.
func (js *importJobs) reserve(org ledger.OrgID) bool {
	js.mu.Lock()
	defer js.mu.Unlock()
	if js.busy[org] {
		return false
	}
	js.busy[org] = true
	return true
}

func (js *importJobs) release(org ledger.OrgID) {
	js.mu.Lock()
	defer js.mu.Unlock()
	delete(js.busy, org)
}

// add remembers j under a fresh random id, forgetting the finished jobs
// that are old or, when too many are kept, the oldest finished ones. It is
// false when maxImportJobs are all still running.
func (js *importJobs) add(j *importJob) bool {
	js.mu.Lock()
	defer js.mu.Unlock()
	js.sweep(true)
	if len(js.byID) >= maxImportJobs {
		return false
	}
	j.id = newJobID()
	js.byID[j.id] = j
	return true
}

// sweep forgets finished jobs older than importJobKeep and, to make room
// for one more, the oldest finished ones while maxImportJobs are kept.
// js.mu is held.
func (js *importJobs) sweep(room bool) {
	now := js.now()
	var finished []*importJob
	for id, j := range js.byID {
		j.mu.Lock()
		done, end := j.done, j.finished
		j.mu.Unlock()
		switch {
		case done && now.Sub(end) > importJobKeep:
			delete(js.byID, id)
		case done:
			finished = append(finished, j)
		}
	}
	sort.Slice(finished, func(a, b int) bool { return finished[a].finished.Before(finished[b].finished) })
	for i := 0; room && len(js.byID) >= maxImportJobs && i < len(finished); i++ {
		delete(js.byID, finished[i].id)
	}
}

// get returns the job id if user started it in org; nil otherwise, as
// for a job that never was.
func (js *importJobs) get(id string, user auth.UserID, org ledger.OrgID) *importJob {
	js.mu.Lock()
	defer js.mu.Unlock()
	js.sweep(false)
	j := js.byID[id]
	if j == nil || j.user != user || j.org != org {
		return nil
	}
	return j
}

// mine lists the jobs user started in org, newest first.
func (js *importJobs) mine(user auth.UserID, org ledger.OrgID) []importStatus {
	js.mu.Lock()
	defer js.mu.Unlock()
	js.sweep(false)
	var list []importStatus
	for _, j := range js.byID {
		if j.user == user && j.org == org {
			list = append(list, j.status())
		}
	}
	sort.Slice(list, func(a, b int) bool { return list[a].Started.After(list[b].Started) })
	return list
}

// run imports the journal at path in the background as actor, and removes
// the file when done. The org claim of reserve is given back at the end.
func (js *importJobs) run(a *app.App, actor app.Actor, orgCode string, j *importJob, path string, done func(error)) {
	js.wg.Add(1)
	go func() {
		defer js.wg.Done()
		defer js.release(j.org)
		defer os.Remove(path)
		stats, err := js.importFile(a, actor, orgCode, j, path)
		j.mu.Lock()
		j.done, j.stats, j.err, j.finished = true, stats, err, js.now()
		j.stopped = err != nil && js.ctx.Err() != nil
		j.mu.Unlock()
		if done != nil {
			done(err)
		}
	}()
}

func (js *importJobs) importFile(a *app.App, actor app.Actor, orgCode string, j *importJob, path string) (app.ImportStats, error) {
	f, err := os.Open(path)
	if err != nil {
		return app.ImportStats{}, err
	}
	defer f.Close()
	opts := app.ImportOptions{ProgressEvery: importProgressEvery, Progress: func(lines, txns int) {
		j.lines.Store(int64(lines))
		j.txns.Store(int64(txns))
		if h := importProgressHook.Load(); h != nil {
			(*h)(lines, txns)
		}
	}}
	return a.ImportLedger(js.ctx, actor, orgCode, &countingFile{f: f, n: &j.read}, opts)
}

// countingFile counts the bytes read from f into n. ImportLedger reads a
// seekable file twice (a quick pass for the prices, then the import), so
// n is the position in the current pass, and a rewind starts it again.
type countingFile struct {
	f *os.File
	n *atomic.Int64
}

func (c *countingFile) Read(p []byte) (int, error) {
	k, err := c.f.Read(p)
	c.n.Add(int64(k))
	return k, err
}

func (c *countingFile) Seek(offset int64, whence int) (int64, error) {
	pos, err := c.f.Seek(offset, whence)
	if err == nil {
		c.n.Store(pos)
	}
	return pos, err
}

var _ io.ReadSeeker = (*countingFile)(nil)

// newJobID returns 128 random bits in hex: a job's address cannot be
// guessed (and is checked against its owner besides).
func newJobID() string {
	var b [16]byte
	rand.Read(b[:]) // never fails (crypto/rand)
	return hex.EncodeToString(b[:])
}
