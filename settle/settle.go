// Package settle works out where a counterparty's settlements stand: which
// invoices are not paid yet (open items, with what remains of each), which
// payments are not applied yet (advances received and paid), and the
// reconciliation act (akt sverki) of a period.
//
// # The API
//
//	Settle(ms []Movement) (Result, error)        open items of the movements given
//	Result.Items, Result.Matches                 every item and what settled what
//	Result.Open() []Item                         the open items, oldest first
//	Result.Balances() (map[counterparty]Balance) receivable, payable, advances
//	Sum(items []Item) (Balance, error)           the same for a set of items
//	Reconcile(ms []Movement, from, to) (Act, error)  the reconciliation act
//
// A Movement is one side of one posting on a settlement account (62.xx,
// 60.xx, 76.xx) that carries a counterparty, with its contract, the entry's
// date and sequence, and the document the entry came from (its reference,
// id and BasedOn). Role says how the account is read: Customer (62: a debit
// is a charge, an unapplied credit an advance received), Supplier (60: a
// credit is a charge, an unapplied debit an advance paid) or Other (76: an
// open debit is a receivable, an open credit a payable).
//
// # How items settle
//
// Movements make items: the movements of one document (the entry's
// Document reference, so that a document posted, unposted by its red
// storno and posted again is one item) on one counterparty, role and
// contract are netted into one item on the side of their sum; an entry
// without a document is an item of its own, and its reversal (Reverses)
// nets with it. An item that nets to zero is no item. An item is dated by its
// latest movement in the direction of its sum.
//
// Items of one counterparty, role and contract settle each other in date
// order (then entry sequence): each new item first settles the open items
// of the other side that it was created from or that were created from it
// (a payment whose BasedOn is the invoice it pays), then the oldest open
// items of the other side (FIFO); what remains stays open. So at any time
// the open items of a contract are all on one side, their sum is the
// contract's balance, and an item never settles more than its amount.
// The result depends on the movements, not on the order they are given in.
// A payment dated before the invoice it was created from settles what was
// open on its date, as any other: the invoice did not exist yet.
//
// A bank statement line can be matched by settling the movements with the
// line's would-be movement added: the Matches of that last item say which
// invoices it would pay.
//
// The package imports only the standard library, hasap/ledger and
// hasap/money, and does no I/O.
package settle

import (
	"fmt"
	"sort"
	"strconv"

	"hasap/ledger"
	"hasap/money"
)

// Role is how a settlement account is read.
type Role int

// The roles of settlement accounts.
const (
	Customer Role = iota + 1 // 62: debits charge the customer, credits are its payments
	Supplier                 // 60: credits are the supplier's charges, debits our payments
	Other                    // 76: sundry debtors and creditors
)

// Valid reports whether r is one of the roles.
func (r Role) Valid() bool { return r == Customer || r == Supplier || r == Other }

// Kind is what an item is while it is open.
type Kind string

// The kinds of items.
const (
	Receivable      Kind = "receivable"       // the counterparty owes us: an unpaid sale, a debit of 76
	Payable         Kind = "payable"          // we owe the counterparty: an unpaid purchase, a credit of 76
	AdvanceReceived Kind = "advance_received" // a customer's payment not yet applied to a sale
	AdvancePaid     Kind = "advance_paid"     // our payment to a supplier not yet applied to a purchase
)

// KindOf returns the kind of an item of role r on the debit (debit true)
// or credit side.
func KindOf(r Role, debit bool) Kind {
	switch {
	case r == Customer && !debit:
		return AdvanceReceived
	case r == Supplier && debit:
		return AdvancePaid
	case debit:
		return Receivable
	}
	return Payable
}

// Movement is one side of one posting on a settlement account: the account
// is on the Debit side (or the credit side) of entry Seq's posting Line.
type Movement struct {
	Counterparty ledger.AnalyticID
	Contract     ledger.AnalyticID // 0 when the account keeps none
	Role         Role
	Account      ledger.AccountCode
	Date         ledger.Date
	Seq          int64 // the entry's chain sequence number
	Line         int   // the posting's line in the entry
	Debit        bool
	Amount       money.Amount // base currency; negative for a red storno
	// Document is the entry's document reference ("sales_invoice/2025/12"),
	// "" for an entry typed by hand. DocID and BasedOn are the document's
	// id and the id of the document it was created from, 0 when unknown.
	Document       string
	DocID, BasedOn int64
	Reverses       int64 // the entry's Reverses: the seq of the entry it reverses
	Description    string
}

// Item is what the movements of one document (or one entry without a
// document) on one counterparty, role and contract come to.
type Item struct {
	Counterparty ledger.AnalyticID
	Contract     ledger.AnalyticID
	Role         Role
	// Ref is the document reference, or "entry/<seq>" for an entry without
	// one; it is unique within a counterparty, role and contract.
	Ref            string
	Document       string // the document reference, "" for none
	DocID, BasedOn int64
	Description    string             // the description of its latest movement
	Account        ledger.AccountCode // the account of its latest movement
	Date           ledger.Date        // the date of its latest movement in its direction
	Seq            int64              // that movement's entry
	Debit          bool               // the side of its sum
	Amount         money.Amount       // the sum, > 0
	Open           money.Amount       // what is not settled yet, 0 ≤ Open ≤ Amount
}

