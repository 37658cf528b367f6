package app

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

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
// Each counterparty's open items come from its kept state (settlestates.go)
// when none of its movements is dated after asOf, which for an ageing as of
// today or a period's end is nearly every one: one read of the states of
// the side, plus working out again those posted to since the last report.
// For the others (an ageing of a past day) they come from the kept history
// (settle.OpenOnEncoded: what was open on the day), and where that cannot
// tell (an item with movements on both sides of the day) from the totals of
// the side's accounts as of asOf (ageingOpen) and, for each such
// counterparty whose contracts there do not net to zero, its movements up
// to asOf on the accounts it has totals on (CounterpartyMovements through
// the index of migration 0013). Either way a past day's ageing is what the
// books said then.
func (a *App) AgeingBuckets(ctx context.Context, actor Actor, orgCode string, asOf ledger.Date, side AgeingSide, limits []int) (*AgeingReport, error) {
	org, chart, err := a.orgChart(ctx, actor, orgCode)
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
	accts := roleAccounts(settlementAccounts(org, chart), role)
	kept, err := a.settlementStates(ctx, org, role, accts)
	if err != nil {
		return nil, err
	}
	open := map[ledger.AnalyticID][]settle.Item{}
	later := false
	for cp, ks := range kept {
		switch {
		case ks.lastDate > asOf:
			later = true
		case len(ks.open) > 0:
			open[cp] = ks.open
		}
	}
	if later {
		// Those with movements after the day: from the kept history where
		// it can tell, from the movements up to the day where it cannot.
		hs, err := a.Store.SettlementHistories(ctx, org.ID, int(role), asOf)
		if err != nil {
			return nil, err
		}
		untold := map[ledger.AnalyticID]bool{}
		for _, s := range hs {
			items, ok, err := settle.OpenOnEncoded(s.History, asOf)
			if err != nil {
				return nil, fmt.Errorf("kept settlements of counterparty %d: %w", s.Counterparty, err)
			}
			if ok {
				open[s.Counterparty] = items
			} else {
				untold[s.Counterparty] = true
			}
		}
		if len(untold) > 0 {
			err := a.openFromHistory(ctx, org, accts, asOf, open, func(cp ledger.AnalyticID) bool { return !untold[cp] })
			if err != nil {
				return nil, err
			}
		}
	}
	return a.ageingReport(ctx, org, rep, open, limits)
}

// openFromHistory adds to open the items, settled from their movements up
// to asOf, of each counterparty with a contract of accts open then (from the
// totals) but those known says are known.
func (a *App) openFromHistory(ctx context.Context, org ledger.Org, accts map[ledger.AccountCode]settlement, asOf ledger.Date,
	open map[ledger.AnalyticID][]settle.Item, known func(ledger.AnalyticID) bool) error {
	past, err := a.ageingOpen(ctx, org, accts, asOf)
	if err != nil {
		return err
	}
	for cp, codes := range past.accounts {
		if known(cp) {
			continue
		}
		ms, err := a.ageingMovements(ctx, org, cp, accts, codes, asOf)
		if err != nil {
			return err
		}
		res, err := settle.Settle(ms)
		if err != nil {
			return err
		}
		open[cp] = res.Items
	}
	return nil
}

// ageingReport ages each counterparty's items as of rep.AsOf into rep, a
// row for each with open items, ordered by code, and the total.
func (a *App) ageingReport(ctx context.Context, org ledger.Org, rep *AgeingReport, open map[ledger.AnalyticID][]settle.Item, limits []int) (*AgeingReport, error) {
	ids := make([]ledger.AnalyticID, 0, len(open))
	for cp := range open {
		ids = append(ids, cp)
	}
	names, err := a.Store.AnalyticsByID(ctx, org.ID, ids)
	if err != nil {
		return nil, err
	}
	for _, cp := range ids {
		ag, err := settle.Age(open[cp], rep.AsOf, limits)
		if err != nil {
			return nil, err
		}
		if len(ag.Items) == 0 {
			continue
		}
		an, ok := names[cp]
		if !ok {
			an = ledger.Analytic{ID: cp, Kind: ledger.Counterparty, Code: strconv.FormatInt(int64(cp), 10)}
		}
		rep.Rows = append(rep.Rows, AgeingRow{Counterparty: an, Ageing: ag})
	}
	slices.SortFunc(rep.Rows, func(x, y AgeingRow) int { return strings.Compare(x.Counterparty.Code, y.Counterparty.Code) })
	for _, r := range rep.Rows {
		if err := rep.Total.Add(r.Ageing); err != nil {
			return nil, err
		}
	}
	return rep, nil
}

// openSettlements are the contracts of a side that do not net to zero as
// of a day, and the accounts each counterparty has totals on.
type openSettlements struct {
	nets     map[settlementKey]money.Amount
	accounts map[ledger.AnalyticID][]ledger.AccountCode // of the counterparties with a contract open
	all      map[ledger.AnalyticID][]ledger.AccountCode // of every counterparty with totals
}

// ageingOpen reads the totals of accts up to asOf: the contracts that do
// not net to zero, and for each of their counterparties every account of
// accts it has totals on (the ones its movements are read from).
func (a *App) ageingOpen(ctx context.Context, org ledger.Org, accts map[ledger.AccountCode]settlement, asOf ledger.Date) (openSettlements, error) {
	codes := slices.Sorted(maps.Keys(accts))
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
	out := openSettlements{nets: map[settlementKey]money.Amount{}, accounts: map[ledger.AnalyticID][]ledger.AccountCode{}, all: touched}
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
func (a *App) ageingMovements(ctx context.Context, org ledger.Org, cp ledger.AnalyticID, accts map[ledger.AccountCode]settlement,
	codes []ledger.AccountCode, asOf ledger.Date) ([]settle.Movement, error) {
	var ms []settle.Movement
	err := a.Store.CounterpartyMovements(ctx, org.ID, cp, codes, asOf, func(m store.CounterpartyMovement) error {
		st := accts[m.Side.Account]
		mv := settle.Movement{Counterparty: cp, Role: st.role, Account: m.Side.Account, Date: m.Date, Seq: m.Seq, Line: m.Line,
			Debit: m.Debit, Amount: m.Amount, Document: m.Document, Reverses: m.Reverses, Description: m.Description}
		if st.contractSl >= 0 {
			mv.Contract = m.Side.Analytics[st.contractSl]
		}
		if len(ms) >= MaxSettlementMovements {
			return ledger.Errorf(ledger.EInvalid, "counterparty %d has more than %d settlement movements", cp, MaxSettlementMovements)
		}
		ms = append(ms, mv)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if _, err := a.settlementDocuments(ctx, org.ID, cp, ms); err != nil {
		return nil, err
	}
	return ms, nil
}
