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
// catalog each analytic slot wants, and a word if the account cannot take
// postings. It changes nothing; without JavaScript the same appears when
// the form is submitted.
func (s *server) entrySide(w http.ResponseWriter, r *http.Request, q *request) {
	v := r.URL.Query()
	prefix := v.Get("side")
	row, err := strconv.Atoi(v.Get("row"))
	if (prefix != "dt" && prefix != "kt") || err != nil || row < 0 || row >= maxFormRows {
		http.Error(w, http.StatusText(http.StatusBadRequest), http.StatusBadRequest)
		return
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
		}
		if problem != nil {
			side.AccountErr = i18n.Error(problem, q.lang)
		}
	}
	w.Header().Add("Vary", "HX-Request")
	s.render(w, r, http.StatusOK, "entry_form", "form-side", p.SideField(prefix, row, side))
}
