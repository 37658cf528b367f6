package ledgertext

import (
	"bytes"
	"strconv"
)

// unsupported lists directives that are rejected, and why: ignoring them
// would silently change what the journal means.
var unsupported = map[string]string{
	"include": "include directive is not supported: join the files into one journal first",
	"alias":   "alias directive is not supported: rewrite the account names instead",
	"apply":   "apply directive is not supported: write the full account names instead",
	"end":     "end directive outside a block that needs one",
	"D":       "default commodity directive D is not supported: write the commodity on every amount",
	"N":       "N directive (commodity not priced) is not supported",
	"C":       "commodity conversion directive C is not supported",
	"A":       "default account directive A is not supported",
	"bucket":  "default account directive bucket is not supported",
	"~":       "periodic transaction rules (~) are not supported",
	"=":       "automated transactions (=) are not supported",
}

// directive handles a line that starts with neither white space, a digit
// nor a comment character.
func (p *parser) directive(line []byte) error {
	word, rest := line, []byte(nil)
	if i := bytes.IndexAny(line, " \t"); i >= 0 {
		word, rest = line[:i], trimLeft(line[i:])
	}
	switch string(word) {
	case "P":
		return p.price(rest)
	case "account":
		return p.accountDirective(rest)
	case "commodity":
		return p.commodityDirective(rest)
	case "decimal-mark":
		return p.decimalMarkDirective(rest)
	case "year", "Y":
		return p.yearDirective(rest)
	case "comment":
		p.inCommentBlock = true
		return nil
	case "payee", "tag": // declarations with no effect on the data
		return nil
	}
	if msg := unsupported[string(word)]; msg != "" {
		return errMsg(msg)
	}
	switch word[0] {
	case '~', '=':
		return errMsg(unsupported[string(word[:1])])
	}
	return errMsg("unknown directive " + quote(word))
}

// price parses "P DATE [TIME] COMMODITY AMOUNT [; comment]".
func (p *parser) price(rest []byte) error {
	d, rest, err := parseDate(rest, p.year)
	if err != nil {
		return err
	}
	if rest = trimLeft(rest); len(rest) > 0 && isDigit(rest[0]) { // a time, ignored as hledger does
		end := bytes.IndexAny(rest, " \t")
		if end < 0 || len(bytes.Trim(rest[:end], "0123456789:")) > 0 || bytes.IndexByte(rest[:end], ':') < 0 {
			return errMsg("price directive needs DATE [TIME] COMMODITY AMOUNT")
		}
		rest = trimLeft(rest[end:])
	}
	sym, rest, ok, err := p.symbol(rest)
	if err != nil {
		return err
	}
	if !ok {
		return errMsg("price directive needs DATE COMMODITY AMOUNT")
	}
	amt, rest, err := p.amount(trimLeft(rest))
	if err != nil {
		return err
	}
	if rest = trimLeft(rest); len(rest) > 0 && rest[0] != ';' {
		return errMsg("unexpected text after the price: " + quote(rest))
	}
	if err := p.fn(&Price{Line: p.line, Date: d, Commodity: sym, Amount: amt}); err != nil {
		return fnError{err}
	}
	return nil
}

// accountDirective parses "account NAME [; comment]"; the comment lines
// below it are read by indented.
func (p *parser) accountDirective(rest []byte) error {
	if len(rest) == 0 || rest[0] == ';' {
		return errMsg("account directive has no account name")
	}
	end := accountEnd(rest)
	p.acct = AccountDirective{Line: p.line, Name: p.accountName(rest[:end])}
	p.block = blockAccount
	rest = trimLeft(rest[end:])
	switch {
	case len(rest) == 0:
		return nil
	case rest[0] == ';':
		return p.addComment(trimSpace(rest[1:]))
	}
	return errMsg("unexpected text after the account name: " + quote(rest))
}

// commodityDirective parses "commodity SYMBOL" or "commodity AMOUNT"; an
// amount declares the decimal mark of its commodity, as a `format`
// sub-line does.
func (p *parser) commodityDirective(rest []byte) error {
	rest, _, _ = bytes.Cut(rest, []byte{';'})
	sym, err := p.declareFormat(trimRight(rest))
	if err != nil {
		return err
	}
	p.block, p.commodityDecl = blockCommodity, sym
	return nil
}

// commoditySubLine handles an indented line below a commodity directive:
// "format AMOUNT" is read, anything else ignored.
func (p *parser) commoditySubLine(rest []byte) error {
	word, arg, _ := bytes.Cut(rest, []byte{' '})
	if string(word) != "format" {
		return nil
	}
	arg, _, _ = bytes.Cut(arg, []byte{';'})
	sym, err := p.declareFormat(trimSpace(arg))
	if err != nil {
		return err
	}
	if sym != p.commodityDecl {
		return errMsg("format sub-directive is for " + strconv.Quote(sym) + ", not " + strconv.Quote(p.commodityDecl))
	}
	return nil
}

// declareFormat reads a commodity symbol alone or a sample amount such as
// "$1,000.00", records the decimal mark the sample shows, and returns the
// symbol.
func (p *parser) declareFormat(b []byte) (string, error) {
	if bytes.IndexAny(b, "0123456789") < 0 {
		sym, rest, ok, err := p.symbol(b)
		if err == nil && (!ok || len(rest) > 0) {
			err = errMsg("commodity directive needs a commodity symbol or a sample amount, found " + quote(b))
		}
		return sym, err
	}
	_, tok, sym, rest, err := p.scanAmount(b)
	if err == nil && len(rest) > 0 {
		err = errMsg("unexpected text after the commodity's sample amount: " + quote(rest))
	}
	if err != nil {
		return "", err
	}
	dm, _ := inferMark(tok, true)
	if _, err := p.normalize(tok, false, dm); err != nil {
		return "", err
	}
	if bytes.ContainsAny(tok, ".,") && len(p.commodityMarks) < maxInterned {
		p.commodityMarks[sym] = dm
	}
	return sym, nil
}

func (p *parser) decimalMarkDirective(rest []byte) error {
	if len(rest) != 1 || rest[0] != '.' && rest[0] != ',' {
		return errMsg("decimal-mark directive needs . or ,")
	}
	p.decimalMark = rest[0]
	return nil
}

func (p *parser) yearDirective(rest []byte) error {
	y, err := strconv.Atoi(string(rest))
	if err != nil || y < 1 || y > 9999 {
		return errMsg("year directive needs a year from 1 to 9999")
	}
	p.year = y
	return nil
}

// quote returns b as a quoted Go string, cut to a readable length, for
// error messages.
func quote(b []byte) string {
	const maxBytes = 60
	if len(b) > maxBytes {
		return strconv.Quote(string(b[:maxBytes])) + "..."
	}
	return strconv.Quote(string(b))
}

func itoa(n int) string { return strconv.Itoa(n) }
