-- Business documents (issue 4): drafts until posted, each numbered per
-- organisation, type and year without gaps. The store keeps the fields it
-- numbers, indexes and guards in columns, and the rest of the document as
-- the application's JSON (body). A document is never deleted (a draft no
-- longer wanted is cancelled, keeping its number); its type, year, number
-- and id never change; a posted document's content never changes, and it
-- leaves "posted" only back to "draft" (unposting), without its entry.
CREATE TABLE documents (
    org_id       BIGINT NOT NULL REFERENCES orgs (id),
    id           BIGINT NOT NULL CHECK (id > 0),
    type         TEXT   NOT NULL CHECK (length(type) BETWEEN 1 AND 40),
    year         BIGINT NOT NULL,
    number       BIGINT NOT NULL CHECK (number > 0),
    day          BIGINT NOT NULL,
    status       TEXT   NOT NULL CHECK (status IN ('draft', 'posted', 'cancelled')),
    counterparty BIGINT NOT NULL DEFAULT 0,
    contract     BIGINT NOT NULL DEFAULT 0,
    entry_seq    BIGINT NOT NULL DEFAULT 0,
    based_on     BIGINT NOT NULL DEFAULT 0,
    body         TEXT   NOT NULL,
    version      BIGINT NOT NULL CHECK (version > 0),
    author       TEXT   NOT NULL,
    created_us   BIGINT NOT NULL,
    updated_us   BIGINT NOT NULL,
    PRIMARY KEY (org_id, id),
    CHECK ((status = 'posted') = (entry_seq > 0))
);
CREATE UNIQUE INDEX documents_by_number ON documents (org_id, type, year, number);
CREATE INDEX documents_by_day ON documents (org_id, day, id);
CREATE INDEX documents_by_counterparty ON documents (org_id, counterparty, id);

-- The last number given per organisation, type and year.
CREATE TABLE document_numbers (
    org_id BIGINT NOT NULL REFERENCES orgs (id),
    type   TEXT   NOT NULL,
    year   BIGINT NOT NULL,
    last   BIGINT NOT NULL CHECK (last > 0),
    PRIMARY KEY (org_id, type, year)
);

CREATE FUNCTION hasap_documents_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'hasap: documents are never deleted; cancel a draft instead' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW.org_id <> OLD.org_id OR NEW.id <> OLD.id OR NEW.type <> OLD.type OR NEW.year <> OLD.year
        OR NEW.number <> OLD.number OR NEW.author <> OLD.author OR NEW.created_us <> OLD.created_us THEN
        RAISE EXCEPTION 'hasap: a document keeps its type, year, number and id' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF OLD.status = 'posted' AND (NEW.body <> OLD.body OR NEW.day <> OLD.day
        OR NEW.counterparty <> OLD.counterparty OR NEW.contract <> OLD.contract OR NEW.based_on <> OLD.based_on
        OR NOT ((NEW.status = 'posted' AND NEW.entry_seq = OLD.entry_seq) OR (NEW.status = 'draft' AND NEW.entry_seq = 0))) THEN
        RAISE EXCEPTION 'hasap: a posted document is unposted before it changes' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER documents_guard BEFORE UPDATE OR DELETE ON documents
    FOR EACH ROW EXECUTE FUNCTION hasap_documents_guard();
CREATE TRIGGER documents_no_truncate BEFORE TRUNCATE ON documents
    FOR EACH STATEMENT EXECUTE FUNCTION hasap_immutable();

CREATE FUNCTION hasap_document_numbers_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'hasap: document numbers are never given back' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW.last <> OLD.last + 1 OR NEW.org_id <> OLD.org_id OR NEW.type <> OLD.type OR NEW.year <> OLD.year THEN
        RAISE EXCEPTION 'hasap: document numbers only move one forward' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER document_numbers_guard BEFORE UPDATE OR DELETE ON document_numbers
    FOR EACH ROW EXECUTE FUNCTION hasap_document_numbers_guard();
CREATE TRIGGER document_numbers_no_truncate BEFORE TRUNCATE ON document_numbers
    FOR EACH STATEMENT EXECUTE FUNCTION hasap_immutable();
