package doc

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"hasap/ledger"
	"hasap/money"
)

func goods(item, wh ledger.AnalyticID, qty, amount string) Line {
	return Line{Refs: Refs{Item: item, Warehouse: wh}, Qty: q(qty), Amount: m(amount)}
}

func service(item ledger.AnalyticID, amount string) Line {
	return Line{Refs: Refs{Item: item}, Service: true, Amount: m(amount)}
}

// sale returns sales invoice № 12 of 3 February 2025 to cust1 on ctrCust.
func sale(lines ...Line) Document {
	d := draft(SalesInvoice, 12, lines...)
	d.Counterparty, d.Contract, d.Warehouse = cust1, ctrCust, store1
	return d
}

func post(t *testing.T, d Document, s Settings, in Inputs) ledger.Entry {
	t.Helper()
	e, err := Post(d, s, in)
	if err != nil {
		t.Fatalf("Post: %v", err)
	}
	return e
}

func TestPostSalesInvoice(t *testing.T) {
	in := inputs(t)
	in.Stock = map[StockKey]Stock{{flour, store1}: {Qty: q("10"), Amount: m("3000.00")}}
	// 2 kg of flour at 500.00 (the amount from price × quantity) and a
	// delivery of 150.00, both at 15 %:
	//   flour:    1 000.00 + VAT 150.00 = 1 150.00; cost 3 000.00 × 2/10 = 600.00
	//   delivery:   150.00 + VAT  22.50 =   172.50
	// The two Dt 62.01 Kt 90.01 and the two VAT postings merge.
	d := sale(Line{Refs: Refs{Item: flour}, Qty: q("2"), Price: m("500.00")}, service(delivery, "150.00"))
	e := post(t, d, settings(t), in)
	checkPostings(t, e.Postings, []ledger.Posting{
		posting(side("62.01", cust1, ctrCust), side("90.01"), "1322.50"),
		posting(side("90.03"), side("68.02"), "172.50"),
		posting(side("90.02"), withQty(side("41.01", flour, store1), "2"), "600.00"),
	})
	if e.Date != feb3 || e.Document != "sales_invoice/2025/12" || e.Description != "Счёт-фактура № 12 от 03.02.2025" {
		t.Errorf("entry %s %q %q", e.Date, e.Document, e.Description)
	}
	// Post is pure: the caller's stock is not touched.
	if in.Stock[StockKey{flour, store1}].Qty != q("10") {
		t.Errorf("Post changed the caller's stock")
	}
}

func TestPostSalesAverageCost(t *testing.T) {
	in := inputs(t)
	in.Stock = map[StockKey]Stock{{flour, store1}: {Qty: q("3"), Amount: m("100.00")}}
	// 1 of 3 at 100.00: 33.333 → 33.33; the next 2 are all that is left:
	// 100.00 − 33.33 = 66.67, not 66.67 by the formula by chance.
	d := sale(goods(flour, store1, "1", "50.00"), goods(flour, store1, "2", "100.00"))
	d.Lines[0].VAT, d.Lines[1].VAT = Exempt, Exempt
	e := post(t, d, settings(t), in)
	checkPostings(t, e.Postings, []ledger.Posting{
		posting(side("62.01", cust1, ctrCust), side("90.01"), "150.00"),
		posting(side("90.02"), withQty(side("41.01", flour, store1), "3"), "100.00"),
	})
	// A third of 1.00 three times: 0.33, then half of the 0.67 left =
	// 0.335 → 0.34, then the last 0.33.
	in.Stock = map[StockKey]Stock{{flour, store1}: {Qty: q("3"), Amount: m("1.00")}}
	d = sale(goods(flour, store1, "1", "1.00"), goods(flour, store2, "1", "1.00"))
	d.Lines[1].Warehouse = store1
	d.Lines = append(d.Lines, goods(flour, store1, "1", "1.00"))
	s := settings(t)
	s.DefaultVAT = VAT0
	e = post(t, d, s, in)
	var costs []money.Amount
	for _, p := range e.Postings {
		if p.Debit.Account == "90.02" {
			costs = append(costs, p.Amount)
		}
	}
	if len(costs) != 1 || costs[0] != m("1.00") {
		t.Errorf("costs %v, want one merged posting of 1.00", costs)
	}
}

