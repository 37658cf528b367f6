package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"hasap/i18n"
	"hasap/ledger"
	"hasap/money"
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
}

// journal lists entries newest first, filtered by period, account (with
// its sub-accounts), text and amount, a page at a time: "older" continues
// below the last entry shown (a cursor, not an offset, so that entries
// posted meanwhile shift nothing). With htmx the next page is appended in
// place; without, it is a page of its own.
func (s *server) journal(w http.ResponseWriter, r *http.Request, q *request) {
	v := r.URL.Query()
	fv := journalFilter{From: v.Get("from"), To: v.Get("to"), Account: strings.TrimSpace(v.Get("account")),
		Text: strings.TrimSpace(v.Get("text")), Min: v.Get("min"), Max: v.Get("max")}
	p := s.newPage(r, q, i18n.T(q.lang, "Journal"))
	p.Nav = "journal"
	f, err := s.entryFilter(q, fv, v.Get("before"))
	if err != nil {
		p.Error = i18n.Error(err, q.lang)
		s.render(w, r, http.StatusUnprocessableEntity, "journal", "", &journalData{page: p, Filter: fv})
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
		next := url.Values{}
		for k, vs := range v {
			if k != "before" && len(vs) > 0 && vs[0] != "" {
				next.Set(k, vs[0])
			}
		}
		next.Set("before", strconv.FormatInt(entries[len(entries)-1].Seq, 10))
		d.Older = p.O("/journal?" + next.Encode())
	}
	d.Entries = entries
	if d.Names, err = s.names(r, q, p, entries); err != nil {
		s.fail(w, r, q, err)
		return
	}
	w.Header().Add("Vary", "HX-Request")
	if r.Header.Get("HX-Request") == "true" && f.BeforeSeq != 0 {
		d.OOB = true
		s.render(w, r, http.StatusOK, "journal", "more", d)
		return
	}
	s.render(w, r, http.StatusOK, "journal", "", d)
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
