package ledger

import (
	"cmp"
	"fmt"
	"slices"
)

// The year totals and the account months are the monthly totals summed
// another way, kept beside them so that reports read fewer rows: the year
// totals sum a key's months per calendar year (an opening balance is then
// one row a key and year plus this year's months), the account months sum
// a month's keys over their analytics (the per-account month figures every
// trial balance starts from). Both are derived from the totals, so verify
// derives them from the recomputed totals.

// YearKey names one row of the year totals: a totals key with a year
// instead of a month.
type YearKey struct {
	Account   AccountCode
	Analytics [MaxAnalytics]AnalyticID
	Currency  string
	Year      int
}

// YearTotals accumulates turnover per key and calendar year.
type YearTotals map[YearKey]Turnover

// AccountMonthKey names one row of the account months: an account, a
// currency ("" for amounts kept only in the base currency) and a month
// (YYYYMM), over every analytic.
type AccountMonthKey struct {
	Account  AccountCode
	Currency string
	Month    int
}

// AccountMonths accumulates turnover per account, currency and month.
type AccountMonths map[AccountMonthKey]Turnover

// Years sums t per key and year.
func (t Totals) Years() (YearTotals, error) {
	out := make(YearTotals, len(t)/4+1)
	for k, u := range t {
		y := YearKey{k.Account, k.Analytics, k.Currency, k.Month / 100}
		sum, err := out[y].Add(u)
		if err != nil {
			return nil, err
		}
		out[y] = sum
	}
	return out, nil
}

// AccountMonths sums t per account, currency and month.
func (t Totals) AccountMonths() (AccountMonths, error) {
	out := make(AccountMonths, len(t)/4+1)
	for k, u := range t {
		m := AccountMonthKey{k.Account, k.Currency, k.Month}
		sum, err := out[m].Add(u)
		if err != nil {
			return nil, err
		}
		out[m] = sum
	}
	return out, nil
}

// CheckYearTotals compares stored year totals with those the recomputed
// monthly totals give (a stored zero is the same as no row). The first
// difference in key order is reported.
func (v *Verifier) CheckYearTotals(stored YearTotals) error {
	want, err := v.derived.Totals.Years()
	if err != nil {
		return Errorf(ETampered, "year totals: %s", err)
	}
	keys := make([]YearKey, 0, len(want)+len(stored))
	for k := range want {
		keys = append(keys, k)
	}
	for k := range stored {
		if _, ok := want[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, compareYearKeys)
	for _, k := range keys {
		got, ok := stored[k]
		switch {
		case got == want[k]:
		case !ok:
			return Errorf(ETampered, "year totals of %s are missing: postings give %s", describeYearKey(k), describeTurnover(want[k]))
		default:
			return Errorf(ETampered, "year totals of %s differ from the postings: stored %s, postings give %s", describeYearKey(k), describeTurnover(got), describeTurnover(want[k]))
		}
	}
	return nil
}

// CheckAccountMonths compares stored account months with those the
// recomputed monthly totals give (a stored zero is the same as no row).
func (v *Verifier) CheckAccountMonths(stored AccountMonths) error {
	want, err := v.derived.Totals.AccountMonths()
	if err != nil {
		return Errorf(ETampered, "account month totals: %s", err)
	}
	keys := make([]AccountMonthKey, 0, len(want)+len(stored))
	for k := range want {
		keys = append(keys, k)
	}
	for k := range stored {
		if _, ok := want[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b AccountMonthKey) int {
		return cmp.Or(cmp.Compare(a.Account, b.Account), cmp.Compare(a.Currency, b.Currency), cmp.Compare(a.Month, b.Month))
	})
	for _, k := range keys {
		got, ok := stored[k]
		what := fmt.Sprintf("account %s, month %d-%02d", k.Account, k.Month/100, k.Month%100)
		if k.Currency != "" {
			what += ", currency " + k.Currency
		}
		switch {
		case got == want[k]:
		case !ok:
			return Errorf(ETampered, "account month totals of %s are missing: postings give %s", what, describeTurnover(want[k]))
		default:
			return Errorf(ETampered, "account month totals of %s differ from the postings: stored %s, postings give %s", what, describeTurnover(got), describeTurnover(want[k]))
		}
	}
	return nil
}

func compareYearKeys(a, b YearKey) int {
	if c := cmp.Compare(a.Account, b.Account); c != 0 {
		return c
	}
	for i := range a.Analytics {
		if c := cmp.Compare(a.Analytics[i], b.Analytics[i]); c != 0 {
			return c
		}
	}
	return cmp.Or(cmp.Compare(a.Currency, b.Currency), cmp.Compare(a.Year, b.Year))
}

func describeYearKey(k YearKey) string {
	s := fmt.Sprintf("account %s, year %d", k.Account, k.Year)
	if k.Currency != "" {
		s += ", currency " + k.Currency
	}
	if k.Analytics != [MaxAnalytics]AnalyticID{} {
		s += fmt.Sprintf(", analytics %v", k.Analytics)
	}
	return s
}
