// Command corr times the correspondence reads (store.CorrTurnover) that
// the chessboard and the account analysis make, on an existing database:
// whole months (from the correspondence totals) against part months (from
// the postings of those days), each run -runs times, median and max.
//
//	go run ./bench/corr -db FILE -org bench
//
// The periods are placed in the last year that has postings.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"
	"time"

	"hasap/ledger"
	"hasap/store"
	"hasap/store/open"
)

func main() {
	db := flag.String("db", "", "database (SQLite file or postgres://...)")
	orgCode := flag.String("org", "bench", "organisation code")
	runs := flag.Int("runs", 7, "runs per period")
	year := flag.Int("year", 0, "year of the periods (default: the year of the last entry)")
	flag.Parse()
	if err := run(*db, *orgCode, *runs, *year); err != nil {
		fmt.Fprintln(os.Stderr, "corr:", err)
		os.Exit(1)
	}
}

func run(dsn, orgCode string, runs, year int) error {
	ctx := context.Background()
	s, err := open.Open(ctx, dsn, open.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	org, err := s.OrgByCode(ctx, orgCode)
	if err != nil {
		return err
	}
	if year == 0 {
		h, err := s.Head(ctx, org.ID)
		if err != nil {
			return err
		}
		e, err := s.Entry(ctx, org.ID, h.Seq)
		if err != nil {
			return err
		}
		year = e.Date.Year()
	}
	d := func(m, day int) ledger.Date { return ledger.DateOf(year, time.Month(m), day) }
	periods := []struct {
		name     string
		from, to ledger.Date
		f        store.CorrFilter
	}{
		{"year, whole months", d(1, 1), d(12, 31), store.CorrFilter{}},
		{"one whole month", d(3, 1), d(3, 31), store.CorrFilter{}},
		{"quarter, whole months", d(1, 1), d(3, 31), store.CorrFilter{}},
		{"part month: 1–15 March", d(3, 1), d(3, 15), store.CorrFilter{}},
		{"part month: 1–30 March", d(3, 1), d(3, 30), store.CorrFilter{}},
		{"15 Feb – 14 Apr (two part months)", d(2, 15), d(4, 14), store.CorrFilter{}},
		{"15 Jan – 14 Dec (two part months)", d(1, 15), d(12, 14), store.CorrFilter{}},
	}
	fmt.Printf("| period | pairs | median ms | max ms |\n|---|---:|---:|---:|\n")
	for _, p := range periods {
		var times []time.Duration
		n := 0
		for i := 0; i < runs; i++ {
			start := time.Now()
			got, err := s.CorrTurnover(ctx, org.ID, p.from, p.to, p.f)
			if err != nil {
				return err
			}
			times = append(times, time.Since(start))
			n = len(got)
		}
		slices.Sort(times)
		fmt.Printf("| %s | %d | %.1f | %.1f |\n", p.name, n, ms(times[len(times)/2]), ms(times[len(times)-1]))
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
