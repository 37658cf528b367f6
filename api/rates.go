package api

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"hasap/app"
	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

// Exchange rates: the organisation's rates (base currency per unit of a
// foreign one, from a date), listed, put one at a time, or imported from a
// date;currency;rate file all or none.

// RateJSON is one rate.
type RateJSON struct {
	Currency string `json:"currency"`
	Date     string `json:"date"`
	Rate     string `json:"rate"`
}

// RatesJSON is a page of rates.
type RatesJSON struct {
	Base  string     `json:"base"`
	Items []RateJSON `json:"items"`
}

// rates answers GET /orgs/{org}/rates?currency=&from=&to=&offset=&limit=.
func (s *server) rates(w http.ResponseWriter, r *http.Request, q *request) error {
	v := r.URL.Query()
	from, to, err := optPeriod(v)
	if err != nil {
		return err
	}
	var page [2]int
	for i, name := range []string{"offset", "limit"} {
		if x := v.Get(name); x != "" {
			if page[i], err = strconv.Atoi(x); err != nil {
				return ledger.Errorf(ledger.EInvalid, "page: offset %d, limit %d out of range", -1, -1)
			}
		}
	}
	org, err := s.app.Org(r.Context(), q.actor, r.PathValue("org"))
	if err != nil {
		return err
	}
	rows, err := s.app.Rates(r.Context(), q.actor, org.Code, v.Get("currency"), from, to, page[0], page[1])
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, ratesJSON(org, rows))
	return nil
}

func ratesJSON(org ledger.Org, rows []store.RateRow) RatesJSON {
	out := RatesJSON{Base: org.Currency.Code, Items: []RateJSON{}}
	for _, x := range rows {
		out.Items = append(out.Items, RateJSON{Currency: x.Currency, Date: x.Date.String(), Rate: x.Rate.String()})
	}
	return out
}

// putRate answers PUT /orgs/{org}/rates: {"currency", "date", "rate"}; the
// same currency and date again replaces the rate.
func (s *server) putRate(w http.ResponseWriter, r *http.Request, q *request) error {
	var in RateJSON
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	if in.Date == "" {
		return ledger.Errorf(ledger.EInvalid, "%s is required", "date")
	}
	day, err := ledger.ParseDate(in.Date)
	if err != nil {
		return ledger.Errorf(ledger.EInvalid, "date %q: %v", in.Date, err)
	}
	c, err := money.Lookup(strings.ToUpper(in.Currency))
	if err != nil {
		return ledger.Errorf(ledger.EInvalid, "unknown currency %q", in.Currency)
	}
	rate, err := money.ParseRate(in.Rate)
	if err != nil {
		return ledger.Errorf(ledger.EInvalid, "the rate %q is not a positive decimal", in.Rate)
	}
	if err := s.app.PutRate(r.Context(), q.actor, r.PathValue("org"), c.Code, day, rate); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, RateJSON{Currency: c.Code, Date: day.String(), Rate: rate.String()})
	return nil
}

// RatesImport is the body of POST /orgs/{org}/rates/import, and its answer
// the count recorded.
type RatesImport struct {
	Data string `json:"data"`
}

// RatesImported is what an import recorded.
type RatesImported struct {
	Imported int `json:"imported"`
}

// importRates answers POST /orgs/{org}/rates/import: every rate of the
// file, or, with a bad line (named in the error), none.
func (s *server) importRates(w http.ResponseWriter, r *http.Request, q *request) error {
	var in RatesImport
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	n, err := s.app.ImportRates(r.Context(), q.actor, r.PathValue("org"), in.Data)
	var le *app.RateLineError
	if errors.As(err, &le) {
		return ledger.Errorf(ledger.EInvalid, "line %d: %v", le.Line, le.Err)
	}
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, RatesImported{Imported: n})
	return nil
}
