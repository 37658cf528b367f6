package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"hasap/app"
	"hasap/app/sheets"
	"hasap/ledger"
	"hasap/settle"
)

// Receivables and payables ageing: GET /o/{org}/ageing?date=&side=receivable|payable[&buckets=30,60,90]
// shows each counterparty's open receivables (or payables) by the days
// since their date, its advances apart, and the totals; each amount is a
// link to the counterparty's open items. ?format=csv|xlsx|pdf exports
// the whole sheet; the page shows ageingPage counterparties at a time.

// ageingPage is how many counterparties the page shows at a time.
const ageingPage = 100

type ageingData struct {
	*page
	Side, DateISO, Buckets string
	Table                  *sheetView
	Lines                  []string // under the title: the sheet's lines
	Empty                  bool
	Next, Prev             string
}

// ageingSides maps the page's ?side= to the app's.
var ageingSides = map[string]app.AgeingSide{"receivable": app.AgeCustomers, "payable": app.AgeSuppliers}

func (s *server) ageing(w http.ResponseWriter, r *http.Request, q *request) {
	v := r.URL.Query()
	sideName := v.Get("side")
	if sideName == "" {
		sideName = "receivable"
	}
	side, ok := ageingSides[sideName]
	if !ok {
		s.fail(w, r, q, ledger.Errorf(ledger.EInvalid, "the side of the ageing is receivable or payable, not %q", sideName))
		return
	}
	on, err := s.reportDay(r, q, v.Get("date"))
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	limits, err := settle.ParseLimits(v.Get("buckets"))
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	rep, err := s.app.AgeingBuckets(r.Context(), q.actor, q.org.Code, on, side, limits)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	sh, err := sheets.Ageing(rep, q.org, q.lang)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	if f := exportFormat(r); f != "" {
		s.writeSheet(w, r, q, sh, f, sh.Name+"-"+on.String())
		return
	}
	p := s.newPage(r, q, sh.Title)
	p.Nav = "ageing"
	d := &ageingData{page: p, Side: sideName, DateISO: on.String(), Buckets: v.Get("buckets"), Empty: len(rep.Rows) == 0,
		Lines: sh.Lines[1:]}
	from, _ := strconv.Atoi(v.Get("from"))
	from = max(0, min(from, len(rep.Rows)))
	to := min(from+ageingPage, len(rep.Rows))
	links := url.Values{"side": {sideName}, "date": {on.String()}}
	if d.Buckets != "" {
		links.Set("buckets", d.Buckets)
	}
	if to < len(rep.Rows) {
		d.Next = p.O("/ageing?" + withFrom(links, to))
	}
	if from > 0 {
		d.Prev = p.O("/ageing?" + withFrom(links, max(0, from-ageingPage)))
	}
	d.Table = newSheetView(p, sh, "ageing", from, to, func(row, col int) string {
		if row >= len(rep.Rows) || col < sheets.AgeingFirstBucket && col != sheets.AgeingCode {
			return ""
		}
		return p.SettlementURL(rep.Rows[row].Counterparty.ID)
	})
	s.render(w, r, http.StatusOK, "ageing", "", d)
}

// withFrom is links with ?from=n, encoded.
func withFrom(links url.Values, n int) string {
	v := url.Values{}
	for k, x := range links {
		v[k] = x
	}
	v.Set("from", strconv.Itoa(n))
	return v.Encode()
}

// reportDay reads a report's day: the date given, else today, or the
// newest entry's date when nothing was posted since (books of a past
// year, the demo).
func (s *server) reportDay(r *http.Request, q *request, value string) (ledger.Date, error) {
	if strings.TrimSpace(value) != "" {
		return parseDate(value)
	}
	on := dateOf(q.now)
	last, err := s.app.LastEntryDate(r.Context(), q.actor, q.org.Code)
	if err != nil {
		return ledger.NoDate, err
	}
	if last != ledger.NoDate && last < on {
		on = last
	}
	return on, nil
}
