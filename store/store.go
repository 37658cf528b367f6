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
	Identity
	Documents
	Bank
	Settings
	Statements
	SettlementStates
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
	// SetRequireTOTP sets Org.RequireTOTP (ENotFound for no such
	// organisation).
	SetRequireTOTP(ctx context.Context, org ledger.OrgID, on bool) error

	// Chart returns the organisation's accounts.
	Chart(ctx context.Context, org ledger.OrgID) (ledger.Chart, error)
	// PutAccount inserts an account, or updates one that has no postings; an
	// account with postings can only be renamed or (de)activated.
	PutAccount(ctx context.Context, org ledger.OrgID, a ledger.Account) error
	// AccountInUse reports whether the account (the exact code) has
	// postings on any date. It reads the totals by their key, never the
	// postings.
	AccountInUse(ctx context.Context, org ledger.OrgID, code ledger.AccountCode) (bool, error)
	// AccountsInUse lists, by code, the accounts of the chart that have
	// postings: one probe of the totals by key per account.
	AccountsInUse(ctx context.Context, org ledger.OrgID) ([]ledger.AccountCode, error)
	// RenameAccount gives an account without postings a new code, and its
	// sub-accounts the new code as their parent. ENotFound when there is no
	// account old; EConflict when it has postings or code to is taken.
	RenameAccount(ctx context.Context, org ledger.OrgID, old, to ledger.AccountCode) error

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
	// UpdateAnalytic changes the names of the catalog entry a.ID; its kind,
	// code and owner stay. ENotFound when org has no entry a.ID of kind
	// a.Kind.
	UpdateAnalytic(ctx context.Context, org ledger.OrgID, a ledger.Analytic) error
	// AnalyticCounts returns the number of entries of each catalog that has
	// any.
	AnalyticCounts(ctx context.Context, org ledger.OrgID) (map[ledger.AnalyticKind]int, error)

	// PutRate records the rate of a currency to the base currency on a date.
	PutRate(ctx context.Context, org ledger.OrgID, currency string, date ledger.Date, rate money.Rate) error
	// PutRates records rates in one transaction: all of them or, when one
	// is refused (an unknown currency, a zero rate), none.
	PutRates(ctx context.Context, org ledger.OrgID, rates []RateRow) error
	// RateOn returns the latest rate on or before date, with its date;
	// ENotFound when there is none.
	RateOn(ctx context.Context, org ledger.OrgID, currency string, date ledger.Date) (money.Rate, ledger.Date, error)
	// Rates lists the recorded rates of org, of currency (all when empty),
	// dated from..to inclusive, by currency and date, at most limit from
	// offset.
	Rates(ctx context.Context, org ledger.OrgID, currency string, from, to ledger.Date, offset, limit int) ([]RateRow, error)

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

	// ListEntries returns the entries that match f, newest first (by Seq
	// descending), each with all its postings: at most f.Limit of them
	// (default DefaultEntryLimit, at most MaxEntryLimit), only those with
	// Seq < f.BeforeSeq when it is set (the cursor of the next page is the
	// last Seq returned). It reads through indexes and never loads the
	// whole ledger.
	ListEntries(ctx context.Context, org ledger.OrgID, f EntryFilter) ([]ledger.Entry, error)
	// AccountCard returns the movements of one posting-level account (the
	// exact code) with from ≤ date ≤ to (either may be ledger.NoDate for
	// open-ended), in (Date, Seq, Line) order, starting strictly after the
	// cursor (afterDate, afterSeq, afterLine); afterDate ledger.NoDate starts
	// at the beginning. With analytic ≠ 0 only the movements whose side of
	// the account carries it (in any slot). A posting with the account on
	// both sides yields two lines, the debit one first, which share their
	// cursor and therefore never go to different pages: a page ends before
	// such a pair that does not fit, unless that would leave it empty. At
	// most limit lines (default DefaultCardLimit, at most MaxCardLimit).
	// With corr ≠ "" only the movements whose other side's account is corr
	// or below it (as EntryFilter.Account): the card of one
	// correspondence, which the chessboard and the account analysis link
	// to.
	AccountCard(ctx context.Context, org ledger.OrgID, account ledger.AccountCode, analytic ledger.AnalyticID, corr ledger.AccountCode,
		from, to ledger.Date, afterDate ledger.Date, afterSeq int64, afterLine int, limit int) ([]CardLine, error)
	// AccountOpening returns the account's (exact code) turnover strictly
	// before date, over every currency: with analytic ≠ 0 only the turnover
	// whose side of the account carries it. Whole months come from the
	// monthly totals, the days of date's month before date from the
	// account's postings of that month. Currency amounts of different
	// currencies are summed as they are; they mean something only for an
	// account kept in one currency. date ledger.NoDate gives zero.
	AccountOpening(ctx context.Context, org ledger.OrgID, account ledger.AccountCode, analytic ledger.AnalyticID, date ledger.Date) (ledger.Turnover, error)
	// AnalyticsOpening returns the account's (exact code) turnover strictly
	// before date for each combination of analytics its postings carry on
	// that account's side (the stock of each item in each warehouse on
	// 41.01, the debt of each customer on each contract on 62.01): the
	// monthly totals of the months before, and the postings of date's
	// month before it. Only the combinations that carry match's non-zero
	// analytics in the same slots are read (match {customer} reads one
	// customer's contracts; the zero match reads them all). Currencies are
	// added together: the quantities, the base amounts and the currency
	// amounts of an account kept in one currency per analytic are what it
	// is for.
	AnalyticsOpening(ctx context.Context, org ledger.OrgID, account ledger.AccountCode, date ledger.Date, match [ledger.MaxAnalytics]ledger.AnalyticID) (map[[ledger.MaxAnalytics]ledger.AnalyticID]ledger.Turnover, error)
	// AnalyticTurnovers returns, for each key of the totals (an account
	// with its analytics and currency) that f selects, the turnover before
	// f.From (Opening) and within f.From..f.To (Period): the trial balance
	// expanded by analytics, the analysis by an analytic. Whole months come
	// from the monthly totals, the days of a month cut by From or To from
	// that month's postings of the account (those of the page's first
	// analytics only, where the index by first analytic allows). Rows come
	// by account (byte order of the codes), then analytics and currency,
	// starting strictly after f.After; at most f.Limit of them (default
	// DefaultAnalyticLimit, at most MaxAnalyticLimit): a caller that needs
	// to know whether more follow asks for one more. Keys with no totals
	// row in a month up to To's are left out; a key whose turnover nets to
	// nothing (a red storno) may come with zero turnover.
	AnalyticTurnovers(ctx context.Context, org ledger.OrgID, f AnalyticFilter) ([]AnalyticTurnover, error)
	// CounterpartyMovements calls fn for each movement with date ≤ to
	// (ledger.NoDate: no end) of the posting-level accounts given (exact
	// codes) whose side of the account carries counterparty cp in the slot
	// the account keeps its counterparty in: a counterparty's settlements
	// on 60, 62 and 76 for its open items and reconciliation act. Movements
	// come in (Date, Seq, Line) order, the debit one of a posting first,
	// with their entry's document reference and Reverses. An account of
	// the chart that keeps no counterparty is EInvalid. Where the
	// counterparty is an account's first analytic (60, 62 and 76 in the
	// built-in charts) it reads only the counterparty's postings, through
	// the index by account and first analytic (migration 0013). More than
	// MaxCounterpartyAccounts accounts is EInvalid.
	CounterpartyMovements(ctx context.Context, org ledger.OrgID, cp ledger.AnalyticID, accounts []ledger.AccountCode, to ledger.Date, fn func(CounterpartyMovement) error) error
	// AccountDays returns the account's (exact code) turnover of each day
	// from ≤ day ≤ to on which it moved, per currency, from the day totals
	// (never the postings), in (Day, Currency) order. A day whose
	// movements cancel out (a posting and its red storno) has zero
	// turnover and is left out. The period is at most MaxAccountDays days.
	AccountDays(ctx context.Context, org ledger.OrgID, account ledger.AccountCode, from, to ledger.Date) ([]DayTurnover, error)

	// CorrTotals returns the stored correspondence totals rows (every
	// month), sorted by key: what verify compares with the postings.
	CorrTotals(ctx context.Context, org ledger.OrgID) ([]ledger.CorrRow, error)
	// YearTotals returns the stored year totals (the monthly totals summed
	// per key and calendar year) and AccountMonths the stored account
	// months (summed per account, currency and month over the analytics):
	// what verify compares with the postings.
	YearTotals(ctx context.Context, org ledger.OrgID) (ledger.YearTotals, error)
	AccountMonths(ctx context.Context, org ledger.OrgID) (ledger.AccountMonths, error)
	// CorrTurnover sums the amounts of the postings per (Dt account, Kt
	// account) for from ≤ date ≤ to (either may be ledger.NoDate for
	// open-ended), sorted by debit then credit account (exact codes; ""
	// for the missing side of a single-sided posting). Whole months come
	// from the correspondence totals; the days of a part month from the
	// postings of those days, through the index of entries by day. A pair
	// whose postings cancel out (a posting and its red storno) may come
	// back with amount 0. Only the pairs that f keeps.
	CorrTurnover(ctx context.Context, org ledger.OrgID, from, to ledger.Date, f CorrFilter) ([]ledger.CorrTurnover, error)
}

