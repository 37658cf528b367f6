package web

import (
	"net/http"
	"strings"

	"hasap/ledger"
	"hasap/money"
)

// What a currency revaluation revalued, on its page and its printed form
// (app.RevaluationOf): the rate of each currency at the period's end and
// at the end of the month before, and each balance in a currency with its
// book value before, its value at the rate and the exchange difference,
// so that an auditor redoes the difference by hand.

// revalView is a revaluation as its page and form show it.
type revalView struct {
	Rates []revalRate
	Lines []revalLine
	Total string // the net exchange difference
}

// revalRate is a currency's rates, formatted.
type revalRate struct {
	Currency, Rate, Date, Previous, PreviousDate string
}

// revalLine is a balance revalued, formatted.
type revalLine struct {
	Account                                     ledger.AccountCode
	Name                                        string // the account's name
	Analytics                                   string // the analytics' names, "; " between them
	Currency                                    string
	CurAmount, Rate, Book, Revalued, Difference string
	// Dt, Kt: the posting of the difference (empty when none: a draft, or
	// no difference).
	Dt, Kt ledger.AccountCode
	key    revalKey
}

type revalKey struct {
	acct     ledger.AccountCode
	an       [ledger.MaxAnalytics]ledger.AnalyticID
	currency string
}

// rateText writes a rate with the language's decimal separator; "—" for
// none.
func rateText(r money.Rate, lang string) string {
	if r.IsZero() {
		return "—"
	}
	if lang == "en" {
		return r.String()
	}
	return strings.Replace(r.String(), ".", ",", 1)
}

// revaluation reads what revaluation document id revalued and lays it out
// in lang; postings are its entry's, to name each difference's posting.
func (s *server) revaluation(r *http.Request, q *request, id int64, lang string, date func(ledger.Date) string, postings []ledger.Posting) (*revalView, error) {
	rv, err := s.app.RevaluationOf(r.Context(), q.actor, q.org.Code, id)
	if err != nil {
		return nil, err
	}
	chart, err := s.app.Accounts(r.Context(), q.actor, q.org.Code)
	if err != nil {
		return nil, err
	}
	var ids []ledger.AnalyticID
	for _, l := range rv.Lines {
		for _, id := range l.Analytics {
			if id != 0 {
				ids = append(ids, id)
			}
		}
	}
	an, err := s.app.AnalyticsByID(r.Context(), q.actor, q.org.Code, ids)
	if err != nil {
		return nil, err
	}
	loc, exp := money.Locale(lang), q.org.Currency.Exponent
	amt := func(a money.Amount) string { return money.Format(a, exp, loc) }
	v := &revalView{}
	rates := map[string]money.Rate{}
	for _, x := range rv.Rates {
		rates[x.Currency] = x.Rate
		pr := revalRate{Currency: x.Currency, Rate: rateText(x.Rate, lang), Previous: rateText(x.Previous, lang)}
		if !x.Rate.IsZero() {
			pr.Date = date(x.Date)
		}
		if !x.Previous.IsZero() {
			pr.PreviousDate = date(x.PreviousDate)
		}
		v.Rates = append(v.Rates, pr)
	}
	var total money.Amount
	for _, l := range rv.Lines {
		line := revalLine{Account: l.Account, Currency: l.Currency, Rate: rateText(rates[l.Currency], lang),
			Book: amt(l.Book), Revalued: amt(l.Revalued), Difference: amt(l.Difference), key: revalKey{l.Account, l.Analytics, l.Currency}}
		if a := chart[l.Account]; a != nil {
			line.Name = a.Names.In(lang)
		}
		line.CurAmount = money.Decimal(l.CurAmount, 2)
		if c, err := money.Lookup(l.Currency); err == nil {
			line.CurAmount = money.Format(l.CurAmount, c.Exponent, loc)
		}
		var names []string
		for _, id := range l.Analytics {
			if x, ok := an[id]; ok && id != 0 {
				names = append(names, analyticLabel(x, lang))
			}
		}
		line.Analytics = strings.Join(names, "; ")
		for _, p := range postings {
			if (revalKey{p.Debit.Account, p.Debit.Analytics, p.Debit.Currency}) == line.key ||
				(revalKey{p.Credit.Account, p.Credit.Analytics, p.Credit.Currency}) == line.key {
				line.Dt, line.Kt = p.Debit.Account, p.Credit.Account
			}
		}
		if total, err = money.Add(total, l.Difference); err != nil {
			return nil, ledger.Errorf(ledger.EInvalid, "turnover out of range")
		}
		v.Lines = append(v.Lines, line)
	}
	v.Total = amt(total)
	return v, nil
}
