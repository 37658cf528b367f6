package web

import (
	"net/http"
	"strconv"
	"strings"

	"hasap/app"
	"hasap/doc"
	"hasap/i18n"
	"hasap/ledger"
	"hasap/money"
)

// The forms of payments, cash orders, the advance report, opening
// balances and the manual operation share the goods form's date, key,
// version, pickers, comment and buttons (documents_form.go); docReader
// reads what they add, each problem at its field.

// docReader puts one of those forms into a document.
type docReader struct {
	s    *server
	r    *http.Request
	q    *request
	p    *page
	f    *docForm
	ok   bool
	find func(kind ledger.AnalyticKind, field, typed string, msg *string) ledger.AnalyticID
	// chart is read once, for the forms that name accounts.
	chart ledger.Chart
}

// build reads the form of f.Type into x; false when something could not
// be read.
func (d *docReader) build(x *doc.Document) bool {
	d.ok = true
	chart, err := d.s.app.Accounts(d.r.Context(), d.q.actor, d.q.org.Code)
	if err != nil {
		d.f.FormErr = i18n.Error(err, d.q.lang)
		return false
	}
	d.chart = chart
	d.comment(x)
	switch formOf(d.f.Type) {
	case "document_form_pay":
		d.payment(x)
	case "document_form_advance":
		d.advance(x)
	case "document_form_opening":
		d.opening(x)
	case "document_form_manual":
		d.manual(x)
	}
	return d.ok
}

func (d *docReader) fail(msg *string, text string) { *msg, d.ok = text, false }

// comment reads the comment.
func (d *docReader) comment(x *doc.Document) {
	x.Comment = d.f.Comment
	if len(x.Comment) > doc.MaxComment {
		d.fail(&d.f.CommentErr, i18n.Sprintf(d.q.lang, "the comment is longer than %d bytes", doc.MaxComment))
	}
}

// texts reads the basis, the person and the attachment of a cash order or
// a payment (the fields a form does not show arrive empty).
func (d *docReader) texts(x *doc.Document) {
	f, lang := d.f, d.q.lang
	x.Basis, x.Person, x.Attachment = f.Basis, f.Person, f.Attachment
	if len(f.Basis) > doc.MaxText {
		d.fail(&f.BasisErr, i18n.Sprintf(lang, "the basis is longer than %d bytes", doc.MaxText))
	}
	if len(f.Person) > doc.MaxText {
		d.fail(&f.PersonErr, i18n.Sprintf(lang, "the person's name is longer than %d bytes", doc.MaxText))
	}
	if len(f.Attachment) > doc.MaxText {
		d.fail(&f.AttachmentErr, i18n.Sprintf(lang, "the attachment is longer than %d bytes", doc.MaxText))
	}
}

// currency reads the currency and its rate: "" or the base currency for
// the base currency.
func (d *docReader) currency(x *doc.Document) {
	f, lang := d.f, d.q.lang
	x.Currency, x.Rate = "", money.Rate{}
	if f.Currency != "" && f.Currency != d.q.org.Currency.Code {
		if c, err := money.Lookup(f.Currency); err != nil || c.Code != f.Currency {
			d.fail(&f.CurrencyErr, i18n.Sprintf(lang, "unknown currency %q", f.Currency))
		} else {
			x.Currency = c.Code
		}
	}
	if f.Rate == "" {
		return
	}
	if x.Currency == "" && f.CurrencyErr == "" {
		d.fail(&f.RateErr, i18n.T(lang, "A rate is given only with a foreign currency."))
		return
	}
	rate, err := money.ParseRate(strings.ReplaceAll(f.Rate, ",", "."))
	if err != nil {
		d.fail(&f.RateErr, i18n.Sprintf(lang, "%q is not an exchange rate such as 19.5", f.Rate))
		return
	}
	x.Rate = rate
}

// amount reads an amount typed in a currency of exponent exp into dst;
// "" is zero.
func (d *docReader) amount(typed string, exp int, dst *money.Amount, msg *string) {
	if typed == "" {
		return
	}
	v, err := money.Parse(typed, exp, money.Locale(d.q.lang))
	if err != nil {
		d.fail(msg, i18n.Sprintf(d.q.lang, "%q is not an amount", typed))
		return
	}
	*dst = v
}

