package web

import (
	"net/http"
	"strconv"
	"strings"

	"hasap/app"
	"hasap/auth"
	"hasap/doc"
	"hasap/i18n"
	"hasap/ledger"
	"hasap/money"
)

// formTypes are the document types the pages have a form for: every
// type but the closing documents, which the month close makes. formOf says
// which form.
var formTypes = func() map[doc.Type]bool {
	m := map[doc.Type]bool{}
	for _, t := range doc.Types {
		m[t] = !t.Closing()
	}
	return m
}()

// formOf is the template of the form of type t: goods and services with a
// counterparty (invoices, waybill, act, goods receipt) by default;
// payments and cash orders, the advance report, opening balances and the
// manual operation each their own.
func formOf(t doc.Type) string {
	if t.Closing() {
		return "document_closing" // no form: made by the month close
	}
	switch t {
	case doc.PaymentOut, doc.PaymentIn, doc.CashReceipt, doc.CashExpense:
		return "document_form_pay"
	case doc.AdvanceReport:
		return "document_form_advance"
	case doc.OpeningBalances:
		return "document_form_opening"
	case doc.Manual:
		return "document_form_manual"
	}
	return "document_form"
}

// FormTypes lists the types the pages have a form for, by their titles.
func (p *page) FormTypes() []typeOption {
	var out []typeOption
	for _, t := range p.TypeOptions() {
		if formTypes[doc.Type(t.Value)] {
			out = append(out, t)
		}
	}
	return out
}

// docLinesStep is how many empty lines a new form and "more lines" add.
const docLinesStep = 3

// docVATRates are the VAT rates a line may choose.
var docVATRates = []doc.Rate{doc.VAT15, doc.VAT0, doc.Exempt}

// docForm is the form of a document as typed, with a message per field.
// Each form (formOf) shows the fields its type uses.
type docForm struct {
	Type        doc.Type
	ID, Version int64 // 0 for a new document
	// Key is a new document's idempotency key: a second submit of the same
	// form (a double click, a resent request) finds the draft the first made.
	Key                                   string
	Date, Counterparty, Contract          string
	Warehouse, Comment                    string
	Employee, CashFlow, Currency, Rate    string
	Basis, Person, Attachment             string
	PricesIncludeVAT                      bool
	DateErr, CounterpartyErr, ContractErr string
	WarehouseErr, CommentErr, FormErr     string
	EmployeeErr, CashFlowErr              string
	CurrencyErr, RateErr                  string
	BasisErr, PersonErr, AttachmentErr    string
	Lines                                 []docFormLine
	// Rows are the postings of a manual operation, as the entry form's.
	Rows []formRow
	// Names are what the codes typed were found to be, by field name
	// ("counterparty", "item0"), shown beside them.
	Names map[string]string
}

// Name is what the code in field was found to be.
func (f *docForm) Name(field string) string { return f.Names[field] }

// docFormLine is one line of the form.
type docFormLine struct {
	Item, Qty, Price, Amount, VAT     string
	Service                           bool
	ItemErr, QtyErr, PriceErr, AmtErr string
	RowErr                            string
	// Account: the corresponding account of a payment, the expense of an
	// advance report; Counterparty: the supplier of an expense;
	// Supporting: the document behind it.
	Account, Counterparty, Supporting string
	AccountErr, CounterpartyErr       string
	SupportingErr                     string
	// Side is the account and analytics of an opening balance; Debit or
	// Credit its amount, CurAmount its currency amount.
	Side                        formSide
	Debit, Credit, CurAmount    string
	DebitErr, CreditErr, CurErr string
}

// empty reports whether nothing was typed in the line (a service box
// ticked alone, as an act's lines come, is not something typed).
func (l *docFormLine) empty() bool {
	return l.Item == "" && l.Qty == "" && l.Price == "" && l.Amount == "" && l.Account == "" &&
		l.Counterparty == "" && l.Supporting == "" && l.Side.empty() && l.Debit == "" && l.Credit == "" && l.CurAmount == ""
}

type docFormData struct {
	*page
	Form     *docForm
	Heading  string
	Action   string
	Accounts []accountOption // the accounts' datalist, on the forms that name accounts
	Posting  doc.Settings    // the organisation's posting settings, for the hints
}

// CanPost reports whether the form offers to save and post: the user's
// role may post and the type posts (an order does not).
func (d *docFormData) CanPost() bool { return d.page.CanPost() && d.Form.Type.Posts() }