func TestPostSalesInsufficientStock(t *testing.T) {
	in := inputs(t)
	in.Stock = map[StockKey]Stock{{flour, store1}: {Qty: q("3"), Amount: m("900.00")}}
	d := sale(goods(flour, store1, "2", "1000.00"), goods(flour, store1, "2", "1000.00"))
	_, err := Post(d, settings(t), in)
	want := "line 2: not enough of item 301 in warehouse 401: 1.000 on hand, 2.000 needed"
	if !ledger.IsCode(err, ledger.EInvalid) || err.Error() != want {
		t.Errorf("err %v, want %q", err, want)
	}
	// Nothing on hand at all.
	_, err = Post(sale(goods(sugar, store1, "1", "10.00")), settings(t), in)
	if err == nil || err.Error() != "line 1: not enough of item 304 in warehouse 401: 0.000 on hand, 1.000 needed" {
		t.Errorf("err %v", err)
	}
}

func TestPostSalesReturn(t *testing.T) {
	in := inputs(t)
	in.Stock = map[StockKey]Stock{{flour, store1}: {Qty: q("10"), Amount: m("3000.00")}}
	// A return of 1 kg sold at 500.00: the sale's postings in red; the cost
	// comes back at the average 300.00, or at the cost the line gives.
	d := sale(goods(flour, store1, "-1", "-500.00"))
	e := post(t, d, settings(t), in)
	checkPostings(t, e.Postings, []ledger.Posting{
		posting(side("62.01", cust1, ctrCust), side("90.01"), "-575.00"),
		posting(side("90.03"), side("68.02"), "-75.00"),
		posting(side("90.02"), withQty(side("41.01", flour, store1), "-1"), "-300.00"),
	})
	d.Lines[0].Cost = m("250.00")
	e = post(t, d, settings(t), in)
	if p := e.Postings[2]; p.Amount != m("-250.00") {
		t.Errorf("return at the given cost: %s", fmtPosting(p))
	}
	// A sale and a return of the same goods in one document stay two
	// postings: the return is red.
	d = sale(goods(flour, store1, "2", "1000.00"), goods(flour, store1, "-1", "-500.00"))
	d.Lines[0].VAT, d.Lines[1].VAT = Exempt, Exempt
	e = post(t, d, settings(t), in)
	checkPostings(t, e.Postings, []ledger.Posting{
		posting(side("62.01", cust1, ctrCust), side("90.01"), "1000.00"),
		posting(side("90.02"), withQty(side("41.01", flour, store1), "2"), "600.00"),
		posting(side("62.01", cust1, ctrCust), side("90.01"), "-500.00"),
		// 8 left at 2 400.00: the returned one comes back at 300.00.
		posting(side("90.02"), withQty(side("41.01", flour, store1), "-1"), "-300.00"),
	})
	// With nothing in stock the return needs its cost.
	in.Stock = nil
	d = sale(goods(flour, store1, "-1", "-500.00"))
	if _, err := Post(d, settings(t), in); err == nil || !strings.HasPrefix(err.Error(), "line 1: the cost of the returned item 301 is unknown") {
		t.Errorf("err %v", err)
	}
}

func TestPostSalesPerDocumentRounding(t *testing.T) {
	s := settings(t)
	d := sale(service(delivery, "0.10"), service(delivery, "0.10"), service(delivery, "0.10"))
	// Per line: VAT 0.02 × 3 = 0.06 on 90.03, 0.36 on 62.01.
	e := post(t, d, s, inputs(t))
	checkPostings(t, e.Postings, []ledger.Posting{
		posting(side("62.01", cust1, ctrCust), side("90.01"), "0.36"),
		posting(side("90.03"), side("68.02"), "0.06"),
	})
	// Per document: 0.045 → 0.05, 0.35 on 62.01.
	s.VATRounding = PerDocument
	e = post(t, d, s, inputs(t))
	checkPostings(t, e.Postings, []ledger.Posting{
		posting(side("62.01", cust1, ctrCust), side("90.01"), "0.35"),
		posting(side("90.03"), side("68.02"), "0.05"),
	})
}

