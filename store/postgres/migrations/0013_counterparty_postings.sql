-- A counterparty's settlements (issue 4: open items, advances, the
-- reconciliation act): the postings of one account whose side carries one
-- analytic first, in date order. 60, 62 and 76 keep the counterparty as
-- their first analytic, so a counterparty's movements are read without
-- walking every posting of 62.01. The expression must be spelt as
-- sqldb.Dialect.FirstAnalytic spells it for PostgreSQL (the first id of
-- "12,7,3"). Postings without analytics are left out.
CREATE INDEX postings_by_dt_first ON postings (org_id, dt_account, (CAST(split_part(dt_analytics, ',', 1) AS BIGINT)), day, seq, line)
    WHERE dt_analytics IS NOT NULL;
CREATE INDEX postings_by_kt_first ON postings (org_id, kt_account, (CAST(split_part(kt_analytics, ',', 1) AS BIGINT)), day, seq, line)
    WHERE kt_analytics IS NOT NULL;
