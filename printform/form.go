package printform

import (
	"unicode/utf8"

	"hasap/ledger"
)

// Limits on a form (see the package doc).
const (
	MaxRows    = 10_000 // table rows, totals included
	MaxColumns = 20
	MaxText    = 10_000 // bytes in any one text: a cell, a name, the notes
	MaxPages   = 1_000  // pages of a PDF
)

// Form is a printed form, data only. Every label is in the form's language.
type Form struct {
	Lang      string      // tk, ru or en: the language of the package's fixed words
	Title     string      // "Счёт-фактура", "Приходный кассовый ордер"
	Number    string      // printed after "№"; empty: no number
	Date      ledger.Date // printed after "от"; ledger.NoDate: no date
	Issuer    Party       // the organisation that issues the form
	Recipient Party       // the other party; an empty Name leaves it out

	// Fields are header lines between the parties and the table
	// ("Основание:", "Договор:", "Принято от:").
	Fields []Field

	Table Table

	// AmountInWords is printed after "Сумма прописью:"; empty leaves it out.
	AmountInWords string
	Notes         string // printed under the amount; may have several lines

	Signatures []Signature
	Stamp      bool // print "М.П." for the stamp

	// Marks is the label of an empty bordered box printed after the
	// signatures, for marks made by hand ("Отметки банка" on a payment
	// order); "" leaves it out.
	Marks string

	// TearOff is a part printed after a dashed cut line, to be torn off
	// and handed over (the receipt of a cash receipt order KO-1): its own
	// title, number, date, issuer, fields, table, amount in words,
	// signatures and stamp, in the form's language. It may not have a
	// tear-off of its own.
	TearOff *Form
}

// Party is an organisation or a person on the form, with the details a CIS
// form prints. Empty details are left out.
type Party struct {
	Role        string // the label: "Поставщик", "Покупатель", "Организация"
	Name        string
	TaxID       string
	Address     string
	BankName    string
	BankAccount string
	BIC         string
}

// Field is one labelled line of the form's header.
type Field struct {
	Label string // "Основание"; the colon is added
	Value string
}

// Align is the horizontal alignment of a table column.
type Align int

// The alignments: numbers are AlignRight.
const (
	AlignLeft Align = iota
	AlignCenter
	AlignRight
)

// Column is one column of the table.
type Column struct {
	Header string
	Align  Align
	// Width is the share of the table's width, in any unit: the widths of
	// all columns are scaled to the page. Zero counts as 1.
	Width float64
}

// Table is the form's table. Every row has one cell per column (missing
// cells are empty, extra ones an error). Totals rows are printed under the
// table, right-aligned under the last columns: a totals row of n cells
// fills the last n columns, its first cell (the label) spanning whatever is
// left to its left.
type Table struct {
	Columns []Column
	Rows    [][]string
	Totals  [][]string
}

// Signature is one signature line.
type Signature struct {
	Role string // "Руководитель", "Главный бухгалтер", "Кассир", "Получил"
	Name string // printed beside the line; empty leaves a blank line
}

// check enforces the limits and the table's shape. Invalid UTF-8 is not an
// error: it is printed as U+FFFD (HTML) or "?" (PDF).
func (f *Form) check() error {
	if f.TearOff != nil {
		if f.TearOff.TearOff != nil {
			return ledger.Errorf(ledger.EInvalid, "printed form's tear-off has a tear-off of its own")
		}
		if err := f.TearOff.check(); err != nil {
			return err
		}
	}
	if n := len(f.Table.Columns); n > MaxColumns {
		return ledger.Errorf(ledger.EInvalid, "printed form has %d columns, more than %d", n, MaxColumns)
	}
	if n := len(f.Table.Rows) + len(f.Table.Totals); n > MaxRows {
		return ledger.Errorf(ledger.EInvalid, "printed form has %d table rows, more than %d", n, MaxRows)
	}
	for i, r := range f.Table.Rows {
		if len(r) > len(f.Table.Columns) {
			return ledger.Errorf(ledger.EInvalid, "printed form table row %d has %d cells for %d columns", i+1, len(r), len(f.Table.Columns))
		}
	}
	for i, r := range f.Table.Totals {
		if len(r) > len(f.Table.Columns) {
			return ledger.Errorf(ledger.EInvalid, "printed form table row %d has %d cells for %d columns", len(f.Table.Rows)+i+1, len(r), len(f.Table.Columns))
		}
	}
	for _, s := range f.texts() {
		if len(s) > MaxText {
			return ledger.Errorf(ledger.EInvalid, "printed form text of %d bytes is longer than %d", len(s), MaxText)
		}
	}
	return nil
}

// texts lists every text of the form, for the length check.
func (f *Form) texts() []string {
	t := []string{f.Lang, f.Title, f.Number, f.AmountInWords, f.Notes, f.Marks}
	for _, p := range []*Party{&f.Issuer, &f.Recipient} {
		t = append(t, p.Role, p.Name, p.TaxID, p.Address, p.BankName, p.BankAccount, p.BIC)
	}
	for _, fl := range f.Fields {
		t = append(t, fl.Label, fl.Value)
	}
	for _, c := range f.Table.Columns {
		t = append(t, c.Header)
	}
	for _, r := range f.Table.Rows {
		t = append(t, r...)
	}
	for _, r := range f.Table.Totals {
		t = append(t, r...)
	}
	for _, s := range f.Signatures {
		t = append(t, s.Role, s.Name)
	}
	return t
}

// validUTF8 replaces invalid UTF-8 with U+FFFD.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	b := make([]rune, 0, len(s))
	for _, r := range s {
		b = append(b, r)
	}
	return string(b)
}
