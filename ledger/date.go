package ledger

import (
	"strconv"
	"time"
)

// Date is a calendar date without a time zone, stored as days since
// 1970-01-01. The zero Date is 1970-01-01; NoDate marks "none".
type Date int32

// NoDate means no date (for example, no lock date set).
const NoDate Date = -1 << 31

// DateOf returns the Date of y-m-d.
func DateOf(y int, m time.Month, d int) Date {
	return Date(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// ParseDate reads YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return NoDate, Errorf(EInvalid, "%q is not a date (YYYY-MM-DD)", s)
	}
	return Date(t.Unix() / 86400), nil
}

// Time returns midnight UTC of d.
func (d Date) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// YMD returns the year, month and day.
func (d Date) YMD() (int, time.Month, int) { return d.Time().Date() }

// Year returns the calendar year, which is the fiscal year.
func (d Date) Year() int { y, _, _ := d.YMD(); return y }

// Month returns the month key YYYYMM used by totals.
func (d Date) Month() int { y, m, _ := d.YMD(); return y*100 + int(m) }

// MonthStart returns the first day of the month of d.
func (d Date) MonthStart() Date { y, m, _ := d.YMD(); return DateOf(y, m, 1) }

// String writes YYYY-MM-DD, or "" for NoDate.
func (d Date) String() string {
	if d == NoDate {
		return ""
	}
	return string(d.AppendISO(nil))
}

// AppendISO appends YYYY-MM-DD to b.
func (d Date) AppendISO(b []byte) []byte {
	y, m, dd := d.YMD()
	b = appendPad(b, y, 4)
	b = append(b, '-')
	b = appendPad(b, int(m), 2)
	b = append(b, '-')
	return appendPad(b, dd, 2)
}

func appendPad(b []byte, v, width int) []byte {
	s := strconv.Itoa(v)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// MonthFirstDay returns the first day of a YYYYMM month key.
func MonthFirstDay(month int) Date { return DateOf(month/100, time.Month(month%100), 1) }
