package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strings"

	"hasap/app"
	"hasap/auth"
	"hasap/doc"
	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

// documentInput is the body of a new document (POST) and of a changed
// draft (PUT, which also carries the version it read; its type, if given,
// must be the document's). Lines are decoded one by one, so that an error
// names the line: "lines[2].qty: ...".
type documentInput struct {
	Type             string              `json:"type"`
	Date             string              `json:"date"`
	Refs             map[string]refInput `json:"refs"`
	Currency         string              `json:"currency"`
	Rate             string              `json:"rate"`
	PricesIncludeVAT bool                `json:"prices_include_vat"`
	Lines            []json.RawMessage   `json:"lines"`
	Postings         []postingInput      `json:"postings"`
	Comment          string              `json:"comment"`
	Basis            string              `json:"basis"`
	Person           string              `json:"person"`
	Attachment       string              `json:"attachment"`
	Version          int64               `json:"version"`
}

// refInput names a catalog entry by id or by code (both: the same one).
type refInput struct {
	ID   int64  `json:"id"`
	Code string `json:"code"`
}

type lineInput struct {
	Refs       map[string]refInput `json:"refs"`
	Service    bool                `json:"service"`
	Account    string              `json:"account"`
	Qty        string              `json:"qty"`
	Price      string              `json:"price"`
	Amount     string              `json:"amount"`
	VAT        string              `json:"vat"`
	Cost       string              `json:"cost"`
	CurAmount  string              `json:"cur_amount"`
	Supporting string              `json:"supporting"`
}

// versionInput is the body of post, unpost and cancel: the version read.
type versionInput struct {
	Version int64 `json:"version"`
}

// decodeLine decodes one line strictly; errors name it by its path at.
func decodeLine(raw json.RawMessage, v any, at string) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if _, err := dec.Token(); err != io.EOF {
			return ledger.Errorf(ledger.EInvalid, "%s must be a JSON object", at)
		}
		return nil
	}
	var wrongType *json.UnmarshalTypeError
	if errors.As(err, &wrongType) {
		if wrongType.Field == "" {
			return ledger.Errorf(ledger.EInvalid, "%s must be a JSON object", at)
		}
		field := at + "." + wrongType.Field
		if wrongType.Value == "number" && wrongType.Type.Kind() == reflect.String {
			return ledger.Errorf(ledger.EInvalid, "%s must be a string: amounts are decimal strings such as \"1150.00\", never JSON numbers", field)
		}
		return ledger.Errorf(ledger.EInvalid, "%s has the wrong JSON type (%s)", field, wrongType.Value)
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return ledger.Errorf(ledger.EInvalid, "%s: unknown field %s", at, name)
	}
	return ledger.Errorf(ledger.EInvalid, "%s must be a JSON object", at)
}

// docBuilder turns a documentInput into a doc.Document, looking each
// catalog entry up once.
type docBuilder struct {
	s     *server
	ctx   context.Context
	q     *request
	org   ledger.Org
	byID  map[ledger.AnalyticID]ledger.Analytic
	byKey map[analyticKey]ledger.AnalyticID
}

func (s *server) newDocBuilder(ctx context.Context, q *request, org ledger.Org) *docBuilder {
	return &docBuilder{s: s, ctx: ctx, q: q, org: org, byID: map[ledger.AnalyticID]ledger.Analytic{}, byKey: map[analyticKey]ledger.AnalyticID{}}
}

