package report

import (
	"hasap/i18n"
	"hasap/ledger"
	"hasap/money"
	"hasap/report/sheet"
)

// Heading is what a report's sheet says above its table: the
// organisation's name.
type Heading struct {
	Org  string
	Lang string
}

func localeOf(lang string) money.Locale {
	switch lang {
	case "tk":
		return money.Turkmen
	case "ru":
		return money.Russian
	}
	return money.English
}

// periodLine says the period in the user's language.
func periodLine(lang string, from, to ledger.Date) string {
	d := func(x ledger.Date) string {
		if x == ledger.NoDate {
			return "…"
		}
		return sheet.Format(sheet.D(x), sheet.Column{Kind: sheet.Date}, localeOf(lang))
	}
	return i18n.Sprintf(lang, "Period: %s – %s", d(from), d(to))
}

// sixColumns are the opening, turnover and closing columns, Dt and Kt.
// The groups are in the user's language already.
func sixColumns(lang string, kind sheet.Kind, exp int, groups [3]string) []sheet.Column {
	var cols []sheet.Column
	for _, g := range groups {
		cols = append(cols, sheet.Column{Title: i18n.T(lang, "Dt"), Group: g, Kind: kind, Exp: exp, Width: 14},
			sheet.Column{Title: i18n.T(lang, "Kt"), Group: g, Kind: kind, Exp: exp, Width: 14})
	}
	return cols
}

func baseGroups(lang string) [3]string {
	return [3]string{i18n.T(lang, "Opening balance"), i18n.T(lang, "Turnover"), i18n.T(lang, "Closing balance")}
}

func sixCells(a Amounts) []sheet.Cell {
	out := make([]sheet.Cell, 0, 6)
	for _, v := range [...]money.Amount{a.OpeningDebit, a.OpeningCredit, a.Debit, a.Credit, a.ClosingDebit, a.ClosingCredit} {
		out = append(out, sheet.NZ(v))
	}
	return out
}

// scaled returns a's columns times 10^n, or an overflow error.
func scaled(a Amounts, n int) ([]sheet.Cell, error) {
	out := make([]sheet.Cell, 0, 6)
	for _, v := range [...]money.Amount{a.OpeningDebit, a.OpeningCredit, a.Debit, a.Credit, a.ClosingDebit, a.ClosingCredit} {
		for range n {
			var err error
			if v, err = money.Mul(v, 10); err != nil {
				return nil, ledger.Errorf(ledger.EInvalid, "currency amount out of range")
			}
		}
		out = append(out, sheet.NZ(v))
	}
	return out, nil
}

// RowLabel is what the first two columns of a trial balance row say: the
// account's code and name, an analytic's code and name from its catalog
// in lang, or a currency's code.
func RowLabel(r TBRow, lang string) (code, name string) {
	switch {
	case r.CurrencyRow:
		return r.Currency, r.Currency
	case r.Level > 0:
		if r.Analytics[r.Level-1] == 0 {
			return "—", i18n.T(lang, "(not set)")
		}
		name = r.Name.In(lang)
		if name == "" {
			name = r.Code
		}
		return r.Code, name
	}
	return string(r.Account), r.Name.In(lang)
}

