package app

import (
	"context"

	"hasap/auth"
	"hasap/ledger"
	"hasap/settle"
)

// Ageing (issue 5): the open items of the customers (62, or the IFRS
// trade receivables) or of the suppliers (60, trade payables) as of a day,
// each counterparty's bucketed by days past their date (package settle).
// The counterparties come from the totals as of the day (settlementNets),
// so one whose settlements net to zero costs nothing; each of the others
// is settled from its movements up to the day (CounterpartyMovements reads
// date ≤ asOf), so a past day's ageing is what the books said then. The
// sundry debtors and creditors (76) are in no side.

// AgeingSide is whose open items an ageing shows.
type AgeingSide string

// The sides of an ageing.
const (
	AgeCustomers AgeingSide = "customers"
	AgeSuppliers AgeingSide = "suppliers"
)

// AgeingReport is an ageing of one side as of a day: a row per
// counterparty with open items of that side, ordered by code, and the
// totals of their buckets.
type AgeingReport struct {
	AsOf  ledger.Date
	Side  AgeingSide
	Rows  []AgeingRow
	Total settle.Ageing
}

// AgeingRow is one counterparty's ageing.
type AgeingRow struct {
	Counterparty ledger.Analytic
	settle.Ageing
}

// Ageing returns the ageing of side as of asOf with the default buckets.
// asOf is required; an unknown side is EInvalid.
func (a *App) Ageing(ctx context.Context, actor Actor, orgCode string, asOf ledger.Date, side AgeingSide) (*AgeingReport, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return nil, err
	}
	role := map[AgeingSide]settle.Role{AgeCustomers: settle.Customer, AgeSuppliers: settle.Supplier}[side]
	if role == 0 {
		return nil, ledger.Errorf(ledger.EInvalid, "the side of the ageing is customers or suppliers, not %q", side)
	}
	if asOf == ledger.NoDate || asOf >= ledger.DateOf(9999, 12, 31) {
		return nil, ledger.Errorf(ledger.EInvalid, "the ageing needs a date")
	}
	nets, err := a.settlementNets(ctx, org, asOf+1)
	if err != nil {
		return nil, err
	}
	for k, net := range nets {
		if k.role != role || net == 0 {
			delete(nets, k)
		}
	}
	balances, err := a.counterpartyBalances(ctx, org, nets)
	if err != nil {
		return nil, err
	}
	rep := &AgeingReport{AsOf: asOf, Side: side}
	if rep.Total, err = settle.Age(nil, asOf, nil); err != nil {
		return nil, err
	}
	for _, b := range balances {
		_, ms, err := a.settlementMovements(ctx, org, b.Counterparty.ID, 0, asOf)
		if err != nil {
			return nil, err
		}
		res, err := settle.Settle(ms)
		if err != nil {
			return nil, err
		}
		var items []settle.Item
		for _, it := range res.Items {
			if it.Role == role {
				items = append(items, it)
			}
		}
		ag, err := settle.Age(items, asOf, nil)
		if err != nil {
			return nil, err
		}
		if len(ag.Items) == 0 {
			continue
		}
		if err := rep.Total.Add(ag); err != nil {
			return nil, err
		}
		rep.Rows = append(rep.Rows, AgeingRow{Counterparty: b.Counterparty, Ageing: ag})
	}
	return rep, nil
}
