package web

import (
	"net/http"
	"strconv"
	"strings"

	"hasap/app"
	"hasap/auth"
	"hasap/doc"
	"hasap/i18n"
	"hasap/internal/httpx"
	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

// documentsPage is how many documents a page of the documents journal shows.
const documentsPage = 50

// docStatuses are the statuses the documents journal filters by.
var docStatuses = []doc.Status{doc.Draft, doc.Posted, doc.Cancelled}

type documentsData struct {
	*page
	Filter documentsFilter
	Rows   []docRow
	Older  string // the address of the next (older) page, "" on the last
}

// documentsFilter is the documents journal's query as typed.
type documentsFilter struct {
	Type, Status, From, To, Counterparty string
	Found, CounterpartyErr               string
	Choices                              []ledger.Analytic
}

// docRow is one line of the documents journal.
type docRow struct {
	URL, Title, Counterparty, Author string
	Date                             ledger.Date
	Number                           int64
	Status                           doc.Status
	Gross                            string // the amount with VAT in the document's currency, "" when it does not add up
}

// TypeOptions lists the document types for the filter, by their titles.
func (p *page) TypeOptions() []typeOption {
	out := make([]typeOption, 0, len(doc.Types))
	for _, t := range doc.Types {
		out = append(out, typeOption{Value: string(t), Title: doc.Title(t, p.Lang)})
	}
	return out
}

type typeOption struct{ Value, Title string }

// StatusOptions lists the statuses for the filter.
func (p *page) StatusOptions() []doc.Status { return docStatuses }

// StatusName is a document status in the page's language.
func (p *page) StatusName(s doc.Status) string {
	switch s {
	case doc.Draft:
		return i18n.T(p.Lang, "draft")
	case doc.Posted:
		return i18n.T(p.Lang, "posted")
	case doc.Cancelled:
		return i18n.T(p.Lang, "cancelled")
	}
	return string(s)
}

// DocumentURL is the address of document id.
func (p *page) DocumentURL(id int64) string { return p.O("/documents/" + strconv.FormatInt(id, 10)) }

// CounterpartyOptionsURL is where the filter's counterparty field asks
// for suggestions.
func (d *documentsData) CounterpartyOptionsURL() string {
	return d.OptionsURL(ledger.Counterparty, "f-cp-list", "counterparty")
}

// documents lists the organisation's documents newest first, filtered by
// type, status, period and counterparty (its code, or a part of its code
// or name), a page at a time: "older" continues below the last document
// shown (a cursor of ids, so that documents created meanwhile shift
// nothing).
func (s *server) documents(w http.ResponseWriter, r *http.Request, q *request) {
	v := r.URL.Query()
	fv := documentsFilter{Type: v.Get("type"), Status: v.Get("status"), From: v.Get("from"), To: v.Get("to"),
		Counterparty: strings.TrimSpace(v.Get("counterparty"))}
	p := s.newPage(r, q, i18n.T(q.lang, "Documents"))
	p.Nav = "documents"
	f := store.DocumentFilter{Limit: documentsPage + 1}
	var ferr error
	if fv.Type != "" && !doc.Type(fv.Type).Valid() {
		ferr = ledger.Errorf(ledger.EInvalid, "unknown document type %q", fv.Type)
	}
	f.Type = fv.Type
	if fv.Status != "" && fv.Status != string(doc.Draft) && fv.Status != string(doc.Posted) && fv.Status != string(doc.Cancelled) {
		ferr = ledger.Errorf(ledger.EInvalid, "unknown document status %q", fv.Status)
	}
	f.Status = fv.Status
	var err error
	if f.From, err = optDate(fv.From); err != nil {
		ferr = err
	}
	if f.To, err = optDate(fv.To); err != nil {
		ferr = err
	}
	if b := v.Get("before"); b != "" {
		if f.BeforeID, err = strconv.ParseInt(b, 10, 64); err != nil || f.BeforeID <= 0 {
			ferr = ledger.Errorf(ledger.EInvalid, "%q is not a page of the journal", b)
		}
	}
	var aerr error
	if fv.Counterparty != "" {
		var m app.AnalyticMatch
		m, aerr = s.app.FindAnalytic(r.Context(), q.actor, q.org.Code, ledger.Counterparty, fv.Counterparty)
		fv.Choices = m.Choices
		if aerr == nil {
			f.Counterparty, fv.Found = m.Found.ID, analyticLabel(m.Found, q.lang)
		} else if c := ledger.ErrorCode(aerr); c != ledger.EInvalid && c != ledger.ENotFound {
			s.fail(w, r, q, aerr)
			return
		}
	}
	if ferr != nil || aerr != nil {
		p.Error, fv.CounterpartyErr = i18n.Error(ferr, q.lang), i18n.Error(aerr, q.lang)
		s.render(w, r, http.StatusUnprocessableEntity, "documents", "", &documentsData{page: p, Filter: fv})
		return
	}
	docs, err := s.app.ListDocuments(r.Context(), q.actor, q.org.Code, f)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	d := &documentsData{page: p, Filter: fv}
	if len(docs) > documentsPage {
		docs = docs[:documentsPage]
		d.Older = olderPage(p, "/documents", v, docs[len(docs)-1].ID)
	}
	var ids []ledger.AnalyticID
	for _, x := range docs {
		if x.Counterparty != 0 {
			ids = append(ids, x.Counterparty)
		}
	}
	an, err := s.app.AnalyticsByID(r.Context(), q.actor, q.org.Code, ids)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	settings, serr := s.postingSettings(r, q)
	for _, x := range docs {
		row := docRow{URL: p.DocumentURL(x.ID), Title: doc.Title(x.Type, q.lang), Author: x.Author, Date: x.Date,
			Number: x.Number, Status: x.Status}
		if a, ok := an[x.Counterparty]; ok {
			row.Counterparty = a.Names.In(q.lang)
		}
		if serr == nil && len(x.Lines) > 0 {
			if t, err := doc.ComputeTotals(x.Document, settings); err == nil {
				row.Gross = p.docMoney(t.Gross, x.Currency)
			}
		}
		d.Rows = append(d.Rows, row)
	}
	s.render(w, r, http.StatusOK, "documents", "", d)
}

// analyticLabel is "code · name" of a catalog entry.
func analyticLabel(a ledger.Analytic, lang string) string {
	if n := a.Names.In(lang); n != "" {
		return a.Code + " · " + n
	}
	return a.Code
}

// docAnalytics reads the catalog entries document x names: its refs,
// its lines' refs and its postings' analytics.
func (s *server) docAnalytics(r *http.Request, q *request, x app.Document) (map[ledger.AnalyticID]ledger.Analytic, error) {
	ids := refIDs(nil, x.Refs)
	for _, l := range x.Lines {
		ids = refIDs(ids, l.Refs)
	}
	for _, p := range x.Postings {
		ids = append(append(ids, p.Debit.Analytics[:]...), p.Credit.Analytics[:]...)
	}
	return s.app.AnalyticsByID(r.Context(), q.actor, q.org.Code, ids)
}

// docMoney writes an amount of a document: in the base currency without a
// code, in a foreign one with it.
func (p *page) docMoney(a money.Amount, cur string) string {
	if cur == "" || cur == p.Org.Currency.Code {
		return p.Money(a)
	}
	return p.Cur(a, cur)
}

type documentData struct {
	*page
	Doc          app.Document
	Heading      string
	Counterparty string
	Contract     string
	Warehouse    string
	Employee     string
	CashFlow     string
	Form         string // the form of its type (formOf): which columns its lines have
	Lines        []docLineView
	// Postings: the entry's when posted, else a manual operation's as
	// typed; Names names their accounts and analytics.
	Postings     []ledger.Posting
	PostingTotal money.Amount
	Names        names
	Net, VAT     string
	Gross        string
	TotalsErr    string // why the totals could not be worked out
	BasedOn      *app.Document
	Derived      []docRow      // the documents created from this one, newest first
	Entry        *ledger.Entry // the posted entry, when posted
	CanEdit      bool          // a form of this type is in the pages
	// Reval: what a revaluation revalued, with the rates; RevalErr why it
	// cannot be worked out.
	Reval    *revalView
	RevalErr string
	// DeriveKey is the idempotency key of the "create based on" buttons: a
	// double click or a resent form makes one document.
	DeriveKey string
	counter   string // CounterAccount
}

// docLineView is a line of a document as the page shows it.
type docLineView struct {
	Item, Qty, Price, Amount, Rate, VAT, Gross string
	Service                                    bool
	// Account, Analytics, Counterparty, Supporting: of payments, advance
	// reports and opening balances; Debit or Credit, CurAmount: of an
	// opening balance.
	Account                             ledger.AccountCode
	Analytics, Counterparty, Supporting string
	Debit, Credit, CurAmount            string
}

// document shows one document as an accountant reads it, with the actions
// its status and the user's role allow.
func (s *server) document(w http.ResponseWriter, r *http.Request, q *request) {
	id, ok := documentID(r)
	if !ok {
		s.notFoundPage(w, r, q)
		return
	}
	s.showDocument(w, r, q, id, http.StatusOK, "")
}

// documentID reads {id} from the path.
func documentID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}

