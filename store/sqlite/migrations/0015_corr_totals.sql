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
    org_id     INTEGER NOT NULL,
    month      INTEGER NOT NULL,
    dt_account TEXT    NOT NULL,
    kt_account TEXT    NOT NULL,
    amount     INTEGER NOT NULL,
    PRIMARY KEY (org_id, month, dt_account, kt_account)
) WITHOUT ROWID;

-- As for totals (0002): SQLite turns an integer sum past the int64 range
-- into a REAL; refuse it, as PostgreSQL's BIGINT arithmetic does.
CREATE TRIGGER corr_totals_in_range BEFORE UPDATE ON corr_totals
WHEN typeof(NEW.amount) <> 'integer'
BEGIN SELECT RAISE(ABORT, 'hasap: correspondence totals out of the int64 range'); END;

-- The books posted before this migration: day is days since 1970-01-01.
-- (SQLite's sum() fails on an integer overflow instead of wrapping.)
INSERT INTO corr_totals (org_id, month, dt_account, kt_account, amount)
SELECT org_id, CAST(strftime('%Y%m', day * 86400, 'unixepoch') AS INTEGER), dt_account, kt_account, sum(amount)
FROM postings
GROUP BY 1, 2, 3, 4;