// CorrFilter selects pairs for CorrTurnover; the zero value keeps all.
type CorrFilter struct {
	// Account keeps the pairs with this account, or one of its
	// sub-accounts (as EntryFilter.Account), on either side.
	Account ledger.AccountCode
}

// MaxCounterpartyAccounts bounds the accounts of one CounterpartyMovements
// (its query has two arms an account; SQLite takes 500).
const MaxCounterpartyAccounts = 200

// CounterpartyMovement is one movement of CounterpartyMovements: a card
// line (which has its entry's document reference) and the seq of the
// entry it reverses (0 for none).
type CounterpartyMovement struct {
	CardLine
	Reverses int64
}

// MaxAccountDays bounds the period of AccountDays: a year and a day.
const MaxAccountDays = 367

// DayTurnover is an account's turnover of one day in one currency ("" for
// base-only amounts).
type DayTurnover struct {
	Day      ledger.Date
	Currency string
	ledger.Turnover
}

// Page sizes of the browsing reads.
const (
	DefaultEntryLimit = 50
	MaxEntryLimit     = 500
	DefaultCardLimit  = 200
	MaxCardLimit      = 1000
	DefaultAuditLimit = 50
	MaxAuditLimit     = 1000
)

// EntryFilter selects entries for ListEntries. Every condition that is set
// must hold. The zero value of a field means "no condition", except for
// the dates, where it is ledger.NoDate (the zero Date is 1970-01-01).
//
// Account, Analytic and the amount range are conditions on postings, and one
// posting must meet all of those that are set: an entry matches "account 62,
// at least 1 000.00" when one of its postings has 62 (or a sub-account) on a
// side and an amount of at least 1 000.00.
type EntryFilter struct {
	From, To ledger.Date // entry date range, inclusive; ledger.NoDate for open
	// Account matches a posting with this account, or one of its
	// sub-accounts, on either side. Sub-accounts are the accounts below it in
	// the chart (by Parent) and those whose code continues it after a "." or
	// ":" ("62" matches "62.01" and "62:x", never "620").
	Account ledger.AccountCode
	// Analytic matches a posting that carries it on either side, in any slot.
	Analytic ledger.AnalyticID
	// Text matches a case-insensitive substring of the description or the
	// document reference.
	Text string
	// MinAmount and MaxAmount bound a posting's amount (base currency,
	// inclusive); 0 means no bound. A red storno's amount is negative.
	MinAmount, MaxAmount money.Amount
	BeforeSeq            int64 // only entries with Seq < BeforeSeq; 0 for none
	Limit                int   // page size; 0 for DefaultEntryLimit
}

