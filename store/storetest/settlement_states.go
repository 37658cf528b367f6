package storetest

import (
	"strings"
	"sync"
	"testing"

	"hasap/ledger"
	"hasap/store"
)

// testSettlementStates: a role has the zero mark and no states until a put;
// a put moves the mark only from the mark it names, and writes nothing
// otherwise; states replace those of their counterparty, or all of the
// role's with replace; roles and organisations are apart; of two writers
// from the same mark exactly one wins.
func testSettlementStates(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	f := newFixture(t, s, "settle")
	o := newFixture(t, s, "other")

	mark, states, err := s.SettlementStates(ctx, f.org.ID, 1)
	ok(t, err, "read before any")
	if mark != (store.SettlementMark{}) || len(states) != 0 {
		t.Fatalf("before any put: %+v %+v", mark, states)
	}
	m1 := store.SettlementMark{Head: 10, Key: "v1:62.01"}
	put := func(org ledger.OrgID, role int, was, to store.SettlementMark, ss []store.SettlementState, replace bool) bool {
		t.Helper()
		done, err := s.PutSettlementStates(ctx, org, role, was, to, ss, replace)
		ok(t, err, "put")
		return done
	}
	a := store.SettlementState{Counterparty: 5, LastDate: ledger.DateOf(2025, 3, 1), Body: []byte{1, 2, 0, 3}, History: []byte{2, 7}}
	b := store.SettlementState{Counterparty: 3, LastDate: ledger.DateOf(2025, 1, 9), Body: []byte{1}, History: []byte{2, 8, 0}}
	if !put(f.org.ID, 1, store.SettlementMark{}, m1, []store.SettlementState{a, b}, true) {
		t.Fatal("first put not done")
	}
	want := func(org ledger.OrgID, role int, mark store.SettlementMark, ss ...store.SettlementState) {
		t.Helper()
		gm, gs, err := s.SettlementStates(ctx, org, role)
		ok(t, err, "read")
		if gm != mark || len(gs) != len(ss) {
			t.Fatalf("org %d role %d: %+v %+v, want %+v %+v", org, role, gm, gs, mark, ss)
		}
		for i := range ss {
			if gs[i].Counterparty != ss[i].Counterparty || gs[i].LastDate != ss[i].LastDate || string(gs[i].Body) != string(ss[i].Body) {
				t.Fatalf("org %d role %d state %d: %+v, want %+v", org, role, i, gs[i], ss[i])
			}
		}
	}
	want(f.org.ID, 1, m1, b, a)
	// The histories of the states whose last date is after a day.
	for _, c := range []struct {
		day  ledger.Date
		want []store.SettlementState
	}{{ledger.DateOf(2025, 1, 8), []store.SettlementState{b, a}}, {ledger.DateOf(2025, 1, 9), []store.SettlementState{a}}, {ledger.DateOf(2025, 3, 1), nil}} {
		hs, err := s.SettlementHistories(ctx, f.org.ID, 1, c.day)
		ok(t, err, "histories")
		if len(hs) != len(c.want) {
			t.Fatalf("histories after %s: %+v, want %+v", c.day, hs, c.want)
		}
		for i := range hs {
			if hs[i].Counterparty != c.want[i].Counterparty || hs[i].LastDate != c.want[i].LastDate || string(hs[i].History) != string(c.want[i].History) {
				t.Fatalf("histories after %s: %+v, want %+v", c.day, hs, c.want)
			}
		}
	}
	if hs, err := s.SettlementHistories(ctx, o.org.ID, 1, 0); err != nil || len(hs) != 0 {
		t.Fatalf("another organisation's histories: %v %+v", err, hs)
	}
	want(f.org.ID, 2, store.SettlementMark{})
	want(o.org.ID, 1, store.SettlementMark{})

	// From a mark that is not the role's: nothing is written.
	a2 := a
	a2.Body = []byte{9, 9}
	if put(f.org.ID, 1, store.SettlementMark{Head: 9, Key: "v1:62.01"}, store.SettlementMark{Head: 12, Key: "v1:62.01"}, []store.SettlementState{a2}, false) {
		t.Fatal("a put from a stale mark was done")
	}
	want(f.org.ID, 1, m1, b, a)
	// From the mark: a's state is replaced, b's kept.
	m2 := store.SettlementMark{Head: 12, Key: "v1:62.01"}
	if !put(f.org.ID, 1, m1, m2, []store.SettlementState{a2}, false) {
		t.Fatal("put from the mark not done")
	}
	want(f.org.ID, 1, m2, b, a2)
	// Replace: only the states given remain.
	m3 := store.SettlementMark{Head: 20, Key: "v2:62.01"}
	c := store.SettlementState{Counterparty: 8, LastDate: ledger.DateOf(2025, 5, 5), Body: []byte{1, 0}}
	if !put(f.org.ID, 1, m2, m3, []store.SettlementState{c}, true) {
		t.Fatal("replace not done")
	}
	want(f.org.ID, 1, m3, c)
	// Another role and another organisation have their own.
	if !put(f.org.ID, 2, store.SettlementMark{}, m1, []store.SettlementState{a}, false) || !put(o.org.ID, 1, store.SettlementMark{}, m2, []store.SettlementState{b}, true) {
		t.Fatal("put of another role or organisation not done")
	}
	want(f.org.ID, 1, m3, c)
	want(f.org.ID, 2, m1, a)
	want(o.org.ID, 1, m2, b)

	_, err = s.PutSettlementStates(ctx, f.org.ID, 0, m3, m3, nil, false)
	wantCode(t, err, ledger.EInvalid, "role 0")
	_, err = s.PutSettlementStates(ctx, f.org.ID, 1, m3, store.SettlementMark{Head: 1, Key: strings.Repeat("k", store.MaxSettlementKey+1)}, nil, false)
	wantCode(t, err, ledger.EInvalid, "key too long")
	_, err = s.PutSettlementStates(ctx, ledger.OrgID(9999), 1, store.SettlementMark{}, m1, nil, false)
	wantCode(t, err, ledger.ENotFound, "no organisation")
	want(f.org.ID, 1, m3, c)

	// Two writers from the same mark: one wins, the other writes nothing.
	var wg sync.WaitGroup
	var mu sync.Mutex
	wins := 0
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st := store.SettlementState{Counterparty: ledger.AnalyticID(100 + i), LastDate: 1, Body: []byte{byte(i)}}
			done, err := s.PutSettlementStates(ctx, f.org.ID, 1, m3, store.SettlementMark{Head: int64(30 + i), Key: "v2:62.01"}, []store.SettlementState{st}, false)
			if err != nil {
				t.Error(err)
			}
			if done {
				mu.Lock()
				wins++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	gm, gs, _ := s.SettlementStates(ctx, f.org.ID, 1)
	if wins != 1 || len(gs) != 2 || gm.Head != 30+int64(gs[1].Counterparty-100) {
		t.Fatalf("two writers: %d won; mark %+v states %+v", wins, gm, gs)
	}
}
