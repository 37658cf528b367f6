// Package store defines how Hasap keeps its books: the Store interface that
// both the SQLite and the PostgreSQL implementations satisfy, and its
// contract. The conformance suite in store/storetest holds both to it.
//
// Contract, for every method:
//   - Every read and write is scoped by an organisation id; nothing reads
//     across organisations.
//   - Errors are *ledger.Error with a code where the caller can act on them:
//     ENotFound for a missing object, EConflict for a duplicate, EInvalid for
//     input that breaks a rule, ELocked for a date in a closed period.
//   - Posted entries and their postings are immutable: the database itself
//     refuses UPDATE and DELETE of them (triggers), not only this code.
package store

import (
	"context"
	"time"

	"hasap/auth"
	"hasap/ledger"
	"hasap/money"
)

// Store is the persistence of Hasap.
type Store interface {
	Reader
	// Snapshot runs fn with a Reader that sees one consistent state of the
	// database, as verify needs.
	Snapshot(ctx context.Context, fn func(Reader) error) error

	// CreateOrg stores a new organisation with its chart and sets org.ID.
	// A duplicate code is EConflict.
	CreateOrg(ctx context.Context, org *ledger.Org, accounts []ledger.Account) error
	// Org returns an organisation by id; OrgByCode by code.
	Org(ctx context.Context, id ledger.OrgID) (ledger.Org, error)
	OrgByCode(ctx context.Context, code string) (ledger.Org, error)
	// Orgs lists all organisations by code.
	Orgs(ctx context.Context) ([]ledger.Org, error)
	// SetLockDate moves the lock date (ledger.NoDate clears it).
	SetLockDate(ctx context.Context, org ledger.OrgID, date ledger.Date) error

	// Chart returns the organisation's accounts.
	Chart(ctx context.Context, org ledger.OrgID) (ledger.Chart, error)
	// PutAccount inserts an account, or updates one that has no postings; an
	// account with postings can only be renamed or (de)activated.
	PutAccount(ctx context.Context, org ledger.OrgID, a ledger.Account) error

	// CreateAnalytic adds an entry to a catalog and sets its ID; a duplicate
	// kind and code is EConflict.
	CreateAnalytic(ctx context.Context, org ledger.OrgID, a *ledger.Analytic) error
	// AnalyticByCode finds a catalog entry by kind and code.
	AnalyticByCode(ctx context.Context, org ledger.OrgID, kind ledger.AnalyticKind, code string) (ledger.Analytic, error)
	// Analytics lists a catalog, filtered by a substring of code or name,
	// at most limit rows, ordered by code.
	Analytics(ctx context.Context, org ledger.OrgID, kind ledger.AnalyticKind, search string, limit int) ([]ledger.Analytic, error)
	// AnalyticsByID returns the catalog entries with the given ids.
	AnalyticsByID(ctx context.Context, org ledger.OrgID, ids []ledger.AnalyticID) (map[ledger.AnalyticID]ledger.Analytic, error)

	// PutRate records the rate of a currency to the base currency on a date.
	PutRate(ctx context.Context, org ledger.OrgID, currency string, date ledger.Date, rate money.Rate) error
	// RateOn returns the latest rate on or before date, with its date;
	// ENotFound when there is none.
	RateOn(ctx context.Context, org ledger.OrgID, currency string, date ledger.Date) (money.Rate, ledger.Date, error)

	// BeginPost opens a write transaction for posting entries of org. Only
	// one is open per organisation at a time; others wait.
	BeginPost(ctx context.Context, org ledger.OrgID, opts PostOptions) (Poster, error)

	// Close releases the database.
	Close() error
}

// Reader reads the books of an organisation.
type Reader interface {
	// Entry returns a posted entry by its chain sequence number.
	Entry(ctx context.Context, org ledger.OrgID, seq int64) (ledger.Entry, error)
	// EntryByNumber returns a posted entry by fiscal year and number.
	EntryByNumber(ctx context.Context, org ledger.OrgID, year int, number int64) (ledger.Entry, error)
	// ScanEntries calls fn for every entry with Seq ≥ fromSeq in chain order.
	// The entry passed to fn is reused after fn returns.
	ScanEntries(ctx context.Context, org ledger.OrgID, fromSeq int64, fn func(*ledger.Entry) error) error
	// Head returns the recorded head of the chain (0 and a zero hash when
	// nothing is posted) and the last number of each fiscal year.
	Head(ctx context.Context, org ledger.OrgID) (Head, error)

	// Totals returns the stored totals rows (every month), sorted by key.
	Totals(ctx context.Context, org ledger.OrgID) ([]ledger.TotalRow, error)
	// DayTotals returns the stored per-day account totals, sorted.
	DayTotals(ctx context.Context, org ledger.OrgID) (ledger.DayTotals, error)
	// Turnover sums turnover per account and currency for from ≤ date ≤ to
	// (either may be ledger.NoDate for open-ended), reading monthly totals for
	// whole months and day totals for part months; it never scans postings.
	Turnover(ctx context.Context, org ledger.OrgID, from, to ledger.Date) ([]AccountTurnover, error)
}