// CardLine is one movement of an account card: one side of one posting.
type CardLine struct {
	Seq         int64 // the entry's chain sequence number
	Line        int   // the posting's line in the entry, from 1
	Date        ledger.Date
	Year        int   // the entry's fiscal year
	Number      int64 // the entry's number in Year
	Description string
	Document    string       // the entry's document reference (doc.Document.Ref), "" for none
	Debit       bool         // the account is on the debit side of this movement
	Amount      money.Amount // the posting's amount (base currency)
	Side        ledger.Side  // the account's side of the posting
	Other       ledger.Side  // the corresponding side (zero for a single-sided posting)
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
	// AppendAudit records an audit event of the same organisation in this
	// transaction: it commits or rolls back with the entries.
	AppendAudit(e *auth.AuditEvent) error
	// SaveDocument saves a document in this transaction, so that posting
	// (status posted with the seq of the entry just posted) or unposting
	// (back to draft, Entry 0, with its reversal posted) commits with the
	// entry. The version rule of Documents.SaveDocument applies.
	SaveDocument(d *Document) error
	// CreateDocument saves a new draft in this transaction, numbered as
	// Documents.CreateDocument numbers it (without a client key), so that
	// a document drafted and posted at once commits, or fails, as one.
	CreateDocument(d *Document) error
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

// TotalsKey names a key of the totals without its month: the cursor of
// AnalyticTurnovers.
type TotalsKey = ledger.AnalyticKey

// AnalyticTurnover is one key's turnover before a period and within it.
type AnalyticTurnover = ledger.AnalyticTurnover

// AnalyticFilter selects the keys of AnalyticTurnovers.
type AnalyticFilter struct {
	// Accounts are exact codes; Under adds the account and every account
	// of the chart below it (62: 62, 62.01, 62.02...). With neither, and
	// an Analytic, every account of the chart that keeps its catalog.
	// Group accounts have no totals and give no rows. At most
	// MaxAnalyticAccounts accounts.
	Accounts []ledger.AccountCode
	Under    ledger.AccountCode
	// Match keeps the keys that carry its non-zero analytics in the same
	// slots (as AnalyticsOpening).
	Match [ledger.MaxAnalytics]ledger.AnalyticID
	// Analytic (≠ 0) keeps the keys that carry it in the slot where their
	// account keeps its catalog; accounts that keep no such catalog are
	// left out. An analytic of no catalog of the organisation is
	// ENotFound.
	Analytic ledger.AnalyticID
	// From and To bound the period (either may be ledger.NoDate: no
	// opening, no end). From after To gives no rows.
	From, To ledger.Date
	// After is the cursor: only keys after it (nil: from the start).
	After *TotalsKey
	// Limit bounds the rows (0: DefaultAnalyticLimit; at most
	// MaxAnalyticLimit).
	Limit int
}

// Limits of AnalyticTurnovers.
const (
	DefaultAnalyticLimit = 1000
	MaxAnalyticLimit     = 10000
	MaxAnalyticAccounts  = 500
)

// Identity keeps users, their memberships, sessions, API tokens and the
// audit log. Users are global (a user may belong to several organisations);
// everything else is keyed by organisation first. Times are kept to the
// microsecond and come back in UTC.
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
	// APITokens lists an organisation's tokens by ID; DeleteAPIToken revokes
	// one (ENotFound when the organisation has no such token: a token of
	// another organisation is never touched).
	APITokens(ctx context.Context, org ledger.OrgID) ([]auth.APIToken, error)
	DeleteAPIToken(ctx context.Context, org ledger.OrgID, id int64) error
	// TouchAPIToken records when the token was last used (ENotFound when the
	// organisation has no such token).
	TouchAPIToken(ctx context.Context, org ledger.OrgID, id int64, lastUsed time.Time) error
	// AppendAudit adds an event to the organisation's log (org 0: the
	// installation's own log) and sets its Seq; the log is append-only and
	// the database refuses UPDATE and DELETE of it.
	AppendAudit(ctx context.Context, e *auth.AuditEvent) error
	// Audit lists an organisation's events, newest first, with Seq below
	// beforeSeq (0: from the newest), at most limit (0 for
	// DefaultAuditLimit, at most MaxAuditLimit).
	Audit(ctx context.Context, org ledger.OrgID, beforeSeq int64, limit int) ([]auth.AuditEvent, error)
	// AuditWhere lists an organisation's events as Audit does, only those
	// of f.Action and f.User when they are set.
	AuditWhere(ctx context.Context, org ledger.OrgID, f AuditFilter) ([]auth.AuditEvent, error)
}

