// Package bankcsv reads bank statements exported as CSV, the one format
// every bank offers, through a saved [Mapping] per bank: which columns hold
// the date, the amount (one signed column, or debit and credit columns), the
// currency, the other party and the payment details, how numbers and dates
// are written, and the file's encoding (UTF-8, or Windows-1251 as most CIS
// banks export).
//
// [Parse] streams the file and returns one [bankstmt.Statement] without
// balances: a CSV export rarely gives them, and when it does they sit in
// footer rows whose shape differs from bank to bank. Every error is a
// *ledger.Error naming the line and, for a field, the column; Parse returns
// no lines when it returns an error. Limits: [MaxBytes] of input, [MaxRows]
// rows.
package bankcsv

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"hasap/ledger"
	"hasap/money"
)

// Limits.
const (
	MaxBytes   = 32 << 20 // bytes of input
	MaxRows    = 100_000  // rows of a statement
	MaxColumns = 200      // highest column a mapping may name
	maxEdge    = 100      // most header or footer rows
)

// Char is a single character; in JSON it is a one-character string (";",
// "\t"), so a saved mapping reads well.
type Char rune

// MarshalText writes the character.
func (c Char) MarshalText() ([]byte, error) { return []byte(string(rune(c))), nil }

// UnmarshalText reads exactly one character.
func (c *Char) UnmarshalText(b []byte) error {
	r, n := utf8.DecodeRune(b)
	if n == 0 || n != len(b) || r == utf8.RuneError {
		return fmt.Errorf("bankcsv: %q is not one character", b)
	}
	*c = Char(r)
	return nil
}

// Mapping says how one bank's CSV export reads. Columns are counted from 1,
// as a spreadsheet shows them; 0 means "not in the file".
type Mapping struct {
	Bank       string `json:"bank,omitempty"`        // whose export this is, for people
	Encoding   string `json:"encoding,omitempty"`    // "utf-8" (the default) or "windows-1251"
	Delimiter  Char   `json:"delimiter,omitempty"`   // between fields; 0 is ','
	HeaderRows int    `json:"header_rows,omitempty"` // rows at the top to skip (titles, column names)
	FooterRows int    `json:"footer_rows,omitempty"` // rows at the bottom to skip (totals)
	Account    string `json:"account,omitempty"`     // the account the file is for, when the file does not say

	Date       int    `json:"date"`                 // booking date: required
	DateLayout string `json:"date_layout"`          // Go time layout, e.g. "02.01.2006"
	ValueDate  int    `json:"value_date,omitempty"` // when empty, the booking date

	// Either Amount, signed from our side (negative is money out), or both
	// Debit (money out) and Credit (money in), each unsigned.
	Amount       int    `json:"amount,omitempty"`
	Debit        int    `json:"debit,omitempty"`
	Credit       int    `json:"credit,omitempty"`
	DecimalComma bool   `json:"decimal_comma,omitempty"` // "1150,00" rather than "1150.00"
	ThousandsSep string `json:"thousands_sep,omitempty"` // "", " ", ".", "," or "'"

	// Either a fixed Currency code or a CurrencyColumn.
	Currency       string `json:"currency,omitempty"`
	CurrencyColumn int    `json:"currency_column,omitempty"`

	Counterparty        int `json:"counterparty,omitempty"`
	CounterpartyAccount int `json:"counterparty_account,omitempty"`
	Reference           int `json:"reference,omitempty"`
	Description         int `json:"description,omitempty"`
	BankRef             int `json:"bank_ref,omitempty"`
}

// columns lists the mapped columns with their JSON names.
func (m *Mapping) columns() []struct {
	name string
	col  int
} {
	return []struct {
		name string
		col  int
	}{
		{"date", m.Date}, {"value_date", m.ValueDate}, {"amount", m.Amount}, {"debit", m.Debit},
		{"credit", m.Credit}, {"currency_column", m.CurrencyColumn}, {"counterparty", m.Counterparty},
		{"counterparty_account", m.CounterpartyAccount}, {"reference", m.Reference},
		{"description", m.Description}, {"bank_ref", m.BankRef},
	}
}

