// Package app holds Hasap's use cases: create an organisation, post and
// reverse entries, import and export journals, verify the books, sign
// checkpoints, build reports, log users in and manage who may do what. Each
// use case takes the acting user, checks the tenant and the role
// (Authorize), works in one database transaction, writes the audit log, and
// is the only way the adapters (command line, web pages, JSON API) read or
// change the books. No business rule lives elsewhere.
package app

import (
	"context"
	"fmt"
	"sync"
	"time"

	"hasap/auth"
	"hasap/chart"
	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

// App is the set of use cases over one store.
type App struct {
	Store store.Store
	// Sessions holds the session timeouts; its Store is Store.
	Sessions auth.Sessions
	// Now is the clock; tests freeze it.
	Now func() time.Time
	// KeyPath is the file holding the ed25519 key that signs checkpoints.
	KeyPath string

	throttleOnce sync.Once
	logins       *auth.Throttle // per email and address
	totpCodes    *auth.Throttle // per user: codes tried from any address
	totpMu       sync.Mutex     // one TOTP check-and-record at a time (replay)
}

// New returns the use cases over s, signing checkpoints with the key at keyPath.
func New(s store.Store, keyPath string) *App {
	a := &App{Store: s, Now: time.Now, KeyPath: keyPath}
	a.throttles()
	return a
}

// throttles returns the login throttles, made on first use.
func (a *App) throttles() (logins, totp *auth.Throttle) {
	a.throttleOnce.Do(func() {
		a.logins = auth.NewThrottle(auth.ThrottleConfig{})
		a.totpCodes = auth.NewThrottle(auth.ThrottleConfig{})
	})
	return a.logins, a.totpCodes
}

// sessions returns the session rules over the store.
func (a *App) sessions() *auth.Sessions {
	s := a.Sessions
	s.Store = a.Store
	return &s
}

// CreateOrgInput describes a new organisation.
type CreateOrgInput struct {
	Code     string
	Name     string
	Chart    string              // cis, ifrs, empty; ignored when Accounts is set
	Accounts []ledger.Account    // a chart loaded from CSV
	Currency string              // base currency, TMT when empty
	Rates    map[string][]RateAt // initial exchange rates
}

// RateAt is a rate from a date on.
type RateAt struct {
	Date ledger.Date
	Rate money.Rate
}

// CreateOrg creates an organisation with a chart of accounts. System may
// create one; so may any person logged in with a session (not an API
// token), who becomes its owner: a business signs itself up, as on a hosted
// installation. The owner's membership is written right after the
// organisation; should that fail, the organisation is left without members
// (System can still add one), as the store cannot yet do both in one
// transaction.
func (a *App) CreateOrg(ctx context.Context, actor Actor, in CreateOrgInput) (ledger.Org, error) {
	if !actor.system && !actor.isUser() {
		if actor.apiOrg != 0 {
			return ledger.Org{}, errNotWithToken()
		}
		return ledger.Org{}, errLogIn()
	}
	cur := in.Currency
	if cur == "" {
		cur = "TMT"
	}
	c, err := money.Lookup(cur)
	if err != nil {
		return ledger.Org{}, ledger.Errorf(ledger.EInvalid, "unknown currency %q", cur)
	}
	accounts, chartName := in.Accounts, "csv"
	if accounts == nil {
		chartName = in.Chart
		if chartName == "" {
			chartName = "cis"
		}
		if accounts, err = chart.Builtin(chartName); err != nil {
			return ledger.Org{}, err
		}
	}
	org := ledger.Org{Code: in.Code, Name: in.Name, Currency: c, Chart: chartName, LockDate: ledger.NoDate, Created: a.Now().UTC().Truncate(time.Microsecond)}
	if err := a.Store.CreateOrg(ctx, &org, accounts); err != nil {
		return ledger.Org{}, err
	}
	if !actor.system {
		if err := a.Store.PutMembership(ctx, auth.Membership{Org: org.ID, User: actor.User, Role: auth.Owner}); err != nil {
			return ledger.Org{}, fmt.Errorf("create organisation %s: make its owner: %w", org.Code, err)
		}
	}
	rates := in.Rates
	if rates == nil && c.Code == "TMT" {
		rates = DefaultTMTRates()
	}
	var put []store.RateRow
	for code, rates := range rates {
		for _, r := range rates {
			put = append(put, store.RateRow{Currency: code, Date: r.Date, Rate: r.Rate})
		}
	}
	if err := a.Store.PutRates(ctx, org.ID, put); err != nil {
		return ledger.Org{}, err
	}
	detail := fmt.Sprintf("organisation %s (%s), chart %s, base currency %s", org.Code, org.Name, org.Chart, org.Currency.Code)
	return org, a.audit(ctx, actor, org.ID, ActOrgCreate, detail)
}

// Org returns the organisation orgCode, for an actor who may read its books.
func (a *App) Org(ctx context.Context, actor Actor, orgCode string) (ledger.Org, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	return org, err
}

// SetLockDate closes the books up to and including date (ledger.NoDate
// clears the lock date). Moving the lock date later needs SetLockDate (owner,
// chief accountant); moving it earlier or clearing it reopens a closed
// period and needs ReopenPeriod (owner).
func (a *App) SetLockDate(ctx context.Context, actor Actor, orgCode string, date ledger.Date) error {
	org, role, err := a.Authorize(ctx, actor, orgCode, auth.SetLockDate)
	if err != nil {
		return err
	}
	old := org.LockDate // NoDate is the smallest Date: clearing is moving back
	if date < old && !role.Can(auth.ReopenPeriod) {
		return ledger.Errorf(ledger.EForbidden, "your role in %s does not allow reopening a closed period", org.Code)
	}
	if err := a.Store.SetLockDate(ctx, org.ID, date); err != nil {
		return err
	}
	return a.audit(ctx, actor, org.ID, ActLockDate, dateOrNone(old)+" → "+dateOrNone(date))
}

func dateOrNone(d ledger.Date) string {
	if d == ledger.NoDate {
		return "none"
	}
	return d.String()
}

// PutRate records an exchange rate.
func (a *App) PutRate(ctx context.Context, actor Actor, orgCode, currency string, date ledger.Date, rate money.Rate) error {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.EditCatalogs)
	if err != nil {
		return err
	}
	if currency == org.Currency.Code {
		return ledger.Errorf(ledger.EInvalid, "%s is the base currency", currency)
	}
	if err := a.Store.PutRate(ctx, org.ID, currency, date, rate); err != nil {
		return err
	}
	return a.audit(ctx, actor, org.ID, ActRate, fmt.Sprintf("%s %s from %s", rate, currency, date))
}

