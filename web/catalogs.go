package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"hasap/app"
	"hasap/auth"
	"hasap/i18n"
	"hasap/ledger"
)

// Page sizes of a catalog's list: the first page, and the step of "more".
const (
	catalogPage   = 50
	ownerChoices  = 200 // counterparties offered when a contract is added
	maxCatalogURL = app.MaxAnalyticsLimit
)

type catalogsData struct {
	*page
	Used, Other []app.Catalog
}

// catalogs lists the analytics catalogs: first those the organisation uses
// (an account requires them, or they have entries) with their size and
// the accounts that require them, then the others.
func (s *server) catalogs(w http.ResponseWriter, r *http.Request, q *request) {
	cats, err := s.app.Catalogs(r.Context(), q.actor, q.org.Code)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	p := s.newPage(r, q, i18n.T(q.lang, "Catalogs"))
	p.Nav = "catalogs"
	d := &catalogsData{page: p}
	for _, c := range cats {
		if c.Used() {
			d.Used = append(d.Used, c)
		} else {
			d.Other = append(d.Other, c)
		}
	}
	s.render(w, r, http.StatusOK, "catalogs", "", d)
}

// analyticForm is a catalog entry's form as typed, with a message per
// field (keyed as app.FieldError names them).
type analyticForm struct {
	Code, TK, RU, EN, Owner string
	Errs                    map[string]string
}

func readAnalyticForm(r *http.Request) *analyticForm {
	t := func(name string) string { return strings.TrimSpace(r.PostForm.Get(name)) }
	return &analyticForm{Code: t("code"), TK: t("name_tk"), RU: t("name_ru"), EN: t("name_en"), Owner: t("owner")}
}

func (f *analyticForm) names() ledger.Names { return ledger.Names{TK: f.TK, RU: f.RU, EN: f.EN} }

// setErrs puts app's field errors at the fields; false when err is no
// field's.
func (f *analyticForm) setErrs(err error, lang string) bool {
	fes := app.FieldErrors(err)
	if len(fes) == 0 {
		return false
	}
	f.Errs = map[string]string{}
	for _, fe := range fes {
		if f.Errs[fe.Field] == "" {
			f.Errs[fe.Field] = i18n.Error(fe.Err, lang)
		}
	}
	return true
}

type catalogData struct {
	*page
	Catalog app.Catalog
	Query   string
	Rows    []catalogRow
	More    string // the address of a longer list, "" when all are shown
	Capped  bool   // the list stops at its largest size; a search narrows it
	Saved   ledger.AnalyticID
	Form    *analyticForm // the new entry's form, for those who may add
	Owners  []accountOption
}

// catalogRow is an entry of a catalog with a contract's counterparty.
type catalogRow struct {
	ledger.Analytic
	Owner *ledger.Analytic
}

// catalogKind reads {kind}; false for a catalog that does not exist.
func catalogKind(r *http.Request) (ledger.AnalyticKind, bool) {
	k := ledger.AnalyticKind(r.PathValue("kind"))
	return k, k.Valid()
}

// catalog lists the entries of one catalog by code: ?q= keeps those whose
// code or name contains it (any case), ?limit= shows more than the first
// page. Each entry links to its movements on the accounts that require the
// catalog; those who may edit get a form to add an entry and a link to
// each entry's names.
func (s *server) catalog(w http.ResponseWriter, r *http.Request, q *request) {
	kind, ok := catalogKind(r)
	if !ok {
		s.notFoundPage(w, r, q)
		return
	}
	var form *analyticForm
	if q.role.Can(auth.EditCatalogs) {
		form = &analyticForm{}
	}
	saved, _ := strconv.ParseInt(r.URL.Query().Get("saved"), 10, 64)
	s.renderCatalog(w, r, q, http.StatusOK, kind, form, ledger.AnalyticID(saved))
}