func TestPostSalesCurrency(t *testing.T) {
	// A USD contract at 3.50: 100.00 USD + 15.00 VAT and 33.33 USD + 5.00
	// VAT (4.9995 → 5.00). On 62.21 the USD amount 153.33 is kept; in TMT
	// by running totals: 115.00 × 3.5 = 402.50; 153.33 × 3.5 = 536.655 →
	// 536.66, so the second line is 134.16. VAT: 15.00 → 52.50, 20.00 → 70.00.
	in := inputs(t)
	in.Rate = money.MustRate("3.5")
	d := sale(service(delivery, "100.00"), service(delivery, "33.33"))
	d.Contract, d.Currency = ctrUSD, "USD"
	e := post(t, d, settings(t), in)
	checkPostings(t, e.Postings, []ledger.Posting{
		posting(withCur(side("62.21", cust1, ctrUSD), "USD", "153.33"), side("90.01"), "536.66"),
		posting(side("90.03"), side("68.02"), "70.00"),
	})
	// Three exempt cents: converted one by one they would make 0.04 × 3 =
	// 0.12 TMT; by running totals 0.035 → 0.04, 0.07 → 0.07, 0.105 → 0.11:
	// exactly 0.03 USD × 3.5.
	d.Lines = []Line{service(delivery, "0.01"), service(delivery, "0.01"), service(delivery, "0.01")}
	for i := range d.Lines {
		d.Lines[i].VAT = Exempt
	}
	e = post(t, d, settings(t), in)
	checkPostings(t, e.Postings, []ledger.Posting{
		posting(withCur(side("62.21", cust1, ctrUSD), "USD", "0.03"), side("90.01"), "0.11"),
	})
	// Without the rate of the day, the document's own rate; without either, an error.
	in.Rate = money.Rate{}
	d.Rate = money.MustRate("3.5")
	if e = post(t, d, settings(t), in); e.Postings[0].Amount != m("0.11") {
		t.Errorf("at the document's rate: %s", fmtPosting(e.Postings[0]))
	}
	d.Rate = money.Rate{}
	if _, err := Post(d, settings(t), in); err == nil || err.Error() != "line 1: no exchange rate of USD on 2025-02-03" {
		t.Errorf("err %v", err)
	}
}

// purchase returns supplier invoice № 7 of 3 February 2025 from supp1.
func purchase(lines ...Line) Document {
	d := draft(SupplierInvoice, 7, lines...)
	d.Counterparty, d.Contract, d.Warehouse = supp1, ctrSupp, store1
	return d
}

func TestPostSupplierInvoice(t *testing.T) {
	capital := Line{Refs: Refs{FixedAsset: truck}, Account: "08.04", Amount: m("5000.00")}
	d := purchase(goods(flour, store1, "5", "1000.00"), Line{Account: "26", Service: true, Amount: m("200.00")}, capital)
	// Goods 1 000.00 + VAT 150.00 to 19.03 and offset; services 200.00 + VAT
	// 30.00 to 19.04 and offset; a truck 5 000.00 + VAT 750.00, all to its
	// cost on 08.04. 60.01 gets 1 150.00 + 230.00 + 5 750.00 = 7 130.00.
	e := post(t, d, settings(t), inputs(t))
	cp := []ledger.AnalyticID{supp1, ctrSupp}
	checkPostings(t, e.Postings, []ledger.Posting{
		posting(withQty(side("41.01", flour, store1), "5"), side("60.01", cp...), "1000.00"),
		posting(side("19.03", supp1), side("60.01", cp...), "150.00"),
		posting(side("68.02"), side("19.03", supp1), "150.00"),
		posting(side("26"), side("60.01", cp...), "200.00"),
		posting(side("19.04", supp1), side("60.01", cp...), "30.00"),
		posting(side("68.02"), side("19.04", supp1), "30.00"),
		posting(side("08.04", truck), side("60.01", cp...), "5750.00"),
	})
	if e.Document != "supplier_invoice/2025/7" {
		t.Errorf("document %q", e.Document)
	}
	// Without the offset, input VAT stays on 19 until offset by hand.
	s := settings(t)
	s.Purchases.OffsetVAT = false
	e = post(t, purchase(goods(flour, store1, "5", "1000.00")), s, inputs(t))
	checkPostings(t, e.Postings, []ledger.Posting{
		posting(withQty(side("41.01", flour, store1), "5"), side("60.01", cp...), "1000.00"),
		posting(side("19.03", supp1), side("60.01", cp...), "150.00"),
	})
}

func TestPostGoodsReceiptCurrency(t *testing.T) {
	// 10 kg of sugar from a USD contract, 200.00 USD with VAT included
	// (26.09 VAT: 200 × 15/115 = 26.087): in TMT at 3.5 the gross is
	// 700.00, the VAT 91.32 (26.09 × 3.5 = 91.315 → 91.32), the net the
	// rest, 608.68; 60.21 keeps 173.91 and 26.09 USD.
	in := inputs(t)
	in.Rate = money.MustRate("3.5")
	d := draft(GoodsReceipt, 3, goods(sugar, store2, "10", "200.00"))
	d.Counterparty, d.Contract, d.Currency, d.PricesIncludeVAT = supp1, ctrSupp, "USD", true
	e := post(t, d, settings(t), in)
	checkPostings(t, e.Postings, []ledger.Posting{
		posting(withQty(side("41.01", sugar, store2), "10"), withCur(side("60.21", supp1, ctrSupp), "USD", "173.91"), "608.68"),
		posting(side("19.03", supp1), withCur(side("60.21", supp1, ctrSupp), "USD", "26.09"), "91.32"),
		posting(side("68.02"), side("19.03", supp1), "91.32"),
	})
	d.Lines = append(d.Lines, service(delivery, "1.00"))
	if _, err := Post(d, settings(t), in); err == nil || err.Error() != "line 2: a goods receipt lists goods, not services" {
		t.Errorf("err %v", err)
	}
}

