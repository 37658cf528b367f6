package report

import (
	"cmp"
	"slices"
	"strconv"

	"hasap/ledger"
	"hasap/money"
)

// TBInput is what a trial balance is built from.
type TBInput struct {
	Chart    ledger.Chart
	Base     money.Currency
	From, To ledger.Date
	// Opening and Period are the turnover per account and currency before
	// the period and within it, for every account not in Expanded.
	Opening, Period []ledger.AccountTurnover
	// Expanded are the posting-level accounts shown by analytics; Keys
	// hold their turnover per analytics and currency (rows of other
	// accounts in Keys are ignored, as are these accounts' rows in
	// Opening and Period).
	Expanded []ledger.AccountCode
	Keys     []ledger.AnalyticTurnover
	// Analytics names the analytics of Keys (an analytic missing here is
	// shown by its id).
	Analytics map[ledger.AnalyticID]ledger.Analytic
}

// leafKey is the finest line a balance is placed on its side for: an
// account, with its analytics when it is expanded, and with its currency
// when it is kept in currency.
type leafKey struct {
	account   ledger.AccountCode
	analytics [ledger.MaxAnalytics]ledger.AnalyticID
	currency  string
}

type leafSums struct{ open, turn ledger.Turnover }

// BuildTB computes the trial balance, expanded where in.Expanded says.
//
// Where a balance goes: each leaf — a posting-level account, or, when the
// account is expanded, each combination of its analytics (a customer's
// contract, an item in a warehouse), and for an account kept in currency
// each currency of it — shows its own opening and closing balance on its
// own side, and every row above a leaf (an analytic over its second
// analytics, an account, a synthetic account, the total) adds up the
// debit and the credit columns of the leaves below it separately. This is
// the expanded balance ("развёрнутое сальдо") of the CIS trial balance by
// subconto: on an active-passive account such as 62 or 76, the customers
// who owe and the customers who paid in advance are shown apart, on
// 62.01's debit and credit, instead of netted into one figure that hides
// both. An account not expanded nets its analytics, as the plain trial
// balance has always done; the total balances either way, since each
// leaf's debit minus credit is its net balance.
func BuildTB(in TBInput) (*TrialBalance, error) {
	expanded := map[ledger.AccountCode]bool{}
	for _, c := range in.Expanded {
		expanded[c] = true
	}
	leaves := map[leafKey]*leafSums{}
	get := func(k leafKey) *leafSums {
		l := leaves[k]
		if l == nil {
			l = &leafSums{}
			leaves[k] = l
		}
		return l
	}
	keep := func(acc ledger.AccountCode, an [ledger.MaxAnalytics]ledger.AnalyticID, cur string) leafKey {
		k := leafKey{account: acc}
		if a := in.Chart[acc]; a != nil && a.Currency {
			k.currency = cur
		}
		if expanded[acc] {
			k.analytics = an
		}
		return k
	}
	for i, rows := range [][]ledger.AccountTurnover{in.Opening, in.Period} {
		for _, t := range rows {
			if expanded[t.Account] {
				continue
			}
			l := get(keep(t.Account, [ledger.MaxAnalytics]ledger.AnalyticID{}, t.Currency))
			dst := &l.open
			if i == 1 {
				dst = &l.turn
			}
			sum, err := dst.Add(t.Turnover)
			if err != nil {
				return nil, err
			}
			*dst = sum
		}
	}
	for _, t := range in.Keys {
		if !expanded[t.Account] {
			continue
		}
		l := get(keep(t.Account, t.Analytics, t.Currency))
		var err error
		if l.open, err = l.open.Add(t.Opening); err != nil {
			return nil, err
		}
		if l.turn, err = l.turn.Add(t.Period); err != nil {
			return nil, err
		}
	}
	b := &tbBuilder{in: in, expanded: expanded, accounts: map[ledger.AccountCode]*tbNode{}, rowsHint: 2*len(leaves) + 16}
	// Leaves in any order: their sums are exact and the rows are sorted
	// when emitted.
	for k, l := range leaves {
		if err := b.addLeaf(k, l); err != nil {
			return nil, err
		}
	}
	return b.finish()
}

// tbNode is a row being added up, with the rows below it when it is an
// account's analytic or an expanded account.
type tbNode struct {
	row      TBRow
	sortCode string // the catalog code of an analytic row's own analytic, for ordering
	curSeen  bool   // a leaf with a currency was added
	curMixed bool   // leaves of different currencies (or with and without one) were added
	leaves   int
	children map[childKey]*tbNode
}

