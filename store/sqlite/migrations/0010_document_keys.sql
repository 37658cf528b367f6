-- The client's idempotency key of a document's creation (a form's hidden
-- key, the API's Idempotency-Key): the same key again finds the document
-- it made instead of making a second one. '' for none.
ALTER TABLE documents ADD COLUMN client_key TEXT NOT NULL DEFAULT '' CHECK (length(client_key) <= 200);
CREATE UNIQUE INDEX documents_by_key ON documents (org_id, client_key) WHERE client_key <> '';
