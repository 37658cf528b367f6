// Package web serves Hasap's pages for people: server-rendered HTML in
// Turkmen, Russian and English over the use cases of package app. Every
// route is in the one table of routes below, on the standard http.ServeMux;
// each page action has its own file and reads straight down: who asks,
// parse, call app, render. Templates and static files are embedded.
//
// Every page works without JavaScript; htmx (vendored in static/, see
// static/VENDOR.md) only saves a reload where that helps on a slow line: the
// journal's "older" page is appended in place, the entry form names an
// account and the analytics it wants as soon as the account is typed and
// checks each analytic as it is left, an analytic field (the entry form's,
// the journal's filter) suggests a catalog's entries by code or name as it
// is typed (a <datalist> of at most 20, never the catalog), and
// a running import's page fetches its progress every second (without
// JavaScript it reloads itself, by a meta refresh in noscript). htmx
// runs with eval, script tags, inline indicator styles and its history
// cache (copies of pages in localStorage) off: the meta htmx-config in
// templates/layout.html. The Content-Security-Policy allows no inline
// script or style at all.
//
// Handlers never touch a store: tenant and role checks happen in app, and a
// handler only decides how to show their answer. The package must not import
// database/sql or a store implementation.
package web

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"hasap/app"
)

// Options tune the web handler.
type Options struct {
	// Insecure is for plain-HTTP local development only (`hasap serve` on
	// localhost): the session cookie is then named hasap_session and sent
	// without Secure, since browsers refuse __Host- and Secure cookies over
	// http://. Never set it for a server reached over a network.
	Insecure bool
	// Now is the clock, read once per request (nil: time.Now).
	Now func() time.Time
	// Log receives server errors (nil: slog.Default()).
	Log *slog.Logger
	// Context is the server's life (nil: forever): journal imports run in
	// the background, beyond the request that uploaded them, and stop (and
	// roll back) when it is cancelled.
	Context context.Context
	// Jobs, if set, counts those background imports, so that a server
	// shutting down can wait for them to roll back and remove their
	// temporary files.
	Jobs *sync.WaitGroup
}

// Limits (TigerBeetle style: a limit on everything).
const (
	maxBodyBytes   = 256 << 10 // a request body; the entry form at maxFormRows fits well within
	maxFormRows    = 50        // posting rows of the entry form
	formRowsStep   = 3         // rows the "more rows" button adds
	journalPage    = 50        // entries per journal page
	cardPage       = 200       // lines per account card page
	langCookieDays = 400       // browsers cap cookie lifetimes at 400 days
)

type server struct {
	app        *app.App
	opts       Options
	log        *slog.Logger
	pages      *pages
	assets     *assets
	cookieName string
	imports    *importJobs
}

// route is one line of the routing table.
type route struct {
	pattern string
	handler http.Handler
}

