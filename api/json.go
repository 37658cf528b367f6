package api

import (
	"slices"
	"strings"
	"time"

	"hasap/app"
	"hasap/ledger"
	"hasap/money"
	"hasap/report"
)

// The shapes of the API's answers (openapi.json describes the same).
// Amounts are decimal strings; a side's analytics are {catalog: code}.

// List is a list answer: items, and for a paged list the cursor of the
// next page, absent on the last one.
type List[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor,omitempty"`
}

// Org is an organisation with the caller's role in it.
type Org struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	Currency string `json:"currency"`
	Chart    string `json:"chart"`
	LockDate string `json:"lock_date,omitempty"`
	Role     string `json:"role"`
}

func orgJSON(o ledger.Org, role string) Org {
	return Org{Code: o.Code, Name: o.Name, Currency: o.Currency.Code, Chart: o.Chart, LockDate: o.LockDate.String(), Role: role}
}

// Account is an account of the chart.
type Account struct {
	Code      string       `json:"code"`
	Parent    string       `json:"parent,omitempty"`
	Name      string       `json:"name"`
	Names     ledger.Names `json:"names"`
	Kind      string       `json:"kind"`
	Class     string       `json:"class"`
	Currency  bool         `json:"currency"`
	Quantity  bool         `json:"quantity"`
	Group     bool         `json:"group"`
	Inactive  bool         `json:"inactive"`
	Analytics []string     `json:"analytics"`
}

func accountsJSON(chart ledger.Chart, lang string) []Account {
	out := make([]Account, 0, len(chart))
	for _, a := range chart {
		kinds := make([]string, len(a.Analytics))
		for i, k := range a.Analytics {
			kinds[i] = string(k)
		}
		out = append(out, Account{Code: string(a.Code), Parent: string(a.Parent), Name: a.Names.In(lang), Names: a.Names,
			Kind: string(a.Kind), Class: string(a.Class), Currency: a.Currency, Quantity: a.Quantity, Group: a.Group,
			Inactive: a.Inactive, Analytics: kinds})
	}
	slices.SortFunc(out, func(x, y Account) int { return strings.Compare(x.Code, y.Code) })
	return out
}

// Analytic is an entry of an analytics catalog. Owner is a contract's
// counterparty, by code.
type Analytic struct {
	Kind  string       `json:"kind"`
	Code  string       `json:"code"`
	Name  string       `json:"name"`
	Names ledger.Names `json:"names"`
	Owner string       `json:"owner,omitempty"`
}

func analyticJSON(a ledger.Analytic, owners map[ledger.AnalyticID]ledger.Analytic, lang string) Analytic {
	out := Analytic{Kind: string(a.Kind), Code: a.Code, Name: a.Names.In(lang), Names: a.Names}
	if a.Owner != 0 {
		out.Owner = owners[a.Owner].Code
	}
	return out
}

// Entry is a posted entry.
type Entry struct {
	Seq         int64     `json:"seq"`
	Year        int       `json:"year"`
	Number      int64     `json:"number"`
	Date        string    `json:"date"`
	Description string    `json:"description"`
	Document    string    `json:"document"`
	Author      string    `json:"author"`
	PostedAt    string    `json:"posted_at"`
	Reverses    *EntryRef `json:"reverses,omitempty"`
	Postings    []Posting `json:"postings"`
	PrevHash    string    `json:"prev_hash"`
	Hash        string    `json:"hash"`
}

// EntryRef points to an entry.
type EntryRef struct {
	Seq    int64 `json:"seq"`
	Year   int   `json:"year"`
	Number int64 `json:"number"`
}

// Posting moves Amount (base currency) from Credit to Debit; a negative
// amount is a red storno. A single-sided posting (off-balance accounts)
// lacks one side.
type Posting struct {
	Debit  *Side  `json:"debit,omitempty"`
	Credit *Side  `json:"credit,omitempty"`
	Amount string `json:"amount"`
}

