package sqldb

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"time"

	"hasap/auth"
	"hasap/ledger"
	"hasap/store"
)

// derivedEvery is how many entries a bulk import accumulates in memory
// before it writes their totals.
const derivedEvery = 20000

// poster is one posting transaction of one organisation.
type poster struct {
	db    *DB
	ctx   context.Context
	tx    *sql.Tx
	org   ledger.Org
	chart ledger.Chart
	now   func() time.Time

	seq   int64
	hash  ledger.Hash
	years map[int]int64 // last number per year, loaded lazily
	dirty map[int]bool  // years whose number moved

	derived   *ledger.Derived
	kinds     map[ledger.AnalyticID]ledger.AnalyticKind // analytics seen in this transaction
	idem      map[string]int64                          // keys used in this transaction
	chartSeen int64

	w          *writer
	entries    batch
	postings   batch
	totals     batch
	days       batch
	corr       batch
	yearSums   batch
	accMonths  batch
	bulk       bool
	sinceFlush int
	buf        []byte
	done       bool
}

// BeginPost opens a posting transaction: it takes the organisation's chain
// lock and loads what validation needs.
func (db *DB) BeginPost(ctx context.Context, orgID ledger.OrgID, opts store.PostOptions) (store.Poster, error) {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin post: %w", err)
	}
	p := &poster{db: db, ctx: ctx, tx: tx, now: opts.Now, years: map[int]int64{}, dirty: map[int]bool{},
		derived: ledger.NewDerived(), kinds: map[ledger.AnalyticID]ledger.AnalyticKind{}, idem: map[string]int64{}}
	p.org.ID = orgID
	if p.now == nil {
		p.now = time.Now
	}
	if err := p.load(); err != nil {
		tx.Rollback()
		return nil, err
	}
	rows := 50
	if opts.Bulk {
		rows = 500
	}
	p.w = newWriter(ctx, opts.Bulk && db.d.AsyncBulk)
	p.entries = newBatch(db, tx, p.w, `INSERT INTO entries (org_id, seq, year, number, day, description, document, author, posted_us, idem_key, reverses, prev_hash, hash) VALUES `, 13, rows)
	p.totals = newBatch(db, tx, p.w, totalsInsert, 13, rows)
	p.totals.suffix = totalsUpsert
	p.days = newBatch(db, tx, p.w, daysInsert, 5, rows)
	p.days.suffix = daysUpsert
	p.corr = newBatch(db, tx, p.w, corrInsert, 5, rows)
	p.corr.suffix = corrUpsert
	p.yearSums = newBatch(db, tx, p.w, yearsInsert, 13, rows)
	p.yearSums.suffix = yearsUpsert
	p.accMonths = newBatch(db, tx, p.w, accMonthsInsert, 10, rows)
	p.accMonths.suffix = accMonthsUpsert
	p.bulk = opts.Bulk
	p.postings = newBatch(db, tx, p.w, `INSERT INTO postings (org_id, seq, line, day, dt_account, kt_account, amount, dt_analytics, kt_analytics, detail) VALUES `, 10, rows)
	return p, nil
}

func (p *poster) load() error {
	var hash []byte
	err := p.tx.QueryRowContext(p.ctx, p.db.q(`SELECT seq, hash FROM chain_heads WHERE org_id = ?`+p.db.d.ForUpdate), p.org.ID).Scan(&p.seq, &hash)
	if err != nil {
		return notFound(err, "organisation %d does not exist", p.org.ID)
	}
	copy(p.hash[:], hash)
	var version int64
	p.org, err = scanOrg(p.tx.QueryRowContext(p.ctx, p.db.q(`SELECT `+orgColumns+` FROM orgs WHERE id = ?`), p.org.ID))
	if err != nil {
		return err
	}
	if err := p.tx.QueryRowContext(p.ctx, p.db.q(`SELECT chart_version FROM orgs WHERE id = ?`), p.org.ID).Scan(&version); err != nil {
		return err
	}
	p.db.mu.Lock()
	cached, ok := p.db.charts[p.org.ID]
	p.db.mu.Unlock()
	if ok && cached.version == version {
		p.chart = cached.chart
	} else {
		if p.chart, err = p.db.loadChart(p.ctx, p.tx, p.org.ID); err != nil {
			return err
		}
		p.db.mu.Lock()
		p.db.charts[p.org.ID] = cachedChart{version, p.chart}
		p.db.mu.Unlock()
	}
	p.chartSeen = version
	return nil
}