// Validate reports the first thing wrong with the mapping.
func (m Mapping) Validate() error {
	switch strings.ToLower(m.Encoding) {
	case "", "utf-8", "utf8", "windows-1251", "cp1251":
	default:
		return ledger.Errorf(ledger.EInvalid, "the encoding must be utf-8 or windows-1251, not %q", m.Encoding)
	}
	if d := m.delimiter(); d == '"' || d == '\r' || d == '\n' || d == utf8.RuneError || !utf8.ValidRune(d) {
		return ledger.Errorf(ledger.EInvalid, "the delimiter cannot be %q", string(d))
	}
	if m.HeaderRows < 0 || m.HeaderRows > maxEdge || m.FooterRows < 0 || m.FooterRows > maxEdge {
		return ledger.Errorf(ledger.EInvalid, "header and footer rows must be between 0 and %d", maxEdge)
	}
	seen := map[int]string{}
	for _, c := range m.columns() {
		if c.col == 0 {
			continue
		}
		if c.col < 0 || c.col > MaxColumns {
			return ledger.Errorf(ledger.EInvalid, "column %d of %s is not between 1 and %d", c.col, c.name, MaxColumns)
		}
		if other, ok := seen[c.col]; ok {
			return ledger.Errorf(ledger.EInvalid, "column %d is mapped twice: %s and %s", c.col, other, c.name)
		}
		seen[c.col] = c.name
	}
	if m.Date == 0 {
		return ledger.Errorf(ledger.EInvalid, "the mapping needs a date column")
	}
	ref := time.Date(2023, 11, 28, 0, 0, 0, 0, time.UTC)
	if t, err := time.Parse(m.DateLayout, ref.Format(m.DateLayout)); err != nil || !sameDay(t, ref) {
		return ledger.Errorf(ledger.EInvalid, "the date layout %q does not give day, month and year (write 2 January 2006 as you want it read, e.g. 02.01.2006)", m.DateLayout)
	}
	if (m.Amount != 0) == (m.Debit != 0 || m.Credit != 0) || m.Amount == 0 && (m.Debit == 0 || m.Credit == 0) {
		return ledger.Errorf(ledger.EInvalid, "give either an amount column or both a debit and a credit column")
	}
	switch m.ThousandsSep {
	case "", " ", ".", ",", "'":
	default:
		return ledger.Errorf(ledger.EInvalid, "the thousands separator must be empty, a space, a period, a comma or an apostrophe, not %q", m.ThousandsSep)
	}
	if m.ThousandsSep == string(m.decimalMark()) {
		return ledger.Errorf(ledger.EInvalid, "the thousands separator cannot be the decimal mark")
	}
	if (m.Currency == "") == (m.CurrencyColumn == 0) {
		return ledger.Errorf(ledger.EInvalid, "give either a fixed currency or a currency column")
	}
	if m.Currency != "" {
		if _, err := currencyOf(m.Currency); err != nil {
			return err
		}
	}
	return nil
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

func (m *Mapping) delimiter() rune {
	if m.Delimiter == 0 {
		return ','
	}
	return rune(m.Delimiter)
}

func (m *Mapping) decimalMark() byte {
	if m.DecimalComma {
		return ','
	}
	return '.'
}

func (m *Mapping) cp1251() bool {
	e := strings.ToLower(m.Encoding)
	return e == "windows-1251" || e == "cp1251"
}

// currencyOf reads a currency as banks write it: an ISO code (any case), a
// sign or "руб.", the numeric ISO code, or the old Russian code RUR.
func currencyOf(s string) (money.Currency, error) {
	if c, err := money.FromSymbol(s); err == nil {
		return c, nil
	}
	if c, err := money.Lookup(s); err == nil {
		return c, nil
	}
	if strings.EqualFold(s, "RUR") {
		return money.MustLookup("RUB"), nil
	}
	for _, code := range money.Codes() {
		c := money.MustLookup(code)
		if s != "" && strings.TrimLeft(s, "0") == fmt.Sprint(c.Numeric) {
			return c, nil
		}
	}
	return money.Currency{}, ledger.Errorf(ledger.EInvalid, "unknown currency %q", s)
}
