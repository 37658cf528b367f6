package doc

import (
	"strings"
	"testing"

	"hasap/chart"
	"hasap/ledger"
	"hasap/money"
)

var oct31 = ledger.DateOf(2025, 10, 31)

// closing returns closing document № 1 of type t dated date.
func closing(t Type, date ledger.Date) Document {
	y, _, _ := date.YMD()
	return Document{Type: t, Status: Draft, Year: y, Number: 1, Date: date}
}

func bal(acct string, an [ledger.MaxAnalytics]ledger.AnalyticID, cur, amount, curAmount string) AccountBalance {
	b := AccountBalance{Account: ledger.AccountCode(acct), Analytics: an, Currency: cur, Amount: m(amount)}
	if curAmount != "" {
		b.CurAmount = m(curAmount)
	}
	return b
}

func ifrs(t testing.TB) ledger.Chart {
	t.Helper()
	accounts, err := chart.Builtin("ifrs")
	if err != nil {
		t.Fatal(err)
	}
	ch := ledger.Chart{}
	for i := range accounts {
		ch[accounts[i].Code] = &accounts[i]
	}
	return ch
}

func ifrsSettings() Settings { return Settings{Closing: DefaultClosing("ifrs")} }

// after applies postings to balances per account (debit minus credit).
func after(rows []AccountBalance, ps []ledger.Posting) map[ledger.AccountCode]money.Amount {
	out := map[ledger.AccountCode]money.Amount{}
	for _, r := range rows {
		out[r.Account] += r.Amount
	}
	for _, p := range ps {
		out[p.Debit.Account] += p.Amount
		out[p.Credit.Account] -= p.Amount
	}
	return out
}

func TestRevaluation(t *testing.T) {
	in := inputs(t)
	in.Base = money.MustLookup("TMT")
	in.Rates = map[string]money.Rate{"USD": money.MustRate("3.6")}
	// The balances at 31 October, all taken in at 3.50 TMT per USD; the
	// Central Bank rate of 31 October is 3.60:
	//   52 (cfSales)        1 000.00 USD = 3 500.00 → 3 600.00: +100.00, Dt 52 Kt 91.01
	//   62.21 cust1 ctrUSD    333.33 USD = 1 166.66 (1 166.655 rounded) → 1 199.99 (1 199.988): +33.33
	//   60.21 supp1 ctrSupp  −500.00 USD = −1 750.00 → −1 800.00: the debt grew by 50.00, Dt 91.02 Kt 60.21
	//   62.22 cust1 ctrUSD   −200.00 USD = −700.00: an advance received, not revalued
	//   50.21 (cfSales)         0.03 USD = 0.11 (0.105) → 0.11 (0.108): nothing
	in.Ledger = []AccountBalance{
		bal("50.21", an(cfSales), "USD", "0.11", "0.03"),
		bal("52", an(cfSales), "USD", "3500.00", "1000.00"),
		bal("60.21", an(supp1, ctrSupp), "USD", "-1750.00", "-500.00"),
		bal("62.21", an(cust1, ctrUSD), "USD", "1166.66", "333.33"),
		bal("62.22", an(cust1, ctrUSD), "USD", "-700.00", "-200.00"),
	}
	d := closing(Revaluation, oct31)
	e := post(t, d, settings(t), in)
	checkPostings(t, e.Postings, []ledger.Posting{
		posting(withCur(side("52", cfSales), "USD", "0"), side("91.01"), "100.00"),
		posting(side("91.02"), withCur(side("60.21", supp1, ctrSupp), "USD", "0"), "50.00"),
		posting(withCur(side("62.21", cust1, ctrUSD), "USD", "0"), side("91.01"), "33.33"),
	})
	if e.Document != "revaluation/2025/1" || e.Description != "Переоценка валюты № 1 от 31.10.2025" {
		t.Errorf("entry %q %q", e.Document, e.Description)
	}
	// Run again on the books it brought to the rate: nothing to post.
	in.Ledger[1].Amount, in.Ledger[2].Amount, in.Ledger[3].Amount = m("3600.00"), m("-1800.00"), m("1199.99")
	if ps, err := Preview(d, settings(t), in); err != nil || len(ps) != 0 {
		t.Errorf("second run: %v, %v", ps, err)
	}
	if _, err := Post(d, settings(t), in); !ledger.IsCode(err, ledger.EInvalid) {
		t.Errorf("posting nothing: %v, want EInvalid", err)
	}
	// A currency without a rate is named.
	in.Ledger = append(in.Ledger, bal("52", an(cfBuy), "EUR", "10.00", "2.00"))
	if _, err := Post(d, settings(t), in); !ledger.IsCode(err, ledger.EInvalid) || !strings.Contains(err.Error(), "EUR") {
		t.Errorf("no EUR rate: %v", err)
	}
}

