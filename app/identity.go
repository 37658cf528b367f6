package app

import (
	"context"
	"fmt"
	"net/mail"
	"net/netip"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"hasap/auth"
	"hasap/i18n"
	"hasap/ledger"
)

// Limits on what a user types.
const (
	maxEmailBytes = 254 // RFC 5321's path limit less the brackets
	maxNameRunes  = 200
	maxTokenName  = 100
)

// OrgRole is an organisation and the actor's role in it.
type OrgRole struct {
	Org  ledger.Org
	Role auth.Role
}

// Member is a user of an organisation with their role there. User carries
// no secrets: its password hash and TOTP secret are blank.
type Member struct {
	User auth.User
	Role auth.Role
	TOTP bool // two-factor authentication is on
}

// publicUser blanks u's secrets, for returning a user out of this package.
func publicUser(u auth.User) auth.User {
	u.PasswordHash, u.TOTPSecret = "", ""
	return u
}

// NormalizeEmail returns email trimmed and in lower case if it is a plain
// address (no display name, no comments), else an EInvalid error.
func NormalizeEmail(email string) (string, error) {
	e := strings.ToLower(strings.TrimSpace(email))
	bad := ledger.Errorf(ledger.EInvalid, "%q is not an email address", email)
	if e == "" || len(e) > maxEmailBytes || !utf8.ValidString(e) {
		return "", bad
	}
	a, err := mail.ParseAddress(e)
	if err != nil || a.Address != e || a.Name != "" {
		return "", bad
	}
	local, domain, _ := strings.Cut(e, "@")
	if local == "" || !strings.Contains(domain, ".") || strings.HasPrefix(domain, "[") {
		return "", bad
	}
	return e, nil
}

// CreateUser creates a user who can log in with email and password. System
// may create users; so may a person who is an owner (may manage members) of
// some organisation, to add a colleague with AddMember next. The email is
// stored in lower case; the password must pass the policy (and not be built
// on the user's own email or name); lang is tk, ru or en ("" is en).
func (a *App) CreateUser(ctx context.Context, actor Actor, email, name, password, lang string) (auth.User, error) {
	if err := a.mayManageSomewhere(ctx, actor); err != nil {
		return auth.User{}, err
	}
	email, err := NormalizeEmail(email)
	if err != nil {
		return auth.User{}, err
	}
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > maxNameRunes || !utf8.ValidString(name) {
		return auth.User{}, ledger.Errorf(ledger.EInvalid, "the name must be 1 to %d characters", maxNameRunes)
	}
	if lang == "" {
		lang = "en"
	}
	if !i18n.Valid(lang) {
		return auth.User{}, ledger.Errorf(ledger.EInvalid, "unknown language %q (known: tk, ru, en)", lang)
	}
	hash, err := hashPassword(password, email, name)
	if err != nil {
		return auth.User{}, err
	}
	u := auth.User{Email: email, Name: name, PasswordHash: hash, Lang: lang, Created: a.Now().UTC().Truncate(time.Microsecond)}
	if err := a.Store.CreateUser(ctx, &u); err != nil {
		return auth.User{}, err
	}
	return publicUser(u), a.audit(ctx, actor, 0, ActUserCreate, "user "+email)
}

// hashPassword applies the policy, with the user's own words as related,
// and hashes pw.
func hashPassword(pw, email, name string) (string, error) {
	local, _, _ := strings.Cut(email, "@")
	if err := auth.ValidatePassword(pw, email, local, name); err != nil {
		return "", err
	}
	return auth.HashPassword(pw)
}

// mayManageSomewhere allows System, and a person who may manage the members
// of at least one organisation.
func (a *App) mayManageSomewhere(ctx context.Context, actor Actor) error {
	if actor.system {
		return nil
	}
	if actor.apiOrg != 0 {
		return errNotWithToken()
	}
	if actor.User == 0 {
		return errLogIn()
	}
	owned, err := a.managedOrgs(ctx, actor.User)
	if err != nil {
		return err
	}
	if len(owned) == 0 {
		return ledger.Errorf(ledger.EForbidden, "only an owner of an organisation may do this")
	}
	return nil
}

