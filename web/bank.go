package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"hasap/app"
	"hasap/auth"
	"hasap/bankmatch"
	"hasap/doc"
	"hasap/i18n"
	"hasap/ledger"
)

// Bank statements (issue 4): /o/{org}/bank lists the statements imported
// and uploads a new one (form fields: format = mt940 | camt053 | csv,
// mapping = the id of a saved CSV mapping, file = the statement file);
// /o/{org}/bank/{id} is a statement's review: what matching proposes for
// each line, corrected and confirmed there (fields per line N: take_N = 1
// to make its document, cp_N the counterparty's code, contract_N the
// contract's code, invoice_N the id of the invoice it settles; for the
// whole form: cashflow_in, cashflow_out, post = 1 to post, action = check
// or confirm); /o/{org}/bank/mappings/... edits the saved CSV mappings.

// maxStatementUpload is what an upload to /o/{org}/bank may send: the file
// and the form around it.
const maxStatementUpload = app.MaxStatementFile + 64<<10

// isBankUpload reports whether path is /o/{org}/bank, whose POST may send
// maxStatementUpload bytes (limitBody).
func isBankUpload(path string) bool {
	rest, ok := strings.CutPrefix(path, "/o/")
	if !ok {
		return false
	}
	org, tail, ok := strings.Cut(rest, "/")
	return ok && org != "" && tail == "bank"
}

type bankData struct {
	*page
	Statements []app.StatementSummary
	Mappings   []app.BankMapping
	Format     string
	Mapping    int64
	Older      string
}

// Formats are the statement formats of the upload form.
func (p *page) Formats() []option {
	return []option{{app.FormatMT940, "MT940"}, {app.FormatCAMT053, "ISO 20022 camt.053"}, {app.FormatCSV, p.T("CSV with a saved mapping")}}
}

// StatementURL is the address of a statement's review.
func (p *page) StatementURL(id int64) string { return p.O("/bank/" + strconv.FormatInt(id, 10)) }

// MappingURL is the address of a mapping's editor.
func (p *page) MappingURL(id int64) string {
	return p.O("/bank/mappings/" + strconv.FormatInt(id, 10))
}

// bank lists the imported statements, newest first, with the upload form.
func (s *server) bank(w http.ResponseWriter, r *http.Request, q *request) {
	s.renderBank(w, r, q, http.StatusOK, "", app.FormatMT940, 0)
}

func (s *server) renderBank(w http.ResponseWriter, r *http.Request, q *request, status int, msg, format string, mapping int64) {
	before, _ := strconv.ParseInt(r.URL.Query().Get("before"), 10, 64)
	sts, err := s.app.ListStatements(r.Context(), q.actor, q.org.Code, before, 0)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	ms, err := s.app.BankMappings(r.Context(), q.actor, q.org.Code)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	p := s.newPage(r, q, i18n.T(q.lang, "Bank statements"))
	p.Nav, p.Error = "bank", msg
	d := &bankData{page: p, Statements: sts, Mappings: ms, Format: format, Mapping: mapping}
	if len(sts) == 50 {
		d.Older = p.O("/bank?before=" + strconv.FormatInt(sts[len(sts)-1].ID, 10))
	}
	s.render(w, r, status, "bank", "", d)
}

// bankUpload imports the uploaded statement file and shows the review of
// its first statement. A file that does not read, or was imported before,
// comes back to the form with the reason.
func (s *server) bankUpload(w http.ResponseWriter, r *http.Request, q *request) {
	if _, _, err := s.app.Authorize(r.Context(), q.actor, q.org.Code, auth.DraftEntries); err != nil {
		s.fail(w, r, q, err)
		return
	}
	if err := r.ParseMultipartForm(4 << 20); err != nil {
		s.renderBank(w, r, q, http.StatusUnprocessableEntity, i18n.T(q.lang, "Choose a statement file to upload."), app.FormatMT940, 0)
		return
	}
	defer r.MultipartForm.RemoveAll()
	format := r.FormValue("format")
	mapping, _ := strconv.ParseInt(r.FormValue("mapping"), 10, 64)
	file, _, err := r.FormFile("file")
	if err != nil {
		s.renderBank(w, r, q, http.StatusUnprocessableEntity, i18n.T(q.lang, "Choose a statement file to upload."), format, mapping)
		return
	}
	defer file.Close()
	sts, err := s.app.ImportStatement(r.Context(), q.actor, q.org.Code, app.ImportInput{Format: format, Mapping: mapping, File: file})
	if err != nil {
		if c := ledger.ErrorCode(err); c == ledger.EInvalid || c == ledger.EConflict || c == ledger.ENotFound {
			s.renderBank(w, r, q, bankStatus(c), i18n.Error(err, q.lang), format, mapping)
			return
		}
		s.fail(w, r, q, err)
		return
	}
	http.Redirect(w, r, "/o/"+url.PathEscape(q.org.Code)+"/bank/"+strconv.FormatInt(sts[0].ID, 10), http.StatusSeeOther)
}

// bankStatus is the status of a form refused for code.
func bankStatus(c ledger.Code) int {
	switch c {
	case ledger.EConflict:
		return http.StatusConflict
	case ledger.ENotFound:
		return http.StatusNotFound
	}
	return http.StatusUnprocessableEntity
}

// statementID reads the {id} of the path; 0 when it is not a number.
func statementID(r *http.Request) int64 {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0
	}
	return id
}

// DocTitle is the name of a document type in the page's language.
func (p *page) DocTitle(t doc.Type) string { return doc.Title(t, p.Lang) }

// RuleWord is the name of a matching rule, for the review page.
func (p *page) RuleWord(r bankmatch.Rule) string {
	switch r {
	case bankmatch.ByTaxID:
		return p.T("by tax id")
	case bankmatch.ByAccount:
		return p.T("by bank account")
	case bankmatch.ByName:
		return p.T("by name")
	case bankmatch.ByInvoice:
		return p.T("by the invoice")
	case bankmatch.ByReference:
		return p.T("by the number in the payment's text")
	case bankmatch.ByAmount:
		return p.T("by the amount")
	case bankmatch.OnlyItem:
		return p.T("the only open invoice")
	}
	return ""
}

// SureWord says how sure a proposal is.
func (p *page) SureWord(s bankmatch.Sure) string {
	switch s {
	case bankmatch.High:
		return p.T("sure")
	case bankmatch.Medium:
		return p.T("likely")
	case bankmatch.Low:
		return p.T("a guess: check it")
	}
	return ""
}
