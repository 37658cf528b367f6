package app

import (
	"context"
	"fmt"
	"strings"

	"hasap/auth"
	"hasap/doc"
	"hasap/ledger"
	"hasap/money"
)

// LineChoice is the accountant's word on one statement line: who the
// counterparty is, under which contract, and which open invoice it settles
// (the document id, 0 for none: an advance or a payment without invoice).
// Codes are the catalogs'; an empty code names nothing.
type LineChoice struct {
	Line                   int // from 1
	Counterparty, Contract string
	Invoice                int64
}

// resolvedChoice is a LineChoice with its codes looked up.
type resolvedChoice struct {
	Counterparty, Contract ledger.AnalyticID
	Invoice                int64
}

// resolve looks c's codes up and checks that its invoice is an open item of
// its counterparty on the line's side; the contract of the invoice is taken
// when c names none, and so is its counterparty.
func (m *matcher) resolve(ctx context.Context, c LineChoice) (resolvedChoice, error) {
	var r resolvedChoice
	if code := strings.TrimSpace(c.Counterparty); code != "" {
		an, err := m.a.Store.AnalyticByCode(ctx, m.org.ID, ledger.Counterparty, code)
		if err != nil {
			return r, ledger.Errorf(ledger.EInvalid, "line %d: there is no counterparty with the code %q", c.Line, code)
		}
		r.Counterparty = an.ID
	}
	if code := strings.TrimSpace(c.Contract); code != "" {
		an, err := m.a.Store.AnalyticByCode(ctx, m.org.ID, ledger.Contract, code)
		if err != nil {
			return r, ledger.Errorf(ledger.EInvalid, "line %d: there is no contract with the code %q", c.Line, code)
		}
		if an.Owner != 0 && r.Counterparty != 0 && an.Owner != r.Counterparty {
			return r, ledger.Errorf(ledger.EInvalid, "line %d: contract %s is not one of that counterparty's", c.Line, code)
		}
		r.Contract = an.ID
	}
	if c.Invoice == 0 {
		return r, nil
	}
	for _, o := range append(append([]OpenInvoice(nil), m.in...), m.out...) {
		if o.ID != c.Invoice {
			continue
		}
		switch {
		case o.Currency != m.currency:
			return r, ledger.Errorf(ledger.EInvalid, "line %d: invoice %s is in %s, not in the statement's currency", c.Line, o.Ref(), o.Currency)
		case r.Counterparty != 0 && o.Counterparty != r.Counterparty:
			return r, ledger.Errorf(ledger.EInvalid, "line %d: invoice %s is another counterparty's", c.Line, o.Ref())
		}
		r.Invoice = o.ID
		if r.Counterparty == 0 {
			r.Counterparty = o.Counterparty
		}
		if r.Contract == 0 {
			r.Contract = o.Contract
		}
		return r, nil
	}
	return r, ledger.Errorf(ledger.EInvalid, "line %d: document %d is not an open invoice", c.Line, c.Invoice)
}

// ConfirmInput is what the accountant confirms of a statement: the lines
// taken, the cash-flow items of money in and out (codes, for accounts 51
// and 52 that require one), and whether to post the documents made.
type ConfirmInput struct {
	Lines                   []LineChoice
	CashFlowIn, CashFlowOut string
	Post                    bool
}

// ConfirmResult says what confirming did.
type ConfirmResult struct {
	Made, Posted int
	// Already counts the lines that had made their document before: they
	// are left as they are.
	Already int
	// Documents are the documents of the lines taken, by line.
	Documents map[int]int64
}

// ConfirmStatement drafts a payment from each line taken (money in: an
// incoming payment, money out: a payment order), based on the invoice it
// settles, in the statement's currency (a currency statement goes to 52),
// and posts them when asked. Every line is checked first, and with Post
// every document's posting too, so that a mistake on any line makes
// nothing; a line that made its document before is left as it is, so
// confirming twice makes nothing twice.
func (a *App) ConfirmStatement(ctx context.Context, actor Actor, orgCode string, id int64, in ConfirmInput) (ConfirmResult, error) {
	perm := auth.DraftEntries
	if in.Post {
		perm = auth.PostEntries
	}
	org, _, err := a.Authorize(ctx, actor, orgCode, perm)
	if err != nil {
		return ConfirmResult{}, err
	}
	row, err := a.Store.Statement(ctx, org.ID, id)
	if err != nil {
		return ConfirmResult{}, err
	}
	st, err := statementFromStore(row)
	if err != nil {
		return ConfirmResult{}, err
	}
	links, err := a.Store.StatementLinks(ctx, org.ID, id)
	if err != nil {
		return ConfirmResult{}, err
	}
	drafts, res, err := a.confirmDrafts(ctx, org, st, links, in)
	if err != nil {
		return ConfirmResult{}, err
	}
	if in.Post {
		if err := a.dryPost(ctx, org, drafts, actor.Lang); err != nil {
			return ConfirmResult{}, err
		}
	}
	for _, dr := range drafts {
		if err := a.makeFromLine(ctx, actor, orgCode, org, st, dr, in.Post, &res); err != nil {
			return res, err
		}
	}
	detail := fmt.Sprintf("statement %d: %d documents made, %d posted", id, res.Made, res.Posted)
	return res, a.audit(ctx, actor, org.ID, ActBankConfirm, detail)
}

// lineDraft is the document a line will make.
type lineDraft struct {
	line int
	sl   StatementLine
	d    doc.Document
}

