package ledgertext

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// parseAll parses src with opt and returns every item.
func parseAll(src string, opt Options) ([]Item, error) {
	var items []Item
	err := opt.Parse(strings.NewReader(src), func(it Item) error {
		items = append(items, it)
		return nil
	})
	return items, err
}

func mustParse(t *testing.T, src string) []Item {
	t.Helper()
	items, err := parseAll(src, Options{})
	if err != nil {
		t.Fatalf("parse %q: %v", src, err)
	}
	return items
}

// dump formats items for test failure messages.
func dump(items []Item) string {
	var sb strings.Builder
	for _, it := range items {
		switch it := it.(type) {
		case *Transaction:
			fmt.Fprintf(&sb, "\n  %+v", *it)
		case *Price:
			fmt.Fprintf(&sb, "\n  %+v", *it)
		case *AccountDirective:
			fmt.Fprintf(&sb, "\n  %+v", *it)
		}
	}
	return sb.String()
}

func d(y int, m time.Month, day int) Date { return Date{Year: y, Month: m, Day: day} }

func amt(n, c string) Amount { return Amount{Number: n, Commodity: c} }

func TestParseTransaction(t *testing.T) {
	src := "; journal\n\n" +
		"2024-01-05=2024-01-07 * (INV-42) Grocery store  ; trip: food, paid:\n" +
		"    ; second line\n" +
		"    * assets:bank checking  -$1,234.50 @@ 1 100.00 EUR = $10 ; bank: yes\n" +
		"      ; more\n" +
		"    ! expenses:food\t$1,234.50\n" +
		"    expenses:misc  ;only a comment\n"
	want := &Transaction{
		Line: 3, Date: d(2024, 1, 5), Date2: d(2024, 1, 7), Status: Cleared, Code: "INV-42",
		Description: "Grocery store", Comment: "trip: food, paid:\nsecond line",
		Postings: []Posting{
			{Line: 5, Status: Cleared, Account: "assets:bank checking", Amount: amt("-1234.50", "$"),
				Cost:      Cost{Kind: TotalCost, Amount: amt("1100.00", "EUR")},
				Assertion: Assertion{Kind: AssertSingle, Amount: amt("10", "$")}, Comment: "bank: yes\nmore"},
			{Line: 7, Status: Pending, Account: "expenses:food", Amount: amt("1234.50", "$")},
			{Line: 8, Account: "expenses:misc", Elided: true, Comment: "only a comment"},
		},
	}
	items := mustParse(t, src)
	if len(items) != 1 || !reflect.DeepEqual(items[0], want) {
		t.Fatalf("got %+v\nwant %+v", items, want)
	}
	tags := items[0].(*Transaction).Tags()
	if wantTags := []Tag{{"trip", "food"}, {"paid", ""}}; !reflect.DeepEqual(tags, wantTags) {
		t.Errorf("tags = %v, want %v", tags, wantTags)
	}
}

func TestParseHeader(t *testing.T) {
	tests := []struct {
		header string
		want   Transaction // Line and Postings are not compared
	}{
		{"2024-01-05 x", Transaction{Date: d(2024, 1, 5), Description: "x"}},
		{"2024/01/05 x", Transaction{Date: d(2024, 1, 5), Description: "x"}},
		{"2024.01.05 x", Transaction{Date: d(2024, 1, 5), Description: "x"}},
		{"2024/1/5 x", Transaction{Date: d(2024, 1, 5), Description: "x"}},
		{"2024-02-29", Transaction{Date: d(2024, 2, 29)}},
		{"2024-01-05=01-09 x", Transaction{Date: d(2024, 1, 5), Date2: d(2024, 1, 9), Description: "x"}},
		{"2024-01-05 ! x", Transaction{Date: d(2024, 1, 5), Status: Pending, Description: "x"}},
		{"2024-01-05 *x", Transaction{Date: d(2024, 1, 5), Status: Cleared, Description: "x"}},
		{"2024-01-05 * * x", Transaction{Date: d(2024, 1, 5), Status: Cleared, Description: "* x"}},
		{"2024-01-05 (7)", Transaction{Date: d(2024, 1, 5), Code: "7"}},
		{"2024-01-05 *(7) x", Transaction{Date: d(2024, 1, 5), Status: Cleared, Description: "(7) x"}},
		{"2024-01-05 () (7) x", Transaction{Date: d(2024, 1, 5), Description: "(7) x"}},
		{"2024-01-05 a | b;c ; d", Transaction{Date: d(2024, 1, 5), Description: "a | b", Comment: "c ; d"}},
		{"2024-01-05  ;", Transaction{Date: d(2024, 1, 5)}},
		{"2024-01-05\tx\t", Transaction{Date: d(2024, 1, 5), Description: "x"}},
	}
	for _, tt := range tests {
		items := mustParse(t, tt.header+"\n    a  1\n    b\n")
		got := *items[0].(*Transaction)
		got.Line, got.Postings = 0, nil
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q:\n got %+v\nwant %+v", tt.header, got, tt.want)
		}
	}
}

