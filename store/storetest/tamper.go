package storetest

import (
	"fmt"
	"testing"

	"hasap/ledger"
)

// sqliteTriggers are the immutability triggers of the SQLite migration.
var sqliteTriggers = []string{
	"entries_immutable_update", "entries_immutable_delete",
	"postings_immutable_update", "postings_immutable_delete",
	"idem_keys_immutable_update", "idem_keys_immutable_delete",
}

// dropTriggers plays an attacker with direct database access who first
// removes what makes posted rows immutable.
func dropTriggers(t *testing.T, s Store) {
	t.Helper()
	var stmts []string
	if dialect(s) == "sqlite" {
		for _, name := range sqliteTriggers {
			stmts = append(stmts, "DROP TRIGGER "+name)
		}
	} else {
		for _, table := range []string{"entries", "postings", "idem_keys"} {
			stmts = append(stmts, "ALTER TABLE "+table+" DISABLE TRIGGER USER")
		}
	}
	exec(t, s, stmts...)
}

// tamperSetup is a store with two organisations; the attacks target the
// first, and the second must still verify clean afterwards.
type tamperSetup struct {
	s       Store
	f, o    *fixture
	es      []ledger.Entry
	cp      Checkpoint
	attack  func(stmts ...string)
	orgCond string // "org_id = N" of the target
}

func newTamperSetup(t *testing.T, open func(t *testing.T) Store) *tamperSetup {
	t.Helper()
	s := open(t)
	ts := &tamperSetup{s: s}
	ts.o = newFixture(t, s, "bystander")
	ts.f = newFixture(t, s, "target")
	ts.o.post(entry(ledger.DateOf(2024, 11, 3), "capital", ts.o.posting(7, 5_00, 0, 0)))
	ts.es = tamperBooksPosted(t, ts.f)
	ts.o.post(entry(ledger.DateOf(2025, 2, 3), "sale", ts.o.posting(1, 7_00, 0, 0)))
	h := ts.f.head()
	ts.cp = Checkpoint{h.Seq, h.Hash}
	ts.orgCond = fmt.Sprintf("org_id = %d", ts.f.org.ID)
	ok(t, Verify(t.Context(), s, ts.f.org.ID), "the untouched ledger verifies")
	ok(t, VerifyCheckpoint(t.Context(), s, ts.f.org.ID, ts.cp), "the untouched ledger verifies against its checkpoint")
	dropTriggers(t, s)
	ts.attack = func(stmts ...string) { t.Helper(); exec(t, s, stmts...) }
	return ts
}

// tamperBooksPosted posts a small ledger for the tamper tests and returns
// it sealed: ten entries over two years with analytics, currency, quantities
// and an off-balance account, ending (seq 9, 10) with an entry and its red
// storno on one day. Seq 6 carries an idempotency key.
func tamperBooksPosted(t *testing.T, f *fixture) []ledger.Entry {
	t.Helper()
	d := ledger.DateOf
	es := f.post(
		entry(d(2024, 11, 3), "capital", f.posting(7, 1_000_000_00, 0, 0)),
		entry(d(2024, 11, 5), "purchase", f.posting(3, 400_000_00, 2_000_000, 0), f.posting(6, 48_000_00, 0, 0)),
		entry(d(2024, 12, 1), "sale", f.posting(1, 590_000_00, 0, 0), f.posting(2, 300_000_00, 1_500_000, 0)),
		entry(d(2024, 12, 9), "payment", f.posting(0, 590_000_00, 0, 0)),
	)
	more := []ledger.Entry{
		entry(d(2024, 12, 20), "currency", f.posting(5, 35_000_00, 0, 10_000_00)),
		entry(d(2025, 1, 10), "pay supplier", f.posting(4, 400_000_00, 0, 0)),
		entry(d(2025, 1, 15), "custody", f.posting(8, 0, 750, 0), f.posting(9, 0, 250, 0)),
		entry(d(2025, 2, 1), "conversion", f.posting(10, 3_500_00, 0, 900_00)),
	}
	more[1].IdemKey = "pay-2025-1"
	es = append(es, f.post(more...)...)
	last := entry(d(2025, 2, 14), "wrong sale", f.posting(1, 12_345_00, 0, 0), f.posting(2, 5_000_00, 100, 0))
	es = append(es, f.post(last)...)
	storno, err := es[len(es)-1].Reversal(d(2025, 2, 14), true)
	ok(t, err, "storno")
	return append(es, f.post(storno)...)
}

