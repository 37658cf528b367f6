package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"hasap/i18n"
	"hasap/ledger"
	"hasap/money"
	"hasap/report/sheet"
	"hasap/store"
)

type journalData struct {
	*page
	Filter  journalFilter
	Entries []ledger.Entry
	Names   names
	Older   string // the address of the next (older) page, "" on the last
	OOB     bool   // rendering the next page for htmx: the pager swaps itself
}

// journalFilter is the journal's query as typed, to show it back.
type journalFilter struct {
	From, To, Account, Text, Min, Max string
	// Catalog and Analytic: an entry of a catalog, by its code or a part
	// of its code or name.
	Catalog, Analytic string
	// What Analytic was found to be: the entry ("K01 · its name"), or the
	// problem at the field, with the entries to choose from when several
	// match.
	Found, AnalyticErr string
	Choices            []ledger.Analytic
}

// Kinds lists the catalogs the filter may choose from.
func (journalFilter) Kinds() []ledger.AnalyticKind { return ledger.AnalyticKinds }

// Kind is the catalog chosen, counterparties unless another is.
func (f journalFilter) Kind() ledger.AnalyticKind {
	if f.Catalog == "" {
		return ledger.Counterparty
	}
	return ledger.AnalyticKind(f.Catalog)
}

// AnalyticOptionsURL is where the filter's analytic field asks for
// suggestions.
func (d *journalData) AnalyticOptionsURL() string {
	k := d.Filter.Kind()
	if !k.Valid() {
		return ""
	}
	return d.OptionsURL(k, "f-analytic-list", "analytic")
}

// journal lists entries newest first, filtered by period, account (with
// its sub-accounts), an analytic on either side of a posting (a
// counterparty or an entry of another catalog, named by its code or a part
// of its code or name), text and amount, a page at a time: "older" continues
// below the last entry shown (a cursor, not an offset, so that entries
// posted meanwhile shift nothing). With htmx the next page is appended in
// place; without, it is a page of its own.
func (s *server) journal(w http.ResponseWriter, r *http.Request, q *request) {
	v := r.URL.Query()
	fv := journalFilter{From: v.Get("from"), To: v.Get("to"), Account: strings.TrimSpace(v.Get("account")),
		Text: strings.TrimSpace(v.Get("text")), Min: v.Get("min"), Max: v.Get("max"),
		Catalog: v.Get("catalog"), Analytic: strings.TrimSpace(v.Get("analytic"))}
	p := s.newPage(r, q, i18n.T(q.lang, "Journal"))
	p.Nav = "journal"
	w.Header().Add("Vary", "HX-Request")
	if r.Header.Get("HX-Request") == "true" && v.Get("part") == "analytic" {
		// Another catalog was chosen: its field, with suggestions from it.
		s.render(w, r, http.StatusOK, "journal", "analytic-field", &journalData{page: p, Filter: fv})
		return
	}
	f, ferr := s.entryFilter(q, fv, v.Get("before"))
	id, aerr := s.filterAnalytic(r, q, &fv)
	if aerr != nil && ledger.ErrorCode(aerr) != ledger.EInvalid && ledger.ErrorCode(aerr) != ledger.ENotFound {
		s.fail(w, r, q, aerr)
		return
	}
	if ferr != nil || aerr != nil {
		// Every problem at once: the page's, and the analytic's at its field.
		p.Error, fv.AnalyticErr = i18n.Error(ferr, q.lang), i18n.Error(aerr, q.lang)
		s.render(w, r, http.StatusUnprocessableEntity, "journal", "", &journalData{page: p, Filter: fv})
		return
	}
	f.Analytic = id
	if s.exportSheet(w, r, q, exportName("journal", f.From, f.To), func() (*sheet.Sheet, error) {
		return s.app.JournalSheet(r.Context(), q.actor, q.org.Code, f, q.lang)
	}) {
		return
	}
	f.Limit = journalPage + 1
	entries, err := s.app.Journal(r.Context(), q.actor, q.org.Code, f)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	d := &journalData{page: p, Filter: fv}
	if len(entries) > journalPage {
		entries = entries[:journalPage]
		d.Older = olderPage(p, "/journal", v, entries[len(entries)-1].Seq)
	}
	d.Entries = entries
	if d.Names, err = s.names(r, q, p, entries); err != nil {
		s.fail(w, r, q, err)
		return
	}
	if r.Header.Get("HX-Request") == "true" && f.BeforeSeq != 0 {
		d.OOB = true
		s.render(w, r, http.StatusOK, "journal", "more", d)
		return
	}
	s.render(w, r, http.StatusOK, "journal", "", d)
}

// filterAnalytic finds the catalog entry the filter names (0 for none),
// noting it in fv; when several match, fv offers them.
func (s *server) filterAnalytic(r *http.Request, q *request, fv *journalFilter) (ledger.AnalyticID, error) {
	if fv.Analytic == "" {
		return 0, nil
	}
	m, err := s.app.FindAnalytic(r.Context(), q.actor, q.org.Code, fv.Kind(), fv.Analytic)
	fv.Choices = m.Choices
	if err != nil {
		return 0, err
	}
	fv.Found = m.Found.Code
	if n := m.Found.Names.In(q.lang); n != "" {
		fv.Found += " · " + n
	}
	return m.Found.ID, nil
}

// olderPage is the address of the next, older page of a list of the
// organisation at path: the same query (its non-empty values) with the
// cursor before.
func olderPage(p *page, path string, query url.Values, before int64) string {
	next := url.Values{}
	for k, vs := range query {
		if k != "before" && len(vs) > 0 && vs[0] != "" {
			next.Set(k, vs[0])
		}
	}
	next.Set("before", strconv.FormatInt(before, 10))
	return p.O(path + "?" + next.Encode())
}

// entryFilter turns the typed query into a store filter.
func (s *server) entryFilter(q *request, fv journalFilter, before string) (store.EntryFilter, error) {
	f := store.EntryFilter{Account: ledger.AccountCode(fv.Account), Text: fv.Text}
	var err error
	if f.From, err = optDate(fv.From); err != nil {
		return f, err
	}
	if f.To, err = optDate(fv.To); err != nil {
		return f, err
	}
	loc := money.Locale(q.lang)
	for _, a := range []struct {
		s   string
		dst *money.Amount
	}{{fv.Min, &f.MinAmount}, {fv.Max, &f.MaxAmount}} {
		if strings.TrimSpace(a.s) == "" {
			continue
		}
		if *a.dst, err = money.Parse(a.s, q.org.Currency.Exponent, loc); err != nil {
			return f, ledger.Errorf(ledger.EInvalid, "%q is not an amount", a.s)
		}
	}
	if before != "" {
		if f.BeforeSeq, err = strconv.ParseInt(before, 10, 64); err != nil || f.BeforeSeq <= 0 {
			return f, ledger.Errorf(ledger.EInvalid, "%q is not a page of the journal", before)
		}
	}
	return f, nil
}
