package app

import (
	"context"
	"fmt"

	"hasap/auth"
	"hasap/i18n"
	"hasap/ledger"
	"hasap/store"
)

// Post posts one entry for the actor and returns it as stored. With an
// idempotency key already used for the same entry it returns the first
// result and posts nothing.
func (a *App) Post(ctx context.Context, actor Actor, orgCode string, e ledger.Entry) (ledger.Entry, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.PostEntries)
	if err != nil {
		return ledger.Entry{}, err
	}
	posted, _, err := a.post(ctx, actor, org.ID, e, ActPost, func(p ledger.Entry) string {
		return fmt.Sprintf("entry %d/%d", p.Year, p.Number)
	})
	return posted, err
}

// post posts one entry and, unless it is an idempotent replay, its audit
// event (action, detail of the posted entry) in the same transaction.
func (a *App) post(ctx context.Context, actor Actor, org ledger.OrgID, e ledger.Entry, action string, detail func(ledger.Entry) string) (ledger.Entry, bool, error) {
	e.Author = actor.Name
	p, err := a.Store.BeginPost(ctx, org, store.PostOptions{Now: a.Now})
	if err != nil {
		return ledger.Entry{}, false, err
	}
	defer p.Rollback()
	replay, err := p.Post(&e)
	if err != nil {
		return ledger.Entry{}, false, err
	}
	if !replay {
		ev := a.auditEvent(actor, org, action, detail(e))
		if err := p.AppendAudit(&ev); err != nil {
			return ledger.Entry{}, false, err
		}
	}
	if err := p.Commit(); err != nil {
		return ledger.Entry{}, false, err
	}
	return e, replay, nil
}

// Reverse posts the reversal (storno false: debit and credit swapped) or the
// red storno (storno true: the same correspondence with negated amounts) of
// the entry year/number, dated date. An entry is reversed at most once: the
// same request again returns the first reversal, another one is refused.
func (a *App) Reverse(ctx context.Context, actor Actor, orgCode string, year int, number int64, date ledger.Date, storno bool) (ledger.Entry, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.PostEntries)
	if err != nil {
		return ledger.Entry{}, err
	}
	orig, err := a.Store.EntryByNumber(ctx, org.ID, year, number)
	if err != nil {
		return ledger.Entry{}, err
	}
	r, err := orig.Reversal(date, storno)
	if err != nil {
		return ledger.Entry{}, err
	}
	// The description stays in the books as written: in the language of
	// the person who reverses.
	desc := i18n.Sprintf(actor.Lang, "Reversal of entry %d/%d: %s", orig.Year, orig.Number, orig.Description)
	if storno {
		desc = i18n.Sprintf(actor.Lang, "Storno of entry %d/%d: %s", orig.Year, orig.Number, orig.Description)
	}
	r.Description = ledger.TruncateText(desc, ledger.MaxTextLen)
	r.IdemKey = fmt.Sprintf("hasap:reversal-of:%d", orig.Seq)
	action := ActReverse
	if storno {
		action = ActStorno
	}
	posted, _, err := a.post(ctx, actor, org.ID, r, action, func(p ledger.Entry) string {
		return fmt.Sprintf("entry %d/%d reverses %d/%d", p.Year, p.Number, year, number)
	})
	if ledger.IsCode(err, ledger.EConflict) {
		return ledger.Entry{}, ledger.Errorf(ledger.EConflict, "entry %d/%d was already reversed", year, number)
	}
	return posted, err
}
