package doc

import (
	"testing"

	"hasap/chart"
	"hasap/ledger"
	"hasap/money"
)

// Analytic ids of the test catalog: the hundreds say the catalog.
const (
	cust1    ledger.AnalyticID = 101 // counterparty: a customer
	supp1    ledger.AnalyticID = 102 // counterparty: a supplier
	shop1    ledger.AnalyticID = 103 // counterparty: a shop on an advance report
	ctrCust  ledger.AnalyticID = 201 // contract with cust1
	ctrSupp  ledger.AnalyticID = 202 // contract with supp1
	ctrUSD   ledger.AnalyticID = 203 // USD contract with cust1
	flour    ledger.AnalyticID = 301 // item: goods
	delivery ledger.AnalyticID = 302 // item: a service
	paper    ledger.AnalyticID = 303 // item: material
	sugar    ledger.AnalyticID = 304 // item: goods
	store1   ledger.AnalyticID = 401 // warehouse
	store2   ledger.AnalyticID = 402 // warehouse
	clerk    ledger.AnalyticID = 501 // employee
	truck    ledger.AnalyticID = 601 // fixed asset
	cfSales  ledger.AnalyticID = 701 // cash-flow item
	cfBuy    ledger.AnalyticID = 702 // cash-flow item
)

// testCatalog tells an id's catalog by its hundreds.
type testCatalog struct{}

func (testCatalog) AnalyticKind(id ledger.AnalyticID) (ledger.AnalyticKind, bool) {
	kinds := map[ledger.AnalyticID]ledger.AnalyticKind{1: ledger.Counterparty, 2: ledger.Contract, 3: ledger.Item,
		4: ledger.Warehouse, 5: ledger.Employee, 6: ledger.FixedAsset, 7: ledger.CashFlowItem, 8: ledger.Project}
	k, ok := kinds[id/100]
	return k, ok && id%100 != 0
}

var cisChart ledger.Chart

// cis returns the built-in cis chart, loaded once.
func cis(t testing.TB) ledger.Chart {
	t.Helper()
	if cisChart != nil {
		return cisChart
	}
	accounts, err := chart.Builtin("cis")
	if err != nil {
		t.Fatal(err)
	}
	ch := ledger.Chart{}
	for i := range accounts {
		ch[accounts[i].Code] = &accounts[i]
	}
	cisChart = ch
	return ch
}

func settings(t testing.TB) Settings {
	t.Helper()
	s, err := DefaultSettings("cis")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func inputs(t testing.TB) Inputs {
	return Inputs{Chart: cis(t), Catalog: testCatalog{}, Lang: "ru"}
}

// m reads a decimal amount with two decimals ("1150.00", "-0.05").
func m(s string) money.Amount {
	a, err := money.ParseDecimal(s, 2)
	if err != nil {
		panic(err)
	}
	return a
}

// q reads a quantity with three decimals ("2", "1.5").
func q(s string) ledger.Quantity {
	a, err := money.ParseDecimal(s, 3)
	if err != nil {
		panic(err)
	}
	return ledger.Quantity(a)
}

// an fills analytics in order.
func an(ids ...ledger.AnalyticID) [ledger.MaxAnalytics]ledger.AnalyticID {
	var out [ledger.MaxAnalytics]ledger.AnalyticID
	copy(out[:], ids)
	return out
}

func side(acct string, ids ...ledger.AnalyticID) ledger.Side {
	return ledger.Side{Account: ledger.AccountCode(acct), Analytics: an(ids...)}
}

func withQty(s ledger.Side, qty string) ledger.Side { s.Qty = q(qty); return s }

func withCur(s ledger.Side, code, amount string) ledger.Side {
	s.Currency, s.CurAmount = code, m(amount)
	return s
}

func posting(dt, kt ledger.Side, amount string) ledger.Posting {
	return ledger.Posting{Debit: dt, Credit: kt, Amount: m(amount)}
}

var feb3 = ledger.DateOf(2025, 2, 3)

// draft returns a numbered draft of type t dated 3 February 2025.
func draft(t Type, number int64, lines ...Line) Document {
	return Document{Type: t, Status: Draft, Year: 2025, Number: number, Date: feb3, Lines: lines}
}

// checkPostings compares postings exactly, one by one.
func checkPostings(t *testing.T, got, want []ledger.Posting) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d postings, want %d:", len(got), len(want))
		for _, p := range got {
			t.Errorf("  got  %s", fmtPosting(p))
		}
		for _, p := range want {
			t.Errorf("  want %s", fmtPosting(p))
		}
		return
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("posting %d:\n got  %s\n want %s", i+1, fmtPosting(got[i]), fmtPosting(want[i]))
		}
	}
}

func fmtPosting(p ledger.Posting) string {
	return "Dt " + fmtSide(p.Debit) + " Kt " + fmtSide(p.Credit) + " " + money.Decimal(p.Amount, 2)
}

func fmtSide(s ledger.Side) string {
	out := string(s.Account)
	for _, id := range s.Analytics {
		if id != 0 {
			out += " " + money.Decimal(money.Amount(id), 0)
		}
	}
	if s.Currency != "" {
		out += " " + s.Currency + " " + money.Decimal(s.CurAmount, 2)
	}
	if s.Qty != 0 {
		out += " q" + money.Decimal(money.Amount(s.Qty), 3)
	}
	return "[" + out + "]"
}
