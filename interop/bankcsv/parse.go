package bankcsv

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"hasap/interop/bankstmt"
	"hasap/ledger"
	"hasap/money"
)

// row is a record of the file with the line it starts on.
type row struct {
	fields []string
	line   int
}

type parser struct {
	m      *Mapping
	cr     *csv.Reader
	src    *bankstmt.LimitReader
	st     bankstmt.Statement
	hasCcy bool
	last   int // line of the last record read
}

// Parse reads a CSV export through mapping m into one statement without
// balances, its lines in file order. The header and footer rows the mapping
// names are skipped, and so are rows whose fields are all empty.
func Parse(r io.Reader, m Mapping) (bankstmt.Statement, error) {
	if err := m.Validate(); err != nil {
		return bankstmt.Statement{}, err
	}
	src := &bankstmt.LimitReader{R: r, N: MaxBytes}
	var in io.Reader = src
	if m.cp1251() {
		in = bankstmt.DecodeWindows1251(in)
	}
	br := bufio.NewReader(in)
	if b, err := br.Peek(3); err == nil && string(b) == "\uFEFF" {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.Comma = m.delimiter()
	cr.FieldsPerRecord = -1
	p := &parser{m: &m, cr: cr, src: src}
	p.st = bankstmt.Statement{Account: m.Account, OpeningDate: ledger.NoDate, ClosingDate: ledger.NoDate}
	if m.Currency != "" {
		p.st.Currency, _ = currencyOf(m.Currency)
		p.hasCcy = true
	}
	if err := p.rows(); err != nil {
		return bankstmt.Statement{}, err
	}
	return p.st, nil
}

// rows reads the records, skips the header, holds back the footer and
// reads the rest as lines.
func (p *parser) rows() error {
	var held []row // the last FooterRows records, which may be the footer
	for n := 0; ; n++ {
		fields, err := p.cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return p.readErr(err)
		}
		line, _ := p.cr.FieldPos(0)
		p.last = line
		if n < p.m.HeaderRows {
			continue
		}
		held = append(held, row{fields, line})
		if len(held) <= p.m.FooterRows {
			continue
		}
		r := held[0]
		held = held[1:]
		if err := p.row(r); err != nil {
			return err
		}
	}
}

func (p *parser) readErr(err error) error {
	var pe *csv.ParseError
	switch {
	case p.src.ReadErr != nil:
		return fmt.Errorf("bankcsv: read: %w", p.src.ReadErr)
	case p.src.TooBig:
		return ledger.Errorf(ledger.EInvalid, "line %d: %s", p.last+1,
			ledger.Errorf(ledger.EInvalid, "the file is larger than %d bytes", MaxBytes))
	case errors.As(err, &pe):
		return ledger.Errorf(ledger.EInvalid, "line %d: %s", pe.Line,
			ledger.Errorf(ledger.EInvalid, "not valid CSV: %s", pe.Err.Error()))
	}
	return fmt.Errorf("bankcsv: read: %w", err)
}

// row reads one record into a line of the statement.
func (p *parser) row(r row) error {
	empty := true
	for _, f := range r.fields {
		if strings.TrimSpace(f) != "" {
			empty = false
			break
		}
	}
	if empty {
		return nil
	}
	if len(p.st.Lines) >= MaxRows {
		return ledger.Errorf(ledger.EInvalid, "line %d: %s", r.line,
			ledger.Errorf(ledger.EInvalid, "a statement holds at most %d lines", MaxRows))
	}
	l, err := p.line(r)
	if err != nil {
		return err
	}
	p.st.Lines = append(p.st.Lines, l)
	return nil
}

// fieldErr makes an error about column col of the row.
func fieldErr(r row, col int, format string, args ...any) error {
	return ledger.Errorf(ledger.EInvalid, "line %d, column %d: %s", r.line, col, ledger.Errorf(ledger.EInvalid, format, args...))
}

// field returns the text of column col (1-based), trimmed; "" for an
// unmapped column.
func field(r row, col int) (string, error) {
	if col == 0 {
		return "", nil
	}
	if col > len(r.fields) {
		return "", fieldErr(r, col, "the row has only %d columns", len(r.fields))
	}
	s := r.fields[col-1]
	if !utf8.ValidString(s) {
		return "", fieldErr(r, col, "not valid UTF-8 text: is the file in windows-1251?")
	}
	return strings.TrimSpace(s), nil
}

