package storetest

import (
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"strconv"
	"testing"

	"hasap/ledger"
	"hasap/store"
)

// propertyOps is the number of random operations per seed.
const propertyOps = 200

// propertySeeds returns the seeds to run: a fixed one, two fresh ones (logged
// so that a failure can be replayed), or only HASAP_STORETEST_SEED if set.
func propertySeeds(t *testing.T) []uint64 {
	if s := os.Getenv("HASAP_STORETEST_SEED"); s != "" {
		seed, err := strconv.ParseUint(s, 10, 64)
		ok(t, err, "HASAP_STORETEST_SEED")
		return []uint64{seed}
	}
	return []uint64{1, rand.Uint64(), rand.Uint64()}
}

// model is what the books must hold: the committed entries in chain order.
type model struct {
	entries []ledger.Entry
	keys    map[string]int // idempotency key → index in entries
	keyList []string       // the keys in the order they were used
	lock    ledger.Date
}

func testProperty(t *testing.T, open func(t *testing.T) Store) {
	for _, seed := range propertySeeds(t) {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			t.Logf("seed %d (rerun with HASAP_STORETEST_SEED=%d)", seed, seed)
			runProperty(t, open(t), seed)
		})
	}
}

// propertyRun is one random walk.
type propertyRun struct {
	t       *testing.T
	r       *rand.Rand
	f       *fixture
	m       *model
	foreign ledger.AnalyticID
	nextKey int
}

func runProperty(t *testing.T, s Store, seed uint64) {
	pr := &propertyRun{t: t, r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		f: newFixture(t, s, "prop"), m: &model{keys: map[string]int{}, lock: ledger.NoDate}}
	pr.foreign = 1 << 40
	ops := []struct {
		weight int
		name   string
		run    func() string
	}{
		{25, "post", pr.postValid},
		{8, "post batch", pr.postBatch},
		{10, "post invalid", pr.postInvalid},
		{8, "post batch and roll back", pr.batchRollback},
		{8, "reverse", func() string { return pr.reverse(false) }},
		{8, "storno", func() string { return pr.reverse(true) }},
		{5, "set lock date", pr.setLock},
		{10, "retry", pr.retry},
		{4, "reuse key", pr.reuseKey},
	}
	total := 0
	for _, op := range ops {
		total += op.weight
	}
	for step := 1; step <= propertyOps; step++ {
		n := pr.r.IntN(total)
		for _, op := range ops {
			if n -= op.weight; n < 0 {
				what := op.run()
				pr.check(fmt.Sprintf("step %d (%s: %s)", step, op.name, what))
				break
			}
		}
	}
	t.Logf("%d entries posted, %d keys", len(pr.m.entries), len(pr.m.keys))
}

// add appends a committed entry.
func (m *model) add(e ledger.Entry) {
	if e.IdemKey != "" {
		m.keys[e.IdemKey] = len(m.entries)
		m.keyList = append(m.keyList, e.IdemKey)
	}
	m.entries = append(m.entries, e)
}

// date draws a date after the lock date.
func (pr *propertyRun) date() ledger.Date {
	lo := pr.f.first
	if pr.m.lock != ledger.NoDate && pr.m.lock >= lo {
		lo = pr.m.lock + 1
	}
	return randomDate(pr.r, lo, pr.f.last)
}

func (pr *propertyRun) begin() store.Poster {
	pr.t.Helper()
	p, err := pr.f.s.BeginPost(pr.f.ctx, pr.f.org.ID, store.PostOptions{})
	ok(pr.t, err, "begin post")
	return p
}

// newEntry draws a valid entry; half of them carry a fresh key.
func (pr *propertyRun) newEntry() ledger.Entry {
	e := pr.f.randomEntry(pr.r, pr.date())
	if pr.r.IntN(2) == 0 {
		pr.nextKey++
		e.IdemKey = fmt.Sprintf("key-%d", pr.nextKey)
	}
	return e
}

// commit posts es in one transaction and adds them to the model.
func (pr *propertyRun) commit(es ...ledger.Entry) {
	pr.t.Helper()
	p := pr.begin()
	defer p.Rollback()
	for i := range es {
		replay, err := p.Post(&es[i])
		ok(pr.t, err, "post")
		if replay {
			pr.t.Fatalf("a fresh entry was taken for a replay of %q", es[i].IdemKey)
		}
	}
	ok(pr.t, p.Commit(), "commit")
	for _, e := range es {
		pr.m.add(e)
	}
}

func (pr *propertyRun) postValid() string {
	e := pr.newEntry()
	pr.commit(e)
	return fmt.Sprintf("%d postings on %s", len(e.Postings), e.Date)
}

func (pr *propertyRun) postBatch() string {
	es := make([]ledger.Entry, pr.r.IntN(5)+2)
	for i := range es {
		es[i] = pr.newEntry()
	}
	pr.commit(es...)
	return fmt.Sprintf("%d entries", len(es))
}

