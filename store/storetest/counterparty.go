package storetest

import (
	"cmp"
	"reflect"
	"slices"
	"strings"
	"testing"

	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

// testCounterpartyMovements checks CounterpartyMovements against the
// postings read the slow way: the counterparty in the slot its account keeps
// it in (first on 60.01 and 62.01, second on an account "76.09" made for the
// test), never in another slot, up to a date, in card order, with the
// entry's document and Reverses; and that SQLite reads through the index of
// migration 0013.
func testCounterpartyMovements(t *testing.T, open func(t *testing.T) Store) {
	bb := newBrowseBooks(t, open, 250)
	s, f, ctx := bb.s, bb.f, t.Context()
	ok(t, s.PutAccount(ctx, f.org.ID, ledger.Account{Code: "76.09", Names: ru("Прочие расчёты"), Kind: ledger.ActivePassive,
		Class: ledger.Mixed, Analytics: kinds(ledger.Contract, ledger.Counterparty)}), "PutAccount 76.09")
	// On 76.09 the contract stands first: asked for the contract's id as a
	// counterparty, the store finds it in the list but not in the slot.
	odd := entry(f.last, "прочие", ledger.Posting{Debit: side("76.09", f.sale, f.buyer), Credit: side("76.09", f.purchase, f.supplier), Amount: 5_00})
	odd.Document = "manual/2025/1"
	posted := f.post(odd)
	rev, err := posted[0].Reversal(f.last, true)
	ok(t, err, "reversal")
	f.post(rev)
	all := scanAll(t, s, f.org.ID)
	accounts := []ledger.AccountCode{"62.01", "60.01", "76.09"}
	slot := map[ledger.AccountCode]int{"62.01": 0, "60.01": 0, "76.09": 1}
	for _, cp := range []ledger.AnalyticID{f.buyer, f.supplier, f.sale} {
		for _, to := range []ledger.Date{ledger.NoDate, f.first + 200, f.last} {
			var got []store.CounterpartyMovement
			ok(t, s.CounterpartyMovements(ctx, f.org.ID, cp, accounts, to, func(m store.CounterpartyMovement) error {
				got = append(got, m)
				return nil
			}), "CounterpartyMovements")
			var want []store.CounterpartyMovement
			for _, e := range all {
				if to != ledger.NoDate && e.Date > to {
					continue
				}
				for i, p := range e.Postings {
					l := store.CardLine{Seq: e.Seq, Line: i + 1, Date: e.Date, Year: e.Year, Number: e.Number, Description: e.Description,
						Document: e.Document, Amount: p.Amount}
					for _, sd := range []struct {
						debit       bool
						side, other ledger.Side
					}{{true, p.Debit, p.Credit}, {false, p.Credit, p.Debit}} {
						n, isSettle := slot[sd.side.Account]
						if isSettle && sd.side.Analytics[n] == cp {
							l.Debit, l.Side, l.Other = sd.debit, sd.side, sd.other
							want = append(want, store.CounterpartyMovement{CardLine: l, Reverses: e.Reverses})
						}
					}
				}
			}
			slices.SortStableFunc(want, func(a, b store.CounterpartyMovement) int {
				return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.Seq, b.Seq), cmp.Compare(a.Line, b.Line))
			})
			if cp == f.sale && len(want) != 0 {
				t.Fatalf("a contract is nobody's counterparty, yet %d movements are expected", len(want))
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("CounterpartyMovements(%d, to %s): %d movements, want %d\n got  %+v\n want %+v", cp, to, len(got), len(want), got, want)
			}
			if cp == f.buyer && to == ledger.NoDate {
				var sum money.Amount
				for _, m := range got {
					if m.Side.Account == "76.09" && m.Debit {
						sum += m.Amount
					}
				}
				if sum != 0 || !slices.ContainsFunc(got, func(m store.CounterpartyMovement) bool { return m.Reverses == posted[0].Seq }) {
					t.Fatalf("76.09: the buyer's debit and its storno should both be read, %+v", got)
				}
			}
		}
	}
	err = s.CounterpartyMovements(ctx, f.org.ID, f.buyer, []ledger.AccountCode{"51"}, ledger.NoDate, func(store.CounterpartyMovement) error { return nil })
	if ledger.ErrorCode(err) != ledger.EInvalid {
		t.Errorf("an account without a counterparty: %v", err)
	}
	err = s.CounterpartyMovements(ctx, f.org.ID, f.buyer, []ledger.AccountCode{"99.99"}, ledger.NoDate, func(store.CounterpartyMovement) error { return nil })
	if ledger.ErrorCode(err) != ledger.ENotFound {
		t.Errorf("an account that does not exist: %v", err)
	}
	if dialect(s) == "sqlite" {
		// The plan of the query for 62.01 names the index by first analytic
		// on both sides.
		rows, err := s.Writer().QueryContext(ctx, `EXPLAIN QUERY PLAN SELECT p.seq FROM postings p
			WHERE p.org_id = ? AND p.dt_account = ? AND p.dt_analytics IS NOT NULL AND CAST(p.dt_analytics AS INTEGER) = ? AND p.day <= ?
			UNION ALL SELECT p.seq FROM postings p
			WHERE p.org_id = ? AND p.kt_account = ? AND p.kt_analytics IS NOT NULL AND CAST(p.kt_analytics AS INTEGER) = ? AND p.day <= ?`,
			int64(f.org.ID), "62.01", int64(f.buyer), int64(f.last), int64(f.org.ID), "62.01", int64(f.buyer), int64(f.last))
		ok(t, err, "explain")
		defer rows.Close()
		var plan []string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			ok(t, rows.Scan(&id, &parent, &notused, &detail), "explain row")
			plan = append(plan, detail)
		}
		p := strings.Join(plan, "; ")
		if !strings.Contains(p, "postings_by_dt_first") || !strings.Contains(p, "postings_by_kt_first") {
			t.Errorf("the counterparty's movements are not read through its index: %s", p)
		}
	}
}
