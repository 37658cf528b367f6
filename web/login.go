package web

import (
	"errors"
	"net/http"

	"hasap/auth"
	"hasap/i18n"
	"hasap/internal/httpx"
	"hasap/ledger"
)

// login checks email, password and (when the user has two-factor on) the
// TOTP code, starts a new session (the browser's old one, if any, is
// dropped: rotation) and goes on to the page asked for before.
func (s *server) login(w http.ResponseWriter, r *http.Request) {
	q := s.newRequest(r)
	if !parseForm(w, r) {
		return
	}
	email, next := r.PostForm.Get("email"), localPath(r.PostForm.Get("next"))
	token, u, err := s.app.Login(r.Context(), email, r.PostForm.Get("password"), r.PostForm.Get("code"), clientIP(r), q.token)
	if err != nil {
		status := httpx.Status(ledger.ErrorCode(err))
		msg := i18n.Error(err, q.lang)
		if status >= 500 {
			s.log.Error("login", "err", err)
			msg = i18n.T(q.lang, "Something went wrong on the server. Please try again.")
		}
		p := s.newPage(r, q, i18n.T(q.lang, "Log in"))
		p.Error = msg
		s.render(w, r, status, "login", "", &loginData{page: p, Email: email, Next: next})
		return
	}
	maxAge := s.app.Sessions.AbsoluteTimeout
	if maxAge <= 0 {
		maxAge = auth.DefaultAbsoluteTimeout
	}
	http.SetCookie(w, s.sessionCookie(token, maxAge))
	// The language picked on this browser stays; a browser with none
	// takes the user's own.
	if _, err := r.Cookie(langCookie); err != nil && i18n.Valid(u.Lang) {
		http.SetCookie(w, s.langCookie(u.Lang))
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// parseForm reads a posted form, answering 413 or 400 itself when it
// cannot.
func parseForm(w http.ResponseWriter, r *http.Request) bool {
	if err := r.ParseForm(); err != nil {
		status := http.StatusBadRequest
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			status = http.StatusRequestEntityTooLarge
		}
		http.Error(w, http.StatusText(status), status)
		return false
	}
	return true
}