// build reads in into d's content (type, date, refs, lines...), leaving
// what the store keeps (id, number, status, entry) alone.
func (b *docBuilder) build(in documentInput, d *doc.Document) error {
	if in.Date == "" {
		return ledger.Errorf(ledger.EInvalid, "%s is required", "date")
	}
	date, err := ledger.ParseDate(in.Date)
	if err != nil {
		return err
	}
	if len(in.Lines) > doc.MaxLines {
		return ledger.Errorf(ledger.EInvalid, "a document has at most %d lines", doc.MaxLines)
	}
	if len(in.Comment) > doc.MaxComment {
		return ledger.Errorf(ledger.EInvalid, "%s is longer than %d bytes", "comment", doc.MaxComment)
	}
	for _, f := range []struct{ name, v string }{{"basis", in.Basis}, {"person", in.Person}, {"attachment", in.Attachment}} {
		if len(f.v) > doc.MaxText {
			return ledger.Errorf(ledger.EInvalid, "%s is longer than %d bytes", f.name, doc.MaxText)
		}
	}
	if len(in.Postings) > maxAPIPostings {
		return ledger.Errorf(ledger.EInvalid, "a document has at most %d postings", maxAPIPostings)
	}
	d.Date, d.Comment, d.PricesIncludeVAT = date, in.Comment, in.PricesIncludeVAT
	d.Basis, d.Person, d.Attachment = in.Basis, in.Person, in.Attachment
	if d.Refs, err = b.refs(in.Refs, "refs"); err != nil {
		return err
	}
	cur := b.org.Currency
	d.Currency = ""
	if in.Currency != "" && in.Currency != b.org.Currency.Code {
		c, err := money.Lookup(in.Currency)
		if err != nil || c.Code != in.Currency {
			return ledger.Errorf(ledger.EInvalid, "%s: unknown currency %q", "currency", in.Currency)
		}
		cur, d.Currency = c, c.Code
	}
	d.Rate = money.Rate{}
	if in.Rate != "" {
		if !isDecimal(in.Rate) {
			return ledger.Errorf(ledger.EInvalid, "%s: %q is not a decimal string such as \"1150.00\"", "rate", in.Rate)
		}
		if d.Rate, err = money.ParseRate(in.Rate); err != nil {
			return ledger.Errorf(ledger.EInvalid, "%s: %q is out of range", "rate", in.Rate)
		}
	}
	d.Lines = make([]doc.Line, len(in.Lines))
	for i, raw := range in.Lines {
		at := fmt.Sprintf("lines[%d]", i)
		var li lineInput
		if err := decodeLine(raw, &li, at); err != nil {
			return err
		}
		if d.Lines[i], err = b.line(li, at, cur); err != nil {
			return err
		}
	}
	d.Postings = nil
	if len(in.Postings) > 0 {
		chart, err := b.s.app.Accounts(b.ctx, b.q.actor, b.org.Code)
		if err != nil {
			return err
		}
		pb := builder{s: b.s, ctx: b.ctx, q: b.q, org: b.org, chart: chart, ids: b.byKey}
		d.Postings = make([]ledger.Posting, len(in.Postings))
		for i, p := range in.Postings {
			if d.Postings[i], err = pb.posting(p); err != nil {
				return ledger.Errorf(ledger.ErrorCode(err), "postings[%d]: %s", i, err)
			}
		}
	}
	return nil
}

// line reads one line, its amounts in cur.
func (b *docBuilder) line(in lineInput, at string, cur money.Currency) (doc.Line, error) {
	l := doc.Line{Service: in.Service, Account: ledger.AccountCode(in.Account), VAT: doc.Rate(in.VAT), Supporting: in.Supporting}
	if len(in.Supporting) > doc.MaxText {
		return l, ledger.Errorf(ledger.EInvalid, "%s is longer than %d bytes", at+".supporting", doc.MaxText)
	}
	var err error
	if l.Refs, err = b.refs(in.Refs, at+".refs"); err != nil {
		return l, err
	}
	if in.VAT != "" {
		if _, _, err := doc.VAT(0, l.VAT, false); err != nil {
			return l, ledger.Errorf(ledger.EInvalid, "%s: %s", at+".vat", err)
		}
	}
	if in.Qty != "" {
		q, err := parseDecimal(at+".qty", in.Qty, ledger.QuantityExp)
		if err != nil {
			return l, err
		}
		l.Qty = ledger.Quantity(q)
	}
	for _, a := range []struct {
		name string
		src  string
		dst  *money.Amount
	}{{"price", in.Price, &l.Price}, {"amount", in.Amount, &l.Amount}, {"cost", in.Cost, &l.Cost}, {"cur_amount", in.CurAmount, &l.CurAmount}} {
		if a.src == "" {
			continue
		}
		if *a.dst, err = parseDecimal(at+"."+a.name, a.src, cur.Exponent); err != nil {
			return l, err
		}
	}
	return l, nil
}

