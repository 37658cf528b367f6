package app

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"hasap/auth"
	"hasap/doc"
	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

// The month close (issue 5): a guided sequence of closing documents for
// a month, each posted and reversible (doc/close.go has their rules):
// currency revaluation, closing 90 and 91 to 99, profit tax, and in
// December the year close. Each is dated the month's last day. Anyone who
// reads the books sees the sequence (MonthClose); posting and unposting
// its steps close a period, so they need auth.SetLockDate besides
// auth.PostEntries (the owner and the chief accountant). Steps post in
// their order and unpost in the reverse order; when every step is posted
// (or has nothing to post) the lock date moves to the month's end, and a
// step of a locked month is unposted only after the owner reopens the
// period (Reopen, auth.ReopenPeriod, with a reason in the audit log).

// StepState is where a step of the month close is.
type StepState string

// The states of a step.
const (
	StepToDo    StepState = "todo"    // not posted, and it has something to post
	StepNothing StepState = "nothing" // not posted, and nothing to post: the books are where it would bring them
	StepPosted  StepState = "posted"  // posted, and the books are still where it brought them
	// StepStale: posted, but postings changed after it (a document dated
	// in the month posted later, or an earlier step out of date): run now
	// it would post more. Unpost it (and the steps after it) and post it
	// again.
	StepStale StepState = "stale"
)

// CloseStep is one step of a month's close.
type CloseStep struct {
	Type  doc.Type
	State StepState
	// Document is the step's posted document, or the draft an unpost left
	// (posting the step posts it again); nil when there is none.
	Document *Document
	// Entry is the entry the posted step posted (zero when not posted).
	Entry ledger.Entry
	// Preview is what posting the step would post (for a posted step: what
	// it would post more), computed on the books as they are with what the
	// steps before it, not posted yet, will post (doc.Inputs.WithPending).
	Preview []ledger.Posting
	// Err is why the step cannot be posted now (a missing rate, accounts
	// the settings do not name), nil when it can.
	Err error
}

// MonthClose is the close of one month.
type MonthClose struct {
	Org        ledger.Org
	Start, End ledger.Date // the month's first and last days
	Steps      []CloseStep
	// Done: every step is posted or has nothing to post.
	Done bool
	// Locked: the lock date is on or after the month's end.
	Locked bool
}

// Audit action of a reopening (the lock date moved back with a reason).
const ActReopen = "period.reopen"

// maxReason bounds the reason of a reopening in bytes.
const maxReason = 500

// ParseMonth reads a month as yyyy-mm and returns its first day.
func ParseMonth(s string) (ledger.Date, error) {
	d, err := ledger.ParseDate(strings.TrimSpace(s) + "-01")
	if err != nil || len(strings.TrimSpace(s)) != 7 {
		return ledger.NoDate, ledger.Errorf(ledger.EInvalid, "month %q: want yyyy-mm", s)
	}
	return d, nil
}

// monthEnd is the last day of the month that starts on start.
func monthEnd(start ledger.Date) ledger.Date {
	y, m, _ := start.YMD()
	if m == time.December {
		return ledger.DateOf(y, 12, 31)
	}
	return ledger.DateOf(y, m+1, 1) - 1
}

// closeSteps are the steps of a month: revaluation, closing 90 and 91,
// profit tax; in December the year close after them.
func closeSteps(start ledger.Date) []doc.Type {
	steps := []doc.Type{doc.Revaluation, doc.CloseMonth, doc.ProfitTax}
	if _, m, _ := start.YMD(); m == time.December {
		steps = append(steps, doc.CloseYear)
	}
	return steps
}

// MonthClose returns the close of the month that starts on start (any
// day of it will do) in orgCode: each step with its state and what it
// would post.
func (a *App) MonthClose(ctx context.Context, actor Actor, orgCode string, month ledger.Date) (MonthClose, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return MonthClose{}, err
	}
	return a.monthClose(ctx, org, month, actor.Lang)
}