// VATRates lists the rates of the line's select.
func (d *docFormData) VATRates() []typeOption {
	out := make([]typeOption, 0, len(docVATRates))
	for _, r := range docVATRates {
		out = append(out, typeOption{Value: string(r), Title: rateName(r, d.Lang)})
	}
	return out
}

// documentNew shows an empty form of the type asked for.
func (s *server) documentNew(w http.ResponseWriter, r *http.Request, q *request) {
	if _, _, err := s.app.Authorize(r.Context(), q.actor, q.org.Code, auth.DraftEntries); err != nil {
		s.fail(w, r, q, err)
		return
	}
	t := doc.Type(r.URL.Query().Get("type"))
	if !s.formType(w, r, q, t) {
		return
	}
	f := &docForm{Type: t, Key: newFormKey(), Date: isoDate(dateOf(q.now)), Lines: newDocLines(t, docLinesStep)}
	if t == doc.Manual {
		f.Lines, f.Rows = nil, make([]formRow, formRowsStep)
	}
	s.renderDocForm(w, r, q, http.StatusOK, f)
}

// formType answers a type without a form in the pages (one that does
// not exist), saying so.
func (s *server) formType(w http.ResponseWriter, r *http.Request, q *request, t doc.Type) bool {
	if formTypes[t] {
		return true
	}
	msg := i18n.Error(ledger.Errorf(ledger.EInvalid, "unknown document type %q", string(t)), q.lang)
	p := s.newPage(r, q, i18n.T(q.lang, "Documents"))
	p.Nav = "documents"
	s.render(w, r, http.StatusUnprocessableEntity, "error", "", &errorData{page: p, Status: http.StatusUnprocessableEntity, Message: msg})
	return false
}

// newDocLines returns n empty lines of a document of type t: at 15 %, and
// services on an act.
func newDocLines(t doc.Type, n int) []docFormLine {
	lines := make([]docFormLine, n)
	for i := range lines {
		lines[i].VAT, lines[i].Service = string(doc.VAT15), t == doc.Act
	}
	return lines
}

// documentEdit shows the form of a draft, filled in from it.
func (s *server) documentEdit(w http.ResponseWriter, r *http.Request, q *request) {
	ctx := r.Context()
	if _, _, err := s.app.Authorize(ctx, q.actor, q.org.Code, auth.DraftEntries); err != nil {
		s.fail(w, r, q, err)
		return
	}
	id, ok := documentID(r)
	if !ok {
		s.notFoundPage(w, r, q)
		return
	}
	x, err := s.app.GetDocument(ctx, q.actor, q.org.Code, id)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	if err := editable(x); err != nil {
		s.documentFailed(w, r, q, id, err)
		return
	}
	if !s.formType(w, r, q, x.Type) {
		return
	}
	an, err := s.docAnalytics(r, q, x)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	if formOf(x.Type) != "document_form" {
		f, err := s.fillForm(r, q, x, an)
		if err != nil {
			s.fail(w, r, q, err)
			return
		}
		s.renderDocForm(w, r, q, http.StatusOK, f)
		return
	}
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
	named("counterparty", x.Counterparty)
	named("contract", x.Contract)
	named("warehouse", x.Warehouse)
	for i, l := range x.Lines {
		named("item"+strconv.Itoa(i), l.Item)
	}
	p := s.newPage(r, q, "")
	exp, loc := docExp(p, x.Currency), money.Locale(q.lang)
	f := &docForm{Type: x.Type, ID: x.ID, Version: x.Version, Date: isoDate(x.Date), Counterparty: code(x.Counterparty),
		Contract: code(x.Contract), Warehouse: code(x.Warehouse), Comment: x.Comment, PricesIncludeVAT: x.PricesIncludeVAT, Names: names}
	for _, l := range x.Lines {
		fl := docFormLine{Item: code(l.Item), Service: l.Service, VAT: string(l.VAT)}
		if fl.VAT == "" {
			fl.VAT = string(doc.VAT15)
		}
		if l.Qty != 0 {
			fl.Qty = p.Qty(l.Qty)
		}
		if l.Price != 0 {
			fl.Price = money.Format(l.Price, exp, loc)
		}
		if l.Amount != 0 {
			fl.Amount = money.Format(l.Amount, exp, loc)
		}
		f.Lines = append(f.Lines, fl)
	}
	f.Lines = append(f.Lines, newDocLines(x.Type, min(docLinesStep, maxFormRows-len(f.Lines)))...)
	s.renderDocForm(w, r, q, http.StatusOK, f)
}