// managedOrgs returns the organisations whose members user may manage.
func (a *App) managedOrgs(ctx context.Context, user auth.UserID) (map[ledger.OrgID]bool, error) {
	ms, err := a.Store.Memberships(ctx, user)
	if err != nil {
		return nil, err
	}
	owned := map[ledger.OrgID]bool{}
	for _, m := range ms {
		if m.Role.Can(auth.ManageMembers) {
			owned[m.Org] = true
		}
	}
	return owned, nil
}

// AddMember gives the user with email the role in the organisation,
// replacing the role they had there. An organisation always keeps an
// owner: the last one cannot be given another role.
func (a *App) AddMember(ctx context.Context, actor Actor, orgCode, email string, role auth.Role) error {
	org, _, err := a.authorizeUser(ctx, actor, orgCode, auth.ManageMembers)
	if err != nil {
		return err
	}
	if !role.Valid() {
		return ledger.Errorf(ledger.EInvalid, "unknown role %q", string(role))
	}
	u, err := a.userByEmail(ctx, email)
	if err != nil {
		return err
	}
	old, err := a.Store.Membership(ctx, org.ID, u.ID)
	switch {
	case ledger.IsCode(err, ledger.ENotFound):
		old = auth.Membership{}
	case err != nil:
		return err
	case old.Role == role:
		return nil
	case old.Role == auth.Owner:
		if err := a.keepAnOwner(ctx, org, u.ID); err != nil {
			return err
		}
	}
	if err := a.Store.PutMembership(ctx, auth.Membership{Org: org.ID, User: u.ID, Role: role}); err != nil {
		return err
	}
	if old.Role == "" {
		return a.audit(ctx, actor, org.ID, ActMemberAdd, fmt.Sprintf("%s as %s", u.Email, role))
	}
	return a.audit(ctx, actor, org.ID, ActRole, fmt.Sprintf("%s: %s → %s", u.Email, old.Role, role))
}

// RemoveMember takes the user with email out of the organisation. The last
// owner cannot be removed.
func (a *App) RemoveMember(ctx context.Context, actor Actor, orgCode, email string) error {
	org, _, err := a.authorizeUser(ctx, actor, orgCode, auth.ManageMembers)
	if err != nil {
		return err
	}
	u, err := a.userByEmail(ctx, email)
	if err != nil {
		return err
	}
	m, err := a.Store.Membership(ctx, org.ID, u.ID)
	if ledger.IsCode(err, ledger.ENotFound) {
		return errNoMember(u.Email, org.Code)
	}
	if err != nil {
		return err
	}
	if m.Role == auth.Owner {
		if err := a.keepAnOwner(ctx, org, u.ID); err != nil {
			return err
		}
	}
	if err := a.Store.RemoveMembership(ctx, org.ID, u.ID); err != nil {
		return err
	}
	return a.audit(ctx, actor, org.ID, ActMemberRemove, fmt.Sprintf("%s (was %s)", u.Email, m.Role))
}

func errNoMember(email, org string) error {
	return ledger.Errorf(ledger.ENotFound, "%s is not a member of %s", email, org)
}

// keepAnOwner refuses to take the owner role from user when they are the
// organisation's only owner. Two owners demoting each other at once can
// still leave none; System can then add one.
func (a *App) keepAnOwner(ctx context.Context, org ledger.Org, user auth.UserID) error {
	members, err := a.Store.OrgMembers(ctx, org.ID)
	if err != nil {
		return err
	}
	for _, m := range members {
		if m.Role == auth.Owner && m.User != user {
			return nil
		}
	}
	return ledger.Errorf(ledger.EConflict, "%s must keep at least one owner", org.Code)
}

