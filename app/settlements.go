package app

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"hasap/auth"
	"hasap/doc"
	"hasap/ledger"
	"hasap/money"
	"hasap/settle"
	"hasap/store"
)

// Counterparty settlements (issue 4): the balances of every counterparty
// on the settlement accounts, one counterparty's open items per contract,
// and the reconciliation act. The settlement accounts are the
// posting-level accounts of the chart that keep a counterparty and lie
// under 62 (customers), 60 (suppliers) or 76 (sundry debtors and
// creditors), or in the IFRS chart the trade receivables and payables and
// advances (1100, 1110, 2030; 2010, 2020, 1130; 1180, 2600). Balances are
// read from the totals (one read of each account's totals); open items and
// acts from the counterparty's movements (store.CounterpartyMovements) and
// its documents, worked out by package settle.

// settlementRoots maps the code of a settlement account, or of a group it
// lies under, to how it is read.
var settlementRoots = map[string]map[ledger.AccountCode]settle.Role{
	"ifrs": {"1100": settle.Customer, "1110": settle.Customer, "2030": settle.Customer,
		"2010": settle.Supplier, "2020": settle.Supplier, "1130": settle.Supplier,
		"1180": settle.Other, "2600": settle.Other},
	"": {"62": settle.Customer, "60": settle.Supplier, "76": settle.Other},
}

// notSettlement are accounts under a settlement root that keep a
// counterparty but are not settlements with it: the VAT on advances
// received and issued (76.AV, 76.VA) is owed to or by the budget, and
// counting it would show a customer owing the VAT of its own advance.
var notSettlement = map[string]map[ledger.AccountCode]bool{
	"cis": {"76.AV": true, "76.VA": true},
}

// settlement is a settlement account: its role and the slots of its
// counterparty and contract analytics (-1 for none).
type settlement struct {
	role               settle.Role
	cpSlot, contractSl int
}

// settlementAccounts returns the organisation's settlement accounts.
func settlementAccounts(org ledger.Org, chart ledger.Chart) map[ledger.AccountCode]settlement {
	roots, ok := settlementRoots[org.Chart]
	if !ok {
		roots = settlementRoots[""]
	}
	out := map[ledger.AccountCode]settlement{}
	for code, acc := range chart {
		if acc.Group || acc.OffBalance() || notSettlement[org.Chart][code] {
			continue
		}
		st := settlement{cpSlot: slotOf(acc, ledger.Counterparty), contractSl: slotOf(acc, ledger.Contract)}
		if st.cpSlot < 0 {
			continue
		}
		for c := code; c != ""; c = parentOf(chart, c) {
			if r, ok := roots[c]; ok {
				st.role = r
				break
			}
		}
		if st.role != 0 {
			out[code] = st
		}
	}
	return out
}

// parentOf returns the account's parent in the chart, or the code before
// its last "." when the chart names none ("62.01" → "62").
func parentOf(chart ledger.Chart, code ledger.AccountCode) ledger.AccountCode {
	if a, ok := chart[code]; ok && a.Parent != "" {
		return a.Parent
	}
	if i := strings.LastIndexByte(string(code), '.'); i > 0 {
		return code[:i]
	}
	return ""
}

// CounterpartyBalance is where the settlements with one counterparty
// stand: its open items summed by kind.
type CounterpartyBalance struct {
	Counterparty ledger.Analytic
	settle.Balance
}

// CounterpartyBalances returns the balance of every counterparty that has
// postings on a settlement account, ordered by the counterparty's code.
// They come from the totals: the balance of each contract, on the debit
// side a receivable (or an advance paid to a supplier), on the credit side
// a payable (or an advance received from a customer). It is what the open
// items of each contract sum to, since a contract's open items are all on
// the side of its balance (package settle).
func (a *App) CounterpartyBalances(ctx context.Context, actor Actor, orgCode string) ([]CounterpartyBalance, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return nil, err
	}
	nets, err := a.settlementNets(ctx, org, ledger.DateOf(9999, 12, 31))
	if err != nil {
		return nil, err
	}
	return a.counterpartyBalances(ctx, org, nets)
}

