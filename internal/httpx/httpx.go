// Package httpx holds what the two HTTP adapters (web pages and JSON API)
// share: the one table from error codes to HTTP statuses, the language a
// request asks for, and the client's address.
package httpx

import (
	"net"
	"net/http"
	"strings"

	"hasap/i18n"
	"hasap/ledger"
)

// statusOf maps error codes to HTTP statuses, in this one table.
var statusOf = map[ledger.Code]int{
	ledger.EInvalid:      http.StatusUnprocessableEntity,
	ledger.ENotFound:     http.StatusNotFound,
	ledger.EConflict:     http.StatusConflict,
	ledger.ELocked:       http.StatusConflict,
	ledger.EForbidden:    http.StatusForbidden,
	ledger.EUnauthorized: http.StatusUnauthorized,
	ledger.ETampered:     http.StatusInternalServerError,
	ledger.EInternal:     http.StatusInternalServerError,
}

// Status is the HTTP status of an error code (500 for an unknown one).
func Status(code ledger.Code) int {
	if s, ok := statusOf[code]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// AcceptLanguage returns the first language of the Accept-Language header
// that Hasap speaks.
func AcceptLanguage(r *http.Request) (string, bool) {
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		base, _, _ := strings.Cut(strings.ToLower(tag), "-")
		if i18n.Valid(base) {
			return base, true
		}
	}
	return "", false
}

// ClientIP is the address the connection comes from, without the port (a
// reverse proxy's own address when behind one: X-Forwarded-For is not
// trusted yet).
func ClientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