func TestParseDefaultYear(t *testing.T) {
	for _, dir := range []string{"year 2023", "Y 2023"} {
		items := mustParse(t, dir+"\n1/5=2/3 x\n    a  1\n    b\n")
		tx := items[0].(*Transaction)
		if tx.Date != d(2023, 1, 5) || tx.Date2 != d(2023, 2, 3) {
			t.Errorf("%s: dates %v %v", dir, tx.Date, tx.Date2)
		}
	}
}

func TestParseAmount(t *testing.T) {
	tests := []struct {
		prefix, in string
		want       Amount
	}{
		{"", "$100", amt("100", "$")},
		{"", "-$100", amt("-100", "$")},
		{"", "$-100", amt("-100", "$")},
		{"", "- $ 100", amt("-100", "$")},
		{"", "+5 X", amt("5", "X")},
		{"", "100 USD", amt("100", "USD")},
		{"", "100USD", amt("100", "USD")},
		{"", "USD 100", amt("100", "USD")},
		{"", "USD -100", amt("-100", "USD")},
		{"", "100.50 TMT", amt("100.50", "TMT")},
		{"", `"quoted commodity" 5`, amt("5", "quoted commodity")},
		{"", `5 "ab1"`, amt("5", "ab1")},
		{"", "€5", amt("5", "€")},
		{"", "5", amt("5", "")},
		{"", "-0.00 X", amt("0.00", "X")},
		{"", "007.10", amt("7.10", "")},
		{"", ".5", amt("0.5", "")},
		{"", "5.", amt("5", "")},
		{"", "1234.56", amt("1234.56", "")},
		{"", "1,234.56", amt("1234.56", "")},
		{"", "1.234,56", amt("1234.56", "")},
		{"", "1 234,56", amt("1234.56", "")},
		{"", "1\u2009234,56", amt("1234.56", "")},
		{"", "1\u202f234.5", amt("1234.5", "")},
		{"", "1 000 000", amt("1000000", "")},
		{"", "1,000,000", amt("1000000", "")},
		{"", "1.000.000", amt("1000000", "")},
		{"", "1,00,000.50", amt("100000.50", "")},
		{"", "1.000", amt("1.000", "")}, // a single '.' is the decimal mark
		{"", "1,5", amt("1.5", "")},
		{"", "1,50", amt("1.50", "")},
		{"", "1,0000", amt("1.0000", "")},
		{"", "1234,567", amt("1234.567", "")}, // four digits before: not grouping
		{"", "0,500", amt("0.500", "")},
		{"", "1 000,500", amt("1000.500", "")}, // space groups, so ',' is decimal
		{"decimal-mark .\n", "1,000", amt("1000", "")},
		{"decimal-mark ,\n", "1.000", amt("1000", "")},
		{"decimal-mark ,\n", "1,000", amt("1.000", "")},
		{"commodity $1,000.00\n", "$1,000", amt("1000", "$")},
		{"commodity 1.000,00 EUR\n", "1,000 EUR", amt("1.000", "EUR")},
		{"commodity EUR\n    format 1.000,00 EUR\n", "1.000 EUR", amt("1000", "EUR")},
		{"commodity 1,000. JPY\n", "1,000 JPY", amt("1000", "JPY")},
		{"decimal-mark ,\ncommodity 1,000.00 USD\n", "1,000 USD", amt("1.000", "USD")},
	}
	for _, tt := range tests {
		src := tt.prefix + "2024-01-01 x\n    a  " + tt.in + "\n    b\n"
		items, err := parseAll(src, Options{})
		if err != nil {
			t.Errorf("%q: %v", src, err)
			continue
		}
		if got := items[0].(*Transaction).Postings[0].Amount; got != tt.want {
			t.Errorf("%q: got %+v, want %+v", src, got, tt.want)
		}
	}
}

