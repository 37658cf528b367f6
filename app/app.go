// Package app holds Hasap's use cases: create an organisation, post and
// reverse entries, import and export journals, verify the books, sign
// checkpoints, build reports. Each use case takes the acting user, works in
// one database transaction and is the only way the adapters (command line,
// web pages, JSON API) change the books. No business rule lives elsewhere.
package app

import (
	"context"
	"time"

	"hasap/chart"
	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

// Actor is who acts: a user, or the system itself (the command line run by
// the operator, the demo builder).
type Actor struct {
	Name string
}

// System is the actor for operator commands on the command line.
var System = Actor{Name: "system"}

// App is the set of use cases over one store.
type App struct {
	Store store.Store
	// Now is the clock; tests freeze it.
	Now func() time.Time
	// KeyPath is the file holding the ed25519 key that signs checkpoints.
	KeyPath string
}

// New returns the use cases over s, signing checkpoints with the key at keyPath.
func New(s store.Store, keyPath string) *App {
	return &App{Store: s, Now: time.Now, KeyPath: keyPath}
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

// CreateOrg creates an organisation with a chart of accounts.
func (a *App) CreateOrg(ctx context.Context, actor Actor, in CreateOrgInput) (ledger.Org, error) {
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
	rates := in.Rates
	if rates == nil && c.Code == "TMT" {
		rates = DefaultTMTRates()
	}
	for code, rates := range rates {
		for _, r := range rates {
			if err := a.Store.PutRate(ctx, org.ID, code, r.Date, r.Rate); err != nil {
				return ledger.Org{}, err
			}
		}
	}
	return org, nil
}

// Org finds an organisation by code.
func (a *App) Org(ctx context.Context, code string) (ledger.Org, error) {
	return a.Store.OrgByCode(ctx, code)
}

// SetLockDate closes the books up to and including date.
func (a *App) SetLockDate(ctx context.Context, actor Actor, orgCode string, date ledger.Date) error {
	org, err := a.Org(ctx, orgCode)
	if err != nil {
		return err
	}
	return a.Store.SetLockDate(ctx, org.ID, date)
}

// PutRate records an exchange rate.
func (a *App) PutRate(ctx context.Context, actor Actor, orgCode, currency string, date ledger.Date, rate money.Rate) error {
	org, err := a.Org(ctx, orgCode)
	if err != nil {
		return err
	}
	if currency == org.Currency.Code {
		return ledger.Errorf(ledger.EInvalid, "%s is the base currency", currency)
	}
	return a.Store.PutRate(ctx, org.ID, currency, date, rate)
}

// CreateAnalytic adds an entry to an analytics catalog.
func (a *App) CreateAnalytic(ctx context.Context, actor Actor, orgCode string, an *ledger.Analytic) error {
	org, err := a.Org(ctx, orgCode)
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
