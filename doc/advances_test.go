package doc

import (
	"testing"

	"hasap/ledger"
	"hasap/money"
)

// TestPostAdvances: payments split into settlement and advance, sales and
// purchases offset advances, VAT on advances received and its reversal,
// in the base currency and in USD, worked out by hand to the cent.
func TestPostAdvances(t *testing.T) {
	cust := []ledger.AnalyticID{cust1, ctrCust}
	supp := []ledger.AnalyticID{supp1, ctrSupp}
	usd := []ledger.AnalyticID{cust1, ctrUSD}
	payment := func(typ Type, lines ...Line) Document {
		d := draft(typ, 5, lines...)
		d.Counterparty, d.Contract, d.CashFlow = cust1, ctrCust, cfSales
		if typ == PaymentOut || typ == CashExpense {
			d.Counterparty, d.Contract, d.CashFlow = supp1, ctrSupp, cfBuy
		}
		return d
	}
	usdPayment := func(amount string) Document {
		d := payment(PaymentIn, Line{Amount: m(amount)})
		d.Contract, d.Currency = ctrUSD, "USD"
		return d
	}
	usdSale := func(amount string) Document {
		d := sale(Line{Refs: Refs{Item: delivery}, Service: true, Amount: m(amount), VAT: Exempt})
		d.Contract, d.Currency = ctrUSD, "USD"
		return d
	}
	vatOn := settings(t)
	vatOn.VATOnAdvances = true
	noAdvances := settings(t)
	noAdvances.Sales.AdvancesReceived, noAdvances.Purchases.AdvancesPaid = "", ""
	for _, c := range []struct {
		name     string
		d        Document
		s        Settings
		rate     string
		balances map[BalanceKey]Balance
		want     []ledger.Posting
	}{
		{name: "advance only: the customer owes nothing",
			d: payment(PaymentIn, Line{Amount: m("1150.00")}), s: settings(t),
			want: []ledger.Posting{posting(side("51", cfSales), side("62.02", cust...), "1150.00")}},
		{name: "a customer who paid too much before: a credit balance on 62.01 is no debt",
			d: payment(CashReceipt, Line{Amount: m("10.00")}), s: settings(t),
			balances: map[BalanceKey]Balance{{"62.01", cust1, ctrCust}: {Amount: m("-5.00")}},
			want:     []ledger.Posting{posting(side("50.01", cfSales), side("62.02", cust...), "10.00")}},
		{name: "part debt, part advance: 400.00 owed, 300.00 and 850.00 paid",
			// Line 1 settles 300.00 of the 400.00; line 2 the 100.00 left and
			// 750.00 advance. The settlements merge, so do the advances.
			d: payment(PaymentIn, Line{Amount: m("300.00")}, Line{Amount: m("850.00")}), s: settings(t),
			balances: map[BalanceKey]Balance{{"62.01", cust1, ctrCust}: {Amount: m("400.00")}},
			want: []ledger.Posting{
				posting(side("51", cfSales), side("62.01", cust...), "400.00"),
				posting(side("51", cfSales), side("62.02", cust...), "750.00"),
			}},
		{name: "VAT on the advance: 750.00 × 15/115 = 97.826 → 97.83",
			d: payment(PaymentIn, Line{Amount: m("1150.00")}), s: vatOn,
			balances: map[BalanceKey]Balance{{"62.01", cust1, ctrCust}: {Amount: m("400.00")}},
			want: []ledger.Posting{
				posting(side("51", cfSales), side("62.01", cust...), "400.00"),
				posting(side("51", cfSales), side("62.02", cust...), "750.00"),
				posting(side("76.AV", cust...), side("68.02"), "97.83"),
			}},
		{name: "VAT on the advance rounds down: 100.00 × 15/115 = 13.043 → 13.04",
			d: payment(CashReceipt, Line{Amount: m("100.00")}), s: vatOn,
			want: []ledger.Posting{
				posting(side("50.01", cfSales), side("62.02", cust...), "100.00"),
				posting(side("76.AV", cust...), side("68.02"), "13.04"),
			}},
		{name: "a line naming its account is not split, nor is a negative one",
			d: payment(PaymentIn, Line{Account: "76.06", Amount: m("20.00")}, Line{Amount: m("-3.00")}), s: vatOn,
			want: []ledger.Posting{
				posting(side("51", cfSales), side("76.06", cust...), "20.00"),
				posting(side("51", cfSales), side("62.01", cust...), "-3.00"),
			}},
		{name: "settings without advance accounts: all of the payment settles",
			d: payment(PaymentIn, Line{Amount: m("1150.00")}), s: noAdvances,
			want: []ledger.Posting{posting(side("51", cfSales), side("62.01", cust...), "1150.00")}},
		{name: "a sale offsets the advance: 750.00 of the 1 150.00, and reverses all its VAT",
			d: sale(service(delivery, "1000.00")), s: vatOn,
			balances: map[BalanceKey]Balance{{"62.02", cust1, ctrCust}: {Amount: m("-750.00")}, {"76.AV", cust1, ctrCust}: {Amount: m("97.83")}},
			want: []ledger.Posting{
				posting(side("62.01", cust...), side("90.01"), "1150.00"),
				posting(side("90.03"), side("68.02"), "150.00"),
				posting(side("62.02", cust...), side("62.01", cust...), "750.00"),
				posting(side("68.02"), side("76.AV", cust...), "97.83"),
			}},
		{name: "a sale smaller than the advance: 345.00 of 1 000.00, VAT 130.43 × 345/1000 = 44.998 → 45.00",
			d: sale(service(delivery, "300.00")), s: vatOn,
			balances: map[BalanceKey]Balance{{"62.02", cust1, ctrCust}: {Amount: m("-1000.00")}, {"76.AV", cust1, ctrCust}: {Amount: m("130.43")}},
			want: []ledger.Posting{
				posting(side("62.01", cust...), side("90.01"), "345.00"),
				posting(side("90.03"), side("68.02"), "45.00"),
				posting(side("62.02", cust...), side("62.01", cust...), "345.00"),
				posting(side("68.02"), side("76.AV", cust...), "45.00"),
			}},
		{name: "a sale that takes the rest of the advance reverses all the VAT left on 76.AV: 85.44, where 655.00 × 15/115 would be 85.43",
			d: sale(service(delivery, "1000.00")), s: vatOn,
			balances: map[BalanceKey]Balance{{"62.02", cust1, ctrCust}: {Amount: m("-655.00")}, {"76.AV", cust1, ctrCust}: {Amount: m("85.44")}},
			want: []ledger.Posting{
				posting(side("62.01", cust...), side("90.01"), "1150.00"),
				posting(side("90.03"), side("68.02"), "150.00"),
				posting(side("62.02", cust...), side("62.01", cust...), "655.00"),
				posting(side("68.02"), side("76.AV", cust...), "85.44"),
			}},
		{name: "an advance received while VAT on advances was off has no VAT to reverse",
			d: sale(service(delivery, "100.00")), s: vatOn,
			balances: map[BalanceKey]Balance{{"62.02", cust1, ctrCust}: {Amount: m("-50.00")}},
			want: []ledger.Posting{
				posting(side("62.01", cust...), side("90.01"), "115.00"),
				posting(side("90.03"), side("68.02"), "15.00"),
				posting(side("62.02", cust...), side("62.01", cust...), "50.00"),
			}},
		{name: "a return offsets nothing",
			d: sale(service(delivery, "-100.00")), s: vatOn,
			balances: map[BalanceKey]Balance{{"62.02", cust1, ctrCust}: {Amount: m("-50.00")}, {"76.AV", cust1, ctrCust}: {Amount: m("6.52")}},
			want: []ledger.Posting{
				posting(side("62.01", cust...), side("90.01"), "-115.00"),
				posting(side("90.03"), side("68.02"), "-15.00"),
			}},
		{name: "a payment out beyond the debt to the supplier is an advance paid, without VAT",
			d: payment(PaymentOut, Line{Amount: m("1000.00")}), s: vatOn,
			balances: map[BalanceKey]Balance{{"60.01", supp1, ctrSupp}: {Amount: m("-300.00")}},
			want: []ledger.Posting{
				posting(side("60.01", supp...), side("51", cfBuy), "300.00"),
				posting(side("60.02", supp...), side("51", cfBuy), "700.00"),
			}},
		{name: "KO-2 to a supplier that is owed nothing: all advance",
			d: payment(CashExpense, Line{Amount: m("50.00")}), s: settings(t),
			balances: map[BalanceKey]Balance{{"60.01", supp1, ctrSupp}: {Amount: m("20.00")}},
			want:     []ledger.Posting{posting(side("60.02", supp...), side("50.01", cfBuy), "50.00")}},
		{name: "a purchase offsets the advance paid: 700.00 of 1 150.00",
			d: purchase(goods(flour, store1, "5", "1000.00")), s: settings(t),
			balances: map[BalanceKey]Balance{{"60.02", supp1, ctrSupp}: {Amount: m("700.00")}},
			want: []ledger.Posting{
				posting(withQty(side("41.01", flour, store1), "5"), side("60.01", supp...), "1000.00"),
				posting(side("19.03", supp1), side("60.01", supp...), "150.00"),
				posting(side("68.02"), side("19.03", supp1), "150.00"),
				posting(side("60.01", supp...), side("60.02", supp...), "700.00"),
			}},
		{name: "USD in: 10.01 owed settles at 3.5 (35.035 → 35.04), the 23.32 left is an advance of 116.655 → 116.66 − 35.04 = 81.62, its VAT 10.646 → 10.65",
			d: usdPayment("33.33"), s: vatOn, rate: "3.5",
			balances: map[BalanceKey]Balance{{"62.21", cust1, ctrUSD}: {Amount: m("35.00"), Cur: m("10.01")}},
			want: []ledger.Posting{
				posting(withCur(side("52", cfSales), "USD", "10.01"), withCur(side("62.21", usd...), "USD", "10.01"), "35.04"),
				posting(withCur(side("52", cfSales), "USD", "23.32"), withCur(side("62.22", usd...), "USD", "23.32"), "81.62"),
				posting(side("76.AV", usd...), side("68.02"), "10.65"),
			}},
		{name: "a USD sale of 40.00 offsets 40 of the 60.00 USD advance received at 212.99 TMT: 212.99 × 40/60 = 141.993 → 141.99, the rate of the advance",
			d: usdSale("40.00"), s: settings(t), rate: "3.5",
			balances: map[BalanceKey]Balance{{"62.22", cust1, ctrUSD}: {Amount: m("-212.99"), Cur: m("-60.00")}},
			want: []ledger.Posting{
				posting(withCur(side("62.21", usd...), "USD", "40.00"), side("90.01"), "140.00"),
				posting(withCur(side("62.22", usd...), "USD", "40.00"), withCur(side("62.21", usd...), "USD", "40.00"), "141.99"),
			}},
		{name: "a USD sale of 100.00 offsets all of the 60.00 USD advance: all of its 212.99 TMT",
			d: usdSale("100.00"), s: settings(t), rate: "3.5",
			balances: map[BalanceKey]Balance{{"62.22", cust1, ctrUSD}: {Amount: m("-212.99"), Cur: m("-60.00")}},
			want: []ledger.Posting{
				posting(withCur(side("62.21", usd...), "USD", "100.00"), side("90.01"), "350.00"),
				posting(withCur(side("62.22", usd...), "USD", "60.00"), withCur(side("62.21", usd...), "USD", "60.00"), "212.99"),
			}},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := inputs(t)
			in.Balances = c.balances
			if c.rate != "" {
				in.Rate = money.MustRate(c.rate)
			}
			e := post(t, c.d, c.s, in)
			checkPostings(t, e.Postings, c.want)
			// Post is pure: the caller's balances are not touched.
			for k, v := range c.balances {
				if in.Balances[k] != v {
					t.Errorf("Post changed the caller's balance %v", k)
				}
			}
		})
	}
}

