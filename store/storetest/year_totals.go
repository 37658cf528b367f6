package storetest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"hasap/ledger"
	"hasap/store"
)

// checkYearSums fails unless the stored year totals and account months
// equal the monthly totals of want summed here per year and per account
// month (a zero row is the same as no row).
func checkYearSums(t *testing.T, s store.Store, org ledger.OrgID, want ledger.Totals) {
	t.Helper()
	wantY, wantM := ledger.YearTotals{}, ledger.AccountMonths{}
	for k, v := range want {
		y := ledger.YearKey{Account: k.Account, Analytics: k.Analytics, Currency: k.Currency, Year: k.Month / 100}
		m := ledger.AccountMonthKey{Account: k.Account, Currency: k.Currency, Month: k.Month}
		var err error
		wantY[y], err = wantY[y].Add(v)
		ok(t, err, "model of the year totals")
		wantM[m], err = wantM[m].Add(v)
		ok(t, err, "model of the account months")
	}
	years, err := s.YearTotals(t.Context(), org)
	ok(t, err, "year totals")
	if got, want := nonZero(years), nonZero(wantY); !reflect.DeepEqual(got, want) {
		t.Fatalf("stored year totals differ from the postings:\n got  %v\n want %v", got, want)
	}
	months, err := s.AccountMonths(t.Context(), org)
	ok(t, err, "account months")
	if got, want := nonZero(months), nonZero(wantM); !reflect.DeepEqual(got, want) {
		t.Fatalf("stored account months differ from the postings:\n got  %v\n want %v", got, want)
	}
}

func nonZero[K comparable](m map[K]ledger.Turnover) map[K]ledger.Turnover {
	out := map[K]ledger.Turnover{}
	for k, v := range m {
		if !v.IsZero() {
			out[k] = v
		}
	}
	return out
}

// testYearTotals holds the readers that take whole years from the year
// totals (AnalyticTurnovers, AnalyticsOpening) to a scan of the postings,
// on books over four calendar years, for periods of whole years, starting
// or ending mid-year and mid-month, open at either end; then again after
// entries are posted into an earlier year whose year rows already exist.
func testYearTotals(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	f := newFixture(t, s, "years")
	o := newFixture(t, s, "other")
	r := rand.New(rand.NewPCG(18, 18))
	f.first, f.last = ledger.DateOf(2023, 3, 15), ledger.DateOf(2026, 2, 10)
	randomBooks(t, o, r, 20)
	posted := randomBooks(t, f, r, 160)
	d := ledger.DateOf
	no := ledger.NoDate
	periods := [][2]ledger.Date{
		{no, no},
		{d(2024, 1, 1), d(2024, 12, 31)},   // a whole year
		{d(2023, 1, 1), d(2025, 12, 31)},   // whole years
		{d(2024, 7, 1), d(2025, 6, 30)},    // whole months across a year end
		{d(2024, 3, 17), d(2025, 11, 8)},   // mid-month at both ends, a whole year between
		{d(2024, 12, 15), d(2025, 1, 20)},  // mid-month across a year end
		{d(2025, 1, 1), no},                // open end from a year start
		{d(2025, 5, 9), no},                // open end from mid-month
		{no, d(2024, 12, 31)},              // open start to a year end
		{no, d(2024, 12, 15)},              // open start to mid-December
		{no, d(2025, 6, 30)},               // open start to mid-year
		{d(2025, 1, 10), d(2025, 1, 20)},   // part of January
		{d(2025, 12, 31), d(2025, 12, 31)}, // one day
		{d(2024, 1, 1), d(2026, 12, 31)},   // to a year not yet over
		{d(2026, 1, 1), d(2026, 12, 31)},   // the last year
		{d(2022, 1, 1), d(2022, 12, 31)},   // a year before the books
		{d(2024, 2, 1), d(2024, 2, 29)},    // a month
		{d(2024, 2, 1), d(2025, 12, 31)},   // from February: one whole year
		{d(2024, 1, 1), d(2025, 11, 30)},   // to November: one whole year
		{d(2025, 3, 1), d(2025, 2, 28)},    // from after to
		{randomDate(r, f.first, f.last), randomDate(r, f.last, f.last+400)}, // random
	}
	filters := []store.AnalyticFilter{
		{Under: "62"},
		{Under: "41"},
		{Accounts: []ledger.AccountCode{"52", "51", "002"}},
		{Analytic: f.buyer},
		{Accounts: []ledger.AccountCode{"41.01"}, Analytic: f.item1},
	}
	check := func(stage string, posted []ledger.Entry) {
		t.Helper()
		checkTotals(t, s, f.org.ID, derive(t, posted))
		ok(t, Verify(t.Context(), s, f.org.ID), stage+": verify")
		for _, fl := range filters {
			for _, per := range periods {
				fl.From, fl.To = per[0], per[1]
				fl.Limit = 0
				fl.After = nil
				checkAnalyticTurnovers(t, s, f, posted, fl, r, stage)
			}
		}
		dates := []ledger.Date{d(2024, 1, 1), d(2025, 1, 1), d(2024, 7, 1), d(2025, 3, 17), d(2024, 12, 31), d(2026, 1, 2), d(2030, 1, 1), d(2023, 1, 1)}
		for _, acc := range []ledger.AccountCode{"41.01", "62.01", "51", "52"} {
			for _, date := range dates {
				for _, match := range [][ledger.MaxAnalytics]ledger.AnalyticID{{}, {f.buyer}, {0, f.wh}} {
					want := modelAnalyticsOpening(t, posted, acc, date, match)
					got, err := s.AnalyticsOpening(t.Context(), f.org.ID, acc, date, match)
					ok(t, err, "AnalyticsOpening")
					if got := nonZero(got); !reflect.DeepEqual(got, want) {
						t.Fatalf("%s: AnalyticsOpening(%s, %s, %v):\n got  %v\n want %v", stage, acc, date, match, got, want)
					}
				}
			}
		}
	}
	check("first books", posted)
	// Year rows of 2023 and 2024 exist; post into them again.
	var late []ledger.Entry
	for range 30 {
		late = append(late, f.randomEntry(r, randomDate(r, d(2023, 3, 15), d(2024, 12, 31))))
	}
	posted = append(posted, f.post(late...)...)
	check("after posting into earlier years", posted)
}