func TestParseAssertionKinds(t *testing.T) {
	for tok, want := range map[string]AssertionKind{"=": AssertSingle, "==": AssertSole, "=*": AssertSingleInclusive, "==*": AssertSoleInclusive} {
		items := mustParse(t, "2024-01-01 x\n    a  1 X "+tok+" 2 X\n    b\n")
		if got := items[0].(*Transaction).Postings[0].Assertion; got != (Assertion{want, amt("2", "X")}) {
			t.Errorf("%s: got %+v", tok, got)
		}
	}
	items := mustParse(t, "2024-01-01 x\n    a  1 X@2 Y\n    b\n")
	if got := items[0].(*Transaction).Postings[0].Cost; got != (Cost{UnitCost, amt("2", "Y")}) {
		t.Errorf("unit cost: got %+v", got)
	}
}

func TestParseDirectives(t *testing.T) {
	src := "\uFEFF; comment\r\n# hash\n* star\n% pct\n| pipe\n" +
		"comment\n2024-01-01 not a transaction\n    nor this\nend comment\n" +
		"payee Shop\ntag trip\n" +
		"account assets:bank checking  ; type: A\n    ; note: main\n    whatever sub-directive\n" +
		"account equity\n" +
		"P 2024-01-02 EUR $1.10\n" +
		"P 2024/1/3 12:00:00 \"ab c\" 5 USD ; ignored\n" +
		"commodity $1,000.00\n    note dollars\n    ; comment\n" +
		"  ; stray indented comment\n"
	want := []Item{
		&AccountDirective{Line: 12, Name: "assets:bank checking", Comment: "type: A\nnote: main"},
		&AccountDirective{Line: 15, Name: "equity"},
		&Price{Line: 16, Date: d(2024, 1, 2), Commodity: "EUR", Amount: amt("1.10", "$")},
		&Price{Line: 17, Date: d(2024, 1, 3), Commodity: "ab c", Amount: amt("5", "USD")},
	}
	if got := mustParse(t, src); !reflect.DeepEqual(got, want) {
		t.Errorf("got  %s\nwant %s", dump(got), dump(want))
	}
}