// Kind is what the item is while it is open.
func (it Item) Kind() Kind { return KindOf(it.Role, it.Debit) }

// Match says that Amount of item Debit (an index into Result.Items) and
// of item Credit settled each other.
type Match struct {
	Debit, Credit int
	Amount        money.Amount
}

// Result is what Settle worked out. Items are ordered by counterparty,
// role, contract, date, entry sequence and Ref; Matches in the order they
// were made.
type Result struct {
	Items   []Item
	Matches []Match
}

// MaxMovements bounds the movements of one Settle or Reconcile.
const MaxMovements = 5_000_000

// Settle nets the movements into items and settles them. It returns an
// EInvalid error for a movement without a counterparty or a role, and for
// sums out of the int64 range.
func Settle(ms []Movement) (Result, error) {
	items, err := collect(ms)
	if err != nil {
		return Result{}, err
	}
	s := settler{items: items}
	start := 0
	for i := 1; i <= len(items); i++ {
		if i == len(items) || groupOf(items[i]) != groupOf(items[start]) {
			if err := s.group(start, i); err != nil {
				return Result{}, err
			}
			start = i
		}
	}
	return Result{Items: s.items, Matches: s.matches}, nil
}

type group struct {
	cp, contract ledger.AnalyticID
	role         Role
}

func groupOf(it Item) group { return group{it.Counterparty, it.Contract, it.Role} }

type itemKey struct {
	group
	ref string
}

// acc gathers the movements of one item.
type acc struct {
	sum          money.Amount // debit positive
	last         [2]*Movement // the latest movement towards the debit [1] and the credit [0]
	docID, based int64
	desc         string
}

// collect nets the movements into items, sorted.
func collect(ms []Movement) ([]Item, error) {
	if len(ms) > MaxMovements {
		return nil, ledger.Errorf(ledger.EInvalid, "more than %d settlement movements", MaxMovements)
	}
	accs := map[itemKey]*acc{}
	for i := range ms {
		m := &ms[i]
		if m.Counterparty == 0 || !m.Role.Valid() {
			return nil, ledger.Errorf(ledger.EInvalid, "settlement movement of entry %d line %d has no counterparty or role", m.Seq, m.Line)
		}
		k := itemKey{group{m.Counterparty, m.Contract, m.Role}, refOf(m)}
		a := accs[k]
		if a == nil {
			a = &acc{}
			accs[k] = a
		}
		signed := m.Amount
		if !m.Debit {
			var err error
			if signed, err = money.Neg(m.Amount); err != nil {
				return nil, errRange
			}
		}
		var err error
		if a.sum, err = money.Add(a.sum, signed); err != nil {
			return nil, errRange
		}
		dir := 0
		if signed > 0 {
			dir = 1
		}
		if signed != 0 && (a.last[dir] == nil || later(m, a.last[dir])) {
			a.last[dir] = m
		}
		a.docID, a.based = max(a.docID, m.DocID), max(a.based, m.BasedOn)
	}
	items := make([]Item, 0, len(accs))
	for k, a := range accs {
		if a.sum == 0 {
			continue
		}
		it := Item{Counterparty: k.cp, Contract: k.contract, Role: k.role, Ref: k.ref,
			DocID: a.docID, BasedOn: a.based, Debit: a.sum > 0, Amount: a.sum}
		m := a.last[0]
		if it.Debit {
			m = a.last[1]
		} else {
			it.Amount = -a.sum // a.sum > MinInt64: it is a sum of checked negations
		}
		it.Document, it.Description, it.Account, it.Date, it.Seq = m.Document, m.Description, m.Account, m.Date, m.Seq
		it.Open = it.Amount
		items = append(items, it)
	}
	sort.Slice(items, func(i, j int) bool { return before(items[i], items[j]) })
	return items, nil
}

var errRange = ledger.Errorf(ledger.EInvalid, "settlement amounts out of range")

// refOf is the item a movement belongs to: its document, or its entry (the
// entry it reverses for a reversal).
func refOf(m *Movement) string {
	switch {
	case m.Document != "":
		return m.Document
	case m.Reverses != 0:
		return "entry/" + strconv.FormatInt(m.Reverses, 10)
	}
	return "entry/" + strconv.FormatInt(m.Seq, 10)
}

// later orders movements by date, entry and line, debit side last.
func later(a, b *Movement) bool {
	if a.Date != b.Date {
		return a.Date > b.Date
	}
	if a.Seq != b.Seq {
		return a.Seq > b.Seq
	}
	if a.Line != b.Line {
		return a.Line > b.Line
	}
	return a.Debit && !b.Debit
}