// copyEntrySQL copies entry from (and its postings) to seq to, changing
// the copy's columns with the SET clause set (on the copy of the entry row).
func copyEntrySQL(org string, from, to int64, set string) []string {
	return []string{
		fmt.Sprintf("CREATE TEMP TABLE forged_e AS SELECT * FROM entries WHERE %s AND seq = %d", org, from),
		fmt.Sprintf("CREATE TEMP TABLE forged_p AS SELECT * FROM postings WHERE %s AND seq = %d", org, from),
		fmt.Sprintf("UPDATE forged_e SET seq = %d, %s", to, set),
		fmt.Sprintf("UPDATE forged_p SET seq = %d", to),
		"INSERT INTO entries SELECT * FROM forged_e",
		"INSERT INTO postings SELECT * FROM forged_p",
		"DROP TABLE forged_e", "DROP TABLE forged_p",
	}
}

// moveSQL gives the entries matching cond (and their postings and keys) the
// seq computed by expr, as an attacker reordering or shifting the chain
// would: rows are set aside, deleted and inserted back, so that no key or
// foreign key is violated on the way.
func moveSQL(org, cond, expr string) []string {
	var stmts []string
	tables := []struct{ table, tmp string }{{"entries", "moved_e"}, {"postings", "moved_p"}, {"idem_keys", "moved_i"}}
	for _, tb := range tables {
		stmts = append(stmts, fmt.Sprintf("CREATE TEMP TABLE %s AS SELECT * FROM %s WHERE %s AND (%s)", tb.tmp, tb.table, org, cond))
	}
	for i := len(tables) - 1; i >= 0; i-- {
		stmts = append(stmts, fmt.Sprintf("DELETE FROM %s WHERE %s AND (%s)", tables[i].table, org, cond))
	}
	for _, tb := range tables {
		stmts = append(stmts,
			fmt.Sprintf("UPDATE %s SET seq = %s", tb.tmp, expr),
			fmt.Sprintf("INSERT INTO %s SELECT * FROM %s", tb.table, tb.tmp),
			"DROP TABLE "+tb.tmp)
	}
	return stmts
}

func testImmutability(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	f := newFixture(t, s, "immut")
	es := tamperBooksPosted(t, f)
	org := fmt.Sprintf("org_id = %d", f.org.ID)
	attempts := []string{
		"UPDATE postings SET amount = amount + 1",
		"UPDATE postings SET amount = amount + 1 WHERE " + org + " AND seq = 2",
		"UPDATE entries SET description = 'x'",
		"UPDATE entries SET description = 'x' WHERE " + org + " AND seq = 1",
		"DELETE FROM postings",
		"DELETE FROM postings WHERE " + org + " AND seq = 3 AND line = 2",
		"DELETE FROM entries",
		"DELETE FROM entries WHERE " + org + " AND seq = 9",
		"UPDATE idem_keys SET seq = 1",
		"DELETE FROM idem_keys",
		// An upsert over an existing posting is an update.
		"INSERT INTO postings SELECT * FROM postings WHERE " + org + " ON CONFLICT (org_id, seq, line) DO UPDATE SET amount = excluded.amount + 1",
	}
	if dialect(s) == "sqlite" {
		// REPLACE deletes the old row; the delete triggers must still fire.
		attempts = append(attempts,
			"INSERT OR REPLACE INTO postings SELECT * FROM postings WHERE "+org,
			"REPLACE INTO idem_keys SELECT * FROM idem_keys WHERE "+org)
	} else {
		attempts = append(attempts, "TRUNCATE entries CASCADE", "TRUNCATE postings")
	}
	for _, q := range attempts {
		if err := execErr(ctx, s, q); err == nil {
			t.Errorf("the database accepted %q; posted rows must be immutable", q)
		}
	}
	sameEntries(t, scanAll(t, s, f.org.ID), es, "entries after the refused changes")
	ok(t, Verify(ctx, s, f.org.ID), "verify")
}

