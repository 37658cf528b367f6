package web

import (
	"net/http"

	"hasap/ledger"
)

// names tells a page what the codes and ids of entries stand for: account
// names from the chart, analytics from their catalogs.
type names struct {
	p         *page
	lang      string
	chart     ledger.Chart
	analytics map[ledger.AnalyticID]ledger.Analytic
}

// names reads the chart and the analytics that entries name.
func (s *server) names(r *http.Request, q *request, p *page, entries []ledger.Entry) (names, error) {
	n := names{p: p, lang: q.lang}
	var err error
	if n.chart, err = s.app.Accounts(r.Context(), q.actor, q.org.Code); err != nil {
		return n, err
	}
	seen := map[ledger.AnalyticID]bool{}
	var ids []ledger.AnalyticID
	for i := range entries {
		for _, p := range entries[i].Postings {
			for _, id := range append(p.Debit.Analytics[:], p.Credit.Analytics[:]...) {
				if id != 0 && !seen[id] {
					seen[id] = true
					ids = append(ids, id)
				}
			}
		}
	}
	n.analytics, err = s.app.AnalyticsByID(r.Context(), q.actor, q.org.Code, ids)
	return n, err
}

// AccountName is the name of an account in the page's language.
func (n names) AccountName(code ledger.AccountCode) string {
	if a := n.chart[code]; a != nil {
		return a.Names.In(n.lang)
	}
	return ""
}

// sideView is a posting side as a page shows it.
type sideView struct {
	Code      ledger.AccountCode
	Name, URL string
	Analytics []analyticView
	Cur, Qty  string // currency amount and quantity, "" when none
}

// Side describes a posting side.
func (n names) Side(s ledger.Side) sideView {
	v := sideView{Code: s.Account, Name: n.AccountName(s.Account), URL: n.p.AccountURL(s.Account), Analytics: n.Analytics(s)}
	if s.Currency != "" {
		v.Cur = n.p.Cur(s.CurAmount, s.Currency)
	}
	if s.Qty != 0 {
		v.Qty = n.p.Qty(s.Qty)
	}
	return v
}

// analyticView is an analytic as a page shows it.
type analyticView struct {
	Code, Name string
}

// Analytics lists the analytics of a posting side.
func (n names) Analytics(s ledger.Side) []analyticView {
	var out []analyticView
	for _, id := range s.Analytics {
		if id == 0 {
			continue
		}
		a, ok := n.analytics[id]
		if !ok {
			out = append(out, analyticView{Code: "#" + itoa(int(id))})
			continue
		}
		out = append(out, analyticView{Code: a.Code, Name: a.Names.In(n.lang)})
	}
	return out
}

// accountOption is an account offered in a picker.
type accountOption struct {
	Code ledger.AccountCode
	Name string
}

// AccountOptions lists the accounts for a picker, by code: every account,
// or (postable) only those that take postings (not groups, not inactive).
func (n names) AccountOptions(postable bool) []accountOption {
	out := make([]accountOption, 0, len(n.chart))
	for _, row := range chartTree(n.chart) {
		if postable && (row.Group || row.Inactive) {
			continue
		}
		out = append(out, accountOption{Code: row.Code, Name: row.Names.In(n.lang)})
	}
	return out
}