// catalogAdd adds the entry of the form to the catalog and shows it, or
// shows the catalog again with each problem at its field.
func (s *server) catalogAdd(w http.ResponseWriter, r *http.Request, q *request) {
	kind, ok := catalogKind(r)
	if !ok {
		s.notFoundPage(w, r, q)
		return
	}
	if !parseForm(w, r) {
		return
	}
	f := readAnalyticForm(r)
	an, err := s.app.AddAnalytic(r.Context(), q.actor, q.org.Code, app.AnalyticInput{Kind: kind, Code: f.Code, Names: f.names(), Owner: f.Owner})
	if err == nil {
		s.toCatalog(w, r, q, an)
		return
	}
	if !f.setErrs(err, q.lang) {
		s.fail(w, r, q, err)
		return
	}
	s.renderCatalog(w, r, q, http.StatusUnprocessableEntity, kind, f, 0)
}

// toCatalog shows the catalog with the entry just saved.
func (s *server) toCatalog(w http.ResponseWriter, r *http.Request, q *request, an ledger.Analytic) {
	u := s.newPage(r, q, "").CatalogURL(an.Kind) + "?" + url.Values{"q": {an.Code}, "saved": {strconv.FormatInt(int64(an.ID), 10)}}.Encode()
	http.Redirect(w, r, u, http.StatusSeeOther)
}

func (s *server) renderCatalog(w http.ResponseWriter, r *http.Request, q *request, status int, kind ledger.AnalyticKind, form *analyticForm, saved ledger.AnalyticID) {
	ctx := r.Context()
	cats, err := s.app.Catalogs(ctx, q.actor, q.org.Code)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	p := s.newPage(r, q, "")
	p.Title, p.Nav = i18n.T(q.lang, "Catalog")+": "+p.KindName(kind), "catalogs"
	d := &catalogData{page: p, Query: strings.TrimSpace(r.URL.Query().Get("q")), Saved: saved, Form: form}
	for _, c := range cats {
		if c.Kind == kind {
			d.Catalog = c
		}
	}
	limit := catalogPage
	if n, err := strconv.Atoi(r.URL.Query().Get("limit")); err == nil && n > limit {
		limit = min(n, maxCatalogURL)
	}
	list, err := s.app.SearchAnalytics(ctx, q.actor, q.org.Code, kind, d.Query, min(limit+1, app.MaxAnalyticsLimit))
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	if len(list) > limit {
		list = list[:limit]
		if limit < maxCatalogURL {
			d.More = withParam(withParam(p.CatalogURL(kind), "q", d.Query), "limit", itoa(min(limit+catalogPage*2, maxCatalogURL)))
		} else {
			d.Capped = true
		}
	} else if len(list) == limit && limit == app.MaxAnalyticsLimit {
		d.Capped = true
	}
	if d.Rows, err = s.catalogRows(r, q, list); err != nil {
		s.fail(w, r, q, err)
		return
	}
	if form != nil && kind == ledger.Contract {
		owners, err := s.app.SearchAnalytics(ctx, q.actor, q.org.Code, ledger.Counterparty, "", ownerChoices)
		if err != nil {
			s.fail(w, r, q, err)
			return
		}
		for _, o := range owners {
			d.Owners = append(d.Owners, accountOption{Code: ledger.AccountCode(o.Code), Name: o.Names.In(q.lang)})
		}
	}
	s.render(w, r, status, "catalog", "", d)
}

// catalogRows adds the counterparties of contracts.
func (s *server) catalogRows(r *http.Request, q *request, list []ledger.Analytic) ([]catalogRow, error) {
	var ids []ledger.AnalyticID
	for _, a := range list {
		if a.Owner != 0 {
			ids = append(ids, a.Owner)
		}
	}
	owners, err := s.app.AnalyticsByID(r.Context(), q.actor, q.org.Code, ids)
	if err != nil {
		return nil, err
	}
	rows := make([]catalogRow, len(list))
	for i, a := range list {
		rows[i].Analytic = a
		if o, ok := owners[a.Owner]; ok {
			rows[i].Owner = &o
		}
	}
	return rows, nil
}

