package app

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"hasap/auth"
	"hasap/doc"
	"hasap/i18n"
	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

// Documents are drafts until posted (issue 4). Clerks and up draft them
// (auth.DraftEntries); posting and unposting need auth.PostEntries, and
// each posts its entry and saves the document in one transaction, with the
// audit event. The store gives the numbers (per type and year, without
// gaps) and refuses deleting a document or changing a posted one; package
// doc holds the posting rules.

// Document is a document as the application keeps it: the domain's
// document and the store's record of it.
type Document struct {
	doc.Document
	// Version is what a save must name: it moves on every save, and a save
	// of an older version is refused (someone else changed it meanwhile).
	Version          int64
	Author           string
	Created, Updated time.Time
}

// Audit actions of documents.
const (
	ActDocCreate = "document.create"
	ActDocSave   = "document.save"
	ActDocCancel = "document.cancel"
	ActDocPost   = "document.post"
	ActDocUnpost = "document.unpost"
)

// toStore is d as the store keeps it: its body is d in JSON, without
// what the store keeps in columns (id, number, status, entry), so that
// posting and unposting leave the body as it was.
func toStore(d Document) (store.Document, error) {
	content := d.Document
	content.ID, content.Year, content.Number, content.Status, content.Entry = 0, 0, 0, "", 0
	body, err := json.Marshal(content)
	if err != nil {
		return store.Document{}, fmt.Errorf("document to JSON: %w", err)
	}
	return store.Document{ID: d.ID, Type: string(d.Type), Status: string(d.Status), Year: d.Year, Number: d.Number,
		Date: d.Date, Counterparty: d.Counterparty, Contract: d.Contract, Entry: d.Entry, BasedOn: d.BasedOn,
		Body: body, Version: d.Version, Author: d.Author}, nil
}

// fromStore reads a stored document; its columns win over its body.
func fromStore(s store.Document) (Document, error) {
	var d Document
	if err := json.Unmarshal(s.Body, &d.Document); err != nil {
		return Document{}, ledger.Errorf(ledger.EInternal, "document %d: its stored body does not read: %v", s.ID, err)
	}
	d.ID, d.Type, d.Status, d.Year, d.Number = s.ID, doc.Type(s.Type), doc.Status(s.Status), s.Year, s.Number
	d.Date, d.Counterparty, d.Contract, d.Entry, d.BasedOn = s.Date, s.Counterparty, s.Contract, s.Entry, s.BasedOn
	d.Version, d.Author, d.Created, d.Updated = s.Version, s.Author, s.Created, s.Updated
	return d, nil
}

// CreateDocument saves d as a new draft and returns it with its number.
func (a *App) CreateDocument(ctx context.Context, actor Actor, orgCode string, d doc.Document) (Document, error) {
	return a.CreateDocumentOnce(ctx, actor, orgCode, "", d)
}

// CreateDocumentOnce is CreateDocument with the client's idempotency key
// (a form's hidden key, the API's Idempotency-Key; "" for none): the same
// key with the same document gives back the draft it made, once; with
// another document it is EConflict.
func (a *App) CreateDocumentOnce(ctx context.Context, actor Actor, orgCode, key string, d doc.Document) (Document, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.DraftEntries)
	if err != nil {
		return Document{}, err
	}
	if !d.Type.Valid() {
		return Document{}, ledger.Errorf(ledger.EInvalid, "unknown document type %q", string(d.Type))
	}
	if d.Type.Closing() {
		return Document{}, errClosingDocument()
	}
	d.ID, d.Status, d.Entry, d.Year, d.Number = 0, doc.Draft, 0, 0, 0
	if d, err = a.fixVAT(ctx, org, d); err != nil {
		return Document{}, err
	}
	sd, err := toStore(Document{Document: d, Author: actor.Name})
	if err != nil {
		return Document{}, err
	}
	sd.Key = key
	if err := a.Store.CreateDocument(ctx, org.ID, &sd); err != nil {
		return Document{}, err
	}
	out, err := fromStore(sd)
	if err != nil || sd.Replayed {
		return out, err
	}
	return out, a.audit(ctx, actor, org.ID, ActDocCreate, out.Ref())
}

