package app

import (
	"context"
	"fmt"

	"hasap/auth"
	"hasap/ledger"
	"hasap/store"
)

// The audit actions the use cases write. Web pages and tests match them.
const (
	ActLogin          = "login"
	ActLoginFailed    = "login_failed"
	ActLogout         = "logout"
	ActOrgCreate      = "org_create"
	ActUserCreate     = "user_create"
	ActMemberAdd      = "member_add"
	ActRole           = "role"
	ActMemberRemove   = "member_remove"
	ActPasswordReset  = "password_reset"
	ActTOTPOn         = "totp_on"
	ActTOTPOff        = "totp_off"
	ActAPITokenCreate = "api_token_create"
	ActAPITokenDelete = "api_token_delete"
	ActPost           = "post"
	ActReverse        = "reverse"
	ActStorno         = "storno"
	ActImport         = "import"
	ActLockDate       = "lock_date"
	ActRate           = "rate"
	ActAccount        = "account"
	ActExport         = "export"
	ActVerify         = "verify"
	ActCheckpoint     = "checkpoint"
)

// Limits of one page of the audit log: the store's.
const (
	DefaultAuditPage = store.DefaultAuditLimit
	MaxAuditPage     = store.MaxAuditLimit
)

// Audit lists the organisation's audit log, newest first, with sequence
// numbers below beforeSeq (0: from the newest), at most limit events
// (DefaultAuditPage when limit ≤ 0, never more than MaxAuditPage). Owners
// and auditors may read it. System may also read the installation's own
// log (failed logins, users created) by passing orgCode "".
func (a *App) Audit(ctx context.Context, actor Actor, orgCode string, beforeSeq int64, limit int) ([]auth.AuditEvent, error) {
	var org ledger.OrgID
	if orgCode != "" || !actor.system {
		o, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadAudit)
		if err != nil {
			return nil, err
		}
		org = o.ID
	}
	if limit <= 0 {
		limit = DefaultAuditPage
	}
	limit = min(limit, MaxAuditPage)
	return a.Store.Audit(ctx, org, beforeSeq, limit)
}

// audit appends one event to org's log (0: the installation's), done by
// actor. The store cannot yet append it in the transaction of the act
// itself, so it follows the commit: an error here means the act is done
// but unrecorded, and is returned so that the caller knows.
func (a *App) audit(ctx context.Context, actor Actor, org ledger.OrgID, action, detail string) error {
	return a.appendAudit(ctx, a.auditEvent(actor, org, action, detail))
}

// auditEvent describes what actor did in org, naming the API token it
// used, if any.
func (a *App) auditEvent(actor Actor, org ledger.OrgID, action, detail string) auth.AuditEvent {
	if actor.apiToken != 0 {
		detail += fmt.Sprintf(" (API token %d)", actor.apiToken)
	}
	return auth.AuditEvent{Org: org, Time: a.Now().UTC(), User: actor.User, Action: action, Detail: detail, IP: actor.IP}
}

func (a *App) appendAudit(ctx context.Context, e auth.AuditEvent) error {
	e.Time = a.Now().UTC()
	if err := a.Store.AppendAudit(ctx, &e); err != nil {
		return fmt.Errorf("audit %s: %w", e.Action, err)
	}
	return nil
}

// auditUser records an event about a user's own account (login, logout,
// password, two-factor) in the log of every organisation the user belongs
// to, so that their owners and auditors see it, or in the installation's
// log when the user belongs to none.
func (a *App) auditUser(ctx context.Context, user auth.UserID, ip, action, detail string) error {
	ms, err := a.Store.Memberships(ctx, user)
	if err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	orgs := []ledger.OrgID{0}
	if len(ms) > 0 {
		orgs = orgs[:0]
		for _, m := range ms {
			orgs = append(orgs, m.Org)
		}
	}
	for _, org := range orgs {
		if err := a.appendAudit(ctx, auth.AuditEvent{Org: org, User: user, Action: action, Detail: detail, IP: ip}); err != nil {
			return err
		}
	}
	return nil
}
