package web

import (
	"html/template"

	"hasap/i18n"
	"net/url"
	"strconv"

	"hasap/ledger"
	"hasap/money"
	"hasap/report"
)

// registerWords are the words of the registers' templates (see
// templateWords).
func init() {
	templateWords = append(templateWords,
		word("Detailed: by analytics"), word("General ledger"), word("All accounts"),
		word("Analysis by analytic"), word("Choose an analytic to see it across the accounts that keep it."),
		word("Nothing to show for this analytic in the period."), word("Reports"), word("Every report of the organisation's books."),
	)
}

// analyticOf is the analytic a row's amounts drill down to: the deepest
// set analytic of its key.
func analyticOf(r *report.TBRow) ledger.AnalyticID {
	for i := min(r.Level, ledger.MaxAnalytics) - 1; i >= 0; i-- {
		if r.Analytics[i] != 0 {
			return r.Analytics[i]
		}
	}
	return 0
}

// rowCardURL is the account card a row's amounts link to: with the row's
// analytic where it has one.
func (p *page) rowCardURL(r *report.TBRow, from, to ledger.Date) string {
	u := p.CardURL(r.Account, from, to)
	if id := analyticOf(r); id != 0 {
		u = withParam(u, "analytic", strconv.FormatInt(int64(id), 10))
	}
	return u
}

// AnalysisURL is the analysis by analytic of one catalog entry for a
// period.
func (p *page) AnalysisURL(kind ledger.AnalyticKind, id ledger.AnalyticID, from, to ledger.Date) string {
	v := periodValues(url.Values{"catalog": {string(kind)}, "id": {strconv.FormatInt(int64(id), 10)}}, from, to)
	return p.O("/analytic-analysis") + "?" + v.Encode()
}

// registerRow writes one trial balance row: the code (with the expand
// toggle of an account that keeps analytics), the name (an analytic's a
// link to its analysis), and six amounts, each a link to the account card
// with the row's analytic, a currency row's or a one-currency row's
// amount in that currency and a quantity account's quantity under it.
func (p *page) registerRow(f *frag, r *report.TBRow, from, to ledger.Date, toggle string, open bool) {
	u := p.rowCardURL(r, from, to)
	f.raw("\n" + `<tr class="d`)
	f.int(int64(min(r.Depth, 5)))
	if r.Group {
		f.raw(` group`)
	}
	if r.OffBalance {
		f.raw(` off`)
	}
	f.raw(`"><td class="code">`)
	if toggle != "" {
		f.raw(`<a class="tg" href="`)
		f.esc(toggle)
		f.raw(`" title="`)
		if open {
			f.esc(i18n.T(p.Lang, "Fold"))
			f.raw(`">−</a> `)
		} else {
			f.esc(i18n.T(p.Lang, "Expand"))
			f.raw(`">+</a> `)
		}
	}
	code, name := report.RowLabel(*r, p.Lang)
	f.raw(`<a href="`)
	f.esc(u)
	f.raw(`">`)
	f.esc(code)
	f.raw(`</a></td><td class="name">`)
	if id := r.Analytics[max(r.Level-1, 0)]; r.Level > 0 && !r.CurrencyRow && id != 0 {
		f.raw(`<a href="`)
		f.esc(p.AnalysisURL(r.Kind, id, from, to))
		f.raw(`">`)
		f.esc(name)
		f.raw(`</a>`)
	} else if !r.CurrencyRow {
		f.esc(name)
		if r.Level == 0 && !r.OffBalance { // the account's turnover by correspondent
			f.raw(` <a class="an" href="`)
			f.esc(p.AccountAnalysisURL(r.Account, from, to))
			f.raw(`" title="`)
			f.esc(p.T("Account analysis"))
			f.raw(`">⇄</a>`)
		}
	}
	f.raw(`</td>`)
	cur := r.Cur
	exp := 2
	if c, err := money.Lookup(r.Currency); err == nil {
		exp = c.Exponent
	}
	base := [...]money.Amount{r.OpeningDebit, r.OpeningCredit, r.Debit, r.Credit, r.ClosingDebit, r.ClosingCredit}
	curs := [...]money.Amount{cur.OpeningDebit, cur.OpeningCredit, cur.Debit, cur.Credit, cur.ClosingDebit, cur.ClosingCredit}
	qtys := [...]money.Amount{r.Qty.OpeningDebit, r.Qty.OpeningCredit, r.Qty.Debit, r.Qty.Credit, r.Qty.ClosingDebit, r.Qty.ClosingCredit}
	for i, a := range base {
		f.raw(`<td>`)
		if a != 0 {
			f.raw(`<a href="`)
			f.esc(u)
			f.raw(`">`)
			f.esc(p.Money(a))
			f.raw(`</a>`)
		}
		if r.Currency != "" && curs[i] != 0 {
			f.raw(`<small class="cur">`)
			f.esc(money.Format(curs[i], exp, p.loc) + " " + r.Currency)
			f.raw(`</small>`)
		}
		if r.Quantity && qtys[i] != 0 {
			f.raw(`<small class="qty">`)
			f.esc(money.Format(qtys[i], ledger.QuantityExp, p.loc))
			f.raw(`</small>`)
		}
		f.raw(`</td>`)
	}
	f.raw(`</tr>`)
}

// TBLines writes the trial balance page's rows.
func (d *tbData) TBLines() template.HTML {
	f := frag{b: make([]byte, 0, 700*len(d.Lines))}
	for _, l := range d.Lines {
		if l.Row == nil {
			d.moreLine(&f, l)
			continue
		}
		toggle := ""
		if l.Row.Level == 0 && l.Row.Expandable && !d.Detailed {
			toggle = d.ToggleURL(l.Row.Account)
		}
		d.registerRow(&f, l.Row, d.From, d.To, toggle, l.Open)
	}
	return f.html()
}

// moreLine says which of an account's first analytics the page shows, with
// links to the others.
func (d *tbData) moreLine(f *frag, l tbLine) {
	f.raw("\n" + `<tr class="more d`)
	f.int(int64(min(l.Depth, 5)))
	f.raw(`"><td colspan="8" class="name">`)
	if l.Back != "" {
		f.raw(`<a href="`)
		f.esc(l.Back)
		f.raw(`">← `)
		f.esc(i18n.T(d.Lang, "Previous"))
		f.raw(`</a> `)
	}
	f.esc(i18n.Sprintf(d.Lang, "%s: lines %d–%d of %d", l.Of, l.First, l.Last, l.Groups))
	if l.More != "" {
		f.raw(` <a href="`)
		f.esc(l.More)
		f.raw(`">`)
		f.esc(i18n.T(d.Lang, "Next"))
		f.raw(` →</a>`)
	}
	f.raw(`</td></tr>`)
}
