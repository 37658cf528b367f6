package ledgertext

import (
	"bytes"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// amount parses an amount at the start of b and returns it and the rest.
func (p *parser) amount(b []byte) (Amount, []byte, error) {
	neg, tok, comm, rest, err := p.scanAmount(b)
	if err != nil {
		return Amount{}, nil, err
	}
	dm := p.decimalMark
	if dm == 0 {
		dm = p.commodityMarks[comm]
	}
	if dm == 0 {
		if dm, err = inferMark(tok, false); err != nil {
			return Amount{}, nil, err
		}
	}
	num, err := p.normalize(tok, neg, dm)
	return Amount{Number: num, Commodity: comm}, rest, err
}

// scanAmount splits an amount at the start of b into its sign, its number
// as written and its commodity: [-+] NUMBER [COMMODITY] or
// [-+] COMMODITY [-+] NUMBER, with optional spaces between the parts.
func (p *parser) scanAmount(b []byte) (neg bool, tok []byte, comm string, rest []byte, err error) {
	signed := false
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg, signed, b = b[0] == '-', true, trimLeft(b[1:])
	}
	if len(b) == 0 {
		return false, nil, "", nil, errMsg("missing amount")
	}
	if startsNumber(b) {
		tok, b = scanNumber(b)
		sym, r, ok, err := p.symbol(trimLeft(b))
		if err != nil {
			return false, nil, "", nil, err
		}
		if ok {
			comm, b = sym, r
		}
		return neg, tok, comm, b, nil
	}
	sym, r, ok, err := p.symbol(b)
	if err != nil {
		return false, nil, "", nil, err
	}
	if !ok {
		return false, nil, "", nil, errMsg("invalid amount " + quote(b))
	}
	b = trimLeft(r)
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		if signed {
			return false, nil, "", nil, errMsg("amount has two signs")
		}
		neg, b = b[0] == '-', trimLeft(b[1:])
	}
	if !startsNumber(b) {
		return false, nil, "", nil, errMsg("missing number after commodity " + strconv.Quote(sym))
	}
	tok, b = scanNumber(b)
	return neg, tok, sym, b, nil
}

func startsNumber(b []byte) bool {
	return len(b) > 0 && (isDigit(b[0]) || (b[0] == '.' || b[0] == ',') && len(b) > 1 && isDigit(b[1]))
}

// scanNumber returns the number at the start of b: digits, '.', ',' and
// spaces (plain, thin or narrow no-break) between two digits.
func scanNumber(b []byte) (tok, rest []byte) {
	i := 0
	for i < len(b) {
		c := b[i]
		if isDigit(c) || c == '.' || c == ',' {
			i++
			continue
		}
		if i == 0 || !isDigit(b[i-1]) {
			break
		}
		_, n := groupSpace(b[i:])
		if n == 0 || i+n >= len(b) || !isDigit(b[i+n]) {
			break
		}
		i += n
	}
	return b[:i], b[i:]
}

// groupSpace reports whether b starts with a space that may group digits,
// and its length in bytes.
func groupSpace(b []byte) (bool, int) {
	switch {
	case len(b) > 0 && b[0] == ' ':
		return true, 1
	case len(b) > 2 && b[0] == 0xE2 && b[1] == 0x80 && (b[2] == 0x89 || b[2] == 0xAF):
		return true, 3 // U+2009 thin space, U+202F narrow no-break space
	}
	return false, 0
}

// symbolStop marks the ASCII bytes that end an unquoted commodity symbol,
// as in hledger: digits, white space and -+.@*;"{}=.
var symbolStop = func() (t [utf8.RuneSelf]bool) {
	for _, c := range []byte("0123456789 \t-+.@*;\"{}=") {
		t[c] = true
	}
	return t
}()

