package settle

import (
	"sort"

	"hasap/ledger"
	"hasap/money"
)

// Act is the reconciliation act (akt sverki) of one counterparty for a
// period: the balance of its settlement accounts at the start, one line per
// document of the period with our debit and credit, the turnover and the
// balance at the end. Balances are debit balances: positive, the
// counterparty owes us; negative, we owe it.
type Act struct {
	From, To      ledger.Date
	Opening       money.Amount
	Lines         []ActLine
	Debit, Credit money.Amount // the turnover of the period: the sums of the lines
	Closing       money.Amount
}

// ActLine is what one document (or one entry without a document) did to
// the counterparty's settlement accounts within the period. A storno in
// the period of a document posted before it makes a negative amount.
type ActLine struct {
	Ref         string // as Item.Ref
	Document    string
	DocID       int64
	Description string
	Date        ledger.Date // of its latest movement that is not a storno (or of its latest)
	Seq         int64
	Debit       money.Amount
	Credit      money.Amount
}

// Reconcile makes the act of the period from ≤ date ≤ to (from may be
// ledger.NoDate for the beginning, to for no end) out of the movements
// of one counterparty (all its settlement accounts and contracts, or the
// movements of one contract for a contract's act). Lines are ordered by
// date, entry and Ref; a document whose movements in the period net to
// nothing on both sides (posted and unposted within it) has no line.
func Reconcile(ms []Movement, from, to ledger.Date) (Act, error) {
	if len(ms) > MaxMovements {
		return Act{}, ledger.Errorf(ledger.EInvalid, "more than %d settlement movements", MaxMovements)
	}
	act := Act{From: from, To: to}
	lines := map[string]*actAcc{}
	for i := range ms {
		m := &ms[i]
		if m.Counterparty != ms[0].Counterparty {
			return Act{}, ledger.Errorf(ledger.EInvalid, "a reconciliation act is of one counterparty")
		}
		if to != ledger.NoDate && m.Date > to {
			continue
		}
		signed := m.Amount
		if !m.Debit {
			var err error
			if signed, err = money.Neg(m.Amount); err != nil {
				return Act{}, errRange
			}
		}
		if from != ledger.NoDate && m.Date < from {
			var err error
			if act.Opening, err = money.Add(act.Opening, signed); err != nil {
				return Act{}, errRange
			}
			continue
		}
		ref := refOf(m)
		a := lines[ref]
		if a == nil {
			a = &actAcc{}
			lines[ref] = a
		}
		if err := a.add(m); err != nil {
			return Act{}, err
		}
	}
	for ref, a := range lines {
		if a.dt == 0 && a.kt == 0 {
			continue
		}
		m := a.last
		if a.lastPos != nil {
			m = a.lastPos
		}
		act.Lines = append(act.Lines, ActLine{Ref: ref, Document: m.Document, DocID: a.docID, Description: m.Description,
			Date: m.Date, Seq: m.Seq, Debit: a.dt, Credit: a.kt})
	}
	sort.Slice(act.Lines, func(i, j int) bool {
		a, b := act.Lines[i], act.Lines[j]
		switch {
		case a.Date != b.Date:
			return a.Date < b.Date
		case a.Seq != b.Seq:
			return a.Seq < b.Seq
		}
		return a.Ref < b.Ref
	})
	var err error
	for _, l := range act.Lines {
		if act.Debit, err = money.Add(act.Debit, l.Debit); err != nil {
			return Act{}, errRange
		}
		if act.Credit, err = money.Add(act.Credit, l.Credit); err != nil {
			return Act{}, errRange
		}
	}
	if act.Closing, err = money.Add(act.Opening, act.Debit); err != nil {
		return Act{}, errRange
	}
	if act.Closing, err = money.Sub(act.Closing, act.Credit); err != nil {
		return Act{}, errRange
	}
	return act, nil
}

// actAcc gathers the movements of one line of an act.
type actAcc struct {
	dt, kt        money.Amount
	last, lastPos *Movement // the latest movement, the latest that is not a storno
	docID         int64
}

func (a *actAcc) add(m *Movement) error {
	var err error
	if m.Debit {
		a.dt, err = money.Add(a.dt, m.Amount)
	} else {
		a.kt, err = money.Add(a.kt, m.Amount)
	}
	if err != nil {
		return errRange
	}
	if a.last == nil || later(m, a.last) {
		a.last = m
	}
	if m.Amount > 0 && (a.lastPos == nil || later(m, a.lastPos)) {
		a.lastPos = m
	}
	a.docID = max(a.docID, m.DocID)
	return nil
}

// InFavourOf says whom a balance favours: the organisation when the
// counterparty owes it (balance > 0), the counterparty when the
// organisation owes it (< 0), nobody when it is zero. The act's closing
// sentence is "balance in favour of …".
func InFavourOf(balance money.Amount) Favour {
	switch {
	case balance > 0:
		return FavourUs
	case balance < 0:
		return FavourCounterparty
	}
	return FavourNobody
}

// Favour is whom a balance favours.
type Favour int

// The answers of InFavourOf.
const (
	FavourNobody Favour = iota
	FavourUs
	FavourCounterparty
)
