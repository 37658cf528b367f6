package auth

import (
	"time"

	"hasap/ledger"
)

// User is a person who logs in. Users are the one kind of row that is not
// an organisation's: a user may belong to several organisations, each
// through a Membership with a role there.
type User struct {
	ID           UserID
	Email        string // lower-case; unique
	Name         string
	PasswordHash string // PHC string from HashPassword
	// TOTPSecret is the base32 secret of two-factor authentication, "" when
	// it is off; TOTPLastStep is the last time step accepted (replay guard).
	TOTPSecret   string
	TOTPLastStep int64
	Lang         string // tk, ru or en
	Disabled     bool
	Created      time.Time
}

// Role is what a member may do in an organisation.
type Role string

// The roles, from most to least powerful.
const (
	Owner           Role = "owner"            // everything, including members, lock date and reopening
	ChiefAccountant Role = "chief_accountant" // everything in the books, lock date
	Accountant      Role = "accountant"       // post, reverse, import, catalogs
	Clerk           Role = "clerk"            // drafts only
	Auditor         Role = "auditor"          // read, verify, export, audit log
	Viewer          Role = "viewer"           // read
)

// Roles lists the roles from most to least powerful.
var Roles = []Role{Owner, ChiefAccountant, Accountant, Clerk, Auditor, Viewer}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, v := range Roles {
		if v == r {
			return true
		}
	}
	return false
}

// Membership gives a user a role in an organisation.
type Membership struct {
	Org  ledger.OrgID
	User UserID
	Role Role
}

// Permission is one kind of action the application checks.
type Permission string

// The permissions. Every use case names the one it needs.
const (
	ReadBooks       Permission = "read_books"     // pages, reports, journal, account card
	DraftEntries    Permission = "draft_entries"  // prepare entries and documents, not post
	PostEntries     Permission = "post_entries"   // post, reverse, storno, import
	EditCatalogs    Permission = "edit_catalogs"  // chart of accounts, analytics, rates
	SetLockDate     Permission = "set_lock_date"  // close a period
	ReopenPeriod    Permission = "reopen_period"  // move the lock date back
	VerifyBooks     Permission = "verify_books"   // verify, checkpoints
	ExportBooks     Permission = "export_books"   // journal and report export
	ReadAudit       Permission = "read_audit"     // the audit log
	ManageMembers   Permission = "manage_members" // add members, change roles, reset passwords
	ManageAPITokens Permission = "manage_api_tokens"
	// EditSettings: the organisation's details (on its printed forms) and
	// its posting settings (which accounts the documents post to). Not
	// the accountant's: a wrong revenue account silently misposts every
	// document that follows, so the owner and the chief accountant, who
	// answer for the books, decide it.
	EditSettings Permission = "edit_settings"
)

var grants = map[Role][]Permission{
	Owner:           {ReadBooks, DraftEntries, PostEntries, EditCatalogs, SetLockDate, ReopenPeriod, VerifyBooks, ExportBooks, ReadAudit, ManageMembers, ManageAPITokens, EditSettings},
	ChiefAccountant: {ReadBooks, DraftEntries, PostEntries, EditCatalogs, SetLockDate, VerifyBooks, ExportBooks, ManageAPITokens, EditSettings},
	Accountant:      {ReadBooks, DraftEntries, PostEntries, EditCatalogs, ExportBooks, ManageAPITokens},
	Clerk:           {ReadBooks, DraftEntries},
	Auditor:         {ReadBooks, VerifyBooks, ExportBooks, ReadAudit},
	Viewer:          {ReadBooks},
}

// Can reports whether role r grants permission p.
func (r Role) Can(p Permission) bool {
	for _, g := range grants[r] {
		if g == p {
			return true
		}
	}
	return false
}

// APIToken lets a program act for a user in one organisation, with the
// user's role there. Only the token's hash is stored.
type APIToken struct {
	ID       int64
	Hash     [32]byte
	Org      ledger.OrgID
	User     UserID
	Name     string
	Created  time.Time
	Expires  time.Time // zero: never
	LastUsed time.Time
}

// AuditEvent is one line of an organisation's audit log: logins, failed
// logins, role changes, postings, reversals, lock-date changes, exports,
// verifications. The log is append-only.
type AuditEvent struct {
	Org    ledger.OrgID // 0 for events outside any organisation (a failed login)
	Seq    int64        // assigned by the store, per organisation
	Time   time.Time
	User   UserID // 0 when unknown (failed login for an unknown email)
	Action string // e.g. "login", "login_failed", "post", "reverse", "lock_date", "export", "verify", "role"
	Detail string // human-readable detail, e.g. "entry 2025/17"
	IP     string
}
