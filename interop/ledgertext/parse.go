package ledgertext

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"unicode"
	"unicode/utf8"
)

// Default limits of [Parse]; see [Options].
const (
	DefaultMaxLineBytes    = 64 << 10
	DefaultMaxPostings     = 10_000
	DefaultMaxCommentLines = 1_000
)

// Limits the parser keeps whatever the options say.
const (
	maxNumberDigits = 40     // digits in one number
	maxInterned     = 50_000 // distinct account names and commodities shared
	readBufferBytes = 64 << 10
)

// Options bound what [Options.Parse] accepts. A zero field means its
// default. The memory held for one item is at most about
// (MaxPostings + MaxCommentLines + 1) × MaxLineBytes.
type Options struct {
	MaxLineBytes    int // longest line, in bytes, without the line ending
	MaxPostings     int // most postings in one transaction
	MaxCommentLines int // most comment lines in one transaction or directive
}

// Parse reads a journal from r and calls fn with each item in file order,
// using the default [Options]. See [Options.Parse].
func Parse(r io.Reader, fn func(Item) error) error {
	return Options{}.Parse(r, fn)
}

// Parse reads a journal from r and calls fn with each transaction, price
// directive and account directive, in file order, as soon as the item is
// complete. Items are freshly allocated and never touched again by the
// parser, so fn may keep them.
//
// Parse stops at the first problem in the input and returns a *ParseError
// naming its line; items before that line have already been passed to fn.
// If fn returns an error, Parse stops and returns that error unchanged.
// A read error from r is returned inside a *ParseError.
func (o Options) Parse(r io.Reader, fn func(Item) error) error {
	p := newParser(o.withDefaults(), fn)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, min(readBufferBytes, p.opt.MaxLineBytes+2)), p.opt.MaxLineBytes+2)
	for sc.Scan() {
		p.line++
		line := sc.Bytes()
		if len(line) > p.opt.MaxLineBytes {
			return &ParseError{Line: p.line, Msg: "line longer than " + itoa(p.opt.MaxLineBytes) + " bytes"}
		}
		if p.line == 1 {
			line = bytes.TrimPrefix(line, []byte("\uFEFF"))
		}
		if err := p.parseLine(line); err != nil {
			return p.located(err)
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return &ParseError{Line: p.line + 1, Msg: "line longer than " + itoa(p.opt.MaxLineBytes) + " bytes"}
		}
		return &ParseError{Line: p.line + 1, Msg: "read: " + err.Error(), Err: err}
	}
	return p.located(p.flush())
}

func (o Options) withDefaults() Options {
	if o.MaxLineBytes <= 0 {
		o.MaxLineBytes = DefaultMaxLineBytes
	}
	if o.MaxPostings <= 0 {
		o.MaxPostings = DefaultMaxPostings
	}
	if o.MaxCommentLines <= 0 {
		o.MaxCommentLines = DefaultMaxCommentLines
	}
	return o
}

// fnError marks an error returned by the callback, so that it is passed
// through unchanged.
type fnError struct{ err error }

func (e fnError) Error() string { return e.err.Error() }

// located fills in the current line of a *ParseError made without one and
// unwraps callback errors.
func (p *parser) located(err error) error {
	switch e := err.(type) {
	case nil:
		return nil
	case fnError:
		return e.err
	case *ParseError:
		if e.Line == 0 {
			e.Line = p.line
		}
		return e
	}
	return &ParseError{Line: p.line, Msg: err.Error(), Err: err}
}

// errMsg makes a *ParseError whose line is filled in by located.
func errMsg(msg string) error { return &ParseError{Msg: msg} }

// parseLine dispatches one line, without its line ending, on its first byte.
func (p *parser) parseLine(line []byte) error {
	if err := p.checkText(line); err != nil {
		return err
	}
	line = trimRight(line)
	if p.inCommentBlock {
		if string(line) == "end comment" {
			p.inCommentBlock = false
		}
		return nil
	}
	if len(line) == 0 {
		return p.flush()
	}
	c := line[0]
	switch {
	case c == ' ' || c == '\t':
		return p.indented(line)
	case isDigit(c):
		if err := p.flush(); err != nil {
			return err
		}
		return p.header(line)
	case c == ';' || c == '#' || c == '*' || c == '%' || c == '|':
		return p.flush()
	}
	if err := p.flush(); err != nil {
		return err
	}
	return p.directive(line)
}

// checkText rejects control characters other than tab, and invalid UTF-8,
// so that every string handed out is clean text.
func (p *parser) checkText(line []byte) error {
	ascii := true
	for _, c := range line {
		if c < 0x20 && c != '\t' || c == 0x7f {
			return errMsg("control character in line")
		}
		if c >= 0x80 {
			ascii = false
		}
	}
	if !ascii && !utf8.Valid(line) {
		return errMsg("invalid UTF-8")
	}
	return nil
}

// indented handles a line that starts with a space or a tab: a posting or
// a comment of the open transaction, or a sub-line of a directive.
func (p *parser) indented(line []byte) error {
	rest := trimLeft(line)
	isComment := rest[0] == ';'
	switch p.block {
	case blockTransaction:
		if isComment {
			return p.addComment(trimSpace(rest[1:]))
		}
		return p.posting(rest)
	case blockAccount:
		if isComment {
			return p.addComment(trimSpace(rest[1:]))
		}
		return nil
	case blockCommodity:
		return p.commoditySubLine(rest)
	}
	if isComment {
		return nil
	}
	return errMsg("indented line outside a transaction or directive (a posting after a blank line?)")
}

// flush ends the open block and hands its item, if any, to fn.
func (p *parser) flush() error {
	block := p.block
	p.block = blockNone
	var it Item
	switch block {
	case blockTransaction:
		it = p.finishTransaction()
	case blockAccount:
		a := p.acct
		p.eachComment(func(_ int, text string) { a.Comment = text })
		it = &a
	default:
		return nil
	}
	if err := p.fn(it); err != nil {
		return fnError{err}
	}
	return nil
}

// trimLeft drops leading white space: spaces, tabs and, as hledger does,
// Unicode spaces such as U+00A0.
func trimLeft(b []byte) []byte {
	for len(b) > 0 {
		if c := b[0]; c == ' ' || c == '\t' {
			b = b[1:]
			continue
		} else if c < utf8.RuneSelf {
			break
		}
		r, n := utf8.DecodeRune(b)
		if !unicode.IsSpace(r) {
			break
		}
		b = b[n:]
	}
	return b
}

// trimRight drops trailing white space, as trimLeft.
func trimRight(b []byte) []byte {
	for len(b) > 0 {
		if c := b[len(b)-1]; c == ' ' || c == '\t' {
			b = b[:len(b)-1]
			continue
		} else if c < utf8.RuneSelf {
			break
		}
		r, n := utf8.DecodeLastRune(b)
		if !unicode.IsSpace(r) {
			break
		}
		b = b[:len(b)-n]
	}
	return b
}

// spaceAt returns the length of the white space character at the start of
// b, or 0 if there is none.
func spaceAt(b []byte) int {
	switch {
	case len(b) == 0:
		return 0
	case b[0] == ' ' || b[0] == '\t':
		return 1
	case b[0] < utf8.RuneSelf:
		return 0
	}
	if r, n := utf8.DecodeRune(b); unicode.IsSpace(r) {
		return n
	}
	return 0
}

func trimSpace(b []byte) []byte { return trimRight(trimLeft(b)) }