func contains(s, sub string) bool {
	return len(sub) == 0 || len(s) >= len(sub) && (s[:len(sub)] == sub || contains(s[1:], sub))
}

func TestRevaluationNeeds(t *testing.T) {
	n := closing(Revaluation, oct31).ClosingNeeds(settings(t), cis(t))
	has := map[ledger.AccountCode]bool{}
	for _, a := range n.Accounts {
		has[a] = true
	}
	for _, a := range []ledger.AccountCode{"50.21", "52", "60.21", "62.21", "71.21", "66.21"} {
		if !has[a] {
			t.Errorf("revaluation does not read %s", a)
		}
	}
	for _, a := range []ledger.AccountCode{"60.22", "62.22", "51", "62.01", "55"} {
		if has[a] {
			t.Errorf("revaluation reads %s", a)
		}
	}
	if !n.Rates || n.Profit {
		t.Errorf("needs %+v", n)
	}
}

func TestCloseMonth(t *testing.T) {
	in := inputs(t)
	// October: a sale of 1 000.00 + VAT 150.00 costing 600.00, other
	// income 100.00 and other expenses 250.00:
	//   90: −1 150.00 + 150.00 + 600.00 = −400.00, a profit: Dt 90.09 Kt 99 400.00
	//   91: −100.00 + 250.00 = +150.00, a loss: Dt 99 Kt 91.09 150.00
	in.Ledger = []AccountBalance{
		bal("90.01", an(), "", "-1150.00", ""), bal("90.02", an(), "", "600.00", ""), bal("90.03", an(), "", "150.00", ""),
		bal("91.01", an(), "", "-100.00", ""), bal("91.02", an(), "", "250.00", ""),
	}
	d := closing(CloseMonth, oct31)
	e := post(t, d, settings(t), in)
	checkPostings(t, e.Postings, []ledger.Posting{
		posting(side("90.09"), side("99"), "400.00"),
		posting(side("99"), side("91.09"), "150.00"),
	})
	got := after(in.Ledger, e.Postings)
	if g90 := got["90.01"] + got["90.02"] + got["90.03"] + got["90.09"]; g90 != 0 {
		t.Errorf("90 after the close: %d", g90)
	}
	if g91 := got["91.01"] + got["91.02"] + got["91.09"]; g91 != 0 || got["99"] != m("-250.00") {
		t.Errorf("91 after the close: %d, 99 %d", g91, got["99"])
	}
	// November repeats October: the sub-accounts hold the year so far and
	// 90.09 October's close; the group's balance is November's result.
	in.Ledger = []AccountBalance{
		bal("90.01", an(), "", "-2300.00", ""), bal("90.02", an(), "", "1200.00", ""), bal("90.03", an(), "", "300.00", ""),
		bal("90.09", an(), "", "400.00", ""),
		bal("91.01", an(), "", "-200.00", ""), bal("91.02", an(), "", "500.00", ""), bal("91.09", an(), "", "-150.00", ""),
		bal("99", an(), "", "-250.00", ""),
	}
	d.Date = ledger.DateOf(2025, 11, 30)
	e = post(t, d, settings(t), in)
	checkPostings(t, e.Postings, []ledger.Posting{
		posting(side("90.09"), side("99"), "400.00"),
		posting(side("99"), side("91.09"), "150.00"),
	})
}

