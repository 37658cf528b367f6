// Package storetest is the conformance suite every Store implementation must
// pass: store/sqlite and store/postgres each run it from one TestConformance.
// It holds the contract of package store to account: scoping by
// organisation, error codes, atomic and gapless posting, idempotency,
// immutability enforced by the database, tamper evidence through
// ledger.Verifier, totals that equal the postings, serialised concurrent
// posting, the identity store (users, memberships, sessions, API tokens, an
// append-only gapless audit log) and journal browsing (ListEntries,
// AccountCard, AccountOpening against brute force).
//
// It is test support: it imports testing and must only be imported from
// _test.go files. It plays the attacker with raw SQL through Store.Writer and
// knows the table and trigger names of both migrations.
package storetest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"hasap/ledger"
	"hasap/store"
)

// Store is what the suite needs: the store, and raw SQL access to its
// database for the tamper tests (*sqldb.DB has both).
type Store interface {
	store.Store
	// Writer is the pool the store writes through.
	Writer() *sql.DB
}

// Run runs the conformance suite. open must return a store over an empty,
// migrated database of its own (a fresh file, a fresh PostgreSQL database)
// and arrange for it to be closed and removed in t.Cleanup; it is called
// once per subtest, so subtests never see each other's data or triggers.
func Run(t *testing.T, open func(t *testing.T) Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, open func(t *testing.T) Store)
	}{
		{"Orgs", testOrgs},
		{"Accounts", testAccounts},
		{"PutAccountWaitsForPoster", testPutAccountRace},
		{"Analytics", testAnalytics},
		{"Rates", testRates},
		{"Post", testPost},
		{"ReadBack", testReadBack},
		{"ValidationLeavesNothing", testValidation},
		{"RollbackLeavesNothing", testRollback},
		{"AccountsInTransaction", testAccountsInTransaction},
		{"Numbering", testNumbering},
		{"Idempotency", testIdempotency},
		{"Bulk", testBulk},
		{"Immutability", testImmutability},
		{"Tamper", testTamper},
		{"CorrTurnover", testCorrTurnover},
		{"StatementTemplates", testStatementTemplates},
		{"SettlementStates", testSettlementStates},
		{"CorrBackfill", testCorrBackfill},
		{"YearTotals", testYearTotals},
		{"YearTotalsBackfill", testYearTotalsBackfill},
		{"Totals", testTotals},
		{"Turnover", testTurnover},
		{"TotalsOverflow", testTotalsOverflow},
		{"Property", testProperty},
		{"Concurrency", testConcurrency},
		{"ConcurrentIdempotency", testConcurrentIdempotency},
		{"Users", testUsers},
		{"Memberships", testMemberships},
		{"Sessions", testSessions},
		{"APITokens", testAPITokens},
		{"Audit", testAudit},
		{"AuditInPosting", testAuditInPosting},
		{"AuditWhere", testAuditWhere},
		{"AccountParents", testAccountParents},
		{"ListEntries", testListEntries},
		{"AccountCard", testAccountCard},
		{"AccountDays", testAccountDays},
		{"AccountInUse", testAccountInUse},
		{"RenameAccount", testRenameAccount},
		{"UpdateAnalytic", testUpdateAnalytic},
		{"AnalyticCounts", testAnalyticCounts},
		{"RequireTOTP", testRequireTOTP},
		{"Documents", testDocuments},
		{"DocumentLinks", testDocumentLinks},
		{"DocumentPosting", testDocumentPosting},
		{"DocumentGuards", testDocumentGuards},
		{"DocumentNumbersConcurrent", testDocumentNumbersConcurrent},
		{"AnalyticsOpening", testAnalyticsOpening},
		{"AnalyticTurnovers", testAnalyticTurnovers},
		{"DocumentKeys", testDocumentKeys},
		{"CounterpartyMovements", testCounterpartyMovements},
		{"Bank", testBank},
		{"OrgSettings", testOrgSettings},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open) })
	}
}

// dialect tells the SQL databases apart by their driver, for the few raw
// statements that must differ (trigger names, upsert spelling).
func dialect(s Store) string {
	if strings.Contains(fmt.Sprintf("%T", s.Writer().Driver()), "sqlite") {
		return "sqlite"
	}
	return "postgres"
}

// rebind turns ? placeholders into $n for PostgreSQL.
func rebind(s Store, query string) string {
	if dialect(s) != "postgres" {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// wantCode fails the test unless err carries code.
func wantCode(t *testing.T, err error, code ledger.Code, what string) {
	t.Helper()
	if got := ledger.ErrorCode(err); got != code {
		t.Fatalf("%s: got error %v (code %q), want code %q", what, err, got, code)
	}
}

// ok fails the test on err.
func ok(t *testing.T, err error, what string) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// wantTampered checks that err is ETampered and that its message matches
// every pattern (regular expressions).
func wantTampered(t *testing.T, err error, patterns ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("verify passed, want it to report tampering matching %q", patterns)
	}
	var le *ledger.Error
	if !errors.As(err, &le) || le.Code != ledger.ETampered {
		t.Fatalf("verify: got %v (code %q), want code %q", err, ledger.ErrorCode(err), ledger.ETampered)
	}
	for _, p := range patterns {
		if !regexp.MustCompile(p).MatchString(err.Error()) {
			t.Fatalf("verify: message %q does not match %q", err.Error(), p)
		}
	}
}

// seqPattern matches "seq N" as a whole number.
func seqPattern(n int64) string { return fmt.Sprintf(`\bseq %d\b`, n) }

// exec runs raw SQL statements as an attacker or a test would, in one
// transaction.
func exec(t *testing.T, s Store, stmts ...string) {
	t.Helper()
	ctx := t.Context()
	tx, err := s.Writer().BeginTx(ctx, nil)
	ok(t, err, "begin raw transaction")
	defer tx.Rollback()
	for _, q := range stmts {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			t.Fatalf("raw SQL %q: %v", q, err)
		}
	}
	ok(t, tx.Commit(), "commit raw transaction")
}

// execErr runs one raw statement in its own transaction and returns its
// error (the transaction is rolled back either way).
func execErr(ctx context.Context, s Store, q string, args ...any) error {
	tx, err := s.Writer().BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	_, err = tx.ExecContext(ctx, q, args...)
	return err
}
