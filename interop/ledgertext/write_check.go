package ledgertext

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The checks below refuse what Parse could not read back unchanged.

func checkTransaction(t *Transaction) error {
	switch {
	case !t.Date.Valid():
		return errors.New("invalid date")
	case !t.Date2.IsZero() && !t.Date2.Valid():
		return errors.New("invalid secondary date")
	case t.Status > Cleared:
		return errors.New("invalid status")
	case !validText(t.Code) || !trimmed(t.Code) || strings.IndexByte(t.Code, ')') >= 0:
		return errors.New("invalid code " + quote([]byte(t.Code)))
	case !validText(t.Description) || !trimmed(t.Description) || strings.IndexByte(t.Description, ';') >= 0:
		return errors.New("invalid description " + quote([]byte(t.Description)))
	case len(t.Postings) > DefaultMaxPostings:
		return errors.New("more than " + itoa(DefaultMaxPostings) + " postings")
	}
	if err := checkComment(t.Comment); err != nil {
		return err
	}
	commentLines, elided := commentLineCount(t.Comment), 0
	for i := range t.Postings {
		ps := &t.Postings[i]
		if err := checkPosting(ps); err != nil {
			return errors.New("posting " + itoa(i+1) + ": " + err.Error())
		}
		if ps.Elided {
			elided++
		}
		commentLines += commentLineCount(ps.Comment)
	}
	switch {
	case elided > 1:
		return errors.New("more than one posting without an amount")
	case commentLines > DefaultMaxCommentLines:
		return errors.New("more than " + itoa(DefaultMaxCommentLines) + " comment lines")
	}
	return nil
}

func checkPosting(ps *Posting) error {
	if ps.Status > Cleared {
		return errors.New("invalid status")
	}
	if err := checkAccountName(ps.Account); err != nil {
		return err
	}
	switch {
	case strings.IndexAny(ps.Account, "([") == 0:
		return errors.New("virtual account " + quote([]byte(ps.Account)))
	case ps.Status == Unmarked && strings.IndexAny(ps.Account, "*!") == 0:
		return errors.New("an unmarked posting's account cannot start with * or !")
	case ps.Virtual && strings.ContainsAny(ps.Account, "()"):
		return errors.New("a virtual posting's account cannot hold parentheses")
	case ps.Virtual && ps.Elided:
		return errors.New("a virtual posting needs an amount")
	case ps.Elided && (ps.Amount != Amount{} || ps.Cost != Cost{} || ps.Assertion != Assertion{}):
		return errors.New("elided posting with an amount, cost or assertion")
	case ps.Cost.Kind > TotalCost || ps.Assertion.Kind > AssertSoleInclusive:
		return errors.New("invalid cost or assertion kind")
	case ps.Cost.Kind == NoCost && ps.Cost.Amount != Amount{},
		ps.Assertion.Kind == NoAssertion && ps.Assertion.Amount != Amount{}:
		return errors.New("cost or assertion amount without its kind")
	}
	if !ps.Elided {
		if err := checkAmount(ps.Amount); err != nil {
			return err
		}
	}
	if ps.Cost.Kind != NoCost {
		if err := checkAmount(ps.Cost.Amount); err != nil {
			return err
		}
	}
	if ps.Assertion.Kind != NoAssertion {
		if err := checkAmount(ps.Assertion.Amount); err != nil {
			return err
		}
	}
	if err := checkPostingDate([]byte(ps.Comment)); err != nil {
		return errors.New(err.(*ParseError).Msg)
	}
	return checkComment(ps.Comment)
}

func checkAccountName(s string) error {
	if s == "" || !validText(s) || !trimmed(s) || accountEnd([]byte(s)) != len(s) || s[0] == ';' ||
		strings.IndexFunc(s, func(r rune) bool { return r >= utf8.RuneSelf && unicode.IsSpace(r) }) >= 0 {
		return errors.New("invalid account name " + quote([]byte(s)))
	}
	return nil
}

func checkComment(c string) error {
	for line := range strings.SplitSeq(c, "\n") {
		if !validText(line) || !trimmed(line) {
			return errors.New("invalid comment line " + quote([]byte(line)))
		}
	}
	return nil
}

func commentLineCount(c string) int {
	if c == "" {
		return 0
	}
	return strings.Count(c, "\n") + 1
}

func checkAmount(a Amount) error {
	if !validNumber(a.Number) {
		return errors.New("invalid number " + quote([]byte(a.Number)))
	}
	if a.Commodity != "" {
		return checkCommodity(a.Commodity)
	}
	return nil
}

func checkCommodity(s string) error {
	if s == "" || !validText(s) || strings.ContainsAny(s, "\";") {
		return errors.New("invalid commodity " + quote([]byte(s)))
	}
	return nil
}

// validNumber reports whether s has the form of [Amount.Number].
func validNumber(s string) bool {
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	if intPart == "" || (hasFrac && frac == "") || len(intPart)+len(frac) > maxNumberDigits ||
		len(intPart) > 1 && intPart[0] == '0' {
		return false
	}
	zero := true
	for _, part := range [2]string{intPart, frac} {
		for i := 0; i < len(part); i++ {
			if !isDigit(part[i]) {
				return false
			}
			zero = zero && part[i] == '0'
		}
	}
	return !(neg && zero)
}

// validText reports whether s is valid UTF-8 without control characters
// other than tab, as the parser hands out.
func validText(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' || c == 0x7f {
			return false
		}
	}
	return utf8.ValidString(s)
}

// trimmed reports whether s has no leading or trailing white space.
func trimmed(s string) bool { return strings.TrimFunc(s, unicode.IsSpace) == s }
