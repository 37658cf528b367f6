// Package demo builds the demonstration organisation: "Ak Ýol Söwda" HJ, a
// wholesale trading company in Ashgabat with a branch warehouse in Mary,
// kept on the cis chart in manat, with a year of ordinary activity —
// purchases from Turkmen suppliers, imports from Turkey and China paid in US
// dollars, sales to shops and companies, payroll, rent, VAT, depreciation and
// the month's closing.
//
// Every entry goes through app.App.Post, the use case every user posts
// through, so the demo is also a realistic load and a check that the chart,
// validation, totals and reports work together. The books depend only on
// the year: the random generator (math/rand/v2, PCG) has a fixed seed, and
// nothing iterates a map to decide anything.
//
// Amounts are money.Amount minor units with checked arithmetic; taxes and
// costs are rounded half away from zero per document line. No float touches
// money here.
//
// The package uses only the app's use cases, and its Store for reading the
// organisation's chart; it must not import a store implementation,
// database/sql or net/http.
package demo

import (
	"context"
	"fmt"
	"time"

	"hasap/app"
	"hasap/ledger"
)

// Code is the code of the demo organisation.
const Code = "demo"

// orgName is the demo company: a business company (HJ) named "White Road Trade".
const orgName = `"Ak Ýol Söwda" HJ`

// Options choose what Build makes.
type Options struct {
	// Year is the calendar year of activity; 0 means last year by the
	// app's clock.
	Year int
}

// Stats count what Build posted.
type Stats struct {
	Entries, Postings int
}

// Build creates the organisation Code with its catalogs and a year of
// entries, about 2 500. An organisation with that code already existing is
// EConflict. A failure part way leaves what was posted until then: the
// books stay consistent, only incomplete.
func Build(ctx context.Context, a *app.App, opts Options) (Stats, error) {
	year := opts.Year
	if year == 0 {
		year = a.Now().Year() - 1
	}
	if year < 1900 || year > 9999 {
		return Stats{}, ledger.Errorf(ledger.EInvalid, "demo year %d is out of range", year)
	}
	org, err := a.CreateOrg(ctx, app.System, app.CreateOrgInput{
		Code: Code, Name: orgName, Chart: "cis", Currency: "TMT",
		Rates: map[string][]app.RateAt{"USD": {{Date: ledger.DateOf(year, time.January, 1), Rate: usdRate}}},
	})
	if err != nil {
		return Stats{}, fmt.Errorf("demo: create organisation: %w", err)
	}
	chart, err := a.Store.Chart(ctx, org.ID)
	if err != nil {
		return Stats{}, fmt.Errorf("demo: read chart: %w", err)
	}
	if err := checkChart(chart); err != nil {
		return Stats{}, err
	}
	s := newSim(ctx, a, chart, year)
	if err := s.createCatalogs(); err != nil {
		return s.stats, err
	}
	if err := s.run(); err != nil {
		return s.stats, err
	}
	return s.stats, nil
}

// create adds a catalog entry through the app and sets its ID.
func (s *sim) create(an *ledger.Analytic) error {
	if err := s.app.CreateAnalytic(s.ctx, app.System, Code, an); err != nil {
		return fmt.Errorf("demo: create %s %s: %w", an.Kind, an.Code, err)
	}
	return nil
}
