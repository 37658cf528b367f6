package ledger

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"hasap/money"
)

// mutation changes exactly one thing of an entry. It may find nothing to
// change (say, moving bytes out of an empty string); the caller then skips.
type mutation struct {
	name string
	do   func(r *rand.Rand, e *Entry)
}

// flip64 flips one random bit of v.
func flip64(r *rand.Rand, v int64) int64 { return v ^ 1<<r.IntN(64) }

// flip32 flips one random bit of the low 32 bits, keeping v in int32.
func flip32(r *rand.Rand, v int64) int64 { return int64(int32(uint32(v) ^ 1<<r.IntN(32))) }

func otherText(r *rand.Rand, s string) string {
	switch r.IntN(3) {
	case 0:
		return s + "x"
	case 1:
		if s != "" {
			return s[:len(s)-1]
		}
		return "\x00"
	}
	return randomText(r, 5)
}

// textRefs points at every string of e in encoding order, so that bytes
// can be moved across the boundary of two neighbours.
func textRefs(e *Entry) []*string {
	refs := []*string{&e.Description, &e.Document, &e.Author, &e.IdemKey}
	for i := range e.Postings {
		p := &e.Postings[i]
		refs = append(refs, (*string)(&p.Debit.Account), &p.Debit.Currency, (*string)(&p.Credit.Account), &p.Credit.Currency)
	}
	return refs
}

// randomPosting returns one of e's postings to change; an entry without
// postings gets an empty one instead, which is the change, and nil.
func randomPosting(r *rand.Rand, e *Entry) *Posting {
	if len(e.Postings) == 0 {
		e.Postings = append(e.Postings, Posting{})
		return nil // adding a posting is the change
	}
	return &e.Postings[r.IntN(len(e.Postings))]
}

func randomSideOf(r *rand.Rand, e *Entry) *Side {
	p := randomPosting(r, e)
	if p == nil {
		return nil
	}
	if r.IntN(2) == 0 {
		return &p.Debit
	}
	return &p.Credit
}