// refs resolves {catalog: {id|code}} into doc.Refs.
func (b *docBuilder) refs(in map[string]refInput, at string) (doc.Refs, error) {
	var out doc.Refs
	kinds := make([]string, 0, len(in))
	for k := range in {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	for _, k := range kinds {
		kind, r := ledger.AnalyticKind(k), in[k]
		slot := out.Slot(kind)
		if slot == nil {
			return out, ledger.Errorf(ledger.EInvalid, "%s: unknown analytics catalog %q", at, k)
		}
		id, err := b.ref(kind, r, at+"."+k)
		if err != nil {
			return out, err
		}
		*slot = id
	}
	return out, nil
}

// ref finds the catalog entry r names in the catalog kind.
func (b *docBuilder) ref(kind ledger.AnalyticKind, r refInput, at string) (ledger.AnalyticID, error) {
	switch {
	case r.ID == 0 && r.Code == "":
		return 0, ledger.Errorf(ledger.EInvalid, "%s: give the id or the code of a catalog entry", at)
	case r.ID != 0:
		id := ledger.AnalyticID(r.ID)
		an, ok := b.byID[id]
		if !ok {
			found, err := b.s.app.AnalyticsByID(b.ctx, b.q.actor, b.org.Code, []ledger.AnalyticID{id})
			if err != nil {
				return 0, err
			}
			an, ok = found[id]
			if ok {
				b.byID[id] = an
			}
		}
		if !ok || an.Kind != kind {
			return 0, ledger.Errorf(ledger.EInvalid, "%s: %s %d does not exist", at, kind, r.ID)
		}
		if r.Code != "" && r.Code != an.Code {
			return 0, ledger.Errorf(ledger.EInvalid, "%s: id %d and code %s are different entries", at, r.ID, r.Code)
		}
		return id, nil
	}
	if id, ok := b.byKey[analyticKey{kind, r.Code}]; ok {
		return id, nil
	}
	an, err := b.s.app.AnalyticByCode(b.ctx, b.q.actor, b.org.Code, kind, r.Code)
	if ledger.IsCode(err, ledger.ENotFound) {
		return 0, ledger.Errorf(ledger.EInvalid, "%s: %s %s does not exist", at, kind, r.Code)
	}
	if err != nil {
		return 0, err
	}
	b.byKey[analyticKey{kind, r.Code}] = an.ID
	return an.ID, nil
}

// createDocument saves a new draft (201). With an Idempotency-Key the
// store keeps the key with the draft: the same key and document again
// answer that draft (201, the same body), the key with another document is
// 409. Without a key, the same request sent twice makes two drafts; a
// draft too many is cancelled (POST .../cancel), which keeps the numbering
// without gaps.
func (s *server) createDocument(w http.ResponseWriter, r *http.Request, q *request) error {
	org, _, err := s.app.Authorize(r.Context(), q.actor, r.PathValue("org"), auth.DraftEntries)
	if err != nil {
		return err
	}
	key, err := draftKey(r)
	if err != nil {
		return err
	}
	var in documentInput
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	if in.Version != 0 {
		return ledger.Errorf(ledger.EInvalid, "%s is for changing a document, not for a new one", "version")
	}
	if in.Type == "" {
		return ledger.Errorf(ledger.EInvalid, "%s is required", "type")
	}
	if !doc.Type(in.Type).Valid() {
		return ledger.Errorf(ledger.EInvalid, "unknown document type %q", in.Type)
	}
	d := doc.Document{Type: doc.Type(in.Type)}
	if err := s.newDocBuilder(r.Context(), q, org).build(in, &d); err != nil {
		return err
	}
	created, err := s.app.CreateDocumentOnce(r.Context(), q.actor, org.Code, key, d)
	if err != nil {
		return err
	}
	return s.writeDocument(w, r, q, org, created, http.StatusCreated)
}

// saveDocument saves a changed draft: the body is the whole document
// with the version read; a save after someone else's is 409.
func (s *server) saveDocument(w http.ResponseWriter, r *http.Request, q *request) error {
	org, _, err := s.app.Authorize(r.Context(), q.actor, r.PathValue("org"), auth.DraftEntries)
	if err != nil {
		return err
	}
	id, err := documentID(r)
	if err != nil {
		return err
	}
	var in documentInput
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	if in.Version < 1 {
		return ledger.Errorf(ledger.EInvalid, "%s is required", "version")
	}
	d, err := s.app.GetDocument(r.Context(), q.actor, org.Code, id)
	if err != nil {
		return err
	}
	if in.Type != "" && in.Type != string(d.Type) {
		return ledger.Errorf(ledger.EInvalid, "the type of a document does not change: it is %s", string(d.Type))
	}
	if err := s.newDocBuilder(r.Context(), q, org).build(in, &d.Document); err != nil {
		return err
	}
	d.Version = in.Version
	saved, err := s.app.SaveDocument(r.Context(), q.actor, org.Code, d)
	if err != nil {
		return err
	}
	return s.writeDocument(w, r, q, org, saved, http.StatusOK)
}

// readVersion reads the body of post, unpost and cancel.
func readVersion(r *http.Request) (int64, error) {
	var in versionInput
	if err := decodeBody(r, &in); err != nil {
		return 0, err
	}
	if in.Version < 1 {
		return 0, ledger.Errorf(ledger.EInvalid, "%s is required", "version")
	}
	return in.Version, nil
}

// postDocument posts a draft; unpostDocument unposts a posted document.
// The Idempotency-Key header is required, and kept with the post or unpost
// it asked for (the document, the version, which of the two): the same key
// for another request (another document, version or transition) is 422,
// as for entries. What makes the request idempotent is its body: posting
// the document id at version n happens at most once (its entry's key is
// derived from id and version, as for a reversal), so the same request
// again, with its key or another, while its result stands (the document is
// still at the version that request made), answers that result again: 200
// and the same body, nothing posted. Any other request is answered on its
// own merits: a stale version is 409.
func (s *server) postDocument(w http.ResponseWriter, r *http.Request, q *request) error {
	return s.transition(w, r, q, false)
}

func (s *server) unpostDocument(w http.ResponseWriter, r *http.Request, q *request) error {
	return s.transition(w, r, q, true)
}

func (s *server) transition(w http.ResponseWriter, r *http.Request, q *request, unpost bool) error {
	org, _, err := s.app.Authorize(r.Context(), q.actor, r.PathValue("org"), auth.PostEntries)
	if err != nil {
		return err
	}
	id, err := documentID(r)
	if err != nil {
		return err
	}
	key, err := requiredIdemKey(r)
	if err != nil {
		return err
	}
	version, err := readVersion(r)
	if err != nil {
		return err
	}
	used, err := s.app.DocumentTransitionKey(r.Context(), q.actor, org.Code, idemPrefix+key)
	switch {
	case err == nil && used != (store.TransitionKey{Document: id, Version: version, Unpost: unpost}):
		return errKeyReused(key)
	case err != nil && !ledger.IsCode(err, ledger.ENotFound):
		return err
	}
	var d app.Document
	var e ledger.Entry
	if unpost {
		d, e, err = s.app.UnpostDocumentOnce(r.Context(), q.actor, org.Code, idemPrefix+key, id, version)
	} else {
		d, e, err = s.app.PostDocumentOnce(r.Context(), q.actor, org.Code, idemPrefix+key, id, version)
	}
	if ledger.IsCode(err, ledger.EConflict) {
		// A retry of a request that went through?
		if rd, re, ok := s.replayed(r.Context(), q, org, id, version, unpost); ok {
			d, e, err = rd, re, nil
		}
	}
	if err != nil {
		return err
	}
	v, err := s.documentView(r.Context(), q, org, []app.Document{d})
	if err != nil {
		return err
	}
	n, err := s.entryNames(r.Context(), q, org.Code, []ledger.Entry{e})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, DocumentResult{Document: documentJSON(d, v), Entry: entryJSON(e, org.Currency, n)})
	return nil
}

