-- Journal browsing: the postings of one account in date order (account card,
-- journal filtered by account) and the entries of a period.
-- (line is listed for PostgreSQL's sake: SQLite appends a WITHOUT ROWID
-- table's primary key columns to every index anyway.)

CREATE INDEX postings_by_dt ON postings (org_id, dt_account, day, seq, line);
CREATE INDEX postings_by_kt ON postings (org_id, kt_account, day, seq, line);
CREATE INDEX entries_by_day ON entries (org_id, day, seq);
