package web

import (
	"net/http"

	"hasap/ledger"
)

// period reads ?from= and ?to=. Absent, they default to the year so far:
// from the 1st of January to today, or to the newest entry when nothing was
// posted since (books of a past year, the demo).
func (s *server) period(r *http.Request, q *request) (from, to ledger.Date, err error) {
	v := r.URL.Query()
	if from, err = optDate(v.Get("from")); err != nil {
		return
	}
	if to, err = optDate(v.Get("to")); err != nil {
		return
	}
	if v.Has("from") || v.Has("to") {
		return from, to, nil
	}
	to = dateOf(q.now)
	last, err := s.app.LastEntryDate(r.Context(), q.actor, q.org.Code)
	if err != nil {
		return
	}
	if last != ledger.NoDate && last < to {
		to = last
	}
	return ledger.DateOf(to.Year(), 1, 1), to, nil
}
