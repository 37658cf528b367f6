-- Documents created from others (issue 4): the documents based on one are
-- found by its id.
CREATE INDEX documents_by_based_on ON documents (org_id, based_on, id) WHERE based_on <> 0;

-- The client's idempotency key of a document's post or unpost (the API's
-- Idempotency-Key) and the request it was used for: the document, the
-- version posted or unposted and which of the two. The same key again for
-- the same request is a retry; for another one it is refused. Written in
-- the transaction that posts the entry, so a request that failed leaves no
-- key behind.
CREATE TABLE document_transition_keys (
    org_id      INTEGER NOT NULL REFERENCES orgs (id),
    client_key  TEXT    NOT NULL CHECK (length(client_key) BETWEEN 1 AND 200),
    document_id INTEGER NOT NULL CHECK (document_id > 0),
    version     INTEGER NOT NULL CHECK (version > 0),
    unpost      INTEGER NOT NULL CHECK (unpost IN (0, 1)),
    PRIMARY KEY (org_id, client_key)
) WITHOUT ROWID;
