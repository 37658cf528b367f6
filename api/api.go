// Package api serves Hasap's JSON API, version 1, for programs: the
// organisation of an API token, its chart of accounts, analytics catalogs,
// entries (list, read, post, reverse), business documents (list, read,
// draft, save, post, unpost, cancel), balances, the trial balance and the
// other reports (the account card and the cash book among them), and the
// OpenAPI document that describes them (openapi.json, embedded).
//
// Every route is in the one table below, on the standard http.ServeMux;
// each handler reads straight down: parse, call a use case of package app,
// respond. Tenant and role checks happen in app, never here alone.
//
// The caller is an API token ("Authorization: Bearer hsp_..."), nothing
// else: a browser's session cookie is not accepted, so a page of another
// site cannot make a logged-in browser act through the API. Amounts travel
// as decimal strings ("1150.00"), never as JSON numbers, both ways. Errors
// are {"error": code, "message": text in the caller's language}, with the
// status of the code in httpx.Status, the one table of them.
//
// The package must not import database/sql or a store implementation.
package api

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"hasap/app"
	"hasap/i18n"
	"hasap/internal/httpx"
	"hasap/ledger"
	"hasap/statement"
)

// Limits (TigerBeetle style: a limit on everything).
const (
	maxBodyBytes      = 1 << 20 // a request body
	maxAPIPostings    = 1000    // postings of one entry posted through the API
	defaultEntryLimit = 50      // entries per page
	maxEntryLimit     = 500
	defaultAnalytics  = 50 // catalog entries per list
	maxIdemKeyBytes   = 128
	maxQueryTextBytes = 200 // a search or text filter
)

type server struct {
	app *app.App
	log *slog.Logger
}

// request is what every handler knows about its caller.
type request struct {
	actor app.Actor
	lang  string // tk, ru or en: messages and names
}

// handler serves one authenticated route. An error it returns is written
// as the JSON error of its code; on success it writes the response itself.
type handler func(w http.ResponseWriter, r *http.Request, q *request) error

// route is one line of the routing table.
type route struct {
	pattern string
	handler http.Handler
}

// Handler returns the API's routes over the use cases.
func Handler(a *app.App) http.Handler {
	s := &server{app: a, log: slog.Default()}
	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		mux.Handle(rt.pattern, rt.handler)
	}
	return mux
}

// routes is every endpoint. Those behind s.token need an API token; the
// health check and the OpenAPI document are public.
func (s *server) routes() []route {
	const v1 = "/api/v1"
	return []route{
		{"GET /healthz", http.HandlerFunc(health)},
		{"GET " + v1 + "/openapi.json", http.HandlerFunc(openAPI)},
		{"GET " + v1 + "/orgs", s.token(s.orgs)},
		{"GET " + v1 + "/orgs/{org}", s.token(s.org)},
		{"GET " + v1 + "/orgs/{org}/accounts", s.token(s.accounts)},
		{"GET " + v1 + "/orgs/{org}/analytics/{kind}", s.token(s.analytics)},
		{"POST " + v1 + "/orgs/{org}/analytics/{kind}", s.token(s.createAnalytic)},
		{"GET " + v1 + "/orgs/{org}/entries", s.token(s.entries)},
		{"POST " + v1 + "/orgs/{org}/entries", s.token(s.postEntry)},
		{"GET " + v1 + "/orgs/{org}/entries/{year}/{number}", s.token(s.entry)},
		{"POST " + v1 + "/orgs/{org}/entries/{year}/{number}/reverse", s.token(s.reverse)},
		{"GET " + v1 + "/orgs/{org}/documents", s.token(s.documents)},
		{"POST " + v1 + "/orgs/{org}/documents", s.token(s.createDocument)},
		{"GET " + v1 + "/orgs/{org}/documents/{id}", s.token(s.document)},
		{"PUT " + v1 + "/orgs/{org}/documents/{id}", s.token(s.saveDocument)},
		{"POST " + v1 + "/orgs/{org}/documents/{id}/post", s.token(s.postDocument)},
		{"POST " + v1 + "/orgs/{org}/documents/{id}/unpost", s.token(s.unpostDocument)},
		{"POST " + v1 + "/orgs/{org}/documents/{id}/cancel", s.token(s.cancelDocument)},
		{"POST " + v1 + "/orgs/{org}/bank-statements", s.tokenUpTo(maxStatementBody, s.importStatements)},
		{"GET " + v1 + "/orgs/{org}/bank-statements/{id}", s.token(s.bankStatement)},
		{"POST " + v1 + "/orgs/{org}/bank-statements/{id}/confirm", s.token(s.confirmStatement)},
		{"POST " + v1 + "/orgs/{org}/documents/{id}/derive", s.token(s.deriveDocument)},
		{"GET " + v1 + "/orgs/{org}/balances", s.token(s.balances)},
		{"GET " + v1 + "/orgs/{org}/trial-balance", s.token(s.trialBalance)},
		{"GET " + v1 + "/orgs/{org}/general-ledger", s.token(s.generalLedger)},
		{"GET " + v1 + "/orgs/{org}/analytic-analysis", s.token(s.analyticAnalysis)},
		{"GET " + v1 + "/orgs/{org}/chessboard", s.token(s.chessboard)},
		{"GET " + v1 + "/orgs/{org}/accounts/{code}/analysis", s.token(s.accountAnalysis)},
		{"GET " + v1 + "/orgs/{org}/accounts/{code}/card", s.token(s.accountCard)},
		{"GET " + v1 + "/orgs/{org}/cash-book", s.token(s.cashBook)},
		{"GET " + v1 + "/orgs/{org}/counterparties/{id}/open-items", s.token(s.openItems)},
		{"GET " + v1 + "/orgs/{org}/counterparties/{id}/reconciliation", s.token(s.reconciliation)},
		{"GET " + v1 + "/orgs/{org}/counterparty-balances", s.token(s.counterpartyBalances)},
		{"GET " + v1 + "/orgs/{org}/ageing", s.token(s.ageing)},
		{"GET " + v1 + "/orgs/{org}/vat-books", s.token(s.vatBooks)},
		{"GET " + v1 + "/orgs/{org}/rates", s.token(s.rates)},
		{"PUT " + v1 + "/orgs/{org}/rates", s.token(s.putRate)},
		{"POST " + v1 + "/orgs/{org}/rates/import", s.token(s.importRates)},
		{"GET " + v1 + "/orgs/{org}/close/{month}", s.token(s.monthClose)},
		{"POST " + v1 + "/orgs/{org}/close/{month}/steps/{step}", s.token(s.closeStep(false))},
		{"POST " + v1 + "/orgs/{org}/close/{month}/steps/{step}/unpost", s.token(s.closeStep(true))},
		{"POST " + v1 + "/orgs/{org}/reopen", s.token(s.reopen)},
		{"GET " + v1 + "/orgs/{org}/statements/{kind}", s.token(s.statement)},
		{"GET " + v1 + "/orgs/{org}/statements/{kind}/template", s.token(s.statementTemplate)},
		{"PUT " + v1 + "/orgs/{org}/statements/{kind}/template", s.tokenUpTo(2*statement.MaxTemplateBytes, s.putStatementTemplate)},
		{"DELETE " + v1 + "/orgs/{org}/statements/{kind}/template", s.token(s.deleteStatementTemplate)},
		{"GET " + v1 + "/orgs/{org}/settings", s.token(s.orgSettings)},
		{"PUT " + v1 + "/orgs/{org}/settings", s.token(s.saveOrgSettings)},
		{"/api/", http.HandlerFunc(noEndpoint)},
	}
}

