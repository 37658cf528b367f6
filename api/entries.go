package api

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"hasap/interop/export"
	"hasap/ledger"
	"hasap/money"
	"hasap/report/sheet"
	"hasap/store"
)

// entries lists entries newest first, filtered by ?from=, ?to= (dates),
// ?account= (with its sub-accounts), ?text= (description or document),
// ?min= and ?max= (a posting's amount, decimal strings), a page of ?limit=
// (default 50, at most 500) at a time. ?cursor= continues after the page
// that returned it: a position in the chain, not an offset, so entries
// posted meanwhile neither repeat nor push others out of the walk.
func (s *server) entries(w http.ResponseWriter, r *http.Request, q *request) error {
	org, err := s.app.Org(r.Context(), q.actor, r.PathValue("org"))
	if err != nil {
		return err
	}
	f, err := entryFilter(r, org)
	if err != nil {
		return err
	}
	if format, err := reportFormat(r); err != nil || format != "" {
		if err != nil {
			return err
		}
		// The filter's entries as a file, from the newest, up to
		// app.MaxExportEntries: the cursor and the page size do not apply.
		return writeReport(w, r, q, export.BaseName("journal", f.From, f.To), nil, func() (*sheet.Sheet, error) {
			return s.app.JournalSheet(r.Context(), q.actor, org.Code, f, q.lang)
		})
	}
	key := filterKey(f)
	if f.BeforeSeq, err = decodeCursor(r.URL.Query().Get("cursor"), key); err != nil {
		return err
	}
	es, err := s.app.Journal(r.Context(), q.actor, org.Code, f)
	if err != nil {
		return err
	}
	out := List[Entry]{Items: make([]Entry, len(es))}
	if len(es) == f.Limit {
		// A full page: look one entry further to know whether another follows.
		more := f
		more.BeforeSeq, more.Limit = es[len(es)-1].Seq, 1
		next, err := s.app.Journal(r.Context(), q.actor, org.Code, more)
		if err != nil {
			return err
		}
		if len(next) > 0 {
			out.NextCursor = encodeCursor(es[len(es)-1].Seq, key)
		}
	}
	n, err := s.entryNames(r.Context(), q, org.Code, es)
	if err != nil {
		return err
	}
	for i, e := range es {
		out.Items[i] = entryJSON(e, org.Currency, n)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// entryFilter reads the list's query into a store filter (the cursor
// aside).
func entryFilter(r *http.Request, org ledger.Org) (store.EntryFilter, error) {
	v := r.URL.Query()
	var f store.EntryFilter
	var err error
	if f.From, err = optDate(v.Get("from")); err != nil {
		return f, err
	}
	if f.To, err = optDate(v.Get("to")); err != nil {
		return f, err
	}
	account, err := textParam(r, "account")
	if err != nil {
		return f, err
	}
	f.Account = ledger.AccountCode(account)
	if f.Text, err = textParam(r, "text"); err != nil {
		return f, err
	}
	for _, a := range []struct {
		name string
		dst  *money.Amount
	}{{"min", &f.MinAmount}, {"max", &f.MaxAmount}} {
		if s := v.Get(a.name); s != "" {
			if *a.dst, err = parseDecimal(a.name, s, org.Currency.Exponent); err != nil {
				return f, err
			}
		}
	}
	f.Limit, err = limitParam(r, defaultEntryLimit, maxEntryLimit)
	return f, err
}

// filterKey fingerprints a filter, so that a cursor is only used with the
// query it came from.
func filterKey(f store.EntryFilter) string {
	s := fmt.Sprintf("%d|%d|%q|%q|%d|%d", f.From, f.To, f.Account, f.Text, f.MinAmount, f.MaxAmount)
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:6])
}

// encodeCursor makes the opaque cursor of the page after the entry seq.
func encodeCursor(seq int64, key string) string {
	return base64.RawURLEncoding.EncodeToString([]byte("1." + strconv.FormatInt(seq, 10) + "." + key))
}

// decodeCursor returns the seq a cursor continues before, 0 for none.
func decodeCursor(c, key string) (int64, error) {
	if c == "" {
		return 0, nil
	}
	bad := ledger.Errorf(ledger.EInvalid, "%q is not a cursor of this list", c)
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return 0, bad
	}
	parts := strings.Split(string(b), ".")
	if len(parts) != 3 || parts[0] != "1" {
		return 0, bad
	}
	seq, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil || seq <= 0 {
		return 0, bad
	}
	if parts[2] != key {
		return 0, ledger.Errorf(ledger.EInvalid, "the cursor belongs to a query with other filters")
	}
	return seq, nil
}

// entry shows the entry year/number.
func (s *server) entry(w http.ResponseWriter, r *http.Request, q *request) error {
	org, err := s.app.Org(r.Context(), q.actor, r.PathValue("org"))
	if err != nil {
		return err
	}
	year, number, err := entryNumber(r)
	if err != nil {
		return err
	}
	e, err := s.app.EntryByNumber(r.Context(), q.actor, org.Code, year, number)
	if err != nil {
		return err
	}
	n, err := s.entryNames(r.Context(), q, org.Code, []ledger.Entry{e})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, entryJSON(e, org.Currency, n))
	return nil
}

// entryNumber reads {year}/{number} of the path.
func entryNumber(r *http.Request) (int, int64, error) {
	ys, ns := r.PathValue("year"), r.PathValue("number")
	year, err1 := strconv.Atoi(ys)
	number, err2 := strconv.ParseInt(ns, 10, 64)
	if err1 != nil || err2 != nil || year < 1 || number < 1 {
		return 0, 0, ledger.Errorf(ledger.ENotFound, "entry %s/%s does not exist", ys, ns)
	}
	return year, number, nil
}

// entryNames looks up what the entries' JSON names: the codes of their
// analytics, and the numbers of the entries reversals point to.
func (s *server) entryNames(ctx context.Context, q *request, org string, es []ledger.Entry) (entryNames, error) {
	n := entryNames{entries: map[int64]ledger.Entry{}}
	var ids []ledger.AnalyticID
	for _, e := range es {
		n.entries[e.Seq] = e
		for _, p := range e.Postings {
			for _, id := range append(p.Debit.Analytics[:], p.Credit.Analytics[:]...) {
				if id != 0 {
					ids = append(ids, id)
				}
			}
		}
	}
	for _, e := range es {
		if _, ok := n.entries[e.Reverses]; e.Reverses == 0 || ok {
			continue
		}
		orig, err := s.app.EntryBySeq(ctx, q.actor, org, e.Reverses)
		if err != nil {
			return n, err
		}
		n.entries[orig.Seq] = orig
	}
	var err error
	n.analytics, err = s.app.AnalyticsByID(ctx, q.actor, org, ids)
	return n, err
}
