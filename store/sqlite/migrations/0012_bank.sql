-- Bank statements (issue 4). bank_mappings: an organisation's saved column
-- mappings of banks' CSV exports (interop/bankcsv.Mapping as JSON), named
-- per bank and editable. bank_statements: each statement imported, with
-- its account, period, balances, its lines (JSON) and the hash of the file
-- it came from, so that the same file is not imported twice (one file may
-- hold several statements: part is its place in the file). An imported
-- statement never changes and is never deleted. bank_statement_lines: the
-- document made from a statement's line, at most one per line, for ever.
-- bank_party_accounts: the bank accounts counterparties paid from or were
-- paid to, learnt when statement lines are confirmed.
CREATE TABLE bank_mappings (
    org_id     INTEGER NOT NULL REFERENCES orgs (id),
    id         INTEGER NOT NULL CHECK (id > 0),
    name       TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    body       TEXT    NOT NULL,
    version    INTEGER NOT NULL CHECK (version > 0),
    updated_us INTEGER NOT NULL,
    PRIMARY KEY (org_id, id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX bank_mappings_by_name ON bank_mappings (org_id, name);

CREATE TABLE bank_statements (
    org_id      INTEGER NOT NULL REFERENCES orgs (id),
    id          INTEGER NOT NULL CHECK (id > 0),
    format      TEXT    NOT NULL CHECK (format IN ('mt940', 'camt053', 'csv')),
    file_hash   TEXT    NOT NULL CHECK (length(file_hash) = 64),
    part        INTEGER NOT NULL CHECK (part >= 1),
    bank_id     TEXT    NOT NULL,
    account     TEXT    NOT NULL,
    currency    TEXT    NOT NULL CHECK (length(currency) = 3),
    from_day    INTEGER NOT NULL,
    to_day      INTEGER NOT NULL,
    opening     INTEGER NOT NULL,
    closing     INTEGER NOT NULL,
    has_opening INTEGER NOT NULL CHECK (has_opening IN (0, 1)),
    has_closing INTEGER NOT NULL CHECK (has_closing IN (0, 1)),
    lines       INTEGER NOT NULL CHECK (lines >= 0),
    body        TEXT    NOT NULL,
    author      TEXT    NOT NULL,
    created_us  INTEGER NOT NULL,
    PRIMARY KEY (org_id, id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX bank_statements_by_file ON bank_statements (org_id, file_hash, part);

CREATE TABLE bank_statement_lines (
    org_id       INTEGER NOT NULL REFERENCES orgs (id),
    statement_id INTEGER NOT NULL,
    line         INTEGER NOT NULL CHECK (line >= 1),
    document_id  INTEGER NOT NULL CHECK (document_id > 0),
    created_us   INTEGER NOT NULL,
    PRIMARY KEY (org_id, statement_id, line),
    FOREIGN KEY (org_id, statement_id) REFERENCES bank_statements (org_id, id),
    FOREIGN KEY (org_id, document_id) REFERENCES documents (org_id, id)
) WITHOUT ROWID;

CREATE TABLE bank_party_accounts (
    org_id       INTEGER NOT NULL REFERENCES orgs (id),
    account      TEXT    NOT NULL CHECK (length(account) BETWEEN 1 AND 100),
    counterparty INTEGER NOT NULL CHECK (counterparty > 0),
    PRIMARY KEY (org_id, account)
) WITHOUT ROWID;

CREATE TRIGGER bank_statements_no_update BEFORE UPDATE ON bank_statements
BEGIN SELECT RAISE(ABORT, 'hasap: an imported statement never changes'); END;
CREATE TRIGGER bank_statements_no_delete BEFORE DELETE ON bank_statements
BEGIN SELECT RAISE(ABORT, 'hasap: an imported statement is never deleted'); END;
CREATE TRIGGER bank_statement_lines_no_update BEFORE UPDATE ON bank_statement_lines
BEGIN SELECT RAISE(ABORT, 'hasap: a statement line keeps the document made from it'); END;
CREATE TRIGGER bank_statement_lines_no_delete BEFORE DELETE ON bank_statement_lines
BEGIN SELECT RAISE(ABORT, 'hasap: a statement line keeps the document made from it'); END;