func (p *poster) Org() ledger.Org     { return p.org }
func (p *poster) Chart() ledger.Chart { return p.chart }

// AddAccount creates an account inside the transaction. The chart is copied
// first so that the shared cache never sees an uncommitted account.
func (p *poster) AddAccount(a ledger.Account) error {
	if err := a.Validate(); err != nil {
		return err
	}
	if _, ok := p.chart[a.Code]; ok {
		return ledger.Errorf(ledger.EConflict, "account %s already exists", a.Code)
	}
	if err := p.db.insertAccount(p.ctx, p.tx, p.org.ID, a); err != nil {
		return err
	}
	ch := make(ledger.Chart, len(p.chart)+1)
	for k, v := range p.chart {
		ch[k] = v
	}
	ch[a.Code] = &a
	p.chart = ch
	return nil
}

// AppendAudit writes an audit event in the posting transaction, so that
// the entry and the record of who posted it commit together.
func (p *poster) AppendAudit(e *auth.AuditEvent) error {
	if e.Org != p.org.ID {
		return ledger.Errorf(ledger.EInternal, "audit event of organisation %d in a posting transaction of %d", e.Org, p.org.ID)
	}
	if err := p.w.sync(); err != nil {
		return err
	}
	return p.db.appendAudit(p.ctx, p.tx, e)
}

// AddAnalytic creates a catalog entry, or finds the one with the same kind and code.
func (p *poster) AddAnalytic(a *ledger.Analytic) error {
	got, err := p.db.analyticByCode(p.ctx, p.tx, p.org.ID, a.Kind, a.Code)
	if err == nil {
		*a = got
	} else if !ledger.IsCode(err, ledger.ENotFound) {
		return err
	} else if err := p.db.insertAnalytic(p.ctx, p.tx, p.org.ID, a); err != nil {
		return err
	}
	p.kinds[a.ID] = a.Kind
	return nil
}

// AnalyticKind answers validation: from this transaction, the shared cache,
// or the database.
func (p *poster) AnalyticKind(id ledger.AnalyticID) (ledger.AnalyticKind, bool) {
	if k, ok := p.kinds[id]; ok {
		return k, true
	}
	p.db.mu.Lock()
	k, ok := p.db.analytic[p.org.ID][id]
	p.db.mu.Unlock()
	if ok {
		return k, true
	}
	var kind string
	err := p.tx.QueryRowContext(p.ctx, p.db.q(`SELECT kind FROM analytics WHERE org_id = ? AND id = ?`), p.org.ID, int64(id)).Scan(&kind)
	if err != nil {
		return "", false
	}
	p.kinds[id] = ledger.AnalyticKind(kind)
	return ledger.AnalyticKind(kind), true
}

