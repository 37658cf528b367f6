package web_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"hasap/auth"
	"hasap/demo"
	"hasap/web"
)

// Who a route is for, beyond the permissions of auth.
const (
	public   auth.Permission = "public"    // anyone, logged in or not
	loggedIn auth.Permission = "logged-in" // any user, no organisation involved
)

// access is one row of the access matrix: a route of web.routes, an
// address that exercises it ({org} is replaced by the organisation's
// code), the permission it needs, and for POST a form that the action
// would accept from a user who has the permission.
type access struct {
	pattern string
	path    string
	perm    auth.Permission
	form    url.Values
	// ok is the status a member with the permission gets when it is not
	// 200: 404 for a page only its creator sees (an import job).
	ok int
}

// accessMatrix has one row for every route of the web application;
// TestAccessMatrixCoversEveryRoute keeps it so.
var accessMatrix = []access{
	{pattern: "GET /static/{name}", perm: public},
	{pattern: "GET /login", perm: public},
	{pattern: "POST /login", perm: public},
	{pattern: "POST /logout", perm: public},
	{pattern: "POST /lang", perm: public},
	{pattern: "/", perm: public},
	{pattern: "GET /{$}", path: "/", perm: loggedIn},
	{pattern: "GET /o/{org}", path: "/o/{org}", perm: public}, // a redirect to /o/{org}/, which is checked
	{pattern: "GET /o/{org}/{$}", path: "/o/{org}/", perm: auth.ReadBooks},
	{pattern: "GET /o/{org}/accounts", path: "/o/{org}/accounts", perm: auth.ReadBooks},
	{pattern: "GET /o/{org}/accounts/{code}/card", path: "/o/{org}/accounts/51/card", perm: auth.ReadBooks},
	{pattern: "GET /o/{org}/journal", path: "/o/{org}/journal?text=a", perm: auth.ReadBooks},
	{pattern: "GET /o/{org}/entries/new", path: "/o/{org}/entries/new", perm: auth.PostEntries},
	{pattern: "POST /o/{org}/entries/new", path: "/o/{org}/entries/new", perm: auth.PostEntries,
		form: entryForm("2025-12-30", "matrix", "matrix-key-1", [9]string{"50", "", "", "", "51", "", "", "", "1.00"})},
	{pattern: "GET /o/{org}/entries/new/side", path: "/o/{org}/entries/new/side?side=dt&row=0&dt0=62.01", perm: auth.ReadBooks}, // a hint from the chart
	{pattern: "GET /o/{org}/entries/{year}/{number}", path: "/o/{org}/entries/2025/1", perm: auth.ReadBooks},
	{pattern: "POST /o/{org}/entries/{year}/{number}/reverse", path: "/o/{org}/entries/2025/1/reverse", perm: auth.PostEntries,
		form: url.Values{"date": {"2025-12-31"}}},
	// business documents (documents.go, documents_form.go); the rows ask for a document no
	// organisation has, so its pages answer 404 to those who may see them: documents_test.go tries each role on its own
	{pattern: "GET /o/{org}/documents", path: "/o/{org}/documents?status=draft", perm: auth.ReadBooks},
	{pattern: "GET /o/{org}/documents/new", path: "/o/{org}/documents/new?type=sales_invoice", perm: auth.DraftEntries},
	{pattern: "POST /o/{org}/documents/new", path: "/o/{org}/documents/new?type=sales_invoice", perm: auth.DraftEntries,
		form: url.Values{"date": {"2025-12-30"}, "counterparty": {"K001"}, "lines": {"1"}, "item0": {"T001"}, "qty0": {"1"}, "price0": {"1.00"}, "vat0": {"15%"}}},
	{pattern: "GET /o/{org}/documents/{id}", path: "/o/{org}/documents/999999", perm: auth.ReadBooks, ok: http.StatusNotFound},
	{pattern: "GET /o/{org}/documents/{id}/edit", path: "/o/{org}/documents/999999/edit", perm: auth.DraftEntries, ok: http.StatusNotFound},
	{pattern: "POST /o/{org}/documents/{id}/edit", path: "/o/{org}/documents/999999/edit", perm: auth.DraftEntries,
		form: url.Values{"version": {"1"}, "date": {"2025-12-30"}}},
	{pattern: "POST /o/{org}/documents/{id}/post", path: "/o/{org}/documents/999999/post", perm: auth.PostEntries, form: url.Values{"version": {"1"}}},
	{pattern: "POST /o/{org}/documents/{id}/unpost", path: "/o/{org}/documents/999999/unpost", perm: auth.PostEntries, form: url.Values{"version": {"1"}}},
	{pattern: "POST /o/{org}/documents/{id}/cancel", path: "/o/{org}/documents/999999/cancel", perm: auth.DraftEntries, form: url.Values{"version": {"1"}}},
	{pattern: "POST /o/{org}/documents/{id}/restore", path: "/o/{org}/documents/999999/restore", perm: auth.DraftEntries, form: url.Values{"version": {"1"}}},
	{pattern: "POST /o/{org}/documents/{id}/derive", path: "/o/{org}/documents/999999/derive", perm: auth.DraftEntries, form: url.Values{"type": {"payment_in"}, "key": {"matrix-derive"}}},
	{pattern: "GET /o/{org}/documents/{id}/print", path: "/o/{org}/documents/999999/print", perm: auth.ReadBooks, ok: http.StatusNotFound},
	{pattern: "GET /o/{org}/documents/{id}/pdf", path: "/o/{org}/documents/999999/pdf", perm: auth.ReadBooks, ok: http.StatusNotFound},
	// bank statements (bank.go, bank_statement.go, bank_mapping.go); the demo keeps no statement, so a
	// statement's page answers 404 to those who may see it: bank_test.go tries each role on its own
	{pattern: "GET /o/{org}/bank", path: "/o/{org}/bank", perm: auth.ReadBooks},
	{pattern: "POST /o/{org}/bank", path: "/o/{org}/bank", perm: auth.DraftEntries},
	{pattern: "GET /o/{org}/bank/{id}", path: "/o/{org}/bank/999999", perm: auth.ReadBooks, ok: http.StatusNotFound},
	{pattern: "POST /o/{org}/bank/{id}", path: "/o/{org}/bank/999999", perm: auth.DraftEntries, form: url.Values{"action": {"check"}}},
	{pattern: "GET /o/{org}/bank/mappings/new", path: "/o/{org}/bank/mappings/new", perm: auth.EditCatalogs},
	{pattern: "POST /o/{org}/bank/mappings/new", path: "/o/{org}/bank/mappings/new", perm: auth.EditCatalogs,
		form: url.Values{"name": {"Matrix bank"}, "date": {"1"}, "date_layout": {"02.01.2006"}, "amount": {"2"}, "currency": {"TMT"}}},
	{pattern: "GET /o/{org}/bank/mappings/{id}", path: "/o/{org}/bank/mappings/999999", perm: auth.EditCatalogs, ok: http.StatusNotFound},
	{pattern: "POST /o/{org}/bank/mappings/{id}", path: "/o/{org}/bank/mappings/999999", perm: auth.EditCatalogs,
		form: url.Values{"name": {"Matrix bank"}, "version": {"1"}, "date": {"1"}, "date_layout": {"02.01.2006"}, "amount": {"2"}, "currency": {"TMT"}}},
	{pattern: "GET /o/{org}/trial-balance", path: "/o/{org}/trial-balance?expand=62&detail=analytics", perm: auth.ReadBooks},
	// the registers (trial_balance.go, registers.go): expanded, exported, the general ledger, the analysis by analytic
	{pattern: "GET /o/{org}/reports", path: "/o/{org}/reports", perm: auth.ReadBooks},
	{pattern: "GET /o/{org}/general-ledger", path: "/o/{org}/general-ledger?from=2025-01-01&to=2025-12-31&format=csv", perm: auth.ReadBooks},
	{pattern: "GET /o/{org}/analytic-analysis", path: "/o/{org}/analytic-analysis?catalog=counterparty&id=999999", perm: auth.ReadBooks, ok: http.StatusNotFound},
	// the chessboard and the account analysis (chessboard.go)
	{pattern: "GET /o/{org}/chessboard", path: "/o/{org}/chessboard?from=2025-01-01&to=2025-12-31", perm: auth.ReadBooks},
	{pattern: "GET /o/{org}/accounts/{code}/analysis", path: "/o/{org}/accounts/62/analysis?from=2025-01-01&to=2025-03-31&bymonth=1", perm: auth.ReadBooks},
	{pattern: "GET /o/{org}/cashbook", path: "/o/{org}/cashbook?account=50.01&date=2025-06-30", perm: auth.ReadBooks},
	{pattern: "GET /o/{org}/cashbook/print", path: "/o/{org}/cashbook/print?account=50.01&date=2025-06-30", perm: auth.ReadBooks},
	{pattern: "GET /o/{org}/cashbook/pdf", path: "/o/{org}/cashbook/pdf?account=50.01&date=2025-06-30&lang=tk", perm: auth.ReadBooks},
	// counterparty settlements and the reconciliation act (settlements.go, reconciliation_print.go)
	{pattern: "GET /o/{org}/settlements", path: "/o/{org}/settlements", perm: auth.ReadBooks},
	{pattern: "GET /o/{org}/settlements/{id}", path: "/o/{org}/settlements/999999", perm: auth.ReadBooks, ok: http.StatusNotFound},
	{pattern: "GET /o/{org}/settlements/{id}/act/print", path: "/o/{org}/settlements/999999/act/print?from=2025-01-01&to=2025-12-31", perm: auth.ReadBooks, ok: http.StatusNotFound},
	{pattern: "GET /o/{org}/settlements/{id}/act/pdf", path: "/o/{org}/settlements/999999/act/pdf?from=2025-01-01&to=2025-12-31", perm: auth.ReadBooks, ok: http.StatusNotFound},
	// registers of issue 5 (ageing.go)
	{pattern: "GET /o/{org}/ageing", path: "/o/{org}/ageing?side=payable&date=2025-12-31", perm: auth.ReadBooks},
	{pattern: "GET /o/{org}/vat", path: "/o/{org}/vat?year=2025&month=3", perm: auth.ReadBooks},
	{pattern: "GET /o/{org}/rates", path: "/o/{org}/rates?currency=USD", perm: auth.ReadBooks},
	{pattern: "POST /o/{org}/rates", path: "/o/{org}/rates", perm: auth.EditCatalogs,
		form: url.Values{"date": {"2025-12-30"}, "currency": {"EUR"}, "rate": {"3,9"}}},
	{pattern: "POST /o/{org}/rates/import", path: "/o/{org}/rates/import", perm: auth.EditCatalogs,
		form: url.Values{"data": {"2025-12-29;EUR;3.91"}}},
	// the journal import (import.go); a job is seen only by the user who started it
	{pattern: "GET /o/{org}/import", path: "/o/{org}/import", perm: auth.PostEntries},
	{pattern: "POST /o/{org}/import", path: "/o/{org}/import", perm: auth.PostEntries},
	{pattern: "GET /o/{org}/import/{job}", path: "/o/{org}/import/0123456789abcdef0123456789abcdef", perm: auth.PostEntries, ok: http.StatusNotFound},
	// the chart of accounts and catalog pages (account_edit.go, catalogs.go)
	{pattern: "GET /o/{org}/accounts/new", path: "/o/{org}/accounts/new", perm: auth.EditCatalogs},
	{pattern: "POST /o/{org}/accounts/new", path: "/o/{org}/accounts/new", perm: auth.EditCatalogs,
		form: url.Values{"code": {"62.77"}, "parent": {"62"}, "name_ru": {"Матрица"}, "kind": {"AP"}, "class": {"asset"}}},
	{pattern: "GET /o/{org}/accounts/{code}/edit", path: "/o/{org}/accounts/51/edit", perm: auth.EditCatalogs},
	{pattern: "POST /o/{org}/accounts/{code}/edit", path: "/o/{org}/accounts/51/edit", perm: auth.EditCatalogs,
		form: url.Values{"code": {"51"}, "name_ru": {"Расчётные счета"}, "kind": {"A"}, "class": {"asset"}}},
	{pattern: "POST /o/{org}/accounts/{code}/active", path: "/o/{org}/accounts/51/active", perm: auth.EditCatalogs,
		form: url.Values{"active": {"0"}}},
	{pattern: "GET /o/{org}/catalogs", path: "/o/{org}/catalogs", perm: auth.ReadBooks},
	{pattern: "GET /o/{org}/catalogs/{kind}", path: "/o/{org}/catalogs/counterparty?q=a", perm: auth.ReadBooks},
	{pattern: "GET /o/{org}/catalogs/{kind}/options", path: "/o/{org}/catalogs/counterparty/options?list=dt0_1-list&q=a", perm: auth.ReadBooks}, // a picker's suggestions (analytic_options.go)
	{pattern: "POST /o/{org}/catalogs/{kind}", path: "/o/{org}/catalogs/counterparty", perm: auth.EditCatalogs,
		form: url.Values{"code": {"MATRIX"}, "name_ru": {"Матрица"}}},
	{pattern: "GET /o/{org}/catalogs/{kind}/{id}/edit", path: "/o/{org}/catalogs/counterparty/1/edit", perm: auth.EditCatalogs},
	{pattern: "POST /o/{org}/catalogs/{kind}/{id}/edit", path: "/o/{org}/catalogs/counterparty/1/edit", perm: auth.EditCatalogs,
		form: url.Values{"name_ru": {"Матрица"}}},
	// members and profile pages
	{pattern: "GET /o/{org}/members", path: "/o/{org}/members", perm: auth.ManageMembers},
	{pattern: "POST /o/{org}/members", path: "/o/{org}/members", perm: auth.ManageMembers,
		form: url.Values{"email": {demoViewer}, "role": {"owner"}}},
	{pattern: "POST /o/{org}/members/require-totp", path: "/o/{org}/members/require-totp", perm: auth.ManageMembers,
		form: url.Values{"require": {"1"}}},
	{pattern: "POST /o/{org}/members/{user}/role", path: "/o/{org}/members/1/role", perm: auth.ManageMembers,
		form: url.Values{"role": {"owner"}}},
	{pattern: "POST /o/{org}/members/{user}/remove", path: "/o/{org}/members/1/remove", perm: auth.ManageMembers},
	{pattern: "POST /o/{org}/members/{user}/reset-password", path: "/o/{org}/members/1/reset-password", perm: auth.ManageMembers},
	{pattern: "GET /me", path: "/me", perm: loggedIn},
	{pattern: "POST /me/password", path: "/me/password", perm: loggedIn},
	{pattern: "GET /me/totp", path: "/me/totp", perm: loggedIn},
	{pattern: "POST /me/totp", path: "/me/totp", perm: loggedIn},
	{pattern: "POST /me/totp/off", path: "/me/totp/off", perm: loggedIn},
	// the month close (close.go): every member sees it; the steps need SetLockDate (and PostEntries), reopening ReopenPeriod
	{pattern: "GET /o/{org}/close", path: "/o/{org}/close?month=2025-06", perm: auth.ReadBooks},
	{pattern: "POST /o/{org}/close/{month}/post/{step}", path: "/o/{org}/close/2025-06/post/revaluation", perm: auth.SetLockDate},
	{pattern: "POST /o/{org}/close/{month}/unpost/{step}", path: "/o/{org}/close/2025-06/unpost/revaluation", perm: auth.SetLockDate},
	{pattern: "POST /o/{org}/close/reopen", path: "/o/{org}/close/reopen", perm: auth.ReopenPeriod,
		form: url.Values{"month": {"2025-06"}, "to": {"2019-01-01"}, "reason": {"matrix"}}},
	{pattern: "GET /o/{org}/control", path: "/o/{org}/control", perm: auth.ReadBooks}, // the forms by permission
	{pattern: "POST /o/{org}/control/lock-date", path: "/o/{org}/control/lock-date", perm: auth.SetLockDate, form: url.Values{"date": {"2019-01-01"}}},
	{pattern: "POST /o/{org}/control/verify", path: "/o/{org}/control/verify", perm: auth.VerifyBooks},
	{pattern: "POST /o/{org}/control/checkpoint", path: "/o/{org}/control/checkpoint", perm: auth.VerifyBooks},
	{pattern: "POST /o/{org}/control/export", path: "/o/{org}/control/export", perm: auth.ExportBooks},
	{pattern: "GET /o/{org}/audit", path: "/o/{org}/audit", perm: auth.ReadAudit},
	// financial statements (statements.go): every member reads them and their templates; the owner and the
	// chief accountant load and reset a template (equity's, which no other test reads)
	{pattern: "GET /o/{org}/statements/{kind}", path: "/o/{org}/statements/balance-sheet?period=2025-12&compare=prev-year", perm: auth.ReadBooks},
	{pattern: "GET /o/{org}/statements/{kind}/lines/{line}", path: "/o/{org}/statements/pnl/lines/2110?period=2025", perm: auth.ReadBooks},
	{pattern: "GET /o/{org}/statements/{kind}/template", path: "/o/{org}/statements/equity/template", perm: auth.ReadBooks},
	{pattern: "POST /o/{org}/statements/{kind}/template", path: "/o/{org}/statements/equity/template", perm: auth.EditSettings,
		form: url.Values{"body": {"code,level,source,name_tk,name_ru,name_en\n3310,0,-N:80,Maýa,Капитал,Capital\n"}}},
	{pattern: "POST /o/{org}/statements/{kind}/template/reset", path: "/o/{org}/statements/equity/template/reset", perm: auth.EditSettings, form: url.Values{}},
	// the organisation's settings (settings.go): every member reads them, the owner and the chief accountant save
	{pattern: "GET /o/{org}/settings", path: "/o/{org}/settings", perm: auth.ReadBooks},
	{pattern: "POST /o/{org}/settings", path: "/o/{org}/settings", perm: auth.EditSettings, form: url.Values{"version": {"0"}, "legal_name": {"matrix"}}},
}

