package settle

import (
	"math/rand/v2"
	"os"
	"reflect"
	"strconv"
	"testing"
	"time"

	"hasap/ledger"
	"hasap/money"
)

// newRand returns a generator seeded from the clock, or from HASAP_SEED,
// and logs the seed so that a failing run can be repeated.
func newRand(t testing.TB) *rand.Rand {
	t.Helper()
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("HASAP_SEED"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("HASAP_SEED=%q: %v", s, err)
		}
		seed = v
	}
	t.Logf("seed %d (repeat with HASAP_SEED=%d)", seed, seed)
	return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}

// randomBooks makes the settlement movements of a few counterparties:
// documents (each on one role and contract, sometimes created from an
// earlier document), some unposted by a red storno and posted again at
// another date and amount, and entries typed by hand, some reversed.
func randomBooks(rnd *rand.Rand) []Movement {
	var ms []Movement
	seq := int64(0)
	roles := []Role{Customer, Supplier, Other}
	nDocs := rnd.IntN(40)
	var ids []int64
	for id := int64(1); id <= int64(nDocs); id++ {
		m := Movement{
			Counterparty: ledger.AnalyticID(1 + rnd.IntN(2)),
			Contract:     ledger.AnalyticID(rnd.IntN(3)),
			Role:         roles[rnd.IntN(3)],
			Account:      "62.01",
			Date:         ledger.DateOf(2025, 1, 1) + ledger.Date(rnd.IntN(60)),
			Debit:        rnd.IntN(2) == 0,
			Amount:       money.Amount(1 + rnd.IntN(1000)),
			Document:     "doc/" + strconv.FormatInt(id, 10),
			DocID:        id,
		}
		if len(ids) > 0 && rnd.IntN(3) == 0 {
			m.BasedOn = ids[rnd.IntN(len(ids))]
		}
		ids = append(ids, id)
		seq++
		m.Seq, m.Line = seq, 1
		ms = append(ms, m)
		if rnd.IntN(4) == 0 { // a second line of the same entry
			m2 := m
			m2.Line, m2.Amount, m2.Debit = 2, money.Amount(1+rnd.IntN(300)), rnd.IntN(2) == 0
			ms = append(ms, m2)
		}
		switch rnd.IntN(5) {
		case 0: // unposted
			seq++
			s := m
			s.Seq, s.Amount, s.Date = seq, -m.Amount, m.Date+ledger.Date(rnd.IntN(5))
			ms = append(ms, s)
		case 1: // unposted and posted again
			seq++
			s := m
			s.Seq, s.Amount = seq, -m.Amount
			ms = append(ms, s)
			seq++
			p := m
			p.Seq, p.Amount, p.Date = seq, money.Amount(1+rnd.IntN(1000)), m.Date+ledger.Date(rnd.IntN(10))
			ms = append(ms, p)
		}
	}
	for i := rnd.IntN(10); i > 0; i-- {
		seq++
		m := Movement{Counterparty: ledger.AnalyticID(1 + rnd.IntN(2)), Role: Other, Account: "76.05",
			Date: ledger.DateOf(2025, 1, 1) + ledger.Date(rnd.IntN(60)), Seq: seq, Line: 1,
			Debit: rnd.IntN(2) == 0, Amount: money.Amount(1 + rnd.IntN(1000))}
		ms = append(ms, m)
		if rnd.IntN(3) == 0 {
			seq++
			r := m
			r.Seq, r.Reverses, r.Debit = seq, m.Seq, !m.Debit
			ms = append(ms, r)
		}
	}
	return ms
}

// signed is a movement's amount towards the debit.
func signed(m Movement) money.Amount {
	if m.Debit {
		return m.Amount
	}
	return -m.Amount
}

func TestSettleProperties(t *testing.T) {
	rnd := newRand(t)
	for run := 0; run < 400; run++ {
		ms := randomBooks(rnd)
		r, err := Settle(ms)
		if err != nil {
			t.Fatal(err)
		}
		checkSettled(t, ms, r)

		// The order the movements come in changes nothing.
		shuffled := append([]Movement(nil), ms...)
		rnd.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		r2, err := Settle(shuffled)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(r, r2) {
			t.Fatalf("run %d: the order of the movements changed the result", run)
		}
		checkAct(t, rnd, ms, r)
	}
}