// fixVAT writes the organisation's VAT terms into d as it is saved (see
// doc.Document.FixVAT): the rate of each line that names none and the
// rounding, which the draft then shows and posts with, so that its totals
// stay what they were when the settings change; posting fixes them again
// for drafts saved before they were fixed on saving. A resent form or API
// request is fixed the same way, and so is still the same document.
func (a *App) fixVAT(ctx context.Context, org ledger.Org, d doc.Document) (doc.Document, error) {
	s, err := a.orgSettings(ctx, org)
	if err != nil {
		return d, err
	}
	return d.FixVAT(s.Posting), nil
}

// GetDocument returns a document of the organisation.
func (a *App) GetDocument(ctx context.Context, actor Actor, orgCode string, id int64) (Document, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return Document{}, err
	}
	sd, err := a.Store.Document(ctx, org.ID, id)
	if err != nil {
		return Document{}, err
	}
	return fromStore(sd)
}

// ListDocuments lists documents newest first.
func (a *App) ListDocuments(ctx context.Context, actor Actor, orgCode string, f store.DocumentFilter) ([]Document, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return nil, err
	}
	sds, err := a.Store.ListDocuments(ctx, org.ID, f)
	if err != nil {
		return nil, err
	}
	out := make([]Document, 0, len(sds))
	for _, sd := range sds {
		d, err := fromStore(sd)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// SaveDocument saves a changed draft, or cancels one (Status Cancelled) or
// brings a cancelled one back (Status Draft). d.Version must be the
// version read; a posted document is unposted first (UnpostDocument).
func (a *App) SaveDocument(ctx context.Context, actor Actor, orgCode string, d Document) (Document, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.DraftEntries)
	if err != nil {
		return Document{}, err
	}
	old, err := a.Store.Document(ctx, org.ID, d.ID)
	if err != nil {
		return Document{}, err
	}
	switch {
	case old.Status == string(doc.Posted):
		return Document{}, ledger.Errorf(ledger.EConflict, "document %d is posted: unpost it before changing it", d.ID)
	case d.Status == doc.Posted:
		return Document{}, ledger.Errorf(ledger.EInvalid, "a document is posted and unposted with its entry, not saved as %q", string(d.Status))
	case old.Status == string(doc.Cancelled) && d.Status == doc.Cancelled:
		return Document{}, errCancelled(d.ID)
	}
	if d.Status == doc.Draft {
		if d.Document, err = a.fixVAT(ctx, org, d.Document); err != nil {
			return Document{}, err
		}
	}
	sd, err := toStore(d)
	if err != nil {
		return Document{}, err
	}
	if err := a.Store.SaveDocument(ctx, org.ID, &sd); err != nil {
		return Document{}, err
	}
	action := ActDocSave
	if d.Status == doc.Cancelled {
		action = ActDocCancel
	}
	out, err := fromStore(sd)
	if err != nil {
		return Document{}, err
	}
	return out, a.audit(ctx, actor, org.ID, action, out.Ref())
}

// PostDocument posts the draft id, of version version: it runs the
// document's posting rule with the organisation's settings and what the
// books say on the document's date (the chart, the stock for the cost of
// goods sold, the rate of the day), and posts the entry with the document,
// in one transaction.
func (a *App) PostDocument(ctx context.Context, actor Actor, orgCode string, id, version int64) (Document, ledger.Entry, error) {
	return a.PostDocumentOnce(ctx, actor, orgCode, "", id, version)
}

// PostDocumentOnce is PostDocument with the client's idempotency key of
// the request ("" for none), kept with the post in its transaction: a key
// already used for another post or unpost is EConflict, and
// DocumentTransitionKey tells what a key was used for.
func (a *App) PostDocumentOnce(ctx context.Context, actor Actor, orgCode, key string, id, version int64) (Document, ledger.Entry, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.PostEntries)
	if err != nil {
		return Document{}, ledger.Entry{}, err
	}
	d, err := a.documentAt(ctx, org.ID, id, version)
	if err != nil {
		return Document{}, ledger.Entry{}, err
	}
	if d.Type.Closing() {
		return Document{}, ledger.Entry{}, errClosingDocument()
	}
	return a.postDraft(ctx, actor, org, key, d)
}

