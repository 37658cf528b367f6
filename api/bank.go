package api

import (
	"net/http"
	"strconv"

	"hasap/app"
	"hasap/auth"
	"hasap/ledger"
	"hasap/money"
)

// Bank statements: POST /orgs/{org}/bank-statements?format=&mapping= takes
// the statement file as the body and answers the statements imported with
// what matching proposes for each line; GET /orgs/{org}/bank-statements/{id}
// reads one again (?offset=); POST .../{id}/confirm makes the documents of
// the lines chosen and posts them when asked (then with an Idempotency-Key).

// maxStatementBody is what an import may send: one statement file.
const maxStatementBody = app.MaxStatementFile

// BankProposal is what matching proposes for a line.
type BankProposal struct {
	Counterparty     string `json:"counterparty"` // code, "" for none
	CounterpartyRule string `json:"counterparty_rule"`
	Contract         string `json:"contract"`
	Invoice          int64  `json:"invoice"` // document id, 0 for none
	InvoiceRef       string `json:"invoice_ref"`
	InvoiceRule      string `json:"invoice_rule"`
	Sure             string `json:"sure"` // of the invoice, else of the counterparty: high, medium, low, none
}

// BankLine is a statement line with its proposal or its document.
type BankLine struct {
	Line         int          `json:"line"`
	Date         string       `json:"date"`
	Amount       string       `json:"amount"` // positive in, negative out
	Counterparty string       `json:"counterparty"`
	Account      string       `json:"counterparty_account"`
	Reference    string       `json:"reference"`
	Description  string       `json:"description"`
	Proposal     BankProposal `json:"proposal"`
	Document     int64        `json:"document"` // the document made from it, 0 for none
}

// BankRecon is a statement's reconciliation with the books.
type BankRecon struct {
	Account           string  `json:"account"`
	Opening           *string `json:"opening"` // null when the statement gives none
	Closing           *string `json:"closing"`
	BooksOpening      string  `json:"books_opening"`
	BooksClosing      string  `json:"books_closing"`
	OpeningDifference *string `json:"opening_difference"`
	ClosingDifference *string `json:"closing_difference"`
	NotPosted         string  `json:"not_posted"`
	NotPostedLines    int     `json:"not_posted_lines"`
}

// BankStatement is a statement with a page of its lines.
type BankStatement struct {
	ID             int64      `json:"id"`
	Format         string     `json:"format"`
	BankID         string     `json:"bank_id"`
	Account        string     `json:"account"`
	Currency       string     `json:"currency"`
	From           string     `json:"from"`
	To             string     `json:"to"`
	TotalLines     int        `json:"total_lines"`
	Offset         int        `json:"offset"`
	Lines          []BankLine `json:"lines"`
	Reconciliation BankRecon  `json:"reconciliation"`
}

// BankLineDocument is the document of a line.
type BankLineDocument struct {
	Line     int   `json:"line"`
	Document int64 `json:"document"`
}

// BankConfirmResult is what a confirmation did.
type BankConfirmResult struct {
	Made      int                `json:"made"`
	Posted    int                `json:"posted"`
	Already   int                `json:"already"`
	Documents []BankLineDocument `json:"documents"` // by line number
}

var sureWords = map[int]string{0: "none", 1: "low", 2: "medium", 3: "high"}

func bankStatementJSON(rv *app.StatementReview) BankStatement {
	exp := rv.Currency.Exponent
	dec := func(a money.Amount) string { return money.Decimal(a, exp) }
	opt := func(ok bool, a money.Amount) *string {
		if !ok {
			return nil
		}
		s := dec(a)
		return &s
	}
	r := rv.Recon
	out := BankStatement{ID: rv.ID, Format: rv.Format, BankID: rv.BankID, Account: rv.Account, Currency: rv.Currency.Code,
		From: rv.From.String(), To: rv.To.String(), TotalLines: rv.Total, Offset: rv.Offset, Lines: []BankLine{},
		Reconciliation: BankRecon{Account: string(r.Account), Opening: opt(r.HasOpening, r.Opening), Closing: opt(r.HasClosing, r.Closing),
			BooksOpening: dec(r.BooksOpening), BooksClosing: dec(r.BooksClosing), OpeningDifference: opt(r.HasOpening, r.OpeningDiff),
			ClosingDifference: opt(r.HasClosing, r.ClosingDiff), NotPosted: dec(r.NotPosted), NotPostedLines: r.NotPostedLines}}
	for _, l := range rv.Page {
		p := l.Proposal
		sure := p.InvoiceSure
		if p.InvoiceRule == "" {
			sure = p.CounterpartySure
		}
		bl := BankLine{Line: l.No, Date: l.Date.String(), Amount: dec(l.Amount), Counterparty: l.StatementLine.Counterparty,
			Account: l.CounterpartyAccount, Reference: l.Reference, Description: l.Description,
			Proposal: BankProposal{Counterparty: l.Counterparty.Code, CounterpartyRule: string(p.CounterpartyRule), Contract: l.Contract.Code,
				InvoiceRule: string(p.InvoiceRule), Sure: sureWords[int(sure)]}}
		if l.Invoice != nil {
			bl.Proposal.Invoice, bl.Proposal.InvoiceRef = l.Invoice.ID, l.Invoice.Ref()
		}
		if l.Document != nil {
			bl.Document = l.Document.ID
		}
		out.Lines = append(out.Lines, bl)
	}
	return out
}