// Side is one side of a posting.
type Side struct {
	Account        string            `json:"account"`
	Analytics      map[string]string `json:"analytics,omitempty"`
	Currency       string            `json:"currency,omitempty"`
	CurrencyAmount string            `json:"currency_amount,omitempty"`
	Quantity       string            `json:"quantity,omitempty"`
}

// entryNames is what an entry's JSON needs beyond the entry: the codes of
// its analytics and the entries reversals point to.
type entryNames struct {
	analytics map[ledger.AnalyticID]ledger.Analytic
	entries   map[int64]ledger.Entry // by seq
}

func entryJSON(e ledger.Entry, base money.Currency, n entryNames) Entry {
	out := Entry{Seq: e.Seq, Year: e.Year, Number: e.Number, Date: e.Date.String(), Description: e.Description,
		Document: e.Document, Author: e.Author, PostedAt: e.PostedAt.UTC().Format(time.RFC3339Nano),
		PrevHash: e.PrevHash.String(), Hash: e.Hash.String(), Postings: make([]Posting, len(e.Postings))}
	if e.Reverses != 0 {
		r := n.entries[e.Reverses]
		out.Reverses = &EntryRef{Seq: e.Reverses, Year: r.Year, Number: r.Number}
	}
	for i, p := range e.Postings {
		out.Postings[i] = Posting{Debit: sideJSON(p.Debit, base, n), Credit: sideJSON(p.Credit, base, n),
			Amount: money.Decimal(p.Amount, base.Exponent)}
	}
	return out
}

func sideJSON(s ledger.Side, base money.Currency, n entryNames) *Side {
	if s.Account == "" {
		return nil
	}
	out := &Side{Account: string(s.Account)}
	for _, id := range s.Analytics {
		if id == 0 {
			continue
		}
		if out.Analytics == nil {
			out.Analytics = map[string]string{}
		}
		an := n.analytics[id]
		out.Analytics[string(an.Kind)] = an.Code
	}
	if s.Currency != "" {
		exp := base.Exponent
		if c, err := money.Lookup(s.Currency); err == nil {
			exp = c.Exponent
		}
		out.Currency, out.CurrencyAmount = s.Currency, money.Decimal(s.CurAmount, exp)
	}
	if s.Qty != 0 {
		out.Quantity = money.Decimal(money.Amount(s.Qty), ledger.QuantityExp)
	}
	return out
}

// Balance is an account's balance in one currency, debit positive: in
// that currency for foreign-currency amounts, in base currency otherwise.
type Balance struct {
	Account  string `json:"account"`
	Currency string `json:"currency"`
	Amount   string `json:"amount"`
}

// Balances is the answer of the balances endpoint.
type Balances struct {
	To       string    `json:"to,omitempty"`
	Currency string    `json:"currency"` // base currency
	Items    []Balance `json:"items"`
}

func balancesJSON(bs []report.Balance, base money.Currency, to ledger.Date) Balances {
	out := Balances{To: to.String(), Currency: base.Code, Items: make([]Balance, len(bs))}
	for i, b := range bs {
		out.Items[i] = Balance{Account: string(b.Account), Currency: b.Currency.Code, Amount: money.Decimal(b.Amount, b.Currency.Exponent)}
	}
	return out
}

// TBRow is a trial balance row with amounts as decimal strings. A row
// below an account expanded by analytics has its level (1 the account's
// first analytic), the codes of its analytics from the first, its own
// catalog and code; a currency row its currency; a row in one currency its
// amounts in it, and a row of an account kept in quantities its
// quantities.
type TBRow struct {
	Account       string    `json:"account"`
	Name          string    `json:"name,omitempty"`
	Depth         int       `json:"depth"`
	Group         bool      `json:"group,omitempty"`
	OffBalance    bool      `json:"off_balance,omitempty"`
	OpeningDebit  string    `json:"opening_debit"`
	OpeningCredit string    `json:"opening_credit"`
	Debit         string    `json:"debit"`
	Credit        string    `json:"credit"`
	ClosingDebit  string    `json:"closing_debit"`
	ClosingCredit string    `json:"closing_credit"`
	Level         int       `json:"level,omitempty"`
	Analytics     []string  `json:"analytics,omitempty"`
	Kind          string    `json:"kind,omitempty"`
	Code          string    `json:"code,omitempty"`
	Currency      string    `json:"currency,omitempty"`
	CurrencyRow   bool      `json:"currency_row,omitempty"`
	InCurrency    *Amounts6 `json:"in_currency,omitempty"`
	Quantity      *Amounts6 `json:"quantity,omitempty"`
}

