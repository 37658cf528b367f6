package app

import (
	"context"
	"strings"

	"hasap/auth"
	"hasap/ledger"
	"hasap/store"
)

// ControlState is what the page of the lock date and verification shows:
// the organisation (with its lock date), the actor's role there, the head
// of its chain, and the newest verification in its audit log.
type ControlState struct {
	Org  ledger.Org
	Role auth.Role
	// Entries is the number of entries in the chain (the last seq); Head
	// is the hash of the last one (zero when there are none).
	Entries int64
	Head    ledger.Hash
	// LastVerify is the newest verification, nil when there was none or
	// the role may neither verify nor read the audit log.
	LastVerify *AuditRow
}

// Control returns the organisation's lock date, chain head and last
// verification, for anyone who may read its books.
func (a *App) Control(ctx context.Context, actor Actor, orgCode string) (ControlState, error) {
	org, role, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return ControlState{}, err
	}
	head, err := a.Store.Head(ctx, org.ID)
	if err != nil {
		return ControlState{}, err
	}
	st := ControlState{Org: org, Role: role, Entries: head.Seq, Head: head.Hash}
	if !actor.system && !role.Can(auth.VerifyBooks) && !role.Can(auth.ReadAudit) {
		return st, nil
	}
	evs, err := a.Store.AuditWhere(ctx, org.ID, store.AuditFilter{Action: ActVerify, Limit: 1})
	if err != nil || len(evs) == 0 {
		return st, err
	}
	rows, err := a.auditRows(ctx, evs)
	if err != nil {
		return st, err
	}
	st.LastVerify = &rows[0]
	return st, nil
}

// AuditQuery selects a page of an organisation's audit log.
type AuditQuery struct {
	BeforeSeq int64  // events below this seq; 0: from the newest
	Limit     int    // DefaultAuditPage when ≤ 0, at most MaxAuditPage
	Action    string // one of the Act constants; "": any
	Email     string // only this user's events; "": anyone's
}

// AuditRow is an audit event with the email and name of its user (both ""
// for the system and for an unknown user).
type AuditRow struct {
	auth.AuditEvent
	Email, Name string
}

// Passed reports whether the event is a verification that passed (its
// detail starts with "ok:", as Verify writes it).
func (r AuditRow) Passed() bool { return strings.HasPrefix(r.Detail, "ok:") }

// AuditLog lists a page of the organisation's audit log, newest first, for
// owners and auditors, naming each event's user.
func (a *App) AuditLog(ctx context.Context, actor Actor, orgCode string, q AuditQuery) ([]AuditRow, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadAudit)
	if err != nil {
		return nil, err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultAuditPage
	}
	f := store.AuditFilter{BeforeSeq: q.BeforeSeq, Limit: min(limit, MaxAuditPage), Action: q.Action}
	if q.Email != "" {
		email, err := NormalizeEmail(q.Email)
		if err != nil {
			return nil, err
		}
		u, err := a.Store.UserByEmail(ctx, email)
		if ledger.IsCode(err, ledger.ENotFound) {
			return nil, nil // nobody by that address did anything here
		}
		if err != nil {
			return nil, err
		}
		f.User = u.ID
	}
	evs, err := a.Store.AuditWhere(ctx, org.ID, f)
	if err != nil {
		return nil, err
	}
	return a.auditRows(ctx, evs)
}

// auditRows names the users of evs, reading each user once.
func (a *App) auditRows(ctx context.Context, evs []auth.AuditEvent) ([]AuditRow, error) {
	users := map[auth.UserID]auth.User{}
	out := make([]AuditRow, len(evs))
	for i, e := range evs {
		out[i].AuditEvent = e
		if e.User == 0 {
			continue
		}
		u, ok := users[e.User]
		if !ok {
			var err error
			u, err = a.Store.User(ctx, e.User)
			if err != nil && !ledger.IsCode(err, ledger.ENotFound) {
				return nil, err
			}
			users[e.User] = u
		}
		out[i].Email, out[i].Name = u.Email, u.Name
	}
	return out, nil
}
