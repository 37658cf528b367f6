-- An organisation may require its owners to use two-factor authentication
-- (TOTP): app.Authorize then refuses an owner who has it off. 0 or 1.
ALTER TABLE orgs ADD COLUMN require_totp BIGINT NOT NULL DEFAULT 0 CHECK (require_totp IN (0, 1));
