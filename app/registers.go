package app

import (
	"context"
	"slices"

	"hasap/ledger"
	"hasap/report"
	"hasap/store"
)

// TrialBalanceQuery asks for a trial balance, plain or expanded by
// analytics.
type TrialBalanceQuery struct {
	From, To ledger.Date // either may be ledger.NoDate
	// Expand lists accounts to show by analytics: a posting-level account
	// itself, a group account all the posting-level accounts below it.
	Expand []ledger.AccountCode
	// All expands every account that keeps analytics (the detailed trial
	// balance).
	All bool
}

// Limits of the registers.
const (
	// MaxRegisterKeys bounds the analytic lines one report reads (an
	// account's customers by contract, its items by warehouse...): past
	// it the report is refused, and the caller expands fewer accounts.
	MaxRegisterKeys = 50_000
	// MaxLedgerMonths bounds the months of a general ledger.
	MaxLedgerMonths = 120
)

// ExpandedTrialBalance returns the trial balance for q, read from totals:
// the accounts not expanded from the turnover per account, the expanded
// ones from the turnover per analytics (store.AnalyticTurnovers), in one
// snapshot of the books, with the analytics named from their catalogs.
// See report.BuildTB for where balances go.
func (a *App) ExpandedTrialBalance(ctx context.Context, actor Actor, orgCode string, q TrialBalanceQuery) (*report.TrialBalance, error) {
	org, chart, err := a.orgChart(ctx, actor, orgCode)
	if err != nil {
		return nil, err
	}
	in := report.TBInput{Chart: chart, Base: org.Currency, From: q.From, To: q.To, Expanded: expandedAccounts(chart, q)}
	err = a.Store.Snapshot(ctx, func(r store.Reader) error {
		if q.From != ledger.NoDate {
			if in.Opening, err = r.Turnover(ctx, org.ID, ledger.NoDate, q.From-1); err != nil {
				return err
			}
		}
		if in.Period, err = r.Turnover(ctx, org.ID, q.From, q.To); err != nil {
			return err
		}
		if len(in.Expanded) == 0 {
			return nil
		}
		in.Keys, err = allKeys(ctx, r, org.ID, store.AnalyticFilter{Accounts: in.Expanded, From: q.From, To: q.To})
		return err
	})
	if err != nil {
		return nil, err
	}
	if in.Analytics, err = a.keyNames(ctx, org.ID, in.Keys); err != nil {
		return nil, err
	}
	return report.BuildTB(in)
}

// expandedAccounts are the posting-level accounts q expands: those that
// keep analytics or a currency, at or below the codes asked for.
func expandedAccounts(chart ledger.Chart, q TrialBalanceQuery) []ledger.AccountCode {
	var out []ledger.AccountCode
	for code, acc := range chart {
		if acc.Group || len(acc.Analytics) == 0 && !acc.Currency {
			continue
		}
		if q.All && len(acc.Analytics) > 0 || slices.ContainsFunc(q.Expand, func(c ledger.AccountCode) bool { return under(chart, code, c) }) {
			out = append(out, code)
		}
	}
	slices.Sort(out)
	return out
}

// under reports whether code is c or below it in the chart.
func under(chart ledger.Chart, code, c ledger.AccountCode) bool {
	for i := 0; code != "" && i < 64; i++ {
		if code == c {
			return true
		}
		acc := chart[code]
		if acc == nil {
			return false
		}
		code = acc.Parent
	}
	return false
}

// allKeys reads every key f selects, page by page, up to MaxRegisterKeys.
func allKeys(ctx context.Context, r store.Reader, org ledger.OrgID, f store.AnalyticFilter) ([]ledger.AnalyticTurnover, error) {
	f.Limit = store.MaxAnalyticLimit
	var out []ledger.AnalyticTurnover
	for {
		page, err := r.AnalyticTurnovers(ctx, org, f)
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
		if len(out) > MaxRegisterKeys {
			return nil, ledger.Errorf(ledger.EInvalid, "more than %d analytic lines: expand fewer accounts", MaxRegisterKeys)
		}
		if len(page) < f.Limit {
			return out, nil
		}
		last := page[len(page)-1].AnalyticKey
		f.After = &last
	}
}