func (a *App) monthClose(ctx context.Context, org ledger.Org, month ledger.Date, lang string) (MonthClose, error) {
	y, m, _ := month.YMD()
	start := ledger.DateOf(y, m, 1)
	mc := MonthClose{Org: org, Start: start, End: monthEnd(start)}
	mc.Locked = org.LockDate != ledger.NoDate && org.LockDate >= mc.End
	settings, err := a.closingSettings(ctx, org)
	if err != nil {
		return MonthClose{}, err
	}
	stale := false
	var pending []ledger.Posting // what the steps before, not posted yet, will post
	mc.Done = true
	for _, t := range closeSteps(start) {
		st := CloseStep{Type: t}
		if st.Document, err = a.stepDocument(ctx, org.ID, t, mc.End); err != nil {
			return MonthClose{}, err
		}
		posted := st.Document != nil && st.Document.Status == doc.Posted
		probe := doc.Document{Type: t, Status: doc.Draft, Year: y, Number: 1, Date: mc.End}
		in, err := a.documentInputs(ctx, org, probe, settings, lang)
		if err == nil && !posted {
			in, err = in.WithPending(pending, settings)
		}
		if err == nil {
			st.Preview, err = doc.Preview(probe, settings, in)
		}
		st.Err = err
		if !posted {
			pending = append(pending, st.Preview...)
		}
		if posted {
			if st.Entry, err = a.Store.Entry(ctx, org.ID, st.Document.Entry); err != nil {
				return MonthClose{}, err
			}
		}
		switch {
		case posted && (stale || len(st.Preview) > 0 || err != nil):
			st.State, stale = StepStale, true
		case posted:
			st.State = StepPosted
		case err == nil && len(st.Preview) == 0:
			st.State = StepNothing
		default:
			st.State = StepToDo
		}
		if st.State == StepToDo || st.State == StepStale {
			mc.Done = false
		}
		mc.Steps = append(mc.Steps, st)
	}
	return mc, nil
}

// stepDocument is the document of step t dated end: the posted one, or
// else the newest draft; nil for none.
func (a *App) stepDocument(ctx context.Context, org ledger.OrgID, t doc.Type, end ledger.Date) (*Document, error) {
	docs, err := a.Store.ListDocuments(ctx, org, store.DocumentFilter{Type: string(t), From: end, To: end, Limit: store.MaxDocumentLimit})
	if err != nil {
		return nil, err
	}
	var draft *Document
	for _, sd := range docs {
		d, err := fromStore(sd)
		if err != nil {
			return nil, err
		}
		switch {
		case d.Status == doc.Posted:
			return &d, nil
		case d.Status == doc.Draft && draft == nil:
			draft = &d
		}
	}
	return draft, nil
}

// closeActor checks that actor may post and unpost the steps of a close
// in orgCode: post entries and close a period.
func (a *App) closeActor(ctx context.Context, actor Actor, orgCode string) (ledger.Org, error) {
	org, role, err := a.Authorize(ctx, actor, orgCode, auth.SetLockDate)
	if err != nil {
		return ledger.Org{}, err
	}
	if !role.Can(auth.PostEntries) {
		return ledger.Org{}, ledger.Errorf(ledger.EForbidden, "your role in %s does not allow this", org.Code)
	}
	return org, nil
}

// stepIndex finds step t among mc's steps.
func (mc MonthClose) stepIndex(t doc.Type) (int, error) {
	for i, s := range mc.Steps {
		if s.Type == t {
			return i, nil
		}
	}
	return 0, ledger.Errorf(ledger.ENotFound, "the close of %s has no step %q", mc.Start.String()[:7], string(t))
}

func (mc MonthClose) errLocked() error {
	return ledger.Errorf(ledger.ELocked, "the period up to %s is closed: the owner reopens it first", mc.Org.LockDate.String())
}

// PostCloseStep posts step t of the month's close: its draft left by an
// unpost, or a new document. The steps before it must be posted (or have
// nothing to post) and none after it posted. When it is the last step to
// post, the lock date moves to the month's end (audited).
func (a *App) PostCloseStep(ctx context.Context, actor Actor, orgCode string, month ledger.Date, t doc.Type) (MonthClose, error) {
	org, err := a.closeActor(ctx, actor, orgCode)
	if err != nil {
		return MonthClose{}, err
	}
	mc, err := a.monthClose(ctx, org, month, actor.Lang)
	if err != nil {
		return MonthClose{}, err
	}
	i, err := mc.stepIndex(t)
	if err != nil {
		return MonthClose{}, err
	}
	if mc.Locked {
		return MonthClose{}, mc.errLocked()
	}
	st := mc.Steps[i]
	for _, before := range mc.Steps[:i] {
		if before.State == StepToDo || before.State == StepStale {
			return MonthClose{}, ledger.Errorf(ledger.EInvalid, "post the step «%s» first", doc.Title(before.Type, actor.Lang))
		}
	}
	for _, after := range mc.Steps[i+1:] {
		if after.State == StepPosted || after.State == StepStale {
			return MonthClose{}, ledger.Errorf(ledger.EInvalid, "unpost the step «%s» first", doc.Title(after.Type, actor.Lang))
		}
	}
	switch {
	case st.State == StepPosted || st.State == StepStale:
		return MonthClose{}, ledger.Errorf(ledger.EConflict, "the step «%s» is posted already", doc.Title(t, actor.Lang))
	case st.Err != nil:
		return MonthClose{}, st.Err
	}
	if st.State == StepToDo {
		if st.Document != nil {
			_, _, err = a.postDraft(ctx, actor, org, "", *st.Document)
		} else {
			y, _, _ := mc.End.YMD()
			_, _, err = a.createAndPost(ctx, actor, org, doc.Document{Type: t, Date: mc.End, Year: y})
		}
		if err != nil {
			return MonthClose{}, err
		}
	}
	return a.finishClose(ctx, actor, org, month)
}

