package report

import (
	"fmt"

	"hasap/i18n"
	"hasap/report/sheet"
)

func levelLine(lang string, l Level) string {
	if l == SubAccount {
		return i18n.T(lang, "By sub-accounts")
	}
	return i18n.T(lang, "By synthetic accounts")
}

// Sheet lays the chessboard out for export in lang: a row per debit
// account, a column per credit account, totals last; landscape.
func (c *Chessboard) Sheet(lang, org string) *sheet.Sheet {
	exp := c.Currency.Exponent
	sh := &sheet.Sheet{Name: "chessboard", Title: i18n.T(lang, "Chessboard"), Landscape: true,
		Lines: []string{org, periodLine(lang, c.From, c.To), levelLine(lang, c.Level), i18n.T(lang, "Currency") + ": " + c.Currency.Code}}
	sh.Columns = append(sh.Columns, sheet.Column{Title: i18n.T(lang, "Dt \\ Kt"), Kind: sheet.Text, Width: 10})
	for _, kt := range c.Credits {
		sh.Columns = append(sh.Columns, sheet.Column{Title: string(kt), Group: i18n.T(lang, "Kt"), Kind: sheet.Money, Exp: exp})
	}
	sh.Columns = append(sh.Columns, sheet.Column{Title: i18n.T(lang, "Total"), Kind: sheet.Money, Exp: exp})
	for _, dt := range c.Debits {
		cells := []sheet.Cell{sheet.T(string(dt))}
		for _, kt := range c.Credits {
			cells = append(cells, sheet.NZ(c.Cell(dt, kt)))
		}
		sh.Add(sheet.Plain, 0, append(cells, sheet.M(c.RowTotals[dt]))...)
	}
	cells := []sheet.Cell{sheet.T(i18n.T(lang, "Total"))}
	for _, kt := range c.Credits {
		cells = append(cells, sheet.M(c.ColTotals[kt]))
	}
	sh.Add(sheet.Total, 0, append(cells, sheet.M(c.Total))...)
	return sh
}

// Sheet lays the account analysis out for export in lang: opening balance,
// the correspondents with their debit and credit turnover, the turnover and
// the closing balance; by month when it has months, then the period's
// turnover by correspondent.
func (a *AccountAnalysis) Sheet(lang, org string) *sheet.Sheet {
	exp := a.Currency.Exponent
	title := i18n.Sprintf(lang, "Analysis of account %s", a.Account)
	if n := a.Name.In(lang); n != "" {
		title += " " + n
	}
	sh := &sheet.Sheet{Name: "account-analysis", Title: title,
		Lines: []string{org, periodLine(lang, a.From, a.To), levelLine(lang, a.Level), i18n.T(lang, "Currency") + ": " + a.Currency.Code}}
	turn := i18n.T(lang, "Turnover")
	sh.Columns = []sheet.Column{
		{Title: i18n.T(lang, "Correspondent"), Kind: sheet.Text, Width: 12},
		{Title: i18n.T(lang, "Name"), Kind: sheet.Text, Width: 40},
		{Title: i18n.T(lang, "Dt"), Group: turn, Kind: sheet.Money, Exp: exp},
		{Title: i18n.T(lang, "Kt"), Group: turn, Kind: sheet.Money, Exp: exp},
	}
	part := func(p *AnalysisPart, totalStyle sheet.Style) {
		sh.Add(sheet.Subtotal, 0, sheet.T(i18n.T(lang, "Opening balance")), sheet.Cell{}, sheet.NZ(p.OpeningDebit), sheet.NZ(p.OpeningCredit))
		for _, l := range p.Lines {
			code := string(l.Account)
			if code == "" {
				code = "—"
			}
			sh.Add(sheet.Plain, 1, sheet.T(code), sheet.T(l.Name.In(lang)), sheet.NZ(l.Debit), sheet.NZ(l.Credit))
		}
		sh.Add(totalStyle, 0, sheet.T(turn), sheet.Cell{}, sheet.M(p.Debit), sheet.M(p.Credit))
		sh.Add(sheet.Subtotal, 0, sheet.T(i18n.T(lang, "Closing balance")), sheet.Cell{}, sheet.NZ(p.ClosingDebit), sheet.NZ(p.ClosingCredit))
	}
	for i := range a.Months {
		m := &a.Months[i]
		sh.Add(sheet.Heading, 0, sheet.T(fmt.Sprintf("%s – %s", m.From, m.To)), sheet.Cell{}, sheet.Cell{}, sheet.Cell{})
		part(m, sheet.Subtotal)
	}
	if len(a.Months) > 0 {
		sh.Add(sheet.Heading, 0, sheet.T(i18n.T(lang, "The whole period")), sheet.Cell{}, sheet.Cell{}, sheet.Cell{})
	}
	part(&a.AnalysisPart, sheet.Total)
	return sh
}
