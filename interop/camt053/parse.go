package camt053

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"hasap/interop/bankstmt"
	"hasap/ledger"
)

// Limits of Parse.
const (
	MaxBytes      = 64 << 20 // bytes of input
	MaxStatements = 10_000   // Stmt elements in one document
	MaxEntries    = 100_000  // Ntry elements in one Stmt
)

type parser struct {
	src *bankstmt.LimitReader
	d   *xml.Decoder
	out []bankstmt.Statement
}

// Parse reads the camt.053 document in r and returns its statements in
// document order. See the package documentation for what it reads.
func Parse(r io.Reader) ([]bankstmt.Statement, error) {
	src := &bankstmt.LimitReader{R: r, N: MaxBytes}
	d := xml.NewDecoder(src)
	d.CharsetReader = charsetReader
	p := &parser{src: src, d: d}
	if err := p.document(); err != nil {
		return nil, err
	}
	return p.out, nil
}

func charsetReader(charset string, r io.Reader) (io.Reader, error) {
	switch strings.ToLower(charset) {
	case "windows-1251", "cp1251":
		return bankstmt.DecodeWindows1251(r), nil
	}
	return nil, fmt.Errorf("unsupported encoding %q (UTF-8 or windows-1251)", charset)
}

// line returns the line the decoder is at.
func (p *parser) line() int {
	line, _ := p.d.InputPos()
	return line
}

// errAt makes an error about the element at path, which starts on line.
func errAt(line int, path, format string, args ...any) error {
	return ledger.Errorf(ledger.EInvalid, "line %d: element %s: %s", line, path, ledger.Errorf(ledger.EInvalid, format, args...))
}

// decodeErr turns an error of the decoder into one that names the line.
func (p *parser) decodeErr(err error) error {
	var syn *xml.SyntaxError
	switch {
	case p.src.ReadErr != nil:
		return fmt.Errorf("camt053: read: %w", p.src.ReadErr)
	case p.src.TooBig:
		return ledger.Errorf(ledger.EInvalid, "line %d: %s", p.line(),
			ledger.Errorf(ledger.EInvalid, "the file is larger than %d bytes", MaxBytes))
	case errors.As(err, &syn):
		return ledger.Errorf(ledger.EInvalid, "line %d: %s", syn.Line,
			ledger.Errorf(ledger.EInvalid, "not well-formed XML: %s", syn.Msg))
	case err == io.EOF:
		return ledger.Errorf(ledger.EInvalid, "line %d: %s", p.line(),
			ledger.Errorf(ledger.EInvalid, "the document ends before its last element does"))
	}
	return ledger.Errorf(ledger.EInvalid, "line %d: %s", p.line(),
		ledger.Errorf(ledger.EInvalid, "not a readable XML document: %s", err.Error()))
}

// next returns the next start or end element, skipping text, comments and
// processing instructions; io.EOF at the end of the input.
func (p *parser) next() (xml.Token, error) {
	for {
		tok, err := p.d.Token()
		if err != nil {
			return nil, err
		}
		switch tok.(type) {
		case xml.StartElement, xml.EndElement:
			return tok, nil
		}
	}
}

// document reads the root Document element and checks nothing follows it.
func (p *parser) document() error {
	tok, err := p.next()
	if err == io.EOF {
		return ledger.Errorf(ledger.EInvalid, "line %d: %s", p.line(),
			ledger.Errorf(ledger.EInvalid, "no Document element: this is not a camt.053 statement"))
	}
	if err != nil {
		return p.decodeErr(err)
	}
	root := tok.(xml.StartElement) // the decoder gives no end element before a start
	if root.Name.Local != "Document" || root.Name.Space != "" && !strings.Contains(root.Name.Space, "camt.053") {
		return errAt(p.line(), root.Name.Local, "not a camt.053 document (namespace %q)", root.Name.Space)
	}
	found := false
	if err := p.children("Document", func(se xml.StartElement) error {
		if se.Name.Local != "BkToCstmrStmt" {
			return p.d.Skip()
		}
		found = true
		return p.children("BkToCstmrStmt", func(se xml.StartElement) error {
			if se.Name.Local != "Stmt" {
				return p.d.Skip()
			}
			return p.stmt()
		})
	}); err != nil {
		return err
	}
	if !found {
		return errAt(p.line(), "Document", "no BkToCstmrStmt element: this is not a bank-to-customer statement")
	}
	for {
		tok, err := p.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return p.decodeErr(err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			return errAt(p.line(), se.Name.Local, "an element after the end of the Document")
		}
	}
}

// children calls fn with each child element of the element just started,
// until its end. fn must consume the child whole.
func (p *parser) children(name string, fn func(xml.StartElement) error) error {
	for {
		tok, err := p.next()
		if err != nil {
			return p.decodeErr(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := fn(t); err != nil {
				var le *ledger.Error
				if errors.As(err, &le) || p.src.ReadErr != nil && errors.Is(err, p.src.ReadErr) {
					return err
				}
				return p.decodeErr(err)
			}
		case xml.EndElement:
			return nil
		}
	}
}
