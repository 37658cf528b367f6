package app

import (
	"context"

	"hasap/auth"
	"hasap/bankmatch"
	"hasap/doc"
	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

// OpenInvoice is an invoice not yet wholly paid: an open item a statement
// line may settle.
type OpenInvoice struct {
	ID                     int64
	Type                   doc.Type
	Year                   int
	Number                 int64
	Date                   ledger.Date
	Counterparty, Contract ledger.AnalyticID
	// Remainder is what is still to pay, in Currency (an ISO code).
	Remainder money.Amount
	Currency  string
}

// Ref is the invoice's reference, "sales_invoice/2025/12".
func (o OpenInvoice) Ref() string {
	return doc.Document{Type: o.Type, Year: o.Year, Number: o.Number}.Ref()
}

// receivable reports whether documents of type t are paid by money in.
func receivable(t doc.Type) (invoice, in bool) {
	switch t {
	case doc.SalesInvoice, doc.Waybill, doc.Act:
		return true, true
	case doc.SupplierInvoice, doc.GoodsReceipt:
		return true, false
	}
	return false, false
}

// maxScannedDocuments bounds the documents read to work out open items.
const maxScannedDocuments = 20 * store.MaxDocumentLimit

// openInvoices works out the open items of money in (receivables) and of
// money out (payables): the posted invoices, waybills, acts, supplier
// invoices and goods receipts (a waybill or receipt made from an invoice is
// that invoice's, not a second debt) less the payments made from them
// (payments not cancelled: a draft made from a statement line counts, so
// that another line is not matched to the same invoice again).
func (a *App) openInvoices(ctx context.Context, org ledger.Org) (in, out []OpenInvoice, err error) {
	st, err := a.orgSettings(ctx, org)
	if err != nil {
		return nil, nil, err
	}
	settings := st.Posting
	var invoices []OpenInvoice
	paid := map[int64]map[string]money.Amount{}
	for before, n := int64(0), 0; n < maxScannedDocuments; {
		page, err := a.Store.ListDocuments(ctx, org.ID, store.DocumentFilter{BeforeID: before, Limit: store.MaxDocumentLimit, From: ledger.NoDate, To: ledger.NoDate})
		if err != nil {
			return nil, nil, err
		}
		for _, sd := range page {
			d, err := fromStore(sd)
			if err != nil {
				return nil, nil, err
			}
			cur := d.Currency
			if cur == "" {
				cur = org.Currency.Code
			}
			switch {
			case d.Status == doc.Cancelled:
			case (d.Type == doc.PaymentIn || d.Type == doc.PaymentOut) && d.BasedOn != 0:
				if paid[d.BasedOn] == nil {
					paid[d.BasedOn] = map[string]money.Amount{}
				}
				for _, l := range d.Lines {
					if paid[d.BasedOn][cur], err = money.Add(paid[d.BasedOn][cur], l.Amount); err != nil {
						return nil, nil, ledger.Errorf(ledger.EInvalid, "the payments of document %d are out of range", d.BasedOn)
					}
				}
			case d.Status == doc.Posted:
				isInvoice, _ := receivable(d.Type)
				if based, ok := basedOnInvoice(d, page); !isInvoice || ok && based {
					continue
				}
				t, err := doc.ComputeTotals(d.Document, settings)
				if err != nil {
					continue
				}
				invoices = append(invoices, OpenInvoice{ID: d.ID, Type: d.Type, Year: d.Year, Number: d.Number, Date: d.Date,
					Counterparty: d.Counterparty, Contract: d.Contract, Remainder: t.Gross, Currency: cur})
			}
		}
		n += len(page)
		if len(page) < store.MaxDocumentLimit {
			break
		}
		before = page[len(page)-1].ID
	}
	for _, inv := range invoices {
		rest, err := money.Sub(inv.Remainder, paid[inv.ID][inv.Currency])
		if err != nil || rest <= 0 {
			continue
		}
		inv.Remainder = rest
		if _, isIn := receivable(inv.Type); isIn {
			in = append(in, inv)
		} else {
			out = append(out, inv)
		}
	}
	return in, out, nil
}

// basedOnInvoice reports whether d (a waybill or goods receipt) was made
// from an invoice; ok is false when that cannot be told from page.
func basedOnInvoice(d Document, page []store.Document) (based, ok bool) {
	if d.BasedOn == 0 || d.Type == doc.SalesInvoice || d.Type == doc.SupplierInvoice {
		return false, true
	}
	for _, p := range page {
		if p.ID == d.BasedOn {
			isInvoice, _ := receivable(doc.Type(p.Type))
			return isInvoice, true
		}
	}
	return true, false
}

// LineReview is a statement line with what matching proposes for it, or
// the document made from it.
type LineReview struct {
	No int // from 1
	StatementLine
	Type     doc.Type // PaymentIn for money in, PaymentOut for money out
	Proposal bankmatch.Proposal
	// Counterparty, Contract and Invoice are the proposal's (or the
	// accountant's choice, when the review is asked with one), resolved.
	Counterparty, Contract ledger.Analytic
	Invoice                *OpenInvoice
	// Choices are the open items of the counterparty on the line's side.
	Choices []OpenInvoice
	// Document is the document made from the line, nil when none yet.
	Document *Document
}

// BankReconciliation sets the statement's balances beside the books' balance
// of the bank account (51, or 52 for a currency statement, in the
// statement's currency) at the same dates.
type BankReconciliation struct {
	Account                    ledger.AccountCode
	Currency                   money.Currency
	From, To                   ledger.Date
	Opening, Closing           money.Amount
	HasOpening, HasClosing     bool
	BooksOpening, BooksClosing money.Amount // before From, and at the end of To
	OpeningDiff, ClosingDiff   money.Amount // statement − books
	// NotPosted is the total of the lines not in the books yet (without a
	// posted document), NotPostedLines how many.
	NotPosted      money.Amount
	NotPostedLines int
}

// StatementReview is an imported statement, a page of its lines with
// their proposals, and its reconciliation.
type StatementReview struct {
	Statement
	Page          []LineReview
	Offset, Total int
	Recon         BankReconciliation
	Linked        int // lines that made a document
}

// ReviewQuery selects the lines a review shows and the accountant's
// corrections to propose by.
type ReviewQuery struct {
	Offset, Limit int // Limit 0 is DefaultReviewLines
	// Choices are the accountant's corrections, by line number: a review
	// resolves their codes and lists the chosen counterparty's open items.
	Choices map[int]LineChoice
}

// Review page sizes.
const (
	DefaultReviewLines = 25
	MaxReviewLines     = 200
)

// StatementReview proposes a document for each line of a page of the
// statement and reconciles the statement with the books.
func (a *App) StatementReview(ctx context.Context, actor Actor, orgCode string, id int64, q ReviewQuery) (*StatementReview, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return nil, err
	}
	row, err := a.Store.Statement(ctx, org.ID, id)
	if err != nil {
		return nil, err
	}
	st, err := statementFromStore(row)
	if err != nil {
		return nil, err
	}
	rv := &StatementReview{Statement: st, Total: len(st.Lines)}
	links, err := a.Store.StatementLinks(ctx, org.ID, id)
	if err != nil {
		return nil, err
	}
	rv.Linked = len(links)
	posted, err := a.linkedDocuments(ctx, org.ID, links)
	if err != nil {
		return nil, err
	}
	if err := a.reconcile(ctx, org, rv, posted); err != nil {
		return nil, err
	}
	m, err := a.newMatcher(ctx, org, st.Currency.Code)
	if err != nil {
		return nil, err
	}
	limit := q.Limit
	if limit <= 0 || limit > MaxReviewLines {
		limit = DefaultReviewLines
	}
	rv.Offset = max(0, min(q.Offset, len(st.Lines)))
	for i := rv.Offset; i < len(st.Lines) && i < rv.Offset+limit; i++ {
		lr := LineReview{No: i + 1, StatementLine: st.Lines[i], Type: paymentType(st.Lines[i].Amount)}
		if d, ok := posted[i+1]; ok {
			lr.Document = &d
		}
		choice, chosen := q.Choices[i+1]
		if err := m.review(ctx, &lr, choice, chosen); err != nil {
			return nil, err
		}
		rv.Page = append(rv.Page, lr)
	}
	return rv, nil
}

