-- SQLite turns an integer sum past the int64 range into a REAL instead of
-- failing, so a totals upsert that overflows would store a float (day totals are
-- packed text, merged with checked arithmetic in Go). Money is
-- never a float: refuse the update, as PostgreSQL's BIGINT arithmetic does.
CREATE TRIGGER totals_in_range BEFORE UPDATE ON totals
WHEN typeof(NEW.debit) <> 'integer' OR typeof(NEW.credit) <> 'integer'
  OR typeof(NEW.debit_cur) <> 'integer' OR typeof(NEW.credit_cur) <> 'integer'
  OR typeof(NEW.debit_qty) <> 'integer' OR typeof(NEW.credit_qty) <> 'integer'
BEGIN SELECT RAISE(ABORT, 'hasap: totals out of the int64 range'); END;
