// Package bankmatch proposes, for a line of a bank statement, who paid (or
// was paid) and which open invoice the money settles, by rules an
// accountant can read back: the counterparty by its tax id, its bank account
// or its name; the invoice by its number in the payment's text, by the
// amount equal to an open item's remainder, or as the counterparty's only
// open item. Each proposal says which rule matched and how sure it is; the
// accountant confirms or corrects it.
//
// It is a pure function over small candidate types: the application feeds
// it the counterparty catalog and the open items of the right side
// (receivables for money in, payables for money out). It imports the
// standard library, hasap/ledger and hasap/money, and does no I/O.
package bankmatch

import (
	"strings"
	"unicode"

	"hasap/ledger"
	"hasap/money"
)

// Line is what matching reads of a statement line.
type Line struct {
	// Amount is the money moved, positive in or negative out; matching
	// compares its absolute value with the remainders.
	Amount money.Amount
	// Currency is the ISO code of Amount.
	Currency string
	// Counterparty is the other party's name, CounterpartyAccount its IBAN
	// or account number, as the bank wrote them.
	Counterparty, CounterpartyAccount string
	// Reference and Description are the payment's texts.
	Reference, Description string
}

// Party is a counterparty of the catalog.
type Party struct {
	ID ledger.AnalyticID
	// Code is the catalog code; a code of 6 to 14 digits is taken for the
	// counterparty's tax id.
	Code string
	// Names are its names in every language.
	Names []string
	// Accounts are the bank accounts known to be its own.
	Accounts []string
}

// Item is an open item: an invoice not yet (wholly) paid.
type Item struct {
	Doc int64 // the invoice's document id
	// Number is the invoice's number as people write it ("12").
	Number                 int64
	Counterparty, Contract ledger.AnalyticID
	// Remainder is what is still to pay, positive, in Currency.
	Remainder money.Amount
	Currency  string
}

// Rule names why a proposal says what it says.
type Rule string

// The rules.
const (
	None Rule = ""
	// Counterparty rules.
	ByTaxID   Rule = "tax_id"  // the counterparty's tax id is in the line's text
	ByAccount Rule = "account" // the line's account is one the counterparty paid from (or to) before
	ByName    Rule = "name"    // the line's counterparty name (else its text's first line) is the catalog's name
	ByInvoice Rule = "invoice" // the counterparty of the invoice the line names
	// Invoice rules.
	ByReference Rule = "reference" // the line's text names the invoice's number
	ByAmount    Rule = "amount"    // the amount equals the invoice's remainder
	OnlyItem    Rule = "only_item" // the invoice is the counterparty's only open item
)

// Sure says how sure a proposal is.
type Sure int

// Levels of sureness, from least to most.
const (
	Unsure Sure = iota // nothing matched
	Low                // a guess the accountant should check
	Medium             // one rule matched
	High               // rules agree
)

// Proposal is what matching proposes for a line.
type Proposal struct {
	Counterparty     ledger.AnalyticID
	CounterpartyRule Rule
	CounterpartySure Sure
	// Invoice is the document id of the open item the line settles, 0 for
	// none; Contract is that item's contract.
	Invoice     int64
	Contract    ledger.AnalyticID
	InvoiceRule Rule
	InvoiceSure Sure
	// AlsoAmount: the invoice found by reference has the line's amount as
	// its remainder too.
	AlsoAmount bool
}