var mutations = []mutation{
	{"Org", func(r *rand.Rand, e *Entry) { e.Org = OrgID(flip64(r, int64(e.Org))) }},
	{"Seq", func(r *rand.Rand, e *Entry) { e.Seq = flip64(r, e.Seq) }},
	{"Year", func(r *rand.Rand, e *Entry) { e.Year = int(flip32(r, int64(e.Year))) }},
	{"Number", func(r *rand.Rand, e *Entry) { e.Number = flip64(r, e.Number) }},
	{"Date", func(r *rand.Rand, e *Entry) { e.Date = Date(flip32(r, int64(e.Date))) }},
	{"PostedAt", func(r *rand.Rand, e *Entry) {
		e.PostedAt = e.PostedAt.Add(time.Duration(1+r.IntN(1e6)) * time.Microsecond * time.Duration(1-2*r.IntN(2)))
	}},
	{"Reverses", func(r *rand.Rand, e *Entry) { e.Reverses = flip64(r, e.Reverses) }},
	{"Description", func(r *rand.Rand, e *Entry) { e.Description = otherText(r, e.Description) }},
	{"Document", func(r *rand.Rand, e *Entry) { e.Document = otherText(r, e.Document) }},
	{"Author", func(r *rand.Rand, e *Entry) { e.Author = otherText(r, e.Author) }},
	{"IdemKey", func(r *rand.Rand, e *Entry) { e.IdemKey = otherText(r, e.IdemKey) }},
	{"swap Seq and Number", func(r *rand.Rand, e *Entry) { e.Seq, e.Number = e.Number, e.Seq }},
	{"swap Org and Seq", func(r *rand.Rand, e *Entry) { e.Org, e.Seq = OrgID(e.Seq), int64(e.Org) }},
	{"move bytes between neighbouring strings", func(r *rand.Rand, e *Entry) {
		refs := textRefs(e)
		i := r.IntN(len(refs) - 1)
		a, b := refs[i], refs[i+1]
		if r.IntN(2) == 0 && *a != "" { // "ab"+"c" → "a"+"bc"
			k := 1 + r.IntN(len(*a))
			*a, *b = (*a)[:len(*a)-k], (*a)[len(*a)-k:]+*b
		} else if *b != "" { // "a"+"bc" → "ab"+"c"
			k := 1 + r.IntN(len(*b))
			*a, *b = *a+(*b)[:k], (*b)[k:]
		}
	}},
	{"move bytes between any two strings", func(r *rand.Rand, e *Entry) {
		refs := textRefs(e)
		a, b := refs[r.IntN(len(refs))], refs[r.IntN(len(refs))]
		if a != b && *a != "" {
			*b += (*a)[len(*a)-1:]
			*a = (*a)[:len(*a)-1]
		}
	}},
	{"add posting", func(r *rand.Rand, e *Entry) {
		e.Postings = append(e.Postings, Posting{Debit: randomSide(r), Credit: randomSide(r), Amount: money.Amount(randomInt64(r))})
	}},
	{"add empty posting", func(r *rand.Rand, e *Entry) { e.Postings = append(e.Postings, Posting{}) }},
	{"drop posting", func(r *rand.Rand, e *Entry) {
		if n := len(e.Postings); n > 0 {
			i := r.IntN(n)
			e.Postings = append(e.Postings[:i:i], e.Postings[i+1:]...)
		}
	}},
	{"swap postings", func(r *rand.Rand, e *Entry) {
		if n := len(e.Postings); n > 1 {
			i, j := r.IntN(n), r.IntN(n)
			e.Postings[i], e.Postings[j] = e.Postings[j], e.Postings[i]
		}
	}},
	{"swap sides", func(r *rand.Rand, e *Entry) {
		if p := randomPosting(r, e); p != nil {
			p.Debit, p.Credit = p.Credit, p.Debit
		}
	}},
	{"Amount", func(r *rand.Rand, e *Entry) {
		if p := randomPosting(r, e); p != nil {
			p.Amount = money.Amount(flip64(r, int64(p.Amount)))
		}
	}},
	{"Account", func(r *rand.Rand, e *Entry) {
		if s := randomSideOf(r, e); s != nil {
			s.Account = AccountCode(otherText(r, string(s.Account)))
		}
	}},
	{"Analytics", func(r *rand.Rand, e *Entry) {
		if s := randomSideOf(r, e); s != nil {
			i := r.IntN(MaxAnalytics)
			s.Analytics[i] = AnalyticID(flip64(r, int64(s.Analytics[i])))
		}
	}},
	{"rotate Analytics", func(r *rand.Rand, e *Entry) {
		if s := randomSideOf(r, e); s != nil {
			a := s.Analytics
			s.Analytics = [MaxAnalytics]AnalyticID{a[1], a[2], a[0]}
		}
	}},
	{"Currency", func(r *rand.Rand, e *Entry) {
		if s := randomSideOf(r, e); s != nil {
			s.Currency = otherText(r, s.Currency)
		}
	}},
	{"CurAmount", func(r *rand.Rand, e *Entry) {
		if s := randomSideOf(r, e); s != nil {
			s.CurAmount = money.Amount(flip64(r, int64(s.CurAmount)))
		}
	}},
	{"Qty", func(r *rand.Rand, e *Entry) {
		if s := randomSideOf(r, e); s != nil {
			s.Qty = Quantity(flip64(r, int64(s.Qty)))
		}
	}},
	{"swap CurAmount and Qty", func(r *rand.Rand, e *Entry) {
		if s := randomSideOf(r, e); s != nil {
			s.CurAmount, s.Qty = money.Amount(s.Qty), Quantity(s.CurAmount)
		}
	}},
	{"swap Amount and a CurAmount", func(r *rand.Rand, e *Entry) {
		if p := randomPosting(r, e); p != nil {
			p.Amount, p.Credit.CurAmount = p.Credit.CurAmount, p.Amount
		}
	}},
}

