package ledgertext

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
)

// gen makes random items that the Writer accepts.
type gen struct{ r *rand.Rand }

func (g gen) pick(xs ...string) string { return xs[g.r.IntN(len(xs))] }

func (g gen) date() Date {
	y, m := 1+g.r.IntN(9999), time.Month(1+g.r.IntN(12))
	return Date{Year: y, Month: m, Day: 1 + g.r.IntN(daysIn(y, m))}
}

// text returns trimmed words from a pool meant to hit the writer's and the
// parser's special cases.
func (g gen) text(maxWords int, extra ...string) string {
	pool := append([]string{"a", "Shop", "(x)", "*", "!", "x:y", "tag: v,", "é€", "a\tb", "#1", "1,000", "@", "=", "\"q\""}, extra...)
	words := make([]string, g.r.IntN(maxWords+1))
	for i := range words {
		words[i] = g.pick(pool...)
	}
	return strings.Join(words, " ")
}

func (g gen) comment(extra ...string) string {
	lines := make([]string, g.r.IntN(3))
	for i := range lines {
		lines[i] = g.text(4, append(extra, ";", "(", "[1]")...)
	}
	return strings.Join(lines, "\n")
}

func (g gen) number() string {
	var sb strings.Builder
	intPart := g.pick("0", "1", "7", "12", "1000", "123456789012345678")
	if intPart != "0" && g.r.IntN(2) == 0 {
		sb.WriteByte('-')
	}
	sb.WriteString(intPart)
	if n := g.r.IntN(4); n > 0 {
		sb.WriteByte('.')
		for range n {
			sb.WriteByte(byte('0' + g.r.IntN(10)))
		}
	}
	return sb.String()
}

func (g gen) amount() Amount {
	return Amount{Number: g.number(), Commodity: g.pick("", "$", "USD", "€", "ab c", "x1", "T-Bill", "TMT", "a\tb", "(x)")}
}

func (g gen) posting() Posting {
	ps := Posting{
		Status:  Status(g.r.IntN(3)),
		Account: g.pick("assets", "assets:bank checking", "expenses:food:é", "a;b", "x (y)", "l:1,000"),
		Amount:  g.amount(),
		Comment: g.comment(),
	}
	if ps.Status != Unmarked && g.r.IntN(4) == 0 {
		ps.Account = "*" + ps.Account
	}
	if !strings.ContainsAny(ps.Account, "()*") && g.r.IntN(5) == 0 {
		ps.Virtual = true
	}
	if k := CostKind(g.r.IntN(3)); k != NoCost {
		ps.Cost = Cost{Kind: k, Amount: g.amount()}
	}
	if k := AssertionKind(g.r.IntN(5)); k != NoAssertion {
		ps.Assertion = Assertion{Kind: k, Amount: g.amount()}
	}
	return ps
}

func (g gen) transaction() *Transaction {
	t := &Transaction{
		Date:        g.date(),
		Status:      Status(g.r.IntN(3)),
		Code:        g.pick("", "", "42", "INV-7", "a b", "(x"),
		Description: g.text(5),
		Comment:     g.comment("date: 2024-01-01", "[2024-01-01]"),
	}
	if g.r.IntN(3) == 0 {
		t.Date2 = g.date()
	}
	for range g.r.IntN(6) {
		t.Postings = append(t.Postings, g.posting())
	}
	if n := len(t.Postings); n > 0 && g.r.IntN(2) == 0 {
		last := &t.Postings[n-1]
		last.Elided, last.Virtual, last.Amount, last.Cost, last.Assertion = true, false, Amount{}, Cost{}, Assertion{}
	}
	return t
}

func (g gen) item() Item {
	switch g.r.IntN(8) {
	case 0:
		return &Price{Date: g.date(), Commodity: g.pick("EUR", "€", "ab c", "$"), Amount: g.amount()}
	case 1:
		return &AccountDirective{Name: g.pick("assets", "(x)", "a;b c", "*a"), Comment: g.comment()}
	}
	return g.transaction()
}

// withoutLines returns a copy of items with every line number zero.
func withoutLines(items []Item) []Item {
	out := make([]Item, len(items))
	for i, it := range items {
		switch it := it.(type) {
		case *Transaction:
			c := *it
			c.Line = 0
			c.Postings = append([]Posting(nil), it.Postings...)
			for j := range c.Postings {
				c.Postings[j].Line = 0
			}
			if len(c.Postings) == 0 {
				c.Postings = nil
			}
			out[i] = &c
		case *Price:
			c := *it
			c.Line = 0
			out[i] = &c
		case *AccountDirective:
			c := *it
			c.Line = 0
			out[i] = &c
		}
	}
	return out
}

