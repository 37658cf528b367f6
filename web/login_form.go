package web

import (
	"net/http"

	"hasap/i18n"
)

type loginData struct {
	*page
	Email string
	Next  string
}

// loginForm shows the login form; a user already logged in goes on.
func (s *server) loginForm(w http.ResponseWriter, r *http.Request) {
	q := s.newRequest(r)
	next := localPath(r.URL.Query().Get("next"))
	if q.loggedIn() {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	p := s.newPage(r, q, i18n.T(q.lang, "Log in"))
	s.render(w, r, http.StatusOK, "login", "", &loginData{page: p, Next: next})
}
