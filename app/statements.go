package app

import (
	"cmp"
	"context"
	"slices"

	"strconv"

	"hasap/auth"
	"hasap/ledger"
	"hasap/money"
	"hasap/statement"
	"hasap/store"
)

// Financial statements (issue 5): the statement of financial position, the
// profit and loss, the cash flows (direct method) and the changes in
// equity, each computed from the totals by the organisation's template of
// it (its own, when it loaded one; else the one shipped for its chart),
// for a period and the period it is compared with. Anyone who reads the
// books reads them (auth.ReadBooks); the owner and the chief accountant
// load and reset templates (auth.EditSettings), audited.

// ActStatementTemplate is the audit action of loading or resetting a
// statement's template.
const ActStatementTemplate = "statement_template"

// StatementReport is one statement of an organisation.
type StatementReport struct {
	Org     ledger.Org
	Kind    statement.Kind
	Period  statement.Period // a balance sheet is at Period.To
	Compare statement.Compare
	Against statement.Period // the comparison's period, when Compare is set
	// Current is the statement of Period; Previous of Against (nil
	// without a comparison). Both have the same template.
	Current, Previous *statement.Result
	Custom            bool         // the template is the organisation's own
	Chart             ledger.Chart // for the names of the accounts behind a line
	// Items names the cash-flow items by code (the cash-flow statement).
	Items map[string]ledger.Names
}