// Amounts6 are the six columns of a trial balance as decimal strings.
type Amounts6 struct {
	OpeningDebit  string `json:"opening_debit"`
	OpeningCredit string `json:"opening_credit"`
	Debit         string `json:"debit"`
	Credit        string `json:"credit"`
	ClosingDebit  string `json:"closing_debit"`
	ClosingCredit string `json:"closing_credit"`
}

func amounts6(a report.Amounts, exp int) Amounts6 {
	d := func(v money.Amount) string { return money.Decimal(v, exp) }
	return Amounts6{d(a.OpeningDebit), d(a.OpeningCredit), d(a.Debit), d(a.Credit), d(a.ClosingDebit), d(a.ClosingCredit)}
}

// TrialBalance is the trial balance as JSON.
type TrialBalance struct {
	From     string  `json:"from,omitempty"`
	To       string  `json:"to,omitempty"`
	Currency string  `json:"currency"`
	Balanced bool    `json:"balanced"`
	Rows     []TBRow `json:"rows"`
	Total    TBRow   `json:"total"`
}

// TrialBalanceJSON converts a trial balance for JSON, names in lang.
func TrialBalanceJSON(tb *report.TrialBalance, lang string) TrialBalance {
	exp := tb.Currency.Exponent
	var codes [ledger.MaxAnalytics]string // the codes of the analytics above the row, by level
	row := func(r report.TBRow) TBRow {
		a := amounts6(r.Amounts, exp)
		out := TBRow{Account: string(r.Account), Name: r.Name.In(lang), Depth: r.Depth, Group: r.Group, OffBalance: r.OffBalance,
			OpeningDebit: a.OpeningDebit, OpeningCredit: a.OpeningCredit, Debit: a.Debit, Credit: a.Credit, ClosingDebit: a.ClosingDebit, ClosingCredit: a.ClosingCredit,
			Level: r.Level, Currency: r.Currency, CurrencyRow: r.CurrencyRow}
		if r.Level > 0 && !r.CurrencyRow && r.Level <= ledger.MaxAnalytics {
			codes[r.Level-1] = r.Code
			out.Kind, out.Code = string(r.Kind), r.Code
			out.Analytics = append([]string(nil), codes[:r.Level]...)
		} else if r.CurrencyRow {
			out.Analytics = append([]string(nil), codes[:min(r.Level-1, ledger.MaxAnalytics)]...)
		}
		if r.Currency != "" {
			if c, err := money.Lookup(r.Currency); err == nil {
				cur := amounts6(r.Cur, c.Exponent)
				out.InCurrency = &cur
			}
		}
		if r.Quantity {
			q := amounts6(r.Qty, ledger.QuantityExp)
			out.Quantity = &q
		}
		return out
	}
	out := TrialBalance{From: tb.From.String(), To: tb.To.String(), Currency: tb.Currency.Code, Balanced: tb.Balanced(), Total: row(tb.Total), Rows: []TBRow{}}
	for _, r := range tb.Rows {
		out.Rows = append(out.Rows, row(r))
	}
	return out
}

// orgRoleJSON converts the organisations of app.MyOrgs.
func orgRolesJSON(rs []app.OrgRole) []Org {
	out := make([]Org, len(rs))
	for i, r := range rs {
		out[i] = orgJSON(r.Org, string(r.Role))
	}
	return out
}
