package app

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"hasap/auth"
	"hasap/ledger"
	"hasap/store"
)

// The use cases of the members and profile pages: an owner manages who may
// do what in the organisation (roles, removal, temporary passwords, the
// rule that owners use two-factor authentication); a user manages their own
// password and two-factor authentication.

// Audit actions of these use cases.
const (
	ActRequireTOTP    = "require_totp"
	ActPasswordChange = "password_change"
)

const (
	totpSetupTimeout = 15 * time.Minute // how long a two-factor setup waits for its code
	totpIssuer       = "Hasap"          // the name authenticator apps show
)

// NeedsTOTP reports whether err is Authorize's refusal of an owner without
// two-factor authentication in an organisation that requires it: the page
// then shows the way to the profile.
func NeedsTOTP(err error) bool { return sameMessage(err, errTOTPRequired()) }

// WrongCurrentPassword reports whether err is ChangePassword's refusal of
// the current password, wrong or guessed too often (as opposed to a new
// password the policy refuses).
func WrongCurrentPassword(err error) bool {
	return sameMessage(err, errWrongCurrent()) || sameMessage(err, errTooMany(0))
}

// sameMessage reports whether err carries the message (code and format)
// of want.
func sameMessage(err, want error) bool {
	var e, w *ledger.Error
	return errors.As(err, &e) && errors.As(want, &w) && e.Code == w.Code && e.Format == w.Format
}

// errTOTPRequired is the refusal of an owner without two-factor
// authentication in an organisation that requires it.
func errTOTPRequired() error {
	return ledger.Errorf(ledger.EForbidden, "this organisation requires owners to use two-factor authentication; turn it on in your profile")
}

func errWrongCurrent() error { return ledger.Errorf(ledger.EInvalid, "the current password is wrong") }

func errTooMany(secs int64) error {
	return ledger.Errorf(ledger.EInvalid, "too many attempts, try again in %d s", secs)
}

// checkOwnerTOTP is the part of Authorize for organisations that require
// owners to use two-factor authentication: user, an owner there, must have
// it on.
func (a *App) checkOwnerTOTP(ctx context.Context, user auth.UserID) error {
	u, err := a.Store.User(ctx, user)
	if err != nil {
		return fmt.Errorf("authorize: %w", err)
	}
	if u.TOTPSecret == "" {
		return errTOTPRequired()
	}
	return nil
}

// MemberInfo is a member as the members page shows them.
type MemberInfo struct {
	Member
	LastLogin time.Time // their last login, as the organisation's audit log has it; zero for none
}

// MembersToManage lists the organisation's members, their roles, whether
// they use two-factor authentication and when they last logged in, for
// those who manage members (owners).
func (a *App) MembersToManage(ctx context.Context, actor Actor, orgCode string) ([]MemberInfo, error) {
	org, _, err := a.authorizeUser(ctx, actor, orgCode, auth.ManageMembers)
	if err != nil {
		return nil, err
	}
	ms, err := a.Members(ctx, actor, orgCode)
	if err != nil {
		return nil, err
	}
	out := make([]MemberInfo, len(ms))
	for i, m := range ms {
		out[i].Member = m
		evs, err := a.Store.AuditWhere(ctx, org.ID, store.AuditFilter{Limit: 1, Action: ActLogin, User: m.User.ID})
		if err != nil {
			return nil, err
		}
		if len(evs) > 0 {
			out[i].LastLogin = evs[0].Time
		}
	}
	return out, nil
}

// member returns the user with id and their membership of org; ENotFound
// for a user who is not a member there (or does not exist at all: nobody
// learns from it which users other organisations have).
func (a *App) member(ctx context.Context, org ledger.Org, id auth.UserID) (auth.User, auth.Membership, error) {
	m, err := a.Store.Membership(ctx, org.ID, id)
	if ledger.IsCode(err, ledger.ENotFound) {
		return auth.User{}, auth.Membership{}, ledger.Errorf(ledger.ENotFound, "no such member in %s", org.Code)
	}
	if err != nil {
		return auth.User{}, auth.Membership{}, err
	}
	u, err := a.Store.User(ctx, id)
	return u, m, err
}