func (p *parser) line(r row) (bankstmt.Line, error) {
	var l bankstmt.Line
	var err error
	if l.Currency, err = p.currency(r); err != nil {
		return l, err
	}
	if l.Date, err = p.date(r, p.m.Date); err != nil {
		return l, err
	}
	l.ValueDate = l.Date
	if v, err := field(r, p.m.ValueDate); err != nil {
		return l, err
	} else if v != "" {
		if l.ValueDate, err = p.date(r, p.m.ValueDate); err != nil {
			return l, err
		}
	}
	if l.Amount, err = p.amount(r, l.Currency); err != nil {
		return l, err
	}
	for _, t := range []struct {
		dst *string
		col int
	}{{&l.Counterparty, p.m.Counterparty}, {&l.CounterpartyAccount, p.m.CounterpartyAccount},
		{&l.Reference, p.m.Reference}, {&l.Description, p.m.Description}, {&l.BankRef, p.m.BankRef}} {
		if *t.dst, err = field(r, t.col); err != nil {
			return l, err
		}
	}
	return l, nil
}

func (p *parser) currency(r row) (money.Currency, error) {
	if p.m.CurrencyColumn == 0 {
		return p.st.Currency, nil
	}
	v, err := field(r, p.m.CurrencyColumn)
	if err != nil {
		return money.Currency{}, err
	}
	cur, err := currencyOf(v)
	if err != nil {
		return cur, fieldErr(r, p.m.CurrencyColumn, "%s", err)
	}
	if !p.hasCcy {
		p.st.Currency, p.hasCcy = cur, true
	} else if cur != p.st.Currency {
		return cur, fieldErr(r, p.m.CurrencyColumn, "currency %s differs from the statement's %s", cur.Code, p.st.Currency.Code)
	}
	return cur, nil
}

func (p *parser) date(r row, col int) (ledger.Date, error) {
	v, err := field(r, col)
	if err != nil {
		return ledger.NoDate, err
	}
	t, err := time.Parse(p.m.DateLayout, v)
	if err != nil {
		return ledger.NoDate, fieldErr(r, col, "%q is not a date in the layout %s", v, p.m.DateLayout)
	}
	y, mo, d := t.Date()
	return ledger.DateOf(y, mo, d), nil
}

// amount reads the signed amount of the row: the amount column, or the
// credit less the debit, of which one must be given.
func (p *parser) amount(r row, cur money.Currency) (money.Amount, error) {
	if p.m.Amount != 0 {
		v, err := field(r, p.m.Amount)
		if err != nil {
			return 0, err
		}
		if v == "" {
			return 0, fieldErr(r, p.m.Amount, "the amount is empty")
		}
		return p.number(r, p.m.Amount, v, cur)
	}
	var side [2]money.Amount
	given := [2]bool{}
	for i, col := range []int{p.m.Debit, p.m.Credit} {
		v, err := field(r, col)
		if err != nil || v == "" {
			if err != nil {
				return 0, err
			}
			continue
		}
		if side[i], err = p.number(r, col, v, cur); err != nil {
			return 0, err
		}
		if side[i] < 0 {
			return 0, fieldErr(r, col, "a debit or credit cannot be negative: %q", v)
		}
		given[i] = true
	}
	switch {
	case !given[0] && !given[1]:
		return 0, ledger.Errorf(ledger.EInvalid, "line %d: %s", r.line,
			ledger.Errorf(ledger.EInvalid, "neither the debit (column %d) nor the credit (column %d) is given", p.m.Debit, p.m.Credit))
	case side[0] != 0 && side[1] != 0:
		return 0, ledger.Errorf(ledger.EInvalid, "line %d: %s", r.line,
			ledger.Errorf(ledger.EInvalid, "both the debit (column %d) and the credit (column %d) are given", p.m.Debit, p.m.Credit))
	}
	return side[1] - side[0], nil // one of them is zero: no overflow
}