type childKey struct {
	id       ledger.AnalyticID
	currency string
}

type tbBuilder struct {
	rowsHint int // a guess of the rows, to allocate them once
	in       TBInput
	expanded map[ledger.AccountCode]bool
	accounts map[ledger.AccountCode]*tbNode
}

// leafAmounts are a leaf's columns in base money, in its currency and in
// quantity, each balance on its own side.
func leafAmounts(acc *ledger.Account, k leafKey, s *leafSums) (base, cur, qty Amounts, err error) {
	o, t := s.open, s.turn
	if base, err = amountsOf(o.Debit, o.Credit, t.Debit, t.Credit); err != nil {
		return
	}
	if k.currency != "" {
		if cur, err = amountsOf(o.DebitCur, o.CreditCur, t.DebitCur, t.CreditCur); err != nil {
			return
		}
	}
	if acc != nil && acc.Quantity {
		qty, err = amountsOf(money.Amount(o.DebitQty), money.Amount(o.CreditQty), money.Amount(t.DebitQty), money.Amount(t.CreditQty))
	}
	return
}

func (b *tbBuilder) addLeaf(k leafKey, s *leafSums) error {
	acc := b.in.Chart[k.account]
	base, cur, qty, err := leafAmounts(acc, k, s)
	if err != nil {
		return ledger.Errorf(ledger.EInvalid, "balance of %s out of range", k.account)
	}
	if base.IsZero() && cur.IsZero() && qty.IsZero() {
		return nil
	}
	leaf := TBRow{Amounts: base, Cur: cur, Qty: qty, Currency: k.currency, Quantity: acc != nil && acc.Quantity}
	// The account's own row and its ancestors'.
	off := acc != nil && acc.OffBalance()
	code := k.account
	var own *tbNode
	for depth := 0; code != "" && depth < 64; depth++ {
		n := b.accounts[code]
		if n == nil {
			n = &tbNode{row: TBRow{Account: code, OffBalance: off}}
			b.accounts[code] = n
		}
		if own == nil {
			own = n
		}
		if err := n.add(leaf); err != nil {
			return err
		}
		a := b.in.Chart[code]
		if a == nil {
			break
		}
		code = a.Parent
	}
	// The rows below the account: its analytics when expanded, then the
	// currency.
	n := own
	if b.expanded[k.account] && acc != nil {
		for level := 1; level <= len(acc.Analytics) && level <= ledger.MaxAnalytics; level++ {
			n = n.child(childKey{id: k.analytics[level-1]}, func() TBRow {
				r := TBRow{Account: k.account, Level: level, Kind: acc.Analytics[level-1], OffBalance: off, Quantity: leaf.Quantity}
				copy(r.Analytics[:level], k.analytics[:level])
				return r
			})
			if err := n.add(leaf); err != nil {
				return err
			}
		}
	}
	if k.currency != "" {
		level := n.row.Level + 1
		c := n.child(childKey{currency: k.currency}, func() TBRow {
			return TBRow{Account: k.account, Level: level, Analytics: n.row.Analytics, CurrencyRow: true, OffBalance: off, Quantity: leaf.Quantity}
		})
		return c.add(leaf)
	}
	return nil
}

func (n *tbNode) child(k childKey, mk func() TBRow) *tbNode {
	if n.children == nil {
		n.children = map[childKey]*tbNode{}
	}
	c := n.children[k]
	if c == nil {
		c = &tbNode{row: mk()}
		n.children[k] = c
	}
	return c
}

// add adds a leaf's columns to the row. Currency columns add up only
// while every leaf below is in the same currency.
func (n *tbNode) add(leaf TBRow) error {
	n.leaves++
	bad := func() error { return ledger.Errorf(ledger.EInvalid, "trial balance of %s out of range", n.row.Account) }
	if err := n.row.Amounts.Add(leaf.Amounts); err != nil {
		return bad()
	}
	if leaf.Quantity {
		n.row.Quantity = true
		if err := n.row.Qty.Add(leaf.Qty); err != nil {
			return bad()
		}
	}
	switch {
	case n.leaves == 1:
		n.curSeen = true
		n.row.Currency = leaf.Currency
	case leaf.Currency != n.row.Currency:
		n.curMixed = true
	}
	if !n.curMixed && leaf.Currency != "" && n.row.Cur.Add(leaf.Cur) != nil {
		return bad()
	}
	return nil
}