// postDraft posts the draft d (PostDocumentOnce without the checks of
// the actor and the type).
func (a *App) postDraft(ctx context.Context, actor Actor, org ledger.Org, key string, d Document) (Document, ledger.Entry, error) {
	switch d.Status {
	case doc.Posted:
		return Document{}, ledger.Entry{}, ledger.Errorf(ledger.EConflict, "document %d is posted already", d.ID)
	case doc.Cancelled:
		return Document{}, ledger.Entry{}, errCancelled(d.ID)
	}
	e, err := a.documentEntry(ctx, org, &d, actor.Lang)
	if err != nil {
		return Document{}, ledger.Entry{}, err
	}
	return a.postDocumentEntry(ctx, actor, org.ID, key, d, e, ActDocPost, func(d *Document, e ledger.Entry) {
		d.Status, d.Entry = doc.Posted, e.Seq
	})
}

// documentEntry runs the posting rule of d, a draft, with the
// organisation's settings and what the books say on its date, and returns
// the entry to post, with the idempotency key of d's posting. It writes
// the VAT terms it posted with into d (doc.Document.FixVAT), to be saved
// with the posting.
func (a *App) documentEntry(ctx context.Context, org ledger.Org, d *Document, lang string) (ledger.Entry, error) {
	settings, err := a.postingSettings(ctx, org)
	if d.Type.Closing() {
		settings, err = a.closingSettings(ctx, org)
	}
	if err != nil {
		return ledger.Entry{}, err
	}
	d.Document = d.Document.FixVAT(settings)
	in, err := a.documentInputs(ctx, org, d.Document, settings, lang)
	if err != nil {
		return ledger.Entry{}, err
	}
	e, err := doc.Post(d.Document, settings, in)
	if err != nil {
		return ledger.Entry{}, err
	}
	e.IdemKey = documentEntryKey(d.ID, d.Version, false)
	return e, nil
}

// UnpostDocument unposts the posted document id, of version version: it
// posts the red storno of its entry and makes it a draft again, in one
// transaction.
func (a *App) UnpostDocument(ctx context.Context, actor Actor, orgCode string, id, version int64) (Document, ledger.Entry, error) {
	return a.UnpostDocumentOnce(ctx, actor, orgCode, "", id, version)
}

// UnpostDocumentOnce is UnpostDocument with the client's idempotency key
// of the request, as PostDocumentOnce.
func (a *App) UnpostDocumentOnce(ctx context.Context, actor Actor, orgCode, key string, id, version int64) (Document, ledger.Entry, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.PostEntries)
	if err != nil {
		return Document{}, ledger.Entry{}, err
	}
	d, err := a.documentAt(ctx, org.ID, id, version)
	if err != nil {
		return Document{}, ledger.Entry{}, err
	}
	if d.Type.Closing() {
		return Document{}, ledger.Entry{}, errClosingDocument()
	}
	return a.unpostDocument(ctx, actor, org, key, d)
}

// unpostDocument unposts the posted d (UnpostDocumentOnce without the
// checks of the actor and the type).
func (a *App) unpostDocument(ctx context.Context, actor Actor, org ledger.Org, key string, d Document) (Document, ledger.Entry, error) {
	posted, err := a.Store.Entry(ctx, org.ID, d.Entry)
	if err != nil {
		return Document{}, ledger.Entry{}, err
	}
	r, err := doc.Unpost(d.Document, posted)
	if err != nil {
		return Document{}, ledger.Entry{}, err
	}
	r.Description = ledger.TruncateText(i18n.Sprintf(actor.Lang, "Storno of entry %d/%d: %s", posted.Year, posted.Number, posted.Description), ledger.MaxTextLen)
	r.IdemKey = documentEntryKey(d.ID, d.Version, true)
	return a.postDocumentEntry(ctx, actor, org.ID, key, d, r, ActDocUnpost, func(d *Document, _ ledger.Entry) {
		d.Status, d.Entry = doc.Draft, 0
	})
}

// errClosingDocument refuses a closing document (revaluation, closing of
// 90 and 91, profit tax, year close) on the way of the other documents:
// the month close makes, posts and unposts them, in their order.
func errClosingDocument() error {
	return ledger.Errorf(ledger.EInvalid, "closing documents are made, posted and unposted by the month close")
}

// documentAt reads document id, which must still be at version.
func (a *App) documentAt(ctx context.Context, org ledger.OrgID, id, version int64) (Document, error) {
	sd, err := a.Store.Document(ctx, org, id)
	if err != nil {
		return Document{}, err
	}
	d, err := fromStore(sd)
	if err != nil {
		return Document{}, err
	}
	if d.Version != version {
		return Document{}, ledger.Errorf(ledger.EConflict, "document %d was changed by someone else meanwhile; open it again", id)
	}
	return d, nil
}

