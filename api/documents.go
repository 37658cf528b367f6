package api

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"hasap/app"
	"hasap/doc"
	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

// Business documents (issue 4): drafts a clerk may write, posted and
// unposted by an accountant. A document's JSON has shapes of its own
// (Document, DocumentInput): amounts, prices and quantities are decimal
// strings (in the document's currency; quantities with 3 decimals), refs
// to catalog entries are {"id", "code"}, and the answer adds the totals
// with VAT worked out by the organisation's settings.

// Document is a business document as the API shows it.
type Document struct {
	ID               int64          `json:"id"`
	Type             string         `json:"type"`
	Status           string         `json:"status"`
	Year             int            `json:"year"`
	Number           int64          `json:"number"`
	Date             string         `json:"date"`
	Refs             map[string]Ref `json:"refs"`
	Currency         string         `json:"currency"`
	Rate             string         `json:"rate,omitempty"`
	PricesIncludeVAT bool           `json:"prices_include_vat"`
	Lines            []DocumentLine `json:"lines"`
	Postings         []Posting      `json:"postings,omitempty"`
	Comment          string         `json:"comment"`
	Basis            string         `json:"basis,omitempty"`
	Person           string         `json:"person,omitempty"`
	Attachment       string         `json:"attachment,omitempty"`
	Totals           *Totals        `json:"totals,omitempty"`
	Entry            *EntryRef      `json:"entry,omitempty"`
	BasedOn          int64          `json:"based_on,omitempty"` // the id of the document it was created from
	Version          int64          `json:"version"`
	Author           string         `json:"author"`
	Created          string         `json:"created"`
	Updated          string         `json:"updated"`
}

// Ref names a catalog entry: its id, and its code.
type Ref struct {
	ID   ledger.AnalyticID `json:"id"`
	Code string            `json:"code,omitempty"`
}

// DocumentLine is a line of a document. Amount, VAT (the rate) and the
// others are as written; Totals are worked out.
type DocumentLine struct {
	Refs       map[string]Ref `json:"refs"`
	Service    bool           `json:"service,omitempty"`
	Account    string         `json:"account,omitempty"`
	Qty        string         `json:"qty,omitempty"`
	Price      string         `json:"price,omitempty"`
	Amount     string         `json:"amount,omitempty"`
	VAT        string         `json:"vat,omitempty"`
	Cost       string         `json:"cost,omitempty"`
	CurAmount  string         `json:"cur_amount,omitempty"`
	Supporting string         `json:"supporting,omitempty"`
	Totals     *Totals        `json:"totals,omitempty"`
}

// Totals are amounts net of VAT, the VAT and the total with it; Rate, on a
// line, the VAT rate applied (the default resolved).
type Totals struct {
	Net   string `json:"net"`
	VAT   string `json:"vat"`
	Total string `json:"total"`
	Rate  string `json:"rate,omitempty"`
}

// DocumentResult is the answer of posting or unposting: the document and
// the entry posted (the document's entry, or the red storno of it).
type DocumentResult struct {
	Document Document `json:"document"`
	Entry    Entry    `json:"entry"`
}

// refKinds are the catalogs a document refers to, in the order of doc.Refs.
var refKinds = []ledger.AnalyticKind{ledger.Counterparty, ledger.Contract, ledger.Item, ledger.Warehouse,
	ledger.Employee, ledger.FixedAsset, ledger.CashFlowItem, ledger.Project}

// docView is what a document's JSON needs besides the document: the
// codes of the catalog entries it names, the organisation's settings for
// its totals, the base currency.
type docView struct {
	analytics map[ledger.AnalyticID]ledger.Analytic
	settings  doc.Settings
	base      money.Currency
	withTotal bool
	entries   map[int64]ledger.Entry // the documents' entries, by seq
}

