-- Business documents (issue 4): drafts until posted, each numbered per
-- organisation, type and year without gaps. The store keeps the fields it
-- numbers, indexes and guards in columns, and the rest of the document as
-- the application's JSON (body). A document is never deleted (a draft no
-- longer wanted is cancelled, keeping its number); its type, year, number
-- and id never change; a posted document's content never changes, and it
-- leaves "posted" only back to "draft" (unposting), without its entry.
CREATE TABLE documents (
    org_id       INTEGER NOT NULL REFERENCES orgs (id),
    id           INTEGER NOT NULL CHECK (id > 0),
    type         TEXT    NOT NULL CHECK (length(type) BETWEEN 1 AND 40),
    year         INTEGER NOT NULL,
    number       INTEGER NOT NULL CHECK (number > 0),
    day          INTEGER NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('draft', 'posted', 'cancelled')),
    counterparty INTEGER NOT NULL DEFAULT 0,
    contract     INTEGER NOT NULL DEFAULT 0,
    entry_seq    INTEGER NOT NULL DEFAULT 0,
    based_on     INTEGER NOT NULL DEFAULT 0,
    body         TEXT    NOT NULL,
    version      INTEGER NOT NULL CHECK (version > 0),
    author       TEXT    NOT NULL,
    created_us   INTEGER NOT NULL,
    updated_us   INTEGER NOT NULL,
    PRIMARY KEY (org_id, id),
    CHECK ((status = 'posted') = (entry_seq > 0))
) WITHOUT ROWID;
CREATE UNIQUE INDEX documents_by_number ON documents (org_id, type, year, number);
CREATE INDEX documents_by_day ON documents (org_id, day, id);
CREATE INDEX documents_by_counterparty ON documents (org_id, counterparty, id);

-- The last number given per organisation, type and year.
CREATE TABLE document_numbers (
    org_id INTEGER NOT NULL REFERENCES orgs (id),
    type   TEXT    NOT NULL,
    year   INTEGER NOT NULL,
    last   INTEGER NOT NULL CHECK (last > 0),
    PRIMARY KEY (org_id, type, year)
) WITHOUT ROWID;

CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
BEGIN SELECT RAISE(ABORT, 'hasap: documents are never deleted; cancel a draft instead'); END;
CREATE TRIGGER documents_identity BEFORE UPDATE ON documents
WHEN NEW.org_id <> OLD.org_id OR NEW.id <> OLD.id OR NEW.type <> OLD.type OR NEW.year <> OLD.year
  OR NEW.number <> OLD.number OR NEW.author <> OLD.author OR NEW.created_us <> OLD.created_us
BEGIN SELECT RAISE(ABORT, 'hasap: a document keeps its type, year, number and id'); END;
CREATE TRIGGER documents_posted BEFORE UPDATE ON documents
WHEN OLD.status = 'posted' AND (NEW.body <> OLD.body OR NEW.day <> OLD.day
  OR NEW.counterparty <> OLD.counterparty OR NEW.contract <> OLD.contract OR NEW.based_on <> OLD.based_on
  OR NOT ((NEW.status = 'posted' AND NEW.entry_seq = OLD.entry_seq) OR (NEW.status = 'draft' AND NEW.entry_seq = 0)))
BEGIN SELECT RAISE(ABORT, 'hasap: a posted document is unposted before it changes'); END;
CREATE TRIGGER document_numbers_no_delete BEFORE DELETE ON document_numbers
BEGIN SELECT RAISE(ABORT, 'hasap: document numbers are never given back'); END;
CREATE TRIGGER document_numbers_forward BEFORE UPDATE ON document_numbers
WHEN NEW.last <> OLD.last + 1 OR NEW.org_id <> OLD.org_id OR NEW.type <> OLD.type OR NEW.year <> OLD.year
BEGIN SELECT RAISE(ABORT, 'hasap: document numbers only move one forward'); END;