// checkAnalyticTurnovers compares AnalyticTurnovers with the model, whole
// and page by page.
func checkAnalyticTurnovers(t *testing.T, s Store, f *fixture, posted []ledger.Entry, fl store.AnalyticFilter, r *rand.Rand, stage string) {
	t.Helper()
	ctx := context.Background()
	want := modelAnalyticTurnovers(t, posted, fl, f)
	all, err := s.AnalyticTurnovers(ctx, f.org.ID, fl)
	ok(t, err, "AnalyticTurnovers")
	what := fmt.Sprintf("%s: AnalyticTurnovers(%+v)", stage, fl)
	if got := nonZeroTurnovers(all); !reflect.DeepEqual(got, want) {
		t.Fatalf("%s:\n got  %v\n want %v", what, got, want)
	}
	checkPaged(t, s, f.org.ID, fl, 1+r.IntN(5), all, what)
}

// checkPaged reads AnalyticTurnovers of fl in pages of limit keys, each
// page after the last key of the one before, and checks that they give
// all, what AnalyticTurnovers of fl gives in one call.
func checkPaged(t *testing.T, s Store, org ledger.OrgID, fl store.AnalyticFilter, limit int, all []store.AnalyticTurnover, what string) {
	t.Helper()
	fl.Limit = limit
	var paged []store.AnalyticTurnover
	for n := 0; ; n++ {
		page, err := s.AnalyticTurnovers(t.Context(), org, fl)
		ok(t, err, "a page")
		if len(page) > fl.Limit || n > 1000 {
			t.Fatalf("%s: page of %d rows for limit %d", what, len(page), fl.Limit)
		}
		paged = append(paged, page...)
		if len(page) < fl.Limit {
			break
		}
		last := page[len(page)-1].AnalyticKey
		fl.After = &last
	}
	if !reflect.DeepEqual(paged, all) {
		t.Fatalf("%s: pages of %d give\n %v\n whole\n %v", what, fl.Limit, paged, all)
	}
}

// modelAnalyticsOpening scans the entries for an account's turnover before
// date per analytics carrying match (zero sums left out).
func modelAnalyticsOpening(t *testing.T, posted []ledger.Entry, acc ledger.AccountCode, date ledger.Date, match [ledger.MaxAnalytics]ledger.AnalyticID) map[[ledger.MaxAnalytics]ledger.AnalyticID]ledger.Turnover {
	want := map[[ledger.MaxAnalytics]ledger.AnalyticID]ledger.Turnover{}
	for _, e := range posted {
		if e.Date >= date {
			continue
		}
		for _, p := range e.Postings {
			for _, sd := range []struct {
				side  ledger.Side
				debit bool
			}{{p.Debit, true}, {p.Credit, false}} {
				if sd.side.Account != acc || !matches(sd.side.Analytics, match) {
					continue
				}
				u := ledger.Turnover{Credit: p.Amount, CreditCur: sd.side.CurAmount, CreditQty: sd.side.Qty}
				if sd.debit {
					u = ledger.Turnover{Debit: p.Amount, DebitCur: sd.side.CurAmount, DebitQty: sd.side.Qty}
				}
				sum, err := want[sd.side.Analytics].Add(u)
				ok(t, err, "model")
				want[sd.side.Analytics] = sum
			}
		}
	}
	return nonZero(want)
}

// testYearTotalsBackfill plays a database that had postings before
// migration 0018: the tables are dropped and the migration run again,
// which must fill them from the totals as the poster would have.
func testYearTotalsBackfill(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	m, isMigrator := s.(interface{ Migrate(context.Context) error })
	if !isMigrator {
		t.Skip("the store cannot migrate")
	}
	f := newFixture(t, s, "backfill")
	o := newFixture(t, s, "other")
	r := rand.New(rand.NewPCG(18, 19))
	f.first = ledger.DateOf(2023, 6, 1)
	randomBooks(t, o, r, 15)
	posted := randomBooks(t, f, r, 60)
	want := derive(t, posted)
	checkTotals(t, s, f.org.ID, want)
	exec(t, s, "DROP TABLE year_totals", "DROP TABLE account_months", "DELETE FROM schema_migrations WHERE version = 18")
	ok(t, m.Migrate(t.Context()), "migrate again")
	checkTotals(t, s, f.org.ID, want)
	ok(t, Verify(t.Context(), s, f.org.ID), fmt.Sprintf("verify after the backfill of %d entries", len(posted)))
	ok(t, Verify(t.Context(), s, o.org.ID), "the other organisation verifies after the backfill")
	// and the poster adds to the backfilled rows
	posted = append(posted, randomBooks(t, f, r, 20)...)
	checkTotals(t, s, f.org.ID, derive(t, posted))
}
