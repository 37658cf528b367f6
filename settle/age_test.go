package settle

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"hasap/ledger"
	"hasap/money"
)

func TestAge(t *testing.T) {
	asOf := ledger.DateOf(2025, 6, 30)
	rec := func(y int, m time.Month, d int, open money.Amount) Item {
		return Item{Role: Customer, Debit: true, Date: ledger.DateOf(y, m, d), Amount: open + 1, Open: open}
	}
	items := []Item{
		rec(2025, 6, 20, 100), // 10 days
		rec(2025, 5, 31, 200), // 30 days: the last of 0–30
		rec(2025, 5, 30, 300), // 31 days: the first of 31–60
		rec(2025, 5, 16, 400), // 45 days
		rec(2025, 5, 1, 500),  // 60 days
		rec(2025, 4, 30, 600), // 61 days
		rec(2025, 4, 16, 700), // 75 days
		rec(2025, 4, 1, 800),  // 90 days
		rec(2025, 3, 31, 900), // 91 days
		rec(2025, 3, 2, 1000), // 120 days
		rec(2025, 7, 5, 1100), // after the date: 0 days
		rec(2025, 1, 1, 0),    // settled: left out
		{Role: Supplier, Debit: false, Date: ledger.DateOf(2025, 5, 16), Amount: 50, Open: 50}, // a payable, 45 days
		{Role: Other, Debit: false, Date: ledger.DateOf(2024, 12, 31), Amount: 70, Open: 70},   // a payable of 76, 181 days
		{Role: Customer, Debit: false, Date: ledger.DateOf(2025, 1, 1), Amount: 30, Open: 30},  // an advance received
		{Role: Supplier, Debit: true, Date: ledger.DateOf(2025, 6, 1), Amount: 20, Open: 20},   // an advance paid
		{Role: Other, Debit: true, Date: ledger.DateOf(2025, 6, 30), Amount: 5, Open: 5},       // a receivable of 76, 0 days
	}
	a, err := Age(items, asOf, nil)
	if err != nil {
		t.Fatal(err)
	}
	wantRec := []money.Amount{100 + 200 + 1100 + 5, 300 + 400 + 500, 600 + 700 + 800, 900 + 1000}
	wantPay := []money.Amount{0, 50, 0, 70}
	if !reflect.DeepEqual(a.Receivable, wantRec) || !reflect.DeepEqual(a.Payable, wantPay) {
		t.Errorf("receivable %v payable %v, want %v %v", a.Receivable, a.Payable, wantRec, wantPay)
	}
	if a.AdvancesReceived != 30 || a.AdvancesPaid != 20 {
		t.Errorf("advances %d %d, want 30 20", a.AdvancesReceived, a.AdvancesPaid)
	}
	wantDays := []int{10, 30, 31, 45, 60, 61, 75, 90, 91, 120, 0, 45, 181, 180, 29, 0}
	wantBucket := []int{0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 0, 1, 3, -1, -1, 0}
	if len(a.Items) != len(wantDays) {
		t.Fatalf("%d items, want %d", len(a.Items), len(wantDays))
	}
	for i, it := range a.Items {
		if it.Days != wantDays[i] || it.Bucket != wantBucket[i] {
			t.Errorf("item %d (%s): %d days bucket %d, want %d days bucket %d", i, it.Date, it.Days, it.Bucket, wantDays[i], wantBucket[i])
		}
	}

	// Limits of one's own: 0–7, 8–14, over 14.
	a, err = Age(items[:4], asOf, []int{7, 14})
	if err != nil {
		t.Fatal(err)
	}
	if want := []money.Amount{0, 100, 900}; !reflect.DeepEqual(a.Receivable, want) {
		t.Errorf("limits 7, 14: %v, want %v", a.Receivable, want)
	}
}

func TestAgeRefuses(t *testing.T) {
	asOf := ledger.DateOf(2025, 6, 30)
	for _, limits := range [][]int{{}, {-1, 30}, {30, 30}, {60, 30}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}} {
		if _, err := Age(nil, asOf, limits); !ledger.IsCode(err, ledger.EInvalid) {
			t.Errorf("limits %v: %v, want EInvalid", limits, err)
		}
	}
	if _, err := Age(nil, ledger.NoDate, nil); !ledger.IsCode(err, ledger.EInvalid) {
		t.Errorf("no date: %v, want EInvalid", err)
	}
	big := Item{Role: Customer, Debit: true, Date: asOf, Amount: money.Amount(1 << 62), Open: money.Amount(1 << 62)}
	if _, err := Age([]Item{big, big}, asOf, nil); !ledger.IsCode(err, ledger.EInvalid) {
		t.Errorf("overflow: %v, want EInvalid", err)
	}
}

