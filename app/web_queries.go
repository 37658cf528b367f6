package app

import (
	"context"
	"errors"
	"slices"

	"hasap/auth"
	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

// The reads the web pages need besides the reports: the chart, the journal,
// one entry, catalog entries, the account card, the home page's overview,
// and a dry run of an entry for the entry form. Each checks tenant and role
// first (auth.ReadBooks; the dry run auth.DraftEntries) and then reads
// through the store.

// Accounts returns the organisation's chart of accounts.
func (a *App) Accounts(ctx context.Context, actor Actor, orgCode string) (ledger.Chart, error) {
	_, chart, err := a.orgChart(ctx, actor, orgCode)
	return chart, err
}

// orgChart returns the organisation, if actor may read its books, and its
// chart of accounts.
func (a *App) orgChart(ctx context.Context, actor Actor, orgCode string) (ledger.Org, ledger.Chart, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return org, nil, err
	}
	chart, err := a.Store.Chart(ctx, org.ID)
	return org, chart, err
}

// Journal returns a page of the entries matching f, newest first (see
// store.EntryFilter; f.Limit is capped at store.MaxEntryLimit).
func (a *App) Journal(ctx context.Context, actor Actor, orgCode string, f store.EntryFilter) ([]ledger.Entry, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return nil, err
	}
	f.Limit = min(f.Limit, store.MaxEntryLimit)
	return a.Store.ListEntries(ctx, org.ID, f)
}

// EntryByNumber returns the entry year/number.
func (a *App) EntryByNumber(ctx context.Context, actor Actor, orgCode string, year int, number int64) (ledger.Entry, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return ledger.Entry{}, err
	}
	return a.Store.EntryByNumber(ctx, org.ID, year, number)
}

// EntryBySeq returns the entry with chain sequence number seq (a
// reversal's link to the entry it reverses).
func (a *App) EntryBySeq(ctx context.Context, actor Actor, orgCode string, seq int64) (ledger.Entry, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return ledger.Entry{}, err
	}
	return a.Store.Entry(ctx, org.ID, seq)
}

// AnalyticsByID returns the catalog entries with the given ids; ids of
// another organisation are simply absent.
func (a *App) AnalyticsByID(ctx context.Context, actor Actor, orgCode string, ids []ledger.AnalyticID) (map[ledger.AnalyticID]ledger.Analytic, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return map[ledger.AnalyticID]ledger.Analytic{}, nil
	}
	return a.Store.AnalyticsByID(ctx, org.ID, ids)
}

// AnalyticByCode finds a catalog entry by kind and code; ENotFound.
func (a *App) AnalyticByCode(ctx context.Context, actor Actor, orgCode string, kind ledger.AnalyticKind, code string) (ledger.Analytic, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return ledger.Analytic{}, err
	}
	return a.Store.AnalyticByCode(ctx, org.ID, kind, code)
}

// LastEntryDate returns the date of the newest entry (by sequence), or
// ledger.NoDate when nothing is posted.
func (a *App) LastEntryDate(ctx context.Context, actor Actor, orgCode string) (ledger.Date, error) {
	es, err := a.Journal(ctx, actor, orgCode, store.EntryFilter{From: ledger.NoDate, To: ledger.NoDate, Limit: 1})
	if err != nil || len(es) == 0 {
		return ledger.NoDate, err
	}
	return es[0].Date, nil
}

// CardCursor is where a page of an account card starts: strictly after
// this movement. The zero cursor starts at the beginning of the period.
type CardCursor struct {
	Date ledger.Date
	Seq  int64
	Line int
}

// CardQuery asks for one page of an account card.
type CardQuery struct {
	Account  ledger.AccountCode // a posting-level account
	Analytic ledger.AnalyticID  // 0 for all
	// Corr narrows the card to one correspondence: the movements whose
	// other side is this account or below it ("" for all). The card's
	// turnover is then that correspondence's, and its running balance
	// the net turnover since From (no opening balance).
	Corr     ledger.AccountCode
	From, To ledger.Date // either may be ledger.NoDate
	After    CardCursor
	Limit    int // 0 for store.DefaultCardLimit
}

// CardLine is a movement with the account's balance after it.
type CardLine struct {
	store.CardLine
	Balance money.Amount // debit positive
}

