package web

import (
	"net/http"
	"net/url"
	"strings"

	"hasap/app"
	"hasap/auth"
	"hasap/i18n"
	"hasap/ledger"
)

// accountForm is the account form as typed, with a message per field
// (keyed as app.FieldError names them).
type accountForm struct {
	Code, Parent       string
	TK, RU, EN         string
	Kind, Class        string
	Currency, Quantity bool
	Group              bool
	Analytics          [ledger.MaxAnalytics]string
	Errs               map[string]string
}

func formOfAccount(a ledger.Account) *accountForm {
	f := &accountForm{Code: string(a.Code), Parent: string(a.Parent), TK: a.Names.TK, RU: a.Names.RU, EN: a.Names.EN,
		Kind: string(a.Kind), Class: string(a.Class), Currency: a.Currency, Quantity: a.Quantity, Group: a.Group}
	for i, k := range a.Analytics {
		if i < len(f.Analytics) {
			f.Analytics[i] = string(k)
		}
	}
	return f
}

// account is the account the form describes; empty analytics slots are
// skipped.
func (f *accountForm) account() ledger.Account {
	a := ledger.Account{Code: ledger.AccountCode(f.Code), Parent: ledger.AccountCode(f.Parent),
		Names: ledger.Names{TK: f.TK, RU: f.RU, EN: f.EN}, Kind: ledger.Kind(f.Kind), Class: ledger.Class(f.Class),
		Currency: f.Currency, Quantity: f.Quantity, Group: f.Group}
	for _, k := range f.Analytics {
		if k != "" {
			a.Analytics = append(a.Analytics, ledger.AnalyticKind(k))
		}
	}
	return a
}

func readAccountForm(r *http.Request) *accountForm {
	v := r.PostForm
	t := func(name string) string { return strings.TrimSpace(v.Get(name)) }
	f := &accountForm{Code: t("code"), Parent: t("parent"), TK: t("name_tk"), RU: t("name_ru"), EN: t("name_en"),
		Kind: t("kind"), Class: t("class"), Currency: v.Get("currency") != "", Quantity: v.Get("quantity") != "", Group: v.Get("group") != ""}
	for i := range f.Analytics {
		f.Analytics[i] = t("analytic" + itoa(i+1))
	}
	return f
}

type accountFormData struct {
	*page
	Form     *accountForm
	New      bool
	State    app.AccountState // the account as stored, on the edit form
	Action   string
	Accounts []accountOption // parents to pick from
}

// option is one choice of a select.
type option struct{ Value, Label string }

// KindOptions are the account kinds to choose from.
func (p *page) KindOptions() []option {
	var out []option
	for _, k := range []ledger.Kind{ledger.Active, ledger.Passive, ledger.ActivePassive} {
		n := p.AccKind(k)
		out = append(out, option{string(k), n[0] + " — " + n[1]})
	}
	return out
}

// ClassOptions are the sections of the statements to choose from.
func (p *page) ClassOptions() []option {
	var out []option
	for _, c := range []ledger.Class{ledger.Asset, ledger.Liability, ledger.Equity, ledger.Income, ledger.Expense, ledger.Mixed, ledger.OffBalance} {
		out = append(out, option{string(c), p.ClassName(c)})
	}
	return out
}

// CatalogOptions are the analytics catalogs to choose from.
func (p *page) CatalogOptions() []option {
	var out []option
	for _, k := range ledger.AnalyticKinds {
		out = append(out, option{string(k), p.KindName(k)})
	}
	return out
}

// accountNew shows an empty account form; ?parent= starts a sub-account
// with its parent's kind and class.
func (s *server) accountNew(w http.ResponseWriter, r *http.Request, q *request) {
	if _, _, err := s.app.Authorize(r.Context(), q.actor, q.org.Code, auth.EditCatalogs); err != nil {
		s.fail(w, r, q, err)
		return
	}
	f := &accountForm{Kind: string(ledger.Active), Class: string(ledger.Asset)}
	if parent := ledger.AccountCode(r.URL.Query().Get("parent")); parent != "" {
		chart, err := s.app.Accounts(r.Context(), q.actor, q.org.Code)
		if err != nil {
			s.fail(w, r, q, err)
			return
		}
		if p := chart[parent]; p != nil {
			f.Parent, f.Code, f.Kind, f.Class = string(p.Code), string(p.Code)+".", string(p.Kind), string(p.Class)
		}
	}
	s.renderAccountForm(w, r, q, http.StatusOK, &accountFormData{Form: f, New: true})
}

