package ledger

import (
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"hasap/money"
)

const chainOrg OrgID = 7

// head is what the store records beside the chain: last seq, its hash, and
// the last number of each fiscal year.
type head struct {
	seq   int64
	hash  Hash
	years map[int]int64
}

// buildChain posts n random entries over 2023–2025 the way the store does:
// seq, year and gapless number assigned in order, PostedAt in microseconds,
// each sealed onto the previous hash.
func buildChain(r *rand.Rand, n int) ([]Entry, head) {
	es := make([]Entry, n)
	for i := range es {
		es[i] = bookEntry(r, DateOf(2023, 1, 1), 3*365)
		es[i].Org = chainOrg
		es[i].PostedAt = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Second).Add(time.Duration(r.IntN(1e6)) * time.Microsecond)
		if r.IntN(10) == 0 && i > 0 {
			es[i].Reverses = int64(1 + r.IntN(i))
		}
	}
	return es, reseal(es, 0)
}

// reseal renumbers and re-hashes es from index from on, as someone with
// write access to the database and the code would, and returns the head
// record to match.
func reseal(es []Entry, from int) head {
	years := headOf(es[:from]).years
	for i := from; i < len(es); i++ {
		e := &es[i]
		e.Seq = int64(i + 1)
		e.Year = e.Date.Year()
		e.Number = years[e.Year] + 1
		years[e.Year] = e.Number
	}
	rehash(es, from)
	return headOf(es)
}

// rehash re-seals es from index from on, keeping every other field.
func rehash(es []Entry, from int) {
	var buf []byte
	for i := from; i < len(es); i++ {
		var prev Hash
		if i > 0 {
			prev = es[i-1].Hash
		}
		buf = es[i].Seal(prev, buf)
	}
}

// headOf returns the head record that matches es.
func headOf(es []Entry) head {
	h := head{years: map[int]int64{}}
	for _, e := range es {
		h.years[e.Year] = e.Number
	}
	if len(es) > 0 {
		h.seq, h.hash = es[len(es)-1].Seq, es[len(es)-1].Hash
	}
	return h
}

// verifyChain feeds es to a fresh verifier and returns the index of the
// entry Add refused, or -1 with CheckHead's answer.
func verifyChain(es []Entry, h head, cp *Entry) (int, error, *Verifier) {
	v := NewVerifier(chainOrg)
	if cp != nil {
		v.ExpectCheckpoint(cp.Seq, cp.Hash)
	}
	for i := range es {
		if err := v.Add(&es[i]); err != nil {
			return i, err, v
		}
	}
	return -1, v.CheckHead(h.seq, h.hash, h.years), v
}

func cloneChain(es []Entry) []Entry {
	out := make([]Entry, len(es))
	for i := range es {
		out[i] = cloneEntry(es[i])
	}
	return out
}

// tamper changes a verified chain in one way. It returns the changed chain,
// the head record the verifier is given, an optional checkpoint, and where
// the verifier must first complain: an index into the changed chain, or -1
// for CheckHead.
type tamper struct {
	name string
	do   func(r *rand.Rand, es []Entry, h head) ([]Entry, head, *Entry, int)
}

func pick(r *rand.Rand, es []Entry) int { return r.IntN(len(es)) }

// content returns a tamper that changes entry k in place without resealing.
func content(name string, change func(r *rand.Rand, e *Entry)) tamper {
	return tamper{name, func(r *rand.Rand, es []Entry, h head) ([]Entry, head, *Entry, int) {
		k := pick(r, es)
		change(r, &es[k])
		return es, h, nil, k
	}}
}