// Card is a page of an account card: balances and turnover of the whole
// period, and the movements of this page with the running balance.
type Card struct {
	Account         ledger.Account
	From, To        ledger.Date
	Opening         money.Amount // balance before From, debit positive
	Debit, Credit   money.Amount // turnover of the whole period
	Closing         money.Amount // balance at the end of To
	Lines           []CardLine
	StartingBalance money.Amount       // the balance before the first line of this page
	Corr            ledger.AccountCode // the correspondent the card is narrowed to, "" for none
	Next            *CardCursor        // the next page, nil on the last one
}

// endOfTime stands for an open end of a period: the day after the last
// date an entry may have.
var endOfTime = ledger.DateOf(9999, 12, 31) + 1

// AccountCard returns a page of the card of a posting-level account.
// Balances come from totals; the running balance of a later page starts
// from the totals before the cursor's day and that day's movements up to
// the cursor, so it is exact whichever page is asked for.
func (a *App) AccountCard(ctx context.Context, actor Actor, orgCode string, q CardQuery) (*Card, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return nil, err
	}
	return a.accountCard(ctx, org.ID, q)
}

// AccountCardAll returns the card of q's period read to its end, or to
// the first store page that reaches maxLines movements (Next then says
// where the rest starts): the heading and the first page as AccountCard
// gives them, then each later page run on from the balance after the
// previous one, so the opening is read once whatever the number of pages
// (a page of AccountCard alone starts again from the totals before its
// cursor's day). q.After is ignored; q.Limit is the store page
// (store.MaxCardLimit when 0). Read to its end, the card's last balance
// must be its closing balance from the totals; EInternal if it is not.
func (a *App) AccountCardAll(ctx context.Context, actor Actor, orgCode string, q CardQuery, maxLines int) (*Card, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return nil, err
	}
	if q.Limit <= 0 {
		q.Limit = store.MaxCardLimit
	}
	q.After = CardCursor{}
	c, err := a.accountCard(ctx, org.ID, q)
	if err != nil {
		return nil, err
	}
	for c.Next != nil && len(c.Lines) < maxLines {
		q.After = *c.Next
		page := &Card{StartingBalance: c.Lines[len(c.Lines)-1].Balance}
		if err := a.cardLines(ctx, org.ID, q, page); err != nil {
			return nil, err
		}
		c.Lines, c.Next = append(c.Lines, page.Lines...), page.Next
	}
	if c.Next == nil && len(c.Lines) > 0 && c.Lines[len(c.Lines)-1].Balance != c.Closing {
		return nil, ledger.Errorf(ledger.EInternal, "the card of %s runs to %d, its totals close at %d", q.Account, c.Lines[len(c.Lines)-1].Balance, c.Closing)
	}
	return c, nil
}

// accountCard is AccountCard once the organisation is known.
func (a *App) accountCard(ctx context.Context, org ledger.OrgID, q CardQuery) (*Card, error) {
	if q.From != ledger.NoDate && q.To != ledger.NoDate && q.From > q.To {
		return nil, ledger.Errorf(ledger.EInvalid, "the period starts after it ends")
	}
	chart, err := a.Store.Chart(ctx, org)
	if err != nil {
		return nil, err
	}
	acc, err := chart.Get(q.Account)
	if err != nil {
		return nil, err
	}
	if acc.Group {
		return nil, ledger.Errorf(ledger.EInvalid, "account %s has sub-accounts; its card is theirs", q.Account)
	}
	c := &Card{Account: *acc, From: q.From, To: q.To, Corr: q.Corr}
	if q.Corr != "" {
		return a.corrCard(ctx, org, chart, q, c)
	}
	end := endOfTime
	if q.To != ledger.NoDate {
		end = q.To + 1
	}
	open, err := a.balanceBefore(ctx, org, q.Account, q.Analytic, q.From)
	if err != nil {
		return nil, err
	}
	closing, err := a.Store.AccountOpening(ctx, org, q.Account, q.Analytic, end)
	if err != nil {
		return nil, err
	}
	c.Opening = open.bal
	if c.Closing, err = balanceOf(closing); err != nil {
		return nil, err
	}
	var err1, err2 error
	c.Debit, err1 = money.Sub(closing.Debit, open.t.Debit)
	c.Credit, err2 = money.Sub(closing.Credit, open.t.Credit)
	if err1 != nil || err2 != nil {
		return nil, ledger.Errorf(ledger.EInvalid, "turnover of %s out of range", q.Account)
	}
	if c.StartingBalance, err = a.balanceAtCursor(ctx, org, q, c.Opening); err != nil {
		return nil, err
	}
	if err := a.cardLines(ctx, org, q, c); err != nil {
		return nil, err
	}
	return c, nil
}

