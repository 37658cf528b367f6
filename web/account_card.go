package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"hasap/app"
	"hasap/i18n"
	"hasap/ledger"
	"hasap/report"
	"hasap/report/sheet"
)

type cardData struct {
	*page
	Account        *ledger.Account
	From, To       ledger.Date
	FromISO, ToISO string
	Card           *app.Card // nil for a group account
	Subs           []report.TBRow
	Names          names
	Later, First   string // addresses of the next page and of the first
	// Analytic narrows the card to the movements of one catalog entry
	// (?analytic=id, from the catalog pages and the filter); nil for all.
	Analytic *ledger.Analytic
	// Corr narrows the card to one correspondence (?corr=code, from the
	// chessboard and the account analysis); nil for all.
	Corr *ledger.Account
	// Find is the filter's analytic field for an account that keeps
	// analytics: the catalog, what was typed, and what it found.
	Find cardFind
}

// cardFind is the card filter's analytic field.
type cardFind struct {
	Kind    ledger.AnalyticKind
	Kinds   []ledger.AnalyticKind // the catalogs the account keeps
	Typed   string
	Err     string
	Choices []ledger.Analytic // when several entries match
}

// FindOptionsURL is where the field asks for suggestions.
func (d *cardData) FindOptionsURL() string {
	return d.OptionsURL(d.Find.Kind, "card-analytic-list", "find")
}

// pathAccount returns the chart and the account the request's path names
// ({code}); when it cannot, it has answered with the error or the page
// not found and ok is false.
func (s *server) pathAccount(w http.ResponseWriter, r *http.Request, q *request) (chart ledger.Chart, acc *ledger.Account, ok bool) {
	chart, err := s.app.Accounts(r.Context(), q.actor, q.org.Code)
	if err != nil {
		s.fail(w, r, q, err)
		return nil, nil, false
	}
	if acc = chart[ledger.AccountCode(r.PathValue("code"))]; acc == nil {
		s.notFoundPage(w, r, q)
		return nil, nil, false
	}
	return chart, acc, true
}

// accountCard shows the card of one account for a period: the opening
// balance, every movement with its corresponding account and the running
// balance, the turnover and the closing balance. The card of an account
// with sub-accounts lists those, each with its figures and its own card.
func (s *server) accountCard(w http.ResponseWriter, r *http.Request, q *request) {
	ctx := r.Context()
	chart, acc, ok := s.pathAccount(w, r, q)
	if !ok {
		return
	}
	code := acc.Code
	var err error
	p := s.newPage(r, q, i18n.T(q.lang, "Account card")+" "+string(code))
	p.Nav = "accounts"
	d := &cardData{page: p, Account: acc}
	if d.From, d.To, err = s.period(r, q); err != nil {
		p.Error = i18n.Error(err, q.lang)
		d.From, d.To = ledger.NoDate, ledger.NoDate
		s.render(w, r, http.StatusUnprocessableEntity, "account_card", "", d)
		return
	}
	d.FromISO, d.ToISO = isoDate(d.From), isoDate(d.To)
	if acc.Group {
		if d.Subs, err = s.subAccounts(r, q, chart, code, d.From, d.To); err != nil {
			s.fail(w, r, q, err)
			return
		}
		s.render(w, r, http.StatusOK, "account_card", "", d)
		return
	}
	cq := app.CardQuery{Account: code, From: d.From, To: d.To, Limit: cardPage}
	if d.Analytic, err = s.cardAnalytic(r, q); err != nil {
		s.fail(w, r, q, err)
		return
	}
	if done := s.cardFind(w, r, q, d); done {
		return
	}
	if d.Analytic != nil {
		cq.Analytic = d.Analytic.ID
	}
	if c := ledger.AccountCode(r.URL.Query().Get("corr")); c != "" {
		if d.Corr = chart[c]; d.Corr == nil {
			s.notFoundPage(w, r, q)
			return
		}
		cq.Corr = c
	}
	if s.exportSheet(w, r, q, exportName("account-card-"+string(code), d.From, d.To), func() (*sheet.Sheet, error) {
		return s.app.AccountCardSheet(ctx, q.actor, q.org.Code, cq, q.lang)
	}) {
		return
	}
	if after := r.URL.Query().Get("after"); after != "" {
		if cq.After, err = parseCursor(after); err != nil {
			s.fail(w, r, q, err)
			return
		}
	}
	if d.Card, err = s.app.AccountCard(ctx, q.actor, q.org.Code, cq); err != nil {
		s.fail(w, r, q, err)
		return
	}
	d.Names = names{p: p, lang: q.lang, chart: chart}
	if err := s.cardAnalytics(r, q, &d.Names, d.Card); err != nil {
		s.fail(w, r, q, err)
		return
	}
	base := p.CardURL(code, d.From, d.To)
	if d.Analytic != nil {
		base = withParam(base, "analytic", strconv.FormatInt(int64(d.Analytic.ID), 10))
	}
	if d.Corr != nil {
		base = withParam(base, "corr", string(d.Corr.Code))
	}
	if d.Card.Next != nil {
		d.Later = withParam(base, "after", formatCursor(*d.Card.Next))
	}
	if cq.After.Seq != 0 {
		d.First = base
	}
	status := http.StatusOK
	if d.Find.Err != "" {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "account_card", "", d)
}