var tampers = []tamper{
	content("posting amount", func(r *rand.Rand, e *Entry) {
		e.Postings[r.IntN(len(e.Postings))].Amount += 1 + money.Amount(r.IntN(100))
	}),
	content("posting sign", func(r *rand.Rand, e *Entry) { p := &e.Postings[r.IntN(len(e.Postings))]; p.Amount = -p.Amount - 1 }),
	content("debit account", func(r *rand.Rand, e *Entry) { e.Postings[0].Debit.Account += "9" }),
	content("swap sides", func(r *rand.Rand, e *Entry) {
		p := &e.Postings[0]
		p.Debit, p.Credit = p.Credit, p.Debit
		p.Debit.Account += "x" // sides may be equal; make sure something changed
	}),
	content("quantity", func(r *rand.Rand, e *Entry) { e.Postings[0].Credit.Qty++ }),
	content("currency amount", func(r *rand.Rand, e *Entry) { e.Postings[0].Debit.CurAmount-- }),
	content("analytic", func(r *rand.Rand, e *Entry) { e.Postings[0].Debit.Analytics[2]++ }),
	content("drop a posting", func(r *rand.Rand, e *Entry) { e.Postings = e.Postings[1:] }),
	content("add a posting", func(r *rand.Rand, e *Entry) { e.Postings = append(e.Postings, e.Postings[0]) }),
	content("description", func(r *rand.Rand, e *Entry) { e.Description += "!" }),
	content("document", func(r *rand.Rand, e *Entry) { e.Document = "INV-" + e.Document }),
	content("author", func(r *rand.Rand, e *Entry) { e.Author = "mallory" }),
	content("date", func(r *rand.Rand, e *Entry) { e.Date++ }),
	content("posted at", func(r *rand.Rand, e *Entry) { e.PostedAt = e.PostedAt.Add(-time.Microsecond) }),
	content("reverses", func(r *rand.Rand, e *Entry) { e.Reverses++ }),
	content("idempotency key", func(r *rand.Rand, e *Entry) { e.IdemKey = "replay" }),
	content("hash", func(r *rand.Rand, e *Entry) { e.Hash[r.IntN(len(e.Hash))] ^= 1 }),
	content("previous hash", func(r *rand.Rand, e *Entry) { e.PrevHash[r.IntN(len(e.PrevHash))] ^= 0x80 }),
	content("organisation", func(r *rand.Rand, e *Entry) { e.Org++ }),
	content("year", func(r *rand.Rand, e *Entry) { e.Year++ }),
	content("number", func(r *rand.Rand, e *Entry) { e.Number++ }),
	content("seq", func(r *rand.Rand, e *Entry) { e.Seq += 1 + int64(r.IntN(2))*-2 }),
	{"swap two entries", func(r *rand.Rand, es []Entry, h head) ([]Entry, head, *Entry, int) {
		i, j := pick(r, es), pick(r, es)
		for i == j {
			j = pick(r, es)
		}
		es[i], es[j] = es[j], es[i]
		return es, h, nil, min(i, j)
	}},
	{"drop an entry", func(r *rand.Rand, es []Entry, h head) ([]Entry, head, *Entry, int) {
		k := pick(r, es)
		es = slices.Delete(es, k, k+1)
		if k == len(es) {
			return es, h, nil, -1 // the last: only the recorded head tells
		}
		return es, h, nil, k
	}},
	{"duplicate an entry", func(r *rand.Rand, es []Entry, h head) ([]Entry, head, *Entry, int) {
		k := pick(r, es)
		es = slices.Insert(es, k+1, cloneEntry(es[k]))
		return es, h, nil, k + 1
	}},
	{"number gap, resealed", func(r *rand.Rand, es []Entry, h head) ([]Entry, head, *Entry, int) {
		k := pick(r, es)
		es[k].Number += 1 + int64(r.IntN(2))*-2 // a gap, or a number used twice
		rehash(es, k)
		return es, headOf(es), nil, k
	}},
	{"year does not match date, resealed", func(r *rand.Rand, es []Entry, h head) ([]Entry, head, *Entry, int) {
		k := pick(r, es)
		es[k].Year, es[k].Number = 2099, 1
		rehash(es, k)
		return es, headOf(es), nil, k
	}},
	{"truncate with the head rewritten, checkpoint at the old head", func(r *rand.Rand, es []Entry, h head) ([]Entry, head, *Entry, int) {
		cp := es[len(es)-1]
		es = es[:pick(r, es)]
		return es, headOf(es), &cp, -1
	}},
	{"history rewritten and resealed, checkpoint after it", func(r *rand.Rand, es []Entry, h head) ([]Entry, head, *Entry, int) {
		k := pick(r, es)
		c := k + r.IntN(len(es)-k)
		cp := es[c]
		es[k].Postings[0].Amount++
		return es, reseal(es, k), &cp, c
	}},
	{"tail deleted, head stale", func(r *rand.Rand, es []Entry, h head) ([]Entry, head, *Entry, int) {
		return es[:pick(r, es)], h, nil, -1
	}},
	{"entry appended outside Hasap", func(r *rand.Rand, es []Entry, h head) ([]Entry, head, *Entry, int) {
		extra := cloneEntry(es[len(es)-1])
		extra.Seq++
		extra.Number = h.years[extra.Year] + 1
		extra.Seal(es[len(es)-1].Hash, nil)
		return append(es, extra), h, nil, -1
	}},
	{"head hash wrong", func(r *rand.Rand, es []Entry, h head) ([]Entry, head, *Entry, int) {
		h.hash[0] ^= 1
		return es, h, nil, -1
	}},
	{"head seq behind", func(r *rand.Rand, es []Entry, h head) ([]Entry, head, *Entry, int) {
		h.seq--
		return es, h, nil, -1
	}},
	{"head year number wrong", func(r *rand.Rand, es []Entry, h head) ([]Entry, head, *Entry, int) {
		h.years = maps.Clone(h.years)
		h.years[es[0].Year]++
		return es, h, nil, -1
	}},
	{"head year missing", func(r *rand.Rand, es []Entry, h head) ([]Entry, head, *Entry, int) {
		h.years = maps.Clone(h.years)
		delete(h.years, es[pick(r, es)].Year)
		return es, h, nil, -1
	}},
	{"head year extra", func(r *rand.Rand, es []Entry, h head) ([]Entry, head, *Entry, int) {
		h.years = maps.Clone(h.years)
		h.years[1999] = 1
		return es, h, nil, -1
	}},
}