// AuditFilter selects events of an organisation's audit log for AuditWhere.
// The zero value of a field means "no condition".
type AuditFilter struct {
	BeforeSeq int64       // only events with Seq below it
	Limit     int         // 0 for DefaultAuditLimit, at most MaxAuditLimit
	Action    string      // only events of this action
	User      auth.UserID // only events of this user
}

// Document is a business document as the store keeps it: the fields it
// numbers, indexes and guards, and the rest of the document as the
// application's JSON, which the store does not read.
type Document struct {
	ID     int64  // per organisation, from 1; set by CreateDocument
	Type   string // the document type (doc.Type)
	Status string // DocDraft, DocPosted or DocCancelled
	// Year and Number: per organisation, type and year, from 1 without
	// gaps; set by CreateDocument from Date's year. They never change.
	Year   int
	Number int64
	Date   ledger.Date
	// Counterparty and Contract are indexed for the counterparty's
	// documents and open items.
	Counterparty, Contract ledger.AnalyticID
	Entry                  int64 // the seq of the entry it posted; 0 unless posted
	BasedOn                int64 // the id of the document it was created from, 0 for none
	Body                   []byte
	// Version moves on every save; a save names the version it read and is
	// refused (EConflict) if another save came between.
	Version          int64
	Author           string // who created it
	Created, Updated time.Time
	// Key is the client's idempotency key of the creation ("" for none):
	// CreateDocument with a key already used for the same content gives
	// back that document (Replayed), for other content EConflict.
	Key      string
	Replayed bool // set by CreateDocument; not stored
	// TransitionKey is the client's idempotency key of the post or unpost
	// that Poster.SaveDocument saves: it is kept with the document's id,
	// the Version posted or unposted (the one read) and which of the two
	// (Status draft: an unpost), and a key already kept for another
	// request is EConflict. Not stored with the document; "" for none.
	TransitionKey string
}