// token wraps a handler: it bounds the request body, picks the language,
// and finds the caller from the API token, refusing anyone without one
// before the handler reads anything.
func (s *server) token(h handler) http.Handler { return s.tokenUpTo(maxBodyBytes, h) }

// tokenUpTo is token for a request whose body may be limit bytes (a
// statement file).
func (s *server) tokenUpTo(limit int64, h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		q := &request{lang: langOf(r)}
		actor, err := s.authenticate(r)
		if err == nil {
			q.actor = actor
			err = h(w, r, q)
		}
		if err != nil {
			s.writeError(w, r, err, q.lang)
		}
	})
}

// authenticate finds the caller: an API token in "Authorization: Bearer
// hsp_...", which acts in its own organisation with its user's role there.
// Anything else, a session cookie included, is refused; the use case then
// checks tenant and role.
func (s *server) authenticate(r *http.Request) (app.Actor, error) {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	token = strings.TrimSpace(token)
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return app.Actor{}, ledger.Errorf(ledger.EUnauthorized, "an API token is required (Authorization: Bearer ...)")
	}
	actor, _, err := s.app.AuthenticateAPI(r.Context(), token, clientIP(r))
	return actor, err
}

// langOf picks the language of messages and names: ?lang=, else the first
// of Accept-Language that Hasap speaks, else English.
func langOf(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); i18n.Valid(l) {
		return l
	}
	if l, ok := httpx.AcceptLanguage(r); ok {
		return l
	}
	return "en"
}

// clientIP is the address the connection comes from.
func clientIP(r *http.Request) string { return httpx.ClientIP(r) }

func health(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "time": time.Now().UTC().Format(time.RFC3339)})
}

// noEndpoint answers any other path under /api/ (and a known path with
// another method) with a JSON 404.
func noEndpoint(w http.ResponseWriter, r *http.Request) {
	err := ledger.Errorf(ledger.ENotFound, "no such API endpoint: %s %s", r.Method, r.URL.Path)
	writeJSON(w, httpx.Status(ledger.ENotFound), errorBody(err, langOf(r)))
}

// ErrorBody is the body of every error response.
type ErrorBody struct {
	Error   string `json:"error"`   // the code: invalid, not_found, conflict, ...
	Message string `json:"message"` // for people, in the caller's language
}

func errorBody(err error, lang string) ErrorBody {
	code := ledger.ErrorCode(err)
	msg := i18n.Error(err, lang)
	if code == ledger.EInternal {
		msg = i18n.T(lang, "Something went wrong on the server. Please try again.")
	}
	return ErrorBody{Error: string(code), Message: msg}
}

// writeError answers with err's code and message; an internal error's
// detail goes to the log, not to the caller.
func (s *server) writeError(w http.ResponseWriter, r *http.Request, err error, lang string) {
	code := ledger.ErrorCode(err)
	if code == ledger.EInternal || code == ledger.ETampered {
		s.log.Error("api", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if code == ledger.EUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="hasap"`)
	}
	writeJSON(w, httpx.Status(code), errorBody(err, lang))
}

// writeJSON writes v as the response. API answers are never cached: they
// are one organisation's books.
func writeJSON(w http.ResponseWriter, status int, v any) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
