package api

import (
	"net/http"

	"hasap/i18n"
	"hasap/interop/export"
	"hasap/report"
	"hasap/report/sheet"
)

// trialBalance is the CIS trial balance for ?from= .. ?to= (either open),
// account names in the caller's language; ?format=csv|xlsx|pdf (or the
// Accept header) returns it as a file.
func (s *server) trialBalance(w http.ResponseWriter, r *http.Request, q *request) error {
	org, err := s.app.Org(r.Context(), q.actor, r.PathValue("org"))
	if err != nil {
		return err
	}
	from, err := optDate(r.URL.Query().Get("from"))
	if err != nil {
		return err
	}
	to, err := optDate(r.URL.Query().Get("to"))
	if err != nil {
		return err
	}
	tb, err := s.app.TrialBalance(r.Context(), q.actor, org.Code, from, to)
	if err != nil {
		return err
	}
	return writeReport(w, r, q, export.BaseName("trial-balance", from, to), TrialBalanceJSON(tb, q.lang), func() (*sheet.Sheet, error) {
		return report.TrialBalanceSheet(tb, report.Heading{Org: org.Name, Lang: q.lang}, i18n.T(q.lang, "Trial balance"))
	})
}
