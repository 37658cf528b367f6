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
    org_id     BIGINT  NOT NULL,
    account    TEXT    NOT NULL,
    a1         BIGINT  NOT NULL,
    a2         BIGINT  NOT NULL,
    a3         BIGINT  NOT NULL,
    currency   TEXT    NOT NULL,
    year       BIGINT  NOT NULL,
    debit      BIGINT  NOT NULL,
    credit     BIGINT  NOT NULL,
    debit_cur  BIGINT  NOT NULL,
    credit_cur BIGINT  NOT NULL,
    debit_qty  BIGINT  NOT NULL,
    credit_qty BIGINT  NOT NULL,
    PRIMARY KEY (org_id, account, a1, a2, a3, currency, year)
);

-- account_months: an account's turnover per currency and month over all
-- its analytics: the per-account month figures every trial balance starts
-- from (store/sqldb/months.go), a few thousand rows where the totals have
-- hundreds of thousands.
CREATE TABLE account_months (
    org_id     BIGINT  NOT NULL,
    account    TEXT    NOT NULL,
    currency   TEXT    NOT NULL,
    month      BIGINT  NOT NULL,
    debit      BIGINT  NOT NULL,
    credit     BIGINT  NOT NULL,
    debit_cur  BIGINT  NOT NULL,
    credit_cur BIGINT  NOT NULL,
    debit_qty  BIGINT  NOT NULL,
    credit_qty BIGINT  NOT NULL,
    PRIMARY KEY (org_id, month, account, currency)
);

-- The books posted before this migration, from their monthly totals.
-- sum(bigint) is numeric here; the cast back fails on an overflow.
INSERT INTO year_totals (org_id, account, a1, a2, a3, currency, year, debit, credit, debit_cur, credit_cur, debit_qty, credit_qty)
SELECT org_id, account, a1, a2, a3, currency, month / 100,
       CAST(sum(debit) AS BIGINT), CAST(sum(credit) AS BIGINT), CAST(sum(debit_cur) AS BIGINT), CAST(sum(credit_cur) AS BIGINT), CAST(sum(debit_qty) AS BIGINT), CAST(sum(credit_qty) AS BIGINT)
FROM totals
GROUP BY org_id, account, a1, a2, a3, currency, month / 100;

INSERT INTO account_months (org_id, account, currency, month, debit, credit, debit_cur, credit_cur, debit_qty, credit_qty)
SELECT org_id, account, currency, month,
       CAST(sum(debit) AS BIGINT), CAST(sum(credit) AS BIGINT), CAST(sum(debit_cur) AS BIGINT), CAST(sum(credit_cur) AS BIGINT), CAST(sum(debit_qty) AS BIGINT), CAST(sum(credit_qty) AS BIGINT)
FROM totals
GROUP BY org_id, month, account, currency;