type opening struct {
	t   ledger.Turnover
	bal money.Amount
}

func (a *App) balanceBefore(ctx context.Context, org ledger.OrgID, acc ledger.AccountCode, an ledger.AnalyticID, d ledger.Date) (opening, error) {
	t, err := a.Store.AccountOpening(ctx, org, acc, an, d)
	if err != nil {
		return opening{}, err
	}
	bal, err := balanceOf(t)
	return opening{t, bal}, err
}

func balanceOf(t ledger.Turnover) (money.Amount, error) {
	b, err := money.Sub(t.Debit, t.Credit)
	if err != nil {
		return 0, ledger.Errorf(ledger.EInvalid, "turnover out of range")
	}
	return b, nil
}

// balanceAtCursor is the balance just after the cursor's movement: the
// totals before its day, plus that day's movements up to it.
func (a *App) balanceAtCursor(ctx context.Context, org ledger.OrgID, q CardQuery, opening money.Amount) (money.Amount, error) {
	if q.After.Seq == 0 {
		return opening, nil
	}
	var bal money.Amount
	if q.Corr != "" {
		dt, kt, err := a.corrTurnover(ctx, org, q, q.From, q.After.Date-1)
		if err != nil {
			return 0, err
		}
		if bal, err = money.Sub(dt, kt); err != nil {
			return 0, ledger.Errorf(ledger.EInvalid, "turnover out of range")
		}
	} else {
		day, err := a.balanceBefore(ctx, org, q.Account, q.Analytic, q.After.Date)
		if err != nil {
			return 0, err
		}
		bal = day.bal
	}
	after := CardCursor{Date: ledger.NoDate}
	for {
		lines, err := a.Store.AccountCard(ctx, org, q.Account, q.Analytic, q.Corr, q.After.Date, q.After.Date, after.Date, after.Seq, after.Line, store.MaxCardLimit)
		if err != nil {
			return 0, err
		}
		if len(lines) == 0 {
			return bal, nil
		}
		for _, l := range lines {
			if l.Seq > q.After.Seq || (l.Seq == q.After.Seq && l.Line > q.After.Line) {
				return bal, nil
			}
			if bal, err = move(bal, l); err != nil {
				return 0, err
			}
		}
		last := lines[len(lines)-1]
		after = CardCursor{Date: last.Date, Seq: last.Seq, Line: last.Line}
	}
}

func move(bal money.Amount, l store.CardLine) (money.Amount, error) {
	var err error
	if l.Debit {
		bal, err = money.Add(bal, l.Amount)
	} else {
		bal, err = money.Sub(bal, l.Amount)
	}
	if err != nil {
		return 0, ledger.Errorf(ledger.EInvalid, "balance of %s out of range", l.Side.Account)
	}
	return bal, nil
}

// cardLines reads one page of movements and runs the balance through them.
// It asks the store for two lines more than the page: the store ends a page
// before the two lines of a posting with the account on both sides when
// they do not both fit, so only a shortfall beyond that means the end.
func (a *App) cardLines(ctx context.Context, org ledger.OrgID, q CardQuery, c *Card) error {
	limit := q.Limit
	if limit <= 0 {
		limit = store.DefaultCardLimit
	}
	limit = min(limit, store.MaxCardLimit-2)
	afterDate := q.After.Date
	if q.After.Seq == 0 {
		afterDate = ledger.NoDate
	}
	lines, err := a.Store.AccountCard(ctx, org, q.Account, q.Analytic, q.Corr, q.From, q.To, afterDate, q.After.Seq, q.After.Line, limit+2)
	if err != nil {
		return err
	}
	if len(lines) > limit {
		// Keep the two lines of a posting with the account on both sides
		// together: they share a cursor.
		cut := limit
		for cut > 0 && lines[cut].Seq == lines[cut-1].Seq && lines[cut].Line == lines[cut-1].Line {
			cut--
		}
		if cut == 0 {
			cut = limit + 1
		}
		lines = lines[:cut]
		last := lines[len(lines)-1]
		c.Next = &CardCursor{Date: last.Date, Seq: last.Seq, Line: last.Line}
	}
	bal := c.StartingBalance
	c.Lines = make([]CardLine, len(lines))
	for i, l := range lines {
		if bal, err = move(bal, l); err != nil {
			return err
		}
		c.Lines[i] = CardLine{CardLine: l, Balance: bal}
	}
	return nil
}

