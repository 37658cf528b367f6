package api

import (
	"net/http"

	"hasap/interop/export"
	"hasap/ledger"
	"hasap/report/sheet"
)

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
	return writeReport(w, r, q, export.BaseName("balances", ledger.NoDate, to), balancesJSON(bs, org.Currency, to), func() (*sheet.Sheet, error) {
		return s.app.BalancesSheet(r.Context(), q.actor, org.Code, to, q.lang)
	})
}
