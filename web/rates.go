package web

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"hasap/app"
	"hasap/app/sheets"
	"hasap/i18n"
	"hasap/ledger"
	"hasap/money"
)

// Exchange rates: GET /o/{org}/rates lists the organisation's rates by
// currency and date (?currency=, ?from=, ?to=, ratesPage at a time), with
// the official default that applies where none is entered; those who may
// edit catalogs add or change a rate (POST /o/{org}/rates: the rate of a
// currency from a date; the same date again replaces it) and import a file
// of rates (POST /o/{org}/rates/import: date;currency;rate lines; a bad
// line is named and nothing is recorded).

// ratesPage is how many rates the page shows at a time.
const ratesPage = 100

// maxRatesFile bounds an imported rates file.
const maxRatesFile = 1 << 20

type ratesData struct {
	*page
	Currency, FromISO, ToISO string
	Table                    *sheetView
	Empty                    bool
	Next, Prev               string
	Defaults                 []defaultRate
	// The form of a rate, and the import's message.
	Form      rateForm
	ImportErr string
	Imported  int
	Saved     bool
}

type defaultRate struct {
	Currency string
	From     ledger.Date
	Rate     string
}

type rateForm struct {
	Date, Currency, Rate string
	Err                  string
}

func (s *server) rates(w http.ResponseWriter, r *http.Request, q *request) {
	v := r.URL.Query()
	d := &ratesData{Form: rateForm{Date: v.Get("day"), Currency: v.Get("set"), Rate: v.Get("value")}, Saved: v.Get("saved") != ""}
	d.Imported, _ = strconv.Atoi(v.Get("imported"))
	s.renderRates(w, r, q, http.StatusOK, d)
}

func (s *server) renderRates(w http.ResponseWriter, r *http.Request, q *request, status int, d *ratesData) {
	v := r.URL.Query()
	cur := strings.ToUpper(strings.TrimSpace(v.Get("currency")))
	from, err1 := optDate(v.Get("from"))
	to, err2 := optDate(v.Get("to"))
	if err := errors.Join(err1, err2); err != nil {
		s.fail(w, r, q, ledger.Errorf(ledger.EInvalid, "the period is invalid"))
		return
	}
	offset, _ := strconv.Atoi(v.Get("offset"))
	offset = max(0, offset)
	export := exportFormat(r)
	limit := ratesPage + 1
	if export != "" {
		offset, limit = 0, 500
	}
	rows, err := s.app.Rates(r.Context(), q.actor, q.org.Code, cur, from, to, offset, limit)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	more := export == "" && len(rows) > ratesPage
	if more {
		rows = rows[:ratesPage]
	}
	sh, err := sheets.Rates(rows, q.org, q.lang)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	if export != "" {
		s.writeSheet(w, r, q, sh, export, "rates")
		return
	}
	p := s.newPage(r, q, sh.Title)
	p.Nav = "rates"
	d.page, d.Currency, d.FromISO, d.ToISO, d.Empty = p, cur, isoDate(from), isoDate(to), len(rows) == 0
	links := url.Values{}
	for k, x := range map[string]string{"currency": cur, "from": d.FromISO, "to": d.ToISO} {
		if x != "" {
			links.Set(k, x)
		}
	}
	if more {
		links.Set("offset", strconv.Itoa(offset+ratesPage))
		d.Next = p.O("/rates?" + links.Encode())
	}
	if offset > 0 {
		links.Set("offset", strconv.Itoa(max(0, offset-ratesPage)))
		d.Prev = p.O("/rates?" + links.Encode())
	}
	edit := p.Can("edit_catalogs")
	d.Table = newSheetView(p, sh, "rates", 0, len(sh.Rows), func(row, col int) string {
		if !edit || col != 2 {
			return ""
		}
		x := rows[row]
		return p.O("/rates?" + url.Values{"set": {x.Currency}, "day": {x.Date.String()}, "value": {x.Rate.String()}}.Encode() + "#rate-form")
	})
	if q.org.Currency.Code == "TMT" {
		for c, list := range app.DefaultTMTRates() {
			for _, x := range list {
				d.Defaults = append(d.Defaults, defaultRate{Currency: c, From: x.Date, Rate: money.Format(mustRateAmount(x.Rate), 2, p.loc)})
			}
		}
	}
	s.render(w, r, status, "rates", "", d)
}

