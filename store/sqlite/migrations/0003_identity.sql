-- Users, memberships, sessions, API tokens and the audit log (SQLite).
-- Users are the installation's, not an organisation's: a user may belong to
-- several organisations. Every other key starts with org_id, except the two
-- that a request arrives with before it knows its organisation: a session's
-- and an API token's hash. Times are INTEGER microseconds since 1970 (UTC).

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    email          TEXT    NOT NULL UNIQUE, -- lower-cased by the store
    name           TEXT    NOT NULL,
    password_hash  TEXT    NOT NULL,
    totp_secret    TEXT    NOT NULL DEFAULT '',
    totp_last_step INTEGER NOT NULL DEFAULT 0,
    lang           TEXT    NOT NULL DEFAULT '',
    disabled       INTEGER NOT NULL DEFAULT 0,
    created_us     INTEGER NOT NULL
);

CREATE TABLE memberships (
    org_id  INTEGER NOT NULL REFERENCES orgs (id),
    user_id INTEGER NOT NULL REFERENCES users (id),
    role    TEXT    NOT NULL,
    PRIMARY KEY (org_id, user_id)
) WITHOUT ROWID;

CREATE INDEX memberships_by_user ON memberships (user_id, org_id);

-- A session's key is the SHA-256 of its token; the token is never stored.
CREATE TABLE sessions (
    hash         BLOB    NOT NULL PRIMARY KEY CHECK (length(hash) = 32),
    user_id      INTEGER NOT NULL REFERENCES users (id),
    created_us   INTEGER NOT NULL,
    last_seen_us INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE api_tokens (
    org_id       INTEGER NOT NULL REFERENCES orgs (id),
    id           INTEGER NOT NULL,
    hash         BLOB    NOT NULL UNIQUE CHECK (length(hash) = 32),
    user_id      INTEGER NOT NULL REFERENCES users (id),
    name         TEXT    NOT NULL,
    created_us   INTEGER NOT NULL,
    expires_us   INTEGER NOT NULL DEFAULT 0, -- 0: never
    last_used_us INTEGER NOT NULL DEFAULT 0, -- 0: never
    PRIMARY KEY (org_id, id)
) WITHOUT ROWID;

-- Per-organisation counters ('audit', 'api_token'), moved in the same
-- transaction as the row they number, so numbers never skip.
CREATE TABLE counters (
    org_id INTEGER NOT NULL,
    name   TEXT    NOT NULL,
    value  INTEGER NOT NULL,
    PRIMARY KEY (org_id, name)
) WITHOUT ROWID;

-- The audit log: org_id 0 is the installation's own log (a failed login
-- for an unknown email), user_id 0 an unknown user. seq runs 1, 2, 3...
-- per organisation without gaps.
CREATE TABLE audit (
    org_id  INTEGER NOT NULL,
    seq     INTEGER NOT NULL,
    time_us INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    action  TEXT    NOT NULL,
    detail  TEXT    NOT NULL,
    ip      TEXT    NOT NULL,
    PRIMARY KEY (org_id, seq)
) WITHOUT ROWID;

-- The audit log is append-only: the database itself refuses to change it.
CREATE TRIGGER audit_immutable_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'hasap: the audit log is append-only'); END;
CREATE TRIGGER audit_immutable_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'hasap: the audit log is append-only'); END;
