// Package api serves Hasap's JSON API. For now: a health check and a
// read-only view of an organisation's trial balance for the holder of an API
// token of that organisation; the full /api/v1 comes with the web
// application. Amounts are decimal strings.
package api

import (
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"time"

	"hasap/app"
	"hasap/i18n"
	"hasap/ledger"
)

// Handler returns the API's routes over the use cases.
func Handler(a *app.App) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "time": time.Now().UTC().Format(time.RFC3339)})
	})
	mux.HandleFunc("GET /api/v1/orgs/{org}/trial-balance", func(w http.ResponseWriter, r *http.Request) {
		lang := r.URL.Query().Get("lang")
		if !i18n.Valid(lang) {
			lang = "en"
		}
		from, err := optDate(r.URL.Query().Get("from"))
		if err != nil {
			writeError(w, err, lang)
			return
		}
		to, err := optDate(r.URL.Query().Get("to"))
		if err != nil {
			writeError(w, err, lang)
			return
		}
		actor, err := authenticate(r, a)
		if err != nil {
			writeError(w, err, lang)
			return
		}
		tb, err := a.TrialBalance(r.Context(), actor, r.PathValue("org"), from, to)
		if err != nil {
			writeError(w, err, lang)
			return
		}
		writeJSON(w, http.StatusOK, TrialBalanceJSON(tb, lang))
	})
	return mux
}

// authenticate finds the caller: an API token in "Authorization: Bearer
// hsp_...", which acts in its own organisation with its user's role there.
// Anything else is refused; the use case then checks tenant and role.
func authenticate(r *http.Request, a *app.App) (app.Actor, error) {
	h := r.Header.Get("Authorization")
	token, ok := strings.CutPrefix(h, "Bearer ")
	if !ok || token == "" {
		return app.Actor{}, ledger.Errorf(ledger.EUnauthorized, "an API token is required (Authorization: Bearer ...)")
	}
	actor, _, err := a.AuthenticateAPI(r.Context(), strings.TrimSpace(token), clientIP(r))
	return actor, err
}

// clientIP is the connection's address without the port.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func optDate(s string) (ledger.Date, error) {
	if s == "" {
		return ledger.NoDate, nil
	}
	return ledger.ParseDate(s)
}

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

func writeError(w http.ResponseWriter, err error, lang string) {
	code := ledger.ErrorCode(err)
	msg := i18n.Error(err, lang)
	if code == ledger.EInternal {
		msg = "internal error"
	}
	writeJSON(w, statusOf[code], map[string]string{"error": string(code), "message": msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