// qty reads a quantity; "" is zero.
func (d *docReader) qty(typed string, dst *ledger.Quantity, msg *string) {
	if typed == "" {
		return
	}
	v, err := money.Parse(typed, ledger.QuantityExp, money.Locale(d.q.lang))
	if err != nil {
		d.fail(msg, i18n.Sprintf(d.q.lang, "%q is not a quantity", typed))
		return
	}
	*dst = ledger.Quantity(v)
}

// account reads an account a line names: one of the chart that takes
// postings; "" is none.
func (d *docReader) account(typed string, msg *string) ledger.AccountCode {
	if typed == "" {
		return ""
	}
	code := ledger.AccountCode(typed)
	var problem error
	switch a := d.chart[code]; {
	case a == nil:
		problem = ledger.Errorf(ledger.ENotFound, "account %s does not exist", code)
	case a.Group:
		problem = ledger.Errorf(ledger.EInvalid, "account %s has sub-accounts: choose one of them", code)
	case a.Inactive:
		problem = ledger.Errorf(ledger.EInvalid, "account %s is deactivated", code)
	default:
		return code
	}
	d.fail(msg, i18n.Error(problem, d.q.lang))
	return ""
}

// exp is the exponent of amounts in document x's currency.
func (d *docReader) exp(x *doc.Document) int { return docExp(d.p, x.Currency) }

// CurrencyOptions lists the currencies a document may be in: the base
// currency first, then the others by code.
func (d *docFormData) CurrencyOptions() []typeOption {
	base := d.Org.Currency.Code
	out := []typeOption{{Value: "", Title: base}}
	for _, c := range money.Codes() {
		if c != base {
			out = append(out, typeOption{Value: c, Title: c})
		}
	}
	return out
}

// AcctListID is the datalist of the accounts of the forms that name them.
func (d *docFormData) AcctListID() string { return "accounts-list" }

// CpOptionsURL is where line i's counterparty picker (field cpI) asks
// for suggestions.
func (d *docFormData) CpOptionsURL(i int) string {
	return d.OptionsURL(ledger.Counterparty, d.ListID("cp", i), "cp"+strconv.Itoa(i))
}

// refIDs appends the non-zero refs of r to ids.
func refIDs(ids []ledger.AnalyticID, r doc.Refs) []ledger.AnalyticID {
	for _, id := range []ledger.AnalyticID{r.Counterparty, r.Contract, r.Item, r.Warehouse, r.Employee, r.FixedAsset, r.CashFlow, r.Project} {
		if id != 0 {
			ids = append(ids, id)
		}
	}
	return ids
}