// symbol reads a commodity symbol at the start of b: "quoted" or a run of
// characters that are not digits, white space or simpleSymbolStop.
// ok is false when b does not start with one.
func (p *parser) symbol(b []byte) (sym string, rest []byte, ok bool, err error) {
	if len(b) > 0 && b[0] == '"' {
		end := bytes.IndexByte(b[1:], '"')
		if end < 0 {
			return "", nil, false, errMsg("quoted commodity has no closing quote")
		}
		s := b[1 : end+1]
		if len(s) == 0 || bytes.IndexByte(s, ';') >= 0 {
			return "", nil, false, errMsg("invalid quoted commodity " + quote(b[:end+2]))
		}
		return p.internBytes(s), b[end+2:], true, nil
	}
	i := 0
	for i < len(b) {
		c := b[i]
		if c < utf8.RuneSelf {
			if symbolStop[c] {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if unicode.IsSpace(r) {
			break
		}
		i += n
	}
	if i == 0 {
		return "", b, false, nil
	}
	return p.internBytes(b[:i]), b[i:], true, nil
}

// inferMark decides the decimal mark of a number when no directive
// declares it (see the package doc). declaring is true for the sample
// number of a commodity directive, where a single mark is always the
// decimal mark. It returns '.' when the number has no mark.
func inferMark(tok []byte, declaring bool) (byte, error) {
	dot, comma := bytes.LastIndexByte(tok, '.'), bytes.LastIndexByte(tok, ',')
	switch {
	case dot >= 0 && comma >= 0:
		if dot > comma {
			return '.', nil
		}
		return ',', nil
	case dot < 0 && comma < 0:
		return '.', nil
	}
	mark, last, other := byte('.'), dot, byte(',')
	if comma >= 0 {
		mark, last, other = ',', comma, '.'
	}
	if bytes.Count(tok, []byte{mark}) > 1 {
		return other, nil
	}
	spaced := bytes.ContainsAny(tok, " \u2009\u202f")
	if declaring || spaced || mark == '.' {
		return mark, nil
	}
	after := len(tok) - last - 1
	if after == 3 && last >= 1 && last <= 3 && tok[0] != '0' {
		return 0, errMsg("ambiguous number " + quote(tok) + ": say whether ',' is a decimal mark or groups digits " +
			"with a `decimal-mark .` (or `decimal-mark ,`) directive or a commodity directive such as `commodity 1,000.00 USD`")
	}
	return mark, nil
}

// normalize turns a number as written into the form of [Amount.Number],
// with dm as its decimal mark, and checks its digit grouping.
func (p *parser) normalize(tok []byte, neg bool, dm byte) (string, error) {
	buf := append(p.num[:0], '-')
	const intStart = 1
	var g grouping
	digits, fracDigits, nonzero, seenMark := 0, 0, false, false
	for i := 0; i < len(tok); {
		c := tok[i]
		switch {
		case isDigit(c):
			digits++
			nonzero = nonzero || c != '0'
			switch {
			case seenMark:
				fracDigits++
				buf = append(buf, c)
			case c != '0' || len(buf) > intStart:
				buf = append(buf, c)
			}
			g.cur++
			i++
		case c == dm:
			if seenMark {
				return "", errMsg("number " + quote(tok) + " has two decimal marks")
			}
			if err := g.end(tok); err != nil {
				return "", err
			}
			if len(buf) == intStart {
				buf = append(buf, '0')
			}
			buf, seenMark = append(buf, '.'), true
			i++
		default:
			kind, n := c, 1
			if c != '.' && c != ',' {
				_, n = groupSpace(tok[i:])
				kind, n = ' ', max(n, 1)
			}
			if seenMark {
				return "", errMsg("number " + quote(tok) + " groups digits after its decimal mark")
			}
			if err := g.mark(kind, tok); err != nil {
				return "", err
			}
			i += n
		}
	}
	return p.finishNumber(buf, tok, neg && nonzero, seenMark, digits, fracDigits, &g)
}

func (p *parser) finishNumber(buf, tok []byte, neg, seenMark bool, digits, fracDigits int, g *grouping) (string, error) {
	switch {
	case digits == 0:
		return "", errMsg("number " + quote(tok) + " has no digits")
	case digits > maxNumberDigits:
		return "", errMsg("number " + quote(tok) + " has more than " + itoa(maxNumberDigits) + " digits")
	}
	if !seenMark {
		if err := g.end(tok); err != nil {
			return "", err
		}
		if len(buf) == 1 {
			buf = append(buf, '0')
		}
	}
	if seenMark && fracDigits == 0 {
		buf = buf[:len(buf)-1] // "5." is 5
	}
	p.num = buf[:0]
	if neg {
		return string(buf), nil
	}
	return string(buf[1:]), nil
}

// grouping checks digit groups: at most three digits before the first
// mark, two or three between marks (as in 1,00,000), three after the last.
type grouping struct {
	kind   byte // '.', ',' or ' ' for any grouping space; 0 before the first
	groups int  // groups closed by a mark
	cur    int  // digits since the last mark
}

func (g *grouping) mark(kind byte, tok []byte) error {
	switch {
	case g.cur == 0:
		return errMsg("misplaced digit group mark in number " + quote(tok))
	case g.kind != 0 && g.kind != kind:
		return errMsg("number " + quote(tok) + " mixes digit group marks")
	case g.groups == 0 && g.cur > 3, g.groups > 0 && g.cur != 2 && g.cur != 3:
		return errMsg("irregular digit groups in number " + quote(tok))
	}
	g.kind, g.groups, g.cur = kind, g.groups+1, 0
	return nil
}

// end checks the last group, at the decimal mark or the end of the number.
func (g *grouping) end(tok []byte) error {
	if g.groups > 0 && g.cur != 3 {
		return errMsg("irregular digit groups in number " + quote(tok))
	}
	g.cur = 0
	return nil
}
