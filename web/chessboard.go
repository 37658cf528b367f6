package web

import (
	"html/template"
	"net/http"
	"strings"

	"hasap/app"
	"hasap/i18n"
	"hasap/ledger"
	"hasap/money"
	"hasap/report"
)

type chessData struct {
	*page
	From, To       ledger.Date
	FromISO, ToISO string
	Level          string
	Board          *report.Chessboard
	chart          ledger.Chart
}

// chessboard shows the Dt × Kt turnover matrix of a period (шахматка) at
// the synthetic or sub-account level: rows debit accounts, columns credit
// accounts, totals last; every amount drills to the movements behind it.
func (s *server) chessboard(w http.ResponseWriter, r *http.Request, q *request) {
	p := s.newPage(r, q, i18n.T(q.lang, "Chessboard"))
	p.Nav = "reports"
	d := &chessData{page: p, From: ledger.NoDate, To: ledger.NoDate}
	level, err := report.ParseLevel(r.URL.Query().Get("level"))
	if err == nil {
		d.From, d.To, err = s.period(r, q)
	}
	d.Level = level.String()
	if err != nil {
		p.Error = i18n.Error(err, q.lang)
		s.render(w, r, http.StatusUnprocessableEntity, "chessboard", "", d)
		return
	}
	d.FromISO, d.ToISO = isoDate(d.From), isoDate(d.To)
	if d.chart, err = s.app.Accounts(r.Context(), q.actor, q.org.Code); err != nil {
		s.fail(w, r, q, err)
		return
	}
	if d.Board, err = s.app.Chessboard(r.Context(), q.actor, q.org.Code, d.From, d.To, level); err != nil {
		s.fail(w, r, q, err)
		return
	}
	if f := exportFormat(r); f != "" {
		s.writeSheet(w, r, q, d.Board.Sheet(q.lang, q.org.Name), f, "chessboard-"+periodName(d.From, d.To))
		return
	}
	s.render(w, r, http.StatusOK, "chessboard", "", d)
}

// periodName is a period in a file name.
func periodName(from, to ledger.Date) string {
	f, t := "start", "end"
	if from != ledger.NoDate {
		f = from.String()
	}
	if to != ledger.NoDate {
		t = to.String()
	}
	return f + "_" + t
}

// corrURL is where the amount of the postings Dt dt Kt kt leads: the card
// of dt narrowed to kt, or of kt narrowed to dt, whichever is a
// posting-level account; when neither is (both are synthetic accounts with
// sub-accounts), the analysis of dt by sub-accounts.
func (p *page) corrURL(chart ledger.Chart, dt, kt ledger.AccountCode, from, to ledger.Date) string {
	if a := chart[dt]; a != nil && !a.Group {
		return withParam(p.CardURL(dt, from, to), "corr", string(kt))
	}
	if a := chart[kt]; a != nil && !a.Group {
		return withParam(p.CardURL(kt, from, to), "corr", string(dt))
	}
	return withParam(p.AccountAnalysisURL(dt, from, to), "level", "sub")
}

// AccountAnalysisURL is the address of an account's analysis for a period.
func (p *page) AccountAnalysisURL(code ledger.AccountCode, from, to ledger.Date) string {
	return p.accountPageURL(code, "analysis", from, to)
}

// Matrix renders the chessboard's table: a header row of credit accounts,
// a row per debit account, the totals row; the first column stays in view
// while the table scrolls sideways.
func (d *chessData) Matrix() template.HTML {
	c := d.Board
	f := frag{b: make([]byte, 0, 2048+64*len(c.Debits)*len(c.Credits))}
	f.raw(`<table class="tb num chess"><thead><tr><th scope="col">`)
	f.esc(i18n.T(d.Lang, "Dt \\ Kt"))
	f.raw(`</th>`)
	for _, kt := range c.Credits {
		d.head(&f, "col", kt)
	}
	f.raw(`<th scope="col">`)
	f.esc(i18n.T(d.Lang, "Total"))
	f.raw("</th></tr></thead>\n<tbody>")
	for _, dt := range c.Debits {
		f.raw("\n<tr>")
		d.head(&f, "row", dt)
		for _, kt := range c.Credits {
			a := c.Cell(dt, kt)
			if a == 0 {
				f.raw(`<td></td>`)
				continue
			}
			d.link(&f, d.corrURL(d.chart, dt, kt, d.From, d.To), a)
		}
		d.link(&f, d.AccountAnalysisURL(dt, d.From, d.To), c.RowTotals[dt])
		f.raw(`</tr>`)
	}
	f.raw("\n</tbody><tfoot><tr><th scope=\"row\">")
	f.esc(i18n.T(d.Lang, "Total"))
	f.raw(`</th>`)
	for _, kt := range c.Credits {
		d.link(&f, d.AccountAnalysisURL(kt, d.From, d.To), c.ColTotals[kt])
	}
	f.raw(`<td>`)
	f.esc(d.Money(c.Total))
	f.raw("</td></tr></tfoot></table>")
	return f.html()
}

// head is an account's header cell: its code, named in a tooltip, linked
// to its analysis.
func (d *chessData) head(f *frag, scope string, code ledger.AccountCode) {
	f.raw(`<th scope="` + scope + `"><a href="`)
	f.esc(d.AccountAnalysisURL(code, d.From, d.To))
	f.raw(`" title="`)
	f.esc(d.Name(d.Board.Names[code]))
	f.raw(`">`)
	f.esc(string(code))
	f.raw(`</a></th>`)
}

