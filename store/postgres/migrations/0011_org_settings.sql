-- An organisation's settings (issue 4): its details as printed forms show
-- them (legal name, tax id, address, bank, who signs) and its posting
-- settings, the application's JSON of doc.Settings ('' while the
-- organisation keeps the defaults of its chart), which the store does not
-- read. One row per organisation, written first by its first save; the
-- version moves on every save, and a save that names another version is
-- refused (a lost update).
CREATE TABLE org_settings (
    org_id           BIGINT NOT NULL PRIMARY KEY REFERENCES orgs (id),
    legal_name       TEXT NOT NULL CHECK (length(legal_name) <= 500),
    tax_id           TEXT NOT NULL CHECK (length(tax_id) <= 500),
    address          TEXT NOT NULL CHECK (length(address) <= 500),
    phone            TEXT NOT NULL CHECK (length(phone) <= 500),
    bank_name        TEXT NOT NULL CHECK (length(bank_name) <= 500),
    bank_account     TEXT NOT NULL CHECK (length(bank_account) <= 500),
    bank_code        TEXT NOT NULL CHECK (length(bank_code) <= 500),
    director         TEXT NOT NULL CHECK (length(director) <= 500),
    chief_accountant TEXT NOT NULL CHECK (length(chief_accountant) <= 500),
    cashier          TEXT NOT NULL CHECK (length(cashier) <= 500),
    posting          TEXT NOT NULL CHECK (length(posting) <= 65536),
    version          BIGINT NOT NULL CHECK (version > 0),
    author           TEXT NOT NULL,
    updated_us       BIGINT NOT NULL
);