// TestAgeProperty: on random books, as of a random date, the buckets of
// each side sum to the open items' total of that kind (Sum), every open
// item is aged once, in the bucket its days say, and the totals of the
// counterparties' ageings are the ageing of all items.
func TestAgeProperty(t *testing.T) {
	rnd := newRand(t)
	for range 300 {
		ms := randomBooks(rnd)
		res, err := Settle(ms)
		if err != nil {
			t.Fatal(err)
		}
		asOf := ledger.DateOf(2025, 1, 1) + ledger.Date(rnd.IntN(200))
		limits := [][]int{nil, {7, 14}, {0}, {30, 60, 90, 180, 365}}[rnd.IntN(4)]
		a, err := Age(res.Items, asOf, limits)
		if err != nil {
			t.Fatal(err)
		}
		want, err := Sum(res.Items)
		if err != nil {
			t.Fatal(err)
		}
		rec, _ := Total(a.Receivable)
		pay, _ := Total(a.Payable)
		got := Balance{Receivable: rec, Payable: pay, AdvancesReceived: a.AdvancesReceived, AdvancesPaid: a.AdvancesPaid}
		if got != want {
			t.Fatalf("ageing sums %+v, open items %+v", got, want)
		}
		if len(a.Items) != len(res.Open()) {
			t.Fatalf("%d aged items, %d open", len(a.Items), len(res.Open()))
		}
		l := limits
		if l == nil {
			l = DefaultLimits
		}
		for _, it := range a.Items {
			if it.Days != max(0, int(asOf-it.Date)) {
				t.Fatalf("%s: %d days as of %s", it.Date, it.Days, asOf)
			}
			if it.Bucket == -1 {
				continue
			}
			if (it.Bucket < len(l) && it.Days > l[it.Bucket]) || (it.Bucket > 0 && it.Days <= l[it.Bucket-1]) {
				t.Fatalf("%d days in bucket %d of %v", it.Days, it.Bucket, l)
			}
		}
		byCp := map[ledger.AnalyticID][]Item{}
		for _, it := range res.Items {
			byCp[it.Counterparty] = append(byCp[it.Counterparty], it)
		}
		total, _ := Age(nil, asOf, limits)
		for _, its := range byCp {
			one, err := Age(its, asOf, limits)
			if err != nil {
				t.Fatal(err)
			}
			if err := total.Add(one); err != nil {
				t.Fatal(err)
			}
		}
		a.Items = nil
		if !reflect.DeepEqual(total, a) {
			t.Fatalf("sum of the counterparties' ageings %+v, of all %+v", total, a)
		}
	}
}

func TestParseLimits(t *testing.T) {
	for in, want := range map[string][]int{"": nil, " ": nil, "30,60,90": {30, 60, 90}, " 7, 14 ": {7, 14}, "0": {0}} {
		got, err := ParseLimits(in)
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("ParseLimits(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"a", "30,,60", "-1", "1,2,3,4,5,6,7,8,9,10,11,12", "99999", "30;60"} {
		if _, err := ParseLimits(in); !ledger.IsCode(err, ledger.EInvalid) {
			t.Errorf("ParseLimits(%q): %v, want EInvalid", in, err)
		}
	}
}

// FuzzParseLimits: whatever the text, ParseLimits returns limits Age can
// be asked about (at most MaxBuckets, each a day count) or EInvalid.
func FuzzParseLimits(f *testing.F) {
	for _, s := range []string{"30,60,90", "", "7, 14", "x", "1,2,3,4,5,6,7,8,9,10,11,12"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseLimits(s)
		if err != nil {
			if !ledger.IsCode(err, ledger.EInvalid) {
				t.Fatalf("%q: %v", s, err)
			}
			return
		}
		if len(got) > MaxBuckets {
			t.Fatalf("%q: %d limits", s, len(got))
		}
		for _, n := range got {
			if n < 0 || n > 36600 {
				t.Fatalf("%q: limit %d", s, n)
			}
		}
		if _, err := Age(nil, ledger.DateOf(2025, 1, 1), got); err != nil && !ledger.IsCode(err, ledger.EInvalid) {
			t.Fatalf("%q: Age: %v", s, err)
		}
	})
}
