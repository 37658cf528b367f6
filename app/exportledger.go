package app

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"hasap/auth"
	"hasap/interop/ledgertext"
	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

// ExportLedger writes the organisation's books as an hledger journal: an
// account directive per account, then every entry in posting order, each
// Dt/Kt posting as a debit line and a credit line. Foreign-currency sides
// carry their base amount as a total cost (@@), analytics and quantities
// travel as tags, so importing the file into a new organisation with the
// same chart gives identical balances.
func (a *App) ExportLedger(ctx context.Context, actor Actor, orgCode string, w io.Writer) (int64, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ExportBooks)
	if err != nil {
		return 0, err
	}
	chart, err := a.Store.Chart(ctx, org.ID)
	if err != nil {
		return 0, err
	}
	jw := ledgertext.NewWriter(w)
	if err := writeAccounts(jw, chart); err != nil {
		return 0, err
	}
	ex := exporter{app: a, ctx: ctx, org: org, names: map[ledger.AnalyticID]ledger.Analytic{}}
	var n int64
	err = a.Store.Snapshot(ctx, func(r store.Reader) error {
		return r.ScanEntries(ctx, org.ID, 1, func(e *ledger.Entry) error {
			t, err := ex.transaction(e)
			if err != nil {
				return err
			}
			n++
			return jw.WriteTransaction(t)
		})
	})
	if err != nil {
		return n, err
	}
	if err := jw.Flush(); err != nil {
		return n, err
	}
	return n, a.audit(ctx, actor, org.ID, ActExport, fmt.Sprintf("journal of %d entries", n))
}

func writeAccounts(jw *ledgertext.Writer, chart ledger.Chart) error {
	codes := make([]string, 0, len(chart))
	for c := range chart {
		codes = append(codes, string(c))
	}
	sort.Strings(codes)
	for _, c := range codes {
		a := chart[ledger.AccountCode(c)]
		if a.Group {
			continue // posted through its sub-accounts; nothing to carry
		}
		if err := jw.WriteAccount(&ledgertext.AccountDirective{Name: c, Comment: accountTags(a)}); err != nil {
			return err
		}
	}
	return nil
}

// accountTags describes an account in tags: hledger's "type", and Hasap's
// own so that an import into an organisation without the account recreates
// it with the same kind, class, flags and analytics.
func accountTags(a *ledger.Account) string {
	var tags []string
	if t := hledgerType(a.Class); t != "" {
		tags = append(tags, "type: "+t)
	}
	tags = append(tags, "hasap-kind: "+string(a.Kind), "hasap-class: "+string(a.Class))
	var flags []string
	if a.Currency {
		flags = append(flags, "currency")
	}
	if a.Quantity {
		flags = append(flags, "quantity")
	}
	if len(flags) == 0 {
		flags = append(flags, "none")
	}
	tags = append(tags, "hasap-flags: "+strings.Join(flags, "+"))
	if len(a.Analytics) > 0 {
		tags = append(tags, "hasap-analytics: "+joinAnalytics(a.Analytics))
	}
	return strings.Join(tags, ", ")
}

func joinAnalytics(ks []ledger.AnalyticKind) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, "+")
}

func hledgerType(c ledger.Class) string {
	switch c {
	case ledger.Asset:
		return "A"
	case ledger.Liability:
		return "L"
	case ledger.Equity:
		return "E"
	case ledger.Income:
		return "R"
	case ledger.Expense:
		return "X"
	}
	return ""
}

type exporter struct {
	app   *App
	ctx   context.Context
	org   ledger.Org
	names map[ledger.AnalyticID]ledger.Analytic
}

func (ex *exporter) transaction(e *ledger.Entry) (*ledgertext.Transaction, error) {
	y, m, d := e.Date.YMD()
	t := &ledgertext.Transaction{
		Date:        ledgertext.Date{Year: y, Month: m, Day: d},
		Status:      ledgertext.Cleared,
		Code:        e.Document,
		Description: e.Description,
		Comment:     fmt.Sprintf("entry: %d/%d", e.Year, e.Number),
		Postings:    make([]ledgertext.Posting, 0, 2*len(e.Postings)),
	}
	for i := range e.Postings {
		p := &e.Postings[i]
		for _, debit := range []bool{true, false} {
			s, sign := &p.Credit, money.Amount(-1)
			if debit {
				s, sign = &p.Debit, 1
			}
			if s.Account == "" {
				continue // the other side of a single-entry posting
			}
			jp, err := ex.posting(s, sign*p.Amount, sign)
			if err != nil {
				return nil, err
			}
			// a single-entry (off-balance) posting balances nothing: an
			// unbalanced virtual posting in hledger's terms
			jp.Virtual = p.Debit.Account == "" || p.Credit.Account == ""
			t.Postings = append(t.Postings, jp)
		}
	}
	return t, nil
}

func (ex *exporter) posting(s *ledger.Side, base, sign money.Amount) (ledgertext.Posting, error) {
	bc := ex.org.Currency
	jp := ledgertext.Posting{Account: string(s.Account)}
	if s.Currency == "" {
		jp.Amount = ledgertext.Amount{Number: money.Decimal(base, bc.Exponent), Commodity: bc.Code}
	} else {
		c, err := money.Lookup(s.Currency)
		if err != nil {
			return jp, err
		}
		jp.Amount = ledgertext.Amount{Number: money.Decimal(sign*s.CurAmount, c.Exponent), Commodity: c.Code}
		jp.Cost = ledgertext.Cost{Kind: ledgertext.TotalCost, Amount: ledgertext.Amount{Number: money.Decimal(abs(base), bc.Exponent), Commodity: bc.Code}}
	}
	var tags []string
	if s.Analytics != [ledger.MaxAnalytics]ledger.AnalyticID{} {
		for _, id := range s.Analytics {
			if id == 0 {
				continue
			}
			an, err := ex.analytic(id)
			if err != nil {
				return jp, err
			}
			tags = append(tags, string(an.Kind)+": "+an.Code)
		}
	}
	if s.Qty != 0 {
		tags = append(tags, "qty: "+money.Decimal(money.Amount(s.Qty), ledger.QuantityExp))
	}
	jp.Comment = strings.Join(tags, ", ")
	return jp, nil
}

func (ex *exporter) analytic(id ledger.AnalyticID) (ledger.Analytic, error) {
	if a, ok := ex.names[id]; ok {
		return a, nil
	}
	m, err := ex.app.Store.AnalyticsByID(ex.ctx, ex.org.ID, []ledger.AnalyticID{id})
	if err != nil {
		return ledger.Analytic{}, err
	}
	ex.names[id] = m[id]
	return m[id], nil
}
