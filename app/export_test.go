package app

import (
	"context"

	"hasap/ledger"
	"hasap/settle"
)

// AgeingFromHistory is the ageing worked out from every counterparty's
// history as the ageing did before states were kept: the reference the
// tests hold AgeingBuckets to. It neither reads nor writes kept states.
func (a *App) AgeingFromHistory(ctx context.Context, orgCode string, asOf ledger.Date, side AgeingSide, limits []int) (*AgeingReport, error) {
	org, err := a.Store.OrgByCode(ctx, orgCode)
	if err != nil {
		return nil, err
	}
	role := map[AgeingSide]settle.Role{AgeCustomers: settle.Customer, AgeSuppliers: settle.Supplier}[side]
	chart, err := a.Store.Chart(ctx, org.ID)
	if err != nil {
		return nil, err
	}
	rep := &AgeingReport{AsOf: asOf, Side: side}
	if rep.Total, err = settle.Age(nil, asOf, limits); err != nil {
		return nil, err
	}
	open := map[ledger.AnalyticID][]settle.Item{}
	accts := roleAccounts(settlementAccounts(org, chart), role)
	if err := a.openFromHistory(ctx, org, accts, asOf, open, func(ledger.AnalyticID) bool { return false }); err != nil {
		return nil, err
	}
	return a.ageingReport(ctx, org, rep, open, limits)
}