func TestCloseMonthIFRS(t *testing.T) {
	in := Inputs{Chart: ifrs(t), Lang: "en"}
	// Income and expense accounts of no group close one by one to 3900.
	in.Ledger = []AccountBalance{
		bal("4000", an(), "", "-1000.00", ""), bal("5000", an(), "", "600.00", ""), bal("8100", an(), "", "-50.00", ""),
		bal("3900", an(), "", "-70.00", ""),
	}
	e := post(t, closing(CloseMonth, oct31), ifrsSettings(), in)
	checkPostings(t, e.Postings, []ledger.Posting{
		posting(side("4000"), side("3900"), "1000.00"),
		posting(side("3900"), side("5000"), "600.00"),
		posting(side("8100"), side("3900"), "50.00"),
	})
	if got := after(in.Ledger, e.Postings); got["3900"] != m("-520.00") || got["4000"] != 0 || got["5000"] != 0 {
		t.Errorf("after: %v", got)
	}
}

func TestProfitTax(t *testing.T) {
	in := inputs(t)
	cases := []struct {
		name               string
		beforeTax, accrued string
		want               []ledger.Posting
	}{
		// 250.00 × 8 % = 20.00
		{"first month", "250.00", "0", []ledger.Posting{posting(side("99"), side("68.04"), "20.00")}},
		// 650.00 × 8 % = 52.00, less 20.00 accrued
		{"second month", "650.00", "20.00", []ledger.Posting{posting(side("99"), side("68.04"), "32.00")}},
		// 100.00 × 8 % = 8.00, 52.00 accrued: 44.00 given back
		{"a month's loss", "100.00", "52.00", []ledger.Posting{posting(side("68.04"), side("99"), "44.00")}},
		// a loss for the year: nothing due, the 8.00 accrued given back
		{"a year's loss", "-300.00", "8.00", []ledger.Posting{posting(side("68.04"), side("99"), "8.00")}},
		// 123.45 × 8 % = 9.876 → 9.88
		{"rounding", "123.45", "0", []ledger.Posting{posting(side("99"), side("68.04"), "9.88")}},
		{"nothing new", "650.00", "52.00", nil},
		{"a loss, nothing accrued", "-10.00", "0", nil},
	}
	for _, c := range cases {
		in.Profit = ProfitToDate{BeforeTax: m(c.beforeTax), Accrued: m(c.accrued)}
		ps, err := Preview(closing(ProfitTax, oct31), settings(t), in)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		t.Run(c.name, func(t *testing.T) { checkPostings(t, ps, c.want) })
	}
	// ifrs: the expense and its close to 3900 in one entry.
	in = Inputs{Chart: ifrs(t), Profit: ProfitToDate{BeforeTax: m("250.00")}}
	e := post(t, closing(ProfitTax, oct31), ifrsSettings(), in)
	checkPostings(t, e.Postings, []ledger.Posting{
		posting(side("8900"), side("2110"), "20.00"),
		posting(side("3900"), side("8900"), "20.00"),
	})
	// 2 % for a small enterprise: 250.00 × 2 % = 5.00
	s := settings(t)
	s.Closing.ProfitTaxRate = "2%"
	in = inputs(t)
	in.Profit.BeforeTax = m("250.00")
	checkPostings(t, post(t, closing(ProfitTax, oct31), s, in).Postings, []ledger.Posting{posting(side("99"), side("68.04"), "5.00")})
	s.Closing.ProfitTaxRate = "eight"
	if _, err := Post(closing(ProfitTax, oct31), s, in); !ledger.IsCode(err, ledger.EInvalid) {
		t.Errorf("a bad rate: %v", err)
	}
}