// postDocumentEntry posts e, then saves d as change makes it (with the
// client's key of the request, when not ""), and the audit event, in one
// posting transaction.
func (a *App) postDocumentEntry(ctx context.Context, actor Actor, org ledger.OrgID, key string, d Document, e ledger.Entry, action string,
	change func(d *Document, e ledger.Entry)) (Document, ledger.Entry, error) {
	e.Author = actor.Name
	p, err := a.Store.BeginPost(ctx, org, store.PostOptions{Now: a.Now})
	if err != nil {
		return Document{}, ledger.Entry{}, err
	}
	defer p.Rollback()
	if replay, err := p.Post(&e); err != nil {
		return Document{}, ledger.Entry{}, err
	} else if replay {
		return Document{}, ledger.Entry{}, ledger.Errorf(ledger.EConflict, "document %d was changed by someone else meanwhile; open it again", d.ID)
	}
	change(&d, e)
	sd, err := toStore(d)
	if err != nil {
		return Document{}, ledger.Entry{}, err
	}
	sd.TransitionKey = key
	if err := p.SaveDocument(&sd); err != nil {
		return Document{}, ledger.Entry{}, err
	}
	ev := a.auditEvent(actor, org, action, fmt.Sprintf("%s entry %d/%d", d.Ref(), e.Year, e.Number))
	if err := p.AppendAudit(&ev); err != nil {
		return Document{}, ledger.Entry{}, err
	}
	if err := p.Commit(); err != nil {
		return Document{}, ledger.Entry{}, err
	}
	out, err := fromStore(sd)
	return out, e, err
}

// documentInputs gathers what d's posting rule needs from the books
// (d.Needs): the chart, the stock of the goods account per item and
// warehouse and the balances of the settlement accounts per counterparty
// and contract at the end of the document's date, and the rate of its
// currency on that date.
func (a *App) documentInputs(ctx context.Context, org ledger.Org, d doc.Document, s doc.Settings, lang string) (doc.Inputs, error) {
	chart, err := a.Store.Chart(ctx, org.ID)
	if err != nil {
		return doc.Inputs{}, err
	}
	in := doc.Inputs{Chart: chart, Base: org.Currency, Lang: lang, Stock: map[doc.StockKey]doc.Stock{}}
	if d.Type.Closing() {
		return in, a.closingInputs(ctx, org, d, s, &in)
	}
	needs := d.Needs(s)
	stockNeeded := needs.Stock
	if goods := chart[s.Sales.Goods]; goods != nil && len(stockNeeded) > 0 {
		// The stock at the end of the document's date, as doc.Inputs says:
		// what the day's earlier documents brought in or took out counts,
		// so a sale may take goods received that morning and two sales of
		// the day cannot take the same units. (A repost's own entry is
		// stornoed already.)
		byAnalytics, err := a.Store.AnalyticsOpening(ctx, org.ID, goods.Code, d.Date+1, [ledger.MaxAnalytics]ledger.AnalyticID{})
		if err != nil {
			return doc.Inputs{}, err
		}
		if err := a.nameStock(ctx, org.ID, stockNeeded, lang, &in); err != nil {
			return doc.Inputs{}, err
		}
		item, wh := slotOf(goods, ledger.Item), slotOf(goods, ledger.Warehouse)
		for k, t := range byAnalytics {
			key := doc.StockKey{}
			if item >= 0 {
				key.Item = k[item]
			}
			if wh >= 0 {
				key.Warehouse = k[wh]
			}
			st := in.Stock[key]
			qty, err1 := money.Sub(money.Amount(t.DebitQty), money.Amount(t.CreditQty))
			amt, err2 := money.Sub(t.Debit, t.Credit)
			qty, err3 := money.Add(money.Amount(st.Qty), qty)
			amt, err4 := money.Add(st.Amount, amt)
			if err1 != nil || err2 != nil || err3 != nil || err4 != nil {
				return doc.Inputs{}, ledger.Errorf(ledger.EInvalid, "the stock of account %s is out of range", goods.Code)
			}
			in.Stock[key] = doc.Stock{Qty: ledger.Quantity(qty), Amount: amt}
		}
	}
	if in.Balances, err = a.balances(ctx, org.ID, chart, needs.Balances, d.Date); err != nil {
		return doc.Inputs{}, err
	}
	if needs.Rate && d.Currency != org.Currency.Code {
		rate, err := a.rateOn(ctx, org, d.Currency, d.Date)
		if err != nil {
			return doc.Inputs{}, err
		}
		in.Rate = rate
	}
	return in, nil
}