// before orders items by group, then date, entry and Ref.
func before(a, b Item) bool {
	switch {
	case a.Counterparty != b.Counterparty:
		return a.Counterparty < b.Counterparty
	case a.Role != b.Role:
		return a.Role < b.Role
	case a.Contract != b.Contract:
		return a.Contract < b.Contract
	case a.Date != b.Date:
		return a.Date < b.Date
	case a.Seq != b.Seq:
		return a.Seq < b.Seq
	}
	return a.Ref < b.Ref
}

type settler struct {
	items   []Item
	matches []Match
}

// group settles items[lo:hi], one counterparty, role and contract.
func (s *settler) group(lo, hi int) error {
	byDoc := map[int64][]int{}   // document id → its items
	byBased := map[int64][]int{} // document id → the items created from it
	var open [2][]int            // the open items of the credit [0] and debit [1] side, oldest first
	for i := lo; i < hi; i++ {
		it := &s.items[i]
		side := 0
		if it.Debit {
			side = 1
		}
		other := &open[1-side]
		for _, j := range s.related(it, byDoc, byBased) {
			if s.items[j].Debit != it.Debit && s.items[j].Open > 0 && it.Open > 0 {
				s.match(i, j)
			}
		}
		for len(*other) > 0 && it.Open > 0 {
			j := (*other)[0]
			if s.items[j].Open > 0 {
				s.match(i, j)
			}
			if s.items[j].Open == 0 {
				*other = (*other)[1:]
			}
		}
		if it.Open > 0 {
			open[side] = append(open[side], i)
		}
		if it.DocID != 0 {
			byDoc[it.DocID] = append(byDoc[it.DocID], i)
		}
		if it.BasedOn != 0 {
			byBased[it.BasedOn] = append(byBased[it.BasedOn], i)
		}
	}
	for i := lo; i < hi; i++ {
		if s.items[i].Open < 0 || s.items[i].Open > s.items[i].Amount {
			return fmt.Errorf("settle: item %s open %d of %d: a bug", s.items[i].Ref, s.items[i].Open, s.items[i].Amount)
		}
	}
	return nil
}

// related returns the earlier items of the group that it was created from
// and that were created from it, in the group's order.
func (s *settler) related(it *Item, byDoc, byBased map[int64][]int) []int {
	var js []int
	if it.BasedOn != 0 {
		js = append(js, byDoc[it.BasedOn]...)
	}
	if it.DocID != 0 {
		js = append(js, byBased[it.DocID]...)
	}
	sort.Ints(js)
	return js
}

// match settles items i and j against each other as far as they go.
func (s *settler) match(i, j int) {
	a, b := &s.items[i], &s.items[j]
	n := min(a.Open, b.Open)
	a.Open -= n
	b.Open -= n
	m := Match{Debit: i, Credit: j, Amount: n}
	if !a.Debit {
		m.Debit, m.Credit = j, i
	}
	s.matches = append(s.matches, m)
}

// Open returns the items not settled in full, in the order of Items.
func (r Result) Open() []Item {
	var out []Item
	for _, it := range r.Items {
		if it.Open > 0 {
			out = append(out, it)
		}
	}
	return out
}

// Balance is where a counterparty's settlements stand: the open items
// summed by kind. All four are ≥ 0.
type Balance struct {
	Receivable, Payable, AdvancesReceived, AdvancesPaid money.Amount
}

// Net is the debit balance of the settlement accounts: what the
// counterparty owes us (negative: what we owe it), Receivable +
// AdvancesPaid − Payable − AdvancesReceived.
func (b Balance) Net() (money.Amount, error) {
	dt, err := money.Add(b.Receivable, b.AdvancesPaid)
	if err != nil {
		return 0, errRange
	}
	kt, err := money.Add(b.Payable, b.AdvancesReceived)
	if err != nil {
		return 0, errRange
	}
	n, err := money.Sub(dt, kt)
	if err != nil {
		return 0, errRange
	}
	return n, nil
}

// Add adds the open remainder of it to b.
func (b *Balance) Add(it Item) error {
	var p *money.Amount
	switch it.Kind() {
	case Receivable:
		p = &b.Receivable
	case Payable:
		p = &b.Payable
	case AdvanceReceived:
		p = &b.AdvancesReceived
	default:
		p = &b.AdvancesPaid
	}
	v, err := money.Add(*p, it.Open)
	if err != nil {
		return errRange
	}
	*p = v
	return nil
}

// Sum sums the open remainders of items by kind.
func Sum(items []Item) (Balance, error) {
	var b Balance
	for _, it := range items {
		if err := b.Add(it); err != nil {
			return Balance{}, err
		}
	}
	return b, nil
}

// Balances sums the open items of each counterparty by kind.
func (r Result) Balances() (map[ledger.AnalyticID]Balance, error) {
	out := map[ledger.AnalyticID]Balance{}
	for _, it := range r.Items {
		b := out[it.Counterparty]
		if err := b.Add(it); err != nil {
			return nil, err
		}
		out[it.Counterparty] = b
	}
	return out, nil
}