// TestVerifierProperty builds random chains, checks they verify untouched,
// then applies each tamper and checks the verifier refuses with ETampered at
// exactly the first changed place.
func TestVerifierProperty(t *testing.T) {
	r := newRand(t)
	for trial := 0; trial < 60; trial++ {
		es, h := buildChain(r, 2+r.IntN(40))
		pos, err, v := verifyChain(es, h, nil)
		if err != nil {
			t.Fatalf("trial %d: untouched chain fails at %d: %v", trial, pos, err)
		}
		if v.Seq() != h.seq || v.Head() != h.hash {
			t.Fatalf("trial %d: verifier at %d %s, chain at %d %s", trial, v.Seq(), v.Head(), h.seq, h.hash)
		}
		var postings int64
		for _, e := range es {
			postings += int64(len(e.Postings))
		}
		if v.Postings != postings {
			t.Fatalf("trial %d: %d postings counted, %d posted", trial, v.Postings, postings)
		}
		tot, days := naiveTotals(es)
		if err := v.CheckTotals(Totals(tot).Rows()); err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		if err := v.CheckDayTotals(days); err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		// A checkpoint anywhere on an untouched chain is fine.
		cp := es[pick(r, es)]
		if pos, err, _ := verifyChain(es, h, &cp); err != nil {
			t.Fatalf("trial %d: untouched chain with checkpoint at %d fails at %d: %v", trial, cp.Seq, pos, err)
		}

		for _, tm := range tampers {
			bad, bh, bcp, want := tm.do(r, cloneChain(es), h)
			pos, err, _ := verifyChain(bad, bh, bcp)
			if !IsCode(err, ETampered) {
				t.Fatalf("trial %d, %s: verifier says %v (code %q), want tampered", trial, tm.name, err, ErrorCode(err))
			}
			if pos != want {
				t.Fatalf("trial %d, %s: refused at %d (%v), want at %d", trial, tm.name, pos, err, want)
			}
		}
	}
}

func TestVerifierChecksTotals(t *testing.T) {
	r := newRand(t)
	es, h := buildChain(r, 30)
	_, err, v := verifyChain(es, h, nil)
	if err != nil {
		t.Fatal(err)
	}
	tot, days := naiveTotals(es)
	rows := Totals(tot).Rows()

	changed := slices.Clone(rows)
	changed[r.IntN(len(changed))].CreditQty++
	wantCode(t, v.CheckTotals(changed), ETampered)

	k := r.IntN(len(rows))
	for rows[k].IsZero() {
		k = r.IntN(len(rows))
	}
	wantCode(t, v.CheckTotals(slices.Delete(slices.Clone(rows), k, k+1)), ETampered)

	extra := append(slices.Clone(rows), TotalRow{TotalKey{Account: "99", Month: 202401}, Turnover{Debit: 1}})
	wantCode(t, v.CheckTotals(extra), ETampered)
	zero := append(slices.Clone(rows), TotalRow{Key: TotalKey{Account: "99", Month: 202401}})
	wantCode(t, v.CheckTotals(zero), "")
	wantCode(t, v.CheckTotals(nil), ETampered)

	d2 := maps.Clone(days)
	for k := range d2 {
		d2[k] = Turnover{Debit: d2[k].Debit + 1}
		break
	}
	wantCode(t, v.CheckDayTotals(d2), ETampered)
	d3 := maps.Clone(days)
	for k, t := range d3 {
		if !t.IsZero() {
			delete(d3, k)
			break
		}
	}
	wantCode(t, v.CheckDayTotals(d3), ETampered)
	d4 := maps.Clone(days)
	d4[DayKey{"99", "", DateOf(2024, 1, 1)}] = Turnover{Credit: 5}
	wantCode(t, v.CheckDayTotals(d4), ETampered)
	d4[DayKey{"99", "", DateOf(2024, 1, 1)}] = Turnover{}
	wantCode(t, v.CheckDayTotals(d4), "")
}

// TestVerifierTotalsOverflow: an entry whose totals would overflow is
// refused even though its hash is right.
func TestVerifierTotalsOverflow(t *testing.T) {
	es := []Entry{
		{Org: chainOrg, Date: DateOf(2024, 1, 1), Postings: []Posting{{Debit: side("50"), Credit: side("51"), Amount: math.MaxInt64}}},
		{Org: chainOrg, Date: DateOf(2024, 1, 2), Postings: []Posting{{Debit: side("50"), Credit: side("51"), Amount: 1}}},
	}
	h := reseal(es, 0)
	pos, err, _ := verifyChain(es, h, nil)
	if pos != 1 || !IsCode(err, ETampered) {
		t.Errorf("refused at %d: %v", pos, err)
	}
}

func TestVerifierEmptyChain(t *testing.T) {
	v := NewVerifier(chainOrg)
	wantCode(t, v.CheckHead(0, Hash{}, nil), "")
	wantCode(t, v.CheckHead(1, Hash{}, nil), ETampered)
	wantCode(t, v.CheckTotals(nil), "")
	wantCode(t, v.CheckDayTotals(nil), "")
	v.ExpectCheckpoint(1, Hash{1})
	wantCode(t, v.CheckHead(0, Hash{}, nil), ETampered)
}
