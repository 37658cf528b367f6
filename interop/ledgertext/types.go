package ledgertext

import (
	"strconv"
	"strings"
	"time"
)

// Item is one thing read from a journal: a *Transaction, a *Price or an
// *AccountDirective. Use a type switch to tell them apart. Items handed to
// the callback of [Parse] are never reused by the parser: the callee may
// keep them.
type Item interface {
	// SourceLine is the 1-based line on which the item starts
	// (0 for an item that was not read from a file).
	SourceLine() int
	isItem()
}

// Status is the clearing mark of a transaction or a posting.
type Status uint8

// The clearing marks, as hledger names them.
const (
	Unmarked Status = iota // no mark
	Pending                // "!"
	Cleared                // "*"
)

// Date is a calendar date with no time zone, as written in a journal.
// The zero Date means "no date".
type Date struct {
	Year  int        // 1..9999
	Month time.Month // 1..12
	Day   int        // 1..31, valid for the month
}

// IsZero reports whether d is the zero Date (no date).
func (d Date) IsZero() bool { return d == Date{} }

// String formats d as YYYY-MM-DD.
func (d Date) String() string { return string(appendDate(nil, d)) }

// Time returns midnight UTC at the start of d.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// Valid reports whether d is a real calendar date in years 1..9999.
func (d Date) Valid() bool {
	if d.Year < 1 || d.Year > 9999 || d.Month < 1 || d.Month > 12 || d.Day < 1 {
		return false
	}
	return d.Day <= daysIn(d.Year, d.Month)
}

func daysIn(year int, m time.Month) int {
	switch m {
	case time.February:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// Amount is an exact quantity of one commodity.
type Amount struct {
	// Number is the normalised decimal: an optional "-" (only when the
	// value is not zero), at least one integer digit with no leading zeros,
	// and when the journal wrote decimals a "." and those digits, as many
	// as were written ("1,234.50" becomes "1234.50"). Never a float.
	Number string
	// Commodity is the commodity symbol without quotes ("$", "USD",
	// "ab c"), or "" for a bare number.
	Commodity string
}

// String formats a as NUMBER or NUMBER COMMODITY, quoting the commodity
// when it needs quotes, exactly as [Writer] writes it.
func (a Amount) String() string { return string(appendAmount(nil, a)) }

// CostKind says how a posting's cost is written.
type CostKind uint8

// The kinds of cost.
const (
	NoCost    CostKind = iota // no cost
	UnitCost                  // "@ PRICE": price of one unit
	TotalCost                 // "@@ PRICE": price of the whole amount
)

// Cost is the optional "@ PRICE" or "@@ PRICE" of a posting.
type Cost struct {
	Kind   CostKind
	Amount Amount // zero when Kind is NoCost
}

// AssertionKind says which balance assertion a posting carries.
type AssertionKind uint8

// The kinds of balance assertion, as hledger defines them.
const (
	NoAssertion           AssertionKind = iota // no assertion
	AssertSingle                               // "=": balance in this commodity
	AssertSole                                 // "==": the only commodity in the balance
	AssertSingleInclusive                      // "=*": as "=", subaccounts included
	AssertSoleInclusive                        // "==*": as "==", subaccounts included
)

var assertionTokens = [...]string{"", "=", "==", "=*", "==*"}

// Assertion is the optional balance assertion "= AMOUNT" of a posting.
type Assertion struct {
	Kind   AssertionKind
	Amount Amount // zero when Kind is NoAssertion
}

// Posting is one line of a transaction: an account and usually an amount.
type Posting struct {
	Line    int    // 1-based source line
	Status  Status // clearing mark of this posting
	Account string // full account name, colon-separated, may hold single spaces
	// Virtual marks an unbalanced virtual posting, written "(account)": it
	// does not take part in balancing the transaction. (Balanced virtual
	// postings, "[account]", are not supported.)
	Virtual bool
	// Elided is true when the amount was left out (hledger infers it);
	// Amount is then zero. At most one posting of a transaction is elided.
	Elided    bool
	Amount    Amount
	Cost      Cost
	Assertion Assertion
	// Comment is the posting's comment: the text after ";" on the posting
	// line, then one line per following indented comment line, joined by
	// "\n", each trimmed.
	Comment string
}

// Tags returns the hledger tags in the posting's comment.
func (p *Posting) Tags() []Tag { return ParseTags(p.Comment) }

// Transaction is a dated entry with its postings.
type Transaction struct {
	Line        int    // 1-based line of the header
	Date        Date   // primary date
	Date2       Date   // secondary date ("=EDATE"), zero when absent
	Status      Status // clearing mark
	Code        string // text between the parentheses, trimmed; "" when absent
	Description string // trimmed, up to the first ";"
	// Comment is the header's comment and the comment lines before the
	// first posting, joined by "\n", each trimmed.
	Comment  string
	Postings []Posting
}

// SourceLine returns t.Line.
func (t *Transaction) SourceLine() int { return t.Line }
func (*Transaction) isItem()           {}

// Tags returns the hledger tags in the transaction's comment.
func (t *Transaction) Tags() []Tag { return ParseTags(t.Comment) }

// Price is a market price directive "P DATE COMMODITY AMOUNT": on Date one
// unit of Commodity is worth Amount.
type Price struct {
	Line      int
	Date      Date
	Commodity string
	Amount    Amount
}

// SourceLine returns p.Line.
func (p *Price) SourceLine() int { return p.Line }
func (*Price) isItem()           {}

// AccountDirective declares an account: "account NAME  ; comment".
type AccountDirective struct {
	Line int
	Name string
	// Comment is the text after ";" on the directive line, then the
	// indented comment lines below it, joined by "\n", each trimmed.
	// Other indented sub-lines are ignored.
	Comment string
}

// SourceLine returns a.Line.
func (a *AccountDirective) SourceLine() int { return a.Line }
func (*AccountDirective) isItem()           {}

// Tags returns the hledger tags in the directive's comment, such as
// "type: Asset".
func (a *AccountDirective) Tags() []Tag { return ParseTags(a.Comment) }

// Tag is a hledger tag, "name: value", found in a comment.
type Tag struct {
	Name  string
	Value string
}

// ParseTags returns the tags in a comment the way hledger finds them: a
// tag name is the last word before a ":", and its value runs to the next
// "," or the end of the line, trimmed. "ok, due: 2024-02-01" has the tag
// due = "2024-02-01". It returns nil when there are none.
func ParseTags(comment string) []Tag {
	var tags []Tag
	s := comment
	for {
		i := strings.IndexAny(s, ":\n")
		if i < 0 {
			return tags
		}
		if s[i] == '\n' {
			s = s[i+1:]
			continue
		}
		head := s[:i]
		name := head[strings.LastIndexAny(head, " \t")+1:]
		s = s[i+1:]
		if name == "" {
			continue
		}
		end := strings.IndexAny(s, ",\n")
		if end < 0 {
			end = len(s)
		}
		tags = append(tags, Tag{Name: name, Value: strings.TrimSpace(s[:end])})
		if end < len(s) && s[end] == ',' {
			end++
		}
		s = s[end:]
	}
}

// ParseError is a rejection of the input, with the line it happened on.
type ParseError struct {
	Line int    // 1-based line
	Msg  string // what is wrong, in words a user can act on
	Err  error  // underlying error, such as a read error; may be nil
}

// Error returns "line N: msg".
func (e *ParseError) Error() string { return "line " + strconv.Itoa(e.Line) + ": " + e.Msg }

// Unwrap returns the underlying error, if any.
func (e *ParseError) Unwrap() error { return e.Err }
