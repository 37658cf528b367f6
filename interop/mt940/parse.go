package mt940

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"hasap/interop/bankstmt"
	"hasap/ledger"
	"hasap/money"
)

// Limits of Parse.
const (
	MaxBytes      = 64 << 20 // bytes of input
	MaxLineBytes  = 4 << 10  // longest line, without its line ending
	MaxLines      = 100_000  // most :61: lines in one statement
	MaxStatements = 10_000   // most statements in one file
	maxFieldLines = 100      // most text lines of one tag (an :86: has 6 in SWIFT)
)

// field is one tag with its text: the rest of the tag's line and its
// continuation lines.
type field struct {
	tag   string // "61", "60F", ...
	line  int    // line of the tag
	lines []string
}

type parser struct {
	line  int // current line, 1-based
	bytes int // bytes read so far
	out   []bankstmt.Statement

	f    *field              // open field, if any
	st   *bankstmt.Statement // open statement, if any
	stAt int                 // line of its :20:
	seen map[string]bool     // one-time tags seen in st
	// last is 1 + the index in st.Lines of the line an :86: now describes,
	// or 0; described says the previous field was an :86: that did.
	last      int
	described bool
}

// Parse reads the MT940 statements in r, in file order. See the package
// documentation for what it reads and how.
func Parse(r io.Reader) ([]bankstmt.Statement, error) {
	p := &parser{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), MaxLineBytes+2)
	for sc.Scan() {
		p.line++
		if p.bytes += len(sc.Bytes()) + 1; p.bytes > MaxBytes {
			return nil, p.lineErr("the file is larger than %d bytes", MaxBytes)
		}
		if err := p.feed(sc.Text()); err != nil {
			return nil, err
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, ledger.Errorf(ledger.EInvalid, "line %d: %s", p.line+1,
				ledger.Errorf(ledger.EInvalid, "the line is longer than %d bytes", MaxLineBytes))
		}
		return nil, fmt.Errorf("mt940: read line %d: %w", p.line+1, err)
	}
	if err := p.endMessage(); err != nil {
		return nil, err
	}
	return p.out, nil
}

// lineErr makes an error about the current line as a whole.
func (p *parser) lineErr(format string, args ...any) error {
	return ledger.Errorf(ledger.EInvalid, "line %d: %s", p.line, ledger.Errorf(ledger.EInvalid, format, args...))
}

// tagErr makes an error about a tag that starts on line.
func tagErr(line int, tag, format string, args ...any) error {
	return ledger.Errorf(ledger.EInvalid, "line %d: tag %s %s", line, ":"+tag+":", ledger.Errorf(ledger.EInvalid, format, args...))
}

// feed takes one line, without its line ending.
func (p *parser) feed(s string) error {
	if p.line == 1 {
		s = strings.TrimPrefix(s, "\uFEFF")
	}
	s = strings.TrimRight(s, " \t\r")
	if err := p.checkText(s); err != nil {
		return err
	}
	switch {
	case s == "":
		return nil
	case s == "-" || strings.HasPrefix(s, "-}"):
		return p.endMessage()
	case s[0] == '{':
		if err := p.endMessage(); err != nil {
			return err
		}
		_, rest, ok := strings.Cut(s, "{4:")
		if !ok || rest == "" {
			return nil
		}
		return p.feed(rest)
	}
	if tag, rest, ok := cutTag(s); ok {
		if err := p.flush(); err != nil {
			return err
		}
		p.f = &field{tag: tag, line: p.line, lines: []string{rest}}
		return nil
	}
	if p.f == nil {
		return nil // text outside a message: a bank's header line
	}
	if len(p.f.lines) >= maxFieldLines {
		return tagErr(p.f.line, p.f.tag, "more than %d lines", maxFieldLines)
	}
	p.f.lines = append(p.f.lines, s)
	return nil
}

// checkText rejects control characters other than tab, and invalid UTF-8.
func (p *parser) checkText(s string) error {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' || c == 0x7f {
			return p.lineErr("control character in the line")
		}
	}
	if !utf8.ValidString(s) {
		return p.lineErr("the line is not valid UTF-8 text")
	}
	return nil
}

// cutTag splits ":61:rest" into "61" and "rest" when s starts with a tag:
// a colon, two digits or capitals, an optional capital, a colon.
func cutTag(s string) (tag, rest string, ok bool) {
	if len(s) < 4 || s[0] != ':' {
		return "", "", false
	}
	n := 3
	if s[3] != ':' {
		if len(s) < 5 || s[4] != ':' || !isUpper(s[3]) {
			return "", "", false
		}
		n = 4
	}
	for i := 1; i < 3; i++ {
		if !isUpper(s[i]) && !isDigit(s[i]) {
			return "", "", false
		}
	}
	return s[1:n], s[n+1:], true
}

// unsafeLine reports whether a line of text cannot stand as a continuation
// line: the parser would read it as a tag, an end of message, a block or
// nothing.
func unsafeLine(s string) bool {
	if _, _, ok := cutTag(s); ok {
		return true
	}
	t := strings.TrimRight(s, " \t\r")
	return t == "" || t != s || t == "-" || strings.HasPrefix(t, "-}") || t[0] == '{'
}

func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }
func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// endMessage ends the open field and statement: a "-" line, a new block,
// or the end of the file.
func (p *parser) endMessage() error {
	if err := p.flush(); err != nil {
		return err
	}
	return p.finish()
}