// finishClose moves the lock date to the month's end when every step of
// its close is done, and returns the close as it is then.
func (a *App) finishClose(ctx context.Context, actor Actor, org ledger.Org, month ledger.Date) (MonthClose, error) {
	org, err := a.Store.Org(ctx, org.ID)
	if err != nil {
		return MonthClose{}, err
	}
	mc, err := a.monthClose(ctx, org, month, actor.Lang)
	if err != nil || !mc.Done || mc.Locked {
		return mc, err
	}
	if err := a.Store.SetLockDate(ctx, org.ID, mc.End); err != nil {
		return MonthClose{}, err
	}
	detail := fmt.Sprintf("%s → %s: month close of %s", dateOrNone(org.LockDate), mc.End, mc.Start.String()[:7])
	if err := a.audit(ctx, actor, org.ID, ActLockDate, detail); err != nil {
		return MonthClose{}, err
	}
	org.LockDate = mc.End
	mc.Org, mc.Locked = org, true
	return mc, nil
}

// UnpostCloseStep unposts step t of the month's close (its red storno,
// dated the month's end): refused while the month is locked, and while a
// step after it is posted.
func (a *App) UnpostCloseStep(ctx context.Context, actor Actor, orgCode string, month ledger.Date, t doc.Type) (MonthClose, error) {
	org, err := a.closeActor(ctx, actor, orgCode)
	if err != nil {
		return MonthClose{}, err
	}
	mc, err := a.monthClose(ctx, org, month, actor.Lang)
	if err != nil {
		return MonthClose{}, err
	}
	i, err := mc.stepIndex(t)
	if err != nil {
		return MonthClose{}, err
	}
	st := mc.Steps[i]
	if st.State != StepPosted && st.State != StepStale {
		return MonthClose{}, ledger.Errorf(ledger.EConflict, "the step «%s» is not posted", doc.Title(t, actor.Lang))
	}
	if mc.Locked {
		return MonthClose{}, mc.errLocked()
	}
	for _, after := range mc.Steps[i+1:] {
		if after.State == StepPosted || after.State == StepStale {
			return MonthClose{}, ledger.Errorf(ledger.EInvalid, "unpost the step «%s» first", doc.Title(after.Type, actor.Lang))
		}
	}
	if _, _, err := a.unpostDocument(ctx, actor, org, "", *st.Document); err != nil {
		return MonthClose{}, err
	}
	return a.monthClose(ctx, org, month, actor.Lang)
}

// Reopen moves orgCode's lock date back to to (ledger.NoDate: no lock
// date), which must be before the lock date it has, for the reason given,
// which the audit log keeps. Only the owner may (auth.ReopenPeriod).
func (a *App) Reopen(ctx context.Context, actor Actor, orgCode string, to ledger.Date, reason string) error {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReopenPeriod)
	if err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "":
		return ledger.Errorf(ledger.EInvalid, "give the reason for reopening the period")
	case len(reason) > maxReason || !utf8.ValidString(reason) || strings.ContainsAny(reason, "\r\n\t"):
		return ledger.Errorf(ledger.EInvalid, "the reason is one line of at most %d bytes", maxReason)
	case org.LockDate == ledger.NoDate || to >= org.LockDate:
		return ledger.Errorf(ledger.EInvalid, "the books are open after %s already", dateOrNone(org.LockDate))
	}
	if err := a.Store.SetLockDate(ctx, org.ID, to); err != nil {
		return err
	}
	return a.audit(ctx, actor, org.ID, ActReopen, fmt.Sprintf("%s → %s: %s", dateOrNone(org.LockDate), dateOrNone(to), reason))
}

