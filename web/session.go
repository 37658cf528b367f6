package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"hasap/app"
	"hasap/auth"
	"hasap/i18n"
	"hasap/internal/httpx"
	"hasap/ledger"
)

// insecureCookieName is the session cookie under Options.Insecure: a
// browser refuses the __Host- prefix (and Secure) over plain http://, so
// local development over http://localhost uses this name without Secure.
const insecureCookieName = "hasap_session"

// langCookie remembers the language picked on this browser.
const langCookie = "hasap_lang"

// sessionCookie is auth.SessionCookie, adjusted under Options.Insecure.
func (s *server) sessionCookie(token string, maxAge time.Duration) *http.Cookie {
	c := auth.SessionCookie(token, maxAge)
	if s.opts.Insecure {
		c.Name, c.Secure = insecureCookieName, false
	}
	return c
}

func (s *server) langCookie(lang string) *http.Cookie {
	return &http.Cookie{Name: langCookie, Value: lang, Path: "/", MaxAge: langCookieDays * 24 * 3600,
		Secure: !s.opts.Insecure, HttpOnly: true, SameSite: http.SameSiteLaxMode}
}

// request is what a handler knows about who asks, besides the request.
type request struct {
	now   time.Time
	lang  string
	token string
	actor app.Actor
	orgs  []app.OrgRole // the user's organisations, for the switcher
	org   ledger.Org    // on /o/{org}/ pages
	role  auth.Role     // the user's role in org
}

// langOf picks the language: the one chosen on this browser, else the one
// the browser asks for, else Turkmen, the state language. After login the
// user's own language (from the user record) is put in the cookie.
func langOf(r *http.Request) string {
	if c, err := r.Cookie(langCookie); err == nil && i18n.Valid(c.Value) {
		return c.Value
	}
	if l, ok := httpx.AcceptLanguage(r); ok {
		return l
	}
	return "tk"
}

// clientIP is the address the connection comes from.
func clientIP(r *http.Request) string { return httpx.ClientIP(r) }

// newRequest reads the request's time, language and session, if any. An
// absent, unknown or expired session leaves the actor anonymous.
func (s *server) newRequest(r *http.Request) *request {
	q := &request{now: nowOf(r), lang: langOf(r)}
	c, err := r.Cookie(s.cookieName)
	if err != nil || c.Value == "" {
		return q
	}
	q.token = c.Value
	actor, err := s.app.Authenticate(r.Context(), c.Value, clientIP(r))
	if err != nil {
		if code := ledger.ErrorCode(err); code != ledger.ENotFound && code != ledger.EUnauthorized {
			s.log.Error("authenticate", "err", err)
		}
		return q
	}
	actor.Lang = q.lang // the page's language, which the user may have just switched
	q.actor = actor
	return q
}

func (q *request) loggedIn() bool { return q.actor.User != 0 }

// toLogin sends an anonymous visitor to the login page, to come back here.
func (s *server) toLogin(w http.ResponseWriter, r *http.Request) {
	target := "/login"
	if r.Method == http.MethodGet && r.URL.Path != "/" {
		target += "?next=" + url.QueryEscape(r.URL.RequestURI())
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

type pageHandler func(w http.ResponseWriter, r *http.Request, q *request)

// user wraps a page that needs a logged-in user.
func (s *server) user(h pageHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r = r.WithContext(app.WithRequestCache(r.Context())) // one lookup of org and role a request
		q := s.newRequest(r)
		if !q.loggedIn() {
			s.toLogin(w, r)
			return
		}
		orgs, err := s.app.MyOrgs(r.Context(), q.actor)
		if err != nil {
			s.fail(w, r, q, err)
			return
		}
		q.orgs = orgs
		h(w, r, q)
	})
}

// org wraps a page of one organisation: the user must be allowed to read
// its books. Anyone else gets 404, the answer for an organisation that does
// not exist, so that nobody learns which other organisations there are.
func (s *server) org(h pageHandler) http.Handler {
	return s.user(func(w http.ResponseWriter, r *http.Request, q *request) {
		org, role, err := s.app.Authorize(r.Context(), q.actor, r.PathValue("org"), auth.ReadBooks)
		if app.NeedsTOTP(err) { // an owner without two-factor where owners must use it
			s.totpRequired(w, r, q, err)
			return
		}
		switch code := ledger.ErrorCode(err); code {
		case "":
		case ledger.ENotFound, ledger.EForbidden:
			s.notFoundPage(w, r, q)
			return
		default:
			s.fail(w, r, q, err)
			return
		}
		q.org, q.role = org, role
		h(w, r, q)
	})
}

// localPath returns p when it is a path on this site, else "/": redirects
// after login and language changes never leave the site.
func localPath(p string) string {
	if p == "" || p[0] != '/' || strings.HasPrefix(p, "//") || strings.HasPrefix(p, "/\\") {
		return "/"
	}
	// Browsers drop tabs and line breaks from addresses ("/\t/evil" is
	// "//evil"), so no control character may pass.
	for i := 0; i < len(p); i++ {
		if p[i] < 0x20 || p[i] == 0x7f {
			return "/"
		}
	}
	return p
}
