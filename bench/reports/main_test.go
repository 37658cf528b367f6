package main

import (
	"context"
	"os"
	"strings"
	"testing"

	"hasap/app"
	"hasap/ledger"
	"hasap/statement"
	"hasap/store/open"
)

// BenchmarkReports runs each report on the books HASAP_BENCH_DB holds (a
// database bench/reports.sh left behind, organisation "bench", made by
// bench/gen -chart cis), in one process with the caches warm, as the web
// server would after its first request:
//
//	HASAP_BENCH_DB=/tmp/hasap-reports-1m/hasap.db go test ./bench/reports -run X -bench . -benchtime 20x
//
// HASAP_BENCH_ACCOUNT names the account of the card (default 62.01).
// Without HASAP_BENCH_DB it is skipped.
func BenchmarkReports(b *testing.B) {
	dsn := os.Getenv("HASAP_BENCH_DB")
	if dsn == "" {
		b.Skip("HASAP_BENCH_DB is not set")
	}
	ctx := context.Background()
	db, err := open.Open(ctx, dsn, open.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	a := app.New(db, "")
	acct := ledger.AccountCode(os.Getenv("HASAP_BENCH_ACCOUNT"))
	if acct == "" {
		acct = "62.01"
	}
	d := ledger.DateOf
	year := query{org: "bench", from: d(2025, 1, 1), to: d(2025, 12, 31)}
	june := query{org: "bench", from: d(2025, 6, 1), to: d(2025, 6, 30), account: acct}
	part := query{org: "bench", from: d(2025, 6, 10), to: d(2025, 6, 20)}
	with := func(q query, f func(*query)) query { f(&q); return q }
	cases := []struct {
		name, report string
		q            query
	}{
		{"balances", "balances", query{org: "bench"}},
		{"tb-year", "tb", year},
		{"tb-part-month", "tb", part},
		{"tb-expanded-62-month", "tb-expanded", with(june, func(q *query) { q.expand = []ledger.AccountCode{"62"} })},
		{"tb-expanded-all-year", "tb-expanded", with(year, func(q *query) { q.all = true })},
		{"tb-expanded-60-62-76-year", "tb-expanded", with(year, func(q *query) { q.expand = []ledger.AccountCode{"60", "62", "76"} })},
		{"tb-expanded-62-mid-year", "tb-expanded", with(query{org: "bench", from: d(2024, 7, 15), to: d(2025, 3, 10)}, func(q *query) { q.expand = []ledger.AccountCode{"62"} })},
		{"card-first-page", "card", june},
		{"general-ledger-year", "general-ledger", year},
		{"pnl-year", "statement", with(year, func(q *query) { q.kind = statement.ProfitLoss })},
		{"pnl-year-vs-prev", "statement", with(year, func(q *query) { q.kind, q.compare = statement.ProfitLoss, statement.ComparePrevYear })},
		{"balance-sheet", "statement", with(year, func(q *query) { q.kind = statement.BalanceSheet })},
		{"ageing-customers-year-end", "ageing", query{org: "bench", to: d(2025, 12, 31)}},
		{"ageing-suppliers-year-end", "ageing-suppliers", query{org: "bench", to: d(2025, 12, 31)}},
		{"ageing-suppliers-mid-june", "ageing-suppliers", query{org: "bench", to: d(2025, 6, 15)}},
	}
	only := os.Getenv("HASAP_BENCH_ONLY")
	for _, c := range cases {
		if only != "" && !strings.Contains(c.name, only) {
			continue
		}
		b.Run(c.name, func(b *testing.B) {
			f := reports[c.report]
			if _, err := f(ctx, a, c.q); err != nil { // warms the caches
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := f(ctx, a, c.q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkColdTrialBalance opens the database afresh for every call and
// reads the trial balance of 2025 once: what a new `hasap report` process
// or the server's first request pays (the per-account month figures are
// loaded from nothing each time).
//
//	HASAP_BENCH_DB=/tmp/hasap-reports-1m/hasap.db go test ./bench/reports -run X -bench Cold -benchtime 10x
func BenchmarkColdTrialBalance(b *testing.B) {
	dsn := os.Getenv("HASAP_BENCH_DB")
	if dsn == "" {
		b.Skip("HASAP_BENCH_DB is not set")
	}
	ctx := context.Background()
	q := query{org: "bench", from: ledger.DateOf(2025, 1, 1), to: ledger.DateOf(2025, 12, 31)}
	for b.Loop() {
		db, err := open.Open(ctx, dsn, open.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := reports["tb"](ctx, app.New(db, ""), q); err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
}

// TestLaterNamesKnownReports: every report bench/reports.sh takes from
// -list names a report this command runs.
func TestLaterNamesKnownReports(t *testing.T) {
	for name, args := range later {
		f := strings.Fields(args)
		if len(f) < 2 || f[0] != "-report" {
			t.Errorf("%s: arguments %q do not start with -report KIND", name, args)
			continue
		}
		if _, ok := reports[f[1]]; !ok {
			t.Errorf("%s: unknown report %q", name, f[1])
		}
		if strings.Contains(name, "|") {
			t.Errorf("%s: a name may not hold |, the separator of -list", name)
		}
	}
}
