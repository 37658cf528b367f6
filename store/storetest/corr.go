package storetest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

// corrBooks posts the small ledger of the correspondence tests:
//
//	2024-11-03  Dt 51    Kt 80     1 000.00  capital
//	2024-11-20  Dt 62.01 Kt 90.01    300.00  sale
//	2024-12-01  Dt 51    Kt 62.01    200.00  payment
//	2024-12-15  Dt 62.01 Kt 90.01     50.00  sale
//	2024-12-15  Dt 62.01 Kt 90.01    −50.00  its red storno
//	2024-12-31  Dt 51    Kt 62.01    100.00  payment
//	2025-01-10  Dt 41.01 Kt 60.01     70.00  purchase
func corrBooks(t *testing.T, f *fixture) {
	t.Helper()
	d := ledger.DateOf
	f.post(
		entry(d(2024, 11, 3), "capital", f.posting(7, 1_000_00, 0, 0)),
		entry(d(2024, 11, 20), "sale", f.posting(1, 300_00, 0, 0)),
		entry(d(2024, 12, 1), "payment", f.posting(0, 200_00, 0, 0)),
	)
	sale := f.post(entry(d(2024, 12, 15), "sale", f.posting(1, 50_00, 0, 0)))
	storno, err := sale[0].Reversal(d(2024, 12, 15), true)
	ok(t, err, "storno")
	f.post(storno,
		entry(d(2024, 12, 31), "payment", f.posting(0, 100_00, 0, 0)),
		entry(d(2025, 1, 10), "purchase", f.posting(3, 70_00, 1_000, 0)))
}

type pairs map[string]money.Amount

func testCorrTurnover(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	f := newFixture(t, s, "corr")
	other := newFixture(t, s, "other")
	other.post(entry(ledger.DateOf(2024, 11, 5), "not ours", other.posting(1, 9_99, 0, 0)))
	corrBooks(t, f)
	d, no := ledger.DateOf, ledger.NoDate
	cases := []struct {
		name     string
		from, to ledger.Date
		account  ledger.AccountCode
		want     pairs
	}{
		{"November, whole", d(2024, 11, 1), d(2024, 11, 30), "", pairs{"51×80": 1_000_00, "62.01×90.01": 300_00}},
		// the sale and its storno cancel out
		{"December, whole", d(2024, 12, 1), d(2024, 12, 31), "", pairs{"51×62.01": 300_00}},
		// 20.11 sale 300.00; 01.12 payment 200.00
		{"two part months", d(2024, 11, 15), d(2024, 12, 10), "", pairs{"62.01×90.01": 300_00, "51×62.01": 200_00}},
		// only the payment of 31.12
		{"part month to its end", d(2024, 12, 2), d(2024, 12, 31), "", pairs{"51×62.01": 100_00}},
		{"one day with a storno", d(2024, 12, 15), d(2024, 12, 15), "", pairs{}},
		{"open start", no, d(2024, 11, 19), "", pairs{"51×80": 1_000_00}},
		{"open end, mid-month", d(2025, 1, 10), no, "", pairs{"41.01×60.01": 70_00}},
		// 62 covers 62.01 on either side: 300.00 + 50.00 − 50.00 sold, 300.00 paid
		{"all time, 62 and below", no, no, "62", pairs{"51×62.01": 300_00, "62.01×90.01": 300_00}},
		{"all time, 60 and below", no, no, "60", pairs{"41.01×60.01": 70_00}},
		{"all time, 62.01 exactly", no, no, "62.01", pairs{"51×62.01": 300_00, "62.01×90.01": 300_00}},
		{"inverted period", d(2025, 1, 1), d(2024, 1, 1), "", pairs{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := s.CorrTurnover(t.Context(), f.org.ID, c.from, c.to, store.CorrFilter{Account: c.account})
			ok(t, err, "corr turnover")
			g := pairs{}
			for i, x := range got {
				if i > 0 && (got[i-1].Debit > x.Debit || got[i-1].Debit == x.Debit && got[i-1].Credit >= x.Credit) {
					t.Fatalf("not sorted: %v before %v", got[i-1], x)
				}
				if x.Amount != 0 {
					g[string(x.Debit)+"×"+string(x.Credit)] = x.Amount
				}
			}
			if !reflect.DeepEqual(g, c.want) {
				t.Fatalf("got %v, want %v", g, c.want)
			}
		})
	}
	// the card of one correspondence: 62.01 against 90 (90.01 is below it)
	// has the sale, the sale of 15.12 and its storno, all on the debit side;
	// against 51, the two payments on the credit side; 51 against 62, the
	// same two on the debit side
	cards := []struct {
		account, corr ledger.AccountCode
		from          ledger.Date
		want          []string
	}{
		{"62.01", "90", no, []string{"2024-11-20 Dt 30000 90.01", "2024-12-15 Dt 5000 90.01", "2024-12-15 Dt -5000 90.01"}},
		{"62.01", "51", no, []string{"2024-12-01 Kt 20000 51", "2024-12-31 Kt 10000 51"}},
		{"51", "62", d(2024, 12, 2), []string{"2024-12-31 Dt 10000 62.01"}},
		{"51", "90", no, nil},
	}
	for _, c := range cards {
		lines, err := s.AccountCard(t.Context(), f.org.ID, c.account, 0, c.corr, c.from, no, no, 0, 0, 10)
		ok(t, err, "card of a correspondence")
		var got []string
		for _, l := range lines {
			side := "Kt"
			if l.Debit {
				side = "Dt"
			}
			got = append(got, fmt.Sprintf("%s %s %d %s", l.Date, side, l.Amount, l.Other.Account))
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("card of %s against %s: %q, want %q", c.account, c.corr, got, c.want)
		}
	}
	if _, err := s.CorrTurnover(t.Context(), 999_999, no, no, store.CorrFilter{Account: "62"}); !ledger.IsCode(err, ledger.ENotFound) {
		t.Fatalf("another organisation's id: %v, want ENotFound", err)
	}
}

// testCorrBackfill plays a database that had postings before migration
// 0015: the table is dropped and the migration run again, which must fill
// it from the postings as the poster would have.
func testCorrBackfill(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	m, isMigrator := s.(interface{ Migrate(context.Context) error })
	if !isMigrator {
		t.Skip("the store cannot migrate")
	}
	f := newFixture(t, s, "backfill")
	r := rand.New(rand.NewPCG(15, 15))
	var es []ledger.Entry
	for i := 0; i < 40; i++ {
		es = append(es, f.randomEntry(r, randomDate(r, ledger.DateOf(2024, 1, 1), ledger.DateOf(2025, 12, 31))))
	}
	posted := f.post(es...)
	want := derive(t, posted)
	checkTotals(t, s, f.org.ID, want)
	exec(t, s, "DROP TABLE corr_totals", "DELETE FROM schema_migrations WHERE version = 15")
	ok(t, m.Migrate(t.Context()), "migrate again")
	checkTotals(t, s, f.org.ID, want)
	ok(t, Verify(t.Context(), s, f.org.ID), fmt.Sprintf("verify after the backfill of %d entries", len(posted)))
}
