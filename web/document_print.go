package web

import (
	"bytes"
	"net/http"
	"strconv"

	"hasap/app"
	"hasap/doc"
	"hasap/i18n"
	"hasap/ledger"
	"hasap/money"
	"hasap/money/inwords"
	"hasap/printform"
)

// The printed form of a document: GET /o/{org}/documents/{id}/print is the
// HTML print view (the browser prints it on A4), …/pdf the same as a PDF
// to download. ?lang=tk|ru|en prints in another language than the page's
// (a Turkmen form from a Russian screen). Customer orders (as the invoice
// for payment, счёт на оплату), invoices, waybills, acts, supplier invoices
// and goods receipts print: a table of lines, the totals with VAT, the
// amount in words and the signature lines; payment orders and cash orders
// KO-1 and KO-2 too (document_print_cash.go).

// printCSP is the Content-Security-Policy of a printed form. The print view
// is one self-contained page whose layout is its own <style> block and the
// widths of its columns (printform), so it allows inline styles, and
// nothing else at all: no script of any origin, no images but data: URIs,
// no forms, no frames. Every text in it is escaped by html/template.
const printCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// printable are the document types with a printed form here.
var printable = map[doc.Type]bool{doc.Order: true, doc.SalesInvoice: true, doc.Waybill: true, doc.Act: true,
	doc.SupplierInvoice: true, doc.GoodsReceipt: true,
	doc.PaymentOut: true, doc.CashReceipt: true, doc.CashExpense: true,
	doc.Revaluation: true, doc.CloseMonth: true, doc.ProfitTax: true, doc.CloseYear: true}

// Printable reports whether the document has a printed form.
func (d *documentData) Printable() bool { return printable[d.Doc.Type] }

func (s *server) documentPrint(w http.ResponseWriter, r *http.Request, q *request) {
	s.printDocument(w, r, q, false)
}

func (s *server) documentPDF(w http.ResponseWriter, r *http.Request, q *request) {
	s.printDocument(w, r, q, true)
}

