-- Year totals and account months (issue 5, BENCHMARKS.md section 5,
-- findings R3 and R1): the monthly totals summed two other ways, kept by
-- the poster in the posting transaction beside them (single posts and bulk
-- imports alike) and recomputed by `hasap verify`.
--
-- year_totals: a totals key's turnover per calendar year, so that an
-- opening balance with analytics reads one row a key and year plus the
-- months of its own year, not every month since the books began. A key
-- has a row for a year exactly when it has a monthly row in that year.
CREATE TABLE year_totals (
    org_id     INTEGER NOT NULL,
    account    TEXT    NOT NULL,
    a1         INTEGER NOT NULL,
    a2         INTEGER NOT NULL,
    a3         INTEGER NOT NULL,
    currency   TEXT    NOT NULL,
    year       INTEGER NOT NULL,
    debit      INTEGER NOT NULL,
    credit     INTEGER NOT NULL,
    debit_cur  INTEGER NOT NULL,
    credit_cur INTEGER NOT NULL,
    debit_qty  INTEGER NOT NULL,
    credit_qty INTEGER NOT NULL,
    PRIMARY KEY (org_id, account, a1, a2, a3, currency, year)
) WITHOUT ROWID;

-- account_months: an account's turnover per currency and month over all
-- its analytics: the per-account month figures every trial balance starts
-- from (store/sqldb/months.go), a few thousand rows where the totals have
-- hundreds of thousands.
CREATE TABLE account_months (
    org_id     INTEGER NOT NULL,
    account    TEXT    NOT NULL,
    currency   TEXT    NOT NULL,
    month      INTEGER NOT NULL,
    debit      INTEGER NOT NULL,
    credit     INTEGER NOT NULL,
    debit_cur  INTEGER NOT NULL,
    credit_cur INTEGER NOT NULL,
    debit_qty  INTEGER NOT NULL,
    credit_qty INTEGER NOT NULL,
    PRIMARY KEY (org_id, month, account, currency)
) WITHOUT ROWID;

-- As for totals (0002): SQLite turns an integer sum past the int64 range
-- into a REAL; refuse it, as PostgreSQL's BIGINT arithmetic does.
CREATE TRIGGER year_totals_in_range BEFORE UPDATE ON year_totals
WHEN typeof(NEW.debit) <> 'integer' OR typeof(NEW.credit) <> 'integer'
  OR typeof(NEW.debit_cur) <> 'integer' OR typeof(NEW.credit_cur) <> 'integer'
  OR typeof(NEW.debit_qty) <> 'integer' OR typeof(NEW.credit_qty) <> 'integer'
BEGIN SELECT RAISE(ABORT, 'hasap: year totals out of the int64 range'); END;
CREATE TRIGGER account_months_in_range BEFORE UPDATE ON account_months
WHEN typeof(NEW.debit) <> 'integer' OR typeof(NEW.credit) <> 'integer'
  OR typeof(NEW.debit_cur) <> 'integer' OR typeof(NEW.credit_cur) <> 'integer'
  OR typeof(NEW.debit_qty) <> 'integer' OR typeof(NEW.credit_qty) <> 'integer'
BEGIN SELECT RAISE(ABORT, 'hasap: account month totals out of the int64 range'); END;

-- The books posted before this migration, from their monthly totals.
-- (SQLite's sum() fails on an integer overflow instead of wrapping.)
INSERT INTO year_totals (org_id, account, a1, a2, a3, currency, year, debit, credit, debit_cur, credit_cur, debit_qty, credit_qty)
SELECT org_id, account, a1, a2, a3, currency, month / 100,
       sum(debit), sum(credit), sum(debit_cur), sum(credit_cur), sum(debit_qty), sum(credit_qty)
FROM totals
GROUP BY org_id, account, a1, a2, a3, currency, month / 100;

INSERT INTO account_months (org_id, account, currency, month, debit, credit, debit_cur, credit_cur, debit_qty, credit_qty)
SELECT org_id, account, currency, month,
       sum(debit), sum(credit), sum(debit_cur), sum(credit_cur), sum(debit_qty), sum(credit_qty)
FROM totals
GROUP BY org_id, month, account, currency;
