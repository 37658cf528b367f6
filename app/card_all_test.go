package app_test

import (
	"context"
	"fmt"
	"math"
	"testing"

	"hasap/app"
	"hasap/ledger"
	"hasap/money"
)

func TestAccountCardAllAsPages(t *testing.T) { eachStore(t, testAccountCardAllAsPages) }

// testAccountCardAllAsPages: the whole card read at once (the balance
// carried from store page to store page, as the export reads it) is line
// for line the card read a page at a time (each page's balance from the
// totals before its cursor), whatever the page sizes. The ledger of 50.03
// has an opening before the period, one entry of twelve postings on one
// day (with a posting of 50.03 on both sides, whose two lines share a
// cursor), eight entries on another day, an entry on the last day of a
// month, and the red storno of one of the busy day's entries.
func testAccountCardAllAsPages(t *testing.T, a *app.App) {
	ctx := context.Background()
	createOrg(t, a, "acme", "cis")
	d := ledger.DateOf
	cash, equity, costs := ledger.Side{Account: "50.03"}, ledger.Side{Account: "80"}, ledger.Side{Account: "26"}
	post := func(date ledger.Date, ps ...ledger.Posting) ledger.Entry {
		t.Helper()
		e, err := a.Post(ctx, app.System, "acme", ledger.Entry{Date: date, Description: "card", Postings: ps})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	in := func(n money.Amount) ledger.Posting { return ledger.Posting{Debit: cash, Credit: equity, Amount: n} }
	out := func(n money.Amount) ledger.Posting { return ledger.Posting{Debit: costs, Credit: cash, Amount: n} }

	post(d(2025, 1, 5), in(1_000_00)) // the opening of a card from 10 January
	var busy []ledger.Posting
	for i := 1; i <= 11; i++ {
		if i%3 == 0 {
			busy = append(busy, out(money.Amount(i*7_00)))
		} else {
			busy = append(busy, in(money.Amount(i*10_00)))
		}
	}
	busy = append(busy[:5], append([]ledger.Posting{{Debit: cash, Credit: cash, Amount: 55_00}}, busy[5:]...)...)
	post(d(2025, 1, 10), busy...)
	var stornoed ledger.Entry
	for i := 1; i <= 8; i++ {
		e := post(d(2025, 1, 20), in(money.Amount(i*3_00)), out(money.Amount(i*1_00)))
		if i == 4 {
			stornoed = e
		}
	}
	post(d(2025, 1, 31), out(50_00))
	if _, err := a.Reverse(ctx, app.System, "acme", stornoed.Year, stornoed.Number, d(2025, 2, 3), true); err != nil {
		t.Fatal(err)
	}
	post(d(2025, 2, 3), in(9_00))

	// 13 lines on the 10th (the posting on both sides gives two), 16 on
	// the 20th, 1 on the 31st, 2 of the storno and 1 on 3 February.
	const all = 13 + 16 + 1 + 2 + 1
	periods := []struct{ from, to ledger.Date }{
		{d(2025, 1, 10), ledger.NoDate},
		{ledger.NoDate, d(2025, 1, 31)},
		{d(2025, 1, 11), d(2025, 2, 3)},
	}
	for _, p := range periods {
		for _, pageSize := range []int{1, 2, 3, 5, 12} {
			q := app.CardQuery{Account: "50.03", From: p.from, To: p.to, Limit: pageSize}
			want := cardByPages(t, a, q)
			name := fmt.Sprintf("%s..%s by %d", p.from, p.to, pageSize)
			for _, storePage := range []int{1, 2, 4, 1000} {
				q.Limit = storePage
				got, err := a.AccountCardAll(ctx, app.System, "acme", q, math.MaxInt)
				if err != nil {
					t.Fatalf("%s, store page %d: %v", name, storePage, err)
				}
				sameCard(t, fmt.Sprintf("%s, store page %d", name, storePage), got, want)
			}
		}
	}
	whole := cardByPages(t, a, app.CardQuery{Account: "50.03", From: ledger.NoDate, To: ledger.NoDate, Limit: 7})
	if len(whole.Lines) != 1+all {
		t.Fatalf("%d lines, want %d", len(whole.Lines), 1+all)
	}
	// 1 000.00 opening; the 10th: in 10.00·(1+2+4+5+7+8+10+11) = 480.00,
	// out 7.00·(3+6+9) = 126.00 (the posting on both sides nets to zero);
	// the 20th: in 3.00·36, out 1.00·36; the storno of its fourth entry
	// −12.00 in, −4.00 out; −50.00 and +9.00: closing 1 377.00.
	wantClosing := money.Amount(1_000_00 + 10_00*(1+2+4+5+7+8+10+11) - 7_00*(3+6+9) + 2_00*(1+2+3+4+5+6+7+8) - 8_00 - 50_00 + 9_00)
	if whole.Closing != wantClosing || whole.Lines[len(whole.Lines)-1].Balance != wantClosing {
		t.Errorf("closing %d, last line %d, want %d", whole.Closing, whole.Lines[len(whole.Lines)-1].Balance, wantClosing)
	}
	// The red storno's lines are negative amounts on their usual sides.
	var red int
	for _, l := range whole.Lines {
		if l.Amount < 0 {
			red++
		}
	}
	if red != 2 {
		t.Errorf("%d red lines, want 2", red)
	}

	// Cut short: the store pages up to the one that reaches maxLines, and
	// where the rest starts.
	q := app.CardQuery{Account: "50.03", From: ledger.NoDate, To: ledger.NoDate, Limit: 4}
	cut, err := a.AccountCardAll(ctx, app.System, "acme", q, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(cut.Lines) < 10 || len(cut.Lines) > 13 || cut.Next == nil {
		t.Fatalf("cut at 10: %d lines, next %v", len(cut.Lines), cut.Next)
	}
	last := cut.Lines[len(cut.Lines)-1]
	if *cut.Next != (app.CardCursor{Date: last.Date, Seq: last.Seq, Line: last.Line}) {
		t.Errorf("cut: next %+v after %+v", *cut.Next, last)
	}
	for i, l := range cut.Lines {
		if l != whole.Lines[i] {
			t.Fatalf("cut line %d: %+v, want %+v", i, l, whole.Lines[i])
		}
	}

	// The sheet is the whole card.
	sh, err := a.AccountCardSheet(ctx, app.System, "acme", app.CardQuery{Account: "50.03", From: ledger.NoDate, To: ledger.NoDate}, "en")
	if err != nil {
		t.Fatal(err)
	}
	if len(sh.Rows) != len(whole.Lines)+3 {
		t.Fatalf("sheet: %d rows for %d lines", len(sh.Rows), len(whole.Lines))
	}
	for i, l := range whole.Lines {
		if b := sh.Rows[1+i].Cells[7].N; b != l.Balance {
			t.Errorf("sheet line %d: balance %d, want %d", i, b, l.Balance)
		}
	}
	if _, err := a.AccountCardAll(ctx, app.System, "acme", app.CardQuery{Account: "50"}, 10); !ledger.IsCode(err, ledger.EInvalid) {
		t.Errorf("whole card of a group account: %v", err)
	}
}

// cardByPages reads q's card a page of q.Limit at a time, each page asked
// for by its cursor alone, as the web page asks for it.
func cardByPages(t *testing.T, a *app.App, q app.CardQuery) *app.Card {
	t.Helper()
	var card *app.Card
	for {
		c, err := a.AccountCard(context.Background(), app.System, "acme", q)
		if err != nil {
			t.Fatal(err)
		}
		if card == nil {
			card = c
		} else {
			card.Lines = append(card.Lines, c.Lines...)
		}
		if c.Next == nil {
			return card
		}
		q.After = *c.Next
	}
}

func sameCard(t *testing.T, name string, got, want *app.Card) {
	t.Helper()
	if got.Opening != want.Opening || got.Debit != want.Debit || got.Credit != want.Credit || got.Closing != want.Closing || got.Next != nil {
		t.Fatalf("%s: heading %d %d %d %d (next %v), want %d %d %d %d", name, got.Opening, got.Debit, got.Credit, got.Closing, got.Next,
			want.Opening, want.Debit, want.Credit, want.Closing)
	}
	if len(got.Lines) != len(want.Lines) {
		t.Fatalf("%s: %d lines, want %d", name, len(got.Lines), len(want.Lines))
	}
	for i := range got.Lines {
		if got.Lines[i] != want.Lines[i] {
			t.Fatalf("%s: line %d %+v, want %+v", name, i, got.Lines[i], want.Lines[i])
		}
	}
}