func TestPostPayments(t *testing.T) {
	cust := []ledger.AnalyticID{cust1, ctrCust}
	supp := []ledger.AnalyticID{supp1, ctrSupp}
	pay := func(typ Type, cp, ctr, cf ledger.AnalyticID, l Line) Document {
		d := draft(typ, 1, l)
		d.Counterparty, d.Contract, d.CashFlow = cp, ctr, cf
		return d
	}
	amt := Line{Amount: m("1150.00")}
	// Customers and suppliers owe and are owed more than they pay: all of
	// each payment settles (TestPostAdvances splits).
	owing := inputs(t)
	owing.Rate = money.MustRate("3.5")
	owing.Balances = map[BalanceKey]Balance{
		{"62.01", cust1, ctrCust}: {Amount: m("5000.00")},
		{"62.01", cust1, ctrUSD}:  {Amount: m("5.00")},
		{"60.01", supp1, ctrSupp}: {Amount: m("-5000.00")},
		{"62.21", cust1, ctrUSD}:  {Amount: m("350.00"), Cur: m("100.00")},
		{"62.02", cust1, ctrCust}: {Amount: m("-1.00")}, // an advance already received changes nothing
	}
	for _, c := range []struct {
		d    Document
		want ledger.Posting
	}{
		{pay(PaymentIn, cust1, ctrCust, cfSales, amt), posting(side("51", cfSales), side("62.01", cust...), "1150.00")},
		{pay(PaymentOut, supp1, ctrSupp, cfBuy, amt), posting(side("60.01", supp...), side("51", cfBuy), "1150.00")},
		{pay(CashReceipt, cust1, ctrCust, cfSales, amt), posting(side("50.01", cfSales), side("62.01", cust...), "1150.00")},
		{pay(CashExpense, supp1, ctrSupp, cfBuy, amt), posting(side("60.01", supp...), side("50.01", cfBuy), "1150.00")},
		// KO-2 to an accountable person: the line names 71.01, the document the employee.
		{func() Document {
			d := pay(CashExpense, 0, 0, cfBuy, Line{Account: "71.01", Amount: m("300.00")})
			d.Employee = clerk
			return d
		}(), posting(side("71.01", clerk), side("50.01", cfBuy), "300.00")},
	} {
		e := post(t, c.d, settings(t), owing)
		checkPostings(t, e.Postings, []ledger.Posting{c.want})
	}
	// 100.00 USD in at 3.5: both sides keep the dollars.
	d := pay(PaymentIn, cust1, ctrUSD, cfSales, Line{Amount: m("100.00")})
	d.Currency = "USD"
	e := post(t, d, settings(t), owing)
	checkPostings(t, e.Postings, []ledger.Posting{
		posting(withCur(side("52", cfSales), "USD", "100.00"), withCur(side("62.21", cust1, ctrUSD), "USD", "100.00"), "350.00"),
	})
	// Two lines settle two contracts: the line's contract wins.
	d = pay(PaymentIn, cust1, ctrCust, cfSales, Line{Amount: m("10.00")})
	d.Lines = append(d.Lines, Line{Refs: Refs{Contract: ctrUSD}, Amount: m("5.00")})
	e = post(t, d, settings(t), owing)
	checkPostings(t, e.Postings, []ledger.Posting{
		posting(side("51", cfSales), side("62.01", cust...), "10.00"),
		posting(side("51", cfSales), side("62.01", cust1, ctrUSD), "5.00"),
	})
	// No cash-flow item: the chart requires one on 51.
	d = pay(PaymentIn, cust1, ctrCust, 0, amt)
	if _, err := Post(d, settings(t), inputs(t)); err == nil || err.Error() != "line 1: debit account 51 requires cashflow" {
		t.Errorf("err %v", err)
	}
	d = pay(PaymentIn, cust1, ctrCust, cfSales, Line{})
	if _, err := Post(d, settings(t), inputs(t)); err == nil || err.Error() != "line 1: the amount is required" {
		t.Errorf("err %v", err)
	}
}

