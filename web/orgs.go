package web

import (
	"net/http"
	"net/url"

	"hasap/i18n"
)

// orgList is the start page: a user of one organisation goes straight to
// it; a user of several picks one (the switcher in the header does the
// same on every page).
func (s *server) orgList(w http.ResponseWriter, r *http.Request, q *request) {
	if len(q.orgs) == 1 {
		http.Redirect(w, r, "/o/"+url.PathEscape(q.orgs[0].Org.Code)+"/", http.StatusSeeOther)
		return
	}
	p := s.newPage(r, q, i18n.T(q.lang, "Organisations"))
	s.render(w, r, http.StatusOK, "orgs", "", p)
}

// orgSlash sends /o/{org} to /o/{org}/, the organisation's home.
func (s *server) orgSlash(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/o/"+url.PathEscape(r.PathValue("org"))+"/", http.StatusMovedPermanently)
}
