package app

import (
	"context"

	"hasap/auth"
	"hasap/doc"
	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

// DeriveDocument creates a draft of type to from the document id of the
// organisation ("create based on": an invoice from an order, a payment
// from an invoice; doc.Derive says which paths there are and what is
// copied), dated date (ledger.NoDate: today), and returns it with its
// number. A payment is for what is still open: the source's total with VAT
// less the payments already created from it (not cancelled, in the same
// currency). Like CreateDocumentOnce, the same key with the same result
// gives back the draft it made, once; with another, EConflict.
func (a *App) DeriveDocument(ctx context.Context, actor Actor, orgCode, key string, id int64, to doc.Type, date ledger.Date) (Document, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.DraftEntries)
	if err != nil {
		return Document{}, err
	}
	sd, err := a.Store.Document(ctx, org.ID, id)
	if err != nil {
		return Document{}, err
	}
	from, err := fromStore(sd)
	if err != nil {
		return Document{}, err
	}
	settings, err := a.postingSettings(ctx, org)
	if err != nil {
		return Document{}, err
	}
	d, err := doc.Derive(from.Document, to, settings, 0)
	if err != nil {
		return Document{}, err
	}
	if doc.IsPayment(to) {
		pay, err := a.openToPay(ctx, org.ID, from.Document, settings)
		if err != nil {
			return Document{}, err
		}
		if d, err = doc.Derive(from.Document, to, settings, pay); err != nil {
			return Document{}, err
		}
	}
	d.Date = date
	if date == ledger.NoDate {
		d.Date = ledger.DateOf(a.Now().UTC().Date())
	}
	return a.CreateDocumentOnce(ctx, actor, orgCode, key, d)
}

// openToPay is what is left to pay of from: its total with VAT less the
// amounts of the payments created from it that are not cancelled and are
// in its currency; 0 (the whole total) when none is. Nothing left is
// EInvalid.
func (a *App) openToPay(ctx context.Context, org ledger.OrgID, from doc.Document, s doc.Settings) (money.Amount, error) {
	pays, err := a.Store.ListDocuments(ctx, org, store.DocumentFilter{BasedOn: from.ID, From: ledger.NoDate, To: ledger.NoDate, Limit: store.MaxDocumentLimit})
	if err != nil {
		return 0, err
	}
	var paid money.Amount
	for _, sd := range pays {
		p, err := fromStore(sd)
		if err != nil {
			return 0, err
		}
		if !doc.IsPayment(p.Type) || p.Status == doc.Cancelled || p.Currency != from.Currency {
			continue
		}
		for _, l := range p.Lines {
			if paid, err = money.Add(paid, l.Amount); err != nil {
				return 0, ledger.Errorf(ledger.EInvalid, "an amount is out of range")
			}
		}
	}
	if paid == 0 {
		return 0, nil
	}
	t, err := doc.ComputeTotals(from, s)
	if err != nil {
		return 0, err
	}
	open, err := money.Sub(t.Gross, paid)
	if err != nil || open <= 0 {
		return 0, ledger.Errorf(ledger.EInvalid, "the payments created from this document cover its total already")
	}
	return open, nil
}

// DocumentsBasedOn lists the documents created from document id, newest
// first.
func (a *App) DocumentsBasedOn(ctx context.Context, actor Actor, orgCode string, id int64) ([]Document, error) {
	return a.ListDocuments(ctx, actor, orgCode, store.DocumentFilter{BasedOn: id, From: ledger.NoDate, To: ledger.NoDate, Limit: store.MaxDocumentLimit})
}
