// Package ledger is Hasap's domain: organisations, accounts, analytics,
// entries and postings, the rules a posting must obey, the canonical encoding
// and hash chain that make the books tamper-evident, and the totals derived
// from postings.
//
// It is plain Go with no I/O: it must never import database/sql, net/http or
// a store package. Everything here is deterministic and tested as a property.
package ledger

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// OrgID identifies an organisation (tenant). Every stored row carries one.
type OrgID int64

// AccountCode is an account's code in its chart: "51", "62.01", "1010", or
// for accounts created by a journal import the journal's full account name.
type AccountCode string

// MaxAccountCodeLen bounds an account code in bytes.
const MaxAccountCodeLen = 200

// Kind is an account's kind in the CIS sense.
type Kind string

// Account kinds: active accounts carry a debit balance, passive ones a
// credit balance, active-passive ones either.
const (
	Active        Kind = "A"
	Passive       Kind = "P"
	ActivePassive Kind = "AP"
)

// Valid reports whether k is one of the three kinds.
func (k Kind) Valid() bool { return k == Active || k == Passive || k == ActivePassive }

// Class maps an account to the Western statement sections.
type Class string

// Account classes.
const (
	Asset     Class = "asset"
	Liability Class = "liability"
	Equity    Class = "equity"
	Income    Class = "income"
	Expense   Class = "expense"
	// Mixed is for accounts such as 90, 91 and 99 that hold both income
	// and expense, and the auxiliary account 000.
	Mixed Class = "mixed"
	// OffBalance is for off-balance accounts (001–011 in the CIS chart).
	OffBalance Class = "off-balance"
)

// Valid reports whether c is a known class.
func (c Class) Valid() bool {
	switch c {
	case Asset, Liability, Equity, Income, Expense, Mixed, OffBalance:
		return true
	}
	return false
}

// Names holds a name in each of Hasap's languages.
type Names struct {
	TK string `json:"tk"`
	RU string `json:"ru"`
	EN string `json:"en"`
}

// In returns the name in lang, falling back to Russian, then English, then Turkmen.
func (n Names) In(lang string) string {
	switch lang {
	case "tk":
		if n.TK != "" {
			return n.TK
		}
	case "en":
		if n.EN != "" {
			return n.EN
		}
	}
	for _, s := range []string{n.RU, n.EN, n.TK} {
		if s != "" {
			return s
		}
	}
	return ""
}

// MaxAnalytics is the number of analytics (subconto) an account may require.
const MaxAnalytics = 3

// AnalyticKind names a catalog of analytics.
type AnalyticKind string

// The analytics catalogs.
const (
	Counterparty AnalyticKind = "counterparty"
	Contract     AnalyticKind = "contract"
	Item         AnalyticKind = "item"
	Warehouse    AnalyticKind = "warehouse"
	Employee     AnalyticKind = "employee"
	FixedAsset   AnalyticKind = "fixed_asset"
	CashFlowItem AnalyticKind = "cashflow"
	Project      AnalyticKind = "project"
)

// AnalyticKinds lists every catalog in display order.
var AnalyticKinds = []AnalyticKind{Counterparty, Contract, Item, Warehouse, Employee, FixedAsset, CashFlowItem, Project}

// Valid reports whether k is a known catalog.
func (k AnalyticKind) Valid() bool {
	for _, v := range AnalyticKinds {
		if v == k {
			return true
		}
	}
	return false
}

// Account is one account of an organisation's chart.
type Account struct {
	Code   AccountCode
	Parent AccountCode // "" for a synthetic (top-level) account
	Names  Names
	Kind   Kind
	Class  Class
	// Currency: postings may carry a foreign-currency amount.
	Currency bool
	// Quantity: postings may carry a quantity.
	Quantity bool
	// Group: the account has sub-accounts and is posted through them.
	Group bool
	// Inactive accounts take no new postings.
	Inactive bool
	// Analytics lists the catalogs a posting must name, in order.
	Analytics []AnalyticKind
}

// OffBalance reports whether a is an off-balance account.
func (a Account) OffBalance() bool { return a.Class == OffBalance }

// Validate checks an account on its own.
func (a Account) Validate() error {
	if err := ValidateCode(a.Code); err != nil {
		return err
	}
	if !a.Kind.Valid() {
		return Errorf(EInvalid, "account %s: kind %q is not A, P or AP", a.Code, a.Kind)
	}
	if !a.Class.Valid() {
		return Errorf(EInvalid, "account %s: unknown class %q", a.Code, a.Class)
	}
	if len(a.Analytics) > MaxAnalytics {
		return Errorf(EInvalid, "account %s: at most %d analytics", a.Code, MaxAnalytics)
	}
	seen := map[AnalyticKind]bool{}
	for _, k := range a.Analytics {
		if !k.Valid() {
			return Errorf(EInvalid, "account %s: unknown analytic %q", a.Code, k)
		}
		if seen[k] {
			return Errorf(EInvalid, "account %s: analytic %q twice", a.Code, k)
		}
		seen[k] = true
	}
	if a.Parent == a.Code {
		return Errorf(EInvalid, "account %s is its own parent", a.Code)
	}
	return nil
}

// ValidateCode checks that c can be an account code: non-empty, at most
// MaxAccountCodeLen bytes of UTF-8, no control characters, no leading or
// trailing space and no run of two spaces or tab (which plain-text journals
// use to end an account name).
func ValidateCode(c AccountCode) error {
	s := string(c)
	switch {
	case s == "":
		return Errorf(EInvalid, "empty account code")
	case len(s) > MaxAccountCodeLen:
		return Errorf(EInvalid, "account code longer than %d bytes", MaxAccountCodeLen)
	case !utf8.ValidString(s):
		return Errorf(EInvalid, "account code is not valid UTF-8")
	case strings.TrimSpace(s) != s, strings.Contains(s, "  "):
		return Errorf(EInvalid, "account code %q has stray spaces", s)
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r == ';' {
			return Errorf(EInvalid, "account code %q has a forbidden character", s)
		}
	}
	return nil
}

// KindForName guesses kind and class of a plain-text journal account from its
// top-level name (assets, liabilities, equity, income, expenses and the usual
// synonyms in English, Russian and Turkmen). Unknown names are active-passive
// and mixed.
func KindForName(name string) (Kind, Class) {
	top, _, _ := strings.Cut(strings.ToLower(name), ":")
	switch top {
	case "assets", "asset", "активы", "aktiwler", "a":
		return Active, Asset
	case "liabilities", "liability", "обязательства", "borçlar", "l":
		return Passive, Liability
	case "equity", "капитал", "kapital", "e":
		return Passive, Equity
	case "income", "revenue", "revenues", "доходы", "girdeji", "girdejiler", "i", "r":
		return Passive, Income
	case "expenses", "expense", "расходы", "çykdajy", "çykdajylar", "x":
		return Active, Expense
	}
	return ActivePassive, Mixed
}

// Chart is an organisation's accounts by code.
type Chart map[AccountCode]*Account

// Get returns the account with code c.
func (ch Chart) Get(c AccountCode) (*Account, error) {
	a, ok := ch[c]
	if !ok {
		return nil, Errorf(ENotFound, "account %s does not exist", c)
	}
	return a, nil
}

// String describes an account for messages: "62.01 Расчёты с покупателями".
func (a Account) String() string {
	return fmt.Sprintf("%s %s", a.Code, a.Names.In("ru"))
}