// editable refuses a document that is not a draft.
func editable(x app.Document) error {
	switch x.Status {
	case doc.Posted:
		return ledger.Errorf(ledger.EConflict, "the document is posted already: unpost it first")
	case doc.Cancelled:
		return ledger.Errorf(ledger.EConflict, "document %d is cancelled: make it a draft again first", x.ID)
	}
	return nil
}

// docExp is the exponent of a document's currency.
func docExp(p *page, cur string) int {
	if cur != "" {
		if c, err := money.Lookup(cur); err == nil {
			return c.Exponent
		}
	}
	return p.exp
}

func (s *server) renderDocForm(w http.ResponseWriter, r *http.Request, q *request, status int, f *docForm) {
	title := doc.Title(f.Type, q.lang)
	action := "/documents/new?type=" + string(f.Type)
	if f.ID != 0 {
		action = "/documents/" + strconv.FormatInt(f.ID, 10) + "/edit"
	}
	p := s.newPage(r, q, title)
	p.Nav = "documents"
	d := &docFormData{page: p, Form: f, Heading: title, Action: p.O(action)}
	form := formOf(f.Type)
	if form != "document_form" {
		chart, err := s.app.Accounts(r.Context(), q.actor, q.org.Code)
		if err != nil {
			s.fail(w, r, q, err)
			return
		}
		d.Accounts = names{p: p, lang: q.lang, chart: chart}.AccountOptions(true)
		if d.Posting, err = s.postingSettings(r, q); err != nil {
			s.fail(w, r, q, err)
			return
		}
		for i := range f.Lines {
			hint(p, chart, &f.Lines[i].Side)
		}
		for i := range f.Rows {
			hint(p, chart, &f.Rows[i].Dt)
			hint(p, chart, &f.Rows[i].Kt)
		}
	}
	s.render(w, r, status, form, "", d)
}

// documentCreate reads the form of a new document: "more lines" shows it
// again with more lines; otherwise each problem is shown at its field, and
// a form without problems is saved as a draft ("save") or saved and posted
// ("post", for those who may post), then shown.
func (s *server) documentCreate(w http.ResponseWriter, r *http.Request, q *request) {
	if _, _, err := s.app.Authorize(r.Context(), q.actor, q.org.Code, auth.DraftEntries); err != nil {
		s.fail(w, r, q, err)
		return
	}
	if !parseForm(w, r) {
		return
	}
	t := doc.Type(r.URL.Query().Get("type"))
	if !s.formType(w, r, q, t) {
		return
	}
	f := readDocForm(r, t)
	s.saveDocForm(w, r, q, f, app.Document{Document: doc.Document{Type: t}})
}

// documentSave reads the form of a draft, as documentCreate does.
func (s *server) documentSave(w http.ResponseWriter, r *http.Request, q *request) {
	ctx := r.Context()
	if _, _, err := s.app.Authorize(ctx, q.actor, q.org.Code, auth.DraftEntries); err != nil {
		s.fail(w, r, q, err)
		return
	}
	id, ok := documentID(r)
	if !ok {
		s.notFoundPage(w, r, q)
		return
	}
	if !parseForm(w, r) {
		return
	}
	x, err := s.app.GetDocument(ctx, q.actor, q.org.Code, id)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	if !s.formType(w, r, q, x.Type) {
		return
	}
	f := readDocForm(r, x.Type)
	f.ID = x.ID
	s.saveDocForm(w, r, q, f, x)
}