// showDocument renders the document page, with msg (a failed action's
// message) above it when msg ≠ "".
func (s *server) showDocument(w http.ResponseWriter, r *http.Request, q *request, id int64, status int, msg string) {
	ctx := r.Context()
	x, err := s.app.GetDocument(ctx, q.actor, q.org.Code, id)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	title := doc.Describe(x.Document, q.lang)
	p := s.newPage(r, q, title)
	p.Nav = "documents"
	p.Error = msg
	d := &documentData{page: p, Doc: x, Heading: title, CanEdit: formTypes[x.Type]}
	an, err := s.docAnalytics(r, q, x)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	name := func(id ledger.AnalyticID) string {
		if id == 0 {
			return ""
		}
		if a, ok := an[id]; ok {
			return analyticLabel(a, q.lang)
		}
		return "#" + strconv.FormatInt(int64(id), 10)
	}
	d.Counterparty, d.Contract, d.Warehouse = name(x.Counterparty), name(x.Contract), name(x.Warehouse)
	d.Employee, d.CashFlow, d.Form = name(x.Employee), name(x.CashFlow), formOf(x.Type)
	exp := p.exp
	if x.Currency != "" {
		if c, err := money.Lookup(x.Currency); err == nil {
			exp = c.Exponent
		}
	}
	amt := func(a money.Amount) string { return money.Format(a, exp, p.loc) }
	var totals doc.Totals
	switch d.Form {
	case "document_form", "document_form_advance": // with VAT
		settings, err := s.postingSettings(r, q)
		if err == nil {
			totals, err = doc.ComputeTotals(x.Document, settings)
		}
		if err != nil {
			d.TotalsErr = i18n.Error(err, q.lang)
		} else {
			d.Net, d.VAT, d.Gross = amt(totals.Net), amt(totals.VAT), amt(totals.Gross)
		}
	case "document_form_pay": // the amounts paid
		if st, err := s.postingSettings(r, q); err == nil {
			d.counter = counterAccount(st, x.Type)
		}
		var sum money.Amount
		for _, l := range x.Lines {
			if sum, err = money.Add(sum, l.Amount); err != nil {
				d.TotalsErr = i18n.Error(ledger.Errorf(ledger.EInvalid, "an amount is out of range"), q.lang)
				break
			}
		}
		if err == nil {
			d.Gross = amt(sum)
		}
	}
	for i, l := range x.Lines {
		v := docLineView{Item: name(l.Item), Service: l.Service, Rate: rateName(l.VAT, q.lang), Account: l.Account,
			Counterparty: name(l.Counterparty), Supporting: l.Supporting}
		if x.Type == doc.OpeningBalances {
			d.Lines = append(d.Lines, openingLineView(p, l, v, name, exp))
			continue
		}
		if l.Qty != 0 {
			v.Qty = p.Qty(l.Qty)
		}
		if l.Price != 0 {
			v.Price = amt(l.Price)
		}
		if l.Amount != 0 {
			v.Amount = amt(l.Amount)
		}
		if i < len(totals.Lines) {
			lt := totals.Lines[i]
			v.Rate, v.VAT, v.Gross = rateName(lt.Rate, q.lang), amt(lt.VAT), amt(lt.Gross)
			if x.PricesIncludeVAT {
				v.Amount = amt(lt.Gross)
			} else {
				v.Amount = amt(lt.Net)
			}
		}
		d.Lines = append(d.Lines, v)
	}
	if x.BasedOn != 0 {
		if b, err := s.app.GetDocument(ctx, q.actor, q.org.Code, x.BasedOn); err == nil {
			d.BasedOn = &b
		}
	}
	if x.Status == doc.Posted && x.Entry != 0 {
		if e, err := s.app.EntryBySeq(ctx, q.actor, q.org.Code, x.Entry); err == nil {
			d.Entry = &e
			d.Postings = e.Postings
		}
	}
	if d.Postings == nil {
		d.Postings = x.Postings
	}
	if len(d.Postings) > 0 {
		if d.Names, err = s.names(r, q, p, []ledger.Entry{{Postings: d.Postings}}); err != nil {
			s.fail(w, r, q, err)
			return
		}
		for _, pst := range d.Postings {
			if d.PostingTotal, err = money.Add(d.PostingTotal, pst.Amount); err != nil {
				s.fail(w, r, q, ledger.Errorf(ledger.EInvalid, "turnover out of range"))
				return
			}
		}
	}
	if x.Type == doc.Revaluation {
		d.Reval, err = s.revaluation(r, q, x.ID, q.lang, p.Date, d.Postings)
		switch {
		case ledger.IsCode(err, ledger.EInvalid): // a draft without its rate
			d.RevalErr = i18n.Error(err, q.lang)
		case err != nil:
			s.fail(w, r, q, err)
			return
		}
	}
	derived, err := s.app.DocumentsBasedOn(ctx, q.actor, q.org.Code, x.ID)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	for _, y := range derived {
		d.Derived = append(d.Derived, docRow{URL: p.DocumentURL(y.ID), Title: doc.Describe(y.Document, q.lang), Status: y.Status})
	}
	d.DeriveKey = newFormKey()
	s.render(w, r, status, "document", "", d)
}

