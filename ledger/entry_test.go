package ledger

import (
	"strings"
	"testing"

	"hasap/money"
)

// TestEntryValidate walks every rule of Entry.Validate. Each case starts
// from a valid one-posting entry "Dt 50 Kt 51 100.00" dated after the lock
// date and changes one thing.
func TestEntryValidate(t *testing.T) {
	lock := DateOf(2024, 3, 31)
	p := func(dt, kt Side, amount int64) Posting {
		return Posting{Debit: dt, Credit: kt, Amount: money.Amount(amount)}
	}
	one := func(ps ...Posting) func(e *Entry, o *Org) { return func(e *Entry, o *Org) { e.Postings = ps } }
	withCur := func(s Side, cur string, amt int64) Side { s.Currency, s.CurAmount = cur, money.Amount(amt); return s }
	withQty := func(s Side, q Quantity) Side { s.Qty = q; return s }
	tests := []struct {
		name   string
		change func(e *Entry, o *Org)
		want   Code
	}{
		{"valid", func(e *Entry, o *Org) {}, ""},

		// limits
		{"no postings", one(), EInvalid},
		{"nil postings", func(e *Entry, o *Org) { e.Postings = nil }, EInvalid},
		{"max postings", func(e *Entry, o *Org) { e.Postings = repeatPosting(e.Postings[0], MaxPostingsPerEntry) }, ""},
		{"too many postings", func(e *Entry, o *Org) { e.Postings = repeatPosting(e.Postings[0], MaxPostingsPerEntry+1) }, EInvalid},
		{"description at limit", func(e *Entry, o *Org) { e.Description = strings.Repeat("ж", MaxTextLen/2) }, ""},
		{"description too long", func(e *Entry, o *Org) { e.Description = strings.Repeat("d", MaxTextLen+1) }, EInvalid},
		{"document too long", func(e *Entry, o *Org) { e.Document = strings.Repeat("d", MaxTextLen+1) }, EInvalid},
		{"author too long", func(e *Entry, o *Org) { e.Author = strings.Repeat("a", MaxTextLen+1) }, EInvalid},
		{"description not UTF-8", func(e *Entry, o *Org) { e.Description = "ok\xff" }, EInvalid},
		{"document not UTF-8", func(e *Entry, o *Org) { e.Document = "\xd0" }, EInvalid},
		{"author not UTF-8", func(e *Entry, o *Org) { e.Author = "\xc3\x28" }, EInvalid},
		{"idem key at limit", func(e *Entry, o *Org) { e.IdemKey = strings.Repeat("k", MaxIdemKeyLen) }, ""},
		{"idem key too long", func(e *Entry, o *Org) { e.IdemKey = strings.Repeat("k", MaxIdemKeyLen+1) }, EInvalid},
		{"year 1900", func(e *Entry, o *Org) { o.LockDate, e.Date = NoDate, DateOf(1900, 1, 1) }, ""},
		{"year 1899", func(e *Entry, o *Org) { o.LockDate, e.Date = NoDate, DateOf(1899, 12, 31) }, EInvalid},
		{"year 9999", func(e *Entry, o *Org) { e.Date = DateOf(9999, 12, 31) }, ""},
		{"year 10000", func(e *Entry, o *Org) { e.Date = DateOf(10000, 1, 1) }, EInvalid},
		{"NoDate as entry date", func(e *Entry, o *Org) { o.LockDate, e.Date = NoDate, NoDate }, EInvalid},

		// lock date
		{"day after lock date", func(e *Entry, o *Org) { e.Date = lock + 1 }, ""},
		{"on lock date", func(e *Entry, o *Org) { e.Date = lock }, ELocked},
		{"before lock date", func(e *Entry, o *Org) { e.Date = DateOf(2023, 12, 31) }, ELocked},
		{"no lock date", func(e *Entry, o *Org) { o.LockDate, e.Date = NoDate, DateOf(2001, 1, 1) }, ""},
		{"locked wins over a bad posting", func(e *Entry, o *Org) { e.Date = lock; e.Postings[0].Debit.Account = "nope" }, ELocked},

		// accounts
		{"unknown debit account", one(p(side("59"), side("51"), 100)), ENotFound},
		{"unknown credit account", one(p(side("50"), side("59"), 100)), ENotFound},
		{"group debit account", one(p(side("60"), side("51"), 100)), EInvalid},
		{"group credit account", one(p(side("50"), side("62"), 100)), EInvalid},
		{"inactive debit account", one(p(side("58"), side("51"), 100)), EInvalid},
		{"inactive credit account", one(p(side("50"), side("58"), 100)), EInvalid},
		{"no account either side", one(p(Side{}, Side{}, 100)), EInvalid},
		{"same account both sides", one(p(side("51"), side("51"), 100)), ""},

		// analytics
		{"analytics given", one(p(side("62.01", cpAlpha), side("90.01"), 100)), ""},
		{"two analytics given", one(p(side("51"), side("60.01", cpBeta, contract1), 100)), ""},
		{"analytic required", one(p(side("62.01"), side("90.01"), 100)), EInvalid},
		{"second analytic required", one(p(side("51"), side("60.01", cpBeta), 100)), EInvalid},
		{"first analytic missing second given", one(p(side("51"), side("60.01", 0, contract1), 100)), EInvalid},
		{"analytic on account without", one(p(side("50", cpAlpha), side("51"), 100)), EInvalid},
		{"analytic in third slot only", one(p(side("50", 0, 0, cpAlpha), side("51"), 100)), EInvalid},
		{"extra analytic", one(p(side("62.01", cpAlpha, item1), side("90.01"), 100)), EInvalid},
		{"analytic of wrong kind", one(p(side("62.01", item1), side("90.01"), 100)), EInvalid},
		{"analytics in wrong order", one(p(side("51"), side("60.01", contract1, cpBeta), 100)), EInvalid},
		{"analytic not in catalog", one(p(side("62.01", unknownID), side("90.01"), 100)), EInvalid},
		{"negative analytic id", one(p(side("62.01", -1), side("90.01"), 100)), EInvalid},

		// currency
		{"currency amount", one(p(withCur(side("52"), "USD", 1000), side("51"), 20000)), ""},
		{"currency without amount in it", one(p(withCur(side("52"), "EUR", 0), side("51"), 5)), ""},
		{"currency only, base amount zero", one(p(withCur(side("52"), "USD", 3), side("51"), 0)), ""},
		{"currency on non-currency account", one(p(withCur(side("51"), "USD", 1000), side("52"), 20000)), EInvalid},
		{"currency on credit non-currency account", one(p(side("52"), withCur(side("51"), "USD", 1000), 20000)), EInvalid},
		{"base currency", one(p(withCur(side("52"), "TMT", 1000), side("51"), 1000)), EInvalid},
		{"base currency in lower case", one(p(withCur(side("52"), "tmt", 1000), side("51"), 1000)), EInvalid},
		{"base currency padded", one(p(withCur(side("52"), " TMT", 1000), side("51"), 1000)), EInvalid},
		{"foreign currency in lower case", one(p(withCur(side("52"), "usd", 1000), side("51"), 1000)), EInvalid},
		{"foreign currency padded", one(p(withCur(side("52"), "USD ", 1000), side("51"), 1000)), EInvalid},
		{"unknown currency", one(p(withCur(side("52"), "XXY", 1000), side("51"), 1000)), EInvalid},
		{"currency amount without currency", one(p(withCur(side("52"), "", 1000), side("51"), 1000)), EInvalid},
		{"base currency of another org is foreign", func(e *Entry, o *Org) {
			o.Currency.Code = "USD"
			e.Postings = []Posting{p(withCur(side("52"), "TMT", 1), side("51"), 1)}
		}, ""},

		// quantity
		{"quantity", one(p(withQty(side("41.01", item1, store1), 5000), side("60.01", cpAlpha, contract1), 100)), ""},
		{"negative quantity", one(p(withQty(side("41.01", item1, store2), -5000), side("60.01", cpAlpha, contract1), -100)), ""},
		{"quantity only, amount zero", one(p(withQty(side("41.01", item1, store2), 1), withQty(side("41.01", item1, store1), 1), 0)), ""},
		{"quantity on non-quantity account", one(p(withQty(side("50"), 1), side("51"), 100)), EInvalid},
		{"quantity on credit non-quantity account", one(p(side("50"), withQty(side("51"), 1), 100)), EInvalid},

		// off-balance
		{"off-balance debit only", one(p(side("001"), Side{}, 100)), ""},
		{"off-balance credit only", one(p(Side{}, side("001"), 100)), ""},
		{"off-balance both sides", one(p(side("001"), side("002"), 100)), ""},
		{"off-balance quantity", one(p(withQty(side("002"), 3), Side{}, 0)), ""},
		{"balance debit only", one(p(side("50"), Side{}, 100)), EInvalid},
		{"balance credit only", one(p(Side{}, side("51"), 100)), EInvalid},
		{"off-balance against balance", one(p(side("001"), side("51"), 100)), EInvalid},
		{"balance against off-balance", one(p(side("50"), side("001"), 100)), EInvalid},
		{"empty side with analytics", one(p(side("001"), side("", cpAlpha), 100)), EInvalid},
		{"empty side with currency", one(p(side("001"), withCur(Side{}, "USD", 0), 100)), EInvalid},
		{"empty side with currency amount", one(p(side("001"), withCur(Side{}, "", 5), 100)), EInvalid},
		{"empty side with quantity", one(p(Side{}, withQty(Side{}, 1), 100)), EInvalid},
		{"empty debit side with quantity", one(p(withQty(Side{}, 1), side("002"), 100)), EInvalid},

		// amounts
		{"zero amount", one(p(side("50"), side("51"), 0)), EInvalid},
		{"zero off-balance amount", one(p(side("001"), Side{}, 0)), EInvalid},
		{"red storno (negative amount)", one(p(side("50"), side("51"), -100)), ""},
		{"second posting zero", one(p(side("50"), side("51"), 1), p(side("50"), side("51"), 0)), EInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			org := testOrg()
			e := Entry{Date: DateOf(2024, 6, 10), Description: "Cash to bank", Postings: []Posting{p(side("50"), side("51"), 10000)}}
			tt.change(&e, org)
			wantCode(t, e.Validate(org, testChart(), testCatalog), tt.want)
		})
	}
}

// TestEntryValidateNamesThePosting checks that an error in a later posting
// says which posting, and keeps its code.
func TestEntryValidateNamesThePosting(t *testing.T) {
	e := Entry{Date: DateOf(2024, 6, 10), Postings: []Posting{
		{Debit: side("50"), Credit: side("51"), Amount: 1},
		{Debit: side("50"), Credit: side("51"), Amount: 1},
		{Debit: side("50"), Credit: side("nope"), Amount: 1},
	}}
	err := e.Validate(testOrg(), testChart(), testCatalog)
	wantCode(t, err, ENotFound)
	if !strings.HasPrefix(err.Error(), "posting 3: ") || !strings.Contains(err.Error(), "credit account nope") {
		t.Errorf("message %q does not name posting 3 and its credit account", err)
	}
}

func repeatPosting(p Posting, n int) []Posting {
	ps := make([]Posting, n)
	for i := range ps {
		ps[i] = p
	}
	return ps
}
