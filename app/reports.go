package app

import (
	"context"

	"hasap/ledger"
	"hasap/report"
)

// Balances returns the balance of every account in every currency at the
// end of day to (ledger.NoDate for all time), read from totals.
func (a *App) Balances(ctx context.Context, actor Actor, orgCode string, to ledger.Date) ([]report.Balance, error) {
	org, err := a.Org(ctx, actor, orgCode)
	if err != nil {
		return nil, err
	}
	turn, err := a.Store.Turnover(ctx, org.ID, ledger.NoDate, to)
	if err != nil {
		return nil, err
	}
	return report.Balances(turn, org.Currency)
}

// TrialBalance returns the CIS trial balance for from..to (either may be
// ledger.NoDate), read from totals.
func (a *App) TrialBalance(ctx context.Context, actor Actor, orgCode string, from, to ledger.Date) (*report.TrialBalance, error) {
	org, chart, err := a.orgChart(ctx, actor, orgCode)
	if err != nil {
		return nil, err
	}
	var opening []ledger.AccountTurnover
	if from != ledger.NoDate {
		if opening, err = a.Store.Turnover(ctx, org.ID, ledger.NoDate, from-1); err != nil {
			return nil, err
		}
	}
	period, err := a.Store.Turnover(ctx, org.ID, from, to)
	if err != nil {
		return nil, err
	}
	return report.BuildTrialBalance(chart, org.Currency, from, to, opening, period)
}