func (b *tbBuilder) finish() (*TrialBalance, error) {
	in := b.in
	tb := &TrialBalance{From: in.From, To: in.To, Currency: in.Base, Total: TBRow{Account: "total"}, Expanded: slices.Sorted(func(yield func(ledger.AccountCode) bool) {
		for c := range b.expanded {
			if !yield(c) {
				return
			}
		}
	})}
	tb.Rows = make([]TBRow, 0, b.rowsHint+len(b.accounts))
	codes := make([]ledger.AccountCode, 0, len(b.accounts))
	for code, n := range b.accounts {
		r := &n.row
		if a := in.Chart[code]; a != nil {
			r.Name, r.Group, r.OffBalance = a.Names, a.Group, a.OffBalance()
			r.Depth = depthOf(in.Chart, a)
		}
		if r.Depth == 0 && !r.OffBalance {
			if err := tb.Total.Amounts.Add(r.Amounts); err != nil {
				return nil, ledger.Errorf(ledger.EInvalid, "trial balance out of range")
			}
		}
		codes = append(codes, code)
	}
	b.markExpandable()
	slices.SortFunc(codes, func(x, y ledger.AccountCode) int {
		a, c := b.accounts[x].row.OffBalance, b.accounts[y].row.OffBalance
		if a != c {
			if a {
				return 1
			}
			return -1
		}
		return cmp.Compare(x, y)
	})
	for _, code := range codes {
		n := b.accounts[code]
		n.row.Expanded = b.expanded[code] && len(n.children) > 0
		b.emit(tb, n, n.row.Depth)
	}
	return tb, nil
}

// markExpandable marks each account row that keeps analytics, and its
// ancestors.
func (b *tbBuilder) markExpandable() {
	for code, n := range b.accounts {
		a := b.in.Chart[code]
		if a == nil || a.Group || len(a.Analytics) == 0 {
			continue
		}
		n.row.Expandable = true
		for p, i := a.Parent, 0; p != "" && i < 64; i++ {
			pn := b.accounts[p]
			if pn == nil {
				break
			}
			pn.row.Expandable = true
			pa := b.in.Chart[p]
			if pa == nil {
				break
			}
			p = pa.Parent
		}
	}
}

// emit appends a row and, depth first, the rows below it: analytics by
// their catalog code, currencies by code. A node with one currency row
// below it and nothing else shows that currency itself.
func (b *tbBuilder) emit(tb *TrialBalance, n *tbNode, depth int) {
	r := n.row
	r.Depth = depth
	if n.curMixed {
		r.Currency, r.Cur = "", Amounts{}
	}
	kids := make([]*tbNode, 0, len(n.children))
	for _, c := range n.children {
		kids = append(kids, c)
	}
	if len(kids) == 1 && kids[0].row.CurrencyRow {
		kids = nil // the row shows its one currency itself
	}
	if r.Level > 0 && !r.CurrencyRow {
		id := r.Analytics[r.Level-1]
		a, ok := b.in.Analytics[id]
		r.Name, r.Code = a.Names, a.Code
		if !ok && id != 0 {
			r.Code = "#" + strconv.FormatInt(int64(id), 10)
		}
	}
	if len(kids) > 0 {
		r.Group = true
	}
	tb.Rows = append(tb.Rows, r)
	for _, c := range kids {
		if !c.row.CurrencyRow {
			c.sortCode = b.in.Analytics[c.key()].Code
		}
	}
	slices.SortFunc(kids, func(x, y *tbNode) int {
		if x.row.CurrencyRow || y.row.CurrencyRow {
			return cmp.Compare(x.row.Currency, y.row.Currency)
		}
		xk, yk := x.key(), y.key()
		if xk == 0 || yk == 0 { // postings without the analytic first
			return cmp.Compare(xk, yk)
		}
		if c := cmp.Compare(x.sortCode, y.sortCode); c != 0 {
			return c
		}
		return cmp.Compare(xk, yk)
	})
	for _, c := range kids {
		b.emit(tb, c, depth+1)
	}
}

// key is the analytic a row below an account stands for (0 for a currency
// row or none).
func (n *tbNode) key() ledger.AnalyticID {
	if n.row.Level == 0 || n.row.CurrencyRow {
		return 0
	}
	return n.row.Analytics[n.row.Level-1]
}

func depthOf(chart ledger.Chart, a *ledger.Account) int {
	d := 0
	for a.Parent != "" && d < 64 {
		p := chart[a.Parent]
		if p == nil {
			d++ // the missing parent got a row of its own
			break
		}
		a, d = p, d+1
	}
	return d
}