func paymentType(amount money.Amount) doc.Type {
	if amount < 0 {
		return doc.PaymentOut
	}
	return doc.PaymentIn
}

// linkedDocuments reads the documents made from lines, by line.
func (a *App) linkedDocuments(ctx context.Context, org ledger.OrgID, links map[int]int64) (map[int]Document, error) {
	out := make(map[int]Document, len(links))
	for line, id := range links {
		sd, err := a.Store.Document(ctx, org, id)
		if err != nil {
			return nil, err
		}
		d, err := fromStore(sd)
		if err != nil {
			return nil, err
		}
		out[line] = d
	}
	return out, nil
}

// bankAccount is the account a statement in currency goes to: the
// organisation's settlement account (51) in the base currency, its
// currency account (52) otherwise.
func (a *App) bankAccount(ctx context.Context, org ledger.Org, currency string) (ledger.AccountCode, error) {
	st, err := a.orgSettings(ctx, org)
	if err != nil {
		return "", err
	}
	s := st.Posting
	if currency == org.Currency.Code {
		return s.Bank, nil
	}
	return s.BankCur, nil
}

// reconcile fills rv.Recon.
func (a *App) reconcile(ctx context.Context, org ledger.Org, rv *StatementReview, docs map[int]Document) error {
	account, err := a.bankAccount(ctx, org, rv.Currency.Code)
	if err != nil {
		return err
	}
	r := BankReconciliation{Account: account, Currency: rv.Currency, From: rv.From, To: rv.To,
		Opening: rv.Opening, Closing: rv.Closing, HasOpening: rv.HasOpening, HasClosing: rv.HasClosing}
	if r.BooksOpening, err = a.bankBalance(ctx, org, r.Account, rv.Currency.Code, rv.From-1); err != nil {
		return err
	}
	if r.BooksClosing, err = a.bankBalance(ctx, org, r.Account, rv.Currency.Code, rv.To); err != nil {
		return err
	}
	var e1, e2 error
	r.OpeningDiff, e1 = money.Sub(r.Opening, r.BooksOpening)
	r.ClosingDiff, e2 = money.Sub(r.Closing, r.BooksClosing)
	if e1 != nil || e2 != nil {
		return ledger.Errorf(ledger.EInvalid, "the balances of account %s are out of range", r.Account)
	}
	for i, l := range rv.Lines {
		if d, ok := docs[i+1]; ok && d.Status == doc.Posted {
			continue
		}
		r.NotPostedLines++
		if r.NotPosted, err = money.Add(r.NotPosted, l.Amount); err != nil {
			return ledger.Errorf(ledger.EInvalid, "the balances of account %s are out of range", r.Account)
		}
	}
	rv.Recon = r
	return nil
}

