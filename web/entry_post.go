package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"hasap/app"
	"hasap/auth"
	"hasap/i18n"
	"hasap/ledger"
	"hasap/money"
)

// entryPost reads the entry form. "More rows" shows it again with more
// rows; otherwise the entry is checked, each problem is shown at its field
// in the user's language, and an entry without problems is posted and
// shown. The form's idempotency key makes a resubmission (a double click,
// the back button) return the entry already posted.
func (s *server) entryPost(w http.ResponseWriter, r *http.Request, q *request) {
	if _, _, err := s.app.Authorize(r.Context(), q.actor, q.org.Code, auth.PostEntries); err != nil {
		s.fail(w, r, q, err) // the role may not post: app says so in the user's language
		return
	}
	if !parseForm(w, r) {
		return
	}
	f := readEntryForm(r)
	if r.PostForm.Get("more") != "" {
		n := min(len(f.Rows)+formRowsStep, maxFormRows)
		f.Rows = append(f.Rows, make([]formRow, n-len(f.Rows))...)
		s.renderEntryForm(w, r, q, http.StatusOK, f)
		return
	}
	e, rowOf, ok := s.buildEntry(r, q, f)
	if len(e.Postings) > 0 {
		// Check what could be read even when something could not, so that
		// every problem shows at once.
		check := e
		if f.DateErr != "" {
			check.Date = dateOf(q.now) // the date's own problem is shown already
		}
		problems, err := s.app.CheckEntry(r.Context(), q.actor, q.org.Code, check)
		if err != nil {
			s.fail(w, r, q, err)
			return
		}
		ok = ok && len(problems) == 0
		placeProblems(f, problems, rowOf, q.lang)
	}
	if ok {
		posted, err := s.app.Post(r.Context(), q.actor, q.org.Code, e)
		if err == nil {
			http.Redirect(w, r, s.newPage(r, q, "").EntryURL(posted.Year, posted.Number), http.StatusSeeOther)
			return
		}
		switch ledger.ErrorCode(err) {
		case ledger.ELocked:
			f.DateErr = i18n.Error(err, q.lang) // the lock date moved since the check
		case ledger.EConflict:
			// The form was posted before and then changed (the back button):
			// say so, and let the next submission post the changed entry.
			f.FormErr, f.Key = i18n.Error(err, q.lang), newFormKey()
		case ledger.EInvalid, ledger.ENotFound, ledger.EForbidden:
			f.FormErr = i18n.Error(err, q.lang)
		default:
			s.fail(w, r, q, err)
			return
		}
	}
	s.renderEntryForm(w, r, q, http.StatusUnprocessableEntity, f)
}

// readEntryForm reads the form as typed.
func readEntryForm(r *http.Request) *entryForm {
	v := r.PostForm
	key := v.Get("key")
	if key == "" || len(key) > ledger.MaxIdemKeyLen {
		key = newFormKey()
	}
	f := &entryForm{Key: key, Date: v.Get("date"), Desc: strings.TrimSpace(v.Get("desc")), Doc: strings.TrimSpace(v.Get("doc"))}
	n, _ := strconv.Atoi(v.Get("rows"))
	f.Rows = readRows(v, max(1, min(n, maxFormRows)))
	return f
}

// readRows reads n posting rows as typed: dtI, dtI_1..3, ktI, ktI_1..3,
// amtI (the entry form's and the manual operation's).
func readRows(v url.Values, n int) []formRow {
	rows := make([]formRow, n)
	for i := range rows {
		row := &rows[i]
		for _, sd := range []struct {
			prefix string
			side   *formSide
		}{{"dt", &row.Dt}, {"kt", &row.Kt}} {
			sd.side.Account = strings.TrimSpace(v.Get(sd.prefix + strconv.Itoa(i)))
			for j := range sd.side.Codes {
				sd.side.Codes[j] = strings.TrimSpace(v.Get(sd.prefix + strconv.Itoa(i) + "_" + strconv.Itoa(j+1)))
			}
		}
		row.Amount = strings.TrimSpace(v.Get("amt" + strconv.Itoa(i)))
	}
	return rows
}

