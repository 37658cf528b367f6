package web

import (
	"net/http"

	"hasap/i18n"
	"hasap/internal/httpx"
	"hasap/ledger"
)

// entryReverse posts the reversal (kind=reverse: debit and credit swapped)
// or the red storno (kind=storno: the same postings with negative amounts)
// of an entry, dated as the form says, and shows the new entry. An entry is
// reversed at most once; app refuses a second time.
func (s *server) entryReverse(w http.ResponseWriter, r *http.Request, q *request) {
	year, number, ok := entryNumber(r)
	if !ok {
		s.notFoundPage(w, r, q)
		return
	}
	if !parseForm(w, r) {
		return
	}
	dateText := r.PostForm.Get("date")
	storno := r.PostForm.Get("kind") == "storno"
	date, err := parseDate(dateText)
	if err == nil {
		var rev ledger.Entry
		rev, err = s.app.Reverse(r.Context(), q.actor, q.org.Code, year, number, date, storno)
		if err == nil {
			http.Redirect(w, r, s.newPage(r, q, "").EntryURL(rev.Year, rev.Number), http.StatusSeeOther)
			return
		}
	}
	code := ledger.ErrorCode(err)
	if code == ledger.EInternal || code == ledger.ENotFound || code == ledger.EUnauthorized {
		s.fail(w, r, q, err)
		return
	}
	s.showEntry(w, r, q, year, number, httpx.Status(code), i18n.Error(err, q.lang), dateText)
}
