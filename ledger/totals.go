package ledger

import (
	"cmp"
	"slices"

	"hasap/money"
)

// TotalKey names one row of the totals: an account with its analytics, a
// currency ("" for amounts kept only in the base currency) and a month
// (YYYYMM).
type TotalKey struct {
	Account   AccountCode
	Analytics [MaxAnalytics]AnalyticID
	Currency  string
	Month     int
}

// Turnover is what a totals row accumulates: debit and credit turnover in
// base money, in the row's currency and in quantity.
type Turnover struct {
	Debit, Credit       money.Amount
	DebitCur, CreditCur money.Amount
	DebitQty, CreditQty Quantity
}

// IsZero reports whether every field is zero.
func (t Turnover) IsZero() bool { return t == Turnover{} }

// Add returns t+u field by field, or an overflow error.
func (t Turnover) Add(u Turnover) (Turnover, error) {
	var r Turnover
	var err error
	pairs := []struct {
		dst  *money.Amount
		a, b money.Amount
	}{
		{&r.Debit, t.Debit, u.Debit}, {&r.Credit, t.Credit, u.Credit},
		{&r.DebitCur, t.DebitCur, u.DebitCur}, {&r.CreditCur, t.CreditCur, u.CreditCur},
		{(*money.Amount)(&r.DebitQty), money.Amount(t.DebitQty), money.Amount(u.DebitQty)},
		{(*money.Amount)(&r.CreditQty), money.Amount(t.CreditQty), money.Amount(u.CreditQty)},
	}
	for _, p := range pairs {
		if *p.dst, err = money.Add(p.a, p.b); err != nil {
			return Turnover{}, Errorf(EInvalid, "turnover out of range")
		}
	}
	return r, nil
}

// Totals accumulates turnover by key. It is what the store keeps, what
// verify recomputes from postings, and what reports read.
type Totals map[TotalKey]Turnover

// AddEntry adds the turnover of every posting of e.
func (t Totals) AddEntry(e *Entry) error {
	month := e.Date.Month()
	for i := range e.Postings {
		p := &e.Postings[i]
		if p.Debit.Account != "" {
			k := TotalKey{p.Debit.Account, p.Debit.Analytics, p.Debit.Currency, month}
			if err := t.add(k, Turnover{Debit: p.Amount, DebitCur: p.Debit.CurAmount, DebitQty: p.Debit.Qty}); err != nil {
				return err
			}
		}
		if p.Credit.Account != "" {
			k := TotalKey{p.Credit.Account, p.Credit.Analytics, p.Credit.Currency, month}
			if err := t.add(k, Turnover{Credit: p.Amount, CreditCur: p.Credit.CurAmount, CreditQty: p.Credit.Qty}); err != nil {
				return err
			}
		}
	}
	return nil
}

func (t Totals) add(k TotalKey, u Turnover) error {
	sum, err := t[k].Add(u)
	if err != nil {
		return err
	}
	t[k] = sum
	return nil
}

// TotalRow is one row of Totals, for sorted iteration.
type TotalRow struct {
	Key TotalKey
	Turnover
}

// Rows returns the totals sorted by key.
func (t Totals) Rows() []TotalRow {
	rows := make([]TotalRow, 0, len(t))
	for k, v := range t {
		rows = append(rows, TotalRow{k, v})
	}
	slices.SortFunc(rows, func(a, b TotalRow) int { return CompareKeys(a.Key, b.Key) })
	return rows
}

// CompareKeys orders total keys by account, analytics, currency, month.
func CompareKeys(a, b TotalKey) int {
	if c := cmp.Compare(a.Account, b.Account); c != 0 {
		return c
	}
	for i := range a.Analytics {
		if c := cmp.Compare(a.Analytics[i], b.Analytics[i]); c != 0 {
			return c
		}
	}
	if c := cmp.Compare(a.Currency, b.Currency); c != 0 {
		return c
	}
	return cmp.Compare(a.Month, b.Month)
}

// DayKey names one row of the per-day account totals, which let reports cut
// a period mid-month without reading postings.
type DayKey struct {
	Account  AccountCode
	Currency string
	Day      Date
}

// DayTotals accumulates turnover per account, currency and day.
type DayTotals map[DayKey]Turnover

// AddEntry adds the turnover of every posting of e.
func (t DayTotals) AddEntry(e *Entry) error {
	for i := range e.Postings {
		p := &e.Postings[i]
		if p.Debit.Account != "" {
			k := DayKey{p.Debit.Account, p.Debit.Currency, e.Date}
			sum, err := t[k].Add(Turnover{Debit: p.Amount, DebitCur: p.Debit.CurAmount, DebitQty: p.Debit.Qty})
			if err != nil {
				return err
			}
			t[k] = sum
		}
		if p.Credit.Account != "" {
			k := DayKey{p.Credit.Account, p.Credit.Currency, e.Date}
			sum, err := t[k].Add(Turnover{Credit: p.Amount, CreditCur: p.Credit.CurAmount, CreditQty: p.Credit.Qty})
			if err != nil {
				return err
			}
			t[k] = sum
		}
	}
	return nil
}

// Derived is everything kept beside the postings and derived from them: the
// monthly totals with analytics, the per-day account totals and the
// monthly correspondence totals.
type Derived struct {
	Totals Totals
	Days   DayTotals
	Corr   CorrTotals
}

// NewDerived returns empty derived totals.
func NewDerived() *Derived { return &Derived{Totals: Totals{}, Days: DayTotals{}, Corr: CorrTotals{}} }

// AddEntry adds e to all three.
func (d *Derived) AddEntry(e *Entry) error {
	if err := d.Totals.AddEntry(e); err != nil {
		return err
	}
	if err := d.Corr.AddEntry(e); err != nil {
		return err
	}
	return d.Days.AddEntry(e)
}

// AccountTurnover is turnover summed over a period for one account and
// currency ("" for amounts kept only in the base currency).
type AccountTurnover struct {
	Account  AccountCode
	Currency string
	Turnover
}

// AnalyticKey names a key of the totals without its month: an account with
// its analytics and currency ("" for amounts kept only in the base
// currency).
type AnalyticKey struct {
	Account   AccountCode
	Analytics [MaxAnalytics]AnalyticID
	Currency  string
}

// AnalyticTurnover is one key's turnover before a period (Opening) and
// within it (Period): what the trial balance expanded by analytics and the
// analysis by an analytic are built from.
type AnalyticTurnover struct {
	AnalyticKey
	Opening, Period Turnover
}