// Handler returns the web application over the use cases.
func Handler(a *app.App, opts Options) http.Handler {
	s := &server{app: a, opts: opts, log: opts.Log, pages: mustParsePages(), assets: mustLoadAssets()}
	if s.opts.Now == nil {
		s.opts.Now = time.Now
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	s.cookieName = s.sessionCookie("", 0).Name
	s.imports = newImportJobs(opts.Context, opts.Jobs, s.opts.Now)
	mux := http.NewServeMux()
	for _, r := range s.routes() {
		mux.Handle(r.pattern, r.handler)
	}
	return s.middleware(mux)
}

// routes is every page of the application. user pages need a login; org
// pages also need the right to read the organisation's books, and answer
// 404 to anyone else, as if the organisation did not exist.
func (s *server) routes() []route {
	h := func(f http.HandlerFunc) http.Handler { return f }
	return []route{
		{"GET /static/{name}", h(s.static)},
		{"GET /login", h(s.loginForm)},
		{"POST /login", h(s.login)},
		{"POST /logout", h(s.logout)},
		{"POST /lang", h(s.setLang)},
		{"GET /{$}", s.user(s.orgList)},
		{"GET /o/{org}", h(s.orgSlash)},
		{"GET /o/{org}/{$}", s.org(s.home)},
		{"GET /o/{org}/accounts", s.org(s.accounts)},
		{"GET /o/{org}/accounts/{code}/card", s.org(s.accountCard)},
		{"GET /o/{org}/accounts/new", s.org(s.accountNew)},
		{"POST /o/{org}/accounts/new", s.org(s.accountCreate)},
		{"GET /o/{org}/accounts/{code}/edit", s.org(s.accountEdit)},
		{"POST /o/{org}/accounts/{code}/edit", s.org(s.accountSave)},
		{"POST /o/{org}/accounts/{code}/active", s.org(s.accountActive)},
		{"GET /o/{org}/catalogs", s.org(s.catalogs)},
		{"GET /o/{org}/catalogs/{kind}", s.org(s.catalog)},
		{"GET /o/{org}/catalogs/{kind}/options", s.org(s.analyticOptions)},
		{"POST /o/{org}/catalogs/{kind}", s.org(s.catalogAdd)},
		{"GET /o/{org}/catalogs/{kind}/{id}/edit", s.org(s.analyticEdit)},
		{"POST /o/{org}/catalogs/{kind}/{id}/edit", s.org(s.analyticSave)},
		{"GET /o/{org}/journal", s.org(s.journal)},
		{"GET /o/{org}/entries/new", s.org(s.entryForm)},
		{"POST /o/{org}/entries/new", s.org(s.entryPost)},
		{"GET /o/{org}/entries/new/side", s.org(s.entrySide)},
		{"GET /o/{org}/entries/{year}/{number}", s.org(s.entry)},
		{"POST /o/{org}/entries/{year}/{number}/reverse", s.org(s.entryReverse)},
		{"GET /o/{org}/documents", s.org(s.documents)},
		{"GET /o/{org}/documents/new", s.org(s.documentNew)},
		{"POST /o/{org}/documents/new", s.org(s.documentCreate)},
		{"GET /o/{org}/documents/{id}", s.org(s.document)},
		{"GET /o/{org}/documents/{id}/edit", s.org(s.documentEdit)},
		{"POST /o/{org}/documents/{id}/edit", s.org(s.documentSave)},
		{"POST /o/{org}/documents/{id}/post", s.org(s.documentAction("post"))},
		{"POST /o/{org}/documents/{id}/unpost", s.org(s.documentAction("unpost"))},
		{"POST /o/{org}/documents/{id}/cancel", s.org(s.documentAction("cancel"))},
		{"POST /o/{org}/documents/{id}/restore", s.org(s.documentAction("restore"))},
		{"POST /o/{org}/documents/{id}/derive", s.org(s.documentDerive)},
		{"GET /o/{org}/documents/{id}/print", s.org(s.documentPrint)},
		{"GET /o/{org}/documents/{id}/pdf", s.org(s.documentPDF)},
		{"GET /o/{org}/bank", s.org(s.bank)},
		{"POST /o/{org}/bank", s.org(s.bankUpload)},
		{"GET /o/{org}/bank/{id}", s.org(s.bankStatement)},
		{"POST /o/{org}/bank/{id}", s.org(s.bankConfirm)},
		{"GET /o/{org}/bank/mappings/new", s.org(s.bankMappingNew)},
		{"POST /o/{org}/bank/mappings/new", s.org(s.bankMappingSave)},
		{"GET /o/{org}/bank/mappings/{id}", s.org(s.bankMappingEdit)},
		{"POST /o/{org}/bank/mappings/{id}", s.org(s.bankMappingSave)},
		{"GET /o/{org}/trial-balance", s.org(s.trialBalance)},
		{"GET /o/{org}/reports", s.org(s.reportsIndex)},
		{"GET /o/{org}/general-ledger", s.org(s.generalLedger)},
		{"GET /o/{org}/analytic-analysis", s.org(s.analyticAnalysis)},
		{"GET /o/{org}/statements/{kind}", s.org(s.statementPage)},
		{"GET /o/{org}/statements/{kind}/lines/{line}", s.org(s.statementLine)},
		{"GET /o/{org}/statements/{kind}/template", s.org(s.statementTemplate)},
		{"POST /o/{org}/statements/{kind}/template", s.org(s.statementTemplateSave)},
		{"POST /o/{org}/statements/{kind}/template/reset", s.org(s.statementTemplateReset)},
		{"GET /o/{org}/chessboard", s.org(s.chessboard)},
		{"GET /o/{org}/accounts/{code}/analysis", s.org(s.accountAnalysis)},
		{"GET /o/{org}/cashbook", s.org(s.cashBook)},
		{"GET /o/{org}/cashbook/print", s.org(s.cashBookPrint)},
		{"GET /o/{org}/cashbook/pdf", s.org(s.cashBookPDF)},
		{"GET /o/{org}/settlements", s.org(s.settlements)},
		{"GET /o/{org}/settlements/{id}", s.org(s.settlement)},
		{"GET /o/{org}/settlements/{id}/act/print", s.org(s.reconciliationPrint)},
		{"GET /o/{org}/settlements/{id}/act/pdf", s.org(s.reconciliationPDF)},
		{"GET /o/{org}/ageing", s.org(s.ageing)},
		{"GET /o/{org}/vat", s.org(s.vat)},
		{"GET /o/{org}/rates", s.org(s.rates)},
		{"POST /o/{org}/rates", s.org(s.rateSave)},
		{"POST /o/{org}/rates/import", s.org(s.ratesImport)},
		{"GET /o/{org}/import", s.org(s.importForm)},
		{"POST /o/{org}/import", s.org(s.importPost)},
		{"GET /o/{org}/import/{job}", s.org(s.importJob)},
		{"GET /o/{org}/close", s.org(s.closePage)},
		{"POST /o/{org}/close/{month}/post/{step}", s.org(s.closeStep("post"))},
		{"POST /o/{org}/close/{month}/unpost/{step}", s.org(s.closeStep("unpost"))},
		{"POST /o/{org}/close/reopen", s.org(s.closeReopen)},
		{"GET /o/{org}/control", s.org(s.control)},
		{"POST /o/{org}/control/lock-date", s.org(s.controlLockDate)},
		{"POST /o/{org}/control/verify", s.org(s.controlVerify)},
		{"POST /o/{org}/control/checkpoint", s.org(s.controlCheckpoint)},
		{"POST /o/{org}/control/export", s.org(s.controlExport)},
		{"GET /o/{org}/audit", s.org(s.audit)},
		{"GET /o/{org}/settings", s.org(s.orgSettings)},
		{"POST /o/{org}/settings", s.org(s.orgSettingsSave)},
		{"GET /o/{org}/members", s.org(s.members)},
		{"POST /o/{org}/members", s.org(s.memberAdd)},
		{"POST /o/{org}/members/require-totp", s.org(s.membersRequireTOTP)},
		{"POST /o/{org}/members/{user}/role", s.org(s.memberRole)},
		{"POST /o/{org}/members/{user}/remove", s.org(s.memberRemove)},
		{"POST /o/{org}/members/{user}/reset-password", s.org(s.memberResetPassword)},
		{"GET /me", s.user(s.me)},
		{"POST /me/password", s.user(s.mePassword)},
		{"GET /me/totp", s.user(s.meTOTPForm)},
		{"POST /me/totp", s.user(s.meTOTPOn)},
		{"POST /me/totp/off", s.user(s.meTOTPOff)},
		{"/", h(s.notFound)},
	}
}