// buildEntry turns the form into an entry, noting what cannot be read
// (a date, an amount, an analytic code not in its catalog) at its field.
// rowOf maps each posting to its form row. ok is false when a field could
// not be read or no row was filled in.
func (s *server) buildEntry(r *http.Request, q *request, f *entryForm) (e ledger.Entry, rowOf []int, ok bool) {
	ok = true
	d, err := parseDate(f.Date)
	if err != nil {
		f.DateErr, ok = i18n.Error(err, q.lang), false
	}
	e = ledger.Entry{Date: d, Description: f.Desc, Document: f.Doc, IdemKey: f.Key}
	chart, err := s.app.Accounts(r.Context(), q.actor, q.org.Code)
	if err != nil {
		f.FormErr = i18n.Error(err, q.lang)
		return e, nil, false
	}
	for i := range f.Rows {
		row := &f.Rows[i]
		if row.empty() {
			continue
		}
		pst, rowOK := s.buildPosting(r, q, chart, row)
		if !rowOK {
			ok = false
			continue
		}
		e.Postings = append(e.Postings, pst)
		rowOf = append(rowOf, i)
	}
	if len(e.Postings) == 0 && ok {
		f.Rows[0].RowErr = i18n.T(q.lang, "Fill in at least one posting: Dt account, Kt account and amount.")
		ok = false
	}
	return e, rowOf, ok
}

func (s *server) buildPosting(r *http.Request, q *request, chart ledger.Chart, row *formRow) (ledger.Posting, bool) {
	ok := true
	var pst ledger.Posting
	if row.Amount == "" {
		row.AmountErr, ok = i18n.T(q.lang, "Enter the amount."), false
	} else if a, err := money.Parse(row.Amount, q.org.Currency.Exponent, money.Locale(q.lang)); err != nil {
		row.AmountErr, ok = i18n.Sprintf(q.lang, "%q is not an amount", row.Amount), false
	} else {
		pst.Amount = a
	}
	for _, sd := range []struct {
		form *formSide
		side *ledger.Side
	}{{&row.Dt, &pst.Debit}, {&row.Kt, &pst.Credit}} {
		if !s.buildSide(r, q, chart, sd.form, sd.side) {
			ok = false
		}
	}
	return pst, ok
}

// buildSide reads one side: the account as typed, each analytic code looked
// up in the catalog its slot wants. Whether the account exists and takes
// these analytics is app.CheckEntry's to say.
func (s *server) buildSide(r *http.Request, q *request, chart ledger.Chart, f *formSide, side *ledger.Side) bool {
	side.Account = ledger.AccountCode(f.Account)
	acc := chart[side.Account]
	ok := true
	for j, code := range f.Codes {
		if code == "" {
			continue
		}
		if acc == nil {
			continue // the account's own error says it all
		}
		if j >= len(acc.Analytics) {
			f.CodeErrs[j], ok = i18n.Sprintf(q.lang, "Account %s takes only %d analytics.", acc.Code, len(acc.Analytics)), false
			continue
		}
		an, err := s.app.AnalyticByCode(r.Context(), q.actor, q.org.Code, acc.Analytics[j], code)
		if err != nil {
			f.CodeErrs[j], ok = i18n.Error(err, q.lang), false
			continue
		}
		side.Analytics[j] = an.ID
	}
	return ok
}

// placeProblems puts app.CheckEntry's problems at their fields.
func placeProblems(f *entryForm, problems []app.EntryProblem, rowOf []int, lang string) {
	for _, pr := range problems {
		msg := i18n.Error(pr.Err, lang)
		if pr.Posting < 0 || pr.Posting >= len(rowOf) {
			if f.DateErr != "" {
				continue // checked with a stand-in date
			}
			if ledger.IsCode(pr.Err, ledger.ELocked) {
				f.DateErr = msg
			} else {
				f.FormErr = msg
			}
			continue
		}
		row := &f.Rows[rowOf[pr.Posting]]
		var sd *formSide
		switch pr.Side {
		case "debit":
			sd = &row.Dt
		case "credit":
			sd = &row.Kt
		case "amount":
			row.AmountErr = msg
			continue
		default:
			row.RowErr = msg
			continue
		}
		if pr.Slot >= 0 && pr.Slot < ledger.MaxAnalytics {
			sd.CodeErrs[pr.Slot] = msg
		} else {
			sd.AccountErr = msg
		}
	}
}