// accountCreate adds the account of the form, or shows the form again with
// each problem at its field.
func (s *server) accountCreate(w http.ResponseWriter, r *http.Request, q *request) {
	if !parseForm(w, r) {
		return
	}
	f := readAccountForm(r)
	err := s.app.CreateAccount(r.Context(), q.actor, q.org.Code, f.account())
	if err == nil {
		s.toChart(w, r, q, f.Code)
		return
	}
	s.accountFormFailed(w, r, q, err, &accountFormData{Form: f, New: true})
}

// accountEdit shows the form of an account: everything can change while
// the account has no postings, only its names once it has.
func (s *server) accountEdit(w http.ResponseWriter, r *http.Request, q *request) {
	st, err := s.app.AccountForEdit(r.Context(), q.actor, q.org.Code, ledger.AccountCode(r.PathValue("code")))
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	s.renderAccountForm(w, r, q, http.StatusOK, &accountFormData{Form: formOfAccount(st.Account), State: st})
}

// accountSave changes the account as the form says.
func (s *server) accountSave(w http.ResponseWriter, r *http.Request, q *request) {
	code := ledger.AccountCode(r.PathValue("code"))
	st, err := s.app.AccountForEdit(r.Context(), q.actor, q.org.Code, code)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	if !parseForm(w, r) {
		return
	}
	f := readAccountForm(r)
	err = s.app.UpdateAccount(r.Context(), q.actor, q.org.Code, code, f.account())
	if err == nil {
		s.toChart(w, r, q, f.Code)
		return
	}
	s.accountFormFailed(w, r, q, err, &accountFormData{Form: f, State: st})
}

// accountActive deactivates (active=0) or reactivates (active=1) an
// account and goes back to the chart.
func (s *server) accountActive(w http.ResponseWriter, r *http.Request, q *request) {
	if !parseForm(w, r) {
		return
	}
	code := ledger.AccountCode(r.PathValue("code"))
	if err := s.app.SetAccountActive(r.Context(), q.actor, q.org.Code, code, r.PostForm.Get("active") == "1"); err != nil {
		s.fail(w, r, q, err)
		return
	}
	s.toChart(w, r, q, string(code))
}

// toChart goes back to the chart of accounts, marking the account saved.
func (s *server) toChart(w http.ResponseWriter, r *http.Request, q *request, code string) {
	u := s.newPage(r, q, "").O("/accounts") + "?saved=" + url.QueryEscape(code)
	http.Redirect(w, r, u, http.StatusSeeOther)
}

// accountFormFailed puts app's answer at the form's fields, or shows a
// page for an error that is no field's.
func (s *server) accountFormFailed(w http.ResponseWriter, r *http.Request, q *request, err error, d *accountFormData) {
	fes := app.FieldErrors(err)
	if len(fes) == 0 {
		s.fail(w, r, q, err)
		return
	}
	d.Form.Errs = map[string]string{}
	for _, fe := range fes {
		if d.Form.Errs[fe.Field] == "" {
			d.Form.Errs[fe.Field] = i18n.Error(fe.Err, q.lang)
		}
	}
	s.renderAccountForm(w, r, q, http.StatusUnprocessableEntity, d)
}

func (s *server) renderAccountForm(w http.ResponseWriter, r *http.Request, q *request, status int, d *accountFormData) {
	chart, err := s.app.Accounts(r.Context(), q.actor, q.org.Code)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	title := i18n.T(q.lang, "New account")
	if !d.New {
		title = i18n.T(q.lang, "Account") + " " + string(d.State.Code)
	}
	d.page = s.newPage(r, q, title)
	d.Nav = "accounts"
	d.Action = d.O("/accounts/new")
	if !d.New {
		d.Action = d.AccountEditURL(d.State.Code)
	}
	d.Accounts = names{p: d.page, lang: q.lang, chart: chart}.AccountOptions(false)
	s.render(w, r, status, "account_form", "", d)
}

// AccountEditURL is the address of an account's form.
func (p *page) AccountEditURL(code ledger.AccountCode) string {
	return p.O("/accounts/" + url.PathEscape(string(code)) + "/edit")
}

// AccountActiveURL is where an account is deactivated or reactivated.
func (p *page) AccountActiveURL(code ledger.AccountCode) string {
	return p.O("/accounts/" + url.PathEscape(string(code)) + "/active")
}