// AddNewMember gives the user with email, who is not a member yet, the
// role in the organisation. Unlike AddMember it never changes the role of
// a member (SetRole does): an existing member is EConflict.
func (a *App) AddNewMember(ctx context.Context, actor Actor, orgCode, email string, role auth.Role) error {
	org, _, err := a.authorizeUser(ctx, actor, orgCode, auth.ManageMembers)
	if err != nil {
		return err
	}
	u, err := a.userByEmail(ctx, email)
	if err != nil {
		return err
	}
	switch _, err := a.Store.Membership(ctx, org.ID, u.ID); {
	case err == nil:
		return ledger.Errorf(ledger.EConflict, "%s is already a member of %s", u.Email, org.Code)
	case !ledger.IsCode(err, ledger.ENotFound):
		return err
	}
	return a.AddMember(ctx, actor, orgCode, u.Email, role)
}

// CreateMember creates a user with a temporary password (NewTempPassword)
// and makes them a member of the organisation with the role. The password
// is returned once, for the owner to hand over; the user then changes it.
func (a *App) CreateMember(ctx context.Context, actor Actor, orgCode, email, name, lang string, role auth.Role) (string, error) {
	if _, _, err := a.authorizeUser(ctx, actor, orgCode, auth.ManageMembers); err != nil {
		return "", err
	}
	if !role.Valid() {
		return "", ledger.Errorf(ledger.EInvalid, "unknown role %q", string(role))
	}
	pw, err := NewTempPassword()
	if err != nil {
		return "", err
	}
	u, err := a.CreateUser(ctx, actor, email, name, pw, lang)
	if err != nil {
		return "", err
	}
	return pw, a.AddMember(ctx, actor, orgCode, u.Email, role)
}

// SetRole changes the role of the member user in the organisation. Only an
// owner may make someone an owner or take the role from one, and the last
// owner keeps it. The change is audited as "email: old → new".
func (a *App) SetRole(ctx context.Context, actor Actor, orgCode string, user auth.UserID, role auth.Role) error {
	org, mine, err := a.authorizeUser(ctx, actor, orgCode, auth.ManageMembers)
	if err != nil {
		return err
	}
	if !role.Valid() {
		return ledger.Errorf(ledger.EInvalid, "unknown role %q", string(role))
	}
	u, m, err := a.member(ctx, org, user)
	if err != nil {
		return err
	}
	if m.Role == role {
		return nil
	}
	if (m.Role == auth.Owner || role == auth.Owner) && mine != auth.Owner {
		return ledger.Errorf(ledger.EForbidden, "only an owner may give or take the owner role")
	}
	if m.Role == auth.Owner {
		if err := a.keepAnOwner(ctx, org, u.ID); err != nil {
			return err
		}
	}
	if err := a.Store.PutMembership(ctx, auth.Membership{Org: org.ID, User: u.ID, Role: role}); err != nil {
		return err
	}
	return a.audit(ctx, actor, org.ID, ActRole, fmt.Sprintf("%s: %s → %s", u.Email, m.Role, role))
}

// RemoveMemberID is RemoveMember for the member with the user id.
func (a *App) RemoveMemberID(ctx context.Context, actor Actor, orgCode string, user auth.UserID) error {
	org, _, err := a.authorizeUser(ctx, actor, orgCode, auth.ManageMembers)
	if err != nil {
		return err
	}
	u, _, err := a.member(ctx, org, user)
	if err != nil {
		return err
	}
	return a.RemoveMember(ctx, actor, orgCode, u.Email)
}

// ResetMemberPassword gives the member user a new temporary password and
// ends all their sessions (ResetPassword, with its rule that the actor
// must manage every organisation of the user). The password is returned
// once, for the owner to hand over.
func (a *App) ResetMemberPassword(ctx context.Context, actor Actor, orgCode string, user auth.UserID) (string, error) {
	org, _, err := a.authorizeUser(ctx, actor, orgCode, auth.ManageMembers)
	if err != nil {
		return "", err
	}
	u, _, err := a.member(ctx, org, user)
	if err != nil {
		return "", err
	}
	pw, err := NewTempPassword()
	if err != nil {
		return "", err
	}
	return pw, a.ResetPassword(ctx, actor, u.Email, pw)
}

