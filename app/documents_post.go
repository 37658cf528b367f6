package app

import (
	"context"
	"fmt"

	"hasap/auth"
	"hasap/doc"
	"hasap/ledger"
	"hasap/store"
)

// CreateAndPostDocument drafts d and posts it at once, in one transaction
// with both audit events: the draft is numbered, its posting rule run, the
// entry posted and the document saved as posted, or nothing is kept at all
// (a document its rule refuses leaves no draft and uses no number; drafting
// with CreateDocument and posting with PostDocument keeps the draft). The
// actor's role must allow both drafting and posting. It is what entering
// documents one after the other costs least: one commit each, where
// drafting and posting take three.
func (a *App) CreateAndPostDocument(ctx context.Context, actor Actor, orgCode string, d doc.Document) (Document, ledger.Entry, error) {
	org, role, err := a.Authorize(ctx, actor, orgCode, auth.DraftEntries)
	if err != nil {
		return Document{}, ledger.Entry{}, err
	}
	if !role.Can(auth.PostEntries) {
		return Document{}, ledger.Entry{}, ledger.Errorf(ledger.EForbidden, "your role in %s does not allow this", org.Code)
	}
	if !d.Type.Valid() {
		return Document{}, ledger.Entry{}, ledger.Errorf(ledger.EInvalid, "unknown document type %q", string(d.Type))
	}
	if d.Type.Closing() {
		return Document{}, ledger.Entry{}, errClosingDocument()
	}
	return a.createAndPost(ctx, actor, org, d)
}

// createAndPost is CreateAndPostDocument without the checks of the actor
// and the type.
func (a *App) createAndPost(ctx context.Context, actor Actor, org ledger.Org, d doc.Document) (Document, ledger.Entry, error) {
	d.ID, d.Status, d.Entry, d.Year, d.Number = 0, doc.Draft, 0, 0, 0
	sd, err := toStore(Document{Document: d, Author: actor.Name})
	if err != nil {
		return Document{}, ledger.Entry{}, err
	}
	p, err := a.Store.BeginPost(ctx, org.ID, store.PostOptions{Now: a.Now})
	if err != nil {
		return Document{}, ledger.Entry{}, err
	}
	defer p.Rollback()
	if err := p.CreateDocument(&sd); err != nil {
		return Document{}, ledger.Entry{}, err
	}
	draft, err := fromStore(sd)
	if err != nil {
		return Document{}, ledger.Entry{}, err
	}
	created := a.auditEvent(actor, org.ID, ActDocCreate, draft.Ref())
	if err := p.AppendAudit(&created); err != nil {
		return Document{}, ledger.Entry{}, err
	}
	e, err := a.documentEntry(ctx, org, &draft, actor.Lang)
	if err != nil {
		return Document{}, ledger.Entry{}, err
	}
	e.Author = actor.Name
	if _, err := p.Post(&e); err != nil {
		return Document{}, ledger.Entry{}, err
	}
	draft.Status, draft.Entry = doc.Posted, e.Seq
	if sd, err = toStore(draft); err != nil {
		return Document{}, ledger.Entry{}, err
	}
	if err := p.SaveDocument(&sd); err != nil {
		return Document{}, ledger.Entry{}, err
	}
	posted := a.auditEvent(actor, org.ID, ActDocPost, fmt.Sprintf("%s entry %d/%d", draft.Ref(), e.Year, e.Number))
	if err := p.AppendAudit(&posted); err != nil {
		return Document{}, ledger.Entry{}, err
	}
	if err := p.Commit(); err != nil {
		return Document{}, ledger.Entry{}, err
	}
	out, err := fromStore(sd)
	return out, e, err
}