func TestPostAdvanceReport(t *testing.T) {
	// A clerk spent 115.00 on a service with VAT included (a shop's
	// hasap-faktura: 100.00 + 15.00) and 40.00 on paper without VAT.
	d := draft(AdvanceReport, 4,
		Line{Refs: Refs{Counterparty: shop1}, Account: "26", Amount: m("115.00")},
		Line{Refs: Refs{Item: paper, Warehouse: store1}, Account: "10.01", Qty: q("1"), Amount: m("40.00"), VAT: Exempt})
	d.Employee, d.PricesIncludeVAT = clerk, true
	e := post(t, d, settings(t), inputs(t))
	checkPostings(t, e.Postings, []ledger.Posting{
		posting(side("26"), side("71.01", clerk), "100.00"),
		posting(side("19.04", shop1), side("71.01", clerk), "15.00"),
		posting(side("68.02"), side("19.04", shop1), "15.00"),
		posting(withQty(side("10.01", paper, store1), "1"), side("71.01", clerk), "40.00"),
	})
	d.Employee = 0
	if _, err := Post(d, settings(t), inputs(t)); err == nil || err.Error() != "line 1: credit account 71.01 requires employee" {
		t.Errorf("err %v", err)
	}
}

func TestPostOpeningBalances(t *testing.T) {
	d := draft(OpeningBalances, 1,
		Line{Refs: Refs{CashFlow: cfSales}, Account: "51", Amount: m("10000.00")},
		Line{Refs: Refs{Counterparty: supp1, Contract: ctrSupp}, Account: "60.01", Amount: m("-2000.00")},
		Line{Refs: Refs{Item: flour, Warehouse: store1}, Account: "41.01", Qty: q("10"), Amount: m("3000.00")},
		Line{Refs: Refs{CashFlow: cfSales}, Account: "52", Amount: m("3500.00"), CurAmount: m("1000.00")})
	d.Currency = "USD" // no rate needed: the lines give both amounts
	e := post(t, d, settings(t), inputs(t))
	checkPostings(t, e.Postings, []ledger.Posting{
		posting(side("51", cfSales), side("000"), "10000.00"),
		posting(side("000"), side("60.01", supp1, ctrSupp), "2000.00"),
		posting(withQty(side("41.01", flour, store1), "10"), side("000"), "3000.00"),
		posting(withCur(side("52", cfSales), "USD", "1000.00"), side("000"), "3500.00"),
	})
	for _, c := range []struct {
		edit func(*Document)
		want string
	}{
		{func(d *Document) { d.Lines[1].Account = "" }, "line 2: the account is required"},
		{func(d *Document) { d.Lines[0].CurAmount = 1 }, "line 1: debit account 51 is not kept in foreign currency"},
		{func(d *Document) { d.Currency = "" }, "line 4: debit account 52: currency amount without a currency"},
		{func(d *Document) { d.Lines[1].Qty = 1 }, "line 2: credit account 60.01 is not kept in quantities"},
		{func(d *Document) { d.Lines[2].Amount = 0; d.Lines[2].Qty = 0 }, "line 3: enter a quantity or an amount"},
	} {
		e := d
		e.Lines = append([]Line(nil), d.Lines...)
		c.edit(&e)
		if _, err := Post(e, settings(t), inputs(t)); err == nil || err.Error() != c.want {
			t.Errorf("err %v, want %q", err, c.want)
		}
	}
}

func TestPostManual(t *testing.T) {
	d := draft(Manual, 1)
	d.Postings = []ledger.Posting{
		posting(side("91.02"), side("60.01", supp1, ctrSupp), "10.00"),
		posting(side("91.02"), side("60.01", supp1, ctrSupp), "5.00"), // typed twice: kept twice
	}
	e := post(t, d, settings(t), inputs(t))
	checkPostings(t, e.Postings, d.Postings)
	d.Postings[1].Credit.Analytics[1] = 0
	if _, err := Post(d, settings(t), inputs(t)); err == nil || err.Error() != "posting 2: credit account 60.01 requires contract" {
		t.Errorf("err %v", err)
	}
	d.Postings = nil
	if _, err := Post(d, settings(t), inputs(t)); !ledger.IsCode(err, ledger.EInvalid) {
		t.Errorf("err %v", err)
	}
}

