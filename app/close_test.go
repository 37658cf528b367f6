package app_test

import (
	"context"
	"fmt"
	"math/rand"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"hasap/app"
	"hasap/auth"
	"hasap/doc"
	"hasap/ledger"
	"hasap/money"
)

func TestMonthClose(t *testing.T) { eachStore(t, testMonthClose) }

// closeBooks is an organisation "cl" on the cis chart with its owner,
// chief accountant and accountant.
type closeBooks struct {
	a                  *app.App
	owner, chief, acct app.Actor
	cf                 ledger.AnalyticID
}

func newCloseBooks(t *testing.T, a *app.App) *closeBooks {
	createOrg(t, a, "cl", "cis")
	b := &closeBooks{a: a}
	for who, role := range map[string]auth.Role{"clowner": auth.Owner, "clchief": auth.ChiefAccountant, "clacct": auth.Accountant} {
		mustUser(t, a, who, "cl", role)
	}
	b.owner, b.chief, b.acct = login(t, a, "clowner"), login(t, a, "clchief"), login(t, a, "clacct")
	cf := ledger.Analytic{Kind: ledger.CashFlowItem, Code: "CF", Names: ledger.Names{RU: "CF"}}
	if err := a.CreateAnalytic(context.Background(), app.System, "cl", &cf); err != nil {
		t.Fatal(err)
	}
	b.cf = cf.ID
	return b
}

// post posts Dt dt Kt kt amount on day.
func (b *closeBooks) post(t *testing.T, day ledger.Date, dt, kt ledger.Side, amount string) {
	t.Helper()
	e := ledger.Entry{Date: day, Description: "test", Postings: []ledger.Posting{{Debit: dt, Credit: kt, Amount: mustAmount(amount)}}}
	if _, err := b.a.Post(context.Background(), b.chief, "cl", e); err != nil {
		t.Fatal(err)
	}
}

func mustAmount(s string) money.Amount {
	a, err := money.ParseDecimal(s, 2)
	if err != nil {
		panic(err)
	}
	return a
}

func acct(code string) ledger.Side { return ledger.Side{Account: ledger.AccountCode(code)} }

// books are the books' balances per account and currency ("" for the
// base currency's), for comparing books.
type books map[string]money.Amount

func (b *closeBooks) balances(t *testing.T) books {
	t.Helper()
	ctx := context.Background()
	org, err := b.a.Org(ctx, b.owner, "cl")
	if err != nil {
		t.Fatal(err)
	}
	turn, err := b.a.Store.Turnover(ctx, org.ID, ledger.NoDate, ledger.NoDate)
	if err != nil {
		t.Fatal(err)
	}
	out := books{}
	for _, x := range turn {
		out[string(x.Account)] += x.Debit - x.Credit
		if x.Currency != "" {
			out[string(x.Account)+" "+x.Currency] += x.DebitCur - x.CreditCur
		}
	}
	for k, v := range out {
		if v == 0 {
			delete(out, k)
		}
	}
	return out
}

func balanceOf(bs books, code string) money.Amount { return bs[code] }

// postAll posts every step of the month in order, checking each state.
func (b *closeBooks) postAll(t *testing.T, month ledger.Date) app.MonthClose {
	t.Helper()
	mc, err := b.a.MonthClose(context.Background(), b.chief, "cl", month)
	if err != nil {
		t.Fatal(err)
	}
	for i := range mc.Steps {
		if st := mc.Steps[i]; st.State == app.StepToDo {
			if mc, err = b.a.PostCloseStep(context.Background(), b.chief, "cl", month, st.Type); err != nil {
				t.Fatalf("post %s: %v", st.Type, err)
			}
		}
	}
	if !mc.Locked && mc.Done {
		// Nothing to post: posting the first step closes the month.
		if mc, err = b.a.PostCloseStep(context.Background(), b.chief, "cl", month, mc.Steps[0].Type); err != nil {
			t.Fatal(err)
		}
	}
	return mc
}

func states(mc app.MonthClose) string {
	var out []string
	for _, s := range mc.Steps {
		out = append(out, string(s.Type)+":"+string(s.State))
	}
	return strings.Join(out, " ")
}

