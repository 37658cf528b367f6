package api

import "net/http"

// accounts lists the chart of accounts, ordered by code, names in the
// caller's language (and all three in names).
func (s *server) accounts(w http.ResponseWriter, r *http.Request, q *request) error {
	chart, err := s.app.Accounts(r.Context(), q.actor, r.PathValue("org"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, List[Account]{Items: accountsJSON(chart, q.lang)})
	return nil
}
