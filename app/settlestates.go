package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"strings"

	"hasap/ledger"
	"hasap/settle"
	"hasap/store"
)

// Kept settlement states (issue 5, the ageing at any size). Working out a
// counterparty's open items reads its whole settlement history, which on a
// 1M-entry ledger costs seconds for an ageing of every customer. So the
// open items of every counterparty with settlements on the accounts of a
// role (customers, suppliers) are kept (store.SettlementStates), with its
// whole settlement history and the latest date of its movements, and a mark saying up to which entry of the
// chain they are worked out and under which rules (settle.Version) and
// settlement accounts (stateKey).
//
// They stay exact without the poster's help because entries are never
// changed or deleted: before a report uses them, the entries posted since
// the mark are read (ScanEntries), the counterparties they touch on the
// role's accounts are worked out again from their history, and the mark
// moves to the head read before that. When the mark is of other rules or
// accounts, or more than maxStateDelta entries behind, all are worked out
// again. A state answers for any day on or after its LastDate: no movement
// of that counterparty is later, so its open items then are those now. For
// a day before LastDate the kept history (every item, its span of dates
// and what settled what: settle.History) tells what was open then, unless
// an item's movements straddle the day; then the movements are read, as
// before the states were kept. Two reports
// refreshing at once each work out what they need; the store moves the
// mark only from the mark the writer read, so the loser writes nothing.
// verify works every kept state out again and reports a difference.

// maxStateDelta is how many entries past the mark are scanned for the
// counterparties they touch before it is cheaper to work out all again.
const maxStateDelta = 20_000

// keptRoles are the roles whose states are kept: the ageing's sides.
var keptRoles = []settle.Role{settle.Customer, settle.Supplier}

// roleAccounts returns the settlement accounts of role among accts.
func roleAccounts(accts map[ledger.AccountCode]settlement, role settle.Role) map[ledger.AccountCode]settlement {
	out := map[ledger.AccountCode]settlement{}
	for code, st := range accts {
		if st.role == role {
			out[code] = st
		}
	}
	return out
}

// stateKey names the rules and the accounts (with the slots of their
// counterparty and contract) states are worked out under.
func stateKey(accts map[ledger.AccountCode]settlement) string {
	codes := make([]string, 0, len(accts))
	for code, st := range accts {
		codes = append(codes, fmt.Sprintf("%s/%d/%d", code, st.cpSlot, st.contractSl))
	}
	slices.Sort(codes)
	sum := sha256.Sum256([]byte(strings.Join(codes, ";")))
	return fmt.Sprintf("settle-v%d:%s", settle.Version, hex.EncodeToString(sum[:16]))
}

// keptState is a counterparty's kept state, decoded.
type keptState struct {
	lastDate ledger.Date
	open     []settle.Item
}