// MonthResult is one month's revenue and expenses, and the money at hand
// at its end.
type MonthResult struct {
	Month    int // YYYYMM
	Revenue  money.Amount
	Expenses money.Amount
	// Cash is the balance of the cash accounts (those of overviewGroups:
	// the cash desk, bank and currency accounts, special bank accounts and
	// short-term deposits) at the end of the month, or of Overview.On in
	// its month.
	Cash money.Amount
}

// overviewGroup is where an account's balance shows on the home page.
type overviewGroup int

const (
	cashDesk     overviewGroup = iota + 1 // Overview.Cash
	bankAccount                           // Overview.Bank
	currencyBank                          // Overview.CurrencyBank
	otherCash                             // only in the months' cash
	receivables                           // Overview.Receivables (debit balances)
	payables                              // Overview.Payables (credit balances)
)

// overviewGroups map the top accounts of each chart (by its name; "" for
// the CIS chart and any other) to the home page's figures.
var overviewGroups = map[string]map[ledger.AccountCode]overviewGroup{
	"ifrs": {"1010": cashDesk, "1015": cashDesk, "1020": bankAccount, "1030": currencyBank, "1040": otherCash,
		"1100": receivables, "1110": receivables, "2010": payables, "2020": payables},
	"": {"50": cashDesk, "51": bankAccount, "52": currencyBank, "55": otherCash, "62": receivables, "60": payables},
}

// groupsOf returns the home page's groups of the organisation's chart.
func groupsOf(org ledger.Org) map[ledger.AccountCode]overviewGroup {
	if g, ok := overviewGroups[org.Chart]; ok {
		return g
	}
	return overviewGroups[""]
}

// Overview is what an organisation's home page shows.
type Overview struct {
	On ledger.Date
	// Balances at the end of On, in base currency, by the top accounts of
	// overviewGroups (in the CIS chart cash 50, bank 51, currency accounts
	// 52, customers' debts 62 as debit balances and debts to suppliers 60
	// as credit balances; in the IFRS chart 1010/1015, 1020, 1030, 1100/1110
	// and 2010/2020). An account the chart lacks is zero.
	Cash, Bank, CurrencyBank, Receivables, Payables money.Amount
	// Months ends with the month of On, oldest first.
	Months []MonthResult
}

// RevenueAccount is where revenue is credited in the CIS chart. A chart
// without it counts the credit turnover of every income account instead.
const RevenueAccount ledger.AccountCode = "90.01"

// Overview returns the balances on date on and the revenue and expenses of
// the months months ending with on's month. Revenue is the credit turnover
// of 90.01 (a red storno lowers it; closing entries debit it and do not
// count); expenses are the debit turnover of the expense accounts (90.02,
// 90.07, 90.08, 91.02 in the CIS chart).
func (a *App) Overview(ctx context.Context, actor Actor, orgCode string, on ledger.Date, months int) (*Overview, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return nil, err
	}
	chart, err := a.Store.Chart(ctx, org.ID)
	if err != nil {
		return nil, err
	}
	ov := &Overview{On: on}
	if err := a.overviewBalances(ctx, org, chart, ov); err != nil {
		return nil, err
	}
	months = max(1, min(months, 36))
	first := on.MonthStart()
	for range months - 1 {
		first = (first - 1).MonthStart()
	}
	before, err := a.Store.Turnover(ctx, org.ID, ledger.NoDate, first-1)
	if err != nil {
		return nil, err
	}
	groups := groupsOf(org)
	cash, err := cashNet(chart, groups, before, 0)
	if err != nil {
		return nil, err
	}
	for m := first; m <= on; {
		next := nextMonthStart(m)
		turn, err := a.Store.Turnover(ctx, org.ID, m, min(next-1, on))
		if err != nil {
			return nil, err
		}
		r, err := monthResult(chart, turn)
		if err != nil {
			return nil, err
		}
		if cash, err = cashNet(chart, groups, turn, cash); err != nil {
			return nil, err
		}
		r.Month, r.Cash = m.Month(), cash
		ov.Months = append(ov.Months, r)
		m = next
	}
	return ov, nil
}