// TransitionKey is what a client's key of a post or unpost was used for
// (Documents.DocumentTransitionKey).
type TransitionKey struct {
	Document, Version int64
	Unpost            bool
}

// The statuses of a document.
const (
	DocDraft     = "draft"
	DocPosted    = "posted"
	DocCancelled = "cancelled"
)

// MaxDocumentBody bounds a document's JSON.
const MaxDocumentBody = 1 << 20

// DocumentFilter selects documents, newest (highest id) first.
type DocumentFilter struct {
	Type, Status string            // "" for any
	From, To     ledger.Date       // by date; NoDate for open
	Counterparty ledger.AnalyticID // 0 for any
	BasedOn      int64             // only the documents created from this one; 0 for any
	BeforeID     int64             // the cursor: ids below it; 0 for the newest
	Limit        int               // at most MaxDocumentLimit; 0 means DefaultDocumentLimit
}

// Limits of a document list.
const (
	DefaultDocumentLimit = 50
	MaxDocumentLimit     = 500
)

// Documents keeps business documents. A document is never deleted and
// keeps its type, year and number; a posted document changes only by
// unposting, and posting and unposting go through a Poster with the entry
// (Poster.SaveDocument). The database itself refuses anything else.
type Documents interface {
	// CreateDocument saves a new document as a draft (or cancelled): it
	// sets ID, Year (Date's), Number (the next of its type and year),
	// Version, Created and Updated.
	CreateDocument(ctx context.Context, org ledger.OrgID, d *Document) error
	// Document returns a document by id; DocumentByNumber by type, year and
	// number. ENotFound when there is none.
	Document(ctx context.Context, org ledger.OrgID, id int64) (Document, error)
	DocumentByNumber(ctx context.Context, org ledger.OrgID, typ string, year int, number int64) (Document, error)
	// SaveDocument saves a changed draft, or moves it between draft and
	// cancelled, if its Version is still the stored one (EConflict
	// otherwise); it sets Version and Updated. Posting and unposting are
	// refused here (EInvalid): they go with their entry through a Poster.
	// The date may not leave the document's year.
	SaveDocument(ctx context.Context, org ledger.OrgID, d *Document) error
	// ListDocuments lists documents newest first.
	ListDocuments(ctx context.Context, org ledger.OrgID, f DocumentFilter) ([]Document, error)
	// DocumentTransitionKey returns what the client's key of a post or
	// unpost (Document.TransitionKey) was used for; ENotFound when it was
	// never used.
	DocumentTransitionKey(ctx context.Context, org ledger.OrgID, key string) (TransitionKey, error)
}

// BankMapping is a saved column mapping of a bank's CSV export
// (interop/bankcsv.Mapping as JSON, which the store does not read).
type BankMapping struct {
	ID      int64  // per organisation, from 1; set on the first save
	Name    string // names the bank; unique per organisation
	Body    []byte
	Version int64 // moves on every save; a save names the version it read
	Updated time.Time
}