// tempAlphabet has no characters that are easily confused when read aloud
// or copied from paper: no 0/o, 1/l/i.
const tempAlphabet = "abcdefghjkmnpqrstuvwxyz23456789"

// NewTempPassword returns a random password for an owner to hand over:
// four groups of five letters and digits ("k7m2x-..."), about 99 bits.
func NewTempPassword() (string, error) {
	var b strings.Builder
	buf := make([]byte, 1)
	for i := 0; i < 20; {
		if _, err := rand.Read(buf); err != nil {
			return "", fmt.Errorf("temporary password: %w", err)
		}
		// Rejection sampling keeps every character equally likely.
		if int(buf[0]) >= 256/len(tempAlphabet)*len(tempAlphabet) {
			continue
		}
		if i > 0 && i%5 == 0 {
			b.WriteByte('-')
		}
		b.WriteByte(tempAlphabet[int(buf[0])%len(tempAlphabet)])
		i++
	}
	return b.String(), nil
}

// SetRequireTOTP sets whether the organisation's owners must use
// two-factor authentication; an owner without it is then refused
// everything in the organisation until they turn it on. Only an owner may
// change it, and turning it on needs two-factor authentication on the
// actor's own account first (otherwise they would lock themselves out).
func (a *App) SetRequireTOTP(ctx context.Context, actor Actor, orgCode string, on bool) error {
	org, role, err := a.authorizeUser(ctx, actor, orgCode, auth.ManageMembers)
	if err != nil {
		return err
	}
	if role != auth.Owner {
		return ledger.Errorf(ledger.EForbidden, "your role in %s does not allow this", org.Code)
	}
	if on && !actor.system {
		u, err := a.Store.User(ctx, actor.User)
		if err != nil {
			return err
		}
		if u.TOTPSecret == "" {
			return ledger.Errorf(ledger.EConflict, "turn on two-factor authentication for yourself first, or you would lock yourself out")
		}
	}
	if org.RequireTOTP == on {
		return nil
	}
	if err := a.Store.SetRequireTOTP(ctx, org.ID, on); err != nil {
		return err
	}
	return a.audit(ctx, actor, org.ID, ActRequireTOTP, map[bool]string{true: "on", false: "off"}[on])
}

// keepTOTP refuses to turn two-factor authentication off for an owner of
// an organisation that requires it.
func (a *App) keepTOTP(ctx context.Context, user auth.UserID) error {
	ms, err := a.Store.Memberships(ctx, user)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if m.Role != auth.Owner {
			continue
		}
		o, err := a.Store.Org(ctx, m.Org)
		if err != nil {
			return err
		}
		if o.RequireTOTP {
			return ledger.Errorf(ledger.EForbidden, "%s requires its owners to use two-factor authentication", o.Code)
		}
	}
	return nil
}

// ChangePassword sets the actor's own password after checking the current
// one, ends every session of theirs, and starts a new one for the browser
// that asked, whose token it returns. Wrong current passwords are
// throttled as logins are (a stolen session must not guess the password);
// WrongCurrentPassword tells that refusal from the policy's.
func (a *App) ChangePassword(ctx context.Context, actor Actor, current, newPassword string) (string, error) {
	u, err := a.actingUser(ctx, actor)
	if err != nil {
		return "", err
	}
	now := a.Now()
	logins, _ := a.throttles()
	key := auth.LoginKey(u.Email, actorAddr(actor))
	if wait := logins.Allow(key, now); wait > 0 {
		return "", errTooMany(int64((wait + time.Second - 1) / time.Second))
	}
	ok, _, err := auth.CheckPassword(u.PasswordHash, current)
	if err != nil {
		return "", fmt.Errorf("change password: %w", err)
	}
	if !ok {
		logins.Fail(key, now)
		return "", errWrongCurrent()
	}
	logins.Succeed(key)
	hash, err := hashPassword(newPassword, u.Email, u.Name)
	if err != nil {
		return "", err
	}
	u.PasswordHash = hash
	if err := a.Store.UpdateUser(ctx, u); err != nil {
		return "", err
	}
	sess := a.sessions()
	if err := sess.LogoutEverywhere(ctx, u.ID); err != nil {
		return "", err
	}
	token, _, err := sess.Login(ctx, u.ID, "", now)
	if err != nil {
		return "", err
	}
	return token, a.auditUser(ctx, u.ID, actor.IP, ActPasswordChange, "")
}