// errKeyReused refuses a client's Idempotency-Key already used for a
// different request, in the words postEntry uses.
func errKeyReused(key string) error {
	return ledger.Errorf(ledger.EInvalid, "Idempotency-Key %q was already used for a different request", key)
}

// replayed finds the result of posting (or unposting) document id at
// version: the document as that made it, unchanged since, and the entry.
func (s *server) replayed(ctx context.Context, q *request, org ledger.Org, id, version int64, unpost bool) (app.Document, ledger.Entry, bool) {
	d, err := s.app.GetDocument(ctx, q.actor, org.Code, id)
	want := doc.Posted
	if unpost {
		want = doc.Draft
	}
	if err != nil || d.Version != version+1 || d.Status != want {
		return app.Document{}, ledger.Entry{}, false
	}
	e, err := s.app.DocumentTransitionEntry(ctx, q.actor, org.Code, id, version, unpost)
	if err != nil || (!unpost && e.Seq != d.Entry) {
		return app.Document{}, ledger.Entry{}, false
	}
	return d, e, true
}

// cancelDocument cancels a draft (its number stays, shown as cancelled).
// The same request again, while the document is still as it made it,
// answers the same (200).
func (s *server) cancelDocument(w http.ResponseWriter, r *http.Request, q *request) error {
	org, _, err := s.app.Authorize(r.Context(), q.actor, r.PathValue("org"), auth.DraftEntries)
	if err != nil {
		return err
	}
	id, err := documentID(r)
	if err != nil {
		return err
	}
	if _, err := idemKey(r); err != nil {
		return err
	}
	version, err := readVersion(r)
	if err != nil {
		return err
	}
	d, err := s.app.GetDocument(r.Context(), q.actor, org.Code, id)
	if err != nil {
		return err
	}
	if d.Status == doc.Cancelled && d.Version == version+1 {
		return s.writeDocument(w, r, q, org, d, http.StatusOK)
	}
	d.Status, d.Version = doc.Cancelled, version
	saved, err := s.app.SaveDocument(r.Context(), q.actor, org.Code, d)
	if err != nil {
		return err
	}
	return s.writeDocument(w, r, q, org, saved, http.StatusOK)
}