// roleUsers are the fixture's users of the demo organisation, one a role.
var roleUsers = []struct {
	email string
	role  auth.Role
}{
	{demoOwner, auth.Owner}, {demoChief, auth.ChiefAccountant}, {demoAccountant, auth.Accountant},
	{demoClerk, auth.Clerk}, {demoAuditor, auth.Auditor}, {demoViewer, auth.Viewer},
}

func TestAccessMatrixCoversEveryRoute(t *testing.T) {
	var rows []string
	for _, a := range accessMatrix {
		if slices.Contains(rows, a.pattern) {
			t.Errorf("route %q has two rows in accessMatrix", a.pattern)
		}
		rows = append(rows, a.pattern)
	}
	routes := web.RoutePatterns()
	for _, p := range routes {
		if !slices.Contains(rows, p) {
			t.Errorf("route %q has no row in accessMatrix: say who may use it", p)
		}
	}
	for _, p := range rows {
		if !slices.Contains(routes, p) {
			t.Errorf("accessMatrix row %q is not a route any more", p)
		}
	}
}

// TestAccessMatrix tries every organisation route as every kind of caller:
// nobody logged in (sent to the login page), a user of another
// organisation (404, as if the organisation did not exist), and each role
// of the organisation (refused with 403 or 404 without the permission; the
// page for GET with it). POSTs that a role may make are not sent here:
// the pages' own tests make them. No response to an outsider shows
// anything of the organisation, and no response to a member shows anything
// of another tenant.
func TestAccessMatrix(t *testing.T) {
	f := books(t)
	const demoName = "Ak Ýol Söwda" // the demo organisation's name, as pages show it
	clients := map[string]*client{}
	for _, u := range roleUsers {
		clients[u.email] = f.login(t, u.email, "en")
	}
	outsider := f.login(t, acmeUser, "en")
	anon := f.anonymous(t, "en")

	for _, a := range accessMatrix {
		if a.perm == public {
			continue
		}
		method, _, _ := strings.Cut(a.pattern, " ")
		t.Run(a.pattern, func(t *testing.T) {
			send := func(c *client, org string) (*http.Response, string) {
				c.t = t
				path := strings.ReplaceAll(a.path, "{org}", org)
				if method == http.MethodPost {
					return c.post(path, a.form, nil)
				}
				return c.get(path)
			}

			// Nobody logged in: the login page, and nothing else.
			res, body := send(anon, demo.Code)
			if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
				t.Errorf("anonymous: %d %q, want 303 to /login", res.StatusCode, res.Header.Get("Location"))
			}
			if strings.Contains(body, demoName) {
				t.Errorf("anonymous: the response names the organisation")
			}
			if a.perm == loggedIn {
				return
			}

			// A user of another tenant, and a member asking for another
			// tenant's organisation: 404 and nothing of it.
			res, body = send(outsider, demo.Code)
			if res.StatusCode != http.StatusNotFound {
				t.Errorf("user of another organisation: status %d, want 404", res.StatusCode)
			}
			if strings.Contains(body, demoName) {
				t.Errorf("user of another organisation: the response names the organisation")
			}
			res, body = send(clients[demoOwner], acme)
			if res.StatusCode != http.StatusNotFound {
				t.Errorf("owner of demo asking for acme: status %d, want 404", res.StatusCode)
			}
			if strings.Contains(body, acmeName) || strings.Contains(body, "Gök Bazar") {
				t.Errorf("owner of demo asking for acme: the response shows acme's data")
			}

			// Each role of the organisation.
			for _, u := range roleUsers {
				allowed := u.role.Can(a.perm)
				if allowed && method == http.MethodPost {
					continue
				}
				res, body := send(clients[u.email], demo.Code)
				ok := http.StatusOK
				if a.ok != 0 {
					ok = a.ok
				}
				switch {
				case !allowed && res.StatusCode != http.StatusForbidden && res.StatusCode != http.StatusNotFound:
					t.Errorf("%s without %s: status %d, want 403 or 404", u.role, a.perm, res.StatusCode)
				case allowed && res.StatusCode != ok:
					t.Errorf("%s with %s: status %d, want %d", u.role, a.perm, res.StatusCode, ok)
				}
				if strings.Contains(body, acmeName) || strings.Contains(body, "Gök Bazar") {
					t.Errorf("%s: a demo page shows acme's data", u.role)
				}
			}
		})
	}
}
