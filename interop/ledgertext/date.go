package ledgertext

import "time"

// parseDate reads a date at the start of b: Y-M-D, Y/M/D or Y.M.D with one
// separator throughout, or M-D (and the other separators) in defaultYear.
// It returns the date and the rest of b.
func parseDate(b []byte, defaultYear int) (Date, []byte, error) {
	var parts [3]int
	n, i := 0, 0
	var sep byte
	for n < 3 {
		v, j := 0, i
		for j < len(b) && j-i < 5 && isDigit(b[j]) {
			v = v*10 + int(b[j]-'0')
			j++
		}
		if j == i || (j < len(b) && isDigit(b[j])) {
			return Date{}, b, errMsg("invalid date")
		}
		parts[n], n, i = v, n+1, j
		if i >= len(b) || (b[i] != '-' && b[i] != '/' && b[i] != '.') || n == 3 {
			break
		}
		if sep != 0 && b[i] != sep {
			return Date{}, b, errMsg("invalid date: mixed separators")
		}
		sep = b[i]
		i++
	}
	var d Date
	switch n {
	case 3:
		d = Date{Year: parts[0], Month: time.Month(parts[1]), Day: parts[2]}
	case 2:
		if defaultYear == 0 {
			return Date{}, b, errMsg("date without a year and no year directive before it")
		}
		d = Date{Year: defaultYear, Month: time.Month(parts[0]), Day: parts[1]}
	default:
		return Date{}, b, errMsg("invalid date")
	}
	if !d.Valid() {
		return Date{}, b, errMsg("invalid date " + string(b[:i]))
	}
	return d, b[i:], nil
}

// appendDate appends d as YYYY-MM-DD.
func appendDate(dst []byte, d Date) []byte {
	y, m, day := d.Year, int(d.Month), d.Day
	return append(dst,
		byte('0'+y/1000%10), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+m/10%10), byte('0'+m%10), '-',
		byte('0'+day/10%10), byte('0'+day%10))
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
