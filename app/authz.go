package app

import (
	"context"
	"fmt"

	"hasap/auth"
	"hasap/ledger"
)

// Actor is who acts: a logged-in user (from Authenticate), a program with
// an API token (from AuthenticateAPI), or the system itself (System: the
// operator's command line, the demo builder). Adapters get actors only from
// those three; the zero Actor is anonymous and may do nothing.
type Actor struct {
	User auth.UserID
	// Name is what entries record as their author: the user's email (unique
	// and stable, unlike a display name) or "system".
	Name string
	// Display is how pages greet a person: the user's name, or the email
	// when the user has none.
	Display string
	IP      string
	// Lang is the language the actor reads (tk, ru or en; "" is English):
	// texts the application writes into the books for them, such as a
	// reversal's description, are in it. Authenticate sets the user's;
	// an adapter may set the one of the request.
	Lang string

	system bool
	// apiOrg is the organisation of the API token the actor acts with; 0
	// for a browser session. Such an actor acts only in that organisation.
	apiOrg   ledger.OrgID
	apiToken int64
}

// System is the operator: commands typed on the server's command line. It
// passes every role check (it acts as an owner) and is still audited.
var System = Actor{Name: "system", system: true}

// IsSystem reports whether a is System.
func (a Actor) IsSystem() bool { return a.system }

// APIOrg returns the organisation of the API token a acts with, 0 when a
// does not act with an API token.
func (a Actor) APIOrg() ledger.OrgID { return a.apiOrg }

// isUser reports whether a is a person logged in through a session: not
// anonymous, not System, not an API token. Managing credentials (tokens,
// passwords, two-factor, members) needs such an actor, so that a leaked
// API token cannot entrench itself.
func (a Actor) isUser() bool { return !a.system && a.User != 0 && a.apiOrg == 0 }

// errNoOrg is the one answer for an organisation that does not exist and
// for one the actor is not a member of, so that nobody learns from it
// which other tenants exist.
func errNoOrg(code string) error {
	return ledger.Errorf(ledger.ENotFound, "organisation %s does not exist", code)
}

// errLogIn is the answer to an anonymous actor.
func errLogIn() error {
	return ledger.Errorf(ledger.EUnauthorized, "please log in")
}

// Authorize is the tenant and role check every use case starts with: it
// returns the organisation orgCode and the actor's role in it if the role
// grants p. System is allowed everything, as an owner. A user who is not a
// member (and an API token of another organisation) gets ENotFound, the
// same error as for an organisation that does not exist; a member whose
// role lacks p gets EForbidden; an anonymous actor EUnauthorized. In an
// organisation that requires owners to use two-factor authentication, an
// owner who has it off gets EForbidden for everything there (NeedsTOTP):
// turning it on is a use case of the user, not of the organisation.
func (a *App) Authorize(ctx context.Context, actor Actor, orgCode string, p auth.Permission) (ledger.Org, auth.Role, error) {
	if !actor.system && actor.User == 0 {
		return ledger.Org{}, "", errLogIn()
	}
	memo := memoOf(ctx, actor)
	if o, ok := memo.get(orgCode); ok {
		return a.grant(ctx, actor, o.Org, o.Role, p)
	}
	org, err := a.Store.OrgByCode(ctx, orgCode)
	if ledger.IsCode(err, ledger.ENotFound) {
		return ledger.Org{}, "", errNoOrg(orgCode)
	}
	if err != nil {
		return ledger.Org{}, "", err
	}
	if actor.system {
		return org, auth.Owner, nil
	}
	if actor.apiOrg != 0 && actor.apiOrg != org.ID {
		return ledger.Org{}, "", errNoOrg(orgCode)
	}
	m, err := a.Store.Membership(ctx, org.ID, actor.User)
	if ledger.IsCode(err, ledger.ENotFound) {
		return ledger.Org{}, "", errNoOrg(orgCode)
	}
	if err != nil {
		return ledger.Org{}, "", fmt.Errorf("authorize: %w", err)
	}
	memo.put(org, m.Role)
	return a.grant(ctx, actor, org, m.Role, p)
}

// grant is the end of Authorize for a member of org with role: the
// organisation's two-factor rule for owners, then the permission.
func (a *App) grant(ctx context.Context, actor Actor, org ledger.Org, role auth.Role, p auth.Permission) (ledger.Org, auth.Role, error) {
	if org.RequireTOTP && role == auth.Owner {
		if err := a.checkOwnerTOTP(ctx, actor.User); err != nil {
			return ledger.Org{}, "", err
		}
	}
	if !role.Can(p) {
		return ledger.Org{}, "", ledger.Errorf(ledger.EForbidden, "your role in %s does not allow this", org.Code)
	}
	return org, role, nil
}

// authorizeUser is Authorize for acts on credentials and membership: the
// actor must be System or a person with a session, never an API token.
func (a *App) authorizeUser(ctx context.Context, actor Actor, orgCode string, p auth.Permission) (ledger.Org, auth.Role, error) {
	org, role, err := a.Authorize(ctx, actor, orgCode, p)
	if err == nil && actor.apiOrg != 0 {
		return ledger.Org{}, "", errNotWithToken()
	}
	return org, role, err
}

func errNotWithToken() error {
	return ledger.Errorf(ledger.EForbidden, "this cannot be done with an API token; log in")
}
