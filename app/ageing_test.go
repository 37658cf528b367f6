package app_test

import (
	"context"
	"reflect"
	"strconv"
	"testing"

	"hasap/app"
	"hasap/doc"
	"hasap/ledger"
	"hasap/money"
)

func TestAgeing(t *testing.T) { eachStore(t, testAgeing) }

// testAgeing ages a customer's acts (VAT 15 % on top) as of 30 June 2025,
// worked by hand:
//
//	CUST  act A   2 Mar (120 days) 1 150.00, paid 500.00 on 1 Jun (FIFO: A) → open 650.00, over 90
//	      act B  16 Apr  (75 days) 2 300.00                                  → 61–90
//	      act C  16 May  (45 days) 3 450.00                                  → 31–60
//	      act D  20 Jun  (10 days) 4 600.00                                  → 0–30
//	ADV   payment in 5 Jun 300.00, nothing sold: an advance received
//	PAID  act 1 Mar 100.00 + 15.00, paid 115.00 on 2 Mar: settled, no row
//	SUP   supplier invoice 22 Mar (100 days) 400.00 + 60.00 = 460.00 → suppliers, over 90
//
// As of 20 May (before the payment, act D and the advance): A 79 days
// 1 150.00 in 61–90, B 34 days in 31–60, C 4 days in 0–30; no ADV.
func testAgeing(t *testing.T, a *app.App) {
	ctx := context.Background()
	w := newWorldOn(t, a)
	accountant, viewer, foreign := w.actors["accountant"], w.actors["viewer"], w.actors["foreign"]
	an := analyticMaker(t, a, "a")
	cust, adv, paid, sup := an(ledger.Counterparty, "CUST", 0), an(ledger.Counterparty, "ADV", 0), an(ledger.Counterparty, "PAID", 0), an(ledger.Counterparty, "SUP", 0)
	cf := an(ledger.CashFlowItem, "CF", 0)
	contracts := map[ledger.AnalyticID]ledger.AnalyticID{}
	for _, cp := range []ledger.AnalyticID{cust, adv, paid, sup} {
		contracts[cp] = an(ledger.Contract, "K"+strconv.FormatInt(int64(cp), 10), cp)
	}
	post := func(typ doc.Type, date ledger.Date, cp ledger.AnalyticID, line doc.Line) {
		t.Helper()
		d := doc.Document{Type: typ, Date: date, Refs: doc.Refs{Counterparty: cp, Contract: contracts[cp], CashFlow: cf}, Lines: []doc.Line{line}}
		made, err := a.CreateDocument(ctx, accountant, "a", d)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err = a.PostDocument(ctx, accountant, "a", made.ID, made.Version); err != nil {
			t.Fatalf("post %s: %v", made.Ref(), err)
		}
	}
	service := func(net money.Amount) doc.Line { return doc.Line{Service: true, Amount: net} }
	cash := func(amount money.Amount) doc.Line { return doc.Line{Amount: amount} }
	post(doc.Act, ledger.DateOf(2025, 3, 1), paid, service(10000))
	post(doc.PaymentIn, ledger.DateOf(2025, 3, 2), paid, cash(11500))
	post(doc.Act, ledger.DateOf(2025, 3, 2), cust, service(100000))
	post(doc.SupplierInvoice, ledger.DateOf(2025, 3, 22), sup, service(40000))
	post(doc.Act, ledger.DateOf(2025, 4, 16), cust, service(200000))
	post(doc.Act, ledger.DateOf(2025, 5, 16), cust, service(300000))
	post(doc.PaymentIn, ledger.DateOf(2025, 6, 1), cust, cash(50000))
	post(doc.PaymentIn, ledger.DateOf(2025, 6, 5), adv, cash(30000))
	post(doc.Act, ledger.DateOf(2025, 6, 20), cust, service(400000))

	type row struct {
		code    string
		buckets []money.Amount
		adv     money.Amount
	}
	check := func(asOf ledger.Date, side app.AgeingSide, want []row, total []money.Amount, days []int) {
		t.Helper()
		rep, err := a.Ageing(ctx, viewer, "a", asOf, side)
		if err != nil {
			t.Fatal(err)
		}
		var got []row
		var gotDays []int
		for _, r := range rep.Rows {
			b, adv := r.Receivable, r.AdvancesReceived
			if side == app.AgeSuppliers {
				b, adv = r.Payable, r.AdvancesPaid
			}
			got = append(got, row{r.Counterparty.Code, b, adv})
			if r.Counterparty.Code == "CUST" || r.Counterparty.Code == "SUP" {
				for _, it := range r.Items {
					gotDays = append(gotDays, it.Days)
				}
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s as of %s: %+v, want %+v", side, asOf, got, want)
		}
		tb := rep.Total.Receivable
		if side == app.AgeSuppliers {
			tb = rep.Total.Payable
		}
		if !reflect.DeepEqual(tb, total) {
			t.Errorf("%s as of %s: totals %v, want %v", side, asOf, tb, total)
		}
		if !reflect.DeepEqual(gotDays, days) {
			t.Errorf("%s as of %s: days %v, want %v", side, asOf, gotDays, days)
		}
	}
	june, may := ledger.DateOf(2025, 6, 30), ledger.DateOf(2025, 5, 20)
	check(june, app.AgeCustomers, []row{
		{"ADV", []money.Amount{0, 0, 0, 0}, 30000},
		{"CUST", []money.Amount{460000, 345000, 230000, 65000}, 0},
	}, []money.Amount{460000, 345000, 230000, 65000}, []int{120, 75, 45, 10})
	check(june, app.AgeSuppliers, []row{{"SUP", []money.Amount{0, 0, 0, 46000}, 0}}, []money.Amount{0, 0, 0, 46000}, []int{100})
	check(may, app.AgeCustomers, []row{{"CUST", []money.Amount{345000, 230000, 115000, 0}, 0}},
		[]money.Amount{345000, 230000, 115000, 0}, []int{79, 34, 4})
	check(ledger.DateOf(2025, 1, 1), app.AgeSuppliers, nil, []money.Amount{0, 0, 0, 0}, nil)

	// Buckets of one's own, 0–50, 51–100, over 100: days 10 and 45, 75, 120.
	if rep, err := a.AgeingBuckets(ctx, viewer, "a", june, app.AgeCustomers, []int{50, 100}); err != nil ||
		!reflect.DeepEqual(rep.Total.Receivable, []money.Amount{460000 + 345000, 230000, 65000}) || rep.Total.AdvancesReceived != 30000 {
		t.Errorf("buckets 50, 100: %v %+v", err, rep)
	}
	if _, err := a.AgeingBuckets(ctx, viewer, "a", june, app.AgeCustomers, []int{50, 50}); !ledger.IsCode(err, ledger.EInvalid) {
		t.Errorf("buckets 50, 50: %v, want EInvalid", err)
	}
	if _, err := a.Ageing(ctx, viewer, "a", june, "others"); !ledger.IsCode(err, ledger.EInvalid) {
		t.Errorf("side others: %v, want EInvalid", err)
	}
	if _, err := a.Ageing(ctx, viewer, "a", ledger.NoDate, app.AgeCustomers); !ledger.IsCode(err, ledger.EInvalid) {
		t.Errorf("no date: %v, want EInvalid", err)
	}
	if _, err := a.Ageing(ctx, foreign, "a", june, app.AgeCustomers); !ledger.IsCode(err, ledger.ENotFound) {
		t.Errorf("another organisation's user: %v, want ENotFound", err)
	}
	if rep, err := a.Ageing(ctx, foreign, "b", june, app.AgeCustomers); err != nil || len(rep.Rows) != 0 {
		t.Errorf("organisation b: %v %+v, want nothing of a's", err, rep)
	}
}
