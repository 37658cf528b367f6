package app_test

import (
	"context"
	"testing"

	"hasap/app"
	"hasap/ledger"
	"hasap/money"
)

// TestCheckEntry: every posting's problem, placed at its side and slot,
// from the ledger's own messages (which the web form shows at its fields).
func TestCheckEntry(t *testing.T) {
	ctx := context.Background()
	a := newApp(t)
	createOrg(t, a, "acme", "cis")
	cust := &ledger.Analytic{Kind: ledger.Counterparty, Code: "C1", Names: ledger.Names{EN: "Customer"}}
	if err := a.CreateAnalytic(ctx, app.System, "acme", cust); err != nil {
		t.Fatal(err)
	}
	d := ledger.DateOf(2025, 3, 1)
	e := ledger.Entry{Date: d, Postings: []ledger.Posting{
		{Debit: ledger.Side{Account: "26"}, Credit: ledger.Side{Account: "80"}, Amount: 100},                                               // fine
		{Debit: ledger.Side{Account: "62.01", Analytics: [3]ledger.AnalyticID{cust.ID}}, Credit: ledger.Side{Account: "90.01"}, Amount: 1}, // no contract
		{Debit: ledger.Side{Account: "26"}, Credit: ledger.Side{Account: "999"}, Amount: 1},                                                // no such account
		{Debit: ledger.Side{Account: "26"}, Credit: ledger.Side{Account: "80"}},                                                            // zero
		{Debit: ledger.Side{Account: "26", Analytics: [3]ledger.AnalyticID{cust.ID}}, Credit: ledger.Side{Account: "80"}, Amount: 1},       // 26 takes none
	}}
	problems, err := a.CheckEntry(ctx, app.System, "acme", e)
	if err != nil {
		t.Fatal(err)
	}
	want := []app.EntryProblem{
		{Posting: 1, Side: "debit", Slot: 1},
		{Posting: 2, Side: "credit", Slot: -1},
		{Posting: 3, Side: "amount", Slot: -1},
		{Posting: 4, Side: "debit", Slot: 0},
	}
	if len(problems) != len(want) {
		t.Fatalf("problems %+v, want %d", problems, len(want))
	}
	for i, w := range want {
		p := problems[i]
		if p.Posting != w.Posting || p.Side != w.Side || p.Slot != w.Slot || p.Err == nil {
			t.Errorf("problem %d: %+v, want %+v", i, p, w)
		}
	}

	// A problem of the entry itself is reported once, for the entry.
	if err := a.SetLockDate(ctx, app.System, "acme", d); err != nil {
		t.Fatal(err)
	}
	problems, err = a.CheckEntry(ctx, app.System, "acme", e)
	if err != nil || len(problems) != 1 || problems[0].Posting != -1 || !ledger.IsCode(problems[0].Err, ledger.ELocked) {
		t.Fatalf("locked: %+v, %v", problems, err)
	}
}

// TestAccountCardPages: the running balance of a later page starts where
// the earlier one ended, also inside one day, and the last line ends at the
// closing balance.
func TestAccountCardPages(t *testing.T) {
	ctx := context.Background()
	a := newApp(t)
	createOrg(t, a, "acme", "cis")
	var total money.Amount
	for i := 1; i <= 25; i++ {
		amount := money.Amount(i * 100)
		p := ledger.Posting{Debit: ledger.Side{Account: "50.03"}, Credit: ledger.Side{Account: "80"}, Amount: amount}
		if i%4 == 0 { // money goes out again now and then
			p = ledger.Posting{Debit: ledger.Side{Account: "26"}, Credit: ledger.Side{Account: "50.03"}, Amount: amount}
			amount = -amount
		}
		e := ledger.Entry{Date: ledger.DateOf(2025, 1, 1+i/3), Postings: []ledger.Posting{p}}
		if _, err := a.Post(ctx, app.System, "acme", e); err != nil {
			t.Fatal(err)
		}
		if i >= 6 { // the card starts on 3 January: days 1 and 2 (i < 6) are its opening
			total += amount
		}
	}
	q := app.CardQuery{Account: "50.03", From: ledger.DateOf(2025, 1, 3), To: ledger.NoDate, Limit: 4}
	first, err := a.AccountCard(ctx, app.System, "acme", q)
	if err != nil {
		t.Fatal(err)
	}
	bal := first.Opening
	var lines int
	for c := first; ; {
		if c.StartingBalance != bal {
			t.Fatalf("page starts from %d, the last one ended with %d", c.StartingBalance, bal)
		}
		for _, l := range c.Lines {
			bal = l.Balance
			lines++
		}
		if c.Next == nil {
			break
		}
		q.After = *c.Next
		if c, err = a.AccountCard(ctx, app.System, "acme", q); err != nil {
			t.Fatal(err)
		}
	}
	if lines != 20 || bal != first.Closing || first.Closing-first.Opening != total {
		t.Errorf("%d lines, last balance %d, opening %d, closing %d, movement %d", lines, bal, first.Opening, first.Closing, total)
	}
	if _, err := a.AccountCard(ctx, app.System, "acme", app.CardQuery{Account: "60"}); !ledger.IsCode(err, ledger.EInvalid) {
		t.Errorf("card of a group account: %v", err)
	}
}