func TestCloseYear(t *testing.T) {
	in := inputs(t)
	// 31 December, after December's close: the year's revenue 13 800.00,
	// cost 7 200.00, VAT 1 800.00, so 90.09 holds the twelve months'
	// closes, 4 800.00 of profit; other income 1 200.00 and expenses
	// 3 000.00 (91.09 −1 800.00); 99: −4 800.00 + 1 800.00 + the profit
	// tax 240.00 (8 % of 3 000.00) = −2 760.00.
	in.Ledger = []AccountBalance{
		bal("90.01", an(), "", "-13800.00", ""), bal("90.02", an(), "", "7200.00", ""), bal("90.03", an(), "", "1800.00", ""),
		bal("90.09", an(), "", "4800.00", ""),
		bal("91.01", an(), "", "-1200.00", ""), bal("91.02", an(), "", "3000.00", ""), bal("91.09", an(), "", "-1800.00", ""),
		bal("99", an(), "", "-2760.00", ""),
	}
	dec31 := ledger.DateOf(2025, 12, 31)
	e := post(t, closing(CloseYear, dec31), settings(t), in)
	// The reformation: each sub-account against 90.09 or 91.09, then the
	// year's profit to 84.
	checkPostings(t, e.Postings, []ledger.Posting{
		posting(side("90.01"), side("90.09"), "13800.00"),
		posting(side("90.09"), side("90.02"), "7200.00"),
		posting(side("90.09"), side("90.03"), "1800.00"),
		posting(side("91.01"), side("91.09"), "1200.00"),
		posting(side("91.09"), side("91.02"), "3000.00"),
		posting(side("99"), side("84"), "2760.00"),
	})
	got := after(in.Ledger, e.Postings)
	for code, a := range got {
		if code != "84" && a != 0 {
			t.Errorf("%s after the year close: %s", code, money.Decimal(a, 2))
		}
	}
	if got["84"] != m("-2760.00") {
		t.Errorf("84 moved by %s, want the year's profit −2 760.00", money.Decimal(got["84"], 2))
	}
	// A loss goes the other way.
	in.Ledger = []AccountBalance{bal("99", an(), "", "500.00", "")}
	checkPostings(t, post(t, closing(CloseYear, dec31), settings(t), in).Postings, []ledger.Posting{posting(side("84"), side("99"), "500.00")})
	// Not on 31 December; not before December is closed.
	if _, err := Post(closing(CloseYear, oct31), settings(t), in); !ledger.IsCode(err, ledger.EInvalid) {
		t.Errorf("on 31 October: %v", err)
	}
	in.Ledger = []AccountBalance{bal("90.01", an(), "", "-100.00", "")}
	if _, err := Post(closing(CloseYear, dec31), settings(t), in); !ledger.IsCode(err, ledger.EInvalid) {
		t.Errorf("December not closed: %v", err)
	}
}

func TestWithPending(t *testing.T) {
	in := inputs(t)
	in.Ledger = []AccountBalance{bal("91.01", an(), "", "-100.00", ""), bal("91.02", an(), "", "250.00", "")}
	in.Profit.BeforeTax = m("400.00")
	// The revaluation's Dt 52 Kt 91.01 100.00 and a close's Dt 90.09 Kt
	// 99 400.00 pending: 91.01 −200.00, a new row for 52 (USD, no
	// currency amount) and 90.09, the profit before tax 400.00 more.
	usd := withCur(side("52", cfSales), "USD", "0")
	got, err := in.WithPending([]ledger.Posting{posting(usd, side("91.01"), "100.00"), posting(side("90.09"), side("99"), "400.00")}, settings(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Ledger) != 5 || got.Ledger[0].Amount != m("-200.00") || got.Ledger[2].Account != "52" || got.Ledger[2].Currency != "USD" ||
		got.Ledger[3].Account != "90.09" || got.Ledger[3].Amount != m("400.00") || got.Ledger[4].Account != "99" || got.Ledger[4].Amount != m("-400.00") {
		t.Errorf("ledger: %+v", got.Ledger)
	}
	if got.Profit.BeforeTax != m("800.00") || in.Ledger[0].Amount != m("-100.00") {
		t.Errorf("profit %d; the caller's ledger %+v", got.Profit.BeforeTax, in.Ledger)
	}
}

// TestCloseNothingWithoutAccounts: books with nothing to close close
// without the closing accounts named (a chart of the organisation's own
// before its settings are saved); with something to close, the missing
// account is named.
func TestCloseNothingWithoutAccounts(t *testing.T) {
	in := inputs(t)
	s := Settings{Closing: DefaultClosing("empty")}
	for _, typ := range []Type{Revaluation, CloseMonth, ProfitTax} {
		if ps, err := Preview(closing(typ, oct31), s, in); err != nil || len(ps) != 0 {
			t.Errorf("%s: %v %v", typ, ps, err)
		}
	}
	if ps, err := Preview(closing(CloseYear, ledger.DateOf(2025, 12, 31)), s, in); err != nil || len(ps) != 0 {
		t.Errorf("year close: %v %v", ps, err)
	}
	in.Profit.BeforeTax = m("100.00")
	if _, err := Preview(closing(ProfitTax, oct31), s, in); !ledger.IsCode(err, ledger.EInvalid) {
		t.Errorf("profit tax without its accounts: %v", err)
	}
}