// writeAll writes items and returns the journal text.
func writeAll(t testing.TB, items []Item) []byte {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	for _, it := range items {
		if err := w.Write(it); err != nil {
			t.Fatalf("write %s: %v", dump([]Item{it}), err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRoundTrip(t *testing.T) {
	g := gen{rand.New(rand.NewPCG(1, 2))}
	for round := range 300 {
		want := make([]Item, 1+g.r.IntN(8))
		for i := range want {
			want[i] = g.item()
		}
		text := writeAll(t, want)
		got, err := parseAll(string(text), Options{})
		if err != nil {
			t.Fatalf("round %d: parse: %v\n%s", round, err, text)
		}
		if got, want := withoutLines(got), withoutLines(want); !reflect.DeepEqual(got, want) {
			t.Fatalf("round %d:\n%s\ngot  %s\nwant %s", round, text, dump(got), dump(want))
		}
	}
}

func TestWriterCanonicalForm(t *testing.T) {
	tx := &Transaction{
		Date: d(2024, 1, 5), Date2: d(2024, 1, 6), Status: Cleared, Code: "42", Description: "Shop",
		Comment: "trip: x\nsecond",
		Postings: []Posting{
			{Account: "assets:bank", Amount: amt("-12.50", "$"), Cost: Cost{TotalCost, amt("11.00", "EUR")},
				Assertion: Assertion{AssertSole, amt("100", "ab c")}, Comment: "k: v"},
			{Status: Pending, Account: "expenses:food", Elided: true},
		},
	}
	items := []Item{
		tx,
		&Transaction{Date: d(2024, 1, 7), Description: "(not a code)"},
		&Price{Date: d(2024, 1, 5), Commodity: "EUR", Amount: amt("1.10", "USD")},
		&AccountDirective{Name: "assets:bank", Comment: "type: A"},
	}
	want := "2024-01-05=2024-01-06 * (42) Shop  ; trip: x\n" +
		"    ; second\n" +
		"    assets:bank  -12.50 $ @@ 11.00 EUR == 100 \"ab c\"  ; k: v\n" +
		"    ! expenses:food\n\n" +
		"2024-01-07 () (not a code)\n\n" +
		"P 2024-01-05 EUR 1.10 USD\n" +
		"account assets:bank  ; type: A\n"
	if got := string(writeAll(t, items)); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestWriterRejects(t *testing.T) {
	ok := func() *Transaction {
		return &Transaction{Date: d(2024, 1, 5), Postings: []Posting{{Account: "a", Amount: amt("1", "X")}}}
	}
	tests := []struct {
		name   string
		change func(t *Transaction)
	}{
		{"invalid date", func(t *Transaction) { t.Date.Day = 32 }},
		{"description with ;", func(t *Transaction) { t.Description = "a;b" }},
		{"description with newline", func(t *Transaction) { t.Description = "a\nb" }},
		{"untrimmed description", func(t *Transaction) { t.Description = " a" }},
		{"code with )", func(t *Transaction) { t.Code = "a)" }},
		{"untrimmed comment", func(t *Transaction) { t.Comment = "a\n b" }},
		{"account with two spaces", func(t *Transaction) { t.Postings[0].Account = "a  b" }},
		{"account with tab", func(t *Transaction) { t.Postings[0].Account = "a\tb" }},
		{"empty account", func(t *Transaction) { t.Postings[0].Account = "" }},
		{"virtual account", func(t *Transaction) { t.Postings[0].Account = "(a)" }},
		{"unmarked account starting with *", func(t *Transaction) { t.Postings[0].Account = "*a" }},
		{"number with grouping", func(t *Transaction) { t.Postings[0].Amount.Number = "1,000" }},
		{"negative zero", func(t *Transaction) { t.Postings[0].Amount.Number = "-0.0" }},
		{"leading zero", func(t *Transaction) { t.Postings[0].Amount.Number = "01" }},
		{"float-like", func(t *Transaction) { t.Postings[0].Amount.Number = "1e3" }},
		{"commodity with quote", func(t *Transaction) { t.Postings[0].Amount.Commodity = "a\"b" }},
		{"elided with amount", func(t *Transaction) { t.Postings[0].Elided = true }},
		{"cost without kind", func(t *Transaction) { t.Postings[0].Cost.Amount = amt("1", "") }},
		{"posting date tag", func(t *Transaction) { t.Postings[0].Comment = "date: 2024-01-01" }},
		{"posting date in brackets", func(t *Transaction) { t.Postings[0].Comment = "x\n[2024/1/1]" }},
		{"two elided", func(t *Transaction) {
			t.Postings = []Posting{{Account: "a", Elided: true}, {Account: "b", Elided: true}}
		}},
	}
	for _, tt := range tests {
		tx := ok()
		tt.change(tx)
		var buf bytes.Buffer
		w := NewWriter(&buf)
		if err := w.WriteTransaction(tx); err == nil {
			t.Errorf("%s: accepted", tt.name)
		}
		if w.Flush(); buf.Len() != 0 {
			t.Errorf("%s: wrote %q", tt.name, buf.String())
		}
	}
	if err := NewWriter(&bytes.Buffer{}).WriteTransaction(ok()); err != nil {
		t.Errorf("valid transaction refused: %v", err)
	}
}