// PostOptions tune a posting transaction.
type PostOptions struct {
	// Now is the posting time stamped on entries (the clock is injected);
	// zero means time.Now.
	Now func() time.Time
	// Bulk marks a large import: the store may use larger batches and
	// caches. It changes nothing in the result.
	Bulk bool
}

// Poster posts entries within one transaction. Nothing is visible to others
// until Commit; Rollback (or a failed Commit) leaves the books as they were.
type Poster interface {
	// Post validates e, assigns Seq, Year, Number, PostedAt and the hashes,
	// and writes it. With an idempotency key already used for the same
	// content, it fills e with the stored entry and returns replay true; for
	// other content it returns EConflict. After an error the Poster must be
	// rolled back.
	Post(e *ledger.Entry) (replay bool, err error)
	// Chart returns the chart as the Poster validates against; callers may
	// add accounts through AddAccount.
	Chart() ledger.Chart
	// AddAccount creates an account inside the transaction.
	AddAccount(a ledger.Account) error
	// AddAnalytic creates a catalog entry inside the transaction, or returns
	// the existing one with the same kind and code.
	AddAnalytic(a *ledger.Analytic) error
	// Org returns the organisation as of the start of the transaction.
	Org() ledger.Org
	Commit() error
	Rollback() error
}

// Head is the recorded state of an organisation's chain.
type Head struct {
	Seq   int64
	Hash  ledger.Hash
	Years map[int]int64 // last entry number per fiscal year
}

// AccountTurnover is turnover summed over a period for one account and
// currency ("" for base-only amounts).
type AccountTurnover = ledger.AccountTurnover

// Identity keeps users, their memberships, sessions, API tokens and the
// audit log. Users are global (a user may belong to several organisations);
// everything else is keyed by organisation first.
type Identity interface {
	auth.SessionStore
	// CreateUser stores a new user and sets its ID; a taken email (compared
	// in lower case) is EConflict.
	CreateUser(ctx context.Context, u *auth.User) error
	// User returns a user by id; UserByEmail by email (any case); ENotFound.
	User(ctx context.Context, id auth.UserID) (auth.User, error)
	UserByEmail(ctx context.Context, email string) (auth.User, error)
	// UpdateUser saves name, password hash, TOTP fields, language and the
	// disabled flag of an existing user (ENotFound otherwise).
	UpdateUser(ctx context.Context, u auth.User) error
	// PutMembership gives the user the role in the organisation, replacing
	// any role the user had there.
	PutMembership(ctx context.Context, m auth.Membership) error
	// RemoveMembership takes the user out of the organisation.
	RemoveMembership(ctx context.Context, org ledger.OrgID, user auth.UserID) error
	// Membership returns the user's membership in org, or ENotFound.
	Membership(ctx context.Context, org ledger.OrgID, user auth.UserID) (auth.Membership, error)
	// Memberships lists the user's organisations; OrgMembers an
	// organisation's members.
	Memberships(ctx context.Context, user auth.UserID) ([]auth.Membership, error)
	OrgMembers(ctx context.Context, org ledger.OrgID) ([]auth.Membership, error)
	// CreateAPIToken stores a token (its hash) and sets its ID.
	CreateAPIToken(ctx context.Context, t *auth.APIToken) error
	// APITokenByHash finds a token; ENotFound.
	APITokenByHash(ctx context.Context, hash [32]byte) (auth.APIToken, error)
	// APITokens lists an organisation's tokens; DeleteAPIToken revokes one.
	APITokens(ctx context.Context, org ledger.OrgID) ([]auth.APIToken, error)
	DeleteAPIToken(ctx context.Context, org ledger.OrgID, id int64) error
	// AppendAudit adds an event to the organisation's log (org 0: the
	// installation's own log) and sets its Seq; the log is append-only and
	// the database refuses UPDATE and DELETE of it.
	AppendAudit(ctx context.Context, e *auth.AuditEvent) error
	// Audit lists an organisation's events, newest first, with Seq below
	// beforeSeq (0: from the newest), at most limit.
	Audit(ctx context.Context, org ledger.OrgID, beforeSeq int64, limit int) ([]auth.AuditEvent, error)
}