// openingLineView is an opening balance line as the page shows it: the
// account with its analytics, the balance in the Dt or the Kt column.
func openingLineView(p *page, l doc.Line, v docLineView, name func(ledger.AnalyticID) string, exp int) docLineView {
	var an []string
	for _, id := range refIDs(nil, l.Refs) {
		an = append(an, name(id))
	}
	v.Analytics = strings.Join(an, "; ")
	credit := l.Amount < 0 || l.Amount == 0 && (l.CurAmount < 0 || l.Qty < 0)
	abs := func(a money.Amount) money.Amount {
		if a < 0 {
			return -a
		}
		return a
	}
	if credit {
		v.Credit = p.Money(abs(l.Amount))
	} else {
		v.Debit = p.Money(abs(l.Amount))
	}
	if l.Qty != 0 {
		v.Qty = p.Qty(ledger.Quantity(abs(money.Amount(l.Qty))))
	}
	if l.CurAmount != 0 {
		v.CurAmount = money.Format(abs(l.CurAmount), exp, p.loc)
	}
	return v
}

// rateName writes a VAT rate: "15 %", "0 %", "exempt" in the language.
func rateName(r doc.Rate, lang string) string {
	switch r {
	case "":
		return ""
	case doc.Exempt:
		return i18n.T(lang, "exempt")
	}
	return strings.TrimSuffix(string(r), "%") + " %"
}