// flush reads the open field into the open statement.
func (p *parser) flush() error {
	f := p.f
	if f == nil {
		return nil
	}
	p.f = nil
	if f.tag == "20" {
		if err := p.finish(); err != nil {
			return err
		}
		return p.start(f)
	}
	if p.st == nil {
		if knownTag(f.tag) {
			return tagErr(f.line, f.tag, "no statement has begun: :20: must come first")
		}
		return nil
	}
	describes, described := p.last, p.described
	p.last, p.described = 0, false
	switch f.tag {
	case "25", "28C", "28":
		return p.oneLine(f)
	case "60F", "60M":
		return p.opening(f)
	case "61":
		return p.entry(f)
	case "86":
		return p.info(f, describes, described)
	case "62F", "62M":
		return p.closing(f)
	case "64", "65":
		_, _, _, err := p.balance(f)
		return err
	}
	return nil // a tag the import needs not
}

// knownTag reports whether the parser reads tag.
func knownTag(tag string) bool {
	switch tag {
	case "25", "28C", "28", "60F", "60M", "61", "86", "62F", "62M", "64", "65":
		return true
	}
	return false
}

// start opens a statement for its :20: field.
func (p *parser) start(f *field) error {
	if len(f.lines) > 1 {
		return tagErr(f.line, f.tag, "the tag takes one line; a second line is %q", f.lines[1])
	}
	if len(p.out) >= MaxStatements {
		return tagErr(f.line, f.tag, "a file holds at most %d statements", MaxStatements)
	}
	id := strings.TrimSpace(f.lines[0])
	if id == "" {
		return tagErr(f.line, f.tag, "the statement reference is empty")
	}
	p.st = &bankstmt.Statement{ID: id, OpeningDate: ledger.NoDate, ClosingDate: ledger.NoDate}
	p.stAt = f.line
	p.seen = map[string]bool{}
	return nil
}

// finish checks the open statement, if any, and adds it to the output.
func (p *parser) finish() error {
	st := p.st
	if st == nil {
		return nil
	}
	p.st, p.last, p.described = nil, 0, false
	for _, need := range []struct {
		ok  bool
		tag string
	}{{st.Account != "", ":25:"}, {st.HasOpening, ":60F:"}, {st.HasClosing, ":62F:"}} {
		if !need.ok {
			return tagErr(p.stAt, "20", "statement %s has no %s", st.ID, need.tag)
		}
	}
	if err := bankstmt.Check(st); err != nil {
		return ledger.Errorf(ledger.EInvalid, "line %d: %s", p.stAt, err)
	}
	p.out = append(p.out, *st)
	return nil
}

// oneLine reads :25: and :28C:.
func (p *parser) oneLine(f *field) error {
	if len(f.lines) > 1 {
		return tagErr(f.line, f.tag, "the tag takes one line; a second line is %q", f.lines[1])
	}
	key := f.tag
	if key == "28" {
		key = "28C"
	}
	if p.seen[key] {
		return tagErr(f.line, f.tag, "the statement has this tag already")
	}
	p.seen[key] = true
	v := strings.TrimSpace(f.lines[0])
	if v == "" {
		return tagErr(f.line, f.tag, "the tag is empty")
	}
	if key == "25" {
		p.st.Account = v
	} else {
		p.st.Number = v
	}
	return nil
}

func (p *parser) opening(f *field) error {
	if p.st.HasOpening {
		return tagErr(f.line, f.tag, "the statement has an opening balance already")
	}
	amt, date, cur, err := p.balance(f)
	if err != nil {
		return err
	}
	p.st.Opening, p.st.OpeningDate, p.st.Currency, p.st.HasOpening = amt, date, cur, true
	return nil
}

func (p *parser) closing(f *field) error {
	if p.st.HasClosing {
		return tagErr(f.line, f.tag, "the statement has a closing balance already")
	}
	if !p.st.HasOpening {
		return tagErr(f.line, f.tag, "the closing balance comes before the opening balance :60F:")
	}
	amt, date, _, err := p.balance(f)
	if err != nil {
		return err
	}
	p.st.Closing, p.st.ClosingDate, p.st.HasClosing = amt, date, true
	return nil
}

// balance reads a balance tag: mark, YYMMDD, currency, amount
// ("C240131TMT1234,56"). After the opening balance the currency must be
// the statement's.
func (p *parser) balance(f *field) (amt money.Amount, date ledger.Date, cur money.Currency, err error) {
	if len(f.lines) > 1 {
		return 0, 0, cur, tagErr(f.line, f.tag, "the tag takes one line; a second line is %q", f.lines[1])
	}
	s := strings.TrimSpace(f.lines[0])
	if len(s) < 11 || (s[0] != 'C' && s[0] != 'D') {
		return 0, 0, cur, tagErr(f.line, f.tag, "%q is not a balance: mark C or D, date YYMMDD, currency, amount", s)
	}
	if date, err = parseYYMMDD(s[1:7]); err != nil {
		return 0, 0, cur, tagErr(f.line, f.tag, "%s", err)
	}
	if cur, err = money.Lookup(s[7:10]); err != nil || cur.Code != s[7:10] {
		return 0, 0, cur, tagErr(f.line, f.tag, "unknown currency %q", s[7:10])
	}
	if p.st.HasOpening && cur != p.st.Currency {
		return 0, 0, cur, tagErr(f.line, f.tag, "currency %s differs from the opening balance's %s", cur.Code, p.st.Currency.Code)
	}
	if amt, err = parseAmount(s[10:], cur); err != nil {
		return 0, 0, cur, tagErr(f.line, f.tag, "%s", err)
	}
	if s[0] == 'D' {
		amt = -amt // cannot overflow: parseAmount gives a non-negative amount
	}
	return amt, date, cur, nil
}
