package ledger

import (
	"cmp"
	"fmt"
	"slices"

	"hasap/money"
)

// CorrKey names one row of the correspondence totals: the month (YYYYMM)
// and the two accounts of a posting. A single-sided posting (an
// off-balance account) has "" on its other side.
type CorrKey struct {
	Month         int
	Debit, Credit AccountCode
}

// CorrTotals accumulates the base-currency amount of the postings per month
// and correspondence (Dt account × Kt account): what the chessboard and the
// account analysis read. Currency amounts and quantities are not kept:
// they belong to one account, not to a pair, and the account totals have
// them.
type CorrTotals map[CorrKey]money.Amount

// AddEntry adds the amount of every posting of e to its correspondence.
func (t CorrTotals) AddEntry(e *Entry) error {
	month := e.Date.Month()
	for i := range e.Postings {
		p := &e.Postings[i]
		k := CorrKey{month, p.Debit.Account, p.Credit.Account}
		sum, err := money.Add(t[k], p.Amount)
		if err != nil {
			return Errorf(EInvalid, "turnover of %s × %s out of range", p.Debit.Account, p.Credit.Account)
		}
		t[k] = sum
	}
	return nil
}

// CorrRow is one row of CorrTotals, for sorted iteration.
type CorrRow struct {
	Key    CorrKey
	Amount money.Amount
}

// Rows returns the totals sorted by key.
func (t CorrTotals) Rows() []CorrRow {
	rows := make([]CorrRow, 0, len(t))
	for k, v := range t {
		rows = append(rows, CorrRow{k, v})
	}
	slices.SortFunc(rows, func(a, b CorrRow) int { return CompareCorrKeys(a.Key, b.Key) })
	return rows
}

// CompareCorrKeys orders correspondence keys by month, debit, credit.
func CompareCorrKeys(a, b CorrKey) int {
	if c := cmp.Compare(a.Month, b.Month); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Debit, b.Debit); c != 0 {
		return c
	}
	return cmp.Compare(a.Credit, b.Credit)
}

// CorrTurnover is the amount of the postings Dt Debit Kt Credit over a
// period.
type CorrTurnover struct {
	Debit, Credit AccountCode
	Amount        money.Amount
}

// CheckCorrTotals compares stored correspondence totals with those
// recomputed from the entries (a stored zero is the same as no row).
func (v *Verifier) CheckCorrTotals(stored []CorrRow) error {
	seen := make(map[CorrKey]bool, len(stored))
	for _, r := range stored {
		seen[r.Key] = true
		if got := v.derived.Corr[r.Key]; got != r.Amount {
			return Errorf(ETampered, "correspondence totals of %s differ from the postings: stored %d, postings give %d (minor units)", describeCorr(r.Key), r.Amount, got)
		}
	}
	for _, r := range v.derived.Corr.Rows() {
		if !seen[r.Key] && r.Amount != 0 {
			return Errorf(ETampered, "correspondence totals of %s are missing: postings give %d (minor units)", describeCorr(r.Key), r.Amount)
		}
	}
	return nil
}

func describeCorr(k CorrKey) string {
	side := func(a AccountCode) string {
		if a == "" {
			return "(none)"
		}
		return string(a)
	}
	return fmt.Sprintf("Dt %s Kt %s, month %d-%02d", side(k.Debit), side(k.Credit), k.Month/100, k.Month%100)
}
