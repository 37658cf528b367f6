package web

import (
	"net/http"
)

// logout ends the session on the server and in the browser.
func (s *server) logout(w http.ResponseWriter, r *http.Request) {
	q := s.newRequest(r)
	if q.token != "" {
		if err := s.app.Logout(r.Context(), q.token); err != nil {
			s.log.Error("logout", "err", err)
		}
	}
	c := s.sessionCookie("", -1)
	http.SetCookie(w, c)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}
