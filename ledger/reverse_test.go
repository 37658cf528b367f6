package ledger

import (
	"math"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"hasap/money"
)

// sale is entry 2024/17: a sale of goods in foreign currency with quantity
// and analytics on both sides.
func sale() Entry {
	dt := side("62.01", cpAlpha)
	dt.Currency, dt.CurAmount = "USD", 10000
	kt := side("41.01", item1, store1)
	kt.Qty = 2500
	return Entry{
		Org: 7, Seq: 41, Year: 2024, Number: 17, Date: DateOf(2024, 6, 10),
		Description: "Sale to Alpha", Document: "INV-17", Author: "aman", IdemKey: "k1",
		Postings: []Posting{
			{Debit: dt, Credit: kt, Amount: 350000},
			{Debit: side("001"), Amount: 500},
		},
	}
}

func TestReversalPlain(t *testing.T) {
	e := sale()
	before := cloneEntry(e)
	d := DateOf(2024, 7, 1)
	r, err := e.Reversal(d, false)
	if err != nil {
		t.Fatal(err)
	}
	if r.Org != e.Org || r.Date != d || r.Reverses != e.Seq {
		t.Errorf("Org %d Date %s Reverses %d", r.Org, r.Date, r.Reverses)
	}
	if r.Description != "Reversal of entry 2024/17: Sale to Alpha" {
		t.Errorf("Description %q", r.Description)
	}
	// The store assigns these; the reversal must not inherit them.
	if r.Seq != 0 || r.Number != 0 || r.Year != 0 || r.IdemKey != "" || r.PrevHash != (Hash{}) || r.Hash != (Hash{}) {
		t.Errorf("reversal inherits store fields: %+v", r)
	}
	if len(r.Postings) != len(e.Postings) {
		t.Fatalf("%d postings", len(r.Postings))
	}
	for i, p := range e.Postings {
		q := r.Postings[i]
		if q.Debit != p.Credit || q.Credit != p.Debit || q.Amount != p.Amount {
			t.Errorf("posting %d: %+v is not %+v with sides swapped", i, q, p)
		}
	}
	r.Postings[0].Amount = 1
	if !reflect.DeepEqual(e, before) {
		t.Error("Reversal changed the original or shares its postings")
	}
}

func TestReversalStorno(t *testing.T) {
	e := sale()
	before := cloneEntry(e)
	r, err := e.Reversal(DateOf(2024, 6, 30), true)
	if err != nil {
		t.Fatal(err)
	}
	if r.Description != "Storno of entry 2024/17: Sale to Alpha" || r.Reverses != 41 {
		t.Errorf("Description %q Reverses %d", r.Description, r.Reverses)
	}
	for i, p := range e.Postings {
		q := r.Postings[i]
		if q.Amount != -p.Amount {
			t.Errorf("posting %d: amount %d, want %d", i, q.Amount, -p.Amount)
		}
		for _, s := range []struct{ got, orig Side }{{q.Debit, p.Debit}, {q.Credit, p.Credit}} {
			if s.got.Account != s.orig.Account || s.got.Analytics != s.orig.Analytics || s.got.Currency != s.orig.Currency {
				t.Errorf("posting %d: correspondence changed: %+v, was %+v", i, s.got, s.orig)
			}
			if s.got.CurAmount != -s.orig.CurAmount || s.got.Qty != -s.orig.Qty {
				t.Errorf("posting %d: currency %d qty %d, want %d and %d", i, s.got.CurAmount, s.got.Qty, -s.orig.CurAmount, -s.orig.Qty)
			}
		}
	}
	r.Postings[0].Debit.Qty = 1
	if !reflect.DeepEqual(e, before) {
		t.Error("Reversal changed the original or shares its postings")
	}

	// The storno of the storno is the original again.
	r, _ = e.Reversal(DateOf(2024, 6, 30), true)
	rr, err := r.Reversal(DateOf(2024, 7, 1), true)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rr.Postings, e.Postings) {
		t.Errorf("storno of storno %+v, want %+v", rr.Postings, e.Postings)
	}
}

// TestReversalValidates: the reversal of a valid entry is itself valid.
func TestReversalValidates(t *testing.T) {
	e := sale()
	if err := e.Validate(testOrg(), testChart(), testCatalog); err != nil {
		t.Fatalf("original: %v", err)
	}
	for _, storno := range []bool{false, true} {
		r, err := e.Reversal(DateOf(2024, 7, 1), storno)
		if err != nil {
			t.Fatal(err)
		}
		if err := r.Validate(testOrg(), testChart(), testCatalog); err != nil {
			t.Errorf("storno=%v: %v", storno, err)
		}
	}
}