// fillForm fills the form of draft x of a type formOf does not give the
// goods form, from x; an are the catalog entries it names.
func (s *server) fillForm(r *http.Request, q *request, x app.Document, an map[ledger.AnalyticID]ledger.Analytic) (*docForm, error) {
	p := s.newPage(r, q, "")
	code := func(id ledger.AnalyticID) string {
		if id == 0 {
			return ""
		}
		return an[id].Code
	}
	names := map[string]string{}
	named := func(field string, id ledger.AnalyticID) {
		if a, ok := an[id]; ok && id != 0 {
			names[field] = a.Names.In(q.lang)
		}
	}
	f := &docForm{Type: x.Type, ID: x.ID, Version: x.Version, Date: isoDate(x.Date), Counterparty: code(x.Counterparty),
		Contract: code(x.Contract), Warehouse: code(x.Warehouse), Employee: code(x.Employee), CashFlow: code(x.CashFlow),
		Currency: x.Currency, Comment: x.Comment, Basis: x.Basis, Person: x.Person, Attachment: x.Attachment, Names: names}
	if !x.Rate.IsZero() {
		f.Rate = x.Rate.String()
	}
	for _, h := range []struct {
		field string
		id    ledger.AnalyticID
	}{{"counterparty", x.Counterparty}, {"contract", x.Contract}, {"warehouse", x.Warehouse}, {"employee", x.Employee}, {"cashflow", x.CashFlow}} {
		named(h.field, h.id)
	}
	loc := money.Locale(q.lang)
	fmtAmt := func(a money.Amount, exp int) string {
		if a == 0 {
			return ""
		}
		return money.Format(a, exp, loc)
	}
	exp := docExp(p, x.Currency)
	var chart ledger.Chart
	if x.Type == doc.OpeningBalances || x.Type == doc.Manual {
		var err error
		if chart, err = s.app.Accounts(r.Context(), q.actor, q.org.Code); err != nil {
			return nil, err
		}
	}
	for i, l := range x.Lines {
		is := strconv.Itoa(i)
		fl := docFormLine{Account: string(l.Account), Item: code(l.Item), Counterparty: code(l.Counterparty),
			Supporting: l.Supporting, VAT: string(l.VAT), Amount: fmtAmt(l.Amount, exp)}
		if fl.VAT == "" {
			fl.VAT = string(doc.VAT15)
		}
		if l.Qty != 0 {
			fl.Qty = p.Qty(l.Qty)
		}
		named("item"+is, l.Item)
		named("cp"+is, l.Counterparty)
		if x.Type == doc.OpeningBalances {
			fillOpeningLine(p, chart, l, code, exp, &fl)
		}
		f.Lines = append(f.Lines, fl)
	}
	if x.Type == doc.Manual {
		f.Lines = nil
		for _, pst := range x.Postings {
			f.Rows = append(f.Rows, formRow{Dt: sideForm(chart, pst.Debit, code), Kt: sideForm(chart, pst.Credit, code),
				Amount: fmtAmt(pst.Amount, p.exp)})
		}
		f.Rows = append(f.Rows, make([]formRow, min(formRowsStep, maxFormRows-len(f.Rows)))...)
		return f, nil
	}
	f.Lines = append(f.Lines, newDocLines(x.Type, min(docLinesStep, maxFormRows-len(f.Lines)))...)
	return f, nil
}

// sideForm is a posting side as the form shows it: the account and its
// analytics' codes.
func sideForm(chart ledger.Chart, sd ledger.Side, code func(ledger.AnalyticID) string) formSide {
	f := formSide{Account: string(sd.Account)}
	for j, id := range sd.Analytics {
		f.Codes[j] = code(id)
	}
	return f
}

// LineCount is how many lines (or posting rows) the form carries.
func (d *docFormData) LineCount() int {
	if d.Form.Type == doc.Manual {
		return len(d.Form.Rows)
	}
	return len(d.Form.Lines)
}

// textField is a text input of the head, as the doc-text template draws it.
type textField struct{ Name, Label, Value, Err string }

// TextField prepares a text input of the head.
func (d *docFormData) TextField(name, label, value, err string) textField {
	return textField{Name: name, Label: label, Value: value, Err: err}
}

// IsCash reports a cash order (KO-1, KO-2): it has a person and an
// attachment.
func (d *docFormData) IsCash() bool {
	return d.Form.Type == doc.CashReceipt || d.Form.Type == doc.CashExpense
}

// BasisLabel names the basis as the paper does: the purpose of a payment,
// the basis of a cash order.
func (d *docFormData) BasisLabel() string {
	if d.IsCash() {
		return d.T("Basis")
	}
	return d.T("Purpose of payment")
}

// PersonLabel names the person of a cash order: received from (KO-1),
// issued to (KO-2).
func (d *docFormData) PersonLabel() string {
	if d.Form.Type == doc.CashReceipt {
		return d.T("Received from")
	}
	return d.T("Issued to")
}

// CounterHint is the account a line takes when its account is left empty:
// the rule's, from the organisation's posting settings (60.01 or 62.01
// for a payment, 26 for an expense).
func (d *docFormData) CounterHint() string { return counterAccount(d.Posting, d.Form.Type) }

// AccountableHint is the account of a line of money to or from an
// employee when no counterparty is given: the accountable person's.
func (d *docFormData) AccountableHint() string { return string(d.Posting.Accountable) }

// counterAccount is the account a line of type t takes when it names none,
// in the posting settings s.
func counterAccount(s doc.Settings, t doc.Type) string {
	switch t {
	case doc.PaymentIn, doc.CashReceipt:
		return string(s.Sales.Receivable)
	case doc.AdvanceReport:
		return string(s.Purchases.Services)
	}
	return string(s.Purchases.Payable)
}
