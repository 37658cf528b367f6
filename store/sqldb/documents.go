package sqldb

import (
	"context"
	"database/sql"
	"fmt"

	"hasap/ledger"
	"hasap/store"
)

// Documents: see store.Documents. Numbers are given under the
// organisation's chain-head lock (beginLocked), so that two drafts of one
// organisation never take the same number and a rolled-back creation gives
// its number back with the rest of its transaction: no gaps.

const documentColumns = `id, type, status, year, number, day, counterparty, contract, entry_seq, based_on, body, version, author, created_us, updated_us, client_key`

func scanDocument(row interface{ Scan(...any) error }) (store.Document, error) {
	var d store.Document
	var day, cp, ct, created, updated int64
	var body string
	err := row.Scan(&d.ID, &d.Type, &d.Status, &d.Year, &d.Number, &day, &cp, &ct, &d.Entry, &d.BasedOn, &body, &d.Version, &d.Author, &created, &updated, &d.Key)
	if err != nil {
		return d, err
	}
	d.Date, d.Counterparty, d.Contract = ledger.Date(day), ledger.AnalyticID(cp), ledger.AnalyticID(ct)
	d.Body = []byte(body)
	d.Created, d.Updated = fromMicros(created), fromMicros(updated)
	return d, nil
}

// checkDocument checks what the store guards of a document about to be
// written.
func checkDocument(d *store.Document) error {
	switch {
	case d.Type == "" || len(d.Type) > 40:
		return ledger.Errorf(ledger.EInvalid, "document type %q is not valid", d.Type)
	case d.Date == ledger.NoDate:
		return ledger.Errorf(ledger.EInvalid, "a document needs a date")
	case len(d.Body) > store.MaxDocumentBody:
		return ledger.Errorf(ledger.EInvalid, "the document is larger than %d bytes", store.MaxDocumentBody)
	}
	if len(d.Key) > 200 {
		return ledger.Errorf(ledger.EInvalid, "the key of a document is longer than %d bytes", 200)
	}
	return checkText(ledger.MaxTextLen, d.Author)
}