// TestCanonicalInjective: two entries that differ in any one field, or by
// bytes moved between neighbouring strings, never encode alike.
func TestCanonicalInjective(t *testing.T) {
	r := newRand(t)
	tried := map[string]int{}
	for i := 0; i < 20000; i++ {
		e := randomEntry(r)
		f := cloneEntry(e)
		m := mutations[r.IntN(len(mutations))]
		m.do(r, &f)
		if reflect.DeepEqual(e, f) {
			continue
		}
		tried[m.name]++
		a, b := e.AppendCanonical(nil), f.AppendCanonical(nil)
		if bytes.Equal(a, b) {
			t.Fatalf("%s: different entries encode alike:\n%+v\n%+v", m.name, e, f)
		}
		ha, _ := e.ComputeHash(Hash{}, nil)
		hb, _ := f.ComputeHash(Hash{}, nil)
		if ha == hb {
			t.Fatalf("%s: different entries hash alike", m.name)
		}
	}
	for _, m := range mutations {
		if tried[m.name] < 100 {
			t.Errorf("mutation %q changed an entry only %d times", m.name, tried[m.name])
		}
	}
	// Independent pairs, and a clone, for good measure.
	for i := 0; i < 5000; i++ {
		e, f := randomEntry(r), randomEntry(r)
		same := bytes.Equal(e.AppendCanonical(nil), f.AppendCanonical(nil))
		if same != reflect.DeepEqual(e, f) {
			t.Fatalf("encodings equal %v, entries equal %v:\n%+v\n%+v", same, !same, e, f)
		}
		if c := cloneEntry(e); !bytes.Equal(c.AppendCanonical(nil), e.AppendCanonical(nil)) {
			t.Fatal("a clone encodes differently")
		}
	}
}

// TestCanonicalIgnores: what the encoding deliberately leaves out. The hash
// fields are not part of it; PostedAt counts in whole microseconds in any
// time zone, the precision both stores keep (the store truncates before it
// seals, so an entry read back hashes the same).
func TestCanonicalIgnores(t *testing.T) {
	e := sale()
	e.PostedAt = time.Date(2024, 6, 10, 9, 30, 0, 123456000, time.UTC)
	want := e.AppendCanonical(nil)
	f := cloneEntry(e)
	f.PrevHash, f.Hash = Hash{1}, Hash{2}
	f.PostedAt = e.PostedAt.Add(999 * time.Nanosecond).In(time.FixedZone("TMT", 5*3600))
	if !bytes.Equal(f.AppendCanonical(nil), want) {
		t.Error("hash fields, sub-microsecond time or time zone change the encoding")
	}
	f.PostedAt = e.PostedAt.Add(time.Microsecond)
	if bytes.Equal(f.AppendCanonical(nil), want) {
		t.Error("a microsecond of PostedAt does not change the encoding")
	}
	var empty Entry
	if e1, e2 := empty.AppendCanonical(nil), (&Entry{Postings: []Posting{}}).AppendCanonical(nil); !bytes.Equal(e1, e2) {
		t.Error("nil and empty postings encode differently")
	}
}