func testTamper(t *testing.T, open func(t *testing.T) Store) {
	type attack struct {
		name string
		run  func(t *testing.T, ts *tamperSetup) error // returns Verify's error
		want []string                                  // patterns the message must match
	}
	verify := func(t *testing.T, ts *tamperSetup) error { return Verify(t.Context(), ts.s, ts.f.org.ID) }
	n := int64(10) // entries in the tamper ledger
	attacks := []attack{
		{"edit posting amount", func(t *testing.T, ts *tamperSetup) error {
			ts.attack("UPDATE postings SET amount = amount + 1 WHERE " + ts.orgCond + " AND seq = 3 AND line = 2")
			return verify(t, ts)
		}, []string{seqPattern(3), "does not match its hash"}},
		{"edit posting quantity", func(t *testing.T, ts *tamperSetup) error {
			ts.attack("UPDATE postings SET detail = replace(detail, 'dq=', 'dq=9') WHERE " + ts.orgCond + " AND seq = 2 AND line = 1")
			return verify(t, ts)
		}, []string{seqPattern(2), "does not match its hash"}},
		{"edit entry description", func(t *testing.T, ts *tamperSetup) error {
			ts.attack("UPDATE entries SET description = 'x' WHERE " + ts.orgCond + " AND seq = 4")
			return verify(t, ts)
		}, []string{seqPattern(4), "does not match its hash"}},
		{"edit entry date", func(t *testing.T, ts *tamperSetup) error {
			ts.attack("UPDATE entries SET day = day + 1 WHERE "+ts.orgCond+" AND seq = 6",
				"UPDATE postings SET day = day + 1 WHERE "+ts.orgCond+" AND seq = 6")
			return verify(t, ts)
		}, []string{seqPattern(6), "does not match its hash"}},
		{"delete one posting", func(t *testing.T, ts *tamperSetup) error {
			ts.attack("DELETE FROM postings WHERE " + ts.orgCond + " AND seq = 7 AND line = 2")
			return verify(t, ts)
		}, []string{seqPattern(7), "does not match its hash"}},
		{"delete an entry in the middle", func(t *testing.T, ts *tamperSetup) error {
			ts.attack(
				"DELETE FROM idem_keys WHERE "+ts.orgCond+" AND seq = 6",
				"DELETE FROM postings WHERE "+ts.orgCond+" AND seq = 6",
				"DELETE FROM entries WHERE "+ts.orgCond+" AND seq = 6")
			return verify(t, ts)
		}, []string{seqPattern(6), "missing"}},
		{"forge an entry at the end", func(t *testing.T, ts *tamperSetup) error {
			ts.attack(copyEntrySQL(ts.orgCond, 3, n+1, fmt.Sprintf(
				"year = 2025, number = 6, description = 'forged', prev_hash = (SELECT hash FROM entries WHERE %s AND seq = %d)", ts.orgCond, n))...)
			return verify(t, ts)
		}, []string{seqPattern(n + 1)}},
		{"forge an entry in the middle", func(t *testing.T, ts *tamperSetup) error {
			stmts := moveSQL(ts.orgCond, "seq >= 5", "seq + 1")
			stmts = append(stmts, copyEntrySQL(ts.orgCond, 6, 5, "number = number + 1000, description = 'forged'")...)
			stmts = append(stmts, fmt.Sprintf("UPDATE chain_heads SET seq = seq + 1 WHERE %s", ts.orgCond))
			ts.attack(stmts...)
			return verify(t, ts)
		}, []string{seqPattern(5)}},
		{"reorder two entries", func(t *testing.T, ts *tamperSetup) error {
			ts.attack(moveSQL(ts.orgCond, "seq IN (3, 6)", "CASE seq WHEN 3 THEN 6 ELSE 3 END")...)
			return verify(t, ts)
		}, []string{seqPattern(3)}},
		{"swap neighbours", func(t *testing.T, ts *tamperSetup) error {
			ts.attack(moveSQL(ts.orgCond, "seq IN (7, 8)", "CASE seq WHEN 7 THEN 8 ELSE 7 END")...)
			return verify(t, ts)
		}, []string{seqPattern(7)}},
		{"delete the tail", func(t *testing.T, ts *tamperSetup) error {
			ts.attack(
				"DELETE FROM postings WHERE "+ts.orgCond+fmt.Sprintf(" AND seq > %d", n-2),
				"DELETE FROM entries WHERE "+ts.orgCond+fmt.Sprintf(" AND seq > %d", n-2))
			return verify(t, ts)
		}, []string{seqPattern(n), "deleted from the tail"}},
		{"truncate the tail and rewrite the head", func(t *testing.T, ts *tamperSetup) error {
			ts.attack(
				"DELETE FROM postings WHERE "+ts.orgCond+fmt.Sprintf(" AND seq > %d", n-2),
				"DELETE FROM entries WHERE "+ts.orgCond+fmt.Sprintf(" AND seq > %d", n-2),
				fmt.Sprintf("UPDATE chain_heads SET seq = %d, hash = (SELECT hash FROM entries WHERE %s AND seq = %d) WHERE %s", n-2, ts.orgCond, n-2, ts.orgCond),
				"UPDATE year_numbers SET last_number = last_number - 2 WHERE "+ts.orgCond+" AND year = 2025")
			// The tail was an entry and its storno: the totals did not move,
			// so only the auditor's checkpoint can tell.
			ok(t, verify(t, ts), "precondition: without a checkpoint the truncation is invisible")
			return VerifyCheckpoint(t.Context(), ts.s, ts.f.org.ID, ts.cp)
		}, []string{seqPattern(n), "checkpoint", "truncated"}},
		{"rewrite history with recomputed hashes", func(t *testing.T, ts *tamperSetup) error {
			rehash(t, ts, 4, func(e *ledger.Entry) { e.Description = "rewritten" })
			ok(t, verify(t, ts), "precondition: a consistent rewrite passes without a checkpoint")
			return VerifyCheckpoint(t.Context(), ts.s, ts.f.org.ID, ts.cp)
		}, []string{seqPattern(n), "checkpoint"}},
		{"rewrite history before a mid-chain checkpoint", func(t *testing.T, ts *tamperSetup) error {
			rehash(t, ts, 2, func(e *ledger.Entry) { e.Document = "rewritten" })
			cp := Checkpoint{5, ts.es[4].Hash}
			return VerifyCheckpoint(t.Context(), ts.s, ts.f.org.ID, cp)
		}, []string{seqPattern(5), "checkpoint"}},
		{"edit the head hash", func(t *testing.T, ts *tamperSetup) error {
			ts.attack(fmt.Sprintf("UPDATE chain_heads SET hash = (SELECT hash FROM entries WHERE %s AND seq = 1) WHERE %s", ts.orgCond, ts.orgCond))
			return verify(t, ts)
		}, []string{seqPattern(n), "head hash"}},
		{"edit a year's last number", func(t *testing.T, ts *tamperSetup) error {
			ts.attack("UPDATE year_numbers SET last_number = last_number + 1 WHERE " + ts.orgCond + " AND year = 2024")
			return verify(t, ts)
		}, []string{"2024"}},
		{"edit a totals row", func(t *testing.T, ts *tamperSetup) error {
			ts.attack("UPDATE totals SET debit = debit + 100 WHERE " + ts.orgCond + " AND account = '51' AND month = 202412")
			return verify(t, ts)
		}, []string{`account 51, month 2024-12\b`}},
		{"edit a totals quantity", func(t *testing.T, ts *tamperSetup) error {
			ts.attack("UPDATE totals SET credit_qty = 0 WHERE " + ts.orgCond + " AND account = '41.01' AND month = 202412")
			return verify(t, ts)
		}, []string{`account 41\.01, month 2024-12\b`}},
		{"delete a totals row", func(t *testing.T, ts *tamperSetup) error {
			ts.attack("DELETE FROM totals WHERE " + ts.orgCond + " AND account = '62.01' AND month = 202412")
			return verify(t, ts)
		}, []string{`account 62\.01, month 2024-12\b`, "missing"}},
		{"add a totals row", func(t *testing.T, ts *tamperSetup) error {
			ts.attack("INSERT INTO totals SELECT org_id, account, a1, a2, a3, currency, 202501, debit, credit, debit_cur, credit_cur, debit_qty, credit_qty FROM totals WHERE " +
				ts.orgCond + " AND account = '80' AND month = 202411")
			return verify(t, ts)
		}, []string{`account 80, month 2025-01\b`}},
		{"edit a day totals row", func(t *testing.T, ts *tamperSetup) error {
			// a digit slipped in front of each day's debit
			ts.attack("UPDATE day_totals SET days = replace(days, ':', ':1') WHERE " + ts.orgCond + " AND account = '90.01'")
			return verify(t, ts)
		}, []string{`day totals of 90\.01`}},
		{"delete a day totals row", func(t *testing.T, ts *tamperSetup) error {
			ts.attack(fmt.Sprintf("DELETE FROM day_totals WHERE %s AND account = '52' AND month = %d", ts.orgCond, 202412))
			return verify(t, ts)
		}, []string{`day totals of 52 USD on 2024-12-\d\d`, "missing"}},
		{"edit a correspondence totals row", func(t *testing.T, ts *tamperSetup) error {
			ts.attack("UPDATE corr_totals SET amount = amount + 100 WHERE " + ts.orgCond + " AND month = 202412 AND dt_account = '62.01' AND kt_account = '90.01'")
			return verify(t, ts)
		}, []string{`correspondence totals of Dt 62\.01 Kt 90\.01, month 2024-12\b`}},
		{"delete a correspondence totals row", func(t *testing.T, ts *tamperSetup) error {
			ts.attack("DELETE FROM corr_totals WHERE " + ts.orgCond + " AND month = 202412 AND dt_account = '51' AND kt_account = '62.01'")
			return verify(t, ts)
		}, []string{`correspondence totals of Dt 51 Kt 62\.01, month 2024-12\b`, "missing"}},
		{"move a turnover to another correspondent", func(t *testing.T, ts *tamperSetup) error {
			// every account's totals still add up: only the pairs tell
			ts.attack("UPDATE corr_totals SET kt_account = '91.01' WHERE " + ts.orgCond + " AND month = 202412 AND dt_account = '62.01' AND kt_account = '90.01'")
			return verify(t, ts)
		}, []string{`correspondence totals of Dt 62\.01 Kt 91\.01, month 2024-12\b`}},
		{"edit a year totals row", func(t *testing.T, ts *tamperSetup) error {
			ts.attack("UPDATE year_totals SET debit = debit + 100 WHERE " + ts.orgCond + " AND account = '51' AND year = 2024")
			return verify(t, ts)
		}, []string{`year totals of account 51, year 2024\b`}},
		{"edit a year totals quantity", func(t *testing.T, ts *tamperSetup) error {
			ts.attack("UPDATE year_totals SET credit_qty = credit_qty + 1 WHERE " + ts.orgCond + " AND account = '41.01' AND year = 2024")
			return verify(t, ts)
		}, []string{`year totals of account 41\.01, year 2024\b`}},
		{"delete a year totals row", func(t *testing.T, ts *tamperSetup) error {
			ts.attack("DELETE FROM year_totals WHERE " + ts.orgCond + " AND account = '62.01' AND year = 2024")
			return verify(t, ts)
		}, []string{`year totals of account 62\.01, year 2024\b`, "missing"}},
		{"add a year totals row", func(t *testing.T, ts *tamperSetup) error {
			ts.attack("INSERT INTO year_totals SELECT org_id, account, a1, a2, a3, currency, 2026, debit, credit, debit_cur, credit_cur, debit_qty, credit_qty FROM year_totals WHERE " +
				ts.orgCond + " AND account = '80' AND year = 2024")
			return verify(t, ts)
		}, []string{`year totals of account 80, year 2026\b`}},
		{"edit an account month row", func(t *testing.T, ts *tamperSetup) error {
			ts.attack("UPDATE account_months SET credit = credit + 100 WHERE " + ts.orgCond + " AND account = '90.01' AND month = 202412")
			return verify(t, ts)
		}, []string{`account month totals of account 90\.01, month 2024-12\b`}},
		{"delete an account month row", func(t *testing.T, ts *tamperSetup) error {
			ts.attack("DELETE FROM account_months WHERE " + ts.orgCond + " AND account = '52' AND month = 202412")
			return verify(t, ts)
		}, []string{`account month totals of account 52, month 2024-12, currency USD\b`, "missing"}},
		{"move an account month to another month", func(t *testing.T, ts *tamperSetup) error {
			// the month totals and the year totals still agree: only the account months tell
			ts.attack("UPDATE account_months SET month = 202410 WHERE " + ts.orgCond + " AND account = '51' AND month = 202412")
			return verify(t, ts)
		}, []string{`account month totals of account 51, month 2024-1[02]\b`}},
	}
	for _, a := range attacks {
		t.Run(a.name, func(t *testing.T) {
			ts := newTamperSetup(t, open)
			err := a.run(t, ts)
			t.Logf("verify: %v", err)
			wantTampered(t, err, a.want...)
			ok(t, Verify(t.Context(), ts.s, ts.o.org.ID), "the other organisation still verifies")
		})
	}
}