// userByEmail finds a user by email, with one message for a malformed and
// an unknown address.
func (a *App) userByEmail(ctx context.Context, email string) (auth.User, error) {
	e, err := NormalizeEmail(email)
	if err != nil {
		return auth.User{}, err
	}
	u, err := a.Store.UserByEmail(ctx, e)
	if ledger.IsCode(err, ledger.ENotFound) {
		return auth.User{}, ledger.Errorf(ledger.ENotFound, "no user has email %s", e)
	}
	return u, err
}

// Members lists an organisation's members and their roles, by email, for
// those who manage members or read the audit log (owners, auditors).
func (a *App) Members(ctx context.Context, actor Actor, orgCode string) ([]Member, error) {
	org, role, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return nil, err
	}
	if !role.Can(auth.ManageMembers) && !role.Can(auth.ReadAudit) {
		return nil, ledger.Errorf(ledger.EForbidden, "your role in %s does not allow this", org.Code)
	}
	ms, err := a.Store.OrgMembers(ctx, org.ID)
	if err != nil {
		return nil, err
	}
	out := make([]Member, 0, len(ms))
	for _, m := range ms {
		u, err := a.Store.User(ctx, m.User)
		if err != nil {
			return nil, err
		}
		out = append(out, Member{User: publicUser(u), Role: m.Role, TOTP: u.TOTPSecret != ""})
	}
	slices.SortFunc(out, func(x, y Member) int { return strings.Compare(x.User.Email, y.User.Email) })
	return out, nil
}

// ResetPassword sets a new password for the user with email and logs them
// out everywhere. System may reset anyone's; a person only the password of
// a user all of whose organisations they manage: otherwise an owner of one
// organisation could take over a member's access to another.
func (a *App) ResetPassword(ctx context.Context, actor Actor, email, newPassword string) error {
	if err := a.mayManageSomewhere(ctx, actor); err != nil {
		return err
	}
	u, err := a.userByEmail(ctx, email)
	if err != nil {
		return err
	}
	orgs, err := a.mayResetUser(ctx, actor, u)
	if err != nil {
		return err
	}
	hash, err := hashPassword(newPassword, u.Email, u.Name)
	if err != nil {
		return err
	}
	u.PasswordHash = hash
	if err := a.Store.UpdateUser(ctx, u); err != nil {
		return err
	}
	sess := a.sessions()
	if err := sess.LogoutEverywhere(ctx, u.ID); err != nil {
		return err
	}
	if actor.system {
		return a.auditUser(ctx, u.ID, actor.IP, ActPasswordReset, "by the operator: "+u.Email)
	}
	for _, org := range orgs {
		if err := a.audit(ctx, actor, org, ActPasswordReset, u.Email); err != nil {
			return err
		}
	}
	return nil
}