// BankStatement is an imported bank statement. It never changes.
type BankStatement struct {
	ID     int64  // per organisation, from 1; set by CreateStatements
	Format string // mt940, camt053 or csv
	// FileHash is the SHA-256 (hex) of the file the statement came from,
	// Part its place in the file (from 1): the same file is refused.
	FileHash string
	Part     int
	// BankID and Account: the bank's reference of the statement and the
	// account it is for, as the bank wrote them; Currency its ISO code.
	BankID, Account, Currency string
	From, To                  ledger.Date // the first and the last day it covers
	Opening, Closing          money.Amount
	HasOpening, HasClosing    bool
	Lines                     int    // how many lines it has
	Body                      []byte // the application's JSON of its lines
	Author                    string
	Created                   time.Time
}

// MaxStatementBody bounds a statement's JSON.
const MaxStatementBody = 64 << 20

// Bank keeps saved CSV mappings, imported statements and the documents made
// from their lines.
type Bank interface {
	// SaveBankMapping inserts m (ID 0) or updates it if its Version is the
	// stored one (EConflict otherwise); a name taken by another mapping is
	// EConflict. It sets ID, Version and Updated.
	SaveBankMapping(ctx context.Context, org ledger.OrgID, m *BankMapping) error
	// BankMapping returns one mapping (ENotFound when none); BankMappings
	// all of them by name.
	BankMapping(ctx context.Context, org ledger.OrgID, id int64) (BankMapping, error)
	BankMappings(ctx context.Context, org ledger.OrgID) ([]BankMapping, error)
	// CreateStatements stores the statements of one file in one
	// transaction and sets their ID and Created; a file (hash and part)
	// stored before is EConflict and stores nothing.
	CreateStatements(ctx context.Context, org ledger.OrgID, sts []*BankStatement) error
	// StatementsOfFile returns the statements stored from the file with
	// hash, in file order (none: an empty list).
	StatementsOfFile(ctx context.Context, org ledger.OrgID, hash string) ([]BankStatement, error)
	// Statement returns one statement; ENotFound when none.
	Statement(ctx context.Context, org ledger.OrgID, id int64) (BankStatement, error)
	// ListStatements lists statements newest first, with ids below
	// beforeID when it is above 0, at most limit (DefaultDocumentLimit for
	// 0, at most MaxDocumentLimit).
	ListStatements(ctx context.Context, org ledger.OrgID, beforeID int64, limit int) ([]BankStatement, error)
	// LinkStatementLine records that document doc was made from line (from
	// 1) of statement stmt. Linking a line again to the same document does
	// nothing; to another is EConflict: a line makes one document, ever.
	LinkStatementLine(ctx context.Context, org ledger.OrgID, stmt int64, line int, doc int64) error
	// StatementLinks returns the documents made from the statement's
	// lines, by line.
	StatementLinks(ctx context.Context, org ledger.OrgID, stmt int64) (map[int]int64, error)
	// SetPartyAccount records that the bank account belongs to the
	// counterparty (the latest one wins); PartyAccounts returns them all,
	// account to counterparty.
	SetPartyAccount(ctx context.Context, org ledger.OrgID, account string, counterparty ledger.AnalyticID) error
	PartyAccounts(ctx context.Context, org ledger.OrgID) (map[string]ledger.AnalyticID, error)
}

// OrgDetails are an organisation's details as its printed forms show them.
// Every field is free text of at most MaxDetailText bytes; "" is not set.
type OrgDetails struct {
	LegalName   string // the full legal name
	TaxID       string // Salgyt töleýjiniň belgisi, ИНН
	Address     string // the legal address
	Phone       string
	BankName    string
	BankAccount string // the settlement account (IBAN, р/с)
	BankCode    string // BIC, MFO, БИК
	// Who signs the forms.
	Director, ChiefAccountant, Cashier string
}

// OrgSettings are an organisation's details and its posting settings.
type OrgSettings struct {
	Details OrgDetails
	// Posting is the posting settings as the application's JSON
	// (doc.Settings), which the store does not read; nil for none set.
	// At most MaxPostingSettings bytes.
	Posting []byte
	// Version moves on every save; 0 until the first. A save names the
	// version it read and is refused (EConflict) if another came between.
	Version int64
	Author  string    // who saved last
	Updated time.Time // when
}