// balances reads the balances of the settlement accounts keys name, per
// counterparty and contract (as far as the account keeps them), at the end
// of date: every entry of that day counts, the document's own earlier
// entry too, which its storno cancels. One read per account, narrowed to
// the counterparty and contract the keys share.
func (a *App) balances(ctx context.Context, org ledger.OrgID, chart ledger.Chart, keys []doc.BalanceKey, date ledger.Date) (map[doc.BalanceKey]doc.Balance, error) {
	out := make(map[doc.BalanceKey]doc.Balance, len(keys))
	byAccount := map[ledger.AccountCode][]doc.BalanceKey{}
	var accounts []ledger.AccountCode
	for _, k := range keys {
		if byAccount[k.Account] == nil {
			accounts = append(accounts, k.Account)
		}
		byAccount[k.Account] = append(byAccount[k.Account], k)
	}
	for _, code := range accounts {
		acc := chart[code]
		if acc == nil {
			continue // the rule names the missing account
		}
		cp, ctr := slotOf(acc, ledger.Counterparty), slotOf(acc, ledger.Contract)
		slots := func(k doc.BalanceKey) [ledger.MaxAnalytics]ledger.AnalyticID {
			var m [ledger.MaxAnalytics]ledger.AnalyticID
			if cp >= 0 {
				m[cp] = k.Counterparty
			}
			if ctr >= 0 {
				m[ctr] = k.Contract
			}
			return m
		}
		ks := byAccount[code]
		match := slots(ks[0])
		for _, k := range ks[1:] {
			other := slots(k)
			for i := range match {
				if match[i] != other[i] {
					match[i] = 0
				}
			}
		}
		rows, err := a.Store.AnalyticsOpening(ctx, org, code, date+1, match)
		if err != nil {
			return nil, err
		}
		for _, k := range ks {
			want := slots(k)
			var bal doc.Balance
			for an, t := range rows {
				if !sameSlots(an, want) {
					continue
				}
				d, err1 := money.Sub(t.Debit, t.Credit)
				c, err2 := money.Sub(t.DebitCur, t.CreditCur)
				sum, err3 := money.Add(bal.Amount, d)
				cur, err4 := money.Add(bal.Cur, c)
				if err1 != nil || err2 != nil || err3 != nil || err4 != nil {
					return nil, ledger.Errorf(ledger.EInvalid, "the balance of account %s is out of range", code)
				}
				bal = doc.Balance{Amount: sum, Cur: cur}
			}
			out[k] = bal
		}
	}
	return out, nil
}

// sameSlots reports whether analytics carry want's non-zero analytics in
// the same slots.
func sameSlots(analytics, want [ledger.MaxAnalytics]ledger.AnalyticID) bool {
	for i, id := range want {
		if id != 0 && analytics[i] != id {
			return false
		}
	}
	return true
}

// nameStock gives the items and warehouses of keys their names in lang,
// for the messages of the posting rule ("not enough of item …").
func (a *App) nameStock(ctx context.Context, org ledger.OrgID, keys []doc.StockKey, lang string, in *doc.Inputs) error {
	var ids []ledger.AnalyticID
	for _, k := range keys {
		ids = append(ids, k.Item, k.Warehouse)
	}
	found, err := a.Store.AnalyticsByID(ctx, org, ids)
	if err != nil {
		return err
	}
	in.Names = make(map[ledger.AnalyticID]string, len(found))
	for id, an := range found {
		if n := an.Names.In(lang); n != "" {
			in.Names[id] = n
		} else {
			in.Names[id] = an.Code
		}
	}
	return nil
}

// errCancelled refuses to change or post a cancelled document.
func errCancelled(id int64) error {
	return ledger.Errorf(ledger.EConflict, "document %d is cancelled: make it a draft again first", id)
}

// slotOf is the analytics slot of kind k on account acc, -1 if it has none.
func slotOf(acc *ledger.Account, k ledger.AnalyticKind) int {
	for i, kind := range acc.Analytics {
		if kind == k {
			return i
		}
	}
	return -1
}
