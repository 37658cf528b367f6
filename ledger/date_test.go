package ledger

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want Date
		ok   bool
	}{
		{"1970-01-01", 0, true},
		{"1970-01-02", 1, true},
		{"1969-12-31", -1, true},
		{"2000-02-29", DateOf(2000, 2, 29), true},
		{"2024-02-29", 19782, true},
		{"1900-01-01", -25567, true},
		{"2200-12-31", DateOf(2200, 12, 31), true},
		{"9999-12-31", DateOf(9999, 12, 31), true},
		{"2023-02-29", NoDate, false},
		{"1900-02-29", NoDate, false}, // 1900 is not a leap year
		{"2024-02-30", NoDate, false},
		{"2024-04-31", NoDate, false},
		{"2024-13-01", NoDate, false},
		{"2024-00-10", NoDate, false},
		{"2024-01-00", NoDate, false},
		{"2024-1-02", NoDate, false},
		{"24-01-02", NoDate, false},
		{"2024/01/02", NoDate, false},
		{"02.01.2024", NoDate, false},
		{" 2024-01-02", NoDate, false},
		{"2024-01-02 ", NoDate, false},
		{"2024-01-02T00:00:00Z", NoDate, false},
		{"", NoDate, false},
		{"today", NoDate, false},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseDate(%q) = %d, %v; want %d, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
		if err != nil && !IsCode(err, EInvalid) {
			t.Errorf("ParseDate(%q): code %q", tt.in, ErrorCode(err))
		}
		if tt.ok && got.String() != tt.in {
			t.Errorf("ParseDate(%q).String() = %q", tt.in, got.String())
		}
	}
}

func TestDateString(t *testing.T) {
	tests := []struct {
		d    Date
		want string
	}{
		{0, "1970-01-01"},
		{DateOf(2024, 3, 5), "2024-03-05"},
		{DateOf(999, 1, 1), "0999-01-01"},
		{DateOf(10000, 1, 1), "10000-01-01"},
		{NoDate, ""},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("Date(%d).String() = %q, want %q", tt.d, got, tt.want)
		}
	}
	if got := string(DateOf(2024, 12, 31).AppendISO([]byte("on "))); got != "on 2024-12-31" {
		t.Errorf("AppendISO = %q", got)
	}
}

func TestDateMonthHelpers(t *testing.T) {
	d := DateOf(2024, 2, 29)
	if d.Month() != 202402 || d.Year() != 2024 {
		t.Errorf("Month %d Year %d", d.Month(), d.Year())
	}
	if d.MonthStart() != DateOf(2024, 2, 1) || MonthFirstDay(202402) != DateOf(2024, 2, 1) {
		t.Errorf("MonthStart %s MonthFirstDay %s", d.MonthStart(), MonthFirstDay(202402))
	}
	if MonthFirstDay(190001) != DateOf(1900, 1, 1) || MonthFirstDay(220012) != DateOf(2200, 12, 1) {
		t.Error("MonthFirstDay at the range ends")
	}
	if got := DateOf(2024, 12, 31).Time(); !got.Equal(time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)) || got.Location() != time.UTC {
		t.Errorf("Time() = %v", got)
	}
	// DateOf normalises like time.Date does.
	if DateOf(2024, 2, 30) != DateOf(2024, 3, 1) || DateOf(2024, 13, 1) != DateOf(2025, 1, 1) {
		t.Error("DateOf does not normalise")
	}
}

// TestDateEveryDay walks every day from 1900 to 2200 and checks each helper
// against the time package.
func TestDateEveryDay(t *testing.T) {
	first, last := DateOf(1900, 1, 1), DateOf(2200, 12, 31)
	want := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	for d := first; d <= last; d++ {
		checkDate(t, d, want)
		want = want.AddDate(0, 0, 1)
		if t.Failed() {
			return
		}
	}
}

// TestDateRandomRoundTrip checks random days over 1900–2200 the same way,
// by round trips only.
func TestDateRandomRoundTrip(t *testing.T) {
	r := newRand(t)
	first, last := DateOf(1900, 1, 1), DateOf(2200, 12, 31)
	for i := 0; i < 20000; i++ {
		d := first + Date(r.IntN(int(last-first)+1))
		y, m, dd := d.YMD()
		checkDate(t, d, time.Date(y, m, dd, 0, 0, 0, 0, time.UTC))
		if t.Failed() {
			return
		}
	}
}

func checkDate(t *testing.T, d Date, want time.Time) {
	t.Helper()
	y, m, dd := d.YMD()
	if wy, wm, wd := want.Date(); y != wy || m != wm || dd != wd {
		t.Fatalf("Date(%d).YMD() = %d-%d-%d, want %s", d, y, m, dd, want.Format(time.DateOnly))
	}
	if !d.Time().Equal(want) {
		t.Fatalf("Date(%d).Time() = %v, want %v", d, d.Time(), want)
	}
	if DateOf(y, m, dd) != d {
		t.Fatalf("DateOf(YMD(%d)) = %d", d, DateOf(y, m, dd))
	}
	s := d.String()
	if s != want.Format(time.DateOnly) {
		t.Fatalf("Date(%d).String() = %q, want %q", d, s, want.Format(time.DateOnly))
	}
	if p, err := ParseDate(s); err != nil || p != d {
		t.Fatalf("ParseDate(%q) = %d, %v; want %d", s, p, err, d)
	}
	if d.Year() != y || d.Month() != y*100+int(m) {
		t.Fatalf("Date(%d): Year %d Month %d", d, d.Year(), d.Month())
	}
	start := d.MonthStart()
	if start != d-Date(dd-1) || start != DateOf(y, m, 1) || MonthFirstDay(d.Month()) != start {
		t.Fatalf("Date(%s): MonthStart %s, MonthFirstDay %s", d, start, MonthFirstDay(d.Month()))
	}
	if start.Month() != d.Month() || (start-1).Month() == d.Month() {
		t.Fatalf("Date(%s): MonthStart %s is not the month's first day", d, start)
	}
}