// keyNames reads the catalog entries of the keys' analytics.
func (a *App) keyNames(ctx context.Context, org ledger.OrgID, keys []ledger.AnalyticTurnover) (map[ledger.AnalyticID]ledger.Analytic, error) {
	seen := map[ledger.AnalyticID]bool{}
	var ids []ledger.AnalyticID
	for _, k := range keys {
		for _, id := range k.Analytics {
			if id != 0 && !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	return a.Store.AnalyticsByID(ctx, org, ids)
}

// GeneralLedger returns the general ledger of from..to (both needed): per
// synthetic account, or for one account (any level) alone when account is
// not "" (the account's analysis by months), per month the opening
// balance, the turnover and the closing balance, read from totals.
func (a *App) GeneralLedger(ctx context.Context, actor Actor, orgCode string, from, to ledger.Date, account ledger.AccountCode) (*report.GeneralLedger, error) {
	org, err := a.Org(ctx, actor, orgCode)
	if err != nil {
		return nil, err
	}
	if from == ledger.NoDate || to == ledger.NoDate || from > to {
		return nil, ledger.Errorf(ledger.EInvalid, "the general ledger needs a period: a first and a last day")
	}
	months := report.MonthsOf(from, to)
	if len(months) > MaxLedgerMonths {
		return nil, ledger.Errorf(ledger.EInvalid, "a general ledger of more than %d months", MaxLedgerMonths)
	}
	chart, err := a.Store.Chart(ctx, org.ID)
	if err != nil {
		return nil, err
	}
	if account != "" && chart[account] == nil {
		return nil, ledger.Errorf(ledger.ENotFound, "account %s does not exist", account)
	}
	var opening []ledger.AccountTurnover
	turn := make([]report.MonthTurnover, len(months))
	err = a.Store.Snapshot(ctx, func(r store.Reader) error {
		var err error
		if opening, err = r.Turnover(ctx, org.ID, ledger.NoDate, from-1); err != nil {
			return err
		}
		for i, m := range months {
			turn[i] = report.MonthTurnover{From: m[0], To: m[1]}
			if turn[i].Turnover, err = r.Turnover(ctx, org.ID, m[0], m[1]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return report.BuildGeneralLedger(chart, org.Currency, from, to, opening, turn, account)
}

// AnalyticAnalysis returns the analysis by one analytic (a counterparty,
// an item, an employee, a project...) for from..to: every account that
// keeps its catalog, with the analytic's opening balance, turnover and
// closing balance, expanded by the accounts' other analytics; and the
// analytic itself. An analytic of another organisation is ENotFound.
func (a *App) AnalyticAnalysis(ctx context.Context, actor Actor, orgCode string, id ledger.AnalyticID, from, to ledger.Date) (*report.TrialBalance, ledger.Analytic, error) {
	org, err := a.Org(ctx, actor, orgCode)
	if err != nil {
		return nil, ledger.Analytic{}, err
	}
	names, err := a.Store.AnalyticsByID(ctx, org.ID, []ledger.AnalyticID{id})
	if err != nil {
		return nil, ledger.Analytic{}, err
	}
	an, ok := names[id]
	if !ok || id == 0 {
		return nil, ledger.Analytic{}, ledger.Errorf(ledger.ENotFound, "analytic %d does not exist", id)
	}
	chart, err := a.Store.Chart(ctx, org.ID)
	if err != nil {
		return nil, an, err
	}
	in := report.TBInput{Chart: chart, Base: org.Currency, From: from, To: to}
	err = a.Store.Snapshot(ctx, func(r store.Reader) error {
		var err error
		in.Keys, err = allKeys(ctx, r, org.ID, store.AnalyticFilter{Analytic: id, From: from, To: to})
		return err
	})
	if err != nil {
		return nil, an, err
	}
	if in.Analytics, err = a.keyNames(ctx, org.ID, in.Keys); err != nil {
		return nil, an, err
	}
	tb, err := report.AnalyticAnalysis(in, id)
	return tb, an, err
}