// postInvalid posts valid entries and then one that breaks a rule, expects
// the rule's code and rolls back.
func (pr *propertyRun) postInvalid() string {
	p := pr.begin()
	defer p.Rollback()
	for k := pr.r.IntN(3); k > 0; k-- {
		e := pr.newEntry()
		_, err := p.Post(&e)
		ok(pr.t, err, "post before the invalid one")
	}
	var bad ledger.Entry
	var code ledger.Code
	var name string
	if pr.m.lock != ledger.NoDate && pr.m.lock >= pr.f.first && pr.r.IntN(4) == 0 {
		bad = pr.f.randomEntry(pr.r, randomDate(pr.r, pr.f.first, pr.m.lock))
		code, name = ledger.ELocked, "closed period"
	} else {
		cases := invalidCases(pr.foreign)
		c := cases[pr.r.IntN(len(cases))]
		bad, code, name = c.bad(pr.f, pr.date()), c.code, c.name
	}
	_, err := p.Post(&bad)
	if ledger.ErrorCode(err) != code {
		pr.t.Fatalf("%s: Post returned %v (code %q), want %q", name, err, ledger.ErrorCode(err), code)
	}
	ok(pr.t, p.Rollback(), "rollback")
	return name
}

func (pr *propertyRun) batchRollback() string {
	p := pr.begin()
	defer p.Rollback()
	n := pr.r.IntN(5) + 1
	for i := 0; i < n; i++ {
		e := pr.newEntry()
		_, err := p.Post(&e)
		ok(pr.t, err, "post")
	}
	ok(pr.t, p.Rollback(), "rollback")
	return fmt.Sprintf("%d entries", n)
}

func (pr *propertyRun) reverse(storno bool) string {
	if len(pr.m.entries) == 0 {
		return "nothing to reverse"
	}
	orig := pr.m.entries[pr.r.IntN(len(pr.m.entries))]
	e, err := orig.Reversal(pr.date(), storno)
	ok(pr.t, err, "Reversal")
	pr.commit(e)
	return fmt.Sprintf("of seq %d", orig.Seq)
}

func (pr *propertyRun) setLock() string {
	lock := ledger.NoDate
	if pr.r.IntN(5) > 0 {
		// Never past mid-2025, so that there is always room to post.
		lock = randomDate(pr.r, pr.f.first-10, ledger.DateOf(2025, 6, 30))
	}
	ok(pr.t, pr.f.s.SetLockDate(pr.f.ctx, pr.f.org.ID, lock), "SetLockDate")
	pr.m.lock = lock
	got, err := pr.f.s.Org(pr.f.ctx, pr.f.org.ID)
	ok(pr.t, err, "Org")
	if got.LockDate != lock {
		pr.t.Fatalf("lock date %s, want %s", got.LockDate, lock)
	}
	return lock.String()
}

// randomKey picks a used key, or "".
func (pr *propertyRun) randomKey() (string, ledger.Entry) {
	if len(pr.m.keys) == 0 {
		return "", ledger.Entry{}
	}
	k := pr.m.keyList[pr.r.IntN(len(pr.m.keyList))]
	return k, pr.m.entries[pr.m.keys[k]]
}

// retry resends a keyed entry as a client would (what it sent, without
// what the store assigned), alone or among new entries.
func (pr *propertyRun) retry() string {
	key, stored := pr.randomKey()
	if key == "" {
		return "no key yet"
	}
	sent := ledger.Entry{Date: stored.Date, Description: stored.Description, Document: stored.Document,
		Author: stored.Author, IdemKey: key, Reverses: stored.Reverses,
		Postings: append([]ledger.Posting(nil), stored.Postings...)}
	p := pr.begin()
	defer p.Rollback()
	var fresh []ledger.Entry
	if pr.r.IntN(2) == 0 {
		e := pr.newEntry()
		_, err := p.Post(&e)
		ok(pr.t, err, "post")
		fresh = append(fresh, e)
	}
	replay, err := p.Post(&sent)
	ok(pr.t, err, "retry of "+key)
	if !replay {
		pr.t.Fatalf("retry of %s was not a replay", key)
	}
	sameEntry(pr.t, sent, stored, "replay of "+key)
	ok(pr.t, p.Commit(), "commit")
	for _, e := range fresh {
		pr.m.add(e)
	}
	return key
}

// reuseKey sends other content under a used key: EConflict, roll back.
func (pr *propertyRun) reuseKey() string {
	key, _ := pr.randomKey()
	if key == "" {
		return "no key yet"
	}
	e := pr.f.randomEntry(pr.r, pr.date())
	e.IdemKey = key
	p := pr.begin()
	defer p.Rollback()
	_, err := p.Post(&e)
	wantCode(pr.t, err, ledger.EConflict, "other content under "+key)
	return key
}

// check compares the store with the model after every step.
func (pr *propertyRun) check(step string) {
	t := pr.t
	t.Helper()
	s, org := pr.f.s, pr.f.org.ID
	got := scanAll(t, s, org)
	if len(got) != len(pr.m.entries) {
		t.Fatalf("%s: %d entries stored, model has %d", step, len(got), len(pr.m.entries))
	}
	for i := range got {
		if !reflect.DeepEqual(got[i], pr.m.entries[i]) {
			sameEntry(t, got[i], pr.m.entries[i], step)
		}
	}
	years := checkNumbers(t, got)
	h, err := s.Head(pr.f.ctx, org)
	ok(t, err, "head")
	var last ledger.Hash
	if n := len(got); n > 0 {
		last = got[n-1].Hash
	}
	if h.Seq != int64(len(got)) || h.Hash != last || !reflect.DeepEqual(h.Years, years) {
		t.Fatalf("%s: head %+v, want seq %d, hash %s, years %v", step, h, len(got), last, years)
	}
	checkTotals(t, s, org, derive(t, pr.m.entries))
	if err := Verify(pr.f.ctx, s, org); err != nil {
		t.Fatalf("%s: verify: %v", step, err)
	}
}
