package statement

import (
	"hasap/i18n"
	"hasap/ledger"
	"hasap/money"
	"hasap/report/sheet"
)

// Report is a computed statement with what its sheet says about it.
type Report struct {
	Kind     Kind
	Org      string // the organisation's name
	Currency money.Currency
	Period   Period
	Against  Period  // the comparison's period, when Previous is set
	Current  *Result // of Period
	Previous *Result // of Against; nil for none
	// Items names the cash-flow items by code: a cash-flow line shows
	// the items behind it under it.
	Items map[string]ledger.Names
}

// RowRef says which line (and cash-flow item) a row of the sheet shows:
// the page links each amount to the line's drill-down. Line is "" for a
// heading or the unplaced rows.
type RowRef struct {
	Line string
	Item string
	Sub  bool // an item under its line
}

// Title is the statement's name in lang.
func Title(k Kind, lang string) string {
	switch k {
	case BalanceSheet:
		return i18n.T(lang, "Statement of financial position")
	case ProfitLoss:
		return i18n.T(lang, "Profit and loss")
	case CashFlow:
		return i18n.T(lang, "Cash flows")
	case Equity:
		return i18n.T(lang, "Changes in equity")
	}
	return string(k)
}

func locale(lang string) money.Locale {
	switch lang {
	case "tk":
		return money.Turkmen
	case "ru":
		return money.Russian
	}
	return money.English
}

func dateText(d ledger.Date, lang string) string {
	return sheet.Format(sheet.D(d), sheet.Column{Kind: sheet.Date}, locale(lang))
}

// periodTitle names a column of period p: "31.01.2025" for a balance
// sheet, "01.01.2025 – 31.01.2025" otherwise.
func periodTitle(k Kind, p Period, lang string) string {
	if k == BalanceSheet {
		return i18n.Sprintf(lang, "At %s", dateText(p.To, lang))
	}
	return dateText(p.From, lang) + " – " + dateText(p.To, lang)
}

// Sheet lays the statement out in lang: code, line, the amount of the
// period, and with a comparison the amount of the other period, the
// difference (current − comparison) and the change in percent with one
// decimal, empty when the comparison is zero (the changes in equity:
// opening, each kind of movement and closing of each period, see
// equityTitles, then the difference and change of the closing balances). Cash-flow lines list their items under them.
// Rows whose line no template line claims (accounts a balance sheet leaves
// out, cash-flow items) close the sheet, so nothing goes unseen.
func (r *Report) Sheet(lang string) (*sheet.Sheet, []RowRef) {
	sh := &sheet.Sheet{Name: string(r.Kind), Title: Title(r.Kind, lang), Landscape: r.Previous != nil || r.Kind == Equity} // the comparison, difference and change, the movements need the width
	sh.Lines = append(sh.Lines, r.Org)
	if r.Kind == BalanceSheet {
		sh.Lines = append(sh.Lines, i18n.Sprintf(lang, "At %s", dateText(r.Period.To, lang)))
	} else {
		sh.Lines = append(sh.Lines, i18n.Sprintf(lang, "Period: %s – %s", dateText(r.Period.From, lang), dateText(r.Period.To, lang)))
	}
	sh.Lines = append(sh.Lines, i18n.Sprintf(lang, "Currency: %s", r.Currency.Code))
	exp := r.Currency.Exponent
	col := func(title, group string) sheet.Column {
		return sheet.Column{Title: title, Group: group, Kind: sheet.Money, Exp: exp, Width: 16}
	}
	sh.Columns = []sheet.Column{{Title: i18n.T(lang, "Code"), Kind: sheet.Text, Width: 8}, {Title: i18n.T(lang, "Line"), Kind: sheet.Text, Width: 50}}
	cur := periodTitle(r.Kind, r.Period, lang)
	prev := ""
	if r.Previous != nil {
		prev = periodTitle(r.Kind, r.Against, lang)
	}
	if r.Kind == Equity {
		for _, g := range []string{cur, prev} {
			if g == "" {
				continue
			}
			for _, title := range r.equityTitles(lang) {
				sh.Columns = append(sh.Columns, col(title, g))
			}
		}
	} else {
		sh.Columns = append(sh.Columns, col(cur, ""))
		if r.Previous != nil {
			sh.Columns = append(sh.Columns, col(prev, ""))
		}
	}
	if r.Previous != nil {
		sh.Columns = append(sh.Columns, col(i18n.T(lang, "Difference"), ""),
			sheet.Column{Title: i18n.T(lang, "Change, %"), Kind: sheet.Number, Exp: 1, Width: 10})
	}
	var refs []RowRef
	for i, l := range r.Current.Template.Lines {
		if l.Movement() {
			continue // a column
		}
		style := sheet.Plain
		switch {
		case l.Heading():
			style = sheet.Heading
		case l.Formula():
			style = sheet.Subtotal
		}
		cells := []sheet.Cell{sheet.T(l.Code), sheet.T(l.Names.In(lang))}
		if l.Heading() {
			for range sh.Columns[2:] {
				cells = append(cells, sheet.Cell{})
			}
		} else {
			cells = append(cells, r.amounts(i)...)
		}
		sh.Add(style, l.Level, cells...)
		refs = append(refs, RowRef{Line: l.Code})
		if r.Kind == CashFlow && readsItems(&l) {
			for _, it := range r.itemRows(i) {
				name := r.Items[it.code].In(lang)
				switch {
				case it.line != nil:
					name = it.line.Names.In(lang)
				case it.code == "":
					name = i18n.T(lang, "No cash-flow item")
				}
				c := []sheet.Cell{sheet.T(it.code), sheet.T(name), sheet.M(it.cur)}
				if r.Previous != nil {
					c = append(append(c, sheet.M(it.prev)), changeCells(it.cur, it.prev)...)
				}
				sh.Add(sheet.Plain, l.Level+1, c...)
				refs = append(refs, RowRef{Line: l.Code, Item: it.code, Sub: true})
			}
		}
	}
	r.unplaced(sh, lang, &refs)
	return sh, refs
}

