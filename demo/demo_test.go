package demo_test

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"hasap/app"
	"hasap/demo"
	"hasap/doc"
	"hasap/internal/apptest"
	"hasap/ledger"
	"hasap/money"
	"hasap/report"
	"hasap/store"
)

// year is fixed so that the tests do not depend on the calendar.
const year = 2025

func newApp(t *testing.T) *app.App {
	t.Helper()
	return apptest.New(t)
}

// build builds the demo in a fresh SQLite store, with the app's clock
// frozen at now unless now is nil.
func build(t *testing.T, opts demo.Options, now func() time.Time) (*app.App, demo.Stats) {
	t.Helper()
	a := newApp(t)
	if now != nil {
		a.Now = now
	}
	start := time.Now()
	stats, err := demo.Build(context.Background(), a, opts)
	if err != nil {
		t.Fatalf("Build: %v (after %d entries)", err, stats.Entries)
	}
	t.Logf("built %d documents, %d entries, %d postings in %s", stats.Documents, stats.Entries, stats.Postings, time.Since(start).Round(time.Millisecond))
	return a, stats
}

func TestBuild(t *testing.T) {
	ctx := context.Background()
	a, stats := build(t, demo.Options{Year: year}, nil)
	if stats.Entries < 1500 || stats.Entries > 3000 {
		t.Errorf("%d entries, want 1 500 to 3 000", stats.Entries)
	}
	if stats.Documents != stats.Entries {
		t.Errorf("%d documents made %d entries, want one entry each", stats.Documents, stats.Entries)
	}

	t.Run("entries reference their documents", func(t *testing.T) {
		org, err := a.Org(ctx, app.System, demo.Code)
		if err != nil {
			t.Fatal(err)
		}
		byType := map[doc.Type]int{}
		var last ledger.Date
		err = a.Store.ScanEntries(ctx, org.ID, 0, func(e *ledger.Entry) error {
			// Ref is type/year/number.
			parts := strings.Split(e.Document, "/")
			if len(parts) != 3 {
				return fmt.Errorf("entry %d/%d refers to %q, not to a document", e.Year, e.Number, e.Document)
			}
			year, err1 := strconv.Atoi(parts[1])
			number, err2 := strconv.ParseInt(parts[2], 10, 64)
			if err1 != nil || err2 != nil {
				return fmt.Errorf("entry %d/%d refers to %q", e.Year, e.Number, e.Document)
			}
			d, err := a.Store.DocumentByNumber(ctx, org.ID, parts[0], year, number)
			if err != nil {
				return fmt.Errorf("entry %d/%d refers to %q: %w", e.Year, e.Number, e.Document, err)
			}
			if d.Status != string(doc.Posted) || d.Entry != e.Seq || d.Date != e.Date || d.Author != "system" {
				return fmt.Errorf("document %s: %s, entry %d, %s, by %q; its entry is %d of %s", e.Document, d.Status, d.Entry, d.Date, d.Author, e.Seq, e.Date)
			}
			byType[doc.Type(parts[0])]++
			last = max(last, e.Date)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if last != ledger.DateOf(year, 12, 31) && last != ledger.DateOf(year, 12, 30) {
			t.Errorf("the last document is of %s, want the year's last days", last)
		}
		// Every kind of document the company uses, in plausible numbers.
		for typ, want := range map[doc.Type][2]int{
			doc.OpeningBalances: {1, 1},
			doc.SalesInvoice:    {400, 900}, doc.Waybill: {80, 300}, doc.Act: {12, 24},
			doc.GoodsReceipt: {50, 250}, doc.SupplierInvoice: {80, 300},
			doc.PaymentIn: {300, 900}, doc.PaymentOut: {150, 500},
			doc.CashReceipt: {80, 300}, doc.CashExpense: {30, 150},
			doc.AdvanceReport: {12, 12}, doc.Manual: {60, 200},
			// The month close: 90 and 91 closed and the profit tax accrued
			// every month, the year closed on 31 December; the dollar
			// stays at 3.50, so there is nothing to revalue.
			doc.CloseMonth: {12, 12}, doc.ProfitTax: {12, 12}, doc.CloseYear: {1, 1}, doc.Revaluation: {0, 0},
		} {
			if n := byType[typ]; n < want[0] || n > want[1] {
				t.Errorf("%d documents of type %s, want %d to %d", n, typ, want[0], want[1])
			}
		}
		t.Logf("documents by type: %v", byType)
	})

	t.Run("payments are based on what they pay", func(t *testing.T) {
		// A customer's payment names the oldest invoice it settles; a
		// supplier's the oldest purchase; the same counterparty's.
		for typ, paid := range map[doc.Type][]doc.Type{
			doc.PaymentIn:  {doc.SalesInvoice, doc.Act},
			doc.PaymentOut: {doc.SupplierInvoice, doc.GoodsReceipt},
		} {
			ds, err := a.ListDocuments(ctx, app.System, demo.Code, store.DocumentFilter{Type: string(typ), From: ledger.NoDate, To: ledger.NoDate, Limit: store.MaxDocumentLimit})
			if err != nil {
				t.Fatal(err)
			}
			based := 0
			for _, d := range ds {
				if d.BasedOn == 0 {
					continue
				}
				based++
				b, err := a.GetDocument(ctx, app.System, demo.Code, d.BasedOn)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Contains(paid, b.Type) || b.Counterparty != d.Counterparty || b.Date > d.Date || b.Status != doc.Posted {
					t.Errorf("%s is based on %s %s of %s, counterparty %d (its own %d)", d.Ref(), b.Status, b.Ref(), b.Date, b.Counterparty, d.Counterparty)
				}
			}
			if based < len(ds)/2 {
				t.Errorf("%d of the last %d %s documents are based on another", based, len(ds), typ)
			}
		}
	})

	t.Run("trial balance balances", func(t *testing.T) {
		tb, err := a.TrialBalance(ctx, app.System, demo.Code, ledger.NoDate, ledger.NoDate)
		if err != nil {
			t.Fatal(err)
		}
		if !tb.Balanced() {
			t.Errorf("trial balance does not balance: %+v", tb.Total)
		}
	})

	t.Run("verify", func(t *testing.T) {
		res, err := a.Verify(ctx, app.System, demo.Code, nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.Entries != int64(stats.Entries) || res.Postings != int64(stats.Postings) {
			t.Errorf("verify saw %d entries, %d postings; Build reported %+v", res.Entries, res.Postings, stats)
		}
	})

	t.Run("cash and bank never negative at month end", func(t *testing.T) {
		for m := time.January; m <= time.December; m++ {
			end := ledger.DateOf(year, m+1, 1) - 1
			bals, err := a.Balances(ctx, app.System, demo.Code, end)
			if err != nil {
				t.Fatal(err)
			}
			for _, acc := range []ledger.AccountCode{"50.01", "51", "52"} {
				for _, b := range bals {
					if b.Account == acc && b.Amount < 0 {
						t.Errorf("%s: %s is %s %s", end, acc, money.Decimal(b.Amount, 2), b.Currency.Code)
					}
				}
			}
			if m == time.December && balance(bals, "51", "TMT") <= 0 {
				t.Errorf("bank 51 is empty at year end")
			}
		}
	})

	t.Run("stock never negative", func(t *testing.T) {
		org, err := a.Org(ctx, app.System, demo.Code)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := a.Store.Totals(ctx, org.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Rows are sorted by account, analytics, currency and month: a
		// running sum per key is the stock at each month's end.
		type key struct {
			acc ledger.AccountCode
			an  [ledger.MaxAnalytics]ledger.AnalyticID
		}
		qty, value := map[key]ledger.Quantity{}, map[key]money.Amount{}
		items := 0
		for _, r := range rows {
			if r.Key.Account != "41.01" {
				continue
			}
			k := key{r.Key.Account, r.Key.Analytics}
			if _, seen := qty[k]; !seen {
				items++
			}
			qty[k] += r.DebitQty - r.CreditQty
			value[k] += r.Debit - r.Credit
			if qty[k] < 0 || value[k] < 0 {
				t.Errorf("41.01 %v at the end of %d: %d thousandths, %s TMT", k.an, r.Key.Month, qty[k], money.Decimal(value[k], 2))
			}
			if qty[k] == 0 && value[k] != 0 {
				t.Errorf("41.01 %v at the end of %d: no units left but %s TMT", k.an, r.Key.Month, money.Decimal(value[k], 2))
			}
		}
		if items < 60 {
			t.Errorf("goods kept for %d item and warehouse pairs, want most of 84", items)
		}
	})

	t.Run("sales and VAT", func(t *testing.T) {
		tb, err := a.TrialBalance(ctx, app.System, demo.Code, ledger.NoDate, ledger.NoDate)
		if err != nil {
			t.Fatal(err)
		}
		revenue := row(t, tb, "90.01")
		if revenue.Credit <= 0 {
			t.Fatalf("no revenue: %+v", revenue)
		}
		// Output VAT is 15/115 of sales with VAT, rounded per line: the
		// year's total may differ from 15/115 of the total by half a teňňe
		// a line at most.
		outVAT := row(t, tb, "90.03").Debit
		lines := money.Amount(stats.Postings) // more than the invoice lines
		want := revenue.Credit * 15 / 115
		if diff := outVAT - want; diff < -lines/2 || diff > lines/2 {
			t.Errorf("output VAT %s, want about %s (15/115 of revenue %s)", money.Decimal(outVAT, 2), money.Decimal(want, 2), money.Decimal(revenue.Credit, 2))
		}
		// VAT is offset and paid monthly, so what is payable at the end of
		// the year is December's output VAT less December's input VAT.
		dec, err := a.TrialBalance(ctx, app.System, demo.Code, ledger.DateOf(year, 12, 1), ledger.DateOf(year, 12, 31))
		if err != nil {
			t.Fatal(err)
		}
		input := row(t, dec, "19.03").Debit + row(t, dec, "19.04").Debit
		payable := row(t, dec, "68.02").ClosingCredit - row(t, dec, "68.02").ClosingDebit
		if got := row(t, dec, "90.03").Debit - input; payable != got {
			t.Errorf("68.02 payable at year end %s, want December's output less input VAT %s", money.Decimal(payable, 2), money.Decimal(got, 2))
		}
		// Sales are made at a margin, and 90 closes to 99 every month.
		if cost := row(t, tb, "90.02").Debit; cost <= 0 || cost >= revenue.Credit-outVAT {
			t.Errorf("cost of sales %s against net revenue %s", money.Decimal(cost, 2), money.Decimal(revenue.Credit-outVAT, 2))
		}
		// A group row shows its sub-accounts' balances side by side.
		if r := row(t, tb, "90"); r.ClosingDebit != r.ClosingCredit {
			t.Errorf("90 does not net to zero at year end: %+v", r)
		}
		for _, acc := range []ledger.AccountCode{"26", "44", "000", "19.03", "19.04"} {
			if r := row(t, tb, acc); r.ClosingDebit != 0 || r.ClosingCredit != 0 {
				t.Errorf("%s is not closed at year end: %+v", acc, r)
			}
		}
	})

	t.Run("month and year close", func(t *testing.T) {
		// Every month is closed by the month close: the lock date is the
		// year's end.
		org, err := a.Org(ctx, app.System, demo.Code)
		if err != nil {
			t.Fatal(err)
		}
		if org.LockDate != ledger.DateOf(year, 12, 31) {
			t.Errorf("the lock date is %s, want the year's end", org.LockDate)
		}
		tb, err := a.TrialBalance(ctx, app.System, demo.Code, ledger.NoDate, ledger.NoDate)
		if err != nil {
			t.Fatal(err)
		}
		// The year close leaves 90, 91 and 99 at zero, each sub-account.
		for _, r := range tb.Rows {
			if c := string(r.Account); (strings.HasPrefix(c, "90") || strings.HasPrefix(c, "91") || c == "99") && (r.ClosingDebit != 0 || r.ClosingCredit != 0) {
				t.Errorf("%s after the year close: %+v", c, r.Amounts)
			}
		}
		// The year's profit after tax went to 84 (Dt 99 Kt 84), and the
		// profit tax accrued month by month (Dt 99 Kt 68.04, not yet paid)
		// is 8 % of the profit before it, rounded once.
		ds, err := a.ListDocuments(ctx, app.System, demo.Code, store.DocumentFilter{Type: string(doc.CloseYear), From: ledger.NoDate, To: ledger.NoDate, Limit: 10})
		if err != nil || len(ds) != 1 {
			t.Fatalf("year close documents: %d, %v", len(ds), err)
		}
		e, err := a.Store.Entry(ctx, org.ID, ds[0].Entry)
		if err != nil {
			t.Fatal(err)
		}
		var afterTax money.Amount
		for _, p := range e.Postings {
			if p.Debit.Account == "99" && p.Credit.Account == "84" {
				afterTax += p.Amount
			}
		}
		tax := row(t, tb, "68.04").ClosingCredit
		if afterTax <= 0 || tax <= 0 {
			t.Fatalf("the year's profit after tax %s, the profit tax %s: the demo company made no profit", money.Decimal(afterTax, 2), money.Decimal(tax, 2))
		}
		before := afterTax + tax
		if want := (before*8 + 50) / 100; tax != want {
			t.Errorf("profit tax %s, want 8 %% of %s = %s", money.Decimal(tax, 2), money.Decimal(before, 2), money.Decimal(want, 2))
		}
	})

	t.Run("currency", func(t *testing.T) {
		bals, err := a.Balances(ctx, app.System, demo.Code, ledger.NoDate)
		if err != nil {
			t.Fatal(err)
		}
		tb, err := a.TrialBalance(ctx, app.System, demo.Code, ledger.NoDate, ledger.NoDate)
		if err != nil {
			t.Fatal(err)
		}
		// At a constant 3.50 every USD balance is 3.50 times its manat
		// balance, and imports were bought and paid in dollars.
		for _, acc := range []ledger.AccountCode{"52", "60.21"} {
			r := row(t, tb, acc)
			usd, tmt := balance(bals, acc, "USD"), r.ClosingDebit-r.ClosingCredit
			if usd*35/10 != tmt {
				t.Errorf("%s: %s USD but %s TMT", acc, money.Decimal(usd, 2), money.Decimal(tmt, 2))
			}
			if r.Debit == 0 || r.Credit == 0 {
				t.Errorf("%s has no turnover: %+v", acc, r)
			}
		}
	})
}

// row returns the trial balance row of acc.
func row(t *testing.T, tb *report.TrialBalance, acc ledger.AccountCode) report.TBRow {
	t.Helper()
	i := slices.IndexFunc(tb.Rows, func(r report.TBRow) bool { return r.Account == acc })
	if i < 0 {
		return report.TBRow{Account: acc}
	}
	return tb.Rows[i]
}

// balance returns the balance of acc in currency cur.
func balance(bals []report.Balance, acc ledger.AccountCode, cur string) money.Amount {
	for _, b := range bals {
		if b.Account == acc && b.Currency.Code == cur {
			return b.Amount
		}
	}
	return 0
}

// TestDeterministic builds the same year twice, the second time as "the
// twelve months ending today" on its last day by a frozen clock, and
// expects the same books.
func TestDeterministic(t *testing.T) {
	ctx := context.Background()
	a1, s1 := build(t, demo.Options{Year: year}, nil)
	a2, s2 := build(t, demo.Options{}, func() time.Time { return time.Date(year, 12, 31, 18, 0, 0, 0, time.UTC) })
	if s1 != s2 {
		t.Fatalf("stats differ: %+v and %+v", s1, s2)
	}
	b1, err := a1.Balances(ctx, app.System, demo.Code, ledger.NoDate)
	if err != nil {
		t.Fatal(err)
	}
	b2, err := a2.Balances(ctx, app.System, demo.Code, ledger.NoDate)
	if err != nil {
		t.Fatal(err)
	}
	if len(b1) == 0 || !slices.Equal(b1, b2) {
		t.Errorf("balances differ between two builds")
	}
	o1, _ := a1.Org(ctx, app.System, demo.Code)
	o2, _ := a2.Org(ctx, app.System, demo.Code)
	t1, err := a1.Store.Totals(ctx, o1.ID)
	if err != nil {
		t.Fatal(err)
	}
	t2, err := a2.Store.Totals(ctx, o2.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(t1, t2) {
		t.Errorf("totals by analytics differ between two builds")
	}
}

func TestBuildRefusesExistingOrg(t *testing.T) {
	ctx := context.Background()
	a := newApp(t)
	if _, err := a.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: demo.Code, Name: "taken"}); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Build(ctx, a, demo.Options{Year: year}); !ledger.IsCode(err, ledger.EConflict) {
		t.Errorf("Build over an existing organisation: %v, want a conflict", err)
	}
	if _, err := demo.Build(ctx, newApp(t), demo.Options{Year: -1}); !ledger.IsCode(err, ledger.EInvalid) {
		t.Errorf("Build for year -1: %v, want invalid", err)
	}
}

// TestBuildEndsToday: without a year the demo runs the twelve months that
// end today, as serve --demo builds it: from the first of the month eleven
// months back to today, nothing after today, the months before this one
// closed by the month close (the lock date at the end of the last, the
// past year closed) and this one still open.
func TestBuildEndsToday(t *testing.T) {
	ctx := context.Background()
	today := time.Date(2026, 3, 10, 9, 30, 0, 0, time.UTC)
	a, stats := build(t, demo.Options{}, func() time.Time { return today })
	org, err := a.Org(ctx, app.System, demo.Code)
	if err != nil {
		t.Fatal(err)
	}
	first, last := ledger.NoDate, ledger.NoDate
	err = a.Store.ScanEntries(ctx, org.ID, 0, func(e *ledger.Entry) error {
		if first == ledger.NoDate {
			first = e.Date
		}
		last = max(last, e.Date)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if first != ledger.DateOf(2025, 4, 1) || last > ledger.DateOf(2026, 3, 10) || last < ledger.DateOf(2026, 3, 6) {
		t.Errorf("documents from %s to %s, want from 2025-04-01 to the last working day up to 2026-03-10", first, last)
	}
	if stats.Entries < 1500 {
		t.Errorf("%d entries in the twelve months, want a year's", stats.Entries)
	}
	// February is closed: 26, 44 and 90 as a whole are nil at its end; March is not yet.
	feb, err := a.TrialBalance(ctx, app.System, demo.Code, ledger.DateOf(2026, 2, 1), ledger.DateOf(2026, 2, 28))
	if err != nil {
		t.Fatal(err)
	}
	for _, acc := range []ledger.AccountCode{"26", "44"} {
		if r := row(t, feb, acc); r.ClosingDebit != 0 || r.ClosingCredit != 0 || r.Debit == 0 {
			t.Errorf("%s at the end of February: %+v, want turnover and closed", acc, r)
		}
	}
	if r := row(t, feb, "90"); r.ClosingDebit != r.ClosingCredit {
		t.Errorf("90 does not net to zero at the end of February: %+v", r)
	}
	// The month close closed February last: the lock date is its end. The
	// year 2025 is closed: its 99 went to 84 on 31 December.
	if org.LockDate != ledger.DateOf(2026, 2, 28) {
		t.Errorf("the lock date is %s, want 2026-02-28", org.LockDate)
	}
	y2025, err := a.TrialBalance(ctx, app.System, demo.Code, ledger.DateOf(2025, 4, 1), ledger.DateOf(2025, 12, 31))
	if err != nil {
		t.Fatal(err)
	}
	if r := row(t, y2025, "99"); r.ClosingDebit != 0 || r.ClosingCredit != 0 || r.Credit == 0 {
		t.Errorf("99 at the end of 2025: %+v, want the year's profit closed to 84", r.Amounts)
	}
	mar, err := a.TrialBalance(ctx, app.System, demo.Code, ledger.DateOf(2026, 3, 1), ledger.DateOf(2026, 3, 31))
	if err != nil {
		t.Fatal(err)
	}
	if r := row(t, mar, "90.01"); r.Credit == 0 {
		t.Errorf("no sales in March: %+v", r)
	}
	if r := row(t, mar, "90.09"); r.Debit != 0 || r.Credit != 0 {
		t.Errorf("March, not yet over, is closed: %+v", r)
	}
	tb, err := a.TrialBalance(ctx, app.System, demo.Code, ledger.NoDate, ledger.NoDate)
	if err != nil {
		t.Fatal(err)
	}
	if !tb.Balanced() {
		t.Errorf("trial balance does not balance: %+v", tb.Total)
	}
}