// bankBalance is the balance of account at the end of day on, in currency:
// base amounts for the base currency, currency amounts otherwise.
func (a *App) bankBalance(ctx context.Context, org ledger.Org, account ledger.AccountCode, currency string, on ledger.Date) (money.Amount, error) {
	ts, err := a.Store.Turnover(ctx, org.ID, ledger.NoDate, on)
	if err != nil {
		return 0, err
	}
	var bal money.Amount
	for _, t := range ts {
		if t.Account != account {
			continue
		}
		dt, kt := t.Debit, t.Credit
		if currency != org.Currency.Code {
			if t.Currency != currency {
				continue
			}
			dt, kt = t.DebitCur, t.CreditCur
		}
		d, err1 := money.Sub(dt, kt)
		b, err2 := money.Add(bal, d)
		if err1 != nil || err2 != nil {
			return 0, ledger.Errorf(ledger.EInvalid, "the balances of account %s are out of range", account)
		}
		bal = b
	}
	return bal, nil
}

// matcher proposes documents for the lines of one statement.
type matcher struct {
	a        *App
	org      ledger.Org
	parties  []bankmatch.Party
	byID     map[ledger.AnalyticID]ledger.Analytic
	in, out  []OpenInvoice
	currency string
}

// maxParties bounds the counterparties matching reads.
const maxParties = 1000