func (s *server) saveDocForm(w http.ResponseWriter, r *http.Request, q *request, f *docForm, x app.Document) {
	ctx := r.Context()
	if r.PostForm.Get("more") != "" {
		if f.Type == doc.Manual {
			n := min(len(f.Rows)+formRowsStep, maxFormRows)
			f.Rows = append(f.Rows, make([]formRow, n-len(f.Rows))...)
		} else {
			n := min(len(f.Lines)+docLinesStep, maxFormRows)
			f.Lines = append(f.Lines, newDocLines(f.Type, n-len(f.Lines))...)
		}
		s.renderDocForm(w, r, q, http.StatusOK, f)
		return
	}
	p := s.newPage(r, q, "")
	if !s.buildDocument(r, q, p, f, &x.Document) {
		f.FormErr = i18n.T(q.lang, "Correct the marked fields.")
		s.renderDocForm(w, r, q, http.StatusUnprocessableEntity, f)
		return
	}
	var saved app.Document
	var err error
	if x.ID == 0 {
		saved, err = s.app.CreateDocumentOnce(ctx, q.actor, q.org.Code, f.Key, x.Document)
	} else {
		x.Version = f.Version
		saved, err = s.app.SaveDocument(ctx, q.actor, q.org.Code, x)
	}
	if err != nil {
		switch ledger.ErrorCode(err) {
		case ledger.EInvalid, ledger.EConflict, ledger.ELocked:
			f.FormErr = i18n.Error(err, q.lang)
			s.renderDocForm(w, r, q, statusOf(err), f)
		default:
			s.fail(w, r, q, err)
		}
		return
	}
	if r.PostForm.Get("post") != "" && saved.Status == doc.Draft { // a resent form finds its document posted
		if _, _, err := s.app.PostDocument(ctx, q.actor, q.org.Code, saved.ID, saved.Version); err != nil {
			// The draft is saved; the page says why it is not posted.
			s.documentFailed(w, r, q, saved.ID, err)
			return
		}
	}
	http.Redirect(w, r, p.DocumentURL(saved.ID), http.StatusSeeOther)
}

// statusOf is the status of a refused form: 409 for a conflict, else 422.
func statusOf(err error) int {
	if ledger.IsCode(err, ledger.EConflict) {
		return http.StatusConflict
	}
	return http.StatusUnprocessableEntity
}

// readDocForm reads the form as typed.
func readDocForm(r *http.Request, t doc.Type) *docForm {
	v := r.PostForm
	get := func(k string) string { return strings.TrimSpace(v.Get(k)) }
	f := &docForm{Type: t, Date: get("date"), Counterparty: get("counterparty"), Contract: get("contract"),
		Warehouse: get("warehouse"), Comment: get("comment"), PricesIncludeVAT: v.Get("pvat") != "",
		Employee: get("employee"), CashFlow: get("cashflow"), Currency: get("currency"), Rate: get("rate"),
		Basis: get("basis"), Person: get("person"), Attachment: get("attachment")}
	f.Version, _ = strconv.ParseInt(v.Get("version"), 10, 64)
	if f.Key = get("key"); len(f.Key) > 64 || f.Key == "" {
		f.Key = newFormKey() // a form without one is shown again with one
	}
	n, _ := strconv.Atoi(v.Get("lines"))
	n = max(1, min(n, maxFormRows))
	f.Lines = make([]docFormLine, n)
	for i := range f.Lines {
		l := &f.Lines[i]
		is := strconv.Itoa(i)
		l.Item, l.Qty, l.Price, l.Amount = get("item"+is), get("qty"+is), get("price"+is), get("amt"+is)
		l.Service, l.VAT = v.Get("svc"+is) != "", get("vat"+is)
		l.Account, l.Counterparty, l.Supporting = get("acct"+is), get("cp"+is), get("sup"+is)
		l.Debit, l.Credit, l.CurAmount = get("deb"+is), get("cred"+is), get("cur"+is)
		l.Side.Account = get("ac" + is)
		for j := range l.Side.Codes {
			l.Side.Codes[j] = get("ac" + is + "_" + strconv.Itoa(j+1))
		}
	}
	if t == doc.Manual {
		f.Lines, f.Rows = nil, readRows(v, n)
	}
	return f
}

