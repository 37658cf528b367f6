package doc

import (
	"math"
	"math/rand/v2"
	"testing"

	"hasap/ledger"
	"hasap/money"
)

// FuzzPost posts random documents, mangled at random (refs dropped, odd
// rates, extreme and negative amounts and quantities, currencies, stock,
// the balances that payments split on and sales and purchases offset),
// and checks that Post never panics, fails only with a user's error
// (EInvalid, ENotFound), and that whatever it posts passes ledger
// validation against the cis chart, as does its storno.
func FuzzPost(f *testing.F) {
	for _, seed := range []uint64{1, 2, 3, 42, 1 << 40} {
		f.Add(seed)
	}
	types := append([]Type(nil), Types...)
	org := ledger.Org{Currency: money.MustLookup("TMT"), LockDate: ledger.NoDate}
	f.Fuzz(func(t *testing.T, seed uint64) {
		r := rand.New(rand.NewPCG(seed, seed>>7))
		typ := types[r.IntN(len(types))]
		d := randomDoc(r, typ)
		d.Number = 1 + r.Int64N(1000)
		if typ == OpeningBalances || typ == Manual {
			d.Lines = []Line{{Refs: Refs{CashFlow: cfSales}, Account: "51", Amount: money.Amount(r.Int64N(1e9) - 5e8)}}
			d.Postings = []ledger.Posting{posting(side("91.02"), side("60.01", supp1, ctrSupp), "1.00")}
		}
		extreme := []money.Amount{0, 1, -1, money.MaxAmount, -money.MaxAmount, math.MinInt64, money.MaxAmount / 3}
		for i := range d.Lines {
			l := &d.Lines[i]
			switch r.IntN(8) {
			case 0:
				l.Amount = extreme[r.IntN(len(extreme))]
			case 1:
				l.Qty = ledger.Quantity(extreme[r.IntN(len(extreme))])
			case 2:
				l.VAT = []Rate{"abc", "100%", "0.01%", "99.99%", "15.5%"}[r.IntN(5)]
			case 3:
				l.Refs = Refs{}
			case 4:
				l.Price, l.Amount = extreme[r.IntN(len(extreme))], 0
			case 5:
				l.Cost = extreme[r.IntN(len(extreme))]
			}
		}
		switch r.IntN(6) {
		case 0:
			d.Refs = Refs{}
		case 1:
			d.Currency = []string{"EUR", "XXX", "TMT", "JPY", "KWD"}[r.IntN(5)]
		}
		s := settings(t)
		if r.IntN(2) == 0 {
			s.VATRounding = PerDocument
		}
		in := inputs(t)
		in.Rate = []money.Rate{{}, money.MustRate("3.5"), money.MustRate("0.000000000001"), money.MustRate("999999")}[r.IntN(4)]
		in.Stock = map[StockKey]Stock{
			{flour, store1}: {Qty: ledger.Quantity(extreme[r.IntN(len(extreme))]), Amount: extreme[r.IntN(len(extreme))]},
			{sugar, store2}: {Qty: q("10"), Amount: m("100.00")},
		}
		s.VATOnAdvances = r.IntN(2) == 0
		in.Balances = map[BalanceKey]Balance{}
		for _, k := range d.Needs(s).Balances {
			in.Balances[k] = Balance{Amount: extreme[r.IntN(len(extreme))], Cur: extreme[r.IntN(len(extreme))]}
			if r.IntN(2) == 0 {
				in.Balances[k] = Balance{Amount: money.Amount(r.Int64N(2e7) - 1e7), Cur: money.Amount(r.Int64N(2e7) - 1e7)}
			}
		}
		e, err := Post(d, s, in)
		if err != nil {
			if c := ledger.ErrorCode(err); c != ledger.EInvalid && c != ledger.ENotFound {
				t.Fatalf("%s: error %v of code %s", d.Ref(), err, c)
			}
			return
		}
		if err := e.Validate(&org, cis(t), testCatalog{}); err != nil {
			t.Fatalf("%s: entry does not validate: %v", d.Ref(), err)
		}
		d.Status = Posted
		rev, err := Unpost(d, e)
		if err != nil {
			if ledger.ErrorCode(err) != ledger.EInvalid {
				t.Fatalf("%s: unpost: %v", d.Ref(), err)
			}
			return
		}
		if err := rev.Validate(&org, cis(t), testCatalog{}); err != nil {
			t.Fatalf("%s: storno does not validate: %v", d.Ref(), err)
		}
	})
}