// TestCanonicalGolden pins the encoding: existing chains must stay
// verifiable. If this fails because the encoding was changed on purpose,
// change encodingVersion too, and keep a way to verify the old chains.
func TestCanonicalGolden(t *testing.T) {
	e := sale()
	e.PostedAt = time.Date(2024, 6, 10, 9, 30, 0, 123456000, time.UTC)
	prev, _ := ParseHash("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff")
	enc := e.AppendCanonical(nil)
	if !bytes.HasPrefix(enc, []byte("\x00\x00\x00\x0ehasap-entry-v1")) {
		t.Errorf("encoding starts %q", enc[:18])
	}
	h, _ := e.ComputeHash(prev, nil)
	const want = "2dd7e587a640a6fcd74abc8e5755fdedbf86c82f67bf9fc35606e4bd982bfa37"
	if h.String() != want {
		t.Errorf("hash of the golden entry is %s, want %s: the canonical encoding changed", h, want)
	}
	// The format written out by hand: big-endian integers, strings with a
	// 32-bit length.
	var w []byte
	u32 := func(v uint32) { w = append(w, byte(v>>24), byte(v>>16), byte(v>>8), byte(v)) }
	u64 := func(v int64) { u32(uint32(uint64(v) >> 32)); u32(uint32(v)) }
	str := func(s string) { u32(uint32(len(s))); w = append(w, s...) }
	sd := func(acc string, an [3]int64, cur string, curAmt, qty int64) {
		str(acc)
		for _, a := range an {
			u64(a)
		}
		str(cur)
		u64(curAmt)
		u64(qty)
	}
	str("hasap-entry-v1")
	u64(7)                           // Org
	u64(41)                          // Seq
	u32(2024)                        // Year
	u64(17)                          // Number
	u32(uint32(DateOf(2024, 6, 10))) // Date
	str("Sale to Alpha")             // Description
	str("INV-17")                    // Document
	str("aman")                      // Author
	u64(e.PostedAt.UnixMicro())      // PostedAt
	str("k1")                        // IdemKey
	u64(0)                           // Reverses
	u32(2)                           // postings
	sd("62.01", [3]int64{int64(cpAlpha)}, "USD", 10000, 0)
	sd("41.01", [3]int64{int64(item1), int64(store1)}, "", 0, 2500)
	u64(350000)
	sd("001", [3]int64{}, "", 0, 0)
	sd("", [3]int64{}, "", 0, 0)
	u64(500)
	if !bytes.Equal(enc, w) {
		t.Errorf("encoding\n%x\nwant\n%x", enc, w)
	}
	// version 18, five integers 32, Description 17, Document 10, Author 8,
	// PostedAt 8, IdemKey 6, Reverses 8, posting count 4 = 111; a side is
	// 48 bytes plus its account and currency: 62.01/USD 56 + 41.01 53 +
	// amount 8 = 117; 001 51 + empty 48 + amount 8 = 107.
	if len(enc) != 111+117+107 {
		t.Errorf("encoding is %d bytes, want %d", len(enc), 111+117+107)
	}
}

func TestComputeHashAndSeal(t *testing.T) {
	r := newRand(t)
	garbage := bytes.Repeat([]byte{0xAA}, 300)
	for i := 0; i < 500; i++ {
		e := randomEntry(r)
		var prev Hash
		for j := range prev {
			prev[j] = byte(r.Uint32())
		}
		enc := e.AppendCanonical(nil)
		want := sha256.Sum256(append(append([]byte(nil), prev[:]...), enc...))
		h1, buf := e.ComputeHash(prev, nil)
		h2, _ := e.ComputeHash(prev, buf)
		h3, _ := e.ComputeHash(prev, append([]byte(nil), garbage...))
		if h1 != Hash(want) || h2 != h1 || h3 != h1 {
			t.Fatalf("ComputeHash: %s %s %s, want %x", h1, h2, h3, want)
		}
		if got := e.AppendCanonical([]byte("head")); !bytes.Equal(got, append([]byte("head"), enc...)) {
			t.Fatal("AppendCanonical does not append")
		}
		if other, _ := e.ComputeHash(Hash{prev[0] ^ 1}, nil); other == h1 {
			t.Fatal("the previous hash does not change the hash")
		}
		s := cloneEntry(e)
		s.Seal(prev, garbage)
		if s.PrevHash != prev || s.Hash != h1 {
			t.Fatalf("Seal set %s / %s", s.PrevHash, s.Hash)
		}
	}
}

func TestParseHash(t *testing.T) {
	var h Hash
	for i := range h {
		h[i] = byte(i * 7)
	}
	got, err := ParseHash(h.String())
	if err != nil || got != h {
		t.Fatalf("ParseHash(String()) = %s, %v", got, err)
	}
	if up, err := ParseHash(fmt.Sprintf("%X", h[:])); err != nil || up != h {
		t.Errorf("upper-case hex: %s, %v", up, err)
	}
	for _, s := range []string{"", "00", h.String()[1:], h.String() + "00", "zz" + h.String()[2:]} {
		_, err := ParseHash(s)
		wantCode(t, err, EInvalid)
	}
}