// buildDocument puts the form into x (keeping what the form does not
// show: the currency, "based on", a line's account), noting at its field
// what cannot be read. ok is false when something could not.
func (s *server) buildDocument(r *http.Request, q *request, p *page, f *docForm, x *doc.Document) bool {
	ok := true
	var err error
	if x.Date, err = parseDate(f.Date); err != nil {
		f.DateErr, ok = i18n.Error(err, q.lang), false
	}
	f.Names = map[string]string{}
	find := func(kind ledger.AnalyticKind, field, typed string, msg *string) ledger.AnalyticID {
		if typed == "" {
			return 0
		}
		m, err := s.app.FindAnalytic(r.Context(), q.actor, q.org.Code, kind, typed)
		if err != nil {
			*msg, ok = i18n.Error(err, q.lang), false
			return 0
		}
		f.Names[field] = m.Found.Names.In(q.lang)
		return m.Found.ID
	}
	if formOf(f.Type) != "document_form" {
		rd := &docReader{s: s, r: r, q: q, p: p, f: f, find: find}
		return rd.build(x) && ok
	}
	x.Counterparty = find(ledger.Counterparty, "counterparty", f.Counterparty, &f.CounterpartyErr)
	if f.Counterparty == "" {
		f.CounterpartyErr, ok = i18n.T(q.lang, "Choose the counterparty."), false
	}
	x.Contract = find(ledger.Contract, "contract", f.Contract, &f.ContractErr)
	x.Warehouse = find(ledger.Warehouse, "warehouse", f.Warehouse, &f.WarehouseErr)
	x.Comment, x.PricesIncludeVAT = f.Comment, f.PricesIncludeVAT
	if len(x.Comment) > doc.MaxComment {
		f.CommentErr, ok = i18n.Sprintf(q.lang, "the comment is longer than %d bytes", doc.MaxComment), false
	}
	exp, loc := docExp(p, x.Currency), money.Locale(q.lang)
	old := x.Lines
	x.Lines = nil
	for i := range f.Lines {
		l := &f.Lines[i]
		if l.empty() {
			continue
		}
		var line doc.Line
		if i < len(old) {
			line.Account = old[i].Account // what the form does not show stays
		}
		line.Service = l.Service
		line.Item = find(ledger.Item, "item"+strconv.Itoa(i), l.Item, &l.ItemErr)
		if l.Item == "" && !l.Service {
			l.ItemErr, ok = i18n.T(q.lang, "Choose the item, or mark the line as a service."), false
		}
		if l.Qty != "" {
			if v, err := money.Parse(l.Qty, ledger.QuantityExp, loc); err != nil {
				l.QtyErr, ok = i18n.Sprintf(q.lang, "%q is not a quantity", l.Qty), false
			} else {
				line.Qty = ledger.Quantity(v)
			}
		} else if !l.Service {
			l.QtyErr, ok = i18n.T(q.lang, "Enter the quantity."), false
		}
		for _, a := range []struct {
			typed string
			dst   *money.Amount
			msg   *string
		}{{l.Price, &line.Price, &l.PriceErr}, {l.Amount, &line.Amount, &l.AmtErr}} {
			if a.typed == "" {
				continue
			}
			if v, err := money.Parse(a.typed, exp, loc); err != nil {
				*a.msg, ok = i18n.Sprintf(q.lang, "%q is not an amount", a.typed), false
			} else {
				*a.dst = v
			}
		}
		if l.Price == "" && l.Amount == "" {
			l.AmtErr, ok = i18n.T(q.lang, "Enter the price or the amount."), false
		}
		line.VAT = doc.Rate(l.VAT)
		if !validRate(line.VAT) {
			l.RowErr, ok = i18n.Sprintf(q.lang, "VAT rate %q is not a percentage such as 15%% or the word exempt", l.VAT), false
		}
		x.Lines = append(x.Lines, line)
	}
	if len(x.Lines) == 0 && ok {
		f.Lines[0].RowErr, ok = i18n.T(q.lang, "Fill in at least one line: item, quantity and price."), false
	}
	return ok
}

func validRate(r doc.Rate) bool {
	for _, v := range docVATRates {
		if r == v {
			return true
		}
	}
	return false
}

// ListID is the id of line i's datalist of a field: ListID "item" 2 → "item2-list".
func (d *docFormData) ListID(prefix string, i int) string { return prefix + strconv.Itoa(i) + "-list" }

// ItemOptionsURL is where line i's item picker asks for suggestions.
func (d *docFormData) ItemOptionsURL(i int) string {
	return d.OptionsURL(ledger.Item, d.ListID("item", i), "item"+strconv.Itoa(i))
}

// HeadOptionsURL is where a field of the head asks for suggestions:
// counterparty, contract or warehouse.
func (d *docFormData) HeadOptionsURL(field string) string {
	kinds := map[string]ledger.AnalyticKind{"counterparty": ledger.Counterparty, "contract": ledger.Contract, "warehouse": ledger.Warehouse,
		"employee": ledger.Employee, "cashflow": ledger.CashFlowItem}
	return d.OptionsURL(kinds[field], field+"-list", field)
}

// headField is a picker of the form's head, as the head-field template
// draws it.
type headField struct{ Name, Label, Value, Err, URL, Found string }

// HeadField prepares the picker field of the head (counterparty, contract
// or warehouse).
func (d *docFormData) HeadField(field, label, value, err string) headField {
	return headField{Name: field, Label: label, Value: value, Err: err, URL: d.HeadOptionsURL(field), Found: d.Form.Name(field)}
}