// settlementKey is one contract of one counterparty on accounts of one role.
type settlementKey struct {
	cp, contract ledger.AnalyticID
	role         settle.Role
}

// settlementNets reads the debit balance of each counterparty's contract
// on the settlement accounts of each role from the totals, strictly before end.
func (a *App) settlementNets(ctx context.Context, org ledger.Org, end ledger.Date) (map[settlementKey]money.Amount, error) {
	chart, err := a.Store.Chart(ctx, org.ID)
	if err != nil {
		return nil, err
	}
	type key = settlementKey
	nets := map[key]money.Amount{}
	for code, st := range settlementAccounts(org, chart) {
		by, err := a.Store.AnalyticsOpening(ctx, org.ID, code, end, [ledger.MaxAnalytics]ledger.AnalyticID{})
		if err != nil {
			return nil, err
		}
		for an, t := range by {
			k := key{cp: an[st.cpSlot], role: st.role}
			if st.contractSl >= 0 {
				k.contract = an[st.contractSl]
			}
			net, err := money.Sub(t.Debit, t.Credit)
			if err == nil {
				net, err = money.Add(nets[k], net)
			}
			if err != nil {
				return nil, errSettleRange()
			}
			nets[k] = net
		}
	}
	return nets, nil
}

// counterpartyBalances sums the contracts' balances by counterparty and kind
// and names the counterparties, ordered by code.
func (a *App) counterpartyBalances(ctx context.Context, org ledger.Org, nets map[settlementKey]money.Amount) ([]CounterpartyBalance, error) {
	byCp := map[ledger.AnalyticID]*settle.Balance{}
	for k, net := range nets {
		b := byCp[k.cp]
		if b == nil {
			b = &settle.Balance{}
			byCp[k.cp] = b
		}
		it := settle.Item{Role: k.role, Debit: net > 0, Open: net}
		if net < 0 {
			it.Open = -net // net > MinInt64: a difference of checked sums
		}
		if err := b.Add(it); err != nil {
			return nil, errSettleRange()
		}
	}
	ids := make([]ledger.AnalyticID, 0, len(byCp))
	for id := range byCp {
		ids = append(ids, id)
	}
	names, err := a.Store.AnalyticsByID(ctx, org.ID, ids)
	if err != nil {
		return nil, err
	}
	out := make([]CounterpartyBalance, 0, len(byCp))
	for id, b := range byCp {
		an, ok := names[id]
		if !ok {
			an = ledger.Analytic{ID: id, Kind: ledger.Counterparty, Code: strconv.FormatInt(int64(id), 10)}
		}
		out = append(out, CounterpartyBalance{Counterparty: an, Balance: *b})
	}
	slices.SortFunc(out, func(x, y CounterpartyBalance) int { return strings.Compare(x.Counterparty.Code, y.Counterparty.Code) })
	return out, nil
}

func errSettleRange() error {
	return ledger.Errorf(ledger.EInvalid, "settlement amounts out of range")
}

// Settlements is one counterparty's settlements: every item of its
// settlement accounts (all, or one contract's) with what is open of each,
// the balance by kind, and the documents and contracts the items name.
type Settlements struct {
	Counterparty ledger.Analytic
	Contract     ledger.AnalyticID // the contract asked for; 0 for all
	settle.Result
	Balance   settle.Balance
	Documents map[int64]Document                    // by id: the documents of the items
	Contracts map[ledger.AnalyticID]ledger.Analytic // the contracts of the items
}

// OpenItems returns counterparty cp's settlements (only contract's when
// contract ≠ 0): ENotFound when cp is not a counterparty of the
// organisation, EInvalid when contract is not one of cp's contracts.
func (a *App) OpenItems(ctx context.Context, actor Actor, orgCode string, cp, contract ledger.AnalyticID) (*Settlements, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return nil, err
	}
	s, ms, err := a.settlementMovements(ctx, org, cp, contract, ledger.NoDate)
	if err != nil {
		return nil, err
	}
	if s.Result, err = settle.Settle(ms); err != nil {
		return nil, err
	}
	if s.Balance, err = settle.Sum(s.Items); err != nil {
		return nil, err
	}
	return s, nil
}

