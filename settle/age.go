package settle

import (
	"strconv"
	"strings"

	"hasap/ledger"
	"hasap/money"
)

// DefaultLimits are the upper limits in days of the ageing's buckets but
// the last: 0–30, 31–60, 61–90 and over 90 days.
var DefaultLimits = []int{30, 60, 90}

// MaxBuckets bounds the buckets of an ageing.
const MaxBuckets = 12

// Ageing is where open items stand as of a date: receivables and payables
// summed in buckets by the days since their date, advances (received and
// paid) apart, since they are not owed by anyone's delay.
type Ageing struct {
	AsOf ledger.Date
	// Limits are the upper limits in days of every bucket but the last:
	// bucket 0 is 0…Limits[0] days, bucket i is Limits[i-1]+1…Limits[i],
	// the last is over Limits[len-1].
	Limits              []int
	Items               []AgedItem     // the open items in the order given
	Receivable, Payable []money.Amount // the open remainders per bucket, len(Limits)+1
	AdvancesReceived    money.Amount
	AdvancesPaid        money.Amount
}

// AgedItem is an open item with its age.
type AgedItem struct {
	Item
	Days   int // AsOf − Date; 0 for an item dated after AsOf
	Bucket int // the bucket of a receivable or payable; -1 for an advance
}

// Age buckets the open remainders of items (those with Open > 0) by the
// days between their date and asOf. limits are the buckets' upper limits
// (nil: DefaultLimits): strictly increasing, the first ≥ 0, at most
// MaxBuckets−1 of them; otherwise, and for asOf ledger.NoDate, it is
// EInvalid. An item dated after asOf is 0 days old.
func Age(items []Item, asOf ledger.Date, limits []int) (Ageing, error) {
	if limits == nil {
		limits = DefaultLimits
	}
	if asOf == ledger.NoDate {
		return Ageing{}, ledger.Errorf(ledger.EInvalid, "the ageing needs a date")
	}
	if len(limits) == 0 || len(limits) >= MaxBuckets {
		return Ageing{}, ledger.Errorf(ledger.EInvalid, "an ageing has 2 to %d buckets", MaxBuckets)
	}
	for i, l := range limits {
		if l < 0 || (i > 0 && l <= limits[i-1]) {
			return Ageing{}, ledger.Errorf(ledger.EInvalid, "the limits of the ageing's buckets must grow from 0: %v", limits)
		}
	}
	a := Ageing{AsOf: asOf, Limits: append([]int(nil), limits...),
		Receivable: make([]money.Amount, len(limits)+1), Payable: make([]money.Amount, len(limits)+1)}
	for _, it := range items {
		if it.Open <= 0 {
			continue
		}
		ai := AgedItem{Item: it, Days: max(0, int(asOf-it.Date)), Bucket: -1}
		var sum *money.Amount
		switch it.Kind() {
		case AdvanceReceived:
			sum = &a.AdvancesReceived
		case AdvancePaid:
			sum = &a.AdvancesPaid
		default:
			ai.Bucket = bucketOf(ai.Days, limits)
			sum = &a.Receivable[ai.Bucket]
			if it.Kind() == Payable {
				sum = &a.Payable[ai.Bucket]
			}
		}
		v, err := money.Add(*sum, it.Open)
		if err != nil {
			return Ageing{}, errRange
		}
		*sum = v
		a.Items = append(a.Items, ai)
	}
	return a, nil
}

// bucketOf returns the bucket of an item days old.
func bucketOf(days int, limits []int) int {
	for i, l := range limits {
		if days <= l {
			return i
		}
	}
	return len(limits)
}

// Add adds b's sums to a's, bucket by bucket: the totals of several
// counterparties' ageings with the same limits. Items are not gathered.
func (a *Ageing) Add(b Ageing) error {
	if len(a.Receivable) != len(b.Receivable) {
		return ledger.Errorf(ledger.EInvalid, "ageings of different buckets")
	}
	var err error
	for i := range a.Receivable {
		if a.Receivable[i], err = money.Add(a.Receivable[i], b.Receivable[i]); err != nil {
			return errRange
		}
		if a.Payable[i], err = money.Add(a.Payable[i], b.Payable[i]); err != nil {
			return errRange
		}
	}
	if a.AdvancesReceived, err = money.Add(a.AdvancesReceived, b.AdvancesReceived); err != nil {
		return errRange
	}
	if a.AdvancesPaid, err = money.Add(a.AdvancesPaid, b.AdvancesPaid); err != nil {
		return errRange
	}
	return nil
}

// Total sums one side's buckets (a.Receivable or a.Payable).
func Total(buckets []money.Amount) (money.Amount, error) {
	var t money.Amount
	for _, v := range buckets {
		var err error
		if t, err = money.Add(t, v); err != nil {
			return 0, errRange
		}
	}
	return t, nil
}

// MaxLimitsText bounds the text ParseLimits reads.
const MaxLimitsText = 100

// ParseLimits reads the limits of an ageing's buckets as people type them,
// "30,60,90" (nil for ""). Age checks that they grow.
func ParseLimits(s string) ([]int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	if len(s) > MaxLimitsText {
		s = s[:MaxLimitsText]
	}
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 0 || n > 36600 || len(out) >= MaxBuckets-1 {
			return nil, ledger.Errorf(ledger.EInvalid, "buckets: %q are not days separated by commas", s)
		}
		out = append(out, n)
	}
	return out, nil
}