func (a *App) newMatcher(ctx context.Context, org ledger.Org, currency string) (*matcher, error) {
	cps, err := a.Store.Analytics(ctx, org.ID, ledger.Counterparty, "", maxParties)
	if err != nil {
		return nil, err
	}
	accounts, err := a.Store.PartyAccounts(ctx, org.ID)
	if err != nil {
		return nil, err
	}
	m := &matcher{a: a, org: org, byID: map[ledger.AnalyticID]ledger.Analytic{}, currency: currency}
	idx := map[ledger.AnalyticID]int{}
	for _, c := range cps {
		idx[c.ID] = len(m.parties)
		m.byID[c.ID] = c
		m.parties = append(m.parties, bankmatch.Party{ID: c.ID, Code: c.Code, Names: []string{c.Names.TK, c.Names.RU, c.Names.EN}})
	}
	for acct, id := range accounts {
		if i, ok := idx[id]; ok {
			m.parties[i].Accounts = append(m.parties[i].Accounts, acct)
		}
	}
	if m.in, m.out, err = a.openInvoices(ctx, org); err != nil {
		return nil, err
	}
	return m, nil
}

func (m *matcher) items(t doc.Type) []OpenInvoice {
	if t == doc.PaymentIn {
		return m.in
	}
	return m.out
}

// propose matches line l.
func (m *matcher) propose(l StatementLine) bankmatch.Proposal {
	open := m.items(paymentType(l.Amount))
	items := make([]bankmatch.Item, len(open))
	for i, o := range open {
		items[i] = bankmatch.Item{Doc: o.ID, Number: o.Number, Counterparty: o.Counterparty, Contract: o.Contract,
			Remainder: o.Remainder, Currency: o.Currency}
	}
	return bankmatch.Match(bankmatch.Line{Amount: l.Amount, Currency: m.currency, Counterparty: l.Counterparty,
		CounterpartyAccount: l.CounterpartyAccount, Reference: l.Reference, Description: l.Description}, m.parties, items)
}

// review fills lr: the proposal, and the accountant's choice over it when
// chosen; then the names and the counterparty's open items.
func (m *matcher) review(ctx context.Context, lr *LineReview, c LineChoice, chosen bool) error {
	lr.Proposal = m.propose(lr.StatementLine)
	cp, ct, inv := lr.Proposal.Counterparty, lr.Proposal.Contract, lr.Proposal.Invoice
	if lr.Document != nil {
		cp, ct, inv = lr.Document.Counterparty, lr.Document.Contract, lr.Document.BasedOn
	} else if chosen {
		r, err := m.resolve(ctx, c)
		if err != nil {
			return nil // a code that does not resolve shows as typed; confirming names it
		}
		cp, ct, inv = r.Counterparty, r.Contract, r.Invoice
	}
	lr.Counterparty, lr.Contract = m.byID[cp], ledger.Analytic{}
	if cp != 0 && lr.Counterparty.ID == 0 {
		got, err := m.a.Store.AnalyticsByID(ctx, m.org.ID, []ledger.AnalyticID{cp})
		if err != nil {
			return err
		}
		lr.Counterparty = got[cp]
	}
	if ct != 0 {
		got, err := m.a.Store.AnalyticsByID(ctx, m.org.ID, []ledger.AnalyticID{ct})
		if err != nil {
			return err
		}
		lr.Contract = got[ct]
	}
	for _, o := range m.items(lr.Type) {
		if o.Currency != m.currency || cp != 0 && o.Counterparty != cp {
			continue
		}
		if cp != 0 {
			lr.Choices = append(lr.Choices, o)
		}
		if o.ID == inv {
			o := o
			lr.Invoice = &o
		}
	}
	return nil
}