// TrialBalanceSheet is the trial balance as a sheet: code, name, the six
// base columns, and where rows carry them the currency and its six
// columns (in the largest exponent of the currencies shown, so that yen
// and dollars share a column exactly) and the six quantity columns.
func TrialBalanceSheet(tb *TrialBalance, h Heading, title string) (*sheet.Sheet, error) {
	lang := h.Lang
	hasCur, hasQty, curExp := false, false, 0
	for _, r := range tb.Rows {
		if r.Currency != "" {
			hasCur = true
			if c, err := money.Lookup(r.Currency); err == nil {
				curExp = max(curExp, c.Exponent)
			}
		}
		hasQty = hasQty || r.Quantity
	}
	sh := &sheet.Sheet{Name: "trial-balance", Title: title, Lines: []string{h.Org, periodLine(lang, tb.From, tb.To), i18n.Sprintf(lang, "Amounts in %s", tb.Currency.Code)}, Landscape: true}
	sh.Columns = []sheet.Column{{Title: i18n.T(lang, "Account"), Kind: sheet.Text, Width: 10}, {Title: i18n.T(lang, "Name"), Kind: sheet.Text, Width: 36}}
	sh.Columns = append(sh.Columns, sixColumns(lang, sheet.Money, tb.Currency.Exponent, baseGroups(lang))...)
	if hasCur {
		sh.Columns = append(sh.Columns, sheet.Column{Title: i18n.T(lang, "Currency"), Kind: sheet.Text, Width: 6})
		sh.Columns = append(sh.Columns, sixColumns(lang, sheet.Money, curExp, [3]string{i18n.T(lang, "Opening balance in currency"), i18n.T(lang, "Turnover in currency"), i18n.T(lang, "Closing balance in currency")})...)
	}
	if hasQty {
		sh.Columns = append(sh.Columns, sixColumns(lang, sheet.Qty, 0, [3]string{i18n.T(lang, "Opening quantity"), i18n.T(lang, "Quantity turnover"), i18n.T(lang, "Closing quantity")})...)
	}
	add := func(style sheet.Style, level int, code, name string, r TBRow) error {
		cells := []sheet.Cell{sheet.T(code), sheet.T(name)}
		cells = append(cells, sixCells(r.Amounts)...)
		if hasCur {
			cells = append(cells, sheet.T(r.Currency))
			cur, err := scaled(Amounts{}, 0)
			if c, lerr := money.Lookup(r.Currency); lerr == nil && r.Currency != "" {
				cur, err = scaled(r.Cur, curExp-c.Exponent)
			}
			if err != nil {
				return err
			}
			cells = append(cells, cur...)
		}
		if hasQty {
			q := Amounts{}
			if r.Quantity {
				q = r.Qty
			}
			cells = append(cells, sixCells(q)...)
		}
		sh.Add(style, level, cells...)
		return nil
	}
	for _, r := range tb.Rows {
		code, name := RowLabel(r, lang)
		style := sheet.Plain
		if r.Group {
			style = sheet.Subtotal
		}
		if err := add(style, r.Depth, code, name, r); err != nil {
			return nil, err
		}
	}
	if err := add(sheet.Total, 0, i18n.T(lang, "Total"), "", tb.Total); err != nil {
		return nil, err
	}
	return sh, sh.Check()
}

// GeneralLedgerSheet is the general ledger as a sheet: each account's
// line over the period, then its months.
func GeneralLedgerSheet(gl *GeneralLedger, h Heading, title string) *sheet.Sheet {
	lang := h.Lang
	sh := &sheet.Sheet{Name: "general-ledger", Title: title, Lines: []string{h.Org, periodLine(lang, gl.From, gl.To), i18n.Sprintf(lang, "Amounts in %s", gl.Currency.Code)}, Landscape: true}
	sh.Columns = []sheet.Column{{Title: i18n.T(lang, "Account"), Kind: sheet.Text, Width: 10}, {Title: i18n.T(lang, "Name"), Kind: sheet.Text, Width: 30},
		{Title: i18n.T(lang, "Month"), Kind: sheet.Text, Width: 9}}
	sh.Columns = append(sh.Columns, sixColumns(lang, sheet.Money, gl.Currency.Exponent, baseGroups(lang))...)
	for _, a := range gl.Accounts {
		cells := append([]sheet.Cell{sheet.T(string(a.Account)), sheet.T(a.Name.In(lang)), sheet.T(MonthLabel(a.Months[0].From, a.Months[len(a.Months)-1].To, lang))}, sixCells(a.Period)...)
		sh.Add(sheet.Subtotal, 0, cells...)
		for _, m := range a.Months {
			cells := append([]sheet.Cell{sheet.T(""), sheet.T(""), sheet.T(MonthLabel(m.From, m.To, lang))}, sixCells(m.Amounts)...)
			sh.Add(sheet.Plain, 1, cells...)
		}
	}
	return sh
}

// MonthLabel names a month ("01.2025"; "2025-01" in English) or, for a
// part of one or several months, its first and last day.
func MonthLabel(from, to ledger.Date, lang string) string {
	y, m, _ := from.YMD()
	if from == from.MonthStart() && to == ledger.DateOf(y, m+1, 1)-1 {
		s := from.String() // YYYY-MM-DD
		if lang == "en" {
			return s[:7]
		}
		return s[5:7] + "." + s[:4]
	}
	f := func(d ledger.Date) string {
		return sheet.Format(sheet.D(d), sheet.Column{Kind: sheet.Date}, localeOf(lang))
	}
	return f(from) + "–" + f(to)
}
