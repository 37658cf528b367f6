// Package sheet is the shape every report takes to leave Hasap: a title,
// the lines under it (organisation, period), columns and rows of typed
// cells. The CSV writer lives here; the XLSX writer in interop/xlsx and the
// PDF one in printform read the same Sheet. A report builds its Sheet once,
// in the user's language, and every format writes it.
package sheet

import (
	"fmt"

	"hasap/ledger"
	"hasap/money"
)

// Kind says what a column holds and how it is written.
type Kind uint8

const (
	// Text is words: an account code, a name, a document number.
	Text Kind = iota
	// Money is an amount in minor units with the column's Exp decimals.
	Money
	// Qty is a quantity in thousandths (ledger.QuantityExp).
	Qty
	// Number is an exact decimal with Exp decimals that is not money (a
	// rate, a count with Exp 0).
	Number
	// Date is a day; the cell's Text holds it as YYYY-MM-DD.
	Date
)

// Column is one column of a sheet.
type Column struct {
	Title string // header in the user's language
	Group string // the header over adjacent columns of the same Group ("Opening balance"); "" none
	Kind  Kind
	Exp   int // decimals of Money and Number columns; Qty uses ledger.QuantityExp
	Width int // characters, a hint for XLSX and PDF (0: the writer decides)
}

// Decimals returns the decimals a column's numbers are written with.
func (c Column) Decimals() int {
	if c.Kind == Qty {
		return ledger.QuantityExp
	}
	return c.Exp
}

// Numeric reports whether the column holds numbers.
func (c Column) Numeric() bool { return c.Kind == Money || c.Kind == Qty || c.Kind == Number }

// Style marks rows that are not plain lines.
type Style uint8

const (
	Plain    Style = iota
	Subtotal       // a group's own line (an account over its sub-accounts), bold
	Total          // the sheet's totals, bold with a rule above
	Heading        // a section heading inside the table (e.g. "Assets")
)

// Cell is one value. A numeric cell holds N; a Text or Date cell holds
// Text. A cell that is not Set is empty (a zero is written only when Set).
type Cell struct {
	Text string
	N    money.Amount
	Set  bool
}

// T is a text (or YYYY-MM-DD date) cell.
func T(s string) Cell { return Cell{Text: s, Set: s != ""} }

// M is a numeric cell: minor units of money, thousandths of quantity, or
// a Number with its column's decimals.
func M(n money.Amount) Cell { return Cell{N: n, Set: true} }

// NZ is a numeric cell that is empty when n is zero, as accountants print
// turnover columns.
func NZ(n money.Amount) Cell { return Cell{N: n, Set: n != 0} }

// Q is a quantity cell, empty when zero.
func Q(q ledger.Quantity) Cell { return NZ(money.Amount(q)) }

// D is a date cell (empty for ledger.NoDate).
func D(d ledger.Date) Cell {
	if d == ledger.NoDate {
		return Cell{}
	}
	return T(d.String())
}

// Row is one line of a sheet.
type Row struct {
	Level int // indentation of the first text cell: 0 account, 1 sub-account, 2 analytic...
	Style Style
	Cells []Cell
}

// Sheet is a report ready to be written.
type Sheet struct {
	Name      string   // short, for file and tab names: "trial-balance"
	Title     string   // in the user's language
	Lines     []string // under the title: organisation, period, currency
	Columns   []Column
	Rows      []Row
	Landscape bool // PDF on A4 landscape
}

// Add appends a row; its cells must match the columns.
func (s *Sheet) Add(style Style, level int, cells ...Cell) {
	s.Rows = append(s.Rows, Row{Level: level, Style: style, Cells: cells})
}

// Check reports a sheet whose rows do not fit its columns, a text in a
// numeric column or a number in a text one: the writers rely on it.
func (s *Sheet) Check() error {
	if len(s.Columns) == 0 {
		return fmt.Errorf("sheet %s: no columns", s.Name)
	}
	for i, r := range s.Rows {
		if len(r.Cells) != len(s.Columns) {
			return fmt.Errorf("sheet %s: row %d has %d cells for %d columns", s.Name, i+1, len(r.Cells), len(s.Columns))
		}
		for j, c := range r.Cells {
			col := s.Columns[j]
			if col.Numeric() && c.Text != "" {
				return fmt.Errorf("sheet %s: row %d column %d is numeric but holds text %q", s.Name, i+1, j+1, c.Text)
			}
			if !col.Numeric() && c.N != 0 {
				return fmt.Errorf("sheet %s: row %d column %d is text but holds a number", s.Name, i+1, j+1)
			}
			if col.Kind == Date && c.Text != "" {
				if _, err := ledger.ParseDate(c.Text); err != nil {
					return fmt.Errorf("sheet %s: row %d column %d: %w", s.Name, i+1, j+1, err)
				}
			}
		}
	}
	return nil
}

// Format writes a cell as the user reads it: amounts grouped in the
// locale ("1 150,00"), dates as DD.MM.YYYY (tk, ru) or YYYY-MM-DD (en).
func Format(c Cell, col Column, loc money.Locale) string {
	if !c.Set {
		return ""
	}
	switch col.Kind {
	case Money, Qty, Number:
		return money.Format(c.N, col.Decimals(), loc)
	case Date:
		if loc == money.English || len(c.Text) != 10 {
			return c.Text
		}
		return c.Text[8:10] + "." + c.Text[5:7] + "." + c.Text[0:4]
	}
	return c.Text
}
