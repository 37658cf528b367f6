package mt940

import (
	"strings"
	"time"

	"hasap/interop/bankstmt"
	"hasap/ledger"
	"hasap/money"
)

// entry reads an :61: statement line:
//
//	value date YYMMDD, [entry date MMDD], mark C D RC RD, [funds code],
//	amount with a decimal comma, type (N, F or S and three characters),
//	owner's reference, [//bank reference]
//
// and, on its following lines, supplementary details.
func (p *parser) entry(f *field) error {
	st := p.st
	if !st.HasOpening {
		return tagErr(f.line, f.tag, "a statement line before the opening balance :60F:")
	}
	if st.HasClosing {
		return tagErr(f.line, f.tag, "a statement line after the closing balance")
	}
	if len(st.Lines) >= MaxLines {
		return tagErr(f.line, f.tag, "a statement holds at most %d lines", MaxLines)
	}
	l, err := parseEntry(strings.TrimSpace(f.lines[0]), st.Currency)
	if err != nil {
		return tagErr(f.line, f.tag, "%s", err)
	}
	l.Description = strings.Join(f.lines[1:], "\n")
	st.Lines = append(st.Lines, l)
	p.last = len(st.Lines)
	return nil
}

// parseEntry reads the first line of an :61:.
func parseEntry(s string, cur money.Currency) (bankstmt.Line, error) {
	var l bankstmt.Line
	if len(s) < 6 {
		return l, ledger.Errorf(ledger.EInvalid, "%q does not start with a value date YYMMDD", s)
	}
	var err error
	if l.ValueDate, err = parseYYMMDD(s[:6]); err != nil {
		return l, err
	}
	l.Date, s = l.ValueDate, s[6:]
	if len(s) >= 4 && allDigits(s[:4]) {
		if l.Date, err = entryDate(l.ValueDate, s[:4]); err != nil {
			return l, err
		}
		s = s[4:]
	}
	in := false
	switch {
	case strings.HasPrefix(s, "RC"):
		s = s[2:] // a credit reversed: money out
	case strings.HasPrefix(s, "RD"):
		in, s = true, s[2:] // a debit reversed: money in
	case strings.HasPrefix(s, "C"):
		in, s = true, s[1:]
	case strings.HasPrefix(s, "D"):
		s = s[1:]
	default:
		return l, ledger.Errorf(ledger.EInvalid, "the debit/credit mark must be C, D, RC or RD, not %q", first(s, 2))
	}
	if s != "" && isUpper(s[0]) {
		s = s[1:] // funds code
	}
	n := 0
	for n < len(s) && (isDigit(s[n]) || s[n] == ',') {
		n++
	}
	if l.Amount, err = parseAmount(s[:n], cur); err != nil {
		return l, err
	}
	if !in {
		l.Amount = -l.Amount
	}
	s = s[n:]
	if len(s) < 4 || !strings.ContainsRune("NFS", rune(s[0])) || !alnum(s[1:4]) {
		return l, ledger.Errorf(ledger.EInvalid, "after the amount comes a transaction type such as NTRF, not %q", first(s, 4))
	}
	l.Currency = cur
	ref, bank, _ := strings.Cut(s[4:], "//")
	l.Reference, l.BankRef = strings.TrimSpace(ref), strings.TrimSpace(bank)
	if l.Reference == "NONREF" {
		l.Reference = ""
	}
	return l, nil
}

// info reads an :86: into the line it follows.
func (p *parser) info(f *field, describes int, described bool) error {
	if describes == 0 {
		if described {
			return tagErr(f.line, f.tag, "a second :86: for one statement line")
		}
		return nil // information on the statement as a whole
	}
	l := &p.st.Lines[describes-1]
	var text []string
	if l.Description != "" {
		text = append(text, l.Description)
	}
	for _, s := range f.lines {
		if s != "" {
			text = append(text, s)
		}
	}
	l.Description = strings.Join(text, "\n")
	p.described = true
	return nil
}

// parseAmount reads digits with one decimal comma ("1234,56", "0,", "12,5")
// into a non-negative amount of cur.
func parseAmount(s string, cur money.Currency) (money.Amount, error) {
	whole, frac, ok := strings.Cut(s, ",")
	if !ok || whole == "" || !allDigits(whole) || !allDigits(frac) {
		return 0, ledger.Errorf(ledger.EInvalid, "amount %q is not digits with a decimal comma", s)
	}
	a, err := money.ParseDecimal(whole+"."+frac, cur.Exponent)
	if err != nil {
		if len(strings.TrimRight(frac, "0")) > cur.Exponent {
			return 0, ledger.Errorf(ledger.EInvalid, "amount %s has more decimals than %s allows (%d)", s, cur.Code, cur.Exponent)
		}
		return 0, ledger.Errorf(ledger.EInvalid, "amount %q is out of range", s)
	}
	return a, nil
}

// parseYYMMDD reads a six-digit date; years 00–79 are 2000–2079, 80–99 are
// 1980–1999.
func parseYYMMDD(s string) (ledger.Date, error) {
	if len(s) != 6 || !allDigits(s) {
		return ledger.NoDate, ledger.Errorf(ledger.EInvalid, "%q is not a date (YYMMDD)", s)
	}
	y := 2000 + atoi2(s[:2])
	if y >= 2080 {
		y -= 100
	}
	d, ok := date(y, atoi2(s[2:4]), atoi2(s[4:]))
	if !ok {
		return ledger.NoDate, ledger.Errorf(ledger.EInvalid, "%q is not a date (YYMMDD)", s)
	}
	return d, nil
}

// entryDate reads an entry date MMDD and gives it the year, of the three
// around the value date's, that puts it nearest the value date.
func entryDate(value ledger.Date, s string) (ledger.Date, error) {
	m, d := atoi2(s[:2]), atoi2(s[2:])
	best, found := ledger.NoDate, false
	vy := value.Year()
	for y := vy - 1; y <= vy+1; y++ {
		e, ok := date(y, m, d)
		if ok && (!found || dist(e, value) < dist(best, value)) {
			best, found = e, true
		}
	}
	if !found {
		return ledger.NoDate, ledger.Errorf(ledger.EInvalid, "%q is not an entry date (MMDD)", s)
	}
	return best, nil
}

func dist(a, b ledger.Date) int64 {
	if a > b {
		return int64(a) - int64(b)
	}
	return int64(b) - int64(a)
}

// date returns y-m-d, and false when there is no such day.
func date(y, m, d int) (ledger.Date, bool) {
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return ledger.NoDate, false
	}
	return ledger.DateOf(y, time.Month(m), d), true
}

func atoi2(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func alnum(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) && !isUpper(s[i]) && !('a' <= s[i] && s[i] <= 'z') {
			return false
		}
	}
	return true
}

// first returns at most n bytes of s, for messages.
func first(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
