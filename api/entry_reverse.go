package api

import (
	"net/http"

	"hasap/auth"
	"hasap/ledger"
)

// reverseInput is the body of a reversal: its date, and whether it is a
// red storno (the same correspondence with negated amounts) rather than a
// reversal (debit and credit swapped).
type reverseInput struct {
	Date   string `json:"date"`
	Storno bool   `json:"storno"`
}

// reverse posts the reversal of the entry year/number. Its idempotency key
// is derived from the entry it reverses, since an entry is reversed at
// most once: the same reversal again returns the first result (201 and the
// same body), whatever Idempotency-Key it carries (the header is checked
// but optional); another reversal of an entry already reversed is refused
// (422), as for a key used with a different request.
func (s *server) reverse(w http.ResponseWriter, r *http.Request, q *request) error {
	org, _, err := s.app.Authorize(r.Context(), q.actor, r.PathValue("org"), auth.PostEntries)
	if err != nil {
		return err
	}
	year, number, err := entryNumber(r)
	if err != nil {
		return err
	}
	if _, err := idemKey(r); err != nil {
		return err
	}
	var in reverseInput
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	if in.Date == "" {
		return ledger.Errorf(ledger.EInvalid, "%s is required", "date")
	}
	date, err := ledger.ParseDate(in.Date)
	if err != nil {
		return err
	}
	posted, err := s.app.Reverse(r.Context(), q.actor, org.Code, year, number, date, in.Storno)
	if ledger.IsCode(err, ledger.EConflict) {
		return ledger.Errorf(ledger.EInvalid, "entry %d/%d was already reversed", year, number)
	}
	if err != nil {
		return err
	}
	return s.writeEntry(w, r, q, org, posted, http.StatusCreated)
}
