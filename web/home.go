package web

import (
	"net/http"

	"hasap/app"
	"hasap/i18n"
	"hasap/ledger"
	"hasap/money"
)

// chartMonths is how many months the home page's chart shows.
const chartMonths = 12

type homeData struct {
	*page
	Overview *app.Overview
	Current  app.MonthResult // the last month of Overview.Months
	Result   money.Amount    // its revenue less expenses
	Chart    chartSVG
	Cash     chartSVG // money at hand at each month's end
}

// home is an organisation's first page: money at hand, who owes whom, and
// how the months went. It looks at the books as of today, or as of the
// newest entry when nothing has been posted since (a year closed and
// archived, the demo), or as of ?on=.
func (s *server) home(w http.ResponseWriter, r *http.Request, q *request) {
	ctx, code := r.Context(), q.org.Code
	on := dateOf(q.now)
	if v := r.URL.Query().Get("on"); v != "" {
		d, err := parseDate(v)
		if err != nil {
			s.fail(w, r, q, err)
			return
		}
		on = d
	} else {
		last, err := s.app.LastEntryDate(ctx, q.actor, code)
		if err != nil {
			s.fail(w, r, q, err)
			return
		}
		if last != ledger.NoDate && last < on {
			on = last
		}
	}
	ov, err := s.app.Overview(ctx, q.actor, code, on, chartMonths)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	p := s.newPage(r, q, i18n.T(q.lang, "Home"))
	p.Nav = "home"
	d := &homeData{page: p, Overview: ov}
	if n := len(ov.Months); n > 0 {
		d.Current = ov.Months[n-1]
		d.Result, _ = money.Sub(d.Current.Revenue, d.Current.Expenses) // both ≥ 0: cannot overflow
	}
	d.Chart = barChart(p, ov.Months)
	d.Cash = cashChart(p, ov.Months, ov.On)
	s.render(w, r, http.StatusOK, "home", "", d)
}
