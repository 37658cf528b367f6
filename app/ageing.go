package app

import (
	"context"
	"slices"

	"hasap/auth"
	"hasap/ledger"
	"hasap/money"
	"hasap/settle"
	"hasap/store"
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

// Ageing returns the ageing of side as of asOf with the default buckets
// (settle.DefaultLimits). asOf is required; an unknown side is EInvalid.
func (a *App) Ageing(ctx context.Context, actor Actor, orgCode string, asOf ledger.Date, side AgeingSide) (*AgeingReport, error) {
	return a.AgeingBuckets(ctx, actor, orgCode, asOf, side, nil)
}

// AgeingBuckets is Ageing with the buckets' upper limits in days (nil:
// settle.DefaultLimits; see settle.Age for what limits it takes).
//
// It reads the totals of the side's accounts once (AnalyticsOpening per
// account), and then, for each counterparty whose contracts there do not
// net to zero, its movements on only the accounts of the side it has
// totals on (CounterpartyMovements through the index of migration 0013)
// and the documents they name (their BasedOn links decide what settled
// what). So it costs a few indexed reads per open counterparty, and
// nothing for a settled one.
func (a *App) AgeingBuckets(ctx context.Context, actor Actor, orgCode string, asOf ledger.Date, side AgeingSide, limits []int) (*AgeingReport, error) {
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
	rep := &AgeingReport{AsOf: asOf, Side: side}
	if rep.Total, err = settle.Age(nil, asOf, limits); err != nil {
		return nil, err
	}
	chart, err := a.Store.Chart(ctx, org.ID)
	if err != nil {
		return nil, err
	}
	accts := settlementAccounts(org, chart)
	for code, st := range accts {
		if st.role != role {
			delete(accts, code)
		}
	}
	open, err := a.ageingOpen(ctx, org, accts, asOf)
	if err != nil {
		return nil, err
	}
	balances, err := a.counterpartyBalances(ctx, org, open.nets)
	if err != nil {
		return nil, err
	}
	for _, b := range balances {
		ms, err := a.ageingMovements(ctx, org, b.Counterparty, accts, open.accounts[b.Counterparty.ID], asOf)
		if err != nil {
			return nil, err
		}
		res, err := settle.Settle(ms)
		if err != nil {
			return nil, err
		}
		ag, err := settle.Age(res.Items, asOf, limits)
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

// openSettlements are the contracts of a side that do not net to zero as
// of a day, and the accounts each counterparty has totals on.
type openSettlements struct {
	nets     map[settlementKey]money.Amount
	accounts map[ledger.AnalyticID][]ledger.AccountCode
}

// ageingOpen reads the totals of accts up to asOf: the contracts that do
// not net to zero, and for each of their counterparties every account of
// accts it has totals on (the ones its movements are read from).
func (a *App) ageingOpen(ctx context.Context, org ledger.Org, accts map[ledger.AccountCode]settlement, asOf ledger.Date) (openSettlements, error) {
	codes := make([]ledger.AccountCode, 0, len(accts))
	for code := range accts {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	nets := map[settlementKey]money.Amount{}
	touched := map[ledger.AnalyticID][]ledger.AccountCode{}
	for _, code := range codes {
		st := accts[code]
		by, err := a.Store.AnalyticsOpening(ctx, org.ID, code, asOf+1, [ledger.MaxAnalytics]ledger.AnalyticID{})
		if err != nil {
			return openSettlements{}, err
		}
		for an, t := range by {
			cp := an[st.cpSlot]
			k := settlementKey{cp: cp, role: st.role}
			if st.contractSl >= 0 {
				k.contract = an[st.contractSl]
			}
			net, err := money.Sub(t.Debit, t.Credit)
			if err == nil {
				net, err = money.Add(nets[k], net)
			}
			if err != nil {
				return openSettlements{}, errSettleRange()
			}
			nets[k] = net
			if l := touched[cp]; len(l) == 0 || l[len(l)-1] != code {
				touched[cp] = append(l, code)
			}
		}
	}
	out := openSettlements{nets: map[settlementKey]money.Amount{}, accounts: map[ledger.AnalyticID][]ledger.AccountCode{}}
	for k, net := range nets {
		if net != 0 {
			out.nets[k] = net
			out.accounts[k.cp] = touched[k.cp]
		}
	}
	return out, nil
}

// ageingMovements reads cp's movements up to asOf on the accounts given
// (of accts) and links them to their documents.
func (a *App) ageingMovements(ctx context.Context, org ledger.Org, cp ledger.Analytic, accts map[ledger.AccountCode]settlement,
	codes []ledger.AccountCode, asOf ledger.Date) ([]settle.Movement, error) {
	var ms []settle.Movement
	err := a.Store.CounterpartyMovements(ctx, org.ID, cp.ID, codes, asOf, func(m store.CounterpartyMovement) error {
		st := accts[m.Side.Account]
		mv := settle.Movement{Counterparty: cp.ID, Role: st.role, Account: m.Side.Account, Date: m.Date, Seq: m.Seq, Line: m.Line,
			Debit: m.Debit, Amount: m.Amount, Document: m.Document, Reverses: m.Reverses, Description: m.Description}
		if st.contractSl >= 0 {
			mv.Contract = m.Side.Analytics[st.contractSl]
		}
		if len(ms) >= MaxSettlementMovements {
			return ledger.Errorf(ledger.EInvalid, "%s has more than %d settlement movements", cp.Code, MaxSettlementMovements)
		}
		ms = append(ms, mv)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if _, err := a.settlementDocuments(ctx, org.ID, cp.ID, ms); err != nil {
		return nil, err
	}
	return ms, nil
}