// rehash plays an attacker who knows the hash function: it changes entry
// seq from, recomputes every hash from there and rewrites the head, so the
// chain is consistent again.
func rehash(t *testing.T, ts *tamperSetup, from int64, change func(e *ledger.Entry)) {
	t.Helper()
	es := scanAll(t, ts.s, ts.f.org.ID)
	change(&es[from-1])
	prev := es[from-2].Hash
	ctx := t.Context()
	tx, err := ts.s.Writer().BeginTx(ctx, nil)
	ok(t, err, "begin")
	defer tx.Rollback()
	q := rebind(ts.s, "UPDATE entries SET description = ?, document = ?, prev_hash = ?, hash = ? WHERE org_id = ? AND seq = ?")
	for i := from - 1; i < int64(len(es)); i++ {
		e := &es[i]
		e.Seal(prev, nil)
		prev = e.Hash
		_, err := tx.ExecContext(ctx, q, e.Description, e.Document, e.PrevHash[:], e.Hash[:], int64(ts.f.org.ID), e.Seq)
		ok(t, err, "rewrite entry")
	}
	_, err = tx.ExecContext(ctx, rebind(ts.s, "UPDATE chain_heads SET hash = ? WHERE org_id = ?"), prev[:], int64(ts.f.org.ID))
	ok(t, err, "rewrite head")
	ok(t, tx.Commit(), "commit")
}