// Limits of the settings.
const (
	MaxDetailText      = 500
	MaxPostingSettings = 64 << 10
)

// Settings keeps each organisation's settings.
type Settings interface {
	// OrgSettings returns the organisation's settings: the zero
	// OrgSettings (Version 0) until the first save. ENotFound for no such
	// organisation.
	OrgSettings(ctx context.Context, org ledger.OrgID) (OrgSettings, error)
	// SaveOrgSettings saves s if s.Version is the stored version (0 for
	// the first save), EConflict otherwise; it sets Version and Updated.
	// Text too long or not UTF-8 is EInvalid.
	SaveOrgSettings(ctx context.Context, org ledger.OrgID, s *OrgSettings) error
}

// RateRow is one recorded exchange rate: units of the base currency for
// one unit of Currency, from Date on.
type RateRow struct {
	Currency string
	Date     ledger.Date
	Rate     money.Rate
}

// StatementTemplate is an organisation's own template of one of its
// financial statements: the statement package's CSV, which the store does
// not read.
type StatementTemplate struct {
	Kind    string // balance-sheet, pnl, cash-flow, equity
	Body    []byte
	Author  string    // who loaded it
	Updated time.Time // when
}

// MaxStatementTemplate bounds a template's body.
const MaxStatementTemplate = 256 << 10

// Statements keeps the templates organisations load for their financial
// statements; an organisation without one uses its chart's shipped one.
type Statements interface {
	// StatementTemplate returns the organisation's template of a
	// statement; ENotFound when it has none of its own.
	StatementTemplate(ctx context.Context, org ledger.OrgID, kind string) (StatementTemplate, error)
	// PutStatementTemplate stores t, replacing the one before, and sets
	// t.Updated. A body over MaxStatementTemplate or not UTF-8 is EInvalid;
	// no such organisation ENotFound.
	PutStatementTemplate(ctx context.Context, org ledger.OrgID, t *StatementTemplate) error
	// DeleteStatementTemplate removes the organisation's template of a
	// statement (none: nothing happens), so the shipped one applies again.
	DeleteStatementTemplate(ctx context.Context, org ledger.OrgID, kind string) error
}

// SettlementState is what the application worked out of one
// counterparty's settlements on the settlement accounts of one role, kept
// so that a report need not read the counterparty's movements again: Body
// (its open items) and History (every item and what settled what), in
// package settle's encodings, which the store does not read, and the latest
// date of its movements.
type SettlementState struct {
	Counterparty ledger.AnalyticID
	LastDate     ledger.Date
	Body         []byte
	History      []byte
}

// SettlementMark says up to which entry of the chain (Head, a sequence
// number) and under which rules and accounts (Key, the application's) the
// kept states of a role are worked out. The zero mark: none are.
type SettlementMark struct {
	Head int64
	Key  string
}

// MaxSettlementKey bounds a SettlementMark's Key.
const MaxSettlementKey = 200

// SettlementStates keeps the states of each organisation's counterparties
// per role (a small positive number the application gives). They are
// derived from the postings, as the totals are, but written by the
// application after it worked them out, not by the poster.
type SettlementStates interface {
	// SettlementStates returns the mark of a role and its states, by
	// counterparty, without their History.
	SettlementStates(ctx context.Context, org ledger.OrgID, role int) (SettlementMark, []SettlementState, error)
	// SettlementHistories returns the states of a role whose LastDate is
	// after day, by counterparty, with their History and without Body.
	SettlementHistories(ctx context.Context, org ledger.OrgID, role int, day ledger.Date) ([]SettlementState, error)
	// PutSettlementStates stores states (each replacing the one of its
	// counterparty) and moves the role's mark from was to to, in one
	// transaction, if the mark is still was; otherwise it writes nothing
	// and returns false: another writer came between. With replace, every
	// other state of the role is removed. A key over MaxSettlementKey or a
	// role < 1 is EInvalid; no such organisation ENotFound.
	PutSettlementStates(ctx context.Context, org ledger.OrgID, role int, was, to SettlementMark, states []SettlementState, replace bool) (bool, error)
}