// actorAddr is the actor's client address (the zero one when unknown), for
// throttling.
func actorAddr(actor Actor) netip.Addr {
	addr, _ := netip.ParseAddr(actor.IP)
	return addr
}

// checkOwnCode checks a two-factor code the user typed to act on their own
// account (turning two-factor off), throttled per user as the codes of
// logins are: a stolen session must not try the million codes.
func (a *App) checkOwnCode(u auth.User, code string) error {
	now := a.Now()
	_, codes := a.throttles()
	key := auth.ThrottleKey{Account: fmt.Sprintf("totp:%d", u.ID)}
	if wait := codes.Allow(key, now); wait > 0 {
		return errTooMany(int64((wait + time.Second - 1) / time.Second))
	}
	if _, ok := auth.CheckTOTP(u.TOTPSecret, code, now, u.TOTPLastStep); !ok {
		codes.Fail(key, now)
		return ledger.Errorf(ledger.EInvalid, "the code is wrong or was already used")
	}
	codes.Succeed(key)
	return nil
}

// Profile is what a user sees of their own account.
type Profile struct {
	User auth.User // without secrets
	TOTP bool      // two-factor authentication is on
	Orgs []OrgRole
}

// MyProfile returns the actor's own account and organisations.
func (a *App) MyProfile(ctx context.Context, actor Actor) (Profile, error) {
	u, err := a.actingUser(ctx, actor)
	if err != nil {
		return Profile{}, err
	}
	orgs, err := a.MyOrgs(ctx, actor)
	if err != nil {
		return Profile{}, err
	}
	return Profile{User: publicUser(u), TOTP: u.TOTPSecret != "", Orgs: orgs}, nil
}

// TOTPSetup is a two-factor secret offered to a user: they put it in
// their authenticator app (typing Secret or scanning URI as a QR code) and
// confirm with a code and Ticket through ConfirmTOTP.
type TOTPSetup struct {
	Secret string // base32
	URI    string // otpauth://
	// Ticket carries the secret, the user and an expiry time, signed by
	// this process, so that ConfirmTOTP accepts only a secret made here for
	// this user, not one an attacker chose.
	Ticket string
}

// StartTOTP makes a new two-factor secret for the actor, who must not have
// one on yet. Nothing is stored until ConfirmTOTP.
func (a *App) StartTOTP(ctx context.Context, actor Actor) (TOTPSetup, error) {
	u, err := a.actingUser(ctx, actor)
	if err != nil {
		return TOTPSetup{}, err
	}
	if u.TOTPSecret != "" {
		return TOTPSetup{}, ledger.Errorf(ledger.EConflict, "two-factor authentication is already on")
	}
	secret, err := auth.NewTOTPSecret()
	if err != nil {
		return TOTPSetup{}, err
	}
	return a.totpSetup(u, secret, a.Now().Add(totpSetupTimeout)), nil
}

// TOTPSetupOf returns the setup of a ticket StartTOTP made for the actor,
// to show it again (after a wrong code), or an error when the ticket is
// not valid for them or has expired.
func (a *App) TOTPSetupOf(ctx context.Context, actor Actor, ticket string) (TOTPSetup, error) {
	u, err := a.actingUser(ctx, actor)
	if err != nil {
		return TOTPSetup{}, err
	}
	secret, expires, err := a.openTicket(u.ID, ticket)
	if err != nil {
		return TOTPSetup{}, err
	}
	return a.totpSetup(u, secret, expires), nil
}

