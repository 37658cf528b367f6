package web

import (
	"html/template"
	"net/http"
	"strings"

	"hasap/app"
	"hasap/auth"
	"hasap/i18n"
	"hasap/internal/httpx"
	"hasap/ledger"
)

// meData is the user's own page: who they are, their organisations, the
// password form and two-factor authentication (on, off, or being set up).
type meData struct {
	*page
	Profile app.Profile
	Notice  string // what was just done, in Lang
	// The password form's problems, each at its field.
	CurrentErr, NewErr, AgainErr string
	// Setup is the two-factor secret being set up, nil otherwise; QR draws
	// its URI.
	Setup   *app.TOTPSetup
	QR      template.HTML
	CodeErr string // the two-factor code's problem (setup or turning off)
}

// me shows the user's own page; /me?done=password says that the password
// was just changed.
func (s *server) me(w http.ResponseWriter, r *http.Request, q *request) {
	d := &meData{}
	if r.URL.Query().Get("done") == "password" {
		d.Notice = i18n.T(q.lang, "Your password is changed. Your other sessions have ended.")
	}
	s.renderMe(w, r, q, http.StatusOK, d)
}

func (s *server) renderMe(w http.ResponseWriter, r *http.Request, q *request, status int, d *meData) {
	prof, err := s.app.MyProfile(r.Context(), q.actor)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	d.page, d.Profile = s.newPage(r, q, i18n.T(q.lang, "My profile")), prof
	if d.Setup != nil {
		d.QR = qrSVG(d.Setup.URI, i18n.T(q.lang, "QR code for the authenticator app"))
	}
	s.render(w, r, status, "me", "", d)
}

// mePassword changes the user's own password. The other sessions end, and
// this browser gets a new session.
func (s *server) mePassword(w http.ResponseWriter, r *http.Request, q *request) {
	if !parseForm(w, r) {
		return
	}
	v := r.PostForm
	current, next, again := v.Get("current"), v.Get("new"), v.Get("again")
	d := &meData{}
	switch {
	case current == "":
		d.CurrentErr = i18n.T(q.lang, "Enter your current password.")
	case next != again:
		d.AgainErr = i18n.T(q.lang, "The two new passwords differ.")
	}
	if d.CurrentErr != "" || d.AgainErr != "" {
		s.renderMe(w, r, q, http.StatusUnprocessableEntity, d)
		return
	}
	token, err := s.app.ChangePassword(r.Context(), q.actor, current, next)
	if err == nil {
		s.setSession(w, token)
		http.Redirect(w, r, "/me?done=password", http.StatusSeeOther)
		return
	}
	code := ledger.ErrorCode(err)
	switch {
	case code != ledger.EInvalid:
		s.fail(w, r, q, err)
		return
	case app.WrongCurrentPassword(err):
		d.CurrentErr = i18n.Error(err, q.lang)
	default:
		d.NewErr = i18n.Error(err, q.lang)
	}
	s.renderMe(w, r, q, httpx.Status(code), d)
}

// setSession gives the browser the session token.
func (s *server) setSession(w http.ResponseWriter, token string) {
	maxAge := s.app.Sessions.AbsoluteTimeout
	if maxAge <= 0 {
		maxAge = auth.DefaultAbsoluteTimeout
	}
	http.SetCookie(w, s.sessionCookie(token, maxAge))
}

// meTOTPForm starts setting up two-factor authentication: a new secret,
// shown as text and as a QR code, to confirm with a code.
func (s *server) meTOTPForm(w http.ResponseWriter, r *http.Request, q *request) {
	setup, err := s.app.StartTOTP(r.Context(), q.actor)
	if ledger.IsCode(err, ledger.EConflict) { // already on
		http.Redirect(w, r, "/me", http.StatusSeeOther)
		return
	}
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	s.renderMe(w, r, q, http.StatusOK, &meData{Setup: &setup})
}

// meTOTPOn confirms the setup with a code from the app. Every session of
// the user ends, this one too: they log in again, with a code.
func (s *server) meTOTPOn(w http.ResponseWriter, r *http.Request, q *request) {
	if !parseForm(w, r) {
		return
	}
	ticket := r.PostForm.Get("ticket")
	err := s.app.ConfirmTOTP(r.Context(), q.actor, ticket, r.PostForm.Get("code"))
	if err == nil {
		http.Redirect(w, r, "/login?next=%2Fme", http.StatusSeeOther)
		return
	}
	if !ledger.IsCode(err, ledger.EInvalid) {
		s.fail(w, r, q, err)
		return
	}
	d := &meData{CodeErr: i18n.Error(err, q.lang)}
	setup, serr := s.app.TOTPSetupOf(r.Context(), q.actor, ticket)
	if serr != nil { // expired or tampered with: start again with a new secret
		d.CodeErr = i18n.Error(serr, q.lang)
		if setup, serr = s.app.StartTOTP(r.Context(), q.actor); serr != nil {
			s.fail(w, r, q, serr)
			return
		}
	}
	d.Setup = &setup
	s.renderMe(w, r, q, http.StatusUnprocessableEntity, d)
}

// meTOTPOff turns two-factor authentication off, with a current code.
// Every session of the user ends.
func (s *server) meTOTPOff(w http.ResponseWriter, r *http.Request, q *request) {
	if !parseForm(w, r) {
		return
	}
	err := s.app.DisableTOTP(r.Context(), q.actor, r.PostForm.Get("code"))
	if err == nil {
		http.Redirect(w, r, "/login?next=%2Fme", http.StatusSeeOther)
		return
	}
	code := ledger.ErrorCode(err)
	if code != ledger.EInvalid && code != ledger.EForbidden && code != ledger.EConflict {
		s.fail(w, r, q, err)
		return
	}
	s.renderMe(w, r, q, httpx.Status(code), &meData{CodeErr: i18n.Error(err, q.lang)})
}

// Grouped writes a two-factor secret in groups of four, as people type it.
func (d *meData) Grouped(secret string) string {
	var b strings.Builder
	for i, c := range secret {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// totpRequired tells an owner that the organisation requires two-factor
// authentication, with the way to their profile to turn it on.
func (s *server) totpRequired(w http.ResponseWriter, r *http.Request, q *request, err error) {
	p := s.newPage(r, q, i18n.T(q.lang, "Two-factor authentication required"))
	s.render(w, r, http.StatusForbidden, "totp_required", "", &errorData{page: p, Status: http.StatusForbidden, Message: i18n.Error(err, q.lang)})
}