// cashNet adds the debit less the credit turnover of the cash accounts
// (those of groups' cash groups, and their sub-accounts) to bal.
func cashNet(chart ledger.Chart, groups map[ledger.AccountCode]overviewGroup, turn []store.AccountTurnover, bal money.Amount) (money.Amount, error) {
	var err error
	for _, t := range turn {
		if g := groups[topOf(chart, t.Account)]; g < cashDesk || g > otherCash {
			continue
		}
		if bal, err = addNet(bal, t.Debit, t.Credit); err != nil {
			return 0, err
		}
	}
	return bal, nil
}

func nextMonthStart(d ledger.Date) ledger.Date {
	y, m, _ := d.YMD()
	return ledger.DateOf(y, m+1, 1)
}

func (a *App) overviewBalances(ctx context.Context, org ledger.Org, chart ledger.Chart, ov *Overview) error {
	turn, err := a.Store.Turnover(ctx, org.ID, ledger.NoDate, ov.On)
	if err != nil {
		return err
	}
	sums := map[overviewGroup]*[2]money.Amount{} // debit balances in [0], credit balances in [1]
	bal := map[ledger.AccountCode]money.Amount{}
	for _, t := range turn {
		if bal[t.Account], err = addNet(bal[t.Account], t.Debit, t.Credit); err != nil {
			return err
		}
	}
	groups := groupsOf(org)
	for code, b := range bal {
		top := topOf(chart, code)
		g := groups[top]
		if g == 0 {
			continue
		}
		if sums[g] == nil {
			sums[g] = &[2]money.Amount{}
		}
		i := 0
		if b < 0 {
			i, b = 1, -b
		}
		if sums[g][i], err = money.Add(sums[g][i], b); err != nil {
			return ledger.Errorf(ledger.EInvalid, "balance of %s out of range", top)
		}
	}
	side := func(g overviewGroup, i int) money.Amount {
		if sums[g] == nil {
			return 0
		}
		return sums[g][i]
	}
	net := func(g overviewGroup) money.Amount {
		n, _ := money.Sub(side(g, 0), side(g, 1))
		return n
	}
	ov.Cash, ov.Bank, ov.CurrencyBank = net(cashDesk), net(bankAccount), net(currencyBank)
	ov.Receivables, ov.Payables = side(receivables, 0), side(payables, 1)
	return nil
}

func addNet(b, debit, credit money.Amount) (money.Amount, error) {
	n, err1 := money.Add(b, debit)
	n, err2 := money.Sub(n, credit)
	if err1 != nil || err2 != nil {
		return 0, ledger.Errorf(ledger.EInvalid, "turnover out of range")
	}
	return n, nil
}

// topOf returns the synthetic (top-level) account above code.
func topOf(chart ledger.Chart, code ledger.AccountCode) ledger.AccountCode {
	for depth := 0; depth < 64; depth++ {
		a := chart[code]
		if a == nil || a.Parent == "" {
			return code
		}
		code = a.Parent
	}
	return code
}

func monthResult(chart ledger.Chart, turn []store.AccountTurnover) (MonthResult, error) {
	var r MonthResult
	_, hasRevenue := chart[RevenueAccount]
	var err error
	for _, t := range turn {
		acc := chart[t.Account]
		if acc == nil {
			continue
		}
		switch {
		case t.Account == RevenueAccount || (!hasRevenue && acc.Class == ledger.Income):
			r.Revenue, err = money.Add(r.Revenue, t.Credit)
		case acc.Class == ledger.Expense:
			r.Expenses, err = money.Add(r.Expenses, t.Debit)
		}
		if err != nil {
			return r, ledger.Errorf(ledger.EInvalid, "turnover out of range")
		}
	}
	return r, nil
}