// mustRateAmount is a rate of at most two decimals as an amount of
// hundredths (the defaults: 2.85, 3.50).
func mustRateAmount(r money.Rate) money.Amount {
	a, err := money.ParseDecimal(r.String(), 2)
	if err != nil {
		return 0
	}
	return a
}

// rateSave is POST /o/{org}/rates: the rate of a currency from a date.
func (s *server) rateSave(w http.ResponseWriter, r *http.Request, q *request) {
	if !parseForm(w, r) {
		return
	}
	f := rateForm{Date: strings.TrimSpace(r.PostFormValue("date")), Currency: strings.ToUpper(strings.TrimSpace(r.PostFormValue("currency"))),
		Rate: strings.TrimSpace(r.PostFormValue("rate"))}
	err := func() error {
		day, err := parseDate(f.Date)
		if err != nil {
			return err
		}
		c, err := money.Lookup(f.Currency)
		if err != nil || c.Code != f.Currency {
			return ledger.Errorf(ledger.EInvalid, "unknown currency %q", f.Currency)
		}
		rate, err := money.ParseRate(strings.ReplaceAll(f.Rate, ",", "."))
		if err != nil {
			return ledger.Errorf(ledger.EInvalid, "the rate %q is not a positive decimal", f.Rate)
		}
		return s.app.PutRate(r.Context(), q.actor, q.org.Code, c.Code, day, rate)
	}()
	if err == nil {
		http.Redirect(w, r, "/o/"+url.PathEscape(q.org.Code)+"/rates?"+url.Values{"currency": {f.Currency}, "saved": {"1"}}.Encode(), http.StatusSeeOther)
		return
	}
	if code := ledger.ErrorCode(err); code != ledger.EInvalid {
		s.fail(w, r, q, err)
		return
	}
	f.Err = i18n.Error(err, q.lang)
	s.renderRates(w, r, q, http.StatusUnprocessableEntity, &ratesData{Form: f})
}

// ratesImport is POST /o/{org}/rates/import: a file of rates (or the
// text pasted), all recorded or none.
func (s *server) ratesImport(w http.ResponseWriter, r *http.Request, q *request) {
	if err := r.ParseMultipartForm(maxRatesFile); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		http.Error(w, http.StatusText(http.StatusBadRequest), http.StatusBadRequest)
		return
	}
	data := r.FormValue("data")
	if file, _, err := r.FormFile("file"); err == nil {
		b, err := io.ReadAll(io.LimitReader(file, maxRatesFile+1))
		file.Close()
		if err != nil || len(b) > maxRatesFile {
			http.Error(w, http.StatusText(http.StatusRequestEntityTooLarge), http.StatusRequestEntityTooLarge)
			return
		}
		data = string(b)
	}
	n, err := s.app.ImportRates(r.Context(), q.actor, q.org.Code, data)
	if err == nil {
		http.Redirect(w, r, "/o/"+url.PathEscape(q.org.Code)+"/rates?imported="+strconv.Itoa(n), http.StatusSeeOther)
		return
	}
	var le *app.RateLineError
	if isLine := errors.As(err, &le); !isLine && ledger.ErrorCode(err) != ledger.EInvalid {
		s.fail(w, r, q, err)
		return
	}
	d := &ratesData{ImportErr: i18n.Error(err, q.lang)}
	if le != nil {
		d.ImportErr = i18n.Sprintf(q.lang, "Line %d: %s", le.Line, i18n.Error(le.Err, q.lang))
	}
	s.renderRates(w, r, q, http.StatusUnprocessableEntity, d)
}
