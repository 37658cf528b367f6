package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"hasap/app"
	"hasap/i18n"
	"hasap/ledger"
)

// auditPage is how many events one page of the audit log shows.
const auditPage = 50

// auditActions gives each action of the audit log its word, in the order
// the filter offers them. An action missing here shows as its code.
var auditActions = []struct{ action, word string }{
	{app.ActLogin, word("Login")},
	{app.ActLoginFailed, word("Failed login")},
	{app.ActLogout, word("Logout")},
	{app.ActPost, word("Entry posted")},
	{app.ActReverse, word("Reversal")},
	{app.ActStorno, word("Storno")},
	{app.ActDocCreate, word("Document drafted")},
	{app.ActDocSave, word("Document saved")},
	{app.ActDocCancel, word("Document cancelled")},
	{app.ActDocPost, word("Document posted")},
	{app.ActDocUnpost, word("Document unposted")},
	{app.ActImport, word("Import")},
	{app.ActLockDate, word("Lock date changed")},
	{app.ActReopen, word("Period reopened")},
	{app.ActVerify, word("Verification")},
	{app.ActCheckpoint, word("Checkpoint signed")},
	{app.ActExport, word("Export")},
	{app.ActRate, word("Exchange rate")},
	{app.ActAccount, word("Account changed")},
	{app.ActAccountCreate, word("Account created")},
	{app.ActAccountDeactivate, word("Account deactivated")},
	{app.ActAccountReactivate, word("Account reactivated")},
	{app.ActAnalyticCreate, word("Catalog entry added")},
	{app.ActAnalyticEdit, word("Catalog entry renamed")},
	{app.ActOrgCreate, word("Organisation created")},
	{app.ActUserCreate, word("User created")},
	{app.ActMemberAdd, word("Member added")},
	{app.ActRole, word("Role changed")},
	{app.ActMemberRemove, word("Member removed")},
	{app.ActPasswordReset, word("Password reset")},
	{app.ActTOTPOn, word("Two-factor turned on")},
	{app.ActTOTPOff, word("Two-factor turned off")},
	{app.ActPasswordChange, word("Password changed")},
	{app.ActRequireTOTP, word("Two-factor rule for owners changed")},
	{app.ActAPITokenCreate, word("API token created")},
	{app.ActAPITokenDelete, word("API token deleted")},
	{app.ActSettings, word("Settings changed")},
}

type auditData struct {
	*page
	Rows   []app.AuditRow
	Action string // the filter as typed
	Email  string
	Older  string // the address of the next (older) page, "" on the last
}

// actionChoice is an option of the action filter.
type actionChoice struct {
	Code, Name string
	Selected   bool
}

// Actions lists the actions for the filter, in the page's language.
func (d *auditData) Actions() []actionChoice {
	out := make([]actionChoice, len(auditActions))
	for i, a := range auditActions {
		out[i] = actionChoice{a.action, i18n.T(d.Lang, a.word), a.action == d.Action}
	}
	return out
}

// ActionName is the word for an action, or its code if it has none.
func (d *auditData) ActionName(action string) string {
	for _, a := range auditActions {
		if a.action == action {
			return i18n.T(d.Lang, a.word)
		}
	}
	return action
}

// entryDetail is the start of the detail of a posting, reversal or storno
// ("entry 2025/17", "entry 2025/18 reverses 2025/17"), as app writes it.
var entryDetail = regexp.MustCompile(`^entry (\d{4})/(\d{1,18})\b`)

// EntryURL is the address of the entry an event of a posting, reversal or
// storno made, "" for other events.
func (d *auditData) EntryURL(r app.AuditRow) string {
	switch r.Action {
	case app.ActPost, app.ActReverse, app.ActStorno:
	default:
		return ""
	}
	m := entryDetail.FindStringSubmatch(r.Detail)
	if m == nil {
		return ""
	}
	year, _ := strconv.Atoi(m[1])
	number, err := strconv.ParseInt(m[2], 10, 64)
	if err != nil {
		return ""
	}
	return d.page.EntryURL(year, number)
}

// audit lists the organisation's audit log, newest first, for owners and
// auditors: who did what, when, from where. It filters by action and by
// the user's email, and pages with "older" (a cursor below the last event
// shown, so that events logged meanwhile shift nothing).
func (s *server) audit(w http.ResponseWriter, r *http.Request, q *request) {
	v := r.URL.Query()
	p := s.newPage(r, q, i18n.T(q.lang, "Audit log"))
	p.Nav = "audit"
	d := &auditData{page: p, Action: v.Get("action"), Email: strings.TrimSpace(v.Get("user"))}
	aq := app.AuditQuery{Action: d.Action, Email: d.Email, Limit: auditPage + 1}
	if b := v.Get("before"); b != "" {
		n, err := strconv.ParseInt(b, 10, 64)
		if err != nil || n <= 0 {
			s.fail(w, r, q, ledger.Errorf(ledger.EInvalid, "%q is not a page of the audit log", b))
			return
		}
		aq.BeforeSeq = n
	}
	rows, err := s.app.AuditLog(r.Context(), q.actor, q.org.Code, aq)
	if ledger.IsCode(err, ledger.EInvalid) { // the email as typed
		p.Error = i18n.Error(err, q.lang)
		s.render(w, r, http.StatusUnprocessableEntity, "audit", "", d)
		return
	}
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	if len(rows) > auditPage {
		rows = rows[:auditPage]
		next := url.Values{}
		if d.Action != "" {
			next.Set("action", d.Action)
		}
		if d.Email != "" {
			next.Set("user", d.Email)
		}
		next.Set("before", strconv.FormatInt(rows[len(rows)-1].Seq, 10))
		d.Older = p.O("/audit?" + next.Encode())
	}
	d.Rows = rows
	s.render(w, r, http.StatusOK, "audit", "", d)
}
