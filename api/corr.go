package api

import (
	"net/http"

	"hasap/app"
	"hasap/interop/export"
	"hasap/ledger"
	"hasap/money"
	"hasap/report"
	"hasap/report/sheet"
)

// Chessboard is the JSON of the Dt × Kt turnover matrix: a row per debit
// account with its non-zero cells, the columns' totals, the grand total.
type Chessboard struct {
	From     string          `json:"from,omitempty"`
	To       string          `json:"to,omitempty"`
	Currency string          `json:"currency"`
	Level    string          `json:"level"`
	Rows     []ChessRow      `json:"rows"`
	Columns  []AccountAmount `json:"columns"`
	Total    string          `json:"total"`
}

// ChessRow is a debit account's row of the chessboard.
type ChessRow struct {
	Account string          `json:"account"`
	Name    string          `json:"name,omitempty"`
	Cells   []AccountAmount `json:"cells"`
	Total   string          `json:"total"`
}

// AccountAmount is an amount against an account: a chessboard cell (the
// credit account) or a column's total.
type AccountAmount struct {
	Account string `json:"account"`
	Name    string `json:"name,omitempty"`
	Amount  string `json:"amount"`
}

// ChessboardJSON converts a chessboard for JSON, names in lang.
func ChessboardJSON(c *report.Chessboard, lang string) Chessboard {
	exp := c.Currency.Exponent
	d := func(a money.Amount) string { return money.Decimal(a, exp) }
	out := Chessboard{From: optDateString(c.From), To: optDateString(c.To), Currency: c.Currency.Code, Level: c.Level.String(),
		Rows: []ChessRow{}, Columns: []AccountAmount{}, Total: d(c.Total)}
	for _, dt := range c.Debits {
		row := ChessRow{Account: string(dt), Name: c.Names[dt].In(lang), Cells: []AccountAmount{}, Total: d(c.RowTotals[dt])}
		for _, kt := range c.Credits {
			if a := c.Cell(dt, kt); a != 0 {
				row.Cells = append(row.Cells, AccountAmount{Account: string(kt), Amount: d(a)})
			}
		}
		out.Rows = append(out.Rows, row)
	}
	for _, kt := range c.Credits {
		out.Columns = append(out.Columns, AccountAmount{Account: string(kt), Name: c.Names[kt].In(lang), Amount: d(c.ColTotals[kt])})
	}
	return out
}

// AccountAnalysis is the JSON of an account's analysis.
type AccountAnalysis struct {
	Account  string `json:"account"`
	Name     string `json:"name,omitempty"`
	Currency string `json:"currency"`
	Level    string `json:"level"`
	AnalysisPart
	Months []AnalysisPart `json:"months,omitempty"`
}

// AnalysisPart is the analysis of a span: the period or one month.
type AnalysisPart struct {
	From          string         `json:"from,omitempty"`
	To            string         `json:"to,omitempty"`
	OpeningDebit  string         `json:"opening_debit"`
	OpeningCredit string         `json:"opening_credit"`
	Lines         []AnalysisLine `json:"lines"`
	Debit         string         `json:"debit"`
	Credit        string         `json:"credit"`
	ClosingDebit  string         `json:"closing_debit"`
	ClosingCredit string         `json:"closing_credit"`
}

// AnalysisLine is a correspondent's turnover: debit is the analysed
// account debited against it, credit credited. Account "" is a
// single-sided (off-balance) posting.
type AnalysisLine struct {
	Account string `json:"account"`
	Name    string `json:"name,omitempty"`
	Debit   string `json:"debit"`
	Credit  string `json:"credit"`
}

// AccountAnalysisJSON converts an analysis for JSON, names in lang.
func AccountAnalysisJSON(an *report.AccountAnalysis, lang string) AccountAnalysis {
	d := func(a money.Amount) string { return money.Decimal(a, an.Currency.Exponent) }
	part := func(p report.AnalysisPart) AnalysisPart {
		out := AnalysisPart{From: optDateString(p.From), To: optDateString(p.To), OpeningDebit: d(p.OpeningDebit), OpeningCredit: d(p.OpeningCredit),
			Lines: []AnalysisLine{}, Debit: d(p.Debit), Credit: d(p.Credit), ClosingDebit: d(p.ClosingDebit), ClosingCredit: d(p.ClosingCredit)}
		for _, l := range p.Lines {
			out.Lines = append(out.Lines, AnalysisLine{Account: string(l.Account), Name: l.Name.In(lang), Debit: d(l.Debit), Credit: d(l.Credit)})
		}
		return out
	}
	out := AccountAnalysis{Account: string(an.Account), Name: an.Name.In(lang), Currency: an.Currency.Code, Level: an.Level.String(), AnalysisPart: part(an.AnalysisPart)}
	for _, m := range an.Months {
		out.Months = append(out.Months, part(m))
	}
	return out
}

func optDateString(d ledger.Date) string {
	if d == ledger.NoDate {
		return ""
	}
	return d.String()
}

// corrParams reads ?from= and ?to= (either may be absent) and ?level=.
func corrParams(r *http.Request) (from, to ledger.Date, level report.Level, err error) {
	v := r.URL.Query()
	if from, to, err = optPeriod(v); err != nil {
		return
	}
	level, err = report.ParseLevel(v.Get("level"))
	return
}

// chessboard: GET /orgs/{org}/chessboard?from=&to=&level=synthetic|sub[&format=csv|xlsx|pdf].
func (s *server) chessboard(w http.ResponseWriter, r *http.Request, q *request) error {
	from, to, level, err := corrParams(r)
	if err != nil {
		return err
	}
	org, err := s.app.Org(r.Context(), q.actor, r.PathValue("org"))
	if err != nil {
		return err
	}
	c, err := s.app.Chessboard(r.Context(), q.actor, org.Code, from, to, level)
	if err != nil {
		return err
	}
	return writeReport(w, r, q, export.BaseName("chessboard", from, to), ChessboardJSON(c, q.lang), func() (*sheet.Sheet, error) {
		return c.Sheet(q.lang, org.Name), nil
	})
}

// accountAnalysis: GET /orgs/{org}/accounts/{code}/analysis?from=&to=&level=&by_month=true[&format=csv|xlsx|pdf].
func (s *server) accountAnalysis(w http.ResponseWriter, r *http.Request, q *request) error {
	from, to, level, err := corrParams(r)
	if err != nil {
		return err
	}
	byMonth := false
	switch r.URL.Query().Get("by_month") {
	case "", "false":
	case "true":
		byMonth = true
	default:
		return ledger.Errorf(ledger.EInvalid, "by_month must be true or false")
	}
	org, err := s.app.Org(r.Context(), q.actor, r.PathValue("org"))
	if err != nil {
		return err
	}
	code := ledger.AccountCode(r.PathValue("code"))
	an, err := s.app.AccountAnalysis(r.Context(), q.actor, org.Code, app.AnalysisQuery{Account: code, From: from, To: to, Level: level, ByMonth: byMonth})
	if err != nil {
		return err
	}
	return writeReport(w, r, q, export.BaseName("account-analysis-"+string(code), from, to), AccountAnalysisJSON(an, q.lang), func() (*sheet.Sheet, error) {
		return an.Sheet(q.lang, org.Name), nil
	})
}
