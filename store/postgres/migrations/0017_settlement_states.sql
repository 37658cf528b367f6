-- What the application worked out of each counterparty's settlements
-- (issue 5): its open items on the settlement accounts of one role
-- (1 customers, 2 suppliers), its whole settlement history (every item and
-- what settled what, for an ageing of an earlier day), as package settle
-- encodes them, and the latest date of its movements, so that an ageing
-- reads one row per counterparty instead of its movements. Derived from the postings like the
-- totals: settlement_heads says up to which entry of the chain (head) and
-- under which rules and accounts (key) the states of a role are worked
-- out; the application works out again those of the counterparties posted
-- to since, and verify recomputes them all.
CREATE TABLE settlement_heads (
    org_id BIGINT  NOT NULL REFERENCES orgs (id),
    role   INTEGER NOT NULL,
    head   BIGINT  NOT NULL,
    key    TEXT    NOT NULL CHECK (length(key) <= 200),
    PRIMARY KEY (org_id, role)
);

CREATE TABLE settlement_states (
    org_id    BIGINT  NOT NULL,
    role      INTEGER NOT NULL,
    cp        BIGINT  NOT NULL,
    last_day  INTEGER NOT NULL,
    items     BYTEA   NOT NULL,
    history   BYTEA   NOT NULL,
    PRIMARY KEY (org_id, role, cp),
    FOREIGN KEY (org_id, role) REFERENCES settlement_heads (org_id, role)
);
