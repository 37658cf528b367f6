-- The templates an organisation loads for its financial statements (issue
-- 5): the statement package's CSV, which the store does not read, one per
-- organisation and statement (balance-sheet, pnl, cash-flow, equity). An
-- organisation without a row uses the template shipped for its chart.
CREATE TABLE statement_templates (
    org_id     BIGINT NOT NULL REFERENCES orgs (id),
    kind       TEXT NOT NULL CHECK (length(kind) <= 40),
    body       TEXT NOT NULL CHECK (length(body) <= 262144),
    author     TEXT NOT NULL,
    updated_us BIGINT NOT NULL,
    PRIMARY KEY (org_id, kind)
);
