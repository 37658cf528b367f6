package app

import (
	"context"

	"hasap/auth"
	"hasap/doc"
	"hasap/ledger"
	"hasap/money"
)

// What a currency revaluation revalued, for its document page and its
// printed form: each currency balance with its book value before the
// revaluation, its value at the period-end rate and the exchange
// difference posted, and each currency's rate with the one of the month
// before, so that an auditor can redo the difference by hand: balance in
// the currency × rate − book value = difference.

// RevaluationLine is one balance of an account kept in a currency, for one
// combination of analytics.
type RevaluationLine struct {
	Account   ledger.AccountCode
	Analytics [ledger.MaxAnalytics]ledger.AnalyticID
	Currency  string
	// CurAmount is the balance in the currency, Book its book value in the
	// base currency before the revaluation, both debit minus credit.
	CurAmount, Book money.Amount
	// Difference is what the revaluation moves the book value by (a debit
	// of the account positive), Revalued the book value after it: the
	// currency balance at the rate.
	Difference, Revalued money.Amount
}

// RevaluationRate is the rate of one currency on the revaluation's date
// and at the end of the month before.
type RevaluationRate struct {
	Currency string
	// Rate was set for Date, the last rate on or before the revaluation's
	// date; Previous for PreviousDate, the last on or before the end of
	// the month before (zero when there was none).
	Rate, Previous     money.Rate
	Date, PreviousDate ledger.Date
}

// Revaluation is what a revaluation document revalued (posted) or would
// revalue (a draft).
type Revaluation struct {
	Rates []RevaluationRate
	Lines []RevaluationLine
}

// RevaluationOf works out what the revaluation document id revalued: the
// balances of its date read from the totals, with its own entry taken out
// when it is posted (what its rule read when it posted, as long as no
// posting of that date came after it: the month close then shows the step
// out of date), and the rates of its date. A draft shows what posting it
// would revalue now. Anyone who reads the books may.
func (a *App) RevaluationOf(ctx context.Context, actor Actor, orgCode string, id int64) (Revaluation, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return Revaluation{}, err
	}
	sd, err := a.Store.Document(ctx, org.ID, id)
	if err != nil {
		return Revaluation{}, err
	}
	d, err := fromStore(sd)
	if err != nil {
		return Revaluation{}, err
	}
	if d.Type != doc.Revaluation {
		return Revaluation{}, ledger.Errorf(ledger.EInvalid, "document %d is not a currency revaluation", id)
	}
	settings, err := a.closingSettings(ctx, org)
	if err != nil {
		return Revaluation{}, err
	}
	// Every currency account's balances are read, so that an account
	// taken out of the revaluation after it posted still shows.
	all := settings
	all.Closing.NotRevalued = nil
	y, _, _ := d.Date.YMD()
	probe := doc.Document{Type: doc.Revaluation, Status: doc.Draft, Year: y, Number: 1, Date: d.Date}
	in, err := a.documentInputs(ctx, org, probe, all, actor.Lang)
	if err != nil {
		return Revaluation{}, err
	}
	var ps []ledger.Posting
	if d.Status == doc.Posted && d.Entry != 0 {
		e, err := a.Store.Entry(ctx, org.ID, d.Entry)
		if err != nil {
			return Revaluation{}, err
		}
		ps = e.Postings
		undo := make([]ledger.Posting, len(ps))
		for i, p := range ps {
			p.Amount = -p.Amount
			undo[i] = p
		}
		if in, err = in.WithPending(undo, settings); err != nil {
			return Revaluation{}, err
		}
	} else if ps, err = doc.Preview(probe, settings, in); err != nil {
		return Revaluation{}, err
	}
	return a.revaluationLines(ctx, org, d.Date, settings.Closing, in, ps)
}

// revaluationLines pairs each currency balance of in with what ps post to
// it, and reads the rates of the currencies shown.
func (a *App) revaluationLines(ctx context.Context, org ledger.Org, date ledger.Date, c doc.ClosingAccounts, in doc.Inputs, ps []ledger.Posting) (Revaluation, error) {
	type key struct {
		acct     ledger.AccountCode
		an       [ledger.MaxAnalytics]ledger.AnalyticID
		currency string
	}
	moved := map[key]money.Amount{}
	for _, p := range ps {
		for _, s := range []struct {
			side ledger.Side
			sign money.Amount
		}{{p.Debit, 1}, {p.Credit, -1}} {
			if s.side.Currency == "" {
				continue
			}
			k := key{s.side.Account, s.side.Analytics, s.side.Currency}
			v, err := money.Add(moved[k], s.sign*p.Amount)
			if err != nil {
				return Revaluation{}, ledger.Errorf(ledger.EInvalid, "the balance of account %s is out of range", s.side.Account)
			}
			moved[k] = v
		}
	}
	var out Revaluation
	seen := map[string]bool{}
	for _, r := range in.Ledger {
		acc := in.Chart[r.Account]
		if r.Currency == "" || r.Currency == org.Currency.Code || acc == nil || !acc.Currency {
			continue
		}
		diff := moved[key{r.Account, r.Analytics, r.Currency}]
		if diff == 0 && (!c.Revalues(r.Account) || r.Amount == 0 && r.CurAmount == 0) {
			continue
		}
		after, err := money.Add(r.Amount, diff)
		if err != nil {
			return Revaluation{}, ledger.Errorf(ledger.EInvalid, "the balance of account %s is out of range", r.Account)
		}
		out.Lines = append(out.Lines, RevaluationLine{Account: r.Account, Analytics: r.Analytics, Currency: r.Currency,
			CurAmount: r.CurAmount, Book: r.Amount, Difference: diff, Revalued: after})
		if !seen[r.Currency] {
			seen[r.Currency] = true
			rate, err := a.rateAt(ctx, org, r.Currency, date)
			if err != nil {
				return Revaluation{}, err
			}
			y, m, _ := date.YMD()
			prev, err := a.rateAt(ctx, org, r.Currency, ledger.DateOf(y, m, 1)-1)
			if err != nil {
				return Revaluation{}, err
			}
			out.Rates = append(out.Rates, RevaluationRate{Currency: r.Currency, Rate: rate.Rate, Date: rate.Date, Previous: prev.Rate, PreviousDate: prev.Date})
		}
	}
	return out, nil
}

// rateAt is the rate of currency in force on date with the date it was
// set for; the zero RateAt when there is none.
func (a *App) rateAt(ctx context.Context, org ledger.Org, currency string, date ledger.Date) (RateAt, error) {
	rate, on, err := a.Store.RateOn(ctx, org.ID, currency, date)
	switch {
	case err == nil:
		return RateAt{Date: on, Rate: rate}, nil
	case !ledger.IsCode(err, ledger.ENotFound):
		return RateAt{}, err
	}
	if org.Currency.Code == "TMT" { // the default history rateOn falls back to
		var out RateAt
		for _, r := range DefaultTMTRates()[currency] {
			if r.Date <= date {
				out = r
			}
		}
		return out, nil
	}
	return RateAt{}, nil
}