// Match proposes the counterparty and the invoice of line l.
func Match(l Line, parties []Party, items []Item) Proposal {
	var p Proposal
	p.Counterparty, p.CounterpartyRule, p.CounterpartySure = counterparty(l, parties)
	amount := l.Amount
	if neg, err := money.Neg(amount); amount < 0 && err == nil {
		amount = neg
	}
	var open []Item
	for _, it := range items {
		if it.Currency == l.Currency && it.Remainder > 0 {
			open = append(open, it)
		}
	}
	mine := open
	if p.Counterparty != 0 {
		mine = ofParty(open, p.Counterparty)
	}
	if it, ok := byReference(l, mine, amount); ok {
		p.set(it, ByReference, Medium)
		if it.Remainder == amount {
			p.AlsoAmount, p.InvoiceSure = true, High
		}
		if p.Counterparty == 0 {
			p.Counterparty, p.CounterpartyRule, p.CounterpartySure = it.Counterparty, ByInvoice, p.InvoiceSure
		}
		return p
	}
	if p.Counterparty == 0 {
		// Without the counterparty only an amount that one item alone has
		// is worth proposing, and only as a guess.
		if it, ok := only(open, func(it Item) bool { return it.Remainder == amount }); ok {
			p.set(it, ByAmount, Low)
			p.Counterparty, p.CounterpartyRule, p.CounterpartySure = it.Counterparty, ByInvoice, Low
		}
		return p
	}
	if it, ok := only(mine, func(it Item) bool { return it.Remainder == amount }); ok {
		p.set(it, ByAmount, Medium)
		return p
	}
	if len(mine) == 1 {
		p.set(mine[0], OnlyItem, Low)
	}
	return p
}

func (p *Proposal) set(it Item, r Rule, s Sure) {
	p.Invoice, p.Contract, p.InvoiceRule, p.InvoiceSure = it.Doc, it.Contract, r, s
}

func ofParty(items []Item, id ledger.AnalyticID) []Item {
	var out []Item
	for _, it := range items {
		if it.Counterparty == id {
			out = append(out, it)
		}
	}
	return out
}

// only returns the one item that ok holds for, if exactly one does.
func only(items []Item, ok func(Item) bool) (Item, bool) {
	var found Item
	n := 0
	for _, it := range items {
		if ok(it) {
			found = it
			n++
		}
	}
	return found, n == 1
}

// byReference finds the item whose number the line's texts name. When the
// texts name several open items, the one with the line's amount wins, else
// none.
func byReference(l Line, items []Item, amount money.Amount) (Item, bool) {
	nums := InvoiceNumbers(l.Reference + "\n" + l.Description)
	if len(nums) == 0 {
		return Item{}, false
	}
	named := func(it Item) bool { return nums[it.Number] }
	if it, ok := only(items, named); ok {
		return it, true
	}
	return only(items, func(it Item) bool { return named(it) && it.Remainder == amount })
}

// counterparty finds the line's counterparty: by tax id, then by bank
// account, then by name. A rule that finds two counterparties finds none.
func counterparty(l Line, parties []Party) (ledger.AnalyticID, Rule, Sure) {
	text := l.Reference + "\n" + l.Description + "\n" + l.Counterparty
	ids := digitRuns(text)
	if p, ok := onlyParty(parties, func(p Party) bool { return isTaxID(p.Code) && ids[p.Code] }); ok {
		return p.ID, ByTaxID, High
	}
	if acct := normAccount(l.CounterpartyAccount); acct != "" {
		if p, ok := onlyParty(parties, func(p Party) bool {
			for _, a := range p.Accounts {
				if normAccount(a) == acct {
					return true
				}
			}
			return false
		}); ok {
			return p.ID, ByAccount, High
		}
	}
	name := l.Counterparty
	if name == "" {
		// MT940 gives the other party in :86: text, often on its first line.
		name, _, _ = strings.Cut(l.Description, "\n")
	}
	if name := NormName(name); name != "" {
		if p, ok := onlyParty(parties, func(p Party) bool {
			for _, n := range p.Names {
				if NormName(n) == name {
					return true
				}
			}
			return false
		}); ok {
			return p.ID, ByName, Medium
		}
	}
	return 0, None, Unsure
}

func onlyParty(parties []Party, ok func(Party) bool) (Party, bool) {
	var found Party
	n := 0
	for _, p := range parties {
		if ok(p) {
			found = p
			n++
		}
	}
	return found, n == 1
}

