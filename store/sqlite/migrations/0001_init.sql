-- Hasap schema v1 for SQLite. Every key starts with org_id.
-- Money, currency amounts and quantities are INTEGER minor units (int64).
-- Dates are INTEGER days since 1970-01-01; months are INTEGER YYYYMM.

CREATE TABLE orgs (
    id            INTEGER PRIMARY KEY,
    code          TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    currency      TEXT    NOT NULL,
    chart         TEXT    NOT NULL,
    lock_date     INTEGER,
    next_analytic INTEGER NOT NULL DEFAULT 1,
    chart_version INTEGER NOT NULL DEFAULT 0,
    created_us    INTEGER NOT NULL
);

CREATE TABLE accounts (
    org_id      INTEGER NOT NULL REFERENCES orgs (id),
    code        TEXT    NOT NULL,
    parent      TEXT    NOT NULL DEFAULT '',
    name_tk     TEXT    NOT NULL DEFAULT '',
    name_ru     TEXT    NOT NULL DEFAULT '',
    name_en     TEXT    NOT NULL DEFAULT '',
    kind        TEXT    NOT NULL CHECK (kind IN ('A', 'P', 'AP')),
    class       TEXT    NOT NULL,
    is_currency INTEGER NOT NULL DEFAULT 0,
    is_quantity INTEGER NOT NULL DEFAULT 0,
    is_group    INTEGER NOT NULL DEFAULT 0,
    inactive    INTEGER NOT NULL DEFAULT 0,
    analytics   TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (org_id, code)
) WITHOUT ROWID;

CREATE TABLE analytics (
    org_id  INTEGER NOT NULL REFERENCES orgs (id),
    id      INTEGER NOT NULL,
    kind    TEXT    NOT NULL,
    code    TEXT    NOT NULL,
    name_tk TEXT    NOT NULL DEFAULT '',
    name_ru TEXT    NOT NULL DEFAULT '',
    name_en TEXT    NOT NULL DEFAULT '',
    owner   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, kind, code)
) WITHOUT ROWID;

CREATE TABLE rates (
    org_id   INTEGER NOT NULL REFERENCES orgs (id),
    currency TEXT    NOT NULL,
    day      INTEGER NOT NULL,
    rate     TEXT    NOT NULL,
    PRIMARY KEY (org_id, currency, day)
) WITHOUT ROWID;

-- The recorded head of each organisation's hash chain. Posting locks it.
CREATE TABLE chain_heads (
    org_id INTEGER PRIMARY KEY REFERENCES orgs (id),
    seq    INTEGER NOT NULL,
    hash   BLOB    NOT NULL
);

CREATE TABLE year_numbers (
    org_id      INTEGER NOT NULL REFERENCES orgs (id),
    year        INTEGER NOT NULL,
    last_number INTEGER NOT NULL,
    PRIMARY KEY (org_id, year)
) WITHOUT ROWID;

CREATE TABLE entries (
    org_id      INTEGER NOT NULL REFERENCES orgs (id),
    seq         INTEGER NOT NULL,
    year        INTEGER NOT NULL,
    number      INTEGER NOT NULL,
    day         INTEGER NOT NULL,
    description TEXT    NOT NULL,
    document    TEXT    NOT NULL,
    author      TEXT    NOT NULL,
    posted_us   INTEGER NOT NULL,
    idem_key    TEXT    NOT NULL,
    reverses    INTEGER NOT NULL,
    prev_hash   BLOB    NOT NULL,
    hash        BLOB    NOT NULL,
    PRIMARY KEY (org_id, seq)
) WITHOUT ROWID;

CREATE UNIQUE INDEX entries_by_number ON entries (org_id, year, number);

CREATE TABLE postings (
    org_id        INTEGER NOT NULL,
    seq           INTEGER NOT NULL,
    line          INTEGER NOT NULL,
    day           INTEGER NOT NULL,
    dt_account    TEXT    NOT NULL,
    kt_account    TEXT    NOT NULL,
    amount        INTEGER NOT NULL,
    -- analytics ids of each side, "12" or "12,7,3"; NULL when none
    dt_analytics  TEXT,
    kt_analytics  TEXT,
    -- currency amounts and quantities, "dc=USD;da=10000;kq=1500"; NULL when none
    detail        TEXT,
    PRIMARY KEY (org_id, seq, line),
    FOREIGN KEY (org_id, seq) REFERENCES entries (org_id, seq) DEFERRABLE INITIALLY DEFERRED
) WITHOUT ROWID;

CREATE TABLE idem_keys (
    org_id INTEGER NOT NULL,
    key    TEXT    NOT NULL,
    digest BLOB    NOT NULL,
    seq    INTEGER NOT NULL,
    PRIMARY KEY (org_id, key),
    FOREIGN KEY (org_id, seq) REFERENCES entries (org_id, seq) DEFERRABLE INITIALLY DEFERRED
) WITHOUT ROWID;

-- Monthly totals per account, analytics and currency ('' = base only).
CREATE TABLE totals (
    org_id     INTEGER NOT NULL,
    account    TEXT    NOT NULL,
    a1         INTEGER NOT NULL,
    a2         INTEGER NOT NULL,
    a3         INTEGER NOT NULL,
    currency   TEXT    NOT NULL,
    month      INTEGER NOT NULL,
    debit      INTEGER NOT NULL,
    credit     INTEGER NOT NULL,
    debit_cur  INTEGER NOT NULL,
    credit_cur INTEGER NOT NULL,
    debit_qty  INTEGER NOT NULL,
    credit_qty INTEGER NOT NULL,
    PRIMARY KEY (org_id, account, a1, a2, a3, currency, month)
) WITHOUT ROWID;

CREATE INDEX totals_by_month ON totals (org_id, month);

-- Daily totals per account and currency, so a period can end mid-month:
-- one row a month, its days packed as "DAY:Dt,Kt,DtCur,KtCur,DtQty,KtQty;..."
-- (trailing zeros dropped; see store/sqldb/days.go).
CREATE TABLE day_totals (
    org_id   INTEGER NOT NULL,
    account  TEXT    NOT NULL,
    currency TEXT    NOT NULL,
    month    INTEGER NOT NULL,
    days     TEXT    NOT NULL,
    PRIMARY KEY (org_id, month, account, currency)
) WITHOUT ROWID;

-- Posted means immutable: the database itself refuses to change history.
CREATE TRIGGER entries_immutable_update BEFORE UPDATE ON entries
BEGIN SELECT RAISE(ABORT, 'hasap: posted entries are immutable'); END;
CREATE TRIGGER entries_immutable_delete BEFORE DELETE ON entries
BEGIN SELECT RAISE(ABORT, 'hasap: posted entries are immutable'); END;
CREATE TRIGGER postings_immutable_update BEFORE UPDATE ON postings
BEGIN SELECT RAISE(ABORT, 'hasap: postings are immutable'); END;
CREATE TRIGGER postings_immutable_delete BEFORE DELETE ON postings
BEGIN SELECT RAISE(ABORT, 'hasap: postings are immutable'); END;
CREATE TRIGGER idem_keys_immutable_update BEFORE UPDATE ON idem_keys
BEGIN SELECT RAISE(ABORT, 'hasap: idempotency keys are immutable'); END;
CREATE TRIGGER idem_keys_immutable_delete BEFORE DELETE ON idem_keys
BEGIN SELECT RAISE(ABORT, 'hasap: idempotency keys are immutable'); END;