func TestPostErrors(t *testing.T) {
	in := inputs(t)
	in.Stock = map[StockKey]Stock{{flour, store1}: {Qty: q("10"), Amount: m("3000.00")}}
	ok := func() Document { return sale(goods(flour, store1, "1", "10.00"), service(delivery, "1.00")) }
	for _, c := range []struct {
		name string
		edit func(*Document)
		code ledger.Code
		want string
	}{
		{"quantity", func(d *Document) { d.Lines = append(d.Lines, Line{Refs: Refs{Item: flour}, Amount: 100}) },
			ledger.EInvalid, "line 3: quantity is required"},
		{"empty line", func(d *Document) { d.Lines[1].Amount = 0 }, ledger.EInvalid, "line 2: enter a quantity or an amount"},
		{"signs", func(d *Document) { d.Lines[0].Amount = -1000 }, ledger.EInvalid, "line 1: the quantity and the amount have different signs"},
		{"contract", func(d *Document) { d.Contract = 0 }, ledger.EInvalid, "line 1: debit account 62.01 requires contract"},
		{"item", func(d *Document) { d.Lines[0].Item = 0 }, ledger.EInvalid, "line 1: credit account 41.01 requires item"},
		{"warehouse", func(d *Document) { d.Warehouse, d.Lines[0].Warehouse = 0, 0 },
			ledger.EInvalid, "line 1: credit account 41.01 requires warehouse"},
		{"waybill", func(d *Document) { d.Type = Waybill }, ledger.EInvalid, "line 2: a waybill lists goods, not services"},
		{"act", func(d *Document) { d.Type = Act }, ledger.EInvalid, "line 1: an act lists services, not goods"},
		{"rate", func(d *Document) { d.Lines[1].VAT = "18" }, ledger.EInvalid, `line 2: VAT rate "18" is not a percentage such as 15% or the word exempt`},
		{"posted", func(d *Document) { d.Status = Posted }, ledger.EConflict, "the document is posted already: unpost it first"},
		{"cancelled", func(d *Document) { d.Status = Cancelled }, ledger.EConflict, "a cancelled document cannot be posted: restore it to a draft first"},
		{"number", func(d *Document) { d.Number = 0 }, ledger.EInvalid, "the document has no number: save it first"},
		{"year", func(d *Document) { d.Date = ledger.DateOf(2026, 1, 2) }, ledger.EInvalid, "the date 2026-01-02 is outside the year 2025 of the document's number"},
		{"no date", func(d *Document) { d.Date = ledger.NoDate }, ledger.EInvalid, "the date is required"},
		{"type", func(d *Document) { d.Type = "order" }, ledger.EInvalid, `unknown document type "order"`},
		{"currency", func(d *Document) { d.Currency = "usd" }, ledger.EInvalid, `unknown currency "usd"`},
		{"base currency", func(d *Document) { d.Currency = "TMT" }, ledger.EInvalid, "TMT is the base currency: leave the currency empty"},
		{"no account", func(d *Document) { d.Lines = d.Lines[1:]; d.Lines[0].Account = "X" }, "", ""}, // sales ignore Account
	} {
		d := ok()
		c.edit(&d)
		_, err := Post(d, settings(t), in)
		if c.want == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		if !ledger.IsCode(err, c.code) || err.Error() != c.want {
			t.Errorf("%s: err %v (%s), want %q (%s)", c.name, err, ledger.ErrorCode(err), c.want, c.code)
		}
	}
	// Settings naming an account the chart lacks, or a group account.
	s := settings(t)
	s.Sales.Revenue = "90"
	if _, err := Post(ok(), s, in); err == nil || err.Error() != "line 1: credit account 90 has sub-accounts; post to one of them" {
		t.Errorf("err %v", err)
	}
	s.Sales.Revenue = "90.99"
	if _, err := Post(ok(), s, in); !ledger.IsCode(err, ledger.ENotFound) {
		t.Errorf("err %v", err)
	}
	if _, err := Post(ok(), settings(t), Inputs{}); !ledger.IsCode(err, ledger.EInternal) {
		t.Errorf("no chart: err %v", err)
	}
}

func TestDescribe(t *testing.T) {
	d := sale()
	for lang, want := range map[string]string{
		"ru": "Счёт-фактура № 12 от 03.02.2025",
		"tk": "Hasap-faktura № 12, 03.02.2025",
		"en": "Sales invoice No. 12 of 2025-02-03",
		"":   "Счёт-фактура № 12 от 03.02.2025",
	} {
		if got := Describe(d, lang); got != want {
			t.Errorf("Describe(%q) = %q, want %q", lang, got, want)
		}
	}
	for _, typ := range Types {
		for lang := range titles {
			if Title(typ, lang) == string(typ) {
				t.Errorf("no %s title of %s", lang, typ)
			}
		}
	}
}