// isTaxID reports whether a catalog code reads as a tax id: 6 to 14 digits.
func isTaxID(code string) bool {
	if len(code) < 6 || len(code) > 14 {
		return false
	}
	for _, r := range code {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// digitRuns returns the maximal runs of digits of s.
func digitRuns(s string) map[string]bool {
	out := map[string]bool{}
	start := -1
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] >= '0' && s[i] <= '9' {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out[s[start:i]] = true
			start = -1
		}
	}
	return out
}

// normAccount is an account number without spaces and dashes, upper case.
func normAccount(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == ' ' || r == '-' || r == '\t' {
			continue
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}

// legalForms are the words of a company's legal form, left out when names
// are compared: «ООО «Ромашка»» and «Ромашка ООО» are one company.
var legalForms = map[string]bool{
	"ооо": true, "оао": true, "зао": true, "ао": true, "пао": true, "ип": true, "хк": true, "хј": true,
	"hj": true, "hk": true, "hjk": true, "ahj": true, "jsc": true, "llc": true, "ltd": true, "inc": true,
	"gmbh": true, "ag": true, "plc": true, "co": true, "corp": true, "tov": true, "тов": true, "kärhanasy": true,
}

// NormName is a name as matching compares it: lower case, its words in
// order without punctuation, quotes and legal forms.
func NormName(s string) string {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	out := words[:0]
	for _, w := range words {
		if !legalForms[w] {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// numberWords start a word that announces a document number: invoice,
// счёт(-фактура), faktura, hasap(-faktura), накладная, akt.
var numberWords = []string{"inv", "сч", "факт", "fakt", "hasap", "накл", "nakl", "akt", "акт", "bill", "doc", "док", "resminama"}

// InvoiceNumbers returns the numbers that text gives as a document's
// number: digits after "№", "#", "N", "No", "Nr" or a word such as
// "invoice", "счёт", "faktura" (with spaces, ".", ":" or "-" between), and
// the number of a document reference "sales_invoice/2025/12". A bare number
// is not one: amounts and dates are numbers too.
func InvoiceNumbers(text string) map[int64]bool {
	out := map[int64]bool{}
	rs := []rune(strings.ToLower(text))
	for i := 0; i < len(rs); i++ {
		if !unicode.IsDigit(rs[i]) || i > 0 && unicode.IsDigit(rs[i-1]) {
			continue
		}
		j := i
		for j < len(rs) && unicode.IsDigit(rs[j]) {
			j++
		}
		if j-i > 12 || !announced(rs, i) && !inRef(rs, i) {
			continue
		}
		var n int64
		for _, r := range rs[i:j] {
			n = n*10 + int64(r-'0')
		}
		if n > 0 {
			out[n] = true
		}
	}
	return out
}

// announced reports whether the digits at i follow a number sign or word.
func announced(rs []rune, i int) bool {
	k := i - 1
	for k >= 0 && (rs[k] == ' ' || rs[k] == '.' || rs[k] == ':' || rs[k] == '-' || rs[k] == '_') {
		k--
	}
	if k >= 0 && (rs[k] == '№' || rs[k] == '#') {
		return true
	}
	end := k + 1
	for k >= 0 && unicode.IsLetter(rs[k]) {
		k--
	}
	word := string(rs[k+1 : end])
	switch word {
	case "n", "no", "nr", "nö", "nomer", "номер":
		return true
	}
	for _, w := range numberWords {
		if strings.HasPrefix(word, w) {
			return true
		}
	}
	return false
}

// inRef reports whether the digits at i are the number of a reference
// "type/year/number".
func inRef(rs []rune, i int) bool {
	if i < 6 || rs[i-1] != '/' {
		return false
	}
	k := i - 2
	digits := 0
	for k >= 0 && unicode.IsDigit(rs[k]) {
		k--
		digits++
	}
	return digits == 4 && k >= 1 && rs[k] == '/' && unicode.IsLetter(rs[k-1])
}