// mayResetUser returns the organisations of u, if actor manages them all.
// The refusal is the same ENotFound as for an unknown email when actor
// shares no organisation with u.
func (a *App) mayResetUser(ctx context.Context, actor Actor, u auth.User) ([]ledger.OrgID, error) {
	if actor.system {
		return nil, nil
	}
	owned, err := a.managedOrgs(ctx, actor.User)
	if err != nil {
		return nil, err
	}
	ms, err := a.Store.Memberships(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	var orgs []ledger.OrgID
	foreign := false
	for _, m := range ms {
		if owned[m.Org] {
			orgs = append(orgs, m.Org)
		} else {
			foreign = true
		}
	}
	if len(orgs) == 0 {
		return nil, ledger.Errorf(ledger.ENotFound, "no user has email %s", u.Email)
	}
	if foreign {
		return nil, ledger.Errorf(ledger.EForbidden, "only the operator can reset the password of %s", u.Email)
	}
	return orgs, nil
}

// errBadLogin is the one answer to an unknown email and a wrong password.
func errBadLogin() error {
	return ledger.Errorf(ledger.EUnauthorized, "wrong email or password")
}

// Login checks email and password (and, for a user with two-factor
// authentication, the TOTP code), starts a session, and returns its token
// and the user. oldToken is the session cookie the browser came with
// (possibly planted): its session ends, so the token is rotated at login.
//
// Attempts are throttled per email and client address (and TOTP codes per
// user): past a few failures each one waits longer, and a refused attempt
// says how long. An unknown email costs the same hashing as a wrong
// password and gets the same error. Both outcomes are audited.
func (a *App) Login(ctx context.Context, email, password, totpCode, ip, oldToken string) (token string, u auth.User, err error) {
	now := a.Now()
	email = strings.ToLower(strings.TrimSpace(email))
	addr, _ := netip.ParseAddr(ip) // an unparsable address counts as the zero one
	key := auth.LoginKey(email, addr)
	logins, _ := a.throttles()
	tried := email
	if _, err := NormalizeEmail(email); err != nil {
		tried = "(not an email address)" // perhaps a password typed in the wrong field: keep it out of the log
	}
	failed := func(user auth.UserID, why string, err error) (string, auth.User, error) {
		logins.Fail(key, now)
		aerr := a.appendAudit(ctx, auth.AuditEvent{User: user, Action: ActLoginFailed, Detail: why + ": " + tried, IP: ip})
		if aerr != nil {
			return "", auth.User{}, aerr
		}
		return "", auth.User{}, err
	}
	if wait := logins.Allow(key, now); wait > 0 {
		secs := int64((wait + time.Second - 1) / time.Second)
		if aerr := a.appendAudit(ctx, auth.AuditEvent{Action: ActLoginFailed, Detail: "throttled: " + tried, IP: ip}); aerr != nil {
			return "", auth.User{}, aerr
		}
		return "", auth.User{}, ledger.Errorf(ledger.EUnauthorized, "too many attempts, try again in %d s", secs)
	}
	u, err = a.Store.UserByEmail(ctx, email)
	if ledger.IsCode(err, ledger.ENotFound) {
		auth.DummyCheckPassword(password)
		return failed(0, "unknown email", errBadLogin())
	}
	if err != nil {
		return "", auth.User{}, err
	}
	ok, rehash, err := auth.CheckPassword(u.PasswordHash, password)
	if err != nil {
		return "", auth.User{}, fmt.Errorf("login %s: %w", email, err)
	}
	if !ok {
		return failed(u.ID, "wrong password", errBadLogin())
	}
	if u.Disabled {
		return failed(u.ID, "disabled", ledger.Errorf(ledger.EUnauthorized, "this account is disabled"))
	}
	if u.TOTPSecret != "" {
		if u, err = a.checkLoginTOTP(ctx, u, totpCode, now); err != nil {
			if ledger.IsCode(err, ledger.EUnauthorized) {
				return failed(u.ID, "two-factor code", err)
			}
			return "", auth.User{}, err
		}
	}
	if rehash {
		if u.PasswordHash, err = auth.HashPassword(password); err != nil {
			return "", auth.User{}, err
		}
		if err := a.Store.UpdateUser(ctx, u); err != nil {
			return "", auth.User{}, err
		}
	}
	sess := a.sessions()
	token, _, err = sess.Login(ctx, u.ID, oldToken, now)
	if err != nil {
		return "", auth.User{}, err
	}
	logins.Succeed(key)
	return token, publicUser(u), a.auditUser(ctx, u.ID, ip, ActLogin, "")
}

// checkLoginTOTP checks code against u's secret, refusing a code of a step
// already used (replay), and records the step. It returns u as stored
// after that. One check-and-record runs at a time, so that two logins
// racing with the same code cannot both pass.
func (a *App) checkLoginTOTP(ctx context.Context, u auth.User, code string, now time.Time) (auth.User, error) {
	if strings.TrimSpace(code) == "" {
		return u, ledger.Errorf(ledger.EUnauthorized, "enter the code from your authenticator app")
	}
	_, codes := a.throttles()
	key := auth.ThrottleKey{Account: fmt.Sprintf("totp:%d", u.ID)}
	if wait := codes.Allow(key, now); wait > 0 {
		secs := int64((wait + time.Second - 1) / time.Second)
		return u, ledger.Errorf(ledger.EUnauthorized, "too many attempts, try again in %d s", secs)
	}
	a.totpMu.Lock()
	defer a.totpMu.Unlock()
	u, err := a.Store.User(ctx, u.ID) // the last step as stored now
	if err != nil {
		return u, err
	}
	step, ok := auth.CheckTOTP(u.TOTPSecret, code, now, u.TOTPLastStep)
	if !ok {
		codes.Fail(key, now)
		return u, ledger.Errorf(ledger.EUnauthorized, "the code is wrong or was already used")
	}
	codes.Succeed(key)
	u.TOTPLastStep = step
	return u, a.Store.UpdateUser(ctx, u)
}

// Logout ends the session of token, if there is one, and audits it.
func (a *App) Logout(ctx context.Context, token string) error {
	if !auth.ValidToken(token) {
		return nil
	}
	s, err := a.Store.GetSession(ctx, auth.TokenHash(token))
	if ledger.IsCode(err, ledger.ENotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	sess := a.sessions()
	if err := sess.Logout(ctx, token); err != nil {
		return err
	}
	return a.auditUser(ctx, s.UserID, "", ActLogout, "")
}

// SweepSessions deletes the sessions that have expired and says how many;
// the server runs it periodically (hourly is plenty).
func (a *App) SweepSessions(ctx context.Context) (int, error) {
	return a.sessions().Sweep(ctx, a.Now())
}

// Authenticate returns the actor of a session token coming from ip: the
// session must be live (not past its idle or absolute timeout) and its
// user enabled. Any failure is EUnauthorized: log in again.
func (a *App) Authenticate(ctx context.Context, token, ip string) (Actor, error) {
	sess := a.sessions()
	s, err := sess.Validate(ctx, token, a.Now())
	if ledger.IsCode(err, ledger.ENotFound) {
		return Actor{}, ledger.Errorf(ledger.EUnauthorized, "no such session; please log in")
	}
	if err != nil {
		return Actor{}, err
	}
	u, err := a.Store.User(ctx, s.UserID)
	if ledger.IsCode(err, ledger.ENotFound) {
		return Actor{}, ledger.Errorf(ledger.EUnauthorized, "no such session; please log in")
	}
	if err != nil {
		return Actor{}, err
	}
	if u.Disabled {
		return Actor{}, ledger.Errorf(ledger.EUnauthorized, "this account is disabled")
	}
	display := strings.TrimSpace(u.Name)
	if display == "" {
		display = u.Email
	}
	return Actor{User: u.ID, Name: u.Email, Display: display, IP: ip, Lang: u.Lang}, nil
}

// AuthenticateAPI returns the actor of an API token coming from ip, and the
// organisation the token belongs to: the actor acts there alone, with the
// role its user has there now. A malformed, unknown, expired or orphaned
// token (its user disabled or no longer a member) is EUnauthorized.
func (a *App) AuthenticateAPI(ctx context.Context, apiToken, ip string) (Actor, ledger.OrgID, error) {
	invalid := ledger.Errorf(ledger.EUnauthorized, "the API token is not valid")
	if !auth.ValidAPIToken(apiToken) {
		return Actor{}, 0, invalid
	}
	t, err := a.Store.APITokenByHash(ctx, auth.TokenHash(apiToken))
	if ledger.IsCode(err, ledger.ENotFound) {
		return Actor{}, 0, invalid
	}
	if err != nil {
		return Actor{}, 0, err
	}
	now := a.Now().UTC()
	if !t.Expires.IsZero() && !now.Before(t.Expires) {
		return Actor{}, 0, ledger.Errorf(ledger.EUnauthorized, "the API token has expired")
	}
	u, err := a.Store.User(ctx, t.User)
	if err != nil {
		if ledger.IsCode(err, ledger.ENotFound) {
			return Actor{}, 0, invalid
		}
		return Actor{}, 0, err
	}
	if u.Disabled {
		return Actor{}, 0, ledger.Errorf(ledger.EUnauthorized, "this account is disabled")
	}
	if _, err := a.Store.Membership(ctx, t.Org, u.ID); err != nil {
		if ledger.IsCode(err, ledger.ENotFound) {
			return Actor{}, 0, invalid
		}
		return Actor{}, 0, err
	}
	if now.Sub(t.LastUsed) >= auth.DefaultTouchInterval {
		if err := a.Store.TouchAPIToken(ctx, t.Org, t.ID, now); err != nil {
			return Actor{}, 0, err
		}
	}
	return Actor{User: u.ID, Name: u.Email, Display: u.Name, IP: ip, Lang: u.Lang, apiOrg: t.Org, apiToken: t.ID}, t.Org, nil
}

// CreateAPIToken makes an API token for the actor in the organisation: a
// program holding it acts there, and only there, with the actor's role.
// The token is returned once; only its hash is kept. An API token cannot
// make another.
func (a *App) CreateAPIToken(ctx context.Context, actor Actor, orgCode, name string) (string, error) {
	if actor.system {
		return "", ledger.Errorf(ledger.EInvalid, "an API token acts for a user: log in as one to make it")
	}
	org, _, err := a.authorizeUser(ctx, actor, orgCode, auth.ManageAPITokens)
	if err != nil {
		return "", err
	}
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > maxTokenName || !utf8.ValidString(name) {
		return "", ledger.Errorf(ledger.EInvalid, "the token's name must be 1 to %d characters", maxTokenName)
	}
	token, err := auth.NewAPIToken()
	if err != nil {
		return "", err
	}
	t := auth.APIToken{Hash: auth.TokenHash(token), Org: org.ID, User: actor.User, Name: name, Created: a.Now().UTC().Truncate(time.Microsecond)}
	if err := a.Store.CreateAPIToken(ctx, &t); err != nil {
		return "", err
	}
	return token, a.audit(ctx, actor, org.ID, ActAPITokenCreate, fmt.Sprintf("token %d %q", t.ID, name))
}

// APITokens lists the organisation's API tokens that the actor may see:
// their own, or all of them for an owner. Hashes are blank.
func (a *App) APITokens(ctx context.Context, actor Actor, orgCode string) ([]auth.APIToken, error) {
	org, role, err := a.authorizeUser(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return nil, err
	}
	all, err := a.Store.APITokens(ctx, org.ID)
	if err != nil {
		return nil, err
	}
	var out []auth.APIToken
	for _, t := range all {
		if t.User == actor.User || role.Can(auth.ManageMembers) {
			t.Hash = [32]byte{}
			out = append(out, t)
		}
	}
	return out, nil
}

// DeleteAPIToken revokes the organisation's API token id: the actor's own,
// or anyone's for an owner.
func (a *App) DeleteAPIToken(ctx context.Context, actor Actor, orgCode string, tokenID int64) error {
	org, role, err := a.authorizeUser(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return err
	}
	all, err := a.Store.APITokens(ctx, org.ID)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(all, func(t auth.APIToken) bool { return t.ID == tokenID })
	if i < 0 {
		return ledger.Errorf(ledger.ENotFound, "API token %d does not exist", tokenID)
	}
	if all[i].User != actor.User && !role.Can(auth.ManageMembers) {
		return ledger.Errorf(ledger.EForbidden, "your role in %s does not allow this", org.Code)
	}
	if err := a.Store.DeleteAPIToken(ctx, org.ID, tokenID); err != nil {
		return err
	}
	return a.audit(ctx, actor, org.ID, ActAPITokenDelete, fmt.Sprintf("token %d %q", tokenID, all[i].Name))
}

// MyOrgs lists the organisations the actor belongs to, with their role,
// ordered by code: for System every organisation (as owner), for an API
// token its own organisation alone.
func (a *App) MyOrgs(ctx context.Context, actor Actor) ([]OrgRole, error) {
	if actor.system {
		orgs, err := a.Store.Orgs(ctx)
		if err != nil {
			return nil, err
		}
		out := make([]OrgRole, len(orgs))
		for i, o := range orgs {
			out[i] = OrgRole{Org: o, Role: auth.Owner}
		}
		return out, nil
	}
	if actor.User == 0 {
		return nil, errLogIn()
	}
	ms, err := a.Store.Memberships(ctx, actor.User)
	if err != nil {
		return nil, err
	}
	memo := memoOf(ctx, actor)
	var out []OrgRole
	for _, m := range ms {
		if actor.apiOrg != 0 && m.Org != actor.apiOrg {
			continue
		}
		o, err := a.Store.Org(ctx, m.Org)
		if err != nil {
			return nil, err
		}
		memo.put(o, m.Role)
		out = append(out, OrgRole{Org: o, Role: m.Role})
	}
	slices.SortFunc(out, func(x, y OrgRole) int { return strings.Compare(x.Org.Code, y.Org.Code) })
	return out, nil
}

// EnableTOTP turns on two-factor authentication for the actor (a person
// with a session) with secret (from auth.NewTOTPSecret, shown to them as
// a QR code), once code proves their app has it. It logs them out
// everywhere: the browser that did it logs in again, with a code.
func (a *App) EnableTOTP(ctx context.Context, actor Actor, secret, code string) error {
	u, err := a.actingUser(ctx, actor)
	if err != nil {
		return err
	}
	if u.TOTPSecret != "" {
		return ledger.Errorf(ledger.EConflict, "two-factor authentication is already on")
	}
	step, ok := auth.CheckTOTP(secret, code, a.Now(), 0)
	if !ok {
		return ledger.Errorf(ledger.EInvalid, "the code is wrong or was already used")
	}
	u.TOTPSecret, u.TOTPLastStep = strings.ToUpper(strings.ReplaceAll(secret, " ", "")), step
	return a.changeTOTP(ctx, actor, u, ActTOTPOn)
}

// DisableTOTP turns two-factor authentication off for the actor, who
// proves with a current code that it is they (a stolen session alone cannot
// turn it off). It logs them out everywhere. An owner of an organisation
// that requires two-factor authentication cannot turn it off.
func (a *App) DisableTOTP(ctx context.Context, actor Actor, code string) error {
	u, err := a.actingUser(ctx, actor)
	if err != nil {
		return err
	}
	if u.TOTPSecret == "" {
		return ledger.Errorf(ledger.EConflict, "two-factor authentication is already off")
	}
	if err := a.keepTOTP(ctx, u.ID); err != nil {
		return err
	}
	a.totpMu.Lock()
	defer a.totpMu.Unlock()
	if err := a.checkOwnCode(u, code); err != nil {
		return err
	}
	u.TOTPSecret, u.TOTPLastStep = "", 0
	return a.changeTOTP(ctx, actor, u, ActTOTPOff)
}

func (a *App) changeTOTP(ctx context.Context, actor Actor, u auth.User, action string) error {
	if err := a.Store.UpdateUser(ctx, u); err != nil {
		return err
	}
	sess := a.sessions()
	if err := sess.LogoutEverywhere(ctx, u.ID); err != nil {
		return err
	}
	return a.auditUser(ctx, u.ID, actor.IP, action, "")
}

// actingUser returns the user a person with a session acts as.
func (a *App) actingUser(ctx context.Context, actor Actor) (auth.User, error) {
	if actor.apiOrg != 0 {
		return auth.User{}, errNotWithToken()
	}
	if actor.system || actor.User == 0 {
		return auth.User{}, errLogIn()
	}
	return a.Store.User(ctx, actor.User)
}