// CreateDocument implements store.Documents.
func (db *DB) CreateDocument(ctx context.Context, org ledger.OrgID, d *store.Document) error {
	if err := checkDocument(d); err != nil {
		return err
	}
	if d.Status != store.DocDraft && d.Status != store.DocCancelled {
		return ledger.Errorf(ledger.EInvalid, "a new document is a draft, not %q", d.Status)
	}
	tx, err := db.beginLocked(ctx, org)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	nd := *d
	if err := db.createDocument(ctx, tx, org, &nd); err != nil {
		return err
	}
	if !nd.Replayed {
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	*d = nd
	return nil
}

// CreateDocument implements store.Poster: the draft is numbered and
// written in the posting transaction, which holds the organisation's lock
// already.
func (p *poster) CreateDocument(d *store.Document) error {
	if err := checkDocument(d); err != nil {
		return err
	}
	if d.Status != store.DocDraft {
		return ledger.Errorf(ledger.EInvalid, "a new document is a draft, not %q", d.Status)
	}
	if d.Key != "" {
		return ledger.Errorf(ledger.EInvalid, "a document created in a posting transaction takes no client key")
	}
	if err := p.w.sync(); err != nil {
		return err
	}
	return p.db.createDocument(p.ctx, p.tx, p.org.ID, d)
}

// createDocument numbers d and writes it in tx, which holds the
// organisation's lock; with a client key used before it fills d with that
// document and sets Replayed.
func (db *DB) createDocument(ctx context.Context, tx *sql.Tx, org ledger.OrgID, d *store.Document) error {
	if d.Key != "" {
		old, err := scanDocument(tx.QueryRowContext(ctx, db.q(`SELECT `+documentColumns+` FROM documents WHERE org_id = ? AND client_key = ?`), org, d.Key))
		switch {
		case err == nil:
			if old.Type != d.Type || old.Date != d.Date || old.Counterparty != d.Counterparty || old.Contract != d.Contract ||
				old.BasedOn != d.BasedOn || string(old.Body) != string(d.Body) {
				return ledger.Errorf(ledger.EConflict, "the key %q was already used for a different document", d.Key)
			}
			old.Replayed = true
			*d = old
			return nil
		case err != sql.ErrNoRows:
			return err
		}
	}
	year := d.Date.Year()
	var last int64
	err := tx.QueryRowContext(ctx, db.q(`SELECT last FROM document_numbers WHERE org_id = ? AND type = ? AND year = ?`), org, d.Type, year).Scan(&last)
	switch {
	case err == sql.ErrNoRows:
		_, err = tx.ExecContext(ctx, db.q(`INSERT INTO document_numbers (org_id, type, year, last) VALUES (?, ?, ?, 1)`), org, d.Type, year)
	case err == nil:
		_, err = tx.ExecContext(ctx, db.q(`UPDATE document_numbers SET last = last + 1 WHERE org_id = ? AND type = ? AND year = ?`), org, d.Type, year)
	}
	if err != nil {
		return fmt.Errorf("number a document: %w", err)
	}
	var id int64
	if err := tx.QueryRowContext(ctx, db.q(`SELECT COALESCE(max(id), 0) FROM documents WHERE org_id = ?`), org).Scan(&id); err != nil {
		return err
	}
	now := nowMicro()
	nd := *d
	nd.ID, nd.Year, nd.Number, nd.Entry, nd.Version, nd.Created, nd.Updated = id+1, year, last+1, 0, 1, now, now
	_, err = tx.ExecContext(ctx, db.q(`INSERT INTO documents (org_id, `+documentColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		org, nd.ID, nd.Type, nd.Status, nd.Year, nd.Number, int64(nd.Date), int64(nd.Counterparty), int64(nd.Contract), 0, nd.BasedOn,
		string(nd.Body), nd.Version, nd.Author, micros(now), micros(now), nd.Key)
	if err != nil {
		return fmt.Errorf("create document: %w", err)
	}
	*d = nd
	return nil
}

// Document implements store.Documents.
func (db *DB) Document(ctx context.Context, org ledger.OrgID, id int64) (store.Document, error) {
	d, err := scanDocument(db.r.QueryRowContext(ctx, db.q(`SELECT `+documentColumns+` FROM documents WHERE org_id = ? AND id = ?`), org, id))
	return d, notFound(err, "document %d does not exist", id)
}

// DocumentByNumber implements store.Documents.
func (db *DB) DocumentByNumber(ctx context.Context, org ledger.OrgID, typ string, year int, number int64) (store.Document, error) {
	d, err := scanDocument(db.r.QueryRowContext(ctx, db.q(`SELECT `+documentColumns+` FROM documents
		WHERE org_id = ? AND type = ? AND year = ? AND number = ?`), org, typ, year, number))
	return d, notFound(err, "document %s %d/%d does not exist", typ, year, number)
}

// SaveDocument implements store.Documents.
func (db *DB) SaveDocument(ctx context.Context, org ledger.OrgID, d *store.Document) error {
	if d.Status != store.DocDraft && d.Status != store.DocCancelled {
		return ledger.Errorf(ledger.EInvalid, "a document is posted and unposted with its entry, not saved as %q", d.Status)
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := db.saveDocument(ctx, tx, org, d, false); err != nil {
		return err
	}
	return tx.Commit()
}

// saveDocument writes d over the stored document of the same id and
// version. Unless withEntry (a posting transaction), the stored document
// must not be posted: it is unposted with its reversal.
func (db *DB) saveDocument(ctx context.Context, tx querier, org ledger.OrgID, d *store.Document, withEntry bool) error {
	if err := checkDocument(d); err != nil {
		return err
	}
	old, err := scanDocument(tx.QueryRowContext(ctx, db.q(`SELECT `+documentColumns+` FROM documents WHERE org_id = ? AND id = ?`), org, d.ID))
	if err != nil {
		return notFound(err, "document %d does not exist", d.ID)
	}
	if old.Version != d.Version {
		return ledger.Errorf(ledger.EConflict, "document %d was changed by someone else meanwhile; open it again", d.ID)
	}
	switch {
	case d.Type != old.Type || d.Number != old.Number || d.Year != old.Year:
		return ledger.Errorf(ledger.EInvalid, "a document keeps its type, year and number")
	case d.Date.Year() != old.Year:
		return ledger.Errorf(ledger.EInvalid, "the date %s is not in the document's year %d", d.Date, old.Year)
	case !withEntry && old.Status == store.DocPosted:
		return ledger.Errorf(ledger.EConflict, "document %d is posted: unpost it before changing it", d.ID)
	case (d.Status == store.DocPosted) != (d.Entry > 0):
		return ledger.Errorf(ledger.EInvalid, "a posted document names its entry, and only a posted one")
	}
	now := nowMicro()
	res, err := tx.ExecContext(ctx, db.q(`UPDATE documents SET status = ?, day = ?, counterparty = ?, contract = ?, entry_seq = ?,
		based_on = ?, body = ?, version = version + 1, updated_us = ? WHERE org_id = ? AND id = ? AND version = ?`),
		d.Status, int64(d.Date), int64(d.Counterparty), int64(d.Contract), d.Entry, d.BasedOn, string(d.Body), micros(now), org, d.ID, d.Version)
	if err := affected(res, err, "document %d was changed by someone else meanwhile; open it again", d.ID); err != nil {
		if ledger.IsCode(err, ledger.ENotFound) {
			return ledger.Errorf(ledger.EConflict, "document %d was changed by someone else meanwhile; open it again", d.ID)
		}
		return err
	}
	d.Version, d.Updated, d.Author, d.Created = d.Version+1, now, old.Author, old.Created
	return nil
}

// SaveDocument saves a document in the posting transaction: the entry
// posted for it (or its reversal) and the document commit together.
func (p *poster) SaveDocument(d *store.Document) error {
	if err := p.w.sync(); err != nil {
		return err
	}
	if d.Status == store.DocPosted && (d.Entry <= 0 || d.Entry > p.seq) {
		return ledger.Errorf(ledger.EInvalid, "document %d names entry %d, which is not posted", d.ID, d.Entry)
	}
	if d.TransitionKey != "" {
		if err := p.db.keepTransitionKey(p.ctx, p.tx, p.org.ID, d); err != nil {
			return err
		}
	}
	return p.db.saveDocument(p.ctx, p.tx, p.org.ID, d, true)
}

// keepTransitionKey keeps d.TransitionKey with the post or unpost of d at
// its version, refusing a key already kept for another request. The
// posting transaction holds the organisation's lock, so two requests with
// one key cannot both find it free.
func (db *DB) keepTransitionKey(ctx context.Context, tx querier, org ledger.OrgID, d *store.Document) error {
	if len(d.TransitionKey) > 200 {
		return ledger.Errorf(ledger.EInvalid, "the key of a document is longer than %d bytes", 200)
	}
	want := store.TransitionKey{Document: d.ID, Version: d.Version, Unpost: d.Status == store.DocDraft}
	old, err := db.transitionKey(ctx, tx, org, d.TransitionKey)
	switch {
	case err == nil && old == want:
		return ledger.Errorf(ledger.EConflict, "document %d was changed by someone else meanwhile; open it again", d.ID)
	case err == nil:
		return ledger.Errorf(ledger.EConflict, "the key %q was already used for a different request", d.TransitionKey)
	case !ledger.IsCode(err, ledger.ENotFound):
		return err
	}
	unpost := 0
	if want.Unpost {
		unpost = 1
	}
	_, err = tx.ExecContext(ctx, db.q(`INSERT INTO document_transition_keys (org_id, client_key, document_id, version, unpost) VALUES (?, ?, ?, ?, ?)`),
		org, d.TransitionKey, d.ID, d.Version, unpost)
	return err
}

func (db *DB) transitionKey(ctx context.Context, q querier, org ledger.OrgID, key string) (store.TransitionKey, error) {
	var k store.TransitionKey
	var unpost int64
	err := q.QueryRowContext(ctx, db.q(`SELECT document_id, version, unpost FROM document_transition_keys WHERE org_id = ? AND client_key = ?`), org, key).
		Scan(&k.Document, &k.Version, &unpost)
	k.Unpost = unpost == 1
	return k, notFound(err, "the key %q was not used", key)
}

// DocumentTransitionKey implements store.Documents.
func (db *DB) DocumentTransitionKey(ctx context.Context, org ledger.OrgID, key string) (store.TransitionKey, error) {
	return db.transitionKey(ctx, db.r, org, key)
}

// ListDocuments implements store.Documents.
func (db *DB) ListDocuments(ctx context.Context, org ledger.OrgID, f store.DocumentFilter) ([]store.Document, error) {
	limit := clampLimit(f.Limit, store.DefaultDocumentLimit, store.MaxDocumentLimit)
	var w where
	w.add("org_id = ?", int64(org))
	if f.Type != "" {
		w.add("type = ?", f.Type)
	}
	if f.Status != "" {
		w.add("status = ?", f.Status)
	}
	if f.From != ledger.NoDate {
		w.add("day >= ?", int64(f.From))
	}
	if f.To != ledger.NoDate {
		w.add("day <= ?", int64(f.To))
	}
	if f.Counterparty != 0 {
		w.add("counterparty = ?", int64(f.Counterparty))
	}
	if f.BasedOn != 0 {
		w.add("based_on = ?", f.BasedOn)
	}
	if f.BeforeID > 0 {
		w.add("id < ?", f.BeforeID)
	}
	rows, err := db.r.QueryContext(ctx, db.q(`SELECT `+documentColumns+` FROM documents WHERE `+w.sql()+` ORDER BY id DESC LIMIT ?`), append(w.args, limit)...)
	if err != nil {
		return nil, err
	}
	var out []store.Document
	err = eachRow(rows, func() error {
		d, err := scanDocument(rows)
		out = append(out, d)
		return err
	})
	return out, err
}
