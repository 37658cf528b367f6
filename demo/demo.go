// Package demo builds the demonstration organisation: "Ak Ýol Söwda" HJ, a
// wholesale trading company in Ashgabat with a branch warehouse in Mary,
// kept on the cis chart in manat, with a year of ordinary activity —
// purchases from Turkmen suppliers, imports from Turkey and China paid in US
// dollars, sales to shops and companies, payroll, rent, VAT, depreciation and
// the month and year close.
//
// The year is kept the way an accountant keeps it: in business documents,
// each drafted and posted at once with app.App.CreateAndPostDocument, so
// that numbering, roles, the audit log and the posting rules run as for a
// user who saves and posts. The opening balances are a document through 000; purchases are
// goods receipts and supplier invoices with input VAT (imports in US
// dollars); sales are invoices, waybills and acts with 15 % VAT whose cost
// of goods the sales rule takes at moving average; money moves by incoming
// and outgoing payments, cash receipt and expense orders and an advance
// report. What has no document type yet (payroll, depreciation, transfers
// between warehouses, buying dollars, customs VAT, bank charges, the VAT
// offset of imports and the closing of 26 and 44) is a manual operation;
// each month ends with the month close of the app (app.MonthClose and
// PostCloseStep: revaluation, 90 and 91 to 99, profit tax, in December the
// year close), which moves the lock date to the month's end. The
// demo is so also a realistic load and a check that the chart, the rules,
// validation, totals and reports work together. The books depend only on
// the period: the random generator (math/rand/v2, PCG) has a fixed seed,
// and nothing iterates a map to decide anything.
//
// Amounts are money.Amount minor units with checked arithmetic; the
// simulation rounds what it decides (an order's size, a salary's taxes)
// half away from zero, and the posting rules round VAT and costs per line.
// No float touches money here.
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
	// Year is a calendar year of activity, 1 January to 31 December; 0
	// means the twelve months that end with the app's today: from the
	// first day of the month eleven months back, to today.
	Year int
}

// Stats count what Build posted.
type Stats struct {
	Documents, Entries, Postings int
}

// Build creates the organisation Code with its catalogs and a year of
// documents, about 2 000. An organisation with that code already existing
// is EConflict. A failure part way leaves what was posted until then: the
// books stay consistent, only incomplete.
func Build(ctx context.Context, a *app.App, opts Options) (Stats, error) {
	if opts.Year != 0 && (opts.Year < 1900 || opts.Year > 9999) {
		return Stats{}, ledger.Errorf(ledger.EInvalid, "demo year %d is out of range", opts.Year)
	}
	first, last := period(opts.Year, ledger.DateOf(a.Now().UTC().Date()))
	org, err := a.CreateOrg(ctx, app.System, app.CreateOrgInput{
		Code: Code, Name: orgName, Chart: "cis", Currency: "TMT",
		Rates: map[string][]app.RateAt{"USD": {{Date: first, Rate: usdRate}}},
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
	s := newSim(ctx, a, chart, first, last)
	if err := s.createCatalogs(); err != nil {
		return s.stats, err
	}
	if err := s.run(); err != nil {
		return s.stats, err
	}
	return s.stats, nil
}

// period returns the first and last day of activity: the calendar year
// year, or with year 0 the twelve months ending today.
func period(year int, today ledger.Date) (first, last ledger.Date) {
	if year != 0 {
		return ledger.DateOf(year, time.January, 1), ledger.DateOf(year, time.December, 31)
	}
	y, m, _ := today.YMD()
	return ledger.DateOf(y, m-11, 1), today
}

// create adds a catalog entry through the app and sets its ID.
func (s *sim) create(an *ledger.Analytic) error {
	if err := s.app.CreateAnalytic(s.ctx, app.System, Code, an); err != nil {
		return fmt.Errorf("demo: create %s %s: %w", an.Kind, an.Code, err)
	}
	return nil
}