func (a *App) totpSetup(u auth.User, secret string, expires time.Time) TOTPSetup {
	return TOTPSetup{Secret: secret, URI: auth.TOTPURI(totpIssuer, u.Email, secret), Ticket: sealTicket(u.ID, expires, secret)}
}

// ConfirmTOTP turns two-factor authentication on with the secret of the
// ticket from StartTOTP, once code proves the app has it (EnableTOTP: all
// the user's sessions end, and they log in again with a code).
func (a *App) ConfirmTOTP(ctx context.Context, actor Actor, ticket, code string) error {
	u, err := a.actingUser(ctx, actor)
	if err != nil {
		return err
	}
	secret, _, err := a.openTicket(u.ID, ticket)
	if err != nil {
		return err
	}
	return a.EnableTOTP(ctx, actor, secret, code)
}

// ticketKey signs two-factor setup tickets. It lives as long as the
// process: a setup open across a restart is simply started again.
var ticketKey = sync.OnceValue(func() []byte {
	k := make([]byte, 32)
	if _, err := rand.Read(k); err != nil {
		panic(fmt.Sprintf("ticket key: %v", err)) // crypto/rand does not fail on supported systems
	}
	return k
})

var ticketEncoding = base64.RawURLEncoding

func ticketMAC(payload string) []byte {
	m := hmac.New(sha256.New, ticketKey())
	m.Write([]byte("hasap totp setup\x00" + payload))
	return m.Sum(nil)
}

// sealTicket returns "user.expiry.secret.mac".
func sealTicket(user auth.UserID, expires time.Time, secret string) string {
	payload := fmt.Sprintf("%d.%d.%s", user, expires.Unix(), secret)
	return payload + "." + ticketEncoding.EncodeToString(ticketMAC(payload))
}

// openTicket checks a ticket's signature, user and expiry, and returns its
// secret and expiry time.
func (a *App) openTicket(user auth.UserID, ticket string) (string, time.Time, error) {
	expired := ledger.Errorf(ledger.EInvalid, "the two-factor setup has expired; start again")
	parts := strings.Split(ticket, ".")
	if len(parts) != 4 || len(ticket) > 200 {
		return "", time.Time{}, expired
	}
	payload := strings.Join(parts[:3], ".")
	mac, err := ticketEncoding.DecodeString(parts[3])
	if err != nil || !hmac.Equal(mac, ticketMAC(payload)) {
		return "", time.Time{}, expired
	}
	id, err1 := strconv.ParseInt(parts[0], 10, 64)
	exp, err2 := strconv.ParseInt(parts[1], 10, 64)
	if err1 != nil || err2 != nil || auth.UserID(id) != user {
		return "", time.Time{}, expired
	}
	expires := time.Unix(exp, 0).UTC()
	if !a.Now().Before(expires) {
		return "", time.Time{}, expired
	}
	return parts[2], expires, nil
}

// ResetTOTP turns two-factor authentication off for the user with email,
// who lost their authenticator app, and ends their sessions: they log in
// with their password and set it up again. Only the operator (System) may:
// an owner who could also reset the user's password would otherwise hold
// both factors of their account.
func (a *App) ResetTOTP(ctx context.Context, actor Actor, email string) error {
	if !actor.system {
		return ledger.Errorf(ledger.EForbidden, "only the operator can turn off two-factor authentication for another user")
	}
	u, err := a.userByEmail(ctx, email)
	if err != nil {
		return err
	}
	if u.TOTPSecret == "" {
		return ledger.Errorf(ledger.EConflict, "two-factor authentication is already off")
	}
	u.TOTPSecret, u.TOTPLastStep = "", 0
	if err := a.Store.UpdateUser(ctx, u); err != nil {
		return err
	}
	if err := a.sessions().LogoutEverywhere(ctx, u.ID); err != nil {
		return err
	}
	return a.auditUser(ctx, u.ID, actor.IP, ActTOTPOff, "by the operator: "+u.Email)
}