// confirmDrafts checks the choices and builds the drafts of the lines not
// linked yet.
func (a *App) confirmDrafts(ctx context.Context, org ledger.Org, st Statement, links map[int]int64, in ConfirmInput) ([]lineDraft, ConfirmResult, error) {
	res := ConfirmResult{Documents: map[int]int64{}}
	m, err := a.newMatcher(ctx, org, st.Currency.Code)
	if err != nil {
		return nil, res, err
	}
	flows := map[doc.Type]ledger.AnalyticID{}
	for t, code := range map[doc.Type]string{doc.PaymentIn: in.CashFlowIn, doc.PaymentOut: in.CashFlowOut} {
		if code = strings.TrimSpace(code); code != "" {
			an, err := a.Store.AnalyticByCode(ctx, org.ID, ledger.CashFlowItem, code)
			if err != nil {
				return nil, res, ledger.Errorf(ledger.EInvalid, "there is no cash-flow item with the code %q", code)
			}
			flows[t] = an.ID
		}
	}
	currency := st.Currency.Code
	if currency == org.Currency.Code {
		currency = ""
	}
	seen := map[int]bool{}
	var drafts []lineDraft
	for _, c := range in.Lines {
		if c.Line < 1 || c.Line > len(st.Lines) {
			return nil, res, ledger.Errorf(ledger.EInvalid, "statement %d has no line %d", st.ID, c.Line)
		}
		if seen[c.Line] {
			return nil, res, ledger.Errorf(ledger.EInvalid, "line %d is given twice", c.Line)
		}
		seen[c.Line] = true
		if made, ok := links[c.Line]; ok {
			res.Already++
			res.Documents[c.Line] = made
			continue
		}
		r, err := m.resolve(ctx, c)
		if err != nil {
			return nil, res, err
		}
		sl := st.Lines[c.Line-1]
		amount := sl.Amount
		if amount < 0 {
			if amount, err = money.Neg(amount); err != nil {
				return nil, res, ledger.Errorf(ledger.EInvalid, "line %d: the amount is out of range", c.Line)
			}
		}
		t := paymentType(sl.Amount)
		d := doc.Document{Type: t, Date: sl.Date, Currency: currency, BasedOn: r.Invoice,
			Refs:    doc.Refs{Counterparty: r.Counterparty, Contract: r.Contract, CashFlow: flows[t]},
			Lines:   []doc.Line{{Amount: amount}},
			Comment: lineComment(st, c.Line, sl)}
		drafts = append(drafts, lineDraft{line: c.Line, sl: sl, d: d})
	}
	return drafts, res, nil
}

// lineComment is the comment of the document a line makes: where it came
// from and what the bank said.
func lineComment(st Statement, line int, sl StatementLine) string {
	parts := []string{fmt.Sprintf("statement %d line %d", st.ID, line)}
	for _, s := range []string{sl.Counterparty, sl.Reference, sl.Description} {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	return ledger.TruncateText(strings.Join(parts, "; "), doc.MaxComment)
}

// dryPost runs the posting rule of every draft, so that a line that cannot
// be posted is named before anything is made.
func (a *App) dryPost(ctx context.Context, org ledger.Org, drafts []lineDraft, lang string) error {
	settings, err := a.postingSettings(ctx, org)
	if err != nil {
		return err
	}
	for _, dr := range drafts {
		if org.LockDate != ledger.NoDate && dr.d.Date <= org.LockDate {
			return ledger.Errorf(ledger.ELocked, "line %d: its date %s is in a closed period (the books are closed up to %s)",
				dr.line, dr.d.Date.String(), org.LockDate.String())
		}
		in, err := a.documentInputs(ctx, org, dr.d, settings, lang)
		if err != nil {
			return ledger.Errorf(ledger.ErrorCode(err), "line %d: %s", dr.line, err)
		}
		trial := dr.d // numbered as the store will number it, for the rule's checks
		trial.Year, trial.Number = trial.Date.Year(), 1
		if _, err := doc.Post(trial, settings, in); err != nil {
			return ledger.Errorf(ledger.ErrorCode(err), "line %d: %s", dr.line, err)
		}
	}
	return nil
}

// statementDocKey is the idempotency key of the document made from a line:
// a confirmation cut short and done again finds it instead of making a
// second one.
func statementDocKey(stmt int64, line int) string {
	return fmt.Sprintf("bank-statement/%d/%d", stmt, line)
}

// makeFromLine drafts (once) the document of one line, links it to the
// line, learns the counterparty's bank account, and posts it when asked.
func (a *App) makeFromLine(ctx context.Context, actor Actor, orgCode string, org ledger.Org, st Statement, dr lineDraft, post bool, res *ConfirmResult) error {
	d, err := a.CreateDocumentOnce(ctx, actor, orgCode, statementDocKey(st.ID, dr.line), dr.d)
	if err != nil {
		return ledger.Errorf(ledger.ErrorCode(err), "line %d: %s", dr.line, err)
	}
	if err := a.Store.LinkStatementLine(ctx, org.ID, st.ID, dr.line, d.ID); err != nil {
		return ledger.Errorf(ledger.ErrorCode(err), "line %d: %s", dr.line, err)
	}
	res.Made++
	res.Documents[dr.line] = d.ID
	if acct := strings.TrimSpace(dr.sl.CounterpartyAccount); acct != "" && d.Counterparty != 0 && len(acct) <= 100 {
		if err := a.Store.SetPartyAccount(ctx, org.ID, acct, d.Counterparty); err != nil {
			return err
		}
	}
	if !post || d.Status != doc.Draft {
		return nil
	}
	if _, _, err := a.PostDocument(ctx, actor, orgCode, d.ID, d.Version); err != nil {
		return ledger.Errorf(ledger.ErrorCode(err), "line %d: %s", dr.line, err)
	}
	res.Posted++
	return nil
}