// cardFind fills the filter's analytic field and, when a code or name was
// typed there (?kind=&find=), finds the catalog entry it names and sends
// the browser to the card narrowed to it; nothing found or several found is
// said at the field, with the card of all movements. It reports whether it
// answered the request.
func (s *server) cardFind(w http.ResponseWriter, r *http.Request, q *request, d *cardData) bool {
	d.Find.Kinds = d.Account.Analytics
	if len(d.Find.Kinds) == 0 {
		return false
	}
	v := r.URL.Query()
	d.Find.Kind = d.Find.Kinds[0]
	if k := ledger.AnalyticKind(v.Get("kind")); slices.Contains(d.Find.Kinds, k) {
		d.Find.Kind = k
	}
	if d.Analytic != nil {
		d.Find.Kind, d.Find.Typed = d.Analytic.Kind, d.Analytic.Code
	}
	typed := strings.TrimSpace(v.Get("find"))
	if typed == "" || (d.Analytic != nil && typed == d.Analytic.Code) {
		return false
	}
	d.Find.Typed = typed
	m, err := s.app.FindAnalytic(r.Context(), q.actor, q.org.Code, d.Find.Kind, typed)
	if err == nil {
		u := withParam(d.CardURL(d.Account.Code, d.From, d.To), "analytic", strconv.FormatInt(int64(m.Found.ID), 10))
		http.Redirect(w, r, u, http.StatusSeeOther)
		return true
	}
	switch ledger.ErrorCode(err) {
	case ledger.ENotFound, ledger.EInvalid, ledger.EConflict:
		d.Find.Err, d.Find.Choices, d.Analytic = i18n.Error(err, q.lang), m.Choices, nil
		return false
	}
	s.fail(w, r, q, err)
	return true
}

// cardAnalytic reads ?analytic=, the id of a catalog entry of the
// organisation; nil when there is none.
func (s *server) cardAnalytic(r *http.Request, q *request) (*ledger.Analytic, error) {
	v := r.URL.Query().Get("analytic")
	if v == "" {
		return nil, nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return nil, ledger.Errorf(ledger.ENotFound, "analytic %d does not exist", id)
	}
	m, err := s.app.AnalyticsByID(r.Context(), q.actor, q.org.Code, []ledger.AnalyticID{ledger.AnalyticID(id)})
	if err != nil {
		return nil, err
	}
	an, ok := m[ledger.AnalyticID(id)]
	if !ok {
		return nil, ledger.Errorf(ledger.ENotFound, "analytic %d does not exist", id)
	}
	return &an, nil
}

// cardAnalytics adds the analytics the card's lines name to n.
func (s *server) cardAnalytics(r *http.Request, q *request, n *names, c *app.Card) error {
	var ids []ledger.AnalyticID
	for _, l := range c.Lines {
		for _, id := range append(l.Side.Analytics[:], l.Other.Analytics[:]...) {
			if id != 0 {
				ids = append(ids, id)
			}
		}
	}
	m, err := s.app.AnalyticsByID(r.Context(), q.actor, q.org.Code, ids)
	n.analytics = m
	return err
}

// subAccounts returns the trial balance rows below a group account.
func (s *server) subAccounts(r *http.Request, q *request, chart ledger.Chart, code ledger.AccountCode, from, to ledger.Date) ([]report.TBRow, error) {
	tb, err := s.app.TrialBalance(r.Context(), q.actor, q.org.Code, from, to)
	if err != nil {
		return nil, err
	}
	var out []report.TBRow
	for _, row := range tb.Rows {
		for a := chart[row.Account]; a != nil && a.Parent != ""; a = chart[a.Parent] {
			if a.Parent == code {
				out = append(out, row)
				break
			}
		}
	}
	return out, nil
}

// The card's cursor travels in the address as date.seq.line.
func formatCursor(c app.CardCursor) string {
	return fmt.Sprintf("%s.%d.%d", c.Date, c.Seq, c.Line)
}

func parseCursor(s string) (app.CardCursor, error) {
	var c app.CardCursor
	parts := strings.Split(s, ".")
	bad := ledger.Errorf(ledger.EInvalid, "%q is not a page of the account card", s)
	if len(parts) != 3 {
		return c, bad
	}
	d, err := ledger.ParseDate(parts[0])
	if err != nil {
		return c, bad
	}
	if _, err := fmt.Sscanf(parts[1]+" "+parts[2], "%d %d", &c.Seq, &c.Line); err != nil || c.Seq <= 0 || c.Line <= 0 {
		return c, bad
	}
	c.Date = d
	return c, nil
}

// withParam adds a query parameter to an address.
func withParam(u, key, value string) string {
	sep := "?"
	if strings.Contains(u, "?") {
		sep = "&"
	}
	return u + sep + key + "=" + url.QueryEscape(value)
}
