package api

import (
	"hasap/money"
	"hasap/report"
)

// TBRow is a trial balance row with amounts as decimal strings.
type TBRow struct {
	Account       string `json:"account"`
	Name          string `json:"name,omitempty"`
	Depth         int    `json:"depth"`
	Group         bool   `json:"group,omitempty"`
	OffBalance    bool   `json:"off_balance,omitempty"`
	OpeningDebit  string `json:"opening_debit"`
	OpeningCredit string `json:"opening_credit"`
	Debit         string `json:"debit"`
	Credit        string `json:"credit"`
	ClosingDebit  string `json:"closing_debit"`
	ClosingCredit string `json:"closing_credit"`
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
	row := func(r report.TBRow) TBRow {
		d := func(a money.Amount) string { return money.Decimal(a, exp) }
		return TBRow{string(r.Account), r.Name.In(lang), r.Depth, r.Group, r.OffBalance,
			d(r.OpeningDebit), d(r.OpeningCredit), d(r.Debit), d(r.Credit), d(r.ClosingDebit), d(r.ClosingCredit)}
	}
	out := TrialBalance{From: tb.From.String(), To: tb.To.String(), Currency: tb.Currency.Code, Balanced: tb.Balanced(), Total: row(tb.Total), Rows: []TBRow{}}
	for _, r := range tb.Rows {
		out.Rows = append(out.Rows, row(r))
	}
	return out
}
