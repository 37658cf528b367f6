package api

import "net/http"

// balances lists every account's non-zero balance per currency at the end
// of ?to= (all time when absent).
func (s *server) balances(w http.ResponseWriter, r *http.Request, q *request) error {
	org, err := s.app.Org(r.Context(), q.actor, r.PathValue("org"))
	if err != nil {
		return err
	}
	to, err := optDate(r.URL.Query().Get("to"))
	if err != nil {
		return err
	}
	bs, err := s.app.Balances(r.Context(), q.actor, org.Code, to)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, balancesJSON(bs, org.Currency, to))
	return nil
}