// Reconciliation is the reconciliation act of a counterparty (and
// contract) for a period, with the documents and names its lines need.
type Reconciliation struct {
	Org          ledger.Org
	Counterparty ledger.Analytic
	Contract     ledger.Analytic // zero for all contracts
	settle.Act
	Documents map[int64]Document
}

// MaxActDays bounds the period of a reconciliation act (ten years).
const MaxActDays = 3660

// Reconciliation returns the act of counterparty cp (only contract's when
// contract ≠ 0) for from ≤ date ≤ to: both dates are required, from not
// after to, at most MaxActDays apart.
func (a *App) Reconciliation(ctx context.Context, actor Actor, orgCode string, cp, contract ledger.AnalyticID, from, to ledger.Date) (*Reconciliation, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return nil, err
	}
	switch {
	case from == ledger.NoDate || to == ledger.NoDate:
		return nil, ledger.Errorf(ledger.EInvalid, "the period of the act needs both dates")
	case from > to:
		return nil, ledger.Errorf(ledger.EInvalid, "the period starts after it ends")
	case to-from > MaxActDays:
		return nil, ledger.Errorf(ledger.EInvalid, "the period of the act is longer than %d days", MaxActDays)
	}
	s, ms, err := a.settlementMovements(ctx, org, cp, contract, to)
	if err != nil {
		return nil, err
	}
	act, err := settle.Reconcile(ms, from, to)
	if err != nil {
		return nil, err
	}
	r := &Reconciliation{Org: org, Counterparty: s.Counterparty, Act: act, Documents: s.Documents}
	if contract != 0 {
		r.Contract = s.Contracts[contract]
	}
	return r, nil
}

// MaxSettlementMovements bounds what one counterparty's settlements read.
const MaxSettlementMovements = 1_000_000