func TestUnpost(t *testing.T) {
	in := inputs(t)
	in.Stock = map[StockKey]Stock{{flour, store1}: {Qty: q("10"), Amount: m("3000.00")}}
	d := sale(goods(flour, store1, "2", "1000.00"))
	e := post(t, d, settings(t), in)
	e.Seq, e.Year, e.Number = 41, 2025, 17 // as the store would
	d.Status, d.Entry = Posted, 41
	r, err := Unpost(d, e)
	if err != nil {
		t.Fatal(err)
	}
	// The red storno: the same correspondence, every amount negated, on the
	// same date, linked to the entry and the document.
	checkPostings(t, r.Postings, []ledger.Posting{
		posting(side("62.01", cust1, ctrCust), side("90.01"), "-1150.00"),
		posting(side("90.03"), side("68.02"), "-150.00"),
		posting(side("90.02"), withQty(side("41.01", flour, store1), "-2"), "-600.00"),
	})
	if r.Date != e.Date || r.Reverses != 41 || r.Document != "sales_invoice/2025/12" {
		t.Errorf("storno %s reverses %d document %q", r.Date, r.Reverses, r.Document)
	}
	if err := r.Validate(&ledger.Org{Currency: money.MustLookup("TMT"), LockDate: ledger.NoDate}, cis(t), testCatalog{}); err != nil {
		t.Errorf("storno: %v", err)
	}
	other := d
	other.Number = 13
	if _, err := Unpost(other, e); !ledger.IsCode(err, ledger.EConflict) {
		t.Errorf("another document's entry: %v", err)
	}
	d.Entry = 40
	if _, err := Unpost(d, e); !ledger.IsCode(err, ledger.EConflict) {
		t.Errorf("another entry: %v", err)
	}
	d.Status = Draft
	if _, err := Unpost(d, e); !ledger.IsCode(err, ledger.EConflict) {
		t.Errorf("a draft: %v", err)
	}
}

func TestStatus(t *testing.T) {
	for _, c := range []struct {
		from, to Status
		ok       bool
	}{
		{Draft, Posted, true}, {Posted, Draft, true}, {Draft, Cancelled, true}, {Cancelled, Draft, true},
		{Posted, Cancelled, false}, {Cancelled, Posted, false}, {Draft, Draft, false}, {Posted, Posted, false},
	} {
		if got := c.from.CanBecome(c.to); got != c.ok {
			t.Errorf("%s → %s: %v", c.from, c.to, got)
		}
	}
}

func TestDefaultSettings(t *testing.T) {
	s := settings(t)
	ch := cis(t)
	for _, a := range []ledger.AccountCode{s.Sales.Receivable, s.Sales.ReceivableCur, s.Sales.Revenue, s.Sales.VAT, s.Sales.VATPayable,
		s.Sales.Cost, s.Sales.Goods, s.Purchases.Payable, s.Purchases.PayableCur, s.Purchases.Goods, s.Purchases.Services,
		s.Purchases.InputVATGoods, s.Purchases.InputVATServices, s.Purchases.VATPayable, s.Bank, s.BankCur, s.Cash, s.CashCur,
		s.Accountable, s.AccountableCur, s.Opening, s.Sales.AdvancesReceived, s.Sales.AdvancesReceivedCur, s.Sales.AdvanceVAT,
		s.Purchases.AdvancesPaid, s.Purchases.AdvancesPaidCur} {
		if acc, ok := ch[a]; !ok || acc.Group {
			t.Errorf("default account %s is not a postable account of the cis chart", a)
		}
	}
	for _, a := range []ledger.AccountCode{s.Sales.ReceivableCur, s.Purchases.PayableCur, s.BankCur, s.CashCur, s.AccountableCur,
		s.Sales.AdvancesReceivedCur, s.Purchases.AdvancesPaidCur} {
		if !ch[a].Currency {
			t.Errorf("%s is not a currency account", a)
		}
	}
	if _, err := DefaultSettings("ifrs"); !ledger.IsCode(err, ledger.EInvalid) {
		t.Errorf("ifrs: %v", err)
	}
}