// testMonthClose closes October, November and December 2026 and the year
// on figures worked out by hand:
//
//	10-01  Dt 52 (CF) Kt 80      3 500.00 = 1 000.00 USD at 3.50
//	10-05  Dt 50.03 Kt 90.01     1 150.00   a sale with VAT
//	10-05  Dt 90.03 Kt 68.02       150.00   its VAT
//	10-05  Dt 90.02 Kt 20          600.00   its cost
//	10-10  Dt 50.03 Kt 91.01       100.00   other income
//	10-12  Dt 91.02 Kt 50.03       250.00   other expenses
//	10-31  the Central Bank rate of the USD is 3.60
//
// October's close: revaluation Dt 52 Kt 91.01 100.00 (1 000.00 × 3.60 −
// 3 500.00); 90: −1 150 + 150 + 600 = −400, Dt 90.09 Kt 99 400.00; 91:
// −100 − 100 + 250 = +50, Dt 99 Kt 91.09 50.00; profit tax 8 % of 350.00 =
// 28.00, Dt 99 Kt 68.04; 99 is then −322.00 and the lock date 31 October.
//
// December: Dt 50.03 Kt 90.01 575.00, Dt 90.03 Kt 68.02 75.00: Dt 90.09
// Kt 99 500.00; the year's profit 850.00, tax 68.00 less 28.00 = 40.00;
// the year close: 90.01 −1 725.00, 90.02 600.00, 90.03 225.00 and 91.01
// −200.00, 91.02 250.00 against 90.09 and 91.09, and Dt 99 Kt 84 782.00
// (850.00 − 68.00).
func testMonthClose(t *testing.T, a *app.App) {
	ctx := context.Background()
	b := newCloseBooks(t, a)
	d := ledger.DateOf
	usd := ledger.Side{Account: "52", Analytics: [ledger.MaxAnalytics]ledger.AnalyticID{b.cf}, Currency: "USD", CurAmount: mustAmount("1000.00")}
	b.post(t, d(2026, 10, 1), usd, acct("80"), "3500.00")
	b.post(t, d(2026, 10, 5), acct("50.03"), acct("90.01"), "1150.00")
	b.post(t, d(2026, 10, 5), acct("90.03"), acct("68.02"), "150.00")
	b.post(t, d(2026, 10, 5), acct("90.02"), acct("20"), "600.00")
	b.post(t, d(2026, 10, 10), acct("50.03"), acct("91.01"), "100.00")
	b.post(t, d(2026, 10, 12), acct("91.02"), acct("50.03"), "250.00")
	if err := a.PutRate(ctx, b.chief, "cl", "USD", d(2026, 10, 31), money.MustRate("3.6")); err != nil {
		t.Fatal(err)
	}
	oct := d(2026, 10, 1)
	mc, err := a.MonthClose(ctx, b.acct, "cl", oct)
	if err != nil {
		t.Fatal(err)
	}
	if got := states(mc); got != "revaluation:todo close_month:todo profit_tax:todo" {
		t.Errorf("October before: %s", got)
	}
	// Each step's preview counts what the steps before it will post: the
	// revaluation's 100.00 of other income in 91, the month's result in 99.
	if p := mc.Steps[0].Preview; len(p) != 1 || p[0].Amount != mustAmount("100.00") || p[0].Credit.Account != "91.01" {
		t.Errorf("the revaluation's preview: %+v", p)
	}
	if p := mc.Steps[1].Preview; len(p) != 2 || p[0].Amount != mustAmount("400.00") || p[1].Amount != mustAmount("50.00") || p[1].Credit.Account != "91.09" {
		t.Errorf("the close of 90 and 91's preview: %+v", p)
	}
	if p := mc.Steps[2].Preview; len(p) != 1 || p[0].Amount != mustAmount("28.00") || p[0].Credit.Account != "68.04" {
		t.Errorf("the profit tax's preview: %+v", p)
	}
	// The accountant may not close; the steps go in their order.
	if _, err := a.PostCloseStep(ctx, b.acct, "cl", oct, doc.Revaluation); !ledger.IsCode(err, ledger.EForbidden) {
		t.Errorf("the accountant posts a step: %v", err)
	}
	if _, err := a.PostCloseStep(ctx, b.chief, "cl", oct, doc.CloseMonth); !ledger.IsCode(err, ledger.EInvalid) {
		t.Errorf("closing 90 before the revaluation: %v", err)
	}
	mc = b.postAll(t, oct)
	if got := states(mc); got != "revaluation:posted close_month:posted profit_tax:posted" || !mc.Done || !mc.Locked {
		t.Errorf("October after: %s done %v locked %v", got, mc.Done, mc.Locked)
	}
	if org, _ := a.Org(ctx, b.owner, "cl"); org.LockDate != d(2026, 10, 31) {
		t.Errorf("the lock date is %s, want 2026-10-31", org.LockDate)
	}
	closed := b.balances(t)
	for code, want := range map[string]string{"52": "3600.00", "99": "-322.00", "68.04": "-28.00", "90.09": "400.00", "91.09": "-50.00"} {
		if got := balanceOf(closed, code); got != mustAmount(want) {
			t.Errorf("%s after October's close: %s, want %s", code, money.Decimal(got, 2), want)
		}
	}
	var g90, g91 money.Amount
	for code, x := range closed {
		if strings.HasPrefix(code, "90.") {
			g90 += x
		}
		if strings.HasPrefix(code, "91.") {
			g91 += x
		}
	}
	if g90 != 0 || g91 != 0 {
		t.Errorf("90 and 91 after the close: %d and %d", g90, g91)
	}

	// A locked month's steps are not unposted until the owner reopens it;
	// the chief accountant may not reopen; a posting into it is refused.
	if _, err := a.UnpostCloseStep(ctx, b.chief, "cl", oct, doc.ProfitTax); !ledger.IsCode(err, ledger.ELocked) {
		t.Errorf("unposting in a locked month: %v", err)
	}
	if err := a.Reopen(ctx, b.chief, "cl", d(2026, 9, 30), "a late invoice"); !ledger.IsCode(err, ledger.EForbidden) {
		t.Errorf("the chief accountant reopens: %v", err)
	}
	if err := a.Reopen(ctx, b.owner, "cl", d(2026, 9, 30), " "); !ledger.IsCode(err, ledger.EInvalid) {
		t.Errorf("reopening without a reason: %v", err)
	}
	late := ledger.Entry{Date: d(2026, 10, 20), Description: "late", Postings: []ledger.Posting{{Debit: acct("91.02"), Credit: acct("50.03"), Amount: mustAmount("10.00")}}}
	if _, err := a.Post(ctx, b.chief, "cl", late); !ledger.IsCode(err, ledger.ELocked) {
		t.Errorf("posting into the closed October: %v", err)
	}
	if err := a.Reopen(ctx, b.owner, "cl", d(2026, 9, 30), "a late invoice of the bank"); err != nil {
		t.Fatal(err)
	}
	log, err := a.Audit(ctx, b.owner, "cl", 0, 10)
	if err != nil || len(log) == 0 || log[0].Action != app.ActReopen || !strings.Contains(log[0].Detail, "a late invoice of the bank") {
		t.Errorf("the audit log's last event: %+v %v", log[:min(1, len(log))], err)
	}
	// Reverse order only; then unpost all and close again: the same books.
	if _, err := a.UnpostCloseStep(ctx, b.chief, "cl", oct, doc.Revaluation); !ledger.IsCode(err, ledger.EInvalid) {
		t.Errorf("unposting the revaluation first: %v", err)
	}
	for _, st := range []doc.Type{doc.ProfitTax, doc.CloseMonth, doc.Revaluation} {
		if mc, err = a.UnpostCloseStep(ctx, b.chief, "cl", oct, st); err != nil {
			t.Fatalf("unpost %s: %v", st, err)
		}
	}
	if got := states(mc); got != "revaluation:todo close_month:todo profit_tax:todo" || mc.Steps[0].Document == nil || mc.Steps[0].Document.Status != doc.Draft {
		t.Errorf("October unposted: %s", got)
	}
	if mc = b.postAll(t, oct); !mc.Locked || !reflect.DeepEqual(b.balances(t), closed) {
		t.Errorf("reclosed October: locked %v, the books differ:\n%v\n%v", mc.Locked, b.balances(t), closed)
	}

	// A late posting after the close makes the steps after it out of date.
	if err := a.Reopen(ctx, b.owner, "cl", d(2026, 9, 30), "late expenses"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Post(ctx, b.chief, "cl", late); err != nil {
		t.Fatal(err)
	}
	if mc, err = a.MonthClose(ctx, b.chief, "cl", oct); err != nil || states(mc) != "revaluation:posted close_month:stale profit_tax:stale" || mc.Done {
		t.Errorf("after a late posting: %s %v", states(mc), err)
	}
	for _, st := range []doc.Type{doc.ProfitTax, doc.CloseMonth} {
		if _, err = a.UnpostCloseStep(ctx, b.chief, "cl", oct, st); err != nil {
			t.Fatal(err)
		}
	}
	b.post(t, d(2026, 10, 21), acct("91.02"), acct("50.03"), "-10.00") // its red storno: the books as before
	if mc = b.postAll(t, oct); !mc.Locked || !reflect.DeepEqual(b.balances(t), closed) {
		t.Errorf("October closed a third time: locked %v, the books differ", mc.Locked)
	}

	// November has nothing to close: posting its first step closes it.
	nov := d(2026, 11, 1)
	if mc, err = a.PostCloseStep(ctx, b.chief, "cl", nov, doc.Revaluation); err != nil || states(mc) != "revaluation:nothing close_month:nothing profit_tax:nothing" || !mc.Locked {
		t.Errorf("November: %s locked %v %v", states(mc), mc.Locked, err)
	}
	// December and the year.
	b.post(t, d(2026, 12, 3), acct("50.03"), acct("90.01"), "575.00")
	b.post(t, d(2026, 12, 3), acct("90.03"), acct("68.02"), "75.00")
	dec := d(2026, 12, 1)
	if mc = b.postAll(t, dec); states(mc) != "revaluation:nothing close_month:posted profit_tax:posted close_year:posted" || !mc.Locked {
		t.Errorf("December: %s locked %v", states(mc), mc.Locked)
	}
	year := b.balances(t)
	for c, x := range year {
		if strings.HasPrefix(c, "90") || strings.HasPrefix(c, "91") || c == "99" {
			t.Errorf("%s after the year close: %s", c, money.Decimal(x, 2))
		}
	}
	if got := balanceOf(year, "84"); got != mustAmount("-782.00") {
		t.Errorf("84 after the year close: %s, want −782.00", money.Decimal(got, 2))
	}
	if got := balanceOf(year, "68.04"); got != mustAmount("-68.00") {
		t.Errorf("68.04 after the year: %s, want −68.00", money.Decimal(got, 2))
	}
	tb, err := a.TrialBalance(ctx, b.owner, "cl", d(2026, 1, 1), d(2026, 12, 31))
	if err != nil || !tb.Balanced() {
		t.Errorf("the trial balance does not balance: %v", err)
	}
	if _, err := a.Verify(ctx, b.owner, "cl", nil); err != nil {
		t.Errorf("verify: %v", err)
	}
	// Closing documents are not drafted, posted or unposted by hand.
	if _, err := a.CreateDocument(ctx, b.chief, "cl", doc.Document{Type: doc.CloseYear, Date: d(2027, 12, 31)}); !ledger.IsCode(err, ledger.EInvalid) {
		t.Errorf("a year close drafted by hand: %v", err)
	}
	if st := mc.Steps[3].Document; st == nil {
		t.Errorf("no year close document")
	} else if _, _, err := a.UnpostDocument(ctx, b.owner, "cl", st.ID, st.Version); !ledger.IsCode(err, ledger.EInvalid) {
		t.Errorf("a year close unposted by hand: %v", err)
	}
}

func TestMonthCloseIFRS(t *testing.T) { eachStore(t, testMonthCloseIFRS) }

// testMonthCloseIFRS closes a month of an ifrs organisation, whose
// closing accounts are the chart's defaults (no settings saved):
//
//	03-02  Dt 1030 (CF) Kt 3000   350.00 = 100.00 USD at 3.50
//	03-05  Dt 1150 Kt 4000      1 000.00   revenue
//	03-05  Dt 5000 Kt 1230        400.00   its cost
//	03-31  USD at 3.60: Dt 1030 Kt 8100 10.00
//
// Each income and expense account closes to 3900: Dt 4000 Kt 3900
// 1 000.00, Dt 3900 Kt 5000 400.00, Dt 8100 Kt 3900 10.00; the profit tax
// 8 % of 610.00 = 48.80: Dt 8900 Kt 2110 and Dt 3900 Kt 8900; 3900 ends at
// −561.20.
func testMonthCloseIFRS(t *testing.T, a *app.App) {
	ctx := context.Background()
	createOrg(t, a, "fi", "ifrs")
	mustUser(t, a, "fichief", "fi", auth.ChiefAccountant)
	chief := login(t, a, "fichief")
	cf := ledger.Analytic{Kind: ledger.CashFlowItem, Code: "CF", Names: ledger.Names{RU: "CF"}}
	if err := a.CreateAnalytic(ctx, app.System, "fi", &cf); err != nil {
		t.Fatal(err)
	}
	d := ledger.DateOf
	post := func(day ledger.Date, dt, kt ledger.Side, amount string) {
		e := ledger.Entry{Date: day, Description: "test", Postings: []ledger.Posting{{Debit: dt, Credit: kt, Amount: mustAmount(amount)}}}
		if _, err := a.Post(ctx, chief, "fi", e); err != nil {
			t.Fatal(err)
		}
	}
	post(d(2026, 3, 2), ledger.Side{Account: "1030", Analytics: [ledger.MaxAnalytics]ledger.AnalyticID{cf.ID}, Currency: "USD", CurAmount: mustAmount("100.00")}, acct("3000"), "350.00")
	post(d(2026, 3, 5), acct("1150"), acct("4000"), "1000.00")
	post(d(2026, 3, 5), acct("5000"), acct("1230"), "400.00")
	if err := a.PutRate(ctx, chief, "fi", "USD", d(2026, 3, 31), money.MustRate("3.6")); err != nil {
		t.Fatal(err)
	}
	mar := d(2026, 3, 1)
	mc, err := a.MonthClose(ctx, chief, "fi", mar)
	if err != nil {
		t.Fatal(err)
	}
	for i := range mc.Steps {
		// mc is the close after the step before: a step with nothing to
		// post at first may have something once the steps before it post.
		if st := mc.Steps[i]; st.State == app.StepToDo {
			if mc, err = a.PostCloseStep(ctx, chief, "fi", mar, st.Type); err != nil {
				t.Fatalf("post %s: %v", st.Type, err)
			}
		}
	}
	if states(mc) != "revaluation:posted close_month:posted profit_tax:posted" || !mc.Locked {
		t.Errorf("March: %s locked %v", states(mc), mc.Locked)
	}
	org, _ := a.Org(ctx, chief, "fi")
	turn, err := a.Store.Turnover(ctx, org.ID, ledger.NoDate, ledger.NoDate)
	if err != nil {
		t.Fatal(err)
	}
	got := map[ledger.AccountCode]money.Amount{}
	for _, x := range turn {
		got[x.Account] += x.Debit - x.Credit
	}
	for code, want := range map[ledger.AccountCode]string{"1030": "360.00", "3900": "-561.20", "2110": "-48.80",
		"4000": "0", "5000": "0", "8100": "0", "8900": "0"} {
		if got[code] != mustAmount(want) {
			t.Errorf("%s: %s, want %s", code, money.Decimal(got[code], 2), want)
		}
	}
}

func TestMonthCloseProperty(t *testing.T) { eachStore(t, testMonthCloseProperty) }

// testMonthCloseProperty posts random months of sales, costs, other
// income and expenses and US dollars received at a rate that moves every
// month, and closes each month: after each close 90 and 91 (as groups)
// are zero and the trial balance balances; after the year close every
// account of 90, 91 and 99 is zero, 84 holds what 99 held before it, and
// verify passes.
func testMonthCloseProperty(t *testing.T, a *app.App) {
	ctx := context.Background()
	b := newCloseBooks(t, a)
	rnd := rand.New(rand.NewSource(5))
	d := ledger.DateOf
	cf := [ledger.MaxAnalytics]ledger.AnalyticID{b.cf}
	for month := time.January; month <= time.December; month++ {
		start := d(2026, month, 1)
		for range 1 + rnd.Intn(6) {
			day := start + ledger.Date(rnd.Intn(28))
			amt := money.Amount(1 + rnd.Int63n(100_000_00))
			switch rnd.Intn(6) {
			case 0:
				b.post(t, day, acct("50.03"), acct("90.01"), money.Decimal(amt, 2))
			case 1:
				b.post(t, day, acct("90.03"), acct("68.02"), money.Decimal(amt, 2))
			case 2:
				b.post(t, day, acct("90.02"), acct("20"), money.Decimal(amt, 2))
			case 3:
				b.post(t, day, acct("50.03"), acct("91.01"), money.Decimal(amt, 2))
			case 4:
				b.post(t, day, acct("91.02"), acct("50.03"), money.Decimal(amt, 2))
			case 5: // dollars at the rate of the day, 3.50
				usd := ledger.Side{Account: "52", Analytics: cf, Currency: "USD", CurAmount: amt}
				b.post(t, day, usd, acct("80"), money.Decimal(amt*35/10, 2))
			}
		}
		rate := money.MustRate("3." + strconv.Itoa(40+rnd.Intn(30)))
		end := d(2026, month+1, 1) - 1
		if month == time.December {
			end = d(2026, 12, 31)
		}
		if err := a.PutRate(ctx, b.chief, "cl", "USD", end, rate); err != nil {
			t.Fatal(err)
		}
		before := b.balances(t)
		mc := b.postAll(t, start)
		if !mc.Done || !mc.Locked {
			t.Fatalf("%s: %s done %v locked %v", start, states(mc), mc.Done, mc.Locked)
		}
		after := b.balances(t)
		var g90, g91 money.Amount
		for code, x := range after {
			switch {
			case strings.HasPrefix(code, "90.") && !strings.Contains(code, " "):
				g90 += x
			case strings.HasPrefix(code, "91.") && !strings.Contains(code, " "):
				g91 += x
			}
		}
		if month < time.December && (g90 != 0 || g91 != 0) {
			t.Fatalf("%s: 90 %d, 91 %d after the close", start, g90, g91)
		}
		tb, err := a.TrialBalance(ctx, b.owner, "cl", d(2026, 1, 1), end)
		if err != nil || !tb.Balanced() {
			t.Fatalf("%s: the trial balance does not balance (%v)", start, err)
		}
		if month == time.December {
			for code, x := range after {
				if strings.HasPrefix(code, "90") || strings.HasPrefix(code, "91") || code == "99" {
					t.Errorf("%s after the year close: %s", code, money.Decimal(x, 2))
				}
			}
			// 99 before December's close, plus what December's close and
			// profit tax moved to it, is what the year close moved to 84.
			var moved money.Amount
			for _, st := range mc.Steps[1:3] {
				if st.Document == nil || st.Document.Status != doc.Posted {
					continue
				}
				e, err := a.Store.Entry(ctx, mc.Org.ID, st.Document.Entry)
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range e.Postings {
					if p.Debit.Account == "99" {
						moved += p.Amount
					}
					if p.Credit.Account == "99" {
						moved -= p.Amount
					}
				}
			}
			if want := before["99"] + moved; after["84"] != want {
				t.Errorf("84 after the year close: %s, want %s", money.Decimal(after["84"], 2), money.Decimal(want, 2))
			}
		}
	}
	if _, err := a.Verify(ctx, b.owner, "cl", nil); err != nil {
		t.Errorf("verify: %v", err)
	}
}

func TestClosingSettings(t *testing.T) { eachStore(t, testClosingSettings) }

// testClosingSettings: the profit tax rate and the accounts not revalued
// are checked when saved, each problem at its field and nothing saved; a
// rate typed "8,5" is kept as 8.5 %, and October's profit tax is worked
// out at it:
//
//	10-05  Dt 50.03 Kt 90.01   1 000.00   a sale
//	10-05  Dt 90.02 Kt 20        333.33   its cost
//
// the profit is 666.67 and the tax 8.5 % of it, 56.66695, rounded to
// 56.67: Dt 99 Kt 68.04 56.67.
func testClosingSettings(t *testing.T, a *app.App) {
	ctx := context.Background()
	b := newCloseBooks(t, a)
	s, err := a.OrgSettings(ctx, b.chief, "cl")
	if err != nil {
		t.Fatal(err)
	}
	if c := s.Posting.Closing; c.ProfitTaxRate != "8%" || !reflect.DeepEqual(c.NotRevalued, []string{"60.22", "62.22"}) {
		t.Fatalf("the defaults: %q %v", c.ProfitTaxRate, c.NotRevalued)
	}
	for _, c := range []struct {
		rate        doc.Rate
		notRevalued []string
		field, want string
	}{
		{"-8", nil, "posting.Closing.ProfitTaxRate", "the profit tax rate -8 % is negative"},
		{"100.01", nil, "posting.Closing.ProfitTaxRate", "the profit tax rate 100.01 % is over 100 %"},
		{"1000", nil, "posting.Closing.ProfitTaxRate", "is over 100 %"},
		{"eight", nil, "posting.Closing.ProfitTaxRate", `the profit tax rate "eight" is not a number`},
		{"8.", nil, "posting.Closing.ProfitTaxRate", "is not a number"},
		{"", nil, "posting.Closing.ProfitTaxRate", "is not a number"},
		{"exempt", nil, "posting.Closing.ProfitTaxRate", "is not a number"},
		{"8.125", nil, "posting.Closing.ProfitTaxRate", "the profit tax rate 8.125 % has more than two decimal places"},
		{"8", []string{"60.22", "99.99"}, "posting.Closing.NotRevalued", "account 99.99 does not exist"},
		{"8", []string{"60"}, "posting.Closing.NotRevalued", "account 60 has sub-accounts"},
	} {
		bad := s
		bad.Posting.Closing.ProfitTaxRate, bad.Posting.Closing.NotRevalued = c.rate, c.notRevalued
		_, err := a.SaveOrgSettings(ctx, b.chief, "cl", bad)
		fes := app.FieldErrors(err)
		if len(fes) != 1 || fes[0].Field != c.field || !strings.Contains(fes[0].Err.Error(), c.want) || !ledger.IsCode(err, ledger.EInvalid) {
			t.Errorf("rate %q, not revalued %v: %v, want %s: %s", c.rate, c.notRevalued, err, c.field, c.want)
		}
	}
	if after, _ := a.OrgSettings(ctx, b.chief, "cl"); after.Version != s.Version {
		t.Fatalf("refused settings were saved: version %d → %d", s.Version, after.Version)
	}
	good := s
	good.Posting.Closing.ProfitTaxRate, good.Posting.Closing.NotRevalued = " 8,50 % ", []string{" 62.22", "60.22", "62.22", ""}
	saved, err := a.SaveOrgSettings(ctx, b.chief, "cl", good)
	if err != nil {
		t.Fatal(err)
	}
	if c := saved.Posting.Closing; c.ProfitTaxRate != "8.5%" || !reflect.DeepEqual(c.NotRevalued, []string{"62.22", "60.22"}) {
		t.Fatalf("saved: %q %v, want 8.5%% [62.22 60.22]", c.ProfitTaxRate, c.NotRevalued)
	}
	log, err := a.Audit(ctx, b.owner, "cl", 0, 1)
	if err != nil || len(log) != 1 || !strings.Contains(log[0].Detail, "Closing.ProfitTaxRate 8%→8.5%") {
		t.Errorf("the audit of the save: %+v %v", log, err)
	}

	d := ledger.DateOf
	b.post(t, d(2026, 10, 5), acct("50.03"), acct("90.01"), "1000.00")
	b.post(t, d(2026, 10, 5), acct("90.02"), acct("20"), "333.33")
	oct := d(2026, 10, 1)
	mc, err := a.MonthClose(ctx, b.chief, "cl", oct)
	if err != nil {
		t.Fatal(err)
	}
	if p := mc.Steps[2].Preview; len(p) != 1 || p[0].Amount != mustAmount("56.67") || p[0].Credit.Account != "68.04" {
		t.Errorf("the profit tax's preview at 8.5 %%: %+v", p)
	}
	b.postAll(t, oct)
	if got := balanceOf(b.balances(t), "68.04"); got != mustAmount("-56.67") {
		t.Errorf("68.04 after October's close at 8.5 %%: %s, want −56.67", money.Decimal(got, 2))
	}
}

func TestRevaluationOf(t *testing.T) { eachStore(t, testRevaluationOf) }

// testRevaluationOf: what a revaluation revalued, by hand:
//
//	10-01  Dt 52 (CF) Kt 80   3 500.00 = 1 000.00 USD at 3.50
//	10-02  Dt 52 (CF) Kt 80     780.00 =   200.00 EUR at 3.90 (the rate of 09-30)
//	10-31  USD 3.60, EUR 4.00
//
// USD: 1 000.00 × 3.60 − 3 500.00 = 100.00; EUR: 200.00 × 4.00 − 780.00 =
// 20.00; the rates of the month before: USD 3.50, EUR 3.90 of 09-30.
func testRevaluationOf(t *testing.T, a *app.App) {
	ctx := context.Background()
	b := newCloseBooks(t, a)
	d := ledger.DateOf
	an := [ledger.MaxAnalytics]ledger.AnalyticID{b.cf}
	b.post(t, d(2026, 10, 1), ledger.Side{Account: "52", Analytics: an, Currency: "USD", CurAmount: mustAmount("1000.00")}, acct("80"), "3500.00")
	b.post(t, d(2026, 10, 2), ledger.Side{Account: "52", Analytics: an, Currency: "EUR", CurAmount: mustAmount("200.00")}, acct("80"), "780.00")
	for _, r := range []struct {
		cur  string
		day  ledger.Date
		rate string
	}{{"EUR", d(2026, 9, 30), "3.9"}, {"USD", d(2026, 10, 31), "3.6"}, {"EUR", d(2026, 10, 31), "4"}} {
		if err := a.PutRate(ctx, b.chief, "cl", r.cur, r.day, money.MustRate(r.rate)); err != nil {
			t.Fatal(err)
		}
	}
	oct := d(2026, 10, 1)
	mc, err := a.PostCloseStep(ctx, b.chief, "cl", oct, doc.Revaluation)
	if err != nil {
		t.Fatal(err)
	}
	id := mc.Steps[0].Document.ID
	check := func(what string) {
		t.Helper()
		rv, err := a.RevaluationOf(ctx, b.acct, "cl", id)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		want := map[string][4]string{"USD": {"1000.00", "3500.00", "100.00", "3600.00"}, "EUR": {"200.00", "780.00", "20.00", "800.00"}}
		if len(rv.Lines) != 2 {
			t.Fatalf("%s: lines %+v", what, rv.Lines)
		}
		for _, l := range rv.Lines {
			w := want[l.Currency]
			if l.Account != "52" || l.Analytics != an || l.CurAmount != mustAmount(w[0]) || l.Book != mustAmount(w[1]) ||
				l.Difference != mustAmount(w[2]) || l.Revalued != mustAmount(w[3]) {
				t.Errorf("%s: %s line %+v, want %v", what, l.Currency, l, w)
			}
		}
		rates := map[string]string{}
		for _, r := range rv.Rates {
			rates[r.Currency] = fmt.Sprintf("%s %s, %s", r.Rate, r.Date, r.Previous)
			if r.Currency == "EUR" {
				rates[r.Currency] += " " + r.PreviousDate.String()
			}
		}
		if want := map[string]string{"USD": "3.6 2026-10-31, 3.5", "EUR": "4 2026-10-31, 3.9 2026-09-30"}; !reflect.DeepEqual(rates, want) {
			t.Errorf("%s: rates %v, want %v", what, rates, want)
		}
	}
	check("posted")
	// Unposted, the draft shows what posting it would revalue: the same.
	if _, err := a.UnpostCloseStep(ctx, b.chief, "cl", oct, doc.Revaluation); err != nil {
		t.Fatal(err)
	}
	check("the draft")
	mc = b.postAll(t, oct)
	if _, err := a.RevaluationOf(ctx, b.acct, "cl", mc.Steps[1].Document.ID); !ledger.IsCode(err, ledger.EInvalid) {
		t.Errorf("the close of 90 as a revaluation: %v", err)
	}
	if _, err := a.RevaluationOf(ctx, b.acct, "cl", 1<<40); !ledger.IsCode(err, ledger.ENotFound) {
		t.Errorf("no such document: %v", err)
	}
}