// settlementStates returns the kept states of role (accts are the role's
// settlement accounts), brought up to the chain's head first.
func (a *App) settlementStates(ctx context.Context, org ledger.Org, role settle.Role, accts map[ledger.AccountCode]settlement) (map[ledger.AnalyticID]keptState, error) {
	key := stateKey(accts)
	mark, kept, err := a.Store.SettlementStates(ctx, org.ID, int(role))
	if err != nil {
		return nil, err
	}
	head, err := a.Store.Head(ctx, org.ID)
	if err != nil {
		return nil, err
	}
	out := make(map[ledger.AnalyticID]keptState, len(kept))
	if mark.Key != key || head.Seq-mark.Head > maxStateDelta || head.Seq < mark.Head {
		return a.workOutStates(ctx, org, role, accts, mark, store.SettlementMark{Head: head.Seq, Key: key})
	}
	for _, s := range kept {
		items, err := settle.DecodeItems(s.Body)
		if err != nil {
			return nil, fmt.Errorf("kept settlements of counterparty %d: %w", s.Counterparty, err)
		}
		out[s.Counterparty] = keptState{lastDate: s.LastDate, open: items}
	}
	if head.Seq == mark.Head {
		return out, nil
	}
	touched := map[ledger.AnalyticID]bool{}
	err = a.Store.ScanEntries(ctx, org.ID, mark.Head+1, func(e *ledger.Entry) error {
		for _, p := range e.Postings {
			for _, side := range []ledger.Side{p.Debit, p.Credit} {
				if st, ok := accts[side.Account]; ok && side.Analytics[st.cpSlot] != 0 {
					touched[side.Analytics[st.cpSlot]] = true
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	codes := slices.Sorted(maps.Keys(accts))
	states, err := a.workOutMany(ctx, org, slices.Sorted(maps.Keys(touched)), accts, func(ledger.AnalyticID) []ledger.AccountCode { return codes }, out)
	if err != nil {
		return nil, err
	}
	if _, err := a.Store.PutSettlementStates(ctx, org.ID, int(role), mark, store.SettlementMark{Head: head.Seq, Key: key}, states, false); err != nil {
		return nil, err
	}
	return out, nil
}

// workOutStates works out the state of every counterparty with settlements
// on accts and keeps them in place of all kept before.
func (a *App) workOutStates(ctx context.Context, org ledger.Org, role settle.Role, accts map[ledger.AccountCode]settlement,
	was, to store.SettlementMark) (map[ledger.AnalyticID]keptState, error) {
	out, states, err := a.freshStates(ctx, org, accts)
	if err != nil {
		return nil, err
	}
	if _, err := a.Store.PutSettlementStates(ctx, org.ID, int(role), was, to, states, true); err != nil {
		return nil, err
	}
	return out, nil
}

// freshStates works out the state of every counterparty with settlements
// on accts from its movements, as workOutStates keeps them. (Reading all
// their movements in one query in counterparty order instead of one query
// each was tried: at 1M it saved under a tenth, the stepping through the
// rows being the cost, so it was not kept.)
func (a *App) freshStates(ctx context.Context, org ledger.Org, accts map[ledger.AccountCode]settlement) (map[ledger.AnalyticID]keptState, []store.SettlementState, error) {
	touched, err := a.settlementTouched(ctx, org, accts)
	if err != nil {
		return nil, nil, err
	}
	out := make(map[ledger.AnalyticID]keptState, len(touched))
	states, err := a.workOutMany(ctx, org, slices.Sorted(maps.Keys(touched)), accts, func(cp ledger.AnalyticID) []ledger.AccountCode { return touched[cp] }, out)
	return out, states, err
}

// workOutMany works out the state of each of cps from its movements on the
// accounts codes gives it, into out, and returns them to keep.
func (a *App) workOutMany(ctx context.Context, org ledger.Org, cps []ledger.AnalyticID, accts map[ledger.AccountCode]settlement,
	codes func(ledger.AnalyticID) []ledger.AccountCode, out map[ledger.AnalyticID]keptState) ([]store.SettlementState, error) {
	states := make([]store.SettlementState, 0, len(cps))
	for _, cp := range cps {
		ks, st, err := a.workOutState(ctx, org, cp, accts, codes(cp))
		if err != nil {
			return nil, err
		}
		out[cp] = ks
		states = append(states, st)
	}
	return states, nil
}

// workOutState settles all of cp's movements on codes (of accts), keeping
// the whole history for an ageing of an earlier day.
func (a *App) workOutState(ctx context.Context, org ledger.Org, cp ledger.AnalyticID, accts map[ledger.AccountCode]settlement,
	codes []ledger.AccountCode) (keptState, store.SettlementState, error) {
	ms, err := a.ageingMovements(ctx, org, cp, accts, codes, ledger.NoDate)
	if err != nil {
		return keptState{}, store.SettlementState{}, err
	}
	return stateOf(cp, ms)
}

// stateOf settles ms, all of cp's movements linked to their documents.
func stateOf(cp ledger.AnalyticID, ms []settle.Movement) (keptState, store.SettlementState, error) {
	h, err := settle.NewHistory(ms)
	if err != nil {
		return keptState{}, store.SettlementState{}, err
	}
	ks := keptState{open: h.Open()}
	for _, m := range ms {
		ks.lastDate = max(ks.lastDate, m.Date)
	}
	return ks, store.SettlementState{Counterparty: cp, LastDate: ks.lastDate, Body: settle.EncodeItems(ks.open), History: settle.EncodeHistory(h)}, nil
}

// settlementTouched returns every counterparty with totals on accts, with
// the accounts it has them on.
func (a *App) settlementTouched(ctx context.Context, org ledger.Org, accts map[ledger.AccountCode]settlement) (map[ledger.AnalyticID][]ledger.AccountCode, error) {
	open, err := a.ageingOpen(ctx, org, accts, ledger.DateOf(9999, 12, 30))
	return open.all, err
}

// verifySettlementStates brings the kept states of each role up to date,
// then works every counterparty's state out again from its history and
// compares: a kept state that differs, or a counterparty with settlements
// and no state, is ETampered. The states are not in verify's snapshot, so
// a difference is checked once more after bringing them up to date again
// (an entry posted meanwhile), before it is reported. It returns the number
// of states compared.
func (a *App) verifySettlementStates(ctx context.Context, org ledger.Org) (int, error) {
	chart, err := a.Store.Chart(ctx, org.ID)
	if err != nil {
		return 0, err
	}
	total := 0
	for _, role := range keptRoles {
		accts := roleAccounts(settlementAccounts(org, chart), role)
		var diff error
		var n int
		for range 2 {
			if diff, n, err = a.compareStates(ctx, org, role, accts); err != nil {
				return 0, err
			}
			if diff == nil {
				break
			}
		}
		if diff != nil {
			return 0, diff
		}
		total += n
	}
	return total, nil
}

// compareStates compares the kept states of role, brought up to date,
// with those worked out again: a difference is returned as diff, and n is
// the number of states compared.
func (a *App) compareStates(ctx context.Context, org ledger.Org, role settle.Role, accts map[ledger.AccountCode]settlement) (diff error, n int, err error) {
	kept, err := a.settlementStates(ctx, org, role, accts)
	if err != nil {
		return nil, 0, err
	}
	fresh, states, err := a.freshStates(ctx, org, accts)
	if err != nil {
		return nil, 0, err
	}
	histories := make(map[ledger.AnalyticID][]byte, len(states))
	for _, st := range states {
		cp := st.Counterparty
		ks, ok := kept[cp]
		if !ok {
			return ledger.Errorf(ledger.ETampered, "the kept settlements of counterparty %d (role %d) are missing", cp, role), 0, nil
		}
		if ks.lastDate != st.LastDate || !slices.Equal(settle.EncodeItems(ks.open), st.Body) {
			return ledger.Errorf(ledger.ETampered, "the kept settlements of counterparty %d (role %d) differ from its postings: %d open items kept, %d worked out",
				cp, role, len(ks.open), len(fresh[cp].open)), 0, nil
		}
		histories[cp] = st.History
	}
	// The histories, of every state (all are after the first day).
	hs, err := a.Store.SettlementHistories(ctx, org.ID, int(role), ledger.NoDate)
	if err != nil {
		return nil, 0, err
	}
	for _, h := range hs {
		if want, ok := histories[h.Counterparty]; ok && !slices.Equal(h.History, want) {
			return ledger.Errorf(ledger.ETampered, "the kept settlement history of counterparty %d (role %d) differs from its postings", h.Counterparty, role), 0, nil
		}
	}
	for cp, ks := range kept {
		if _, ok := fresh[cp]; !ok && len(ks.open) > 0 {
			return ledger.Errorf(ledger.ETampered, "counterparty %d (role %d) has kept open settlements and no postings", cp, role), 0, nil
		}
	}
	return nil, len(states), nil
}