func TestDocumentJSONRoundTrip(t *testing.T) {
	d := sale(goods(flour, store1, "2.5", "1000.05"), Line{Refs: Refs{Contract: ctrUSD}, Service: true, Amount: m("-0.01"), VAT: Exempt, Cost: 7})
	d.ID, d.Currency, d.Rate, d.PricesIncludeVAT, d.BasedOn, d.Comment, d.Entry = 9, "USD", money.MustRate("3.5"), true, 3, "«Ýük» — 1", 0
	d.Basis, d.Person, d.Attachment = "Şertnama 7 boýunça", "Ахмедов А.", "2 документа"
	d.Lines[0].Supporting = "Чек № 5 от 01.03.2025"
	d.Postings = []ledger.Posting{posting(withCur(side("52", cfSales), "USD", "1.00"), side("000"), "3.50")}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var back Document
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, d) {
		t.Errorf("round trip of %s\n got %+v\nwant %+v", b, back, d)
	}
	if strings.Contains(string(b), "Counterparty") || !strings.Contains(string(b), `"counterparty":101`) {
		t.Errorf("refs are not flattened with their tags: %s", b)
	}
}

func TestNeeds(t *testing.T) {
	s := settings(t)
	d := sale(goods(flour, store1, "1", "1.00"), service(delivery, "1.00"), goods(flour, 0, "1", "1.00"), goods(sugar, store2, "1", "1.00"))
	d.Lines[1].Contract = ctrUSD
	n := d.Needs(s)
	if !reflect.DeepEqual(n.Stock, []StockKey{{flour, store1}, {sugar, store2}}) || n.Rate {
		t.Errorf("Needs() = %+v", n)
	}
	// The advance received on each contract the lines name.
	if want := []BalanceKey{{"62.02", cust1, ctrCust}, {"62.02", cust1, ctrUSD}}; !reflect.DeepEqual(n.Balances, want) {
		t.Errorf("balances %v, want %v", n.Balances, want)
	}
	d.Currency = "USD"
	s.VATOnAdvances = true
	n = d.Needs(s)
	if want := []BalanceKey{{"62.22", cust1, ctrCust}, {"76.AV", cust1, ctrCust}, {"62.22", cust1, ctrUSD}, {"76.AV", cust1, ctrUSD}}; !n.Rate || !reflect.DeepEqual(n.Balances, want) {
		t.Errorf("a USD sale with VAT on advances: %+v", n)
	}
	p := purchase(goods(flour, store1, "1", "1.00"))
	if n = p.Needs(s); n.Stock != nil || !reflect.DeepEqual(n.Balances, []BalanceKey{{"60.02", supp1, ctrSupp}}) {
		t.Errorf("a purchase needs the advance paid only: %+v", n)
	}
	// A payment needs the debt of the lines that may become an advance:
	// not those naming their account, nor a negative one.
	pay := draft(PaymentIn, 1, Line{Amount: m("1.00")}, Line{Account: "76.06", Amount: m("1.00")}, Line{Amount: m("-1.00")})
	pay.Counterparty, pay.Contract = cust1, ctrCust
	if n = pay.Needs(s); !reflect.DeepEqual(n.Balances, []BalanceKey{{"62.01", cust1, ctrCust}}) {
		t.Errorf("a payment in: %+v", n)
	}
	pay.Type = CashExpense
	if n = pay.Needs(s); !reflect.DeepEqual(n.Balances, []BalanceKey{{"60.01", cust1, ctrCust}}) {
		t.Errorf("a KO-2: %+v", n)
	}
	// Settings without advance accounts: nothing to read.
	s.Sales.AdvancesReceived, s.Purchases.AdvancesPaid = "", ""
	if n = pay.Needs(s); n.Balances != nil {
		t.Errorf("no advance accounts: %+v", n)
	}
	if n = p.Needs(s); n.Balances != nil {
		t.Errorf("no advance accounts: %+v", n)
	}
	if a := (Document{Type: AdvanceReport, Lines: []Line{{Amount: 1}}}).Needs(settings(t)); a.Balances != nil {
		t.Errorf("an advance report offsets no advance: %+v", a)
	}
}

// TestParseRef: ParseRef reads what Ref writes, and nothing else.
func TestParseRef(t *testing.T) {
	d := Document{Type: CashReceipt, Year: 2026, Number: 15}
	if typ, y, n, ok := ParseRef(d.Ref()); !ok || typ != CashReceipt || y != 2026 || n != 15 {
		t.Errorf("ParseRef(%q) = %s %d %d %v", d.Ref(), typ, y, n, ok)
	}
	for _, s := range []string{"", "DOC-1", "cash_receipt/2026", "cash_receipt/2026/15/1", "nonsense/2026/15", "cash_receipt/2026/015",
		"cash_receipt/+2026/15", "cash_receipt/2026/0", "cash_receipt/-1/5", "cash_receipt/2026/99999999999999999999"} {
		if _, _, _, ok := ParseRef(s); ok {
			t.Errorf("ParseRef(%q) is ok", s)
		}
	}
}
