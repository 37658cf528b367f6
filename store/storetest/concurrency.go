package storetest

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"hasap/ledger"
	"hasap/store"
)

// Concurrency: writers posting to one organisation at once, with no retry
// loop: the store itself must serialise them (a busy timeout, FOR UPDATE).
const (
	writers          = 16
	entriesPerWriter = 25
)

func testConcurrency(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	f := newFixture(t, s, "conc")
	o := newFixture(t, s, "other")
	var wg sync.WaitGroup
	errs := make(chan error, 2*writers)
	postMany := func(f *fixture, w, n int, key bool) {
		defer wg.Done()
		r := rand.New(rand.NewPCG(uint64(w), 99))
		for i := 0; i < n; i++ {
			e := f.randomEntry(r, randomDate(r, ledger.DateOf(2024, 1, 1), ledger.DateOf(2024, 12, 31)))
			if key && i%2 == 0 {
				e.IdemKey = fmt.Sprintf("w%d-%d", w, i)
			}
			p, err := s.BeginPost(ctx, f.org.ID, store.PostOptions{})
			if err != nil {
				errs <- fmt.Errorf("writer %d, entry %d: begin: %w", w, i, err)
				return
			}
			if _, err := p.Post(&e); err != nil {
				p.Rollback()
				errs <- fmt.Errorf("writer %d, entry %d: post: %w", w, i, err)
				return
			}
			if err := p.Commit(); err != nil {
				errs <- fmt.Errorf("writer %d, entry %d: commit: %w", w, i, err)
				return
			}
		}
	}
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go postMany(f, w, entriesPerWriter, w%2 == 0)
	}
	// A second organisation posting at the same time must not disturb the first.
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go postMany(o, 100+w, 5, false)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if t.Failed() {
		t.FailNow()
	}

	es := scanAll(t, s, f.org.ID)
	if len(es) != writers*entriesPerWriter {
		t.Fatalf("%d entries, want %d", len(es), writers*entriesPerWriter)
	}
	years := checkNumbers(t, es)
	if years[2024] != writers*entriesPerWriter {
		t.Fatalf("numbers of 2024 run to %d, want %d", years[2024], writers*entriesPerWriter)
	}
	h, err := s.Head(ctx, f.org.ID)
	ok(t, err, "head")
	if h.Seq != int64(len(es)) || !equalYears(h.Years, years) {
		t.Fatalf("head %+v, want seq %d, years %v", h, len(es), years)
	}
	checkTotals(t, s, f.org.ID, derive(t, es))
	ok(t, Verify(ctx, s, f.org.ID), "verify")
	if n := len(scanAll(t, s, o.org.ID)); n != 10 {
		t.Fatalf("other organisation has %d entries, want 10", n)
	}
	ok(t, Verify(ctx, s, o.org.ID), "verify other")
}

func equalYears(a, b map[int]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for y, n := range a {
		if b[y] != n {
			return false
		}
	}
	return true
}

// testConcurrentIdempotency: clients retrying one key at once get one entry.
func testConcurrentIdempotency(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	f := newFixture(t, s, "cidem")
	const clients = 8
	var wg sync.WaitGroup
	type result struct {
		replay bool
		e      ledger.Entry
		err    error
	}
	results := make(chan result, clients)
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e := entry(ledger.DateOf(2024, 10, 1), "payment order 5", f.posting(4, 123_45, 0, 0))
			e.IdemKey = "order-5"
			p, err := s.BeginPost(ctx, f.org.ID, store.PostOptions{})
			if err != nil {
				results <- result{err: err}
				return
			}
			defer p.Rollback()
			replay, err := p.Post(&e)
			if err == nil {
				err = p.Commit()
			}
			results <- result{replay, e, err}
		}()
	}
	wg.Wait()
	close(results)
	fresh := 0
	var seqs []int64
	for r := range results {
		ok(t, r.err, "post order-5")
		if !r.replay {
			fresh++
		}
		seqs = append(seqs, r.e.Seq)
	}
	if fresh != 1 {
		t.Fatalf("%d clients posted order-5 afresh, want exactly 1", fresh)
	}
	for _, seq := range seqs {
		if seq != 1 {
			t.Fatalf("clients got seqs %v, want all 1", seqs)
		}
	}
	if es := scanAll(t, s, f.org.ID); len(es) != 1 {
		t.Fatalf("%d entries, want 1", len(es))
	}
	ok(t, Verify(ctx, s, f.org.ID), "verify")
}