// documentView looks up what the documents' JSON names.
func (s *server) documentView(ctx context.Context, q *request, org ledger.Org, ds []app.Document) (docView, error) {
	v := docView{base: org.Currency, entries: map[int64]ledger.Entry{}}
	st, err := s.app.OrgSettings(ctx, q.actor, org.Code)
	if err != nil {
		return docView{}, err
	}
	v.settings, v.withTotal = st.Posting, true
	var ids []ledger.AnalyticID
	add := func(r doc.Refs) {
		for _, k := range refKinds {
			if id := *r.Slot(k); id != 0 {
				ids = append(ids, id)
			}
		}
	}
	for _, d := range ds {
		if d.Entry != 0 {
			e, err := s.app.EntryBySeq(ctx, q.actor, org.Code, d.Entry)
			if err != nil {
				return v, err
			}
			v.entries[e.Seq] = e
		}
		add(d.Refs)
		for _, l := range d.Lines {
			add(l.Refs)
		}
		for _, p := range d.Postings {
			for _, id := range append(p.Debit.Analytics[:], p.Credit.Analytics[:]...) {
				if id != 0 {
					ids = append(ids, id)
				}
			}
		}
	}
	v.analytics, err = s.app.AnalyticsByID(ctx, q.actor, org.Code, ids)
	return v, err
}

// currencyOf is the currency of a document's amounts.
func (v docView) currencyOf(d doc.Document) money.Currency {
	if d.Currency != "" {
		if c, err := money.Lookup(d.Currency); err == nil {
			return c
		}
	}
	return v.base
}

func (v docView) refsJSON(r doc.Refs) map[string]Ref {
	out := map[string]Ref{}
	for _, k := range refKinds {
		if id := *r.Slot(k); id != 0 {
			out[string(k)] = Ref{ID: id, Code: v.analytics[id].Code}
		}
	}
	return out
}

func documentJSON(d app.Document, v docView) Document {
	cur := v.currencyOf(d.Document)
	dec := func(a money.Amount) string {
		if a == 0 {
			return ""
		}
		return money.Decimal(a, cur.Exponent)
	}
	out := Document{ID: d.ID, Type: string(d.Type), Status: string(d.Status), Year: d.Year, Number: d.Number,
		Date: d.Date.String(), Refs: v.refsJSON(d.Refs), Currency: cur.Code, PricesIncludeVAT: d.PricesIncludeVAT,
		Lines: make([]DocumentLine, len(d.Lines)), Comment: d.Comment, Basis: d.Basis, Person: d.Person, Attachment: d.Attachment, Version: d.Version, Author: d.Author,
		Created: d.Created.UTC().Format(time.RFC3339Nano), Updated: d.Updated.UTC().Format(time.RFC3339Nano), BasedOn: d.BasedOn}
	if e, ok := v.entries[d.Entry]; ok && d.Entry != 0 {
		out.Entry = &EntryRef{Seq: e.Seq, Year: e.Year, Number: e.Number}
	}
	if !d.Rate.IsZero() {
		out.Rate = d.Rate.String()
	}
	var totals doc.Totals
	haveTotals := false
	if v.withTotal {
		t, err := doc.ComputeTotals(d.Document, v.settings)
		if haveTotals = err == nil; haveTotals {
			totals = t
			out.Totals = totalsJSON(t.Net, t.VAT, t.Gross, "", cur)
		}
	}
	for i, l := range d.Lines {
		ol := DocumentLine{Refs: v.refsJSON(l.Refs), Service: l.Service, Account: string(l.Account), Price: dec(l.Price),
			Amount: dec(l.Amount), VAT: string(l.VAT), Cost: dec(l.Cost), CurAmount: dec(l.CurAmount), Supporting: l.Supporting}
		if l.Qty != 0 {
			ol.Qty = money.Decimal(money.Amount(l.Qty), ledger.QuantityExp)
		}
		if haveTotals {
			lt := totals.Lines[i]
			ol.Totals = totalsJSON(lt.Net, lt.VAT, lt.Gross, string(lt.Rate), cur)
		}
		out.Lines[i] = ol
	}
	if len(d.Postings) > 0 {
		n := entryNames{analytics: v.analytics}
		out.Postings = make([]Posting, len(d.Postings))
		for i, p := range d.Postings {
			out.Postings[i] = Posting{Debit: sideJSON(p.Debit, v.base, n), Credit: sideJSON(p.Credit, v.base, n),
				Amount: money.Decimal(p.Amount, v.base.Exponent)}
		}
	}
	return out
}

func totalsJSON(net, vat, gross money.Amount, rate string, c money.Currency) *Totals {
	return &Totals{Net: money.Decimal(net, c.Exponent), VAT: money.Decimal(vat, c.Exponent), Total: money.Decimal(gross, c.Exponent), Rate: rate}
}

