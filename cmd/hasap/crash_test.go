package main

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"hasap/app"
	"hasap/ledger"
	"hasap/store/open"
)

// crashPoster posts single entries to organisation crash in a loop and
// prints "ack SEQ" after each commit returns, until it is killed.
func crashPoster(dsn string) int {
	ctx := context.Background()
	db, err := open.Open(ctx, dsn, open.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	a := app.New(db, filepath.Join(filepath.Dir(dsn), "key"))
	w := bufio.NewWriter(os.Stdout)
	for i := 0; ; i++ {
		e := ledger.Entry{Date: ledger.DateOf(2025, 3, 1+i%28), Description: "crash test",
			Postings: []ledger.Posting{{Debit: ledger.Side{Account: "assets:cash"}, Credit: ledger.Side{Account: "equity:capital"}, Amount: 100}}}
		posted, err := a.Post(ctx, app.System, "crash", e)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Fprintf(w, "ack %d\n", posted.Seq)
		w.Flush()
	}
}

// TestCrashSinglePostings kills a process posting single entries at random
// moments; after each restart every acknowledged entry is there and the
// books verify.
func TestCrashSinglePostings(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "h.db")
	mustRun(t, db, "org", "create", "--code", "crash", "--name", "Crash", "--chart", "empty")
	mustRun(t, db, "import", "--org", "crash", "--quiet", writeJournal(t, dir, 1))
	rng := rand.New(rand.NewPCG(1, 2))
	runs := 12
	if testing.Short() {
		runs = 3
	}
	var lastAck int64
	for i := 0; i < runs; i++ {
		cmd := exec.Command(os.Args[0])
		cmd.Env = append(os.Environ(), "HASAP_TEST_CRASH_POSTER="+db)
		out, _ := cmd.StdoutPipe()
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		acks := make(chan int64, 1<<16)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				if n, err := strconv.ParseInt(strings.TrimPrefix(sc.Text(), "ack "), 10, 64); err == nil {
					acks <- n
				}
			}
			close(acks)
		}()
		time.Sleep(time.Duration(50+rng.IntN(400)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		for n := range acks {
			lastAck = max(lastAck, n)
		}
		vout := mustRun(t, db, "verify", "--org", "crash")
		var entries int64
		fmt.Sscanf(vout, "ok: crash: %d entries", &entries)
		if entries < lastAck {
			t.Fatalf("run %d: entry %d was acknowledged but the books hold %d", i, lastAck, entries)
		}
	}
	if lastAck == 0 {
		t.Fatal("no posting was ever acknowledged")
	}
}

// TestCrashImport kills a long import at random moments: the books hold
// all of it or none of it, and verify passes every time.
func TestCrashImport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "h.db")
	file := writeJournal(t, dir, 20000)
	rng := rand.New(rand.NewPCG(3, 4))
	runs := 8
	if testing.Short() {
		runs = 2
	}
	for i := 0; i < runs; i++ {
		org := fmt.Sprintf("imp%d", i)
		mustRun(t, db, "org", "create", "--code", org, "--name", org, "--chart", "empty")
		cmd := exec.Command(os.Args[0], "--db", db, "import", "--org", org, "--quiet", file)
		cmd.Env = append(os.Environ(), "HASAP_TEST_AS_MAIN=1")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(20+rng.IntN(600)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		vout := mustRun(t, db, "verify", "--org", org)
		if !strings.HasPrefix(vout, "ok: "+org+": 0 entries") && !strings.HasPrefix(vout, "ok: "+org+": 20000 entries") {
			t.Fatalf("run %d (%v): a killed import left part of itself: %s", i, err, vout)
		}
	}
}

func writeJournal(t *testing.T, dir string, n int) string {
	t.Helper()
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "2025-%02d-%02d Entry %d\n    assets:cash  %d.%02d TMT\n    equity:capital\n\n", 1+i%12, 1+i%28, i, 1+i%5000, i%100)
	}
	file := filepath.Join(dir, fmt.Sprintf("j%d.journal", n))
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}
