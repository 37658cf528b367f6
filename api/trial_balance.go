package api

import "net/http"

// trialBalance is the CIS trial balance for ?from= .. ?to= (either open),
// account names in the caller's language.
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
	writeJSON(w, http.StatusOK, TrialBalanceJSON(tb, q.lang))
	return nil
}