// amounts are the numeric cells of line i.
func (r *Report) amounts(i int) []sheet.Cell {
	v := r.Current.Values[i]
	if r.Kind == Equity {
		out := equityCells(v)
		if r.Previous != nil {
			p := r.Previous.Values[i]
			out = append(out, equityCells(p)...)
			out = append(out, changeCells(v.Amount, p.Amount)...)
		}
		return out
	}
	out := []sheet.Cell{sheet.M(v.Amount)}
	if r.Previous != nil {
		p := r.Previous.Values[i].Amount
		out = append(append(out, sheet.M(p)), changeCells(v.Amount, p)...)
	}
	return out
}

// equityTitles are the titles of a period's columns of the changes in
// equity: the opening balance, each movement line and the other changes
// (or, when the template has no movement lines, the increase and the
// decrease), the closing balance.
func (r *Report) equityTitles(lang string) []string {
	t := r.Current.Template
	mv := t.Movements()
	if len(mv) == 0 {
		return []string{i18n.T(lang, "Opening balance"), i18n.T(lang, "Increase"), i18n.T(lang, "Decrease"), i18n.T(lang, "Closing balance")}
	}
	out := []string{i18n.T(lang, "Opening balance")}
	for _, i := range mv {
		out = append(out, t.Lines[i].Names.In(lang))
	}
	return append(out, OtherChanges(lang), i18n.T(lang, "Closing balance"))
}

// OtherChanges names, in lang, the movements of equity no movement line
// takes.
func OtherChanges(lang string) string { return i18n.T(lang, "Other changes") }

// equityCells are a period's cells of a line of the changes in equity, as
// equityTitles names them.
func equityCells(v Value) []sheet.Cell {
	out := []sheet.Cell{sheet.M(v.Open)}
	if v.Moves == nil {
		out = append(out, sheet.M(v.Increase), sheet.M(v.Decrease))
	}
	for _, m := range v.Moves {
		out = append(out, sheet.M(m))
	}
	return append(out, sheet.M(v.Amount))
}

// changeCells are the difference cur − prev and the change in tenths of
// a percent (ChangeTenths); a cell is empty when there is none.
func changeCells(cur, prev money.Amount) []sheet.Cell {
	out := make([]sheet.Cell, 2)
	if d, ok := Difference(cur, prev); ok {
		out[0] = sheet.M(d)
	}
	if c, ok := ChangeTenths(cur, prev); ok {
		out[1] = sheet.M(c)
	}
	return out
}

type itemRow struct {
	code      string
	line      *Line // a line the cash-flow line adds (4190 transfers), else nil for an item
	cur, prev money.Amount
}

// readsItems reports whether a line reads cash flows by item.
func readsItems(l *Line) bool {
	for _, t := range l.Terms {
		if t.Measure == Inflow || t.Measure == Outflow || t.Measure == Internal {
			return true
		}
	}
	return false
}

// itemRows are the cash-flow items behind line i in either period.
func (r *Report) itemRows(i int) []itemRow {
	var rows []itemRow
	at := map[string]int{}
	add := func(parts []Part, prev bool) {
		for _, p := range parts {
			if p.Account != "" {
				continue
			}
			j, ok := at[p.Item]
			if !ok {
				j = len(rows)
				at[p.Item] = j
				rows = append(rows, itemRow{code: p.Item})
			}
			if prev {
				rows[j].prev += p.Amount
			} else {
				rows[j].cur += p.Amount
			}
		}
	}
	add(r.Current.Values[i].Parts, false)
	if r.Previous != nil {
		add(r.Previous.Values[i].Parts, true)
	}
	t := r.Current.Template
	for _, term := range t.Lines[i].Terms {
		if term.Measure != LineRef {
			continue
		}
		row := itemRow{code: term.Pattern, line: t.Line(term.Pattern), cur: r.Current.Value(term.Pattern)}
		if r.Previous != nil {
			row.prev = r.Previous.Value(term.Pattern)
		}
		if term.Sign < 0 {
			row.cur, row.prev = -row.cur, -row.prev
		}
		rows = append(rows, row)
	}
	return rows
}

// unplaced adds the accounts and items no line claims, under a heading.
func (r *Report) unplaced(sh *sheet.Sheet, lang string, refs *[]RowRef) {
	if len(r.Current.Unplaced) == 0 {
		return
	}
	empty := make([]sheet.Cell, len(sh.Columns)-2)
	sh.Add(sheet.Heading, 0, append([]sheet.Cell{sheet.T(""), sheet.T(i18n.T(lang, "Not on any line of the template"))}, empty...)...)
	*refs = append(*refs, RowRef{})
	for _, p := range r.Current.Unplaced {
		code := string(p.Account)
		if code == "" {
			code = p.Item
		}
		cells := []sheet.Cell{sheet.T(code), sheet.T(p.Measure.String())}
		for range empty {
			cells = append(cells, sheet.Cell{})
		}
		cells[len(cells)-len(empty)] = sheet.M(p.Amount)
		if r.Kind == Equity {
			cells[len(cells)-len(empty)] = sheet.Cell{}
			cells[len(cells)-len(empty)+len(r.equityTitles(lang))-1] = sheet.M(p.Amount)
		}
		sh.Add(sheet.Plain, 1, cells...)
		*refs = append(*refs, RowRef{})
	}
}