// Post validates, numbers, seals and writes one entry.
func (p *poster) Post(e *ledger.Entry) (bool, error) {
	if p.done {
		return false, ledger.Errorf(ledger.EInternal, "post after commit or rollback")
	}
	var digest []byte
	if e.IdemKey != "" {
		digest = idemDigest(e)
		replay, err := p.replay(e, digest)
		if replay || err != nil {
			return replay, err
		}
	}
	if err := e.Validate(&p.org, p.chart, p); err != nil {
		return false, err
	}
	if e.Reverses < 0 || e.Reverses > p.seq {
		return false, ledger.Errorf(ledger.EInvalid, "entry reverses seq %d, which is not posted", e.Reverses)
	}
	e.Org = p.org.ID
	e.Year = e.Date.Year()
	last, err := p.lastNumber(e.Year)
	if err != nil {
		return false, err
	}
	e.Number = last + 1
	e.Seq = p.seq + 1
	e.PostedAt = p.now().UTC().Truncate(time.Microsecond)
	p.buf = e.Seal(p.hash, p.buf)
	if err := p.derived.AddEntry(e); err != nil {
		return false, err
	}
	if p.sinceFlush++; p.bulk && p.sinceFlush >= derivedEvery {
		if err := p.flushDerived(); err != nil {
			return false, err
		}
	}
	if err := p.write(e); err != nil {
		return false, err
	}
	if digest != nil {
		if err := p.w.sync(); err != nil {
			return false, err
		}
		if _, err := p.tx.ExecContext(p.ctx, p.db.q(`INSERT INTO idem_keys (org_id, key, digest, seq) VALUES (?, ?, ?, ?)`),
			int64(p.org.ID), e.IdemKey, digest, e.Seq); err != nil {
			return false, fmt.Errorf("post: idempotency key: %w", err)
		}
		p.idem[e.IdemKey] = e.Seq
	}
	p.seq, p.hash = e.Seq, e.Hash
	p.years[e.Year] = e.Number
	p.dirty[e.Year] = true
	return false, nil
}

// idemDigest fingerprints what a client sent: the entry without what the
// store assigns.
func idemDigest(e *ledger.Entry) []byte {
	c := *e
	c.Org, c.Seq, c.Year, c.Number, c.PostedAt = 0, 0, 0, 0, time.Time{}
	c.Author = ""
	sum := sha256.Sum256(c.AppendCanonical(nil))
	return sum[:]
}

