package web

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strconv"

	"hasap/auth"
	"hasap/i18n"
	"hasap/ledger"
)

// entryForm is the new-entry form as typed, with a message per field.
type entryForm struct {
	Key              string // the idempotency key: a resubmitted form posts once
	Date, Desc, Doc  string
	DateErr, FormErr string
	Rows             []formRow
	dateOK           bool
	parsedDate       ledger.Date
}

// formRow is one posting of the form: Dt account and analytics, Kt account
// and analytics, amount.
type formRow struct {
	Dt, Kt    formSide
	Amount    string
	AmountErr string
	RowErr    string
}

type formSide struct {
	Account     string
	AccountName string // the account's name, once it is known
	AccountErr  string
	Codes       [ledger.MaxAnalytics]string
	CodeErrs    [ledger.MaxAnalytics]string
	Hints       [ledger.MaxAnalytics]string // the catalog each slot wants, once the account is known
	Kinds       [ledger.MaxAnalytics]ledger.AnalyticKind
	Known       bool // the account is in the chart
}

func (r *formRow) empty() bool {
	return r.Dt.empty() && r.Kt.empty() && r.Amount == ""
}

func (s *formSide) empty() bool { return s.Account == "" && s.Codes == [ledger.MaxAnalytics]string{} }

type entryFormData struct {
	*page
	Form     *entryForm
	Accounts []accountOption
}

// entryForm shows an empty entry form in the Dt/Kt layout.
func (s *server) entryForm(w http.ResponseWriter, r *http.Request, q *request) {
	if _, _, err := s.app.Authorize(r.Context(), q.actor, q.org.Code, auth.PostEntries); err != nil {
		s.fail(w, r, q, err) // the role may not post: app says so in the user's language
		return
	}
	f := &entryForm{Key: newFormKey(), Date: isoDate(dateOf(q.now)), Rows: make([]formRow, formRowsStep)}
	s.renderEntryForm(w, r, q, http.StatusOK, f)
}

func (s *server) renderEntryForm(w http.ResponseWriter, r *http.Request, q *request, status int, f *entryForm) {
	chart, err := s.app.Accounts(r.Context(), q.actor, q.org.Code)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	p := s.newPage(r, q, i18n.T(q.lang, "New entry"))
	p.Nav = "new"
	n := names{p: p, lang: q.lang, chart: chart}
	for i := range f.Rows {
		hint(p, chart, &f.Rows[i].Dt)
		hint(p, chart, &f.Rows[i].Kt)
	}
	s.render(w, r, status, "entry_form", "", &entryFormData{page: p, Form: f, Accounts: n.AccountOptions(true)})
}

// hint names the account of a side and the catalog each of its analytic
// slots wants.
func hint(p *page, chart ledger.Chart, sd *formSide) {
	a := chart[ledger.AccountCode(sd.Account)]
	if a == nil {
		return
	}
	sd.AccountName, sd.Known = a.Names.In(p.Lang), true
	for j, k := range a.Analytics {
		sd.Hints[j], sd.Kinds[j] = p.KindName(k), k
	}
}

// newFormKey returns a fresh idempotency key for a form.
func newFormKey() string {
	var b [16]byte
	rand.Read(b[:])
	return "web:" + hex.EncodeToString(b[:])
}

// FieldName is the form name of a row's field: FieldName "dt" 2 → "dt2",
// with a slot → "dt2_1".
func (p *page) FieldName(prefix string, row int, slot ...int) string {
	n := prefix + strconv.Itoa(row)
	if len(slot) > 0 {
		n += "_" + strconv.Itoa(slot[0]+1)
	}
	return n
}

// sideField is one side of a form row, as the form-side template draws it.
type sideField struct {
	Name, Label string
	HintURL     string // htmx asks it for the side again once the account is typed
	Side        formSide
	Slots       [ledger.MaxAnalytics]slotField
}

// slotField is one analytic input of a side, as the form-slot template
// draws it. Once the account is known, a slot of a catalog the account
// requires is a picker (OptionsURL: htmx fills its datalist ListID with
// suggestions as the code or name is typed), and every slot is checked as
// the user leaves it (CheckURL: htmx draws the slot's message again, beside
// the input and not over it: a code not in the catalog, a required
// analytic missing).
type slotField struct {
	Name, ListID, Label  string
	Code, Err, Hint      string
	OptionsURL, CheckURL string
	// Skip takes an empty slot the account does not use out of the Tab
	// order, so that the keyboard goes from the analytics the account
	// wants straight to the next field.
	Skip bool
}

// SideField prepares the inputs of a side of row i ("dt" or "kt").
func (p *page) SideField(prefix string, i int, side formSide) sideField {
	f := sideField{Name: p.FieldName(prefix, i), Side: side,
		HintURL: p.O("/entries/new/side?side=" + prefix + "&row=" + strconv.Itoa(i))}
	label := "Dt"
	switch prefix {
	case "kt":
		label = "Kt"
	case "ac": // the account of an opening balance line
		label = "Account"
	}
	f.Label = i18n.T(p.Lang, label) + " " + strconv.Itoa(i+1)
	for j := range f.Slots {
		sl := &f.Slots[j]
		sl.Name, sl.Code, sl.Err, sl.Hint = p.FieldName(prefix, i, j), side.Codes[j], side.CodeErrs[j], side.Hints[j]
		sl.ListID = sl.Name + "-list"
		sl.Label = f.Label + ": " + strconv.Itoa(j+1)
		if sl.Hint != "" {
			sl.Label = f.Label + ": " + sl.Hint
		}
		if !side.Known {
			continue
		}
		sl.CheckURL = f.HintURL + "&slot=" + strconv.Itoa(j+1)
		if k := side.Kinds[j]; k != "" {
			sl.OptionsURL = p.OptionsURL(k, sl.ListID, sl.Name)
		} else {
			sl.Skip = sl.Code == ""
		}
	}
	return f
}