// settlementMovements reads cp's movements on the settlement accounts with
// date ≤ to (only contract's when contract ≠ 0) and the documents they came
// from, and returns them with cp, its contracts and its documents.
func (a *App) settlementMovements(ctx context.Context, org ledger.Org, cp, contract ledger.AnalyticID, to ledger.Date) (*Settlements, []settle.Movement, error) {
	found, err := a.Store.AnalyticsByID(ctx, org.ID, []ledger.AnalyticID{cp, contract})
	if err != nil {
		return nil, nil, err
	}
	c, ok := found[cp]
	if !ok || c.Kind != ledger.Counterparty {
		return nil, nil, ledger.Errorf(ledger.ENotFound, "counterparty %d does not exist", cp)
	}
	if k, ok := found[contract]; contract != 0 && (!ok || k.Kind != ledger.Contract || (k.Owner != 0 && k.Owner != cp)) {
		return nil, nil, ledger.Errorf(ledger.EInvalid, "contract %d is not a contract of %s", contract, c.Code)
	}
	chart, err := a.Store.Chart(ctx, org.ID)
	if err != nil {
		return nil, nil, err
	}
	accts := settlementAccounts(org, chart)
	codes := make([]ledger.AccountCode, 0, len(accts))
	for code := range accts {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	var ms []settle.Movement
	err = a.Store.CounterpartyMovements(ctx, org.ID, cp, codes, to, func(m store.CounterpartyMovement) error {
		st := accts[m.Side.Account]
		mv := settle.Movement{Counterparty: cp, Role: st.role, Account: m.Side.Account, Date: m.Date, Seq: m.Seq, Line: m.Line,
			Debit: m.Debit, Amount: m.Amount, Document: m.Document, Reverses: m.Reverses, Description: m.Description}
		if st.contractSl >= 0 {
			mv.Contract = m.Side.Analytics[st.contractSl]
		}
		if contract != 0 && mv.Contract != contract {
			return nil
		}
		if len(ms) >= MaxSettlementMovements {
			return ledger.Errorf(ledger.EInvalid, "%s has more than %d settlement movements", c.Code, MaxSettlementMovements)
		}
		ms = append(ms, mv)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	s := &Settlements{Counterparty: c, Contract: contract}
	if s.Documents, err = a.settlementDocuments(ctx, org.ID, cp, ms); err != nil {
		return nil, nil, err
	}
	if s.Contracts, err = a.settlementContracts(ctx, org.ID, ms); err != nil {
		return nil, nil, err
	}
	return s, ms, nil
}

// settlementDocuments finds the documents the movements came from (their
// entries' references) and sets each movement's DocID and BasedOn: first
// among the counterparty's documents, read by its index, then one by one
// for a reference not found there (a document whose line names the
// counterparty). A reference that names no document (an imported entry's)
// is left as it is.
func (a *App) settlementDocuments(ctx context.Context, org ledger.OrgID, cp ledger.AnalyticID, ms []settle.Movement) (map[int64]Document, error) {
	byRef := map[string]Document{}
	need := map[string]bool{}
	for _, m := range ms {
		if m.Document != "" {
			need[m.Document] = true
		}
	}
	if len(need) == 0 {
		return map[int64]Document{}, nil
	}
	f := store.DocumentFilter{Counterparty: cp, Limit: store.MaxDocumentLimit, From: ledger.NoDate, To: ledger.NoDate}
	for len(byRef) < len(need) {
		page, err := a.Store.ListDocuments(ctx, org, f)
		if err != nil {
			return nil, err
		}
		for _, sd := range page {
			ref := doc.Document{Type: doc.Type(sd.Type), Year: sd.Year, Number: sd.Number}.Ref()
			if need[ref] {
				d, err := fromStore(sd)
				if err != nil {
					return nil, err
				}
				byRef[ref] = d
			}
		}
		if len(page) < f.Limit {
			break
		}
		f.BeforeID = page[len(page)-1].ID
	}
	for ref := range need {
		if _, ok := byRef[ref]; ok {
			continue
		}
		typ, year, number, ok := parseRef(ref)
		if !ok {
			continue
		}
		sd, err := a.Store.DocumentByNumber(ctx, org, typ, year, number)
		if ledger.IsCode(err, ledger.ENotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if byRef[ref], err = fromStore(sd); err != nil {
			return nil, err
		}
	}
	out := make(map[int64]Document, len(byRef))
	for i := range ms {
		if d, ok := byRef[ms[i].Document]; ok {
			ms[i].DocID, ms[i].BasedOn = d.ID, d.BasedOn
			out[d.ID] = d
		}
	}
	return out, nil
}

// parseRef reads a document reference "sales_invoice/2025/12".
func parseRef(ref string) (typ string, year int, number int64, ok bool) {
	parts := strings.Split(ref, "/")
	if len(parts) != 3 || !doc.Type(parts[0]).Valid() {
		return "", 0, 0, false
	}
	y, err1 := strconv.Atoi(parts[1])
	n, err2 := strconv.ParseInt(parts[2], 10, 64)
	if err1 != nil || err2 != nil || n <= 0 {
		return "", 0, 0, false
	}
	return parts[0], y, n, true
}

// settlementContracts reads the contracts the movements name.
func (a *App) settlementContracts(ctx context.Context, org ledger.OrgID, ms []settle.Movement) (map[ledger.AnalyticID]ledger.Analytic, error) {
	seen := map[ledger.AnalyticID]bool{}
	var ids []ledger.AnalyticID
	for _, m := range ms {
		if m.Contract != 0 && !seen[m.Contract] {
			seen[m.Contract] = true
			ids = append(ids, m.Contract)
		}
	}
	if len(ids) == 0 {
		return map[ledger.AnalyticID]ledger.Analytic{}, nil
	}
	return a.Store.AnalyticsByID(ctx, org, ids)
}
