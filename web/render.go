package web

import (
	"bytes"
	"embed"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"hasap/app"
	"hasap/auth"
	"hasap/i18n"
	"hasap/internal/httpx"
	"hasap/ledger"
	"hasap/money"
)

//go:embed templates/*.html
var templateFS embed.FS

// pages holds one template set per page: the layout, the parts pages
// share (parts.html) and the page's file.
type pages struct {
	byName map[string]*template.Template
}

func mustParsePages() *pages {
	funcs := template.FuncMap{"add1": func(i int) int { return i + 1 }}
	base := template.Must(template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/parts.html"))
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		panic(err)
	}
	p := &pages{byName: map[string]*template.Template{}}
	for _, n := range names {
		name := path.Base(n)
		if name == "layout.html" || name == "parts.html" {
			continue
		}
		t := template.Must(template.Must(base.Clone()).ParseFS(templateFS, n))
		p.byName[strings.TrimSuffix(name, ".html")] = t
	}
	return p
}

// page is what every template gets: who asks, in which language, in which
// organisation, and the helpers that put numbers and dates in that language.
// Page data embeds it.
type page struct {
	Lang  string
	Title string
	User  string // the user's name, for the header
	// UserEmail is the user's email, the header's tooltip.
	UserEmail string
	Org       ledger.Org
	HasOrg    bool
	Role      auth.Role
	Orgs      []app.OrgRole
	Nav       string // the menu item of this page
	Here      string // this page's address, to come back to after a language change
	CSS       string
	JS        string
	Error     string // a message about the whole page or form, in Lang
	exp       int
	loc       money.Locale
}

func (s *server) newPage(r *http.Request, q *request, title string) *page {
	p := &page{Lang: q.lang, Title: title, User: q.actor.Display, UserEmail: q.actor.Name, Orgs: q.orgs, Role: q.role,
		Here: localPath(r.URL.RequestURI()), CSS: s.assets.url("hasap.css"), JS: s.assets.url("htmx.min.js"),
		exp: 2, loc: money.Locale(q.lang)}
	if q.org.Code != "" {
		p.Org, p.HasOrg, p.exp = q.org, true, q.org.Currency.Exponent
	}
	return p
}

// T translates a word of the interface. Templates call it with literal
// words only, and words.go lists each of them for the catalog test.
func (p *page) T(text string) string { return i18n.T(p.Lang, text) }

// Money writes an amount of the organisation's base currency.
func (p *page) Money(a money.Amount) string { return money.Format(a, p.exp, p.loc) }

// Amt writes an amount, or nothing for zero, as accountants' tables do.
func (p *page) Amt(a money.Amount) string {
	if a == 0 {
		return ""
	}
	return p.Money(a)
}

// Bal writes a balance with its side, as accountants read it: "1 150,00
// Dt", "300,00 Kt", "0,00".
func (p *page) Bal(a money.Amount) string {
	switch {
	case a > 0:
		return p.Money(a) + " " + p.T("Dt")
	case a < 0:
		if n, err := money.Neg(a); err == nil {
			return p.Money(n) + " " + p.T("Kt")
		}
	}
	return p.Money(a)
}

// Cur writes an amount of a given currency.
func (p *page) Cur(a money.Amount, code string) string {
	c, err := money.Lookup(code)
	if err != nil {
		return money.Decimal(a, 2) + " " + code
	}
	return money.Format(a, c.Exponent, p.loc) + " " + c.Code
}

// Qty writes a quantity (thousandths).
func (p *page) Qty(q ledger.Quantity) string {
	s := money.Format(money.Amount(q), ledger.QuantityExp, p.loc)
	dec := ","
	if p.loc == money.English {
		dec = "."
	}
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, dec)
}

// Date writes a date the way the language writes it: 02.01.2006 in tk and
// ru, ISO 2006-01-02 in en (unambiguous, unlike the US and UK orders).
func (p *page) Date(d ledger.Date) string {
	if d == ledger.NoDate {
		return ""
	}
	if p.Lang == "en" {
		return d.String()
	}
	return d.Time().Format("02.01.2006")
}

// DateValue writes the value of a date field: an ISO date as the page
// writes dates (31.03.2025 in tk and ru), anything else (what the user
// typed, shown back with its error) as it is. Date fields are text, not
// <input type=date>, which browsers draw in their own language's order
// (03/31/2025 in an English browser) whatever the page's language.
func (p *page) DateValue(s string) string {
	if d, err := ledger.ParseDate(s); err == nil && s != "" {
		return p.Date(d)
	}
	return s
}

// DateHint is the placeholder of a date field: the order to type a date in.
func (p *page) DateHint() string {
	if p.Lang == "en" {
		return "yyyy-mm-dd"
	}
	return i18n.T(p.Lang, "dd.mm.yyyy")
}

// Time writes a moment in UTC.
func (p *page) Time(t time.Time) string {
	if p.Lang == "en" {
		return t.UTC().Format("2006-01-02 15:04 UTC")
	}
	return t.UTC().Format("02.01.2006 15:04 UTC")
}

// Month writes a YYYYMM month key as "Mar 2025" in the language.
func (p *page) Month(m int) string { return p.MonthShort(m%100) + " " + itoa(m/100) }

