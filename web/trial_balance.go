package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"hasap/app"
	"hasap/i18n"
	"hasap/ledger"
	"hasap/report"
)

// tbGroups is how many of an expanded account's first analytics (its
// customers, its items) a trial balance page shows at a time, with their
// second analytics below them: a page of an account with thousands of
// customers stays light, and its own line still adds up all of them.
const tbGroups = 100

// tbGroupsDetailed is the same window when every account is expanded: a
// chart's worth of accounts each with a hundred customers or items would
// be a page of megabytes.
const tbGroupsDetailed = 20

type tbData struct {
	*page
	From, To       ledger.Date
	FromISO, ToISO string
	TB             *report.TrialBalance
	Expand         []ledger.AccountCode
	Detailed       bool
	Skip           int
	Lines          []tbLine
}

// tbLine is a row of the page: a trial balance row, or a line that says
// how many rows of an expanded account are not shown, with links to them.
type tbLine struct {
	Row        *report.TBRow
	Open       bool // an account row whose analytics are shown
	More, Back string
	// Of names the account; First..Last of Groups are its first
	// analytics shown.
	Of                  string
	First, Last, Groups int
	Depth               int
}

// trialBalance shows the trial balance (oborotno-saldovaya vedomost) of a
// period: opening balance, turnover and closing balance per account, each
// amount a link to the account's card for the period. ?expand=CODE
// (repeated) shows those accounts by analytics, ?detail=analytics every
// account that keeps them; ?skip= pages through an expanded account's
// first analytics; ?format=csv|xlsx|pdf exports the whole report.
func (s *server) trialBalance(w http.ResponseWriter, r *http.Request, q *request) {
	p := s.newPage(r, q, i18n.T(q.lang, "Trial balance"))
	p.Nav = "tb"
	from, to, err := s.period(r, q)
	if err != nil {
		p.Error = i18n.Error(err, q.lang)
		s.render(w, r, http.StatusUnprocessableEntity, "trial_balance", "", &tbData{page: p, From: ledger.NoDate, To: ledger.NoDate})
		return
	}
	v := r.URL.Query()
	d := &tbData{page: p, From: from, To: to, FromISO: isoDate(from), ToISO: isoDate(to), Detailed: v.Get("detail") == "analytics"}
	for _, c := range v["expand"] {
		if c != "" && len(d.Expand) < 50 && !slices.Contains(d.Expand, ledger.AccountCode(c)) {
			d.Expand = append(d.Expand, ledger.AccountCode(c))
		}
	}
	d.Skip, _ = strconv.Atoi(v.Get("skip"))
	d.Skip = max(d.Skip, 0)
	d.TB, err = s.app.ExpandedTrialBalance(r.Context(), q.actor, q.org.Code, app.TrialBalanceQuery{From: from, To: to, Expand: d.Expand, All: d.Detailed})
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	if f := exportFormat(r); f != "" {
		sh, err := report.TrialBalanceSheet(d.TB, report.Heading{Org: q.org.Name, Lang: q.lang}, p.Title)
		if err != nil {
			s.fail(w, r, q, err)
			return
		}
		s.writeSheet(w, r, q, sh, f, "trial-balance-"+isoDate(from)+"-"+isoDate(to))
		return
	}
	d.Lines = d.lines()
	s.render(w, r, http.StatusOK, "trial_balance", "", d)
}

// lines cuts each expanded account's analytics to the page's window of
// first analytics.
func (d *tbData) lines() []tbLine {
	rows := d.TB.Rows
	window := tbGroups
	if d.Detailed {
		window = tbGroupsDetailed
	}
	var out []tbLine
	for i := 0; i < len(rows); i++ {
		r := &rows[i]
		out = append(out, tbLine{Row: r, Open: r.Level == 0 && (r.Expanded || d.Detailed || d.expanded(r.Account))})
		if r.Level != 0 || !r.Expanded {
			continue
		}
		end := i + 1
		for end < len(rows) && rows[end].Level > 0 {
			end++
		}
		group := -1 // the index of the current first analytic among the account's
		for j := i + 1; j < end; j++ {
			if rows[j].Depth == r.Depth+1 {
				group++
			}
			if group >= d.Skip && group < d.Skip+window {
				out = append(out, tbLine{Row: &rows[j]})
			}
		}
		if groups := group + 1; groups > window || d.Skip > 0 {
			l := tbLine{Depth: r.Depth + 1, Of: string(r.Account), First: min(d.Skip+1, groups), Last: min(d.Skip+window, groups), Groups: groups}
			if d.Skip+window < groups {
				l.More = d.url(d.Expand, d.Skip+window)
			}
			if d.Skip > 0 {
				l.Back = d.url(d.Expand, max(d.Skip-window, 0))
			}
			out = append(out, l)
		}
		i = end - 1
	}
	return out
}

// expanded reports whether code or an account above it was asked to be
// expanded.
func (d *tbData) expanded(code ledger.AccountCode) bool {
	for _, c := range d.Expand {
		if c == code || isBelowCode(code, c) {
			return true
		}
	}
	return false
}

// isBelowCode reports whether code continues c after a dot (62.01 is below
// 62): the toggles need no chart for it.
func isBelowCode(code, c ledger.AccountCode) bool {
	return len(code) > len(c) && code[:len(c)] == c && code[len(c)] == '.'
}

// url is the page's address with another list of expanded accounts and
// another skip.
func (d *tbData) url(expand []ledger.AccountCode, skip int) string {
	v := url.Values{}
	if d.From != ledger.NoDate {
		v.Set("from", isoDate(d.From))
	}
	if d.To != ledger.NoDate {
		v.Set("to", isoDate(d.To))
	}
	if d.Detailed {
		v.Set("detail", "analytics")
	}
	for _, c := range expand {
		v.Add("expand", string(c))
	}
	if skip > 0 {
		v.Set("skip", strconv.Itoa(skip))
	}
	return d.O("/trial-balance") + "?" + v.Encode()
}

// ToggleURL expands an account, or folds it (and what expanded it).
func (d *tbData) ToggleURL(code ledger.AccountCode) string {
	if !d.expanded(code) {
		return d.url(append(slices.Clip(d.Expand), code), 0)
	}
	var keep []ledger.AccountCode
	for _, c := range d.Expand {
		if c != code && !isBelowCode(code, c) && !isBelowCode(c, code) {
			keep = append(keep, c)
		}
	}
	return d.url(keep, 0)
}

// ExportURL is the page's address asking for format.
func (d *tbData) ExportURL(format string) string {
	return withParam(d.url(d.Expand, 0), "format", format)
}

// DetailURL switches the detailed trial balance on or off.
func (d *tbData) DetailURL() string {
	c := *d
	c.Detailed = !d.Detailed
	return c.url(d.Expand, 0)
}