// deriveInput is the body of a derive: the type of the new document and,
// optionally, its date (today when empty).
type deriveInput struct {
	Type string `json:"type"`
	Date string `json:"date"`
}

// deriveDocument creates a draft from the document {id} ("create based
// on": an invoice from an order, a payment from an invoice), as the app's
// DeriveDocument: 201 with the new draft, which names the source in
// based_on. With an Idempotency-Key, the same key and request again answer
// that draft (201, the same body); the key with another document is 409,
// as for a new document.
func (s *server) deriveDocument(w http.ResponseWriter, r *http.Request, q *request) error {
	org, _, err := s.app.Authorize(r.Context(), q.actor, r.PathValue("org"), auth.DraftEntries)
	if err != nil {
		return err
	}
	id, err := documentID(r)
	if err != nil {
		return err
	}
	key, err := draftKey(r)
	if err != nil {
		return err
	}
	var in deriveInput
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	if in.Type == "" {
		return ledger.Errorf(ledger.EInvalid, "%s is required", "type")
	}
	date := ledger.NoDate
	if in.Date != "" {
		if date, err = ledger.ParseDate(in.Date); err != nil {
			return err
		}
	}
	d, err := s.app.DeriveDocument(r.Context(), q.actor, org.Code, key, id, doc.Type(in.Type), date)
	if err != nil {
		return err
	}
	return s.writeDocument(w, r, q, org, d, http.StatusCreated)
}