type analyticFormData struct {
	*page
	Entry ledger.Analytic
	Owner *ledger.Analytic
	Form  *analyticForm
}

// analyticID reads {kind} and {id}; false when they cannot name an entry.
func analyticID(r *http.Request) (ledger.AnalyticKind, ledger.AnalyticID, bool) {
	kind, ok := catalogKind(r)
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return kind, ledger.AnalyticID(id), ok && err == nil && id > 0
}

// analyticEdit shows the names of a catalog entry to change.
func (s *server) analyticEdit(w http.ResponseWriter, r *http.Request, q *request) {
	kind, id, ok := analyticID(r)
	if !ok {
		s.notFoundPage(w, r, q)
		return
	}
	if _, _, err := s.app.Authorize(r.Context(), q.actor, q.org.Code, auth.EditCatalogs); err != nil {
		s.fail(w, r, q, err)
		return
	}
	an, err := s.app.AnalyticByID(r.Context(), q.actor, q.org.Code, kind, id)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	f := &analyticForm{Code: an.Code, TK: an.Names.TK, RU: an.Names.RU, EN: an.Names.EN}
	s.renderAnalyticForm(w, r, q, http.StatusOK, an, f)
}

// analyticSave gives the entry the names of the form.
func (s *server) analyticSave(w http.ResponseWriter, r *http.Request, q *request) {
	kind, id, ok := analyticID(r)
	if !ok {
		s.notFoundPage(w, r, q)
		return
	}
	if !parseForm(w, r) {
		return
	}
	f := readAnalyticForm(r)
	err := s.app.RenameAnalytic(r.Context(), q.actor, q.org.Code, kind, id, f.names())
	if err == nil {
		an, err := s.app.AnalyticByID(r.Context(), q.actor, q.org.Code, kind, id)
		if err != nil {
			s.fail(w, r, q, err)
			return
		}
		s.toCatalog(w, r, q, an)
		return
	}
	if !f.setErrs(err, q.lang) {
		s.fail(w, r, q, err)
		return
	}
	an, err := s.app.AnalyticByID(r.Context(), q.actor, q.org.Code, kind, id)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	f.Code = an.Code
	s.renderAnalyticForm(w, r, q, http.StatusUnprocessableEntity, an, f)
}

func (s *server) renderAnalyticForm(w http.ResponseWriter, r *http.Request, q *request, status int, an ledger.Analytic, f *analyticForm) {
	p := s.newPage(r, q, "")
	p.Title, p.Nav = p.KindName(an.Kind)+" "+an.Code, "catalogs"
	d := &analyticFormData{page: p, Entry: an, Form: f}
	if an.Owner != 0 {
		owners, err := s.app.AnalyticsByID(r.Context(), q.actor, q.org.Code, []ledger.AnalyticID{an.Owner})
		if err != nil {
			s.fail(w, r, q, err)
			return
		}
		if o, ok := owners[an.Owner]; ok {
			d.Owner = &o
		}
	}
	s.render(w, r, status, "analytic_form", "", d)
}

// CatalogURL is the address of a catalog's list.
func (p *page) CatalogURL(k ledger.AnalyticKind) string {
	return p.O("/catalogs/" + url.PathEscape(string(k)))
}

// AnalyticEditURL is the address of a catalog entry's form.
func (p *page) AnalyticEditURL(a ledger.Analytic) string {
	return p.CatalogURL(a.Kind) + "/" + strconv.FormatInt(int64(a.ID), 10) + "/edit"
}

// FindURL is the address of the catalog's list narrowed to an entry's code.
func (p *page) FindURL(a ledger.Analytic) string {
	return withParam(p.CatalogURL(a.Kind), "q", a.Code)
}

// MovementsURL is the address of the card of account code narrowed to the
// movements of one catalog entry.
func (p *page) MovementsURL(code ledger.AccountCode, a ledger.Analytic) string {
	return withParam(p.AccountURL(code), "analytic", strconv.FormatInt(int64(a.ID), 10))
}
