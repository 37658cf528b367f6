package bankmatch

import (
	"testing"

	"hasap/ledger"
	"hasap/money"
)

var parties = []Party{
	{ID: 1, Code: "102345678", Names: []string{"Gök Bazar HJ", "ООО «Гёк Базар»"}},
	{ID: 2, Code: "ROMA", Names: []string{"Romaşka", "ООО «Ромашка»"}, Accounts: []string{"TM12 3456 7890"}},
	{ID: 3, Code: "ALTYN", Names: []string{"Altyn Ýol"}},
}

var items = []Item{
	{Doc: 10, Number: 12, Counterparty: 1, Contract: 100, Remainder: 115000, Currency: "TMT"},
	{Doc: 11, Number: 13, Counterparty: 1, Remainder: 50000, Currency: "TMT"},
	{Doc: 20, Number: 7, Counterparty: 2, Contract: 200, Remainder: 30000, Currency: "TMT"},
	{Doc: 21, Number: 8, Counterparty: 2, Remainder: 30000, Currency: "TMT"},
	{Doc: 30, Number: 9, Counterparty: 3, Remainder: 99900, Currency: "TMT"},
	{Doc: 40, Number: 5, Counterparty: 3, Remainder: 1000, Currency: "USD"},
}

func TestMatch(t *testing.T) {
	for _, c := range []struct {
		name string
		l    Line
		want Proposal
	}{
		{"reference and amount", Line{Amount: 115000, Currency: "TMT", Counterparty: "Гёк Базар ООО", Reference: "Оплата по счёту №12 от 05.01.2025"},
			Proposal{Counterparty: 1, CounterpartyRule: ByName, CounterpartySure: Medium, Invoice: 10, Contract: 100, InvoiceRule: ByReference, InvoiceSure: High, AlsoAmount: true}},
		{"reference, part payment, tax id", Line{Amount: 20000, Currency: "TMT", Description: "INN 102345678 invoice 13"},
			Proposal{Counterparty: 1, CounterpartyRule: ByTaxID, CounterpartySure: High, Invoice: 11, InvoiceRule: ByReference, InvoiceSure: Medium}},
		{"amount of the counterparty's item", Line{Amount: 50000, Currency: "TMT", Counterparty: "GÖK BAZAR"},
			Proposal{Counterparty: 1, CounterpartyRule: ByName, CounterpartySure: Medium, Invoice: 11, InvoiceRule: ByAmount, InvoiceSure: Medium}},
		{"two items of the amount: none", Line{Amount: -30000, Currency: "TMT", CounterpartyAccount: "tm1234567890"},
			Proposal{Counterparty: 2, CounterpartyRule: ByAccount, CounterpartySure: High}},
		{"only item", Line{Amount: 500, Currency: "TMT", Counterparty: "Altyn Ýol"},
			Proposal{Counterparty: 3, CounterpartyRule: ByName, CounterpartySure: Medium, Invoice: 30, InvoiceRule: OnlyItem, InvoiceSure: Low}},
		{"reference finds the counterparty", Line{Amount: 100, Currency: "TMT", Reference: "sales_invoice/2025/9"},
			Proposal{Counterparty: 3, CounterpartyRule: ByInvoice, CounterpartySure: Medium, Invoice: 30, InvoiceRule: ByReference, InvoiceSure: Medium}},
		{"amount alone: a guess", Line{Amount: 99900, Currency: "TMT", Counterparty: "Somebody"},
			Proposal{Counterparty: 3, CounterpartyRule: ByInvoice, CounterpartySure: Low, Invoice: 30, InvoiceRule: ByAmount, InvoiceSure: Low}},
		{"a date and an amount are not numbers", Line{Amount: 700, Currency: "TMT", Description: "12.01.2025 payment 13.00"}, Proposal{}},
		{"other currency", Line{Amount: 115000, Currency: "USD", Reference: "№12"}, Proposal{}},
		{"currency only item", Line{Amount: 1, Currency: "USD", Counterparty: "Altyn Ýol"},
			Proposal{Counterparty: 3, CounterpartyRule: ByName, CounterpartySure: Medium, Invoice: 40, InvoiceRule: OnlyItem, InvoiceSure: Low}},
	} {
		if got := Match(c.l, parties, items); got != c.want {
			t.Errorf("%s:\n got %+v\nwant %+v", c.name, got, c.want)
		}
	}
}

func TestInvoiceNumbers(t *testing.T) {
	for text, want := range map[string][]int64{
		"Оплата по счёту №12 от 05.01.2025": {12},
		"INV-0045, 1 150.00":                      {45},
		"hasap-faktura 7; Nr. 8; # 9; No:10":      {7, 8, 9, 10},
		"sales_invoice/2025/31":                   {31},
		"payment 2025 for goods 1150,00 12.01.25": nil,
		"": nil,
	} {
		got := InvoiceNumbers(text)
		if len(got) != len(want) {
			t.Errorf("%q: got %v, want %v", text, got, want)
		}
		for _, n := range want {
			if !got[n] {
				t.Errorf("%q: %d not found in %v", text, n, got)
			}
		}
	}
}

func TestNormName(t *testing.T) {
	if a, b := NormName("ООО «Ромашка»"), NormName("ромашка, ооо"); a != b || a != "ромашка" {
		t.Errorf("%q, %q", a, b)
	}
}

func FuzzMatch(f *testing.F) {
	f.Add(int64(115000), "Гёк Базар", "TM12", "№12", "invoice 13 sales_invoice/2025/9")
	f.Add(int64(-30000), "", "", "", "")
	f.Add(int64(-9223372036854775808), "x", "y", "N", "#")
	f.Fuzz(func(t *testing.T, amount int64, name, acct, ref, desc string) {
		p := Match(Line{Amount: money.Amount(amount), Currency: "TMT", Counterparty: name, CounterpartyAccount: acct, Reference: ref, Description: desc}, parties, items)
		if p.Invoice != 0 {
			found := false
			for _, it := range items {
				if it.Doc == p.Invoice && it.Currency == "TMT" && (p.Counterparty == it.Counterparty) {
					found = true
				}
			}
			if !found {
				t.Fatalf("proposal %+v names an invoice that is not an open item of its counterparty", p)
			}
		}
		if (p.Counterparty == 0) != (p.CounterpartyRule == None) || (p.Invoice == 0) != (p.InvoiceRule == None) {
			t.Fatalf("proposal %+v without its rule", p)
		}
		_ = ledger.AnalyticID(0)
	})
}