// Statement computes a statement of the organisation for p, compared as c
// asks (statement.CompareNone for none). Everything comes from the totals:
// the balances at the end of days from the monthly and day totals, the
// period's turnover, the correspondence totals (CT terms, and the
// movements of the changes in equity, MV terms), and the cash
// accounts' turnover per cash-flow item from the totals by analytics.
func (a *App) Statement(ctx context.Context, actor Actor, orgCode string, kind statement.Kind, p statement.Period, c statement.Compare) (*StatementReport, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return nil, err
	}
	if !kind.Valid() {
		return nil, ledger.Errorf(ledger.ENotFound, "unknown statement %q", string(kind))
	}
	if p.To < p.From {
		return nil, ledger.Errorf(ledger.EInvalid, "period %q is not two days in order", p.String())
	}
	tpl, custom, err := a.statementTemplate(ctx, org, kind)
	if err != nil {
		return nil, err
	}
	chart, err := a.Store.Chart(ctx, org.ID)
	if err != nil {
		return nil, err
	}
	r := &StatementReport{Org: org, Kind: kind, Period: p, Compare: c, Custom: custom, Chart: chart, Items: map[string]ledger.Names{}}
	sf := statementFacts{a: a, org: org, chart: chart, tpl: tpl, items: r.Items}
	if r.Current, err = sf.result(ctx, p); err != nil {
		return nil, err
	}
	if against, ok := p.Against(c); ok {
		r.Against = against
		if r.Previous, err = sf.result(ctx, against); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// statementTemplate is the organisation's template of kind: its own, or
// the one shipped for its chart.
func (a *App) statementTemplate(ctx context.Context, org ledger.Org, kind statement.Kind) (*statement.Template, bool, error) {
	st, err := a.Store.StatementTemplate(ctx, org.ID, string(kind))
	if ledger.IsCode(err, ledger.ENotFound) {
		t, err := statement.Builtin(org.Chart, kind)
		return t, false, err
	}
	if err != nil {
		return nil, false, err
	}
	t, err := statement.Parse(kind, st.Body)
	if err != nil {
		// It was parsed when loaded: a parser grown stricter since. The
		// statement cannot be drawn until the template is loaded again.
		return nil, false, ledger.Errorf(ledger.EInvalid, "the organisation's template of this statement no longer reads, load it again: %v", err)
	}
	return t, true, nil
}

type statementFacts struct {
	a     *App
	org   ledger.Org
	chart ledger.Chart
	tpl   *statement.Template
	items map[string]ledger.Names
}

// result reads what the template needs for period p and computes it.
func (sf *statementFacts) result(ctx context.Context, p statement.Period) (*statement.Result, error) {
	f := &statement.Facts{}
	var err error
	needs := sf.measures()
	if needs[statement.Debit] || needs[statement.Credit] || needs[statement.Net] {
		if f.Closing, err = sf.balances(ctx, p.To); err != nil {
			return nil, err
		}
		if sf.tpl.Kind == statement.BalanceSheet {
			if f.Closing, err = sf.detailed(ctx, f.Closing, p.To); err != nil {
				return nil, err
			}
		}
	}
	if needs[statement.Opening] || sf.tpl.Kind == statement.Equity {
		if f.Opening, err = sf.balances(ctx, p.From-1); err != nil {
			return nil, err
		}
	}
	if needs[statement.DebitTurn] || needs[statement.CreditTurn] {
		if f.Turnover, err = sf.a.Store.Turnover(ctx, sf.org.ID, p.From, p.To); err != nil {
			return nil, err
		}
	}
	if needs[statement.Corr] || needs[statement.Movement] {
		if f.Corr, err = sf.a.Store.CorrTurnover(ctx, sf.org.ID, p.From, p.To, store.CorrFilter{}); err != nil {
			return nil, err
		}
	}
	if needs[statement.Inflow] || needs[statement.Outflow] || needs[statement.Internal] {
		if f.In, f.Out, err = sf.flows(ctx, p); err != nil {
			return nil, err
		}
	}
	return statement.Evaluate(sf.tpl, f)
}

func (sf *statementFacts) measures() map[statement.Measure]bool {
	m := map[statement.Measure]bool{}
	for _, l := range sf.tpl.Lines {
		for _, t := range l.Terms {
			m[t.Measure] = true
		}
	}
	return m
}

// balances are the accounts' balances at the end of day to, in base
// currency, from the totals.
func (sf *statementFacts) balances(ctx context.Context, to ledger.Date) ([]statement.Bal, error) {
	turn, err := sf.a.Store.Turnover(ctx, sf.org.ID, ledger.NoDate, to)
	if err != nil {
		return nil, err
	}
	byAcc := map[ledger.AccountCode]money.Amount{}
	for _, t := range turn {
		d, err := money.Sub(t.Debit, t.Credit)
		if err == nil {
			d, err = money.Add(byAcc[t.Account], d)
		}
		if err != nil {
			return nil, ledger.Errorf(ledger.EInvalid, "statement amount out of range")
		}
		byAcc[t.Account] = d
	}
	out := make([]statement.Bal, 0, len(byAcc))
	for a, b := range byAcc {
		out = append(out, statement.Bal{Account: a, Amount: b})
	}
	slices.SortFunc(out, func(x, y statement.Bal) int { return cmp.Compare(x.Account, y.Account) })
	return out, nil
}

// detailed replaces the balances of the settlement accounts (those that
// keep a counterparty or an employee) by the balance of each combination
// of their analytics at the end of day to, so that a balance sheet shows
// what customers owe as receivables and what others paid ahead as
// payables, not the two netted (the detailed balance, развёрнутое сальдо).
// One paged read of the totals by analytics of those accounts.
func (sf *statementFacts) detailed(ctx context.Context, bals []statement.Bal, to ledger.Date) ([]statement.Bal, error) {
	var accounts []ledger.AccountCode
	for code, a := range sf.chart {
		if !a.Group && (slices.Contains(a.Analytics, ledger.Counterparty) || slices.Contains(a.Analytics, ledger.Employee)) {
			accounts = append(accounts, code)
		}
	}
	if len(accounts) == 0 || len(accounts) > store.MaxAnalyticAccounts {
		return bals, nil // an organisation's own chart with that many: the accounts' balances, netted
	}
	slices.Sort(accounts)
	type key struct {
		account ledger.AccountCode
		an      [ledger.MaxAnalytics]ledger.AnalyticID
	}
	byKey := map[key]money.Amount{}
	filter := store.AnalyticFilter{Accounts: accounts, From: ledger.NoDate, To: to, Limit: store.MaxAnalyticLimit}
	for {
		rows, err := sf.a.Store.AnalyticTurnovers(ctx, sf.org.ID, filter)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			k := key{r.Account, r.Analytics}
			d, err := money.Sub(r.Period.Debit, r.Period.Credit)
			if err == nil {
				d, err = money.Add(byKey[k], d)
			}
			if err != nil {
				return nil, ledger.Errorf(ledger.EInvalid, "statement amount out of range")
			}
			byKey[k] = d
		}
		if len(rows) < filter.Limit {
			break
		}
		last := rows[len(rows)-1].AnalyticKey
		filter.After = &last
	}
	out := make([]statement.Bal, 0, len(bals)+len(byKey))
	for _, b := range bals {
		if _, ok := slices.BinarySearch(accounts, b.Account); !ok {
			out = append(out, b)
		}
	}
	for k, v := range byKey {
		if v != 0 {
			out = append(out, statement.Bal{Account: k.account, Amount: v})
		}
	}
	slices.SortStableFunc(out, func(x, y statement.Bal) int { return cmp.Compare(x.Account, y.Account) })
	return out, nil
}