// checkSettled checks what must hold of any settlement.
func checkSettled(t *testing.T, ms []Movement, r Result) {
	t.Helper()
	// The open items (receivables and advances paid less payables and
	// advances received) are each counterparty's balance.
	want := map[ledger.AnalyticID]money.Amount{}
	for _, m := range ms {
		want[m.Counterparty] += signed(m)
	}
	bal, err := r.Balances()
	if err != nil {
		t.Fatal(err)
	}
	for cp, w := range want {
		net, err := bal[cp].Net()
		if err != nil || net != w {
			t.Fatalf("counterparty %d: open items net %d (%v), movements %d", cp, net, err, w)
		}
	}
	// Nothing settles twice: each item's matches add up to what of it is
	// settled; a match joins a debit and a credit item of one counterparty,
	// role and contract.
	settled := make([]money.Amount, len(r.Items))
	for _, m := range r.Matches {
		d, c := r.Items[m.Debit], r.Items[m.Credit]
		if m.Amount <= 0 || !d.Debit || c.Debit || groupOf(d) != groupOf(c) {
			t.Fatalf("bad match %+v of %+v and %+v", m, d, c)
		}
		settled[m.Debit] += m.Amount
		settled[m.Credit] += m.Amount
	}
	open := map[group][2]bool{}
	for i, it := range r.Items {
		if it.Amount <= 0 || it.Open < 0 || it.Amount-it.Open != settled[i] {
			t.Fatalf("item %+v: settled %d by its matches", it, settled[i])
		}
		if i > 0 && !before(r.Items[i-1], it) {
			t.Fatalf("items out of order at %d", i)
		}
		if it.Open > 0 {
			o := open[groupOf(it)]
			if it.Debit {
				o[1] = true
			} else {
				o[0] = true
			}
			if o[0] && o[1] {
				t.Fatalf("group %+v has open items on both sides", groupOf(it))
			}
			open[groupOf(it)] = o
		}
	}
}

// checkAct checks that the acts of two adjacent periods join, that their
// turnover is their lines' and that the closing balance of an act to the
// end is the open items' net.
func checkAct(t *testing.T, rnd *rand.Rand, ms []Movement, r Result) {
	t.Helper()
	bal, err := r.Balances()
	if err != nil {
		t.Fatal(err)
	}
	for _, cp := range []ledger.AnalyticID{1, 2} {
		var own []Movement
		for _, m := range ms {
			if m.Counterparty == cp {
				own = append(own, m)
			}
		}
		mid := ledger.DateOf(2025, 1, 1) + ledger.Date(rnd.IntN(70))
		a1, err := Reconcile(own, ledger.NoDate, mid-1)
		if err != nil {
			t.Fatal(err)
		}
		a2, err := Reconcile(own, mid, ledger.NoDate)
		if err != nil {
			t.Fatal(err)
		}
		net, _ := bal[cp].Net()
		if a1.Opening != 0 || a2.Opening != a1.Closing || a2.Closing != net {
			t.Fatalf("acts do not join: %d→%d, %d→%d, open items %d", a1.Opening, a1.Closing, a2.Opening, a2.Closing, net)
		}
		for _, a := range []Act{a1, a2} {
			var dt, kt money.Amount
			for _, l := range a.Lines {
				if l.Debit == 0 && l.Credit == 0 || l.Date < a.From && a.From != ledger.NoDate || l.Date > a.To && a.To != ledger.NoDate {
					t.Fatalf("line %+v in act %s..%s", l, a.From, a.To)
				}
				dt += l.Debit
				kt += l.Credit
			}
			if dt != a.Debit || kt != a.Credit || a.Opening+dt-kt != a.Closing {
				t.Fatalf("act %+v does not add up", a)
			}
		}
	}
}

func FuzzSettle(f *testing.F) {
	f.Add(uint64(1))
	f.Add(uint64(20251126))
	f.Fuzz(func(t *testing.T, seed uint64) {
		ms := randomBooks(rand.New(rand.NewPCG(seed, seed)))
		r, err := Settle(ms)
		if err != nil {
			t.Fatal(err)
		}
		checkSettled(t, ms, r)
	})
}