// DescribeDoc names another document as paper does.
func (d *documentData) DescribeDoc(x *app.Document) string { return doc.Describe(x.Document, d.Lang) }

// CounterAccount is the account of a payment's line that names none: the
// rule's, in the organisation's posting settings.
func (d *documentData) CounterAccount() string { return d.counter }

// IsCash reports a cash order (KO-1, KO-2).
func (d *documentData) IsCash() bool {
	return d.Doc.Type == doc.CashReceipt || d.Doc.Type == doc.CashExpense
}

// IsDraft, IsPosted and IsCancelled tell the page which actions apply.
func (d *documentData) IsDraft() bool     { return d.Doc.Status == doc.Draft }
func (d *documentData) IsPosted() bool    { return d.Doc.Status == doc.Posted }
func (d *documentData) IsCancelled() bool { return d.Doc.Status == doc.Cancelled }

// DeriveTypes are the types a document may be created from this one as
// (doc.DerivableFrom), by their titles: none for a cancelled document.
func (d *documentData) DeriveTypes() []typeOption {
	if d.IsCancelled() {
		return nil
	}
	var out []typeOption
	for _, t := range doc.DerivableFrom(d.Doc.Type) {
		out = append(out, typeOption{Value: string(t), Title: doc.Title(t, d.Lang)})
	}
	return out
}

