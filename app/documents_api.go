package app

import (
	"context"
	"fmt"

	"hasap/auth"
	"hasap/ledger"
	"hasap/store"
)

// DocumentTransitionEntry returns the entry that posting (unpost false) or
// unposting (unpost true) the document id at version version posted, and
// ENotFound when that transition never happened. The JSON API answers a
// retried post or unpost with it: the idempotency key of that entry is the
// one PostDocument and UnpostDocument give it (document id and version),
// so a transition is found whatever client key asked for it.
func (a *App) DocumentTransitionEntry(ctx context.Context, actor Actor, orgCode string, id, version int64, unpost bool) (ledger.Entry, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return ledger.Entry{}, err
	}
	sd, err := a.Store.Document(ctx, org.ID, id)
	if err != nil {
		return ledger.Entry{}, err
	}
	d, err := fromStore(sd)
	if err != nil {
		return ledger.Entry{}, err
	}
	key := documentEntryKey(id, version, unpost)
	es, err := a.Store.ListEntries(ctx, org.ID, store.EntryFilter{From: ledger.NoDate, To: ledger.NoDate, Text: d.Ref(), Limit: store.MaxEntryLimit})
	if err != nil {
		return ledger.Entry{}, err
	}
	for _, e := range es {
		if e.IdemKey == key {
			return e, nil
		}
	}
	return ledger.Entry{}, ledger.Errorf(ledger.ENotFound, "document %d of version %d was not posted or unposted", id, version)
}

// DocumentTransitionKey returns what the client's key of a post or
// unpost (PostDocumentOnce, UnpostDocumentOnce) was used for: the
// document, its version and which transition. ENotFound when the key was
// never used in the organisation.
func (a *App) DocumentTransitionKey(ctx context.Context, actor Actor, orgCode, key string) (store.TransitionKey, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return store.TransitionKey{}, err
	}
	return a.Store.DocumentTransitionKey(ctx, org.ID, key)
}

// documentEntryKey is the idempotency key of the entry of a document's
// transition, which PostDocument and UnpostDocument give it: a post or
// unpost of one version of a document happens at most once.
func documentEntryKey(id, version int64, unpost bool) string {
	k := fmt.Sprintf("hasap:document:%d:v%d", id, version)
	if unpost {
		k += ":unpost"
	}
	return k
}