// Name picks a name in the language.
func (p *page) Name(n ledger.Names) string { return n.In(p.Lang) }

// O is the address of a page of the organisation: O "/journal".
func (p *page) O(rest string) string { return "/o/" + url.PathEscape(p.Org.Code) + rest }

// CardURL is the address of an account's card, for the period from..to.
func (p *page) CardURL(code ledger.AccountCode, from, to ledger.Date) string {
	return p.accountPageURL(code, "card", from, to)
}

// accountPageURL is the address of one of an account's pages (card,
// analysis) for the period from..to.
func (p *page) accountPageURL(code ledger.AccountCode, page string, from, to ledger.Date) string {
	u := p.O("/accounts/" + url.PathEscape(string(code)) + "/" + page)
	if v := periodValues(url.Values{}, from, to); len(v) > 0 {
		u += "?" + v.Encode()
	}
	return u
}

// periodValues sets from and to in v, each unless ledger.NoDate, and
// returns v.
func periodValues(v url.Values, from, to ledger.Date) url.Values {
	if from != ledger.NoDate {
		v.Set("from", from.String())
	}
	if to != ledger.NoDate {
		v.Set("to", to.String())
	}
	return v
}

// AccountURL is the address of an account's card for the default period.
func (p *page) AccountURL(code ledger.AccountCode) string {
	return p.CardURL(code, ledger.NoDate, ledger.NoDate)
}

// EntryURL is the address of entry year/number.
func (p *page) EntryURL(year int, number int64) string {
	return p.O("/entries/" + itoa(year) + "/" + strconv.FormatInt(number, 10))
}

// CanPost reports whether the user's role may post in the organisation;
// the page then offers the entry form and the reversal buttons (app checks
// again when they are used).
func (p *page) CanPost() bool { return p.Role.Can(auth.PostEntries) }

// Can reports whether the user's role grants the permission named (an
// auth.Permission such as "verify_books"); the layout shows a menu item
// only to those who may use it, and app checks again on every action.
func (p *page) Can(perm string) bool { return p.Role.Can(auth.Permission(perm)) }

// Langs lists the languages for the switcher, in their own names.
func (p *page) Langs() []langChoice {
	return []langChoice{{"tk", "Türkmençe", p.Lang == "tk"}, {"ru", "Русский", p.Lang == "ru"}, {"en", "English", p.Lang == "en"}}
}

type langChoice struct {
	Code, Name string
	Current    bool
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// render writes the page template name (or one of its fragments with
// fragment ≠ "") with data, with status. The page is executed into a buffer
// first, so that a template error becomes a clean 500, not half a page.
func (s *server) render(w http.ResponseWriter, r *http.Request, status int, name, fragment string, data any) {
	t := s.pages.byName[name]
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	tmpl := "layout.html"
	if fragment != "" {
		tmpl = fragment
	}
	var err error
	if t == nil {
		err = errNoTemplate(name)
	} else {
		err = t.ExecuteTemplate(buf, tmpl, data)
	}
	if err != nil {
		s.log.Error("render", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

type errNoTemplate string

func (e errNoTemplate) Error() string { return "no template " + string(e) }

type errorData struct {
	*page
	Status  int
	Message string
}

// renderError shows a page with a message (a literal word of words.go) and
// status, for requests that never reached a page handler.
func (s *server) renderError(w http.ResponseWriter, r *http.Request, status int, message string) {
	q := &request{now: nowOf(r), lang: langOf(r)}
	p := s.newPage(r, q, i18n.T(q.lang, "Error"))
	s.render(w, r, status, "error", "", &errorData{page: p, Status: status, Message: i18n.T(q.lang, message)})
}

func (s *server) notFound(w http.ResponseWriter, r *http.Request) {
	s.notFoundPage(w, r, s.newRequest(r))
}

// notFoundPage answers 404 without echoing anything of the request: the
// same page for a missing organisation and for one the user may not see.
func (s *server) notFoundPage(w http.ResponseWriter, r *http.Request, q *request) {
	p := s.newPage(r, q, i18n.T(q.lang, "Not found"))
	p.Here = "/" // nothing of the request comes back, not even its address
	s.render(w, r, http.StatusNotFound, "error", "", &errorData{page: p, Status: http.StatusNotFound,
		Message: i18n.T(q.lang, "There is no such page, or you may not see it.")})
}

// fail shows err to the user in their language: a login for an expired
// session, 404 for anything not found, the message for a rule broken, and
// a generic page (the detail goes to the log) for anything unexpected.
func (s *server) fail(w http.ResponseWriter, r *http.Request, q *request, err error) {
	code := ledger.ErrorCode(err)
	switch code {
	case ledger.EUnauthorized:
		s.toLogin(w, r)
		return
	case ledger.ENotFound:
		s.notFoundPage(w, r, q)
		return
	}
	status := httpx.Status(code)
	msg := i18n.Error(err, q.lang)
	if status >= 500 {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		msg = i18n.T(q.lang, "Something went wrong on the server. Please try again.")
	}
	p := s.newPage(r, q, i18n.T(q.lang, "Error"))
	s.render(w, r, status, "error", "", &errorData{page: p, Status: status, Message: msg})
}

func itoa(n int) string { return strconv.Itoa(n) }
