package web

import (
	"fmt"
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

// bankLine is a line of the review form: the line, its proposal, and what
// the form says of it.
type bankLine struct {
	app.LineReview
	Take                   bool
	Counterparty, Contract string // codes, as the form has them
	Invoice                int64
	Options                []option // the open invoices to choose from
	CounterpartyName       string
}

type bankStatementData struct {
	*page
	Review                  *app.StatementReview
	Lines                   []bankLine
	CashFlowIn, CashFlowOut string
	Post                    bool
	Done                    string // what the last confirmation did
	Prev, Next              string
}

// Money of the statement's currency.
func (d *bankStatementData) SM(a money.Amount) string {
	return money.Format(a, d.Review.Currency.Exponent, d.loc)
}

// SMAbs is SM of the amount without its sign (a column says the side).
func (d *bankStatementData) SMAbs(a money.Amount) string {
	if n, err := money.Neg(a); a < 0 && err == nil {
		a = n
	}
	return d.SM(a)
}

// End is the number of the page's last line.
func (d *bankStatementData) End() int { return d.Review.Offset + len(d.Review.Page) }

// bankStatement shows a statement's review.
func (s *server) bankStatement(w http.ResponseWriter, r *http.Request, q *request) {
	offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
	d, err := s.bankReview(r, q, offset, nil)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	v := r.URL.Query()
	if v.Has("made") {
		d.Done = i18n.Sprintf(q.lang, "Documents made: %s; posted: %s.", v.Get("made"), v.Get("posted"))
	}
	d.Post = d.CanPost()
	s.render(w, r, http.StatusOK, "bank_statement", "", d)
}

// bankReview reads the review of a page of lines from offset, with the
// form's choices (nil: the proposals).
func (s *server) bankReview(r *http.Request, q *request, offset int, form url.Values) (*bankStatementData, error) {
	id := statementID(r)
	if id == 0 {
		return nil, ledger.Errorf(ledger.ENotFound, "statement %d does not exist", id)
	}
	rq := app.ReviewQuery{Offset: offset}
	if form != nil {
		rq.Choices = map[int]app.LineChoice{}
		for _, c := range formChoices(form, false) {
			rq.Choices[c.Line] = c
		}
	}
	rv, err := s.app.StatementReview(r.Context(), q.actor, q.org.Code, id, rq)
	if err != nil {
		return nil, err
	}
	p := s.newPage(r, q, i18n.Sprintf(q.lang, "Bank statement %s", rv.BankID))
	p.Nav = "bank"
	d := &bankStatementData{page: p, Review: rv}
	if form != nil {
		d.CashFlowIn, d.CashFlowOut, d.Post = form.Get("cashflow_in"), form.Get("cashflow_out"), form.Get("post") == "1"
	}
	for _, l := range rv.Page {
		bl := bankLine{LineReview: l, Counterparty: l.Counterparty.Code, Contract: l.Contract.Code,
			CounterpartyName: l.Counterparty.Names.In(q.lang), Take: l.Document == nil && l.Counterparty.ID != 0}
		if l.Invoice != nil {
			bl.Invoice = l.Invoice.ID
		}
		if form != nil && l.Document == nil {
			n := strconv.Itoa(l.No)
			bl.Take = form.Get("take_"+n) == "1"
			bl.Counterparty, bl.Contract = form.Get("cp_"+n), form.Get("contract_"+n)
			bl.Invoice, _ = strconv.ParseInt(form.Get("invoice_"+n), 10, 64)
		}
		for _, o := range l.Choices {
			label := fmt.Sprintf("№ %d · %s · %s", o.Number, p.Date(o.Date), money.Format(o.Remainder, rv.Currency.Exponent, p.loc))
			bl.Options = append(bl.Options, option{Value: strconv.FormatInt(o.ID, 10), Label: label})
		}
		d.Lines = append(d.Lines, bl)
	}
	base := p.StatementURL(id) + "?offset="
	if rv.Offset > 0 {
		d.Prev = base + strconv.Itoa(max(0, rv.Offset-app.DefaultReviewLines))
	}
	if end := rv.Offset + len(rv.Page); end < rv.Total {
		d.Next = base + strconv.Itoa(end)
	}
	return d, nil
}

// formChoices reads the lines of the review form (line = each line's
// number); only those taken unless all.
func formChoices(form url.Values, takenOnly bool) []app.LineChoice {
	var out []app.LineChoice
	for _, v := range form["line"] {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			continue
		}
		k := strconv.Itoa(n)
		if takenOnly && form.Get("take_"+k) != "1" {
			continue
		}
		inv, _ := strconv.ParseInt(form.Get("invoice_"+k), 10, 64)
		out = append(out, app.LineChoice{Line: n, Counterparty: strings.TrimSpace(form.Get("cp_" + k)),
			Contract: strings.TrimSpace(form.Get("contract_" + k)), Invoice: inv})
	}
	return out
}

// bankConfirm checks the review form again with the accountant's
// corrections (action=check) or confirms the lines taken (action=confirm):
// their documents are drafted and, with post=1, posted; then the review
// shows what was done.
func (s *server) bankConfirm(w http.ResponseWriter, r *http.Request, q *request) {
	if _, _, err := s.app.Authorize(r.Context(), q.actor, q.org.Code, auth.DraftEntries); err != nil {
		s.fail(w, r, q, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, q, ledger.Errorf(ledger.EInvalid, "the form does not read"))
		return
	}
	id := statementID(r)
	offset, _ := strconv.Atoi(r.PostForm.Get("offset"))
	if r.PostForm.Get("action") == "confirm" {
		in := app.ConfirmInput{Lines: formChoices(r.PostForm, true), CashFlowIn: strings.TrimSpace(r.PostForm.Get("cashflow_in")),
			CashFlowOut: strings.TrimSpace(r.PostForm.Get("cashflow_out")), Post: r.PostForm.Get("post") == "1"}
		res, err := s.app.ConfirmStatement(r.Context(), q.actor, q.org.Code, id, in)
		if err == nil {
			to := url.Values{"offset": {strconv.Itoa(offset)}, "made": {strconv.Itoa(res.Made)}, "posted": {strconv.Itoa(res.Posted)}}
			http.Redirect(w, r, "/o/"+url.PathEscape(q.org.Code)+"/bank/"+strconv.FormatInt(id, 10)+"?"+to.Encode(), http.StatusSeeOther)
			return
		}
		if c := ledger.ErrorCode(err); c != ledger.EInvalid && c != ledger.EConflict && c != ledger.ELocked {
			s.fail(w, r, q, err)
			return
		}
		d, rerr := s.bankReview(r, q, offset, r.PostForm)
		if rerr != nil {
			s.fail(w, r, q, rerr)
			return
		}
		d.Error = i18n.Error(err, q.lang)
		s.render(w, r, bankStatus(ledger.ErrorCode(err)), "bank_statement", "", d)
		return
	}
	d, err := s.bankReview(r, q, offset, r.PostForm)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	s.render(w, r, http.StatusOK, "bank_statement", "", d)
}
