package bankcsv

import (
	"errors"
	"strings"

	"hasap/money"
)

// number reads an amount written with the mapping's decimal mark and
// thousands separator, with an optional sign.
func (p *parser) number(r row, col int, v string, cur money.Currency) (money.Amount, error) {
	s, ok := p.m.canonical(v)
	if !ok {
		return 0, fieldErr(r, col, "%q is not an amount", v)
	}
	a, err := money.ParseDecimal(s, cur.Exponent)
	switch {
	case errors.Is(err, money.ErrPrecision):
		return 0, fieldErr(r, col, "amount %s has more decimals than %s allows (%d)", v, cur.Code, cur.Exponent)
	case errors.Is(err, money.ErrOverflow):
		return 0, fieldErr(r, col, "amount %q is out of range", v)
	case err != nil:
		return 0, fieldErr(r, col, "%q is not an amount", v)
	}
	return a, nil
}

// canonical rewrites an amount as the mapping writes it ("-1 150,00") into
// the form money.ParseDecimal reads ("-1150.00"), or reports false when
// its thousands separators are misplaced or the other mark appears.
func (m *Mapping) canonical(v string) (string, bool) {
	sign := ""
	switch {
	case strings.HasPrefix(v, "-"), strings.HasPrefix(v, "+"):
		sign, v = v[:1], strings.TrimSpace(v[1:])
	case strings.HasPrefix(v, "−"): // U+2212 minus sign
		sign, v = "-", strings.TrimSpace(v[len("−"):])
	}
	dec := string(m.decimalMark())
	whole, frac, hasFrac := strings.Cut(v, dec)
	if m.ThousandsSep == " " {
		whole = strings.NewReplacer("\u00a0", " ", "\u202f", " ", "\u2009", " ").Replace(whole)
	}
	if m.ThousandsSep != "" && strings.Contains(whole, m.ThousandsSep) {
		groups := strings.Split(whole, m.ThousandsSep)
		for i, g := range groups {
			if g == "" || len(g) > 3 || i > 0 && len(g) != 3 {
				return "", false
			}
		}
		whole = strings.Join(groups, "")
	}
	other := "."
	if dec == "." {
		other = ","
	}
	if strings.Contains(whole, other) || strings.Contains(frac, other) || strings.ContainsAny(whole+frac, "+-") {
		return "", false
	}
	if hasFrac {
		return sign + whole + "." + frac, true
	}
	return sign + whole, true
}
