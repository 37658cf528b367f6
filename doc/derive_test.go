package doc

import (
	"reflect"
	"testing"

	"hasap/ledger"
	"hasap/money"
)

// order returns customer order № 5 (id 9) of 3 February 2025 to cust1 on
// ctrCust: 10 kg of flour at 12.50 and a delivery of 30.00, VAT 15 % on
// top (the default rate).
func order() Document {
	d := draft(Order, 5,
		Line{Refs: Refs{Item: flour}, Qty: q("10"), Price: m("12.50")},
		Line{Refs: Refs{Item: delivery}, Service: true, Amount: m("30.00"), VAT: VAT15})
	d.ID, d.Counterparty, d.Contract, d.Warehouse, d.Project = 9, cust1, ctrCust, store1, 900
	return d
}

func TestDerive(t *testing.T) {
	s := settings(t)
	flourLine := Line{Refs: Refs{Item: flour}, Qty: q("10"), Price: m("12.50")}
	deliveryLine := Line{Refs: Refs{Item: delivery}, Service: true, Amount: m("30.00"), VAT: VAT15}
	usd := order()
	usd.Currency, usd.Rate, usd.Contract = "USD", money.MustRate("3.5"), ctrUSD
	inv := sale(goods(flour, store2, "2", "100.00"), service(delivery, "20.00"))
	inv.ID, inv.PricesIncludeVAT = 12, true
	buy := purchase(Line{Refs: Refs{Item: paper}, Qty: q("4"), Amount: m("200.00")})
	buy.ID, buy.CashFlow = 30, cfBuy
	for _, c := range []struct {
		name  string
		from  Document
		to    Type
		pay   money.Amount
		lines []Line
		want  func(d *Document) // the rest of what is expected, on top of the copied header
	}{
		{name: "order to invoice", from: order(), to: SalesInvoice, lines: []Line{flourLine, deliveryLine}},
		{name: "order to waybill: goods only", from: order(), to: Waybill, lines: []Line{flourLine}},
		{name: "order to act: services only", from: order(), to: Act, lines: []Line{deliveryLine}},
		// 125.00 + 15 % = 143.75; 30.00 + 15 % = 34.50.
		{name: "order to payment in: total with VAT", from: order(), to: PaymentIn, lines: []Line{{Amount: m("178.25")}}},
		{name: "order to cash receipt: the open remainder", from: order(), to: CashReceipt, pay: m("78.25"), lines: []Line{{Amount: m("78.25")}}},
		{name: "currency order to payment in", from: usd, to: PaymentIn, lines: []Line{{Amount: m("178.25")}}},
		{name: "currency order to invoice", from: usd, to: SalesInvoice, lines: []Line{flourLine, deliveryLine}},
		{name: "invoice to waybill", from: inv, to: Waybill, lines: []Line{goods(flour, store2, "2", "100.00")}},
		{name: "invoice to act", from: inv, to: Act, lines: []Line{service(delivery, "20.00")}},
		// Prices include VAT: the total is the sum of the amounts.
		{name: "invoice to payment in", from: inv, to: PaymentIn, lines: []Line{{Amount: m("120.00")}}},
		{name: "invoice to cash receipt", from: inv, to: CashReceipt, lines: []Line{{Amount: m("120.00")}}},
		{name: "supplier invoice to payment out", from: buy, to: PaymentOut, lines: []Line{{Amount: m("230.00")}}},
		{name: "supplier invoice to cash expense", from: buy, to: CashExpense, lines: []Line{{Amount: m("230.00")}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := Derive(c.from, c.to, s, c.pay)
			if err != nil {
				t.Fatal(err)
			}
			want := Document{Type: c.to, Status: Draft, Date: c.from.Date, Currency: c.from.Currency, Rate: c.from.Rate,
				BasedOn: c.from.ID, Lines: c.lines}
			want.Counterparty, want.Contract, want.Project = c.from.Counterparty, c.from.Contract, c.from.Project
			if IsPayment(c.to) {
				want.CashFlow = c.from.CashFlow
			} else {
				want.Warehouse, want.PricesIncludeVAT = c.from.Warehouse, c.from.PricesIncludeVAT
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
			if got.Number != 0 || got.ID != 0 || got.Entry != 0 {
				t.Errorf("the draft is numbered or posted: %+v", got)
			}
		})
	}
	// Every path of DerivableFrom gives a document of the type asked for.
	for from, tos := range derivable {
		for _, to := range tos {
			src := order()
			src.Type = from
			if from == SupplierInvoice || from == GoodsReceipt {
				src = buy
				src.Type = from
			}
			if d, err := Derive(src, to, s, 0); err != nil || d.Type != to || d.BasedOn != src.ID {
				t.Errorf("%s → %s: %v, %+v", from, to, err, d)
			}
		}
	}
}

func TestDeriveRefused(t *testing.T) {
	s := settings(t)
	cancelled := order()
	cancelled.Status = Cancelled
	unsaved := order()
	unsaved.ID = 0
	servicesOnly := order()
	servicesOnly.Lines = servicesOnly.Lines[1:]
	goodsOnly := order()
	goodsOnly.Lines = goodsOnly.Lines[:1]
	nothing := order()
	nothing.Lines = nil
	for _, c := range []struct {
		name string
		from Document
		to   Type
		pay  money.Amount
	}{
		{"order to supplier invoice", order(), SupplierInvoice, 0},
		{"order to payment out", order(), PaymentOut, 0},
		{"order to order", order(), Order, 0},
		{"invoice to order", sale(), Order, 0},
		{"invoice to invoice", sale(), SalesInvoice, 0},
		{"waybill to act", draft(Waybill, 1), Act, 0},
		{"supplier invoice to payment in", purchase(), PaymentIn, 0},
		{"payment in to invoice", draft(PaymentIn, 1), SalesInvoice, 0},
		{"manual to payment", draft(Manual, 1), PaymentIn, 0},
		{"an unknown type", order(), "bill", 0},
		{"a cancelled source", cancelled, SalesInvoice, 0},
		{"an unsaved source", unsaved, SalesInvoice, 0},
		{"a waybill without goods", servicesOnly, Waybill, 0},
		{"an act without services", goodsOnly, Act, 0},
		{"a payment of nothing", nothing, PaymentIn, 0},
		{"a negative amount to pay", order(), PaymentIn, -1},
		{"more than the total", order(), PaymentIn, m("178.26")},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.from.ID == 0 && c.name != "an unsaved source" {
				c.from.ID = 77
			}
			d, err := Derive(c.from, c.to, s, c.pay)
			if !ledger.IsCode(err, ledger.EInvalid) {
				t.Errorf("got %+v, %v; want EInvalid", d, err)
			}
		})
	}
}

// TestOrderDoesNotPost: an order is a document like the others (it
// numbers, it has totals, it is cancelled and restored) but Post refuses
// it with a message that says what to do instead.
func TestOrderDoesNotPost(t *testing.T) {
	d := order()
	if !Order.Valid() || Order.Posts() || !SalesInvoice.Posts() {
		t.Fatalf("Order: valid %v, posts %v", Order.Valid(), Order.Posts())
	}
	_, err := Post(d, settings(t), inputs(t))
	if !ledger.IsCode(err, ledger.EInvalid) || err.Error() != "an order does not post: create an invoice from it" {
		t.Errorf("post an order: %v", err)
	}
	if n := d.Needs(settings(t)); n.Stock != nil || n.Balances != nil || n.Rate {
		t.Errorf("an order needs %+v", n)
	}
	tot, err := ComputeTotals(d, settings(t))
	if err != nil || tot.Gross != m("178.25") {
		t.Errorf("totals of an order: %+v, %v", tot, err)
	}
	if got := Describe(d, "ru"); got != "Заказ покупателя № 5 от 03.02.2025" {
		t.Errorf("describe: %q", got)
	}
}