func TestParseTags(t *testing.T) {
	tests := []struct {
		in   string
		want []Tag
	}{
		{"", nil},
		{"no tags here", nil},
		{"a: 1, b:2,c:", []Tag{{"a", "1"}, {"b", "2"}, {"c", ""}}},
		{"one two: three, four:five", []Tag{{"two", "three"}, {"four", "five"}}},
		{"x\nk: v\nnothing", []Tag{{"k", "v"}}},
		{"a:b:c, http://x.y", []Tag{{"a", "b:c"}, {"http", "//x.y"}}},
		{": lone colon", nil},
	}
	for _, tt := range tests {
		if got := ParseTags(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseTags(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	const tx = "2024-01-01 x\n    a  1 X\n"
	tests := []struct {
		src  string
		line int
		msg  string // a part of the message
	}{
		{tx + "    (virtual)\n", 3, "virtual posting needs an amount"},
		{tx + "    (virt(ual)  1 X\n", 3, "must be written (ACCOUNT)"},
		{tx + "    [virtual]  1 X\n", 3, "virtual posting"},
		{"2024-01-01 x\n    a\n    b\n", 3, "second posting without an amount"},
		{"include other.journal\n", 1, "include directive is not supported"},
		{"alias a = b\n", 1, "alias"},
		{"apply account x\n", 1, "apply"},
		{"end apply account\n", 1, "end directive"},
		{"D $1,000.00\n", 1, "default commodity"},
		{"~ monthly\n    a  1\n", 1, "periodic"},
		{"= expenses\n    a  1\n", 1, "automated"},
		{"foo bar\n", 1, "unknown directive"},
		{tx + "    b  1,000 X\n", 3, "ambiguous number"},
		{"2024-02-30 x\n", 1, "invalid date"},
		{"2024-13-01 x\n", 1, "invalid date"},
		{"2024-01/01 x\n", 1, "mixed separators"},
		{"1/5 x\n", 1, "without a year"},
		{"2024-01-01x\n", 1, "expected a space after the date"},
		{"2024-01-01 (7 x\n", 1, "no closing parenthesis"},
		{tx + "    b  = 1 X\n", 3, "balance assignment"},
		{tx + "    b  @ 1 X\n", 3, "cost without an amount"},
		{tx + "    b  1 X {2 Y}\n", 3, "lot price"},
		{tx + "    b  1 X Y\n", 3, "unexpected text after the amount"},
		{tx + "    b  -$-1\n", 3, "two signs"},
		{tx + "    b  $\n", 3, "missing number"},
		{tx + "    b  1 \"X\n", 3, "no closing quote"},
		{tx + "    b  1 X =\n", 3, "missing amount"},
		{tx + "    b  1,00.5\n", 3, "irregular digit groups"},
		{"decimal-mark ,\n" + tx + "    b  1.5\n", 4, "irregular digit groups"},
		{tx + "    b  1,000.000.5\n", 3, "two decimal marks"},
		{tx + "    b  1 000.000,5\n", 3, "mixes digit group marks"},
		{tx + "    b  1" + strings.Repeat("0", 40) + "\n", 3, "more than 40 digits"},
		{tx + "\n    b\n", 4, "indented line outside"},
		{tx + "    *\n", 3, "no account name"},
		{tx + "    b  1\x01\n", 3, "control character"},
		{tx + "    b  1 \xff\n", 3, "invalid UTF-8"},
		{"decimal-mark x\n", 1, "decimal-mark"},
		{"year 20x4\n", 1, "year directive"},
		{"commodity EUR\n    format 1.00 USD\n", 2, "format sub-directive"},
		{"P 2024-01-01 EUR\n", 1, "missing amount"},
		{"P 2024-01-01 1.5\n", 1, "price directive needs"},
		{"account\n", 1, "no account name"},
		{tx + "    b  ; date: 2024-02-01\n", 3, "posting dates"},
		{tx + "    b\n      ; x, date2:2024-02-01\n", 4, "posting dates"},
		{tx + "    b  ; [2024/02/01]\n", 3, "posting dates"},
		{tx + "    b  ; [=2/1]\n", 3, "posting dates"},
		{"account a  b\n", 1, "unexpected text after the account name"},
		{"\n\n" + tx + strings.Repeat("x", DefaultMaxLineBytes+1) + "\n", 5, "line longer than"},
	}
	for _, tt := range tests {
		_, err := parseAll(tt.src, Options{})
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Line != tt.line || !strings.Contains(pe.Msg, tt.msg) {
			t.Errorf("%s: got %v, want line %d: ...%s...", quote([]byte(tt.src)), err, tt.line, tt.msg)
		}
	}
}

func TestParseLimits(t *testing.T) {
	src := "2024-01-01 x\n    a  1\n    b  1\n    c\n"
	if _, err := parseAll(src, Options{MaxPostings: 2}); err == nil || err.Error() != "line 4: more than 2 postings in one transaction" {
		t.Errorf("max postings: %v", err)
	}
	src = "2024-01-01 x ; 1\n  ; 2\n    a  1 ; 3\n"
	if _, err := parseAll(src, Options{MaxCommentLines: 2}); err == nil || !strings.HasPrefix(err.Error(), "line 3: more than 2 comment lines") {
		t.Errorf("max comment lines: %v", err)
	}
	if _, err := parseAll("2024-01-01 "+strings.Repeat("x", 100)+"\n", Options{MaxLineBytes: 50}); err == nil || !strings.HasPrefix(err.Error(), "line 1: line longer than 50") {
		t.Errorf("max line bytes: %v", err)
	}
}

func TestParseCallbackError(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	err := Parse(strings.NewReader("P 2024-01-01 A 1 B\n2024-01-01 x\n    a  1\n    b\n"), func(Item) error {
		n++
		return stop
	})
	if err != stop || n != 1 {
		t.Errorf("got %v after %d items, want the callback's error after 1", err, n)
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestParseReadError(t *testing.T) {
	err := Parse(failingReader{}, func(Item) error { return nil })
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line != 1 || pe.Err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Errorf("got %v", err)
	}
}

// TestVirtualPosting: "(account)" is an unbalanced virtual posting, kept
// with its flag and written back the same way.
func TestVirtualPosting(t *testing.T) {
	in := "2024-01-01 x\n    (off:balance)  5.00 TMT  ; kept\n    a  1 X\n    b\n"
	var got *Transaction
	if err := Parse(strings.NewReader(in), func(it Item) error { got = it.(*Transaction); return nil }); err != nil {
		t.Fatal(err)
	}
	p := got.Postings[0]
	if !p.Virtual || p.Account != "off:balance" || p.Amount != (Amount{"5.00", "TMT"}) || got.Postings[1].Virtual {
		t.Fatalf("got %+v", got.Postings)
	}
	var b strings.Builder
	w := NewWriter(&b)
	if err := w.WriteTransaction(got); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	if !strings.Contains(b.String(), "    (off:balance)  5.00 TMT") {
		t.Fatalf("written as:\n%s", b.String())
	}
}