// cashAccounts are the accounts that take postings whose balances the
// template's O and N terms read: the cash accounts of the cash flows.
func (sf *statementFacts) cashAccounts() []ledger.AccountCode {
	var out []ledger.AccountCode
	for code, acc := range sf.chart {
		if acc.Group || acc.OffBalance() {
			continue
		}
	terms:
		for _, l := range sf.tpl.Lines {
			for _, t := range l.Terms {
				if (t.Measure == statement.Opening || t.Measure == statement.Net) && statement.Matches(t.Pattern, string(code)) {
					out = append(out, code)
					break terms
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

// flows are the cash received (debit turnover) and paid (credit turnover)
// in p on the cash accounts, per cash-flow item code ("" for none), from
// the totals by analytics: one read of every key of those accounts.
func (sf *statementFacts) flows(ctx context.Context, p statement.Period) (in, out map[string]money.Amount, err error) {
	in, out = map[string]money.Amount{}, map[string]money.Amount{}
	accounts := sf.cashAccounts()
	if len(accounts) == 0 {
		return in, out, nil
	}
	if len(accounts) > store.MaxAnalyticAccounts {
		accounts = accounts[:store.MaxAnalyticAccounts]
	}
	byID := map[ledger.AnalyticID][2]money.Amount{}
	filter := store.AnalyticFilter{Accounts: accounts, From: p.From, To: p.To, Limit: store.MaxAnalyticLimit}
	for {
		rows, err := sf.a.Store.AnalyticTurnovers(ctx, sf.org.ID, filter)
		if err != nil {
			return nil, nil, err
		}
		for _, r := range rows {
			id := ledger.AnalyticID(0)
			if acc := sf.chart[r.Account]; acc != nil {
				if i := slices.Index(acc.Analytics, ledger.CashFlowItem); i >= 0 {
					id = r.Analytics[i]
				}
			}
			v := byID[id]
			d, err1 := money.Add(v[0], r.Period.Debit)
			k, err2 := money.Add(v[1], r.Period.Credit)
			if err1 != nil || err2 != nil {
				return nil, nil, ledger.Errorf(ledger.EInvalid, "statement amount out of range")
			}
			byID[id] = [2]money.Amount{d, k}
		}
		if len(rows) < filter.Limit {
			break
		}
		last := rows[len(rows)-1].AnalyticKey
		filter.After = &last
	}
	ids := make([]ledger.AnalyticID, 0, len(byID))
	for id := range byID {
		if id != 0 {
			ids = append(ids, id)
		}
	}
	names, err := sf.a.Store.AnalyticsByID(ctx, sf.org.ID, ids)
	if err != nil {
		return nil, nil, err
	}
	for id, v := range byID {
		code := ""
		if id != 0 {
			code = names[id].Code
			sf.items[code] = names[id].Names
		}
		if in[code], err = money.Add(in[code], v[0]); err != nil {
			return nil, nil, ledger.Errorf(ledger.EInvalid, "statement amount out of range")
		}
		if out[code], err = money.Add(out[code], v[1]); err != nil {
			return nil, nil, ledger.Errorf(ledger.EInvalid, "statement amount out of range")
		}
	}
	return in, out, nil
}

// StatementTemplateFile is a statement's template as an organisation reads
// it back: its own, or the shipped one.
type StatementTemplateFile struct {
	Kind   statement.Kind
	Body   []byte
	Custom bool   // the organisation's own
	Author string // who loaded it (Custom only)
	Chart  string // the chart whose shipped template it is (not Custom)
}

// StatementTemplate returns the organisation's template of a statement,
// as a file.
func (a *App) StatementTemplate(ctx context.Context, actor Actor, orgCode string, kind statement.Kind) (StatementTemplateFile, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return StatementTemplateFile{}, err
	}
	if !kind.Valid() {
		return StatementTemplateFile{}, ledger.Errorf(ledger.ENotFound, "unknown statement %q", string(kind))
	}
	st, err := a.Store.StatementTemplate(ctx, org.ID, string(kind))
	if ledger.IsCode(err, ledger.ENotFound) {
		b, err := statement.BuiltinCSV(org.Chart, kind)
		return StatementTemplateFile{Kind: kind, Body: b, Chart: statement.BuiltinFor(org.Chart)}, err
	}
	if err != nil {
		return StatementTemplateFile{}, err
	}
	return StatementTemplateFile{Kind: kind, Body: st.Body, Custom: true, Author: st.Author}, nil
}

// PutStatementTemplate loads the organisation's own template of a
// statement (the official form, say), replacing the one before. A template
// that does not read is refused whole, with the error naming its line.
func (a *App) PutStatementTemplate(ctx context.Context, actor Actor, orgCode string, kind statement.Kind, body []byte) error {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.EditSettings)
	if err != nil {
		return err
	}
	if !kind.Valid() {
		return ledger.Errorf(ledger.ENotFound, "unknown statement %q", string(kind))
	}
	t, err := statement.Parse(kind, body)
	if err != nil {
		return err
	}
	st := store.StatementTemplate{Kind: string(kind), Body: body, Author: actor.Name}
	if err := a.Store.PutStatementTemplate(ctx, org.ID, &st); err != nil {
		return err
	}
	return a.audit(ctx, actor, org.ID, ActStatementTemplate, string(kind)+": loaded, "+strconv.Itoa(len(t.Lines))+" lines")
}

// ResetStatementTemplate drops the organisation's own template of a
// statement: the one shipped for its chart applies again.
func (a *App) ResetStatementTemplate(ctx context.Context, actor Actor, orgCode string, kind statement.Kind) error {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.EditSettings)
	if err != nil {
		return err
	}
	if !kind.Valid() {
		return ledger.Errorf(ledger.ENotFound, "unknown statement %q", string(kind))
	}
	if err := a.Store.DeleteStatementTemplate(ctx, org.ID, string(kind)); err != nil {
		return err
	}
	return a.audit(ctx, actor, org.ID, ActStatementTemplate, string(kind)+": reset to the shipped template")
}

// Report is the statement as package statement lays it out.
func (r *StatementReport) Report() *statement.Report {
	return &statement.Report{Kind: r.Kind, Org: r.Org.Name, Currency: r.Org.Currency, Period: r.Period, Against: r.Against,
		Current: r.Current, Previous: r.Previous, Items: r.Items}
}