// PutAccount adds an account to the chart, or changes one that has no
// postings (an account with postings can only be renamed or (de)activated).
func (a *App) PutAccount(ctx context.Context, actor Actor, orgCode string, acc ledger.Account) error {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.EditCatalogs)
	if err != nil {
		return err
	}
	if err := a.Store.PutAccount(ctx, org.ID, acc); err != nil {
		return err
	}
	return a.audit(ctx, actor, org.ID, ActAccount, fmt.Sprintf("account %s", acc.Code))
}

// CreateAnalytic adds an entry to an analytics catalog. Catalog entries are
// not audited: they carry no amounts, and entries name them.
func (a *App) CreateAnalytic(ctx context.Context, actor Actor, orgCode string, an *ledger.Analytic) error {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.EditCatalogs)
	if err != nil {
		return err
	}
	return a.Store.CreateAnalytic(ctx, org.ID, an)
}

// DefaultTMTRates is the Central Bank of Turkmenistan's official US dollar
// rate history that a new manat organisation starts with: 2.85 manat from
// the redenomination on 1 January 2009, 3.50 from 1 January 2015 (the
// current peg). Other rates are the organisation's to enter.
func DefaultTMTRates() map[string][]RateAt {
	return map[string][]RateAt{"USD": {
		{Date: ledger.DateOf(2009, 1, 1), Rate: money.MustRate("2.85")},
		{Date: ledger.DateOf(2015, 1, 1), Rate: money.MustRate("3.5")},
	}}
}
