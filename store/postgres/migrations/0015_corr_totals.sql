-- Correspondence totals (issue 5: chessboard, account analysis): the
-- base-currency amount of the postings per organisation, month (YYYYMM),
-- debit account and credit account. A single-sided posting (an off-balance
-- account) has '' on its other side. Kept by the poster in the posting
-- transaction beside the account totals; `hasap verify` recomputes them.
-- Currency amounts and quantities belong to one account, not to a pair:
-- the account totals keep them.
--
-- Month first in the key: a chessboard reads every pair of a month range.
-- Part months are read from the postings of those days through
-- entries_by_day (store/sqldb/corr.go says why, with the measurement).
CREATE TABLE corr_totals (
    org_id     BIGINT NOT NULL,
    month      BIGINT NOT NULL,
    dt_account TEXT   NOT NULL,
    kt_account TEXT   NOT NULL,
    amount     BIGINT NOT NULL,
    PRIMARY KEY (org_id, month, dt_account, kt_account)
);

-- The books posted before this migration: day is days since 1970-01-01.
-- sum(bigint) is numeric here; the cast back fails on an overflow.
INSERT INTO corr_totals (org_id, month, dt_account, kt_account, amount)
SELECT org_id, CAST(to_char(DATE '1970-01-01' + CAST(day AS INTEGER), 'YYYYMM') AS BIGINT), dt_account, kt_account, CAST(sum(amount) AS BIGINT)
FROM postings
GROUP BY 1, 2, 3, 4;