// replay looks the idempotency key up; a hit with the same digest fills e
// with the stored entry.
func (p *poster) replay(e *ledger.Entry, digest []byte) (bool, error) {
	var stored []byte
	var seq int64
	err := p.tx.QueryRowContext(p.ctx, p.db.q(`SELECT digest, seq FROM idem_keys WHERE org_id = ? AND key = ?`), int64(p.org.ID), e.IdemKey).Scan(&stored, &seq)
	if err == sql.ErrNoRows {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if !bytes.Equal(stored, digest) {
		return false, ledger.Errorf(ledger.EConflict, "idempotency key %q was already used for a different entry", e.IdemKey)
	}
	if err := p.entries.flush(); err != nil {
		return false, err
	}
	if err := p.postings.flush(); err != nil {
		return false, err
	}
	got, err := p.db.entry(p.ctx, p.tx, p.org.ID, seq)
	if err != nil {
		return false, err
	}
	*e = got
	return true, nil
}

func (p *poster) lastNumber(year int) (int64, error) {
	if n, ok := p.years[year]; ok {
		return n, nil
	}
	var n int64
	err := p.tx.QueryRowContext(p.ctx, p.db.q(`SELECT last_number FROM year_numbers WHERE org_id = ? AND year = ?`), int64(p.org.ID), year).Scan(&n)
	if err != nil && err != sql.ErrNoRows {
		return 0, err
	}
	p.years[year] = n
	return n, nil
}

func (p *poster) write(e *ledger.Entry) error {
	org := int64(p.org.ID)
	err := p.entries.add(org, e.Seq, int64(e.Year), e.Number, int64(e.Date), e.Description, e.Document, e.Author,
		e.PostedAt.UnixMicro(), e.IdemKey, e.Reverses, e.PrevHash[:], e.Hash[:])
	if err != nil {
		return err
	}
	for i := range e.Postings {
		x := &e.Postings[i]
		d, k := &x.Debit, &x.Credit
		err := p.postings.add(org, e.Seq, int64(i+1), int64(e.Date), string(d.Account), string(k.Account), int64(x.Amount),
			encodeAnalytics(d.Analytics), encodeAnalytics(k.Analytics), encodeDetail(d, k))
		if err != nil {
			return err
		}
	}
	return nil
}

// Commit writes the buffered rows, adds the totals, moves the chain head and
// the year numbers, and commits.
func (p *poster) Commit() error {
	if p.done {
		return ledger.Errorf(ledger.EInternal, "commit after commit or rollback")
	}
	p.done = true
	err := p.commit()
	p.w.stop()
	if err != nil {
		p.tx.Rollback()
		return fmt.Errorf("commit post: %w", err)
	}
	p.db.mu.Lock()
	m := p.db.analytic[p.org.ID]
	if m == nil {
		m = map[ledger.AnalyticID]ledger.AnalyticKind{}
		p.db.analytic[p.org.ID] = m
	}
	for id, k := range p.kinds {
		m[id] = k
	}
	p.db.mu.Unlock()
	return nil
}

func (p *poster) commit() error {
	if err := p.entries.flush(); err != nil {
		return err
	}
	if err := p.postings.flush(); err != nil {
		return err
	}
	if err := p.flushDerived(); err != nil {
		return err
	}
	org := int64(p.org.ID)
	for y := range p.dirty {
		_, err := p.tx.ExecContext(p.ctx, p.db.q(`INSERT INTO year_numbers (org_id, year, last_number) VALUES (?, ?, ?)
			ON CONFLICT (org_id, year) DO UPDATE SET last_number = excluded.last_number`), org, y, p.years[y])
		if err != nil {
			return err
		}
	}
	if _, err := p.tx.ExecContext(p.ctx, p.db.q(`UPDATE chain_heads SET seq = ?, hash = ? WHERE org_id = ?`), p.seq, p.hash[:], org); err != nil {
		return err
	}
	return p.tx.Commit()
}

const (
	totalsInsert = `INSERT INTO totals (org_id, account, a1, a2, a3, currency, month, debit, credit, debit_cur, credit_cur, debit_qty, credit_qty) VALUES `
	totalsUpsert = ` ON CONFLICT (org_id, account, a1, a2, a3, currency, month) DO UPDATE SET
		debit = totals.debit + excluded.debit, credit = totals.credit + excluded.credit,
		debit_cur = totals.debit_cur + excluded.debit_cur, credit_cur = totals.credit_cur + excluded.credit_cur,
		debit_qty = totals.debit_qty + excluded.debit_qty, credit_qty = totals.credit_qty + excluded.credit_qty`
	corrInsert = `INSERT INTO corr_totals (org_id, month, dt_account, kt_account, amount) VALUES `
	corrUpsert = ` ON CONFLICT (org_id, month, dt_account, kt_account) DO UPDATE SET amount = corr_totals.amount + excluded.amount`
	daysInsert = `INSERT INTO day_totals (org_id, account, currency, month, days) VALUES `
	daysUpsert = ` ON CONFLICT (org_id, month, account, currency) DO UPDATE SET days = excluded.days`
)

// flushDerived adds the totals accumulated so far to the stored ones, in
// multi-row upserts through the writer, and starts accumulating afresh. A
// bulk import calls it every derivedEvery entries, so that the totals are
// written while the file is still being read, not all at commit.
func (p *poster) flushDerived() error {
	org := int64(p.org.ID)
	for k, t := range p.derived.Totals {
		err := p.totals.add(org, string(k.Account), int64(k.Analytics[0]), int64(k.Analytics[1]), int64(k.Analytics[2]), k.Currency, k.Month,
			int64(t.Debit), int64(t.Credit), int64(t.DebitCur), int64(t.CreditCur), int64(t.DebitQty), int64(t.CreditQty))
		if err != nil {
			return fmt.Errorf("totals: %w", err)
		}
	}
	if err := p.writeDays(); err != nil {
		return fmt.Errorf("day totals: %w", err)
	}
	for k, amount := range p.derived.Corr {
		if err := p.corr.add(org, k.Month, string(k.Debit), string(k.Credit), int64(amount)); err != nil {
			return fmt.Errorf("correspondence totals: %w", err)
		}
	}
	if err := p.writeSums(); err != nil {
		return err
	}
	p.derived = ledger.NewDerived()
	p.sinceFlush = 0
	// a key must not appear twice in one multi-row upsert (PostgreSQL
	// refuses it), so the partial batches go out before new keys arrive
	if err := p.totals.flush(); err != nil {
		return err
	}
	if err := p.corr.flush(); err != nil {
		return err
	}
	if err := p.yearSums.flush(); err != nil {
		return err
	}
	if err := p.accMonths.flush(); err != nil {
		return err
	}
	return p.days.flush()
}

// Rollback abandons the transaction.
func (p *poster) Rollback() error {
	if p.done {
		return nil
	}
	p.done = true
	p.w.stop()
	return p.tx.Rollback()
}

// batch buffers rows for multi-row INSERTs and hands full batches to the
// transaction's writer.
type batch struct {
	db     *DB
	tx     *sql.Tx
	w      *writer
	prefix string
	suffix string
	cols   int
	rows   int
	args   []any
	stmt   *sql.Stmt
}

func newBatch(db *DB, tx *sql.Tx, w *writer, prefix string, cols, rows int) batch {
	if max := db.d.MaxParams / cols; rows > max {
		rows = max
	}
	return batch{db: db, tx: tx, w: w, prefix: prefix, cols: cols, rows: rows, args: make([]any, 0, cols*rows)}
}

func (b *batch) add(vals ...any) error {
	b.args = append(b.args, vals...)
	if len(b.args) < b.cols*b.rows {
		return nil
	}
	if b.stmt == nil {
		var err error
		if b.stmt, err = b.tx.Prepare(b.db.q(b.query(b.rows))); err != nil {
			return err
		}
	}
	err := b.w.submit(b.stmt, b.args)
	b.args = make([]any, 0, b.cols*b.rows)
	return err
}

// flush writes the rows still buffered (fewer than a full batch).
func (b *batch) flush() error {
	// full batches may still be on their way; the rest then goes straight
	// out on this goroutine, without a separate prepare (one round trip on
	// PostgreSQL instead of three)
	if err := b.w.sync(); err != nil || len(b.args) == 0 {
		return err
	}
	_, err := b.tx.ExecContext(b.w.ctx, b.db.q(b.query(len(b.args)/b.cols)), b.args...)
	b.args = make([]any, 0, b.cols*b.rows)
	if err != nil {
		b.w.err = err
	}
	return err
}

func (b *batch) query(rows int) string {
	var s bytes.Buffer
	s.WriteString(b.prefix)
	for r := 0; r < rows; r++ {
		if r > 0 {
			s.WriteByte(',')
		}
		s.WriteByte('(')
		for c := 0; c < b.cols; c++ {
			if c > 0 {
				s.WriteByte(',')
			}
			s.WriteByte('?')
		}
		s.WriteByte(')')
	}
	s.WriteString(b.suffix)
	return s.String()
}

// writer executes batches in order. In bulk mode it runs them on its own
// goroutine, so that converting and hashing the next entries overlaps with
// SQLite writing the last ones; otherwise it runs them at once.
type writer struct {
	ctx   context.Context
	async bool
	jobs  chan writeJob
	acks  chan error
	err   error
	queue int
}

type writeJob struct {
	stmt *sql.Stmt
	args []any
}

func newWriter(ctx context.Context, async bool) *writer {
	w := &writer{ctx: ctx, async: async}
	if async {
		w.jobs = make(chan writeJob, 8)
		w.acks = make(chan error, 1)
		go w.loop(w.jobs) // the channel, not the field: stop sets the field to nil
	}
	return w
}

func (w *writer) loop(jobs <-chan writeJob) {
	var err error
	for j := range jobs {
		if j.stmt == nil { // a sync marker
			w.acks <- err
			continue
		}
		if err == nil {
			_, err = j.stmt.ExecContext(w.ctx, j.args...)
		}
	}
}

func (w *writer) submit(stmt *sql.Stmt, args []any) error {
	if w.err != nil {
		return w.err
	}
	if !w.async {
		_, w.err = stmt.ExecContext(w.ctx, args...)
		return w.err
	}
	w.jobs <- writeJob{stmt, args}
	return nil
}

// sync waits until every submitted batch is written and returns the first error.
func (w *writer) sync() error {
	if w.async && w.err == nil {
		w.jobs <- writeJob{}
		w.err = <-w.acks
	}
	return w.err
}

// stop ends the writer goroutine; the writer must not be used after.
func (w *writer) stop() {
	if w.async && w.jobs != nil {
		close(w.jobs)
		w.jobs = nil
	}
}