// documentDerive handles POST /documents/{id}/derive: it creates a draft
// of the type asked for from the document (dated today), then opens its
// form (303), or the document page of a type the pages have no form for;
// on failure the document again with the reason, nothing made.
func (s *server) documentDerive(w http.ResponseWriter, r *http.Request, q *request) {
	id, ok := documentID(r)
	if !ok {
		s.notFoundPage(w, r, q)
		return
	}
	if !parseForm(w, r) {
		return
	}
	key := r.PostForm.Get("key")
	if len(key) > 64 {
		key = ""
	}
	if key != "" {
		key = "derive:" + key // apart from the new-document form's keys
	}
	to := doc.Type(r.PostForm.Get("type"))
	made, err := s.app.DeriveDocument(r.Context(), q.actor, q.org.Code, key, id, to, dateOf(q.now))
	if err != nil {
		s.documentFailed(w, r, q, id, err)
		return
	}
	u := s.newPage(r, q, "").DocumentURL(made.ID)
	if formTypes[made.Type] {
		u += "/edit"
	}
	http.Redirect(w, r, u, http.StatusSeeOther)
}

// Posts reports whether the document's type posts (an order does not).
func (d *documentData) Posts() bool { return d.Doc.Type.Posts() && !d.Doc.Type.Closing() }

// Closing reports whether the document is a closing one, posted and
// unposted on the month close page.
func (d *documentData) Closing() bool { return d.Doc.Type.Closing() }

// CloseURL is the month close page of the document's month.
func (d *documentData) CloseURL() string { return d.O("/close?month=" + monthString(d.Doc.Date)) }

// documentAction handles POST /documents/{id}/{action}: post, unpost,
// cancel (a draft) or restore (a cancelled document to a draft), of the
// version the page showed; then the document again (303), or the document
// with the reason it could not be done, nothing changed.
func (s *server) documentAction(action string) func(http.ResponseWriter, *http.Request, *request) {
	return func(w http.ResponseWriter, r *http.Request, q *request) {
		id, ok := documentID(r)
		if !ok {
			s.notFoundPage(w, r, q)
			return
		}
		if !parseForm(w, r) {
			return
		}
		version, verr := strconv.ParseInt(r.PostForm.Get("version"), 10, 64)
		if verr != nil {
			version = -1 // a form without its version is stale by definition
		}
		err := s.runDocumentAction(r, q, action, id, version)
		if err == nil {
			http.Redirect(w, r, s.newPage(r, q, "").DocumentURL(id), http.StatusSeeOther)
			return
		}
		s.documentFailed(w, r, q, id, err)
	}
}

// documentFailed shows why an action on document id failed: on the
// document's page for a rule broken, as an error page for the rest.
func (s *server) documentFailed(w http.ResponseWriter, r *http.Request, q *request, id int64, err error) {
	code := ledger.ErrorCode(err)
	switch code {
	case ledger.EInternal, ledger.ENotFound, ledger.EUnauthorized, ledger.EForbidden:
		s.fail(w, r, q, err)
		return
	}
	status := httpx.Status(code)
	if status < 400 || status >= 500 {
		status = http.StatusUnprocessableEntity
	}
	s.showDocument(w, r, q, id, status, i18n.Error(err, q.lang))
}

func (s *server) runDocumentAction(r *http.Request, q *request, action string, id, version int64) error {
	ctx := r.Context()
	switch action {
	case "post":
		_, _, err := s.app.PostDocument(ctx, q.actor, q.org.Code, id, version)
		return err
	case "unpost":
		_, _, err := s.app.UnpostDocument(ctx, q.actor, q.org.Code, id, version)
		return err
	}
	if _, _, err := s.app.Authorize(ctx, q.actor, q.org.Code, auth.DraftEntries); err != nil {
		return err
	}
	x, err := s.app.GetDocument(ctx, q.actor, q.org.Code, id)
	if err != nil {
		return err
	}
	if action == "restore" && x.Status != doc.Cancelled {
		return ledger.Errorf(ledger.EConflict, "document %d was changed by someone else meanwhile; open it again", id)
	}
	x.Version = version
	if action == "cancel" {
		x.Status = doc.Cancelled
	} else {
		x.Status = doc.Draft
	}
	_, err = s.app.SaveDocument(ctx, q.actor, q.org.Code, x)
	return err
}
