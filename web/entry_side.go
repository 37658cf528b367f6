package web

import (
	"net/http"
	"strconv"
	"strings"

	"hasap/i18n"
	"hasap/ledger"
)

// entrySide answers htmx on the entry form: once an account is typed on a
// side of a row, it draws that side again with the account's name, the
// catalog each analytic slot wants (each such slot then a picker), a word
// if the account cannot take postings, and a word at each analytic code
// typed that its catalog does not have. With ?slot=N (1–3) it draws only
// the message of that slot, as the user leaves it, and then also says when
// the account requires an analytic there and none is given. It changes nothing;
// without JavaScript the same appears when the form is submitted.
func (s *server) entrySide(w http.ResponseWriter, r *http.Request, q *request) {
	v := r.URL.Query()
	prefix := v.Get("side")
	row, err := strconv.Atoi(v.Get("row"))
	if (prefix != "dt" && prefix != "kt" && prefix != "ac") || err != nil || row < 0 || row >= maxFormRows {
		http.Error(w, http.StatusText(http.StatusBadRequest), http.StatusBadRequest)
		return
	}
	slot := 0
	if v.Has("slot") {
		if slot, err = strconv.Atoi(v.Get("slot")); err != nil || slot < 1 || slot > ledger.MaxAnalytics {
			http.Error(w, http.StatusText(http.StatusBadRequest), http.StatusBadRequest)
			return
		}
	}
	chart, err := s.app.Accounts(r.Context(), q.actor, q.org.Code)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	p := s.newPage(r, q, "")
	name := p.FieldName(prefix, row)
	side := formSide{Account: strings.TrimSpace(v.Get(name))}
	for j := range side.Codes {
		side.Codes[j] = strings.TrimSpace(v.Get(p.FieldName(prefix, row, j)))
	}
	hint(p, chart, &side)
	which := "debit"
	if prefix == "kt" {
		which = "credit"
	}
	var acc *ledger.Account
	if side.Account != "" {
		code := ledger.AccountCode(side.Account)
		var problem error
		switch a := chart[code]; {
		case a == nil:
			problem = ledger.Errorf(ledger.ENotFound, "%s account %s does not exist", which, code)
		case a.Group:
			problem = ledger.Errorf(ledger.EInvalid, "%s account %s has sub-accounts; post to one of them", which, code)
		case a.Inactive:
			problem = ledger.Errorf(ledger.EInvalid, "%s account %s is deactivated", which, code)
		default:
			acc = a
		}
		if problem != nil {
			side.AccountErr = i18n.Error(problem, q.lang)
		}
	}
	if acc != nil {
		for j := range side.Codes {
			if slot != 0 && j != slot-1 {
				continue
			}
			if err := s.checkSlot(r, q, acc, which, j, side.Codes[j], slot != 0); err != nil {
				if ledger.ErrorCode(err) != ledger.EInvalid && ledger.ErrorCode(err) != ledger.ENotFound {
					s.fail(w, r, q, err)
					return
				}
				side.CodeErrs[j] = i18n.Error(err, q.lang)
			}
		}
	}
	w.Header().Add("Vary", "HX-Request")
	f := p.SideField(prefix, row, side)
	if slot != 0 {
		s.render(w, r, http.StatusOK, "entry_form", "slot-check", f.Slots[slot-1])
		return
	}
	s.render(w, r, http.StatusOK, "entry_form", "form-side", f)
}

// checkSlot checks the code typed in analytic slot j of a side with
// posting-level account acc: it must be in the catalog the slot wants, and
// a slot the account does not use must stay empty. required also reports
// an empty slot that the account requires.
func (s *server) checkSlot(r *http.Request, q *request, acc *ledger.Account, which string, j int, code string, required bool) error {
	switch {
	case code == "" && j < len(acc.Analytics) && required:
		return ledger.Errorf(ledger.EInvalid, "%s account %s requires %s", which, acc.Code, acc.Analytics[j])
	case code == "":
		return nil
	case j >= len(acc.Analytics):
		return ledger.Errorf(ledger.EInvalid, "Account %s takes only %d analytics.", acc.Code, len(acc.Analytics))
	}
	_, err := s.app.AnalyticByCode(r.Context(), q.actor, q.org.Code, acc.Analytics[j], code)
	return err
}