// TestReversalOutOfRange: the most negative int64 has no negation; a storno
// of it must fail, never wrap.
func TestReversalOutOfRange(t *testing.T) {
	tests := []struct {
		name   string
		change func(p *Posting)
	}{
		{"amount", func(p *Posting) { p.Amount = math.MinInt64 }},
		{"debit currency", func(p *Posting) { p.Debit.CurAmount = math.MinInt64 }},
		{"credit currency", func(p *Posting) { p.Credit.CurAmount = math.MinInt64 }},
		{"debit quantity", func(p *Posting) { p.Debit.Qty = math.MinInt64 }},
		{"credit quantity", func(p *Posting) { p.Credit.Qty = math.MinInt64 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := sale()
			tt.change(&e.Postings[1])
			_, err := e.Reversal(DateOf(2024, 7, 1), true)
			wantCode(t, err, EInvalid)
			// A plain reversal negates nothing and is fine.
			if _, err := e.Reversal(DateOf(2024, 7, 1), false); err != nil {
				t.Errorf("plain reversal: %v", err)
			}
		})
	}
	e := sale()
	e.Postings[0].Amount, e.Postings[0].Debit.CurAmount, e.Postings[0].Credit.Qty = math.MaxInt64, -math.MaxInt64, math.MaxInt64
	r, err := e.Reversal(0, true)
	if err != nil || r.Postings[0].Amount != -math.MaxInt64 || r.Postings[0].Debit.CurAmount != money.Amount(math.MaxInt64) || r.Postings[0].Credit.Qty != -math.MaxInt64 {
		t.Errorf("storno of the int64 extremes: %+v, %v", r.Postings[0], err)
	}
}

func TestReversalLongDescription(t *testing.T) {
	for _, unit := range []string{"d", "ж", "€", "😀"} {
		for shift := 0; shift < utf8.UTFMax; shift++ {
			e := sale()
			long := strings.Repeat("a", shift) + strings.Repeat(unit, MaxTextLen)
			e.Description = TruncateText(long, MaxTextLen)
			for _, storno := range []bool{false, true} {
				r, err := e.Reversal(DateOf(2024, 7, 1), storno)
				if err != nil {
					t.Fatal(err)
				}
				d := r.Description
				if len(d) > MaxTextLen || !utf8.ValidString(d) {
					t.Fatalf("unit %q shift %d: description of %d bytes, valid UTF-8 %v", unit, shift, len(d), utf8.ValidString(d))
				}
				if len(d) <= MaxTextLen-utf8.UTFMax {
					t.Errorf("unit %q shift %d: description cut to %d bytes, more than needed", unit, shift, len(d))
				}
				prefix := "Reversal of entry 2024/17: "
				if storno {
					prefix = "Storno of entry 2024/17: "
				}
				if !strings.HasPrefix(d, prefix) || !strings.HasPrefix(prefix+e.Description, d) {
					t.Errorf("unit %q shift %d: description %q... is not a prefix of the full one", unit, shift, d[:40])
				}
				if err := r.Validate(testOrg(), testChart(), testCatalog); err != nil {
					t.Errorf("unit %q shift %d: reversal does not validate: %v", unit, shift, err)
				}
			}
		}
	}
}

func TestTruncateText(t *testing.T) {
	tests := []struct {
		s    string
		n    int
		want string
	}{
		{"", 0, ""},
		{"", 5, ""},
		{"abc", 3, "abc"},
		{"abc", 10, "abc"},
		{"abc", 2, "ab"},
		{"abc", 0, ""},
		{"жж", 4, "жж"},
		{"жж", 3, "ж"},
		{"жж", 2, "ж"},
		{"жж", 1, ""},
		{"a€b", 3, "a"},
		{"a€b", 4, "a€"},
		{"😀😀", 7, "😀"},
		{"😀", 3, ""},
		{"x\xffy", 2, "x\xff"}, // an invalid byte is a boundary of its own
	}
	for _, tt := range tests {
		if got := TruncateText(tt.s, tt.n); got != tt.want {
			t.Errorf("TruncateText(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
	}
}

// TestTruncateTextProperty: the result is the longest prefix of at most n
// bytes that ends on a character boundary.
func TestTruncateTextProperty(t *testing.T) {
	r := newRand(t)
	for i := 0; i < 5000; i++ {
		s := randomText(r, 20)
		n := r.IntN(len(s) + 2)
		got := TruncateText(s, n)
		if !strings.HasPrefix(s, got) || len(got) > n || !utf8.ValidString(got) {
			t.Fatalf("TruncateText(%q, %d) = %q", s, n, got)
		}
		if len(got) < len(s) {
			_, size := utf8.DecodeRuneInString(s[len(got):])
			if len(got)+size <= n {
				t.Fatalf("TruncateText(%q, %d) = %q: the next character fits", s, n, got)
			}
		}
	}
}
