package auth

import (
	"net/http"
	"time"
)

// CookieName is the session cookie's name. The __Host- prefix makes the
// browser accept it only with Secure, Path=/ and no Domain, so neither a
// sibling subdomain nor a plain-HTTP page can set or shadow it.
const CookieName = "__Host-hasap"

// SessionCookie returns the cookie that carries token: Secure, HttpOnly
// (no script reads it), SameSite=Lax (not sent on cross-site POSTs; links
// from elsewhere still land logged in) and Path=/. maxAge > 0 sets Max-Age,
// rounded up to a whole second (use the time left until the session's
// absolute timeout); maxAge == 0 makes a browser-session cookie; maxAge < 0
// makes a cookie that deletes the session cookie, whatever token says.
func SessionCookie(token string, maxAge time.Duration) *http.Cookie {
	c := &http.Cookie{
		Name:     CookieName,
		Value:    token,
		Path:     "/",
		Secure:   true,
		HttpOnly: true,
		SameSite: http.SameSiteLaxMode,
	}
	switch {
	case maxAge > 0:
		c.MaxAge = int((maxAge + time.Second - 1) / time.Second)
	case maxAge < 0:
		c.Value = ""
		c.MaxAge = -1 // sent as Max-Age=0: delete now
	}
	return c
}

// ClearSessionCookie returns the cookie that logs the browser out.
func ClearSessionCookie() *http.Cookie { return SessionCookie("", -1) }
