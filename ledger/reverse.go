package ledger

import (
	"fmt"
	"unicode/utf8"

	"hasap/money"
)

// Reversal builds the entry that undoes e on date. A plain reversal swaps
// debit and credit; a red storno (storno true, the CIS practice) keeps the
// correspondence and negates every amount, so turnover shrinks instead of
// growing on both sides.
func (e *Entry) Reversal(date Date, storno bool) (Entry, error) {
	r := Entry{
		Org:      e.Org,
		Date:     date,
		Reverses: e.Seq,
		Postings: make([]Posting, len(e.Postings)),
	}
	if storno {
		r.Description = fmt.Sprintf("Storno of entry %d/%d: %s", e.Year, e.Number, e.Description)
	} else {
		r.Description = fmt.Sprintf("Reversal of entry %d/%d: %s", e.Year, e.Number, e.Description)
	}
	r.Description = TruncateText(r.Description, MaxTextLen)
	for i, p := range e.Postings {
		if !storno {
			r.Postings[i] = Posting{Debit: p.Credit, Credit: p.Debit, Amount: p.Amount}
			continue
		}
		q := p
		var err error
		if q.Amount, err = money.Neg(p.Amount); err != nil {
			return Entry{}, Errorf(EInvalid, "storno: amount out of range")
		}
		for _, s := range []*Side{&q.Debit, &q.Credit} {
			if s.CurAmount, err = money.Neg(s.CurAmount); err != nil {
				return Entry{}, Errorf(EInvalid, "storno: amount out of range")
			}
			qty, err := money.Neg(money.Amount(s.Qty)) // -MinInt64 would wrap to itself
			if err != nil {
				return Entry{}, Errorf(EInvalid, "storno: amount out of range")
			}
			s.Qty = Quantity(qty)
		}
		r.Postings[i] = q
	}
	return r, nil
}

// TruncateText cuts s to at most n bytes without splitting a character.
func TruncateText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
