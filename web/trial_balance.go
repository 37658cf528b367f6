package web

import (
	"net/http"

	"hasap/i18n"
	"hasap/ledger"
	"hasap/report"
)

type tbData struct {
	*page
	From, To       ledger.Date
	FromISO, ToISO string
	TB             *report.TrialBalance
}

// trialBalance shows the trial balance (oborotno-saldovaya vedomost) of a
// period: opening balance, turnover and closing balance per account, each
// amount a link to the account's card for the period.
func (s *server) trialBalance(w http.ResponseWriter, r *http.Request, q *request) {
	p := s.newPage(r, q, i18n.T(q.lang, "Trial balance"))
	p.Nav = "tb"
	from, to, err := s.period(r, q)
	if err != nil {
		p.Error = i18n.Error(err, q.lang)
		s.render(w, r, http.StatusUnprocessableEntity, "trial_balance", "", &tbData{page: p, From: ledger.NoDate, To: ledger.NoDate})
		return
	}
	tb, err := s.app.TrialBalance(r.Context(), q.actor, q.org.Code, from, to)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	s.render(w, r, http.StatusOK, "trial_balance", "", &tbData{page: p, From: from, To: to, FromISO: isoDate(from), ToISO: isoDate(to), TB: tb})
}
