package ledgertext

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"
	"unicode"
)

// Writer writes items in a canonical hledger journal form:
//
//	2024-01-05 * (42) Description  ; comment
//	    assets:bank  -12.50 USD @@ 11.00 EUR = 100.00 USD  ; tag: value
//	    expenses:food
//
// Amounts are written NUMBER COMMODITY with "." as the decimal mark and no
// digit grouping; a commodity that is not all letters and currency signs
// is quoted. [Parse] reads the output back to items equal to the ones
// written (line numbers aside), and hledger accepts it. An item that
// cannot be written so (a description holding ";", an account name with
// two spaces, a malformed number, more than one elided posting, a line
// longer than [DefaultMaxLineBytes]...) is refused with an error and
// nothing of it is written. Output is buffered: call Flush at the end.
type Writer struct {
	w   *bufio.Writer
	buf []byte
}

// NewWriter returns a Writer that writes to w.
func NewWriter(w io.Writer) *Writer {
	return &Writer{w: bufio.NewWriterSize(w, 256<<10)}
}

// Flush writes any buffered data to the underlying writer.
func (w *Writer) Flush() error { return w.w.Flush() }

// Write writes a *Transaction, *Price or *AccountDirective.
func (w *Writer) Write(it Item) error {
	switch it := it.(type) {
	case *Transaction:
		return w.WriteTransaction(it)
	case *Price:
		return w.WritePrice(it)
	case *AccountDirective:
		return w.WriteAccount(it)
	}
	return errors.New("ledgertext: write: unknown item type")
}

// WriteTransaction writes t followed by a blank line.
func (w *Writer) WriteTransaction(t *Transaction) error {
	b, err := appendTransaction(w.buf[:0], t)
	w.buf = b[:0]
	if err != nil {
		return writeError("transaction", t.Date, err)
	}
	_, err = w.w.Write(b)
	return err
}

// WritePrice writes p as "P DATE COMMODITY AMOUNT".
func (w *Writer) WritePrice(p *Price) error {
	b, err := appendPrice(w.buf[:0], p)
	w.buf = b[:0]
	if err != nil {
		return writeError("price", p.Date, err)
	}
	_, err = w.w.Write(b)
	return err
}

// WriteAccount writes a as "account NAME  ; comment".
func (w *Writer) WriteAccount(a *AccountDirective) error {
	b, err := appendAccount(w.buf[:0], a)
	w.buf = b[:0]
	if err != nil {
		return errors.New("ledgertext: write account " + quote([]byte(a.Name)) + ": " + err.Error())
	}
	_, err = w.w.Write(b)
	return err
}

func writeError(what string, d Date, err error) error {
	return errors.New("ledgertext: write " + what + " of " + d.String() + ": " + err.Error())
}

func appendTransaction(b []byte, t *Transaction) ([]byte, error) {
	if err := checkTransaction(t); err != nil {
		return b, err
	}
	b = appendDate(b, t.Date)
	if !t.Date2.IsZero() {
		b = appendDate(append(b, '='), t.Date2)
	}
	b = appendStatus(b, t.Status, " ")
	switch {
	case t.Code != "":
		b = append(append(append(b, " ("...), t.Code...), ')')
	case strings.HasPrefix(t.Description, "("),
		t.Status == Unmarked && strings.IndexAny(t.Description, "*!") == 0:
		b = append(b, " ()"...) // an empty code keeps the description's first character
	}
	if t.Description != "" {
		b = append(append(b, ' '), t.Description...)
	}
	b = appendComment(b, t.Comment, "    ")
	for i := range t.Postings {
		b = appendPosting(b, &t.Postings[i])
	}
	b = append(b, '\n')
	return b, checkLineLengths(b)
}

func appendPosting(b []byte, ps *Posting) []byte {
	b = append(b, "    "...)
	b = appendStatus(b, ps.Status, "")
	if ps.Status != Unmarked {
		b = append(b, ' ')
	}
	if ps.Virtual {
		b = append(append(append(b, '('), ps.Account...), ')')
	} else {
		b = append(b, ps.Account...)
	}
	if !ps.Elided {
		b = appendAmount(append(b, "  "...), ps.Amount)
		switch ps.Cost.Kind {
		case UnitCost:
			b = appendAmount(append(b, " @ "...), ps.Cost.Amount)
		case TotalCost:
			b = appendAmount(append(b, " @@ "...), ps.Cost.Amount)
		}
		if k := ps.Assertion.Kind; k != NoAssertion {
			b = append(append(append(b, ' '), assertionTokens[k]...), ' ')
			b = appendAmount(b, ps.Assertion.Amount)
		}
	}
	return appendComment(b, ps.Comment, "      ")
}

// appendComment ends the current line with the first line of comment,
// if any, and writes its other lines indented by indent.
func appendComment(b []byte, comment, indent string) []byte {
	if comment == "" {
		return append(b, '\n')
	}
	for i := 0; ; i++ {
		line, rest, more := strings.Cut(comment, "\n")
		if i == 0 {
			b = append(b, "  ;"...)
		} else {
			b = append(append(b, indent...), ';')
		}
		if line != "" {
			b = append(append(b, ' '), line...)
		}
		b = append(b, '\n')
		if !more {
			return b
		}
		comment = rest
	}
}

func appendStatus(b []byte, s Status, before string) []byte {
	switch s {
	case Cleared:
		return append(append(b, before...), '*')
	case Pending:
		return append(append(b, before...), '!')
	}
	return b
}

func appendPrice(b []byte, p *Price) ([]byte, error) {
	if !p.Date.Valid() {
		return b, errors.New("invalid date")
	}
	if p.Commodity == "" {
		return b, errors.New("price has no commodity")
	}
	if err := checkCommodity(p.Commodity); err != nil {
		return b, err
	}
	if err := checkAmount(p.Amount); err != nil {
		return b, err
	}
	b = appendDate(append(b, "P "...), p.Date)
	b = appendSymbol(append(b, ' '), p.Commodity)
	b = appendAmount(append(b, ' '), p.Amount)
	b = append(b, '\n')
	return b, checkLineLengths(b)
}

func appendAccount(b []byte, a *AccountDirective) ([]byte, error) {
	if err := checkAccountName(a.Name); err != nil {
		return b, err
	}
	if err := checkComment(a.Comment); err != nil {
		return b, err
	}
	if strings.Count(a.Comment, "\n") >= DefaultMaxCommentLines {
		return b, errors.New("too many comment lines")
	}
	b = append(append(b, "account "...), a.Name...)
	b = appendComment(b, a.Comment, "    ")
	return b, checkLineLengths(b)
}

// appendAmount appends a as NUMBER or NUMBER COMMODITY.
func appendAmount(b []byte, a Amount) []byte {
	b = append(b, a.Number...)
	if a.Commodity != "" {
		b = appendSymbol(append(b, ' '), a.Commodity)
	}
	return b
}

// appendSymbol appends a commodity symbol, quoted unless it is all
// letters and currency signs.
func appendSymbol(b []byte, sym string) []byte {
	for _, r := range sym {
		if !unicode.IsLetter(r) && !unicode.Is(unicode.Sc, r) {
			return append(append(append(b, '"'), sym...), '"')
		}
	}
	return append(b, sym...)
}

func checkLineLengths(b []byte) error {
	for len(b) > 0 {
		n := bytes.IndexByte(b, '\n')
		if n < 0 {
			n = len(b)
		}
		if n > DefaultMaxLineBytes {
			return errors.New("line longer than " + itoa(DefaultMaxLineBytes) + " bytes")
		}
		b = b[min(n+1, len(b)):]
	}
	return nil
}