// importStatements imports the statement file of the body.
func (s *server) importStatements(w http.ResponseWriter, r *http.Request, q *request) error {
	org, _, err := s.app.Authorize(r.Context(), q.actor, r.PathValue("org"), auth.DraftEntries)
	if err != nil {
		return err
	}
	var mapping int64
	if v := r.URL.Query().Get("mapping"); v != "" {
		if mapping, err = strconv.ParseInt(v, 10, 64); err != nil || mapping < 1 {
			return ledger.Errorf(ledger.EInvalid, "%s must be the id of a saved mapping", "mapping")
		}
	}
	sts, err := s.app.ImportStatement(r.Context(), q.actor, org.Code, app.ImportInput{Format: r.URL.Query().Get("format"), Mapping: mapping, File: r.Body})
	if err != nil {
		return err
	}
	out := struct {
		Statements []BankStatement `json:"statements"`
	}{Statements: []BankStatement{}}
	for _, st := range sts {
		rv, err := s.app.StatementReview(r.Context(), q.actor, org.Code, st.ID, app.ReviewQuery{Limit: app.MaxReviewLines})
		if err != nil {
			return err
		}
		out.Statements = append(out.Statements, bankStatementJSON(rv))
	}
	writeJSON(w, http.StatusCreated, out)
	return nil
}

func statementID(r *http.Request) (int64, error) {
	v := r.PathValue("id")
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id < 1 {
		return 0, ledger.Errorf(ledger.ENotFound, "statement %s does not exist", v)
	}
	return id, nil
}

// bankStatement reads a statement with a page of its lines (?offset=).
func (s *server) bankStatement(w http.ResponseWriter, r *http.Request, q *request) error {
	id, err := statementID(r)
	if err != nil {
		return err
	}
	offset := 0
	if v := r.URL.Query().Get("offset"); v != "" {
		if offset, err = strconv.Atoi(v); err != nil || offset < 0 {
			return ledger.Errorf(ledger.EInvalid, "%s must be a whole number of lines", "offset")
		}
	}
	rv, err := s.app.StatementReview(r.Context(), q.actor, r.PathValue("org"), id, app.ReviewQuery{Offset: offset, Limit: app.MaxReviewLines})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, bankStatementJSON(rv))
	return nil
}

type confirmInput struct {
	Lines []struct {
		Line         int    `json:"line"`
		Counterparty string `json:"counterparty"`
		Contract     string `json:"contract"`
		Invoice      int64  `json:"invoice"`
	} `json:"lines"`
	CashFlowIn  string `json:"cashflow_in"`
	CashFlowOut string `json:"cashflow_out"`
	Post        bool   `json:"post"`
}

// confirmStatement makes the documents of the lines given. A line that
// made its document before is left as it is (counted in already), so a
// retry makes nothing twice.
func (s *server) confirmStatement(w http.ResponseWriter, r *http.Request, q *request) error {
	org, _, err := s.app.Authorize(r.Context(), q.actor, r.PathValue("org"), auth.DraftEntries)
	if err != nil {
		return err
	}
	id, err := statementID(r)
	if err != nil {
		return err
	}
	var in confirmInput
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	if in.Post {
		if _, err := requiredIdemKey(r); err != nil {
			return err
		}
	}
	ci := app.ConfirmInput{CashFlowIn: in.CashFlowIn, CashFlowOut: in.CashFlowOut, Post: in.Post}
	for _, l := range in.Lines {
		ci.Lines = append(ci.Lines, app.LineChoice{Line: l.Line, Counterparty: l.Counterparty, Contract: l.Contract, Invoice: l.Invoice})
	}
	res, err := s.app.ConfirmStatement(r.Context(), q.actor, org.Code, id, ci)
	if err != nil {
		return err
	}
	out := BankConfirmResult{Made: res.Made, Posted: res.Posted, Already: res.Already, Documents: []BankLineDocument{}}
	for _, l := range ci.Lines {
		if d, ok := res.Documents[l.Line]; ok {
			out.Documents = append(out.Documents, BankLineDocument{Line: l.Line, Document: d})
		}
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}