// writeDocuments answers with one document (status, its address) or a list.
func (s *server) writeDocument(w http.ResponseWriter, r *http.Request, q *request, org ledger.Org, d app.Document, status int) error {
	v, err := s.documentView(r.Context(), q, org, []app.Document{d})
	if err != nil {
		return err
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/orgs/%s/documents/%d", org.Code, d.ID))
	writeJSON(w, status, documentJSON(d, v))
	return nil
}

// documents lists documents newest first, filtered by ?type=, ?status=,
// ?from=, ?to= (dates) and ?counterparty= (a catalog entry's id), a page
// of ?limit= (default 50, at most 500) at a time; ?cursor= continues after
// the page that returned it, as for entries.
func (s *server) documents(w http.ResponseWriter, r *http.Request, q *request) error {
	org, err := s.app.Org(r.Context(), q.actor, r.PathValue("org"))
	if err != nil {
		return err
	}
	f, err := documentFilter(r)
	if err != nil {
		return err
	}
	key := documentFilterKey(f)
	if f.BeforeID, err = decodeCursor(r.URL.Query().Get("cursor"), key); err != nil {
		return err
	}
	ds, err := s.app.ListDocuments(r.Context(), q.actor, org.Code, f)
	if err != nil {
		return err
	}
	out := List[Document]{Items: make([]Document, len(ds))}
	if len(ds) == f.Limit {
		more := f
		more.BeforeID, more.Limit = ds[len(ds)-1].ID, 1
		next, err := s.app.ListDocuments(r.Context(), q.actor, org.Code, more)
		if err != nil {
			return err
		}
		if len(next) > 0 {
			out.NextCursor = encodeCursor(ds[len(ds)-1].ID, key)
		}
	}
	v, err := s.documentView(r.Context(), q, org, ds)
	if err != nil {
		return err
	}
	for i, d := range ds {
		out.Items[i] = documentJSON(d, v)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// documentFilter reads the list's query (the cursor aside).
func documentFilter(r *http.Request) (store.DocumentFilter, error) {
	v := r.URL.Query()
	var f store.DocumentFilter
	var err error
	if t := v.Get("type"); t != "" {
		if !doc.Type(t).Valid() {
			return f, ledger.Errorf(ledger.EInvalid, "unknown document type %q", t)
		}
		f.Type = t
	}
	if st := v.Get("status"); st != "" {
		switch doc.Status(st) {
		case doc.Draft, doc.Posted, doc.Cancelled:
			f.Status = st
		default:
			return f, ledger.Errorf(ledger.EInvalid, "unknown document status %q", st)
		}
	}
	if f.From, err = optDate(v.Get("from")); err != nil {
		return f, err
	}
	if f.To, err = optDate(v.Get("to")); err != nil {
		return f, err
	}
	if c := v.Get("counterparty"); c != "" {
		id, err := strconv.ParseInt(c, 10, 64)
		if err != nil || id < 1 {
			return f, ledger.Errorf(ledger.EInvalid, "%s must be the id of a catalog entry, a whole number", "counterparty")
		}
		f.Counterparty = ledger.AnalyticID(id)
	}
	if b := v.Get("based_on"); b != "" {
		id, err := strconv.ParseInt(b, 10, 64)
		if err != nil || id < 1 {
			return f, ledger.Errorf(ledger.EInvalid, "%s must be the id of a document, a whole number", "based_on")
		}
		f.BasedOn = id
	}
	f.Limit, err = limitParam(r, store.DefaultDocumentLimit, store.MaxDocumentLimit)
	return f, err
}

// documentFilterKey fingerprints a filter for its cursors.
func documentFilterKey(f store.DocumentFilter) string {
	s := fmt.Sprintf("doc|%q|%q|%d|%d|%d|%d", f.Type, f.Status, f.From, f.To, f.Counterparty, f.BasedOn)
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:6])
}

// documentID reads {id} of the path.
func documentID(r *http.Request) (int64, error) {
	s := r.PathValue("id")
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id < 1 {
		return 0, ledger.Errorf(ledger.ENotFound, "document %s does not exist", s)
	}
	return id, nil
}

// document shows one document.
func (s *server) document(w http.ResponseWriter, r *http.Request, q *request) error {
	org, err := s.app.Org(r.Context(), q.actor, r.PathValue("org"))
	if err != nil {
		return err
	}
	id, err := documentID(r)
	if err != nil {
		return err
	}
	d, err := s.app.GetDocument(r.Context(), q.actor, org.Code, id)
	if err != nil {
		return err
	}
	return s.writeDocument(w, r, q, org, d, http.StatusOK)
}