func (s *server) printDocument(w http.ResponseWriter, r *http.Request, q *request, pdf bool) {
	id, ok := documentID(r)
	if !ok {
		s.notFoundPage(w, r, q)
		return
	}
	x, err := s.app.GetDocument(r.Context(), q.actor, q.org.Code, id)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	lang := q.lang
	if l := r.URL.Query().Get("lang"); i18n.Valid(l) {
		lang = l
	}
	f, err := s.printedForm(r, q, x, lang)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	var buf bytes.Buffer
	render, ctype, ext := printform.HTML, "text/html; charset=utf-8", ".html"
	if pdf {
		render, ctype, ext = printform.PDF, "application/pdf", ".pdf"
	}
	if err := render(&buf, f); err != nil {
		s.fail(w, r, q, err)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Security-Policy", printCSP)
	if pdf {
		name := string(x.Type) + "-" + strconv.Itoa(x.Year) + "-" + strconv.FormatInt(x.Number, 10) + ext
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	}
	w.Write(buf.Bytes())
}

// printedForm lays document x out as a printed form in lang.
func (s *server) printedForm(r *http.Request, q *request, x app.Document, lang string) (printform.Form, error) {
	if !printable[x.Type] {
		return printform.Form{}, ledger.Errorf(ledger.EInvalid, "%s has no printed form yet", doc.Title(x.Type, lang))
	}
	switch x.Type {
	case doc.PaymentOut:
		return s.paymentOrderForm(r, q, x, lang)
	case doc.CashReceipt, doc.CashExpense:
		return s.cashOrderForm(r, q, x, lang)
	case doc.Revaluation, doc.CloseMonth, doc.ProfitTax, doc.CloseYear:
		return s.closingForm(r, q, x, lang)
	}
	an, err := s.docAnalytics(r, q, x)
	if err != nil {
		return printform.Form{}, err
	}
	name := func(id ledger.AnalyticID) string {
		if a, ok := an[id]; ok {
			if n := a.Names.In(lang); n != "" {
				return n
			}
			return a.Code
		}
		return ""
	}
	st, err := s.app.OrgSettings(r.Context(), q.actor, q.org.Code)
	if err != nil {
		return printform.Form{}, err
	}
	totals, err := doc.ComputeTotals(x.Document, st.Posting)
	if err != nil {
		return printform.Form{}, err
	}
	cur := q.org.Currency
	if x.Currency != "" {
		if cur, err = money.Lookup(x.Currency); err != nil {
			return printform.Form{}, err
		}
	}
	loc := money.Locale(lang)
	amt := func(a money.Amount) string { return money.Format(a, cur.Exponent, loc) }
	qty := (&page{Lang: lang, loc: loc}).Qty

	org, who, err := s.issuer(r, q, "")
	if err != nil {
		return printform.Form{}, err
	}
	other := printform.Party{Name: name(x.Counterparty)}
	if x.Type == doc.SupplierInvoice || x.Type == doc.GoodsReceipt {
		org.Role, other.Role = i18n.T(lang, "Buyer"), i18n.T(lang, "Supplier")
		org, other = other, org // the supplier issued it
	} else {
		org.Role, other.Role = i18n.T(lang, "Supplier"), i18n.T(lang, "Buyer")
	}
	f := printform.Form{Lang: lang, Title: doc.Title(x.Type, lang), Number: strconv.FormatInt(x.Number, 10), Date: x.Date,
		Issuer: org, Recipient: other, Stamp: true}
	if x.Type == doc.Order {
		// An order prints as the invoice for payment (счёт на оплату): the
		// buyer pays by it, naming its number.
		f.Title = i18n.T(lang, "Invoice for payment")
		f.Notes = i18n.Sprintf(lang, "Please pay by bank transfer, naming the invoice's number %d in the purpose of payment.", x.Number)
	}
	if c := name(x.Contract); c != "" {
		f.Fields = append(f.Fields, printform.Field{Label: i18n.T(lang, "Contract"), Value: c})
	}
	if x.Comment != "" {
		f.Notes = joinNotes(f.Notes, x.Comment)
	}
	f.Table.Columns = []printform.Column{
		{Header: "№", Align: printform.AlignCenter, Width: 4},
		{Header: i18n.T(lang, "Goods, works, services"), Width: 32},
		{Header: i18n.T(lang, "Quantity"), Align: printform.AlignRight, Width: 11},
		{Header: i18n.T(lang, "Price"), Align: printform.AlignRight, Width: 10},
		{Header: i18n.T(lang, "Amount without VAT"), Align: printform.AlignRight, Width: 12},
		{Header: i18n.T(lang, "VAT rate"), Align: printform.AlignRight, Width: 7},
		{Header: i18n.T(lang, "VAT"), Align: printform.AlignRight, Width: 10},
		{Header: i18n.T(lang, "Amount with VAT"), Align: printform.AlignRight, Width: 12},
	}
	for i, l := range x.Lines {
		lt := totals.Lines[i]
		row := []string{strconv.Itoa(i + 1), name(l.Item), "", "", amt(lt.Net), rateName(lt.Rate, lang), amt(lt.VAT), amt(lt.Gross)}
		if l.Qty != 0 {
			row[2] = qty(l.Qty)
		}
		if l.Price != 0 {
			row[3] = amt(l.Price)
		}
		f.Table.Rows = append(f.Table.Rows, row)
	}
	f.Table.Totals = [][]string{{i18n.T(lang, "Total"), amt(totals.Net), "", amt(totals.VAT), amt(totals.Gross)}}
	words, err := inwords.Amount(totals.Gross, cur.Code, lang)
	if err == nil {
		f.AmountInWords = inwords.Capitalize(words)
	}
	f.Signatures = []printform.Signature{{Role: i18n.T(lang, "Director")}, {Role: i18n.T(lang, "Chief accountant")}}
	if x.Type != doc.SupplierInvoice && x.Type != doc.GoodsReceipt { // the organisation issued it: its people sign
		f.Signatures[0].Name, f.Signatures[1].Name = who.Director, who.ChiefAccountant
	}
	return f, nil
}

// joinNotes puts the document's comment under the form's own notes.
func joinNotes(notes, comment string) string {
	if notes == "" {
		return comment
	}
	return notes + "\n" + comment
}