// EntryProblem is one reason an entry cannot be posted, placed where a
// form can show it.
type EntryProblem struct {
	Posting int    // index of the posting; -1 for the entry as a whole
	Side    string // "debit" or "credit"; "amount" for the amount; "" for the posting as a whole
	Slot    int    // analytic slot (0..2) on Side; -1 for the account or amount
	Err     error
}

// CheckEntry checks e as posting it would, without posting, and reports
// each posting's first problem (Post stops at the first of all). The
// result is empty when Post would accept e as far as its content goes (the
// lock date may still move before it is posted).
func (a *App) CheckEntry(ctx context.Context, actor Actor, orgCode string, e ledger.Entry) ([]EntryProblem, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.DraftEntries)
	if err != nil {
		return nil, err
	}
	chart, err := a.Store.Chart(ctx, org.ID)
	if err != nil {
		return nil, err
	}
	var ids []ledger.AnalyticID
	for _, p := range e.Postings {
		for _, id := range slices.Concat(p.Debit.Analytics[:], p.Credit.Analytics[:]) {
			if id != 0 {
				ids = append(ids, id)
			}
		}
	}
	cat := catalog{}
	if len(ids) > 0 {
		found, err := a.Store.AnalyticsByID(ctx, org.ID, ids)
		if err != nil {
			return nil, err
		}
		for id, an := range found {
			cat[id] = an.Kind
		}
	}
	if len(e.Postings) == 0 {
		if err := e.Validate(&org, chart, cat); err != nil {
			return []EntryProblem{{Posting: -1, Slot: -1, Err: err}}, nil
		}
	}
	var out []EntryProblem
	for i, p := range e.Postings {
		one := e
		one.Postings = []ledger.Posting{p}
		err := one.Validate(&org, chart, cat)
		if err == nil {
			continue
		}
		inner := postingError(err)
		if inner == nil { // a problem of the entry itself, the same for every posting
			return append(out, EntryProblem{Posting: -1, Slot: -1, Err: err}), nil
		}
		side, slot := placeProblem(chart, p, inner)
		out = append(out, EntryProblem{Posting: i, Side: side, Slot: slot, Err: inner})
	}
	return out, nil
}

// catalog answers analytic kinds for ledger validation.
type catalog map[ledger.AnalyticID]ledger.AnalyticKind

func (c catalog) AnalyticKind(id ledger.AnalyticID) (ledger.AnalyticKind, bool) {
	k, ok := c[id]
	return k, ok
}

// postingError returns the problem inside ledger's "posting %d: %s", or nil
// for an error about the entry as a whole.
func postingError(err error) error {
	var le *ledger.Error
	if !errors.As(err, &le) || le.Format != "posting %d: %s" || len(le.Args) != 2 {
		return nil
	}
	inner, _ := le.Args[1].(error)
	return inner
}

// placeProblem finds the side and analytic slot a posting's problem is
// about, from the arguments of ledger's side messages ("%s account %s
// requires %s": side, account, kind).
func placeProblem(chart ledger.Chart, p ledger.Posting, err error) (side string, slot int) {
	var le *ledger.Error
	if !errors.As(err, &le) {
		return "", -1
	}
	if le.Format == "amount is zero" {
		return "amount", -1
	}
	if len(le.Args) == 0 {
		return "", -1
	}
	side, _ = le.Args[0].(string)
	s := &p.Debit
	switch side {
	case "debit":
	case "credit":
		s = &p.Credit
	default:
		return "", -1
	}
	acc := chart[s.Account]
	if acc == nil {
		return side, -1
	}
	switch le.Format {
	case "%s account %s requires %s":
		if k, ok := le.Args[2].(ledger.AnalyticKind); ok {
			return side, slices.Index(acc.Analytics, k)
		}
	case "%s account %s: analytic %d is not a %s":
		if id, ok := le.Args[2].(ledger.AnalyticID); ok {
			return side, slices.Index(s.Analytics[:], id)
		}
	case "%s account %s takes %d analytics, got more":
		return side, min(len(acc.Analytics), ledger.MaxAnalytics-1)
	}
	return side, -1
}