// closingInputs reads what the closing document d needs from the books
// into in: the balances at the end of its date of the accounts its rule
// reads, per analytics and currency (from the totals, never the
// postings), the rates of their currencies on that date, the year's
// profit before tax and the tax accrued.
func (a *App) closingInputs(ctx context.Context, org ledger.Org, d doc.Document, s doc.Settings, in *doc.Inputs) error {
	needs := d.ClosingNeeds(s, in.Chart)
	for i := 0; i < len(needs.Accounts); i += store.MaxAnalyticAccounts {
		chunk := needs.Accounts[i:min(i+store.MaxAnalyticAccounts, len(needs.Accounts))]
		f := store.AnalyticFilter{Accounts: chunk, From: ledger.NoDate, To: d.Date, Limit: store.MaxAnalyticLimit}
		for {
			rows, err := a.Store.AnalyticTurnovers(ctx, org.ID, f)
			if err != nil {
				return err
			}
			for _, r := range rows {
				b, err := closingBalance(r)
				if err != nil {
					return err
				}
				if b.Amount != 0 || b.CurAmount != 0 {
					in.Ledger = append(in.Ledger, b)
				}
			}
			if len(rows) < f.Limit {
				break
			}
			last := rows[len(rows)-1].AnalyticKey
			f.After = &last
		}
	}
	if needs.Rates {
		in.Rates = map[string]money.Rate{}
		for _, b := range in.Ledger {
			if _, seen := in.Rates[b.Currency]; seen || b.Currency == "" || b.Currency == org.Currency.Code {
				continue
			}
			rate, err := a.rateOn(ctx, org, b.Currency, d.Date)
			if err != nil && !ledger.IsCode(err, ledger.ENotFound) {
				return err
			}
			in.Rates[b.Currency] = rate // zero when none: the rule names it
		}
	}
	if needs.Profit {
		p, err := a.profitToDate(ctx, org, s.Closing, d.Date)
		if err != nil {
			return err
		}
		in.Profit = p
	}
	return nil
}

// closingBalance is a key's balance: debit minus credit, in base and currency.
func closingBalance(r store.AnalyticTurnover) (doc.AccountBalance, error) {
	t, err := r.Opening.Add(r.Period)
	if err != nil {
		return doc.AccountBalance{}, ledger.Errorf(ledger.EInvalid, "the balance of account %s is out of range", r.Account)
	}
	amt, err1 := money.Sub(t.Debit, t.Credit)
	cur, err2 := money.Sub(t.DebitCur, t.CreditCur)
	if err1 != nil || err2 != nil {
		return doc.AccountBalance{}, ledger.Errorf(ledger.EInvalid, "the balance of account %s is out of range", r.Account)
	}
	return doc.AccountBalance{Account: r.Account, Analytics: r.Analytics, Currency: r.Currency, Amount: amt, CurAmount: cur}, nil
}

// profitToDate is the year's profit before profit tax from 1 January to
// end: the credit balance of the year's turnover of ProfitLoss, with the
// profit tax the year's posted profit tax documents accrued added back
// (it was debited to ProfitLoss, directly or through the tax expense) and
// the year close's own postings on ProfitLoss taken out (after the year
// close, 99 is zero, and the profit tax of December is still checked
// against the year's profit). A handful of documents' entries are read,
// never the postings of the year.
func (a *App) profitToDate(ctx context.Context, org ledger.Org, c doc.ClosingAccounts, end ledger.Date) (doc.ProfitToDate, error) {
	y, _, _ := end.YMD()
	jan1 := ledger.DateOf(y, 1, 1)
	turnover, err := a.Store.Turnover(ctx, org.ID, jan1, end)
	if err != nil {
		return doc.ProfitToDate{}, err
	}
	var p doc.ProfitToDate
	add := func(dst *money.Amount, a money.Amount) error {
		var err error
		if *dst, err = money.Add(*dst, a); err != nil {
			return ledger.Errorf(ledger.EInvalid, "the year's profit is out of range")
		}
		return nil
	}
	for _, t := range turnover {
		if t.Account != c.ProfitLoss {
			continue
		}
		net, err := money.Sub(t.Credit, t.Debit)
		if err != nil {
			return p, ledger.Errorf(ledger.EInvalid, "the year's profit is out of range")
		}
		if err := add(&p.BeforeTax, net); err != nil {
			return p, err
		}
	}
	for _, t := range []doc.Type{doc.ProfitTax, doc.CloseYear} {
		docs, err := a.Store.ListDocuments(ctx, org.ID, store.DocumentFilter{Type: string(t), Status: string(doc.Posted), From: jan1, To: end, Limit: store.MaxDocumentLimit})
		if err != nil {
			return p, err
		}
		for _, sd := range docs {
			e, err := a.Store.Entry(ctx, org.ID, sd.Entry)
			if err != nil {
				return p, err
			}
			for _, ps := range e.Postings {
				var effect money.Amount // what the entry took from the profit
				switch {
				case t == doc.ProfitTax && ps.Credit.Account == c.ProfitTaxPayable:
					effect = ps.Amount
				case t == doc.ProfitTax && ps.Debit.Account == c.ProfitTaxPayable:
					effect = -ps.Amount
				case t == doc.CloseYear && ps.Debit.Account == c.ProfitLoss:
					effect = ps.Amount
				case t == doc.CloseYear && ps.Credit.Account == c.ProfitLoss:
					effect = -ps.Amount
				}
				if err := add(&p.BeforeTax, effect); err != nil {
					return p, err
				}
				if t == doc.ProfitTax {
					if err := add(&p.Accrued, effect); err != nil {
						return p, err
					}
				}
			}
		}
	}
	return p, nil
}