// TestUnpostAdvance: the storno of a payment that settled, made an advance
// and charged VAT on it takes all three back, in red.
func TestUnpostAdvance(t *testing.T) {
	cust := []ledger.AnalyticID{cust1, ctrCust}
	s := settings(t)
	s.VATOnAdvances = true
	d := draft(PaymentIn, 5, Line{Amount: m("1150.00")})
	d.Counterparty, d.Contract, d.CashFlow = cust1, ctrCust, cfSales
	in := inputs(t)
	in.Balances = map[BalanceKey]Balance{{"62.01", cust1, ctrCust}: {Amount: m("400.00")}}
	e := post(t, d, s, in)
	e.Seq = 9
	d.Status, d.Entry = Posted, 9
	r, err := Unpost(d, e)
	if err != nil {
		t.Fatal(err)
	}
	checkPostings(t, r.Postings, []ledger.Posting{
		posting(side("51", cfSales), side("62.01", cust...), "-400.00"),
		posting(side("51", cfSales), side("62.02", cust...), "-750.00"),
		posting(side("76.AV", cust...), side("68.02"), "-97.83"),
	})
	if err := r.Validate(&ledger.Org{Currency: money.MustLookup("TMT"), LockDate: ledger.NoDate}, cis(t), testCatalog{}); err != nil {
		t.Errorf("storno: %v", err)
	}
}
