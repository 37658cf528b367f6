package money

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Locale selects how numbers are written: tk and ru use a space between
// thousands and a comma before the decimals ("1 150,00"); en uses a comma
// between thousands and a period before the decimals ("1,150.00").
type Locale string

// The locales Hasap speaks.
const (
	Turkmen Locale = "tk"
	Russian Locale = "ru"
	English Locale = "en"
)

func (l Locale) marks() (group, decimal byte) {
	if l == English {
		return ',', '.'
	}
	return ' ', ','
}

// Decimal writes a in canonical decimal form with exp digits after the point
// ("-1150.00"), as amounts travel in JSON and plain-text journals.
func Decimal(a Amount, exp int) string {
	return string(AppendDecimal(nil, a, exp))
}

// AppendDecimal appends the canonical decimal form of a to dst.
func AppendDecimal(dst []byte, a Amount, exp int) []byte {
	if a < 0 {
		dst = append(dst, '-')
	}
	u := abs64(int64(a))
	if exp <= 0 {
		return strconv.AppendUint(dst, u, 10)
	}
	if exp >= len(pow10) {
		// 10^exp does not fit in an int64, so every digit of u (at most 19
		// of them) is a decimal: pad with zeros after "0.".
		digits := strconv.FormatUint(u, 10)
		dst = append(dst, "0."...)
		for range exp - len(digits) {
			dst = append(dst, '0')
		}
		return append(dst, digits...)
	}
	p := uint64(pow10[exp])
	dst = strconv.AppendUint(dst, u/p, 10)
	dst = append(dst, '.')
	frac := u % p
	for d := exp - 1; d >= 0; d-- {
		dst = append(dst, byte('0'+frac/uint64(pow10[d])%10))
	}
	return dst
}

// Format writes a with exp decimals in the style of the locale, grouping
// thousands: Format(115000, 2, Russian) is "1 150,00".
func Format(a Amount, exp int, loc Locale) string {
	group, dec := loc.marks()
	plain := Decimal(a, exp)
	sign := ""
	if plain[0] == '-' {
		sign, plain = "-", plain[1:]
	}
	intPart, frac := plain, ""
	if i := strings.IndexByte(plain, '.'); i >= 0 {
		intPart, frac = plain[:i], plain[i+1:]
	}
	var b strings.Builder
	b.WriteString(sign)
	for i := 0; i < len(intPart); i++ {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(group)
		}
		b.WriteByte(intPart[i])
	}
	if frac != "" {
		b.WriteByte(dec)
		b.WriteString(frac)
	}
	return b.String()
}

// ParseDecimal reads a canonical decimal ("-1150.5", "12", "+3.25") into an
// amount with exp decimals. More decimals than exp is ErrPrecision unless the
// extra digits are zeros; nothing is ever rounded silently.
func ParseDecimal(s string, exp int) (Amount, error) {
	if exp < 0 || exp > 18 {
		return 0, fmt.Errorf("%w: exponent %d", ErrSyntax, exp)
	}
	neg := false
	body := s
	if body != "" && (body[0] == '-' || body[0] == '+') {
		neg = body[0] == '-'
		body = body[1:]
	}
	intPart, frac, _ := strings.Cut(body, ".")
	if intPart == "" && frac == "" {
		return 0, fmt.Errorf("%w: %q", ErrSyntax, s)
	}
	if !allDigits(intPart) || !allDigits(frac) {
		return 0, fmt.Errorf("%w: %q", ErrSyntax, s)
	}
	frac = strings.TrimRight(frac, "0")
	if len(frac) > exp {
		return 0, fmt.Errorf("%w: %q has more than %d", ErrPrecision, s, exp)
	}
	var u uint64
	for _, part := range []string{intPart, frac + strings.Repeat("0", exp-len(frac))} {
		for i := 0; i < len(part); i++ {
			hi, lo := bitsMul10(u)
			if hi != 0 {
				return 0, fmt.Errorf("%w: %q", ErrOverflow, s)
			}
			u = lo + uint64(part[i]-'0')
			if u < lo {
				return 0, fmt.Errorf("%w: %q", ErrOverflow, s)
			}
		}
	}
	if neg {
		if u > 1<<63 {
			return 0, fmt.Errorf("%w: %q", ErrOverflow, s)
		}
		return Amount(-int64(u)), nil
	}
	if u > 1<<63-1 {
		return 0, fmt.Errorf("%w: %q", ErrOverflow, s)
	}
	return Amount(u), nil
}

func bitsMul10(u uint64) (hi, lo uint64) {
	const max = ^uint64(0) / 10
	if u > max {
		return 1, 0
	}
	return 0, u * 10
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Parse reads an amount as a person types it in the given locale and returns
// it with exp decimals. Grouping spaces (also no-break and thin spaces) and
// apostrophes are allowed in every locale. In tk and ru the decimal mark is a
// comma, and a period is accepted too when it is the only mark; in en the
// decimal mark is a period and commas group thousands. Group marks stand only
// between digits of the whole part, and every group after the first has
// exactly three digits ("1 150,00", not "1 15,00" nor "0,1 5").
func Parse(s string, exp int, loc Locale) (Amount, error) {
	n, ok := canonical(s, loc)
	if !ok {
		return 0, fmt.Errorf("%w: %q", ErrSyntax, s)
	}
	a, err := ParseDecimal(n, exp)
	if err != nil {
		return 0, fmt.Errorf("%w (%q)", err, s)
	}
	return a, nil
}

// canonical rewrites s as typed in loc into the form ParseDecimal reads, or
// reports false when its group or decimal marks are misplaced. The digits
// themselves are left for ParseDecimal to check.
func canonical(s string, loc Locale) (string, bool) {
	s = strings.TrimSpace(s)
	sign := ""
	if r, size := utf8.DecodeRuneInString(s); r == '-' || r == '+' || r == '−' {
		sign = "-"
		if r == '+' {
			sign = "+"
		}
		s = strings.TrimLeftFunc(s[size:], isSpaceMark)
	}
	var whole, frac string
	var found bool
	if loc == English {
		whole, frac, found = strings.Cut(s, ".")
	} else {
		if strings.Contains(s, ",") && strings.Contains(s, ".") {
			return "", false
		}
		if whole, frac, found = strings.Cut(s, ","); !found {
			whole, frac, found = strings.Cut(s, ".")
		}
	}
	digits, ok := ungroup(whole, loc)
	if !ok {
		return "", false
	}
	if !found {
		return sign + digits, true
	}
	return sign + digits + "." + frac, true
}

// ungroup removes the group marks from the whole part of a number, or
// reports false unless they separate a first group of one to three
// characters from groups of exactly three.
func ungroup(whole string, loc Locale) (string, bool) {
	var b strings.Builder
	group, closed := 0, 0 // characters in the current group, groups before it
	for _, r := range whole {
		if isSpaceMark(r) || r == '\'' || (loc == English && r == ',') {
			if group == 0 || group > 3 || (closed > 0 && group != 3) {
				return "", false
			}
			group, closed = 0, closed+1
			continue
		}
		b.WriteRune(r)
		group++
	}
	if closed > 0 && group != 3 {
		return "", false
	}
	return b.String(), true
}

// isSpaceMark reports whether r is a space that may group thousands: the
// plain, no-break, narrow no-break and thin spaces.
func isSpaceMark(r rune) bool {
	return r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2009'
}