func (d *chessData) link(f *frag, u string, a money.Amount) {
	f.raw(`<td><a href="`)
	f.esc(u)
	f.raw(`">`)
	f.esc(d.Money(a))
	f.raw(`</a></td>`)
}

type accAnalysisData struct {
	*page
	Account        *ledger.Account
	From, To       ledger.Date
	FromISO, ToISO string
	Level          string
	ByMonth        bool
	An             *report.AccountAnalysis
	chart          ledger.Chart
}

// accountAnalysis shows the analysis of one account (анализ счёта) for a
// period: opening balance, turnover by corresponding account on each
// side, closing balance; optionally by month. A synthetic account is
// analysed with its sub-accounts.
func (s *server) accountAnalysis(w http.ResponseWriter, r *http.Request, q *request) {
	ctx := r.Context()
	chart, acc, ok := s.pathAccount(w, r, q)
	if !ok {
		return
	}
	code := acc.Code
	var err error
	p := s.newPage(r, q, i18n.Sprintf(q.lang, "Analysis of account %s", code))
	p.Nav = "reports"
	d := &accAnalysisData{page: p, Account: acc, From: ledger.NoDate, To: ledger.NoDate, chart: chart, ByMonth: r.URL.Query().Get("bymonth") == "1"}
	level, err := report.ParseLevel(r.URL.Query().Get("level"))
	if err == nil {
		d.From, d.To, err = s.period(r, q)
	}
	d.Level = level.String()
	if err == nil {
		d.FromISO, d.ToISO = isoDate(d.From), isoDate(d.To)
		d.An, err = s.app.AccountAnalysis(ctx, q.actor, q.org.Code, app.AnalysisQuery{Account: code, From: d.From, To: d.To, Level: level, ByMonth: d.ByMonth})
	}
	if ledger.IsCode(err, ledger.EInvalid) {
		p.Error = i18n.Error(err, q.lang)
		s.render(w, r, http.StatusUnprocessableEntity, "account_analysis", "", d)
		return
	}
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	if f := exportFormat(r); f != "" {
		s.writeSheet(w, r, q, d.An.Sheet(q.lang, q.org.Name), f, "account-analysis-"+string(code)+"-"+periodName(d.From, d.To))
		return
	}
	s.render(w, r, http.StatusOK, "account_analysis", "", d)
}

// ChessURL is the chessboard of the same period.
func (d *accAnalysisData) ChessURL() string {
	return strings.Replace(d.AccountAnalysisURL("", d.From, d.To), "/accounts//analysis", "/chessboard", 1)
}

// Part renders one span of the analysis as table rows: the opening
// balance, a row per correspondent, the turnover and the closing balance.
func (d *accAnalysisData) Part(part report.AnalysisPart) template.HTML {
	f := frag{b: make([]byte, 0, 1024+200*len(part.Lines))}
	d.balance(&f, i18n.T(d.Lang, "Opening balance"), part.OpeningDebit, part.OpeningCredit)
	for _, l := range part.Lines {
		f.raw("\n<tr class=\"d1\"><td class=\"code\">")
		if l.Account == "" {
			f.raw(`—</td><td class="name">`)
			f.esc(i18n.T(d.Lang, "Off-balance, no correspondent"))
			f.raw(`</td>`)
		} else {
			f.raw(`<a href="`)
			f.esc(d.AccountAnalysisURL(l.Account, part.From, part.To))
			f.raw(`">`)
			f.esc(string(l.Account))
			f.raw(`</a></td><td class="name">`)
			f.esc(d.Name(l.Name))
			f.raw(`</td>`)
		}
		for i, a := range [2]money.Amount{l.Debit, l.Credit} {
			if a == 0 || l.Account == "" {
				f.raw(`<td>`)
				if a != 0 {
					f.esc(d.Money(a))
				}
				f.raw(`</td>`)
				continue
			}
			dt, kt := d.Account.Code, l.Account
			if i == 1 {
				dt, kt = kt, dt
			}
			d.cell(&f, d.corrURL(d.chart, dt, kt, part.From, part.To), a)
		}
		f.raw(`</tr>`)
	}
	f.raw("\n<tr class=\"group\"><td class=\"code\" colspan=\"2\">")
	f.esc(i18n.T(d.Lang, "Turnover"))
	f.raw(`</td>`)
	card := d.CardURL(d.Account.Code, part.From, part.To)
	d.cell(&f, card, part.Debit)
	d.cell(&f, card, part.Credit)
	f.raw(`</tr>`)
	d.balance(&f, i18n.T(d.Lang, "Closing balance"), part.ClosingDebit, part.ClosingCredit)
	return f.html()
}

func (d *accAnalysisData) balance(f *frag, title string, dt, kt money.Amount) {
	f.raw("\n<tr class=\"group\"><td class=\"code\" colspan=\"2\">")
	f.esc(title)
	f.raw(`</td><td>`)
	if dt != 0 {
		f.esc(d.Money(dt))
	}
	f.raw(`</td><td>`)
	if kt != 0 {
		f.esc(d.Money(kt))
	}
	f.raw(`</td></tr>`)
}

func (d *accAnalysisData) cell(f *frag, u string, a money.Amount) {
	f.raw(`<td><a href="`)
	f.esc(u)
	f.raw(`">`)
	f.esc(d.Money(a))
	f.raw(`</a></td>`)
}
