package web

import (
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"hasap/i18n"
	"hasap/ledger"
	"hasap/money"
	"hasap/report"
)

type glData struct {
	*page
	From, To       ledger.Date
	FromISO, ToISO string
	Account        string
	GL             *report.GeneralLedger
}

// generalLedger shows the general ledger (главная книга) of a period: per
// synthetic account, per month, the opening balance, the turnover and the
// closing balance; with ?account= one account's analysis by months. Every
// amount links to the account's card for its month.
func (s *server) generalLedger(w http.ResponseWriter, r *http.Request, q *request) {
	p := s.newPage(r, q, i18n.T(q.lang, "General ledger"))
	p.Nav = "reports"
	d := &glData{page: p, From: ledger.NoDate, To: ledger.NoDate, Account: strings.TrimSpace(r.URL.Query().Get("account"))}
	from, to, err := s.period(r, q)
	if err == nil {
		d.From, d.To, d.FromISO, d.ToISO = from, to, isoDate(from), isoDate(to)
		d.GL, err = s.app.GeneralLedger(r.Context(), q.actor, q.org.Code, from, to, ledger.AccountCode(d.Account))
	}
	if err != nil {
		if code := ledger.ErrorCode(err); code != ledger.EInvalid && code != ledger.ENotFound {
			s.fail(w, r, q, err)
			return
		}
		p.Error = i18n.Error(err, q.lang)
		s.render(w, r, http.StatusUnprocessableEntity, "general_ledger", "", d)
		return
	}
	if f := exportFormat(r); f != "" {
		title := p.Title
		if d.Account != "" {
			title = i18n.T(q.lang, "Account analysis by months") + " " + d.Account
		}
		s.writeSheet(w, r, q, report.GeneralLedgerSheet(d.GL, report.Heading{Org: q.org.Name, Lang: q.lang}, title), f, "general-ledger-"+d.FromISO+"-"+d.ToISO)
		return
	}
	s.render(w, r, http.StatusOK, "general_ledger", "", d)
}

// ExportURL is the page's address asking for format.
func (d *glData) ExportURL(format string) string {
	u := withParam(withParam(d.O("/general-ledger"), "from", d.FromISO), "to", d.ToISO)
	if d.Account != "" {
		u = withParam(u, "account", d.Account)
	}
	return withParam(u, "format", format)
}

// GLLines writes the general ledger's rows: each account over the period,
// its months below it.
func (d *glData) GLLines() template.HTML {
	f := frag{b: make([]byte, 0, 4096)}
	for _, a := range d.GL.Accounts {
		first, last := a.Months[0], a.Months[len(a.Months)-1]
		d.glRow(&f, string(a.Account), d.Name(a.Name), a.Account, first.From, last.To, a.Period, true)
		for _, m := range a.Months {
			d.glRow(&f, "", report.MonthLabel(m.From, m.To, d.Lang), a.Account, m.From, m.To, m.Amounts, false)
		}
	}
	return f.html()
}

func (d *glData) glRow(f *frag, code, label string, acc ledger.AccountCode, from, to ledger.Date, a report.Amounts, head bool) {
	u := d.CardURL(acc, from, to)
	if head {
		f.raw("\n" + `<tr class="group"><td class="code"><a href="`)
		f.esc(withParam(withParam(withParam(d.O("/general-ledger"), "from", d.FromISO), "to", d.ToISO), "account", code))
		f.raw(`">`)
		f.esc(code)
		f.raw(`</a></td><td class="name">`)
	} else {
		f.raw("\n" + `<tr class="d1"><td class="code"></td><td class="name">`)
	}
	f.esc(label)
	f.raw(`</td>`)
	for _, v := range [...]money.Amount{a.OpeningDebit, a.OpeningCredit, a.Debit, a.Credit, a.ClosingDebit, a.ClosingCredit} {
		f.raw(`<td>`)
		if v != 0 {
			f.raw(`<a href="`)
			f.esc(u)
			f.raw(`">`)
			f.esc(d.Money(v))
			f.raw(`</a>`)
		}
		f.raw(`</td>`)
	}
	f.raw(`</tr>`)
}

type analysisData struct {
	*page
	From, To       ledger.Date
	FromISO, ToISO string
	Kinds          []ledger.AnalyticKind
	Kind           ledger.AnalyticKind
	Typed          string
	Choices        []ledger.Analytic
	Analytic       ledger.Analytic
	TB             *report.TrialBalance
}

// analyticAnalysis shows one analytic (a counterparty, an item, an
// employee, a project...) across every account that keeps its catalog:
// opening balance, turnover and closing balance per account and per the
// accounts' other analytics. The analytic comes as ?catalog=KIND&id=ID (the
// links of the trial balance) or as the picker's ?catalog=KIND&find=TEXT.
func (s *server) analyticAnalysis(w http.ResponseWriter, r *http.Request, q *request) {
	p := s.newPage(r, q, i18n.T(q.lang, "Analysis by analytic"))
	p.Nav = "reports"
	v := r.URL.Query()
	d := &analysisData{page: p, From: ledger.NoDate, To: ledger.NoDate, Kinds: ledger.AnalyticKinds, Kind: ledger.Counterparty, Typed: strings.TrimSpace(v.Get("find"))}
	if k := ledger.AnalyticKind(v.Get("catalog")); k.Valid() {
		d.Kind = k
	}
	from, to, err := s.period(r, q)
	if err != nil {
		p.Error = i18n.Error(err, q.lang)
		s.render(w, r, http.StatusUnprocessableEntity, "analytic_analysis", "", d)
		return
	}
	d.From, d.To, d.FromISO, d.ToISO = from, to, isoDate(from), isoDate(to)
	id, _ := strconv.ParseInt(v.Get("id"), 10, 64)
	if id == 0 && d.Typed != "" {
		m, err := s.app.FindAnalytic(r.Context(), q.actor, q.org.Code, d.Kind, d.Typed)
		if err != nil && !ledger.IsCode(err, ledger.ENotFound) && !ledger.IsCode(err, ledger.EInvalid) {
			s.fail(w, r, q, err)
			return
		}
		if err != nil {
			p.Error, d.Choices = i18n.Error(err, q.lang), m.Choices
			s.render(w, r, http.StatusUnprocessableEntity, "analytic_analysis", "", d)
			return
		}
		id = int64(m.Found.ID)
	}
	if id == 0 {
		s.render(w, r, http.StatusOK, "analytic_analysis", "", d)
		return
	}
	d.TB, d.Analytic, err = s.app.AnalyticAnalysis(r.Context(), q.actor, q.org.Code, ledger.AnalyticID(id), from, to)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	d.Kind, d.Typed = d.Analytic.Kind, d.Analytic.Code
	if f := exportFormat(r); f != "" {
		title := p.Title + ": " + d.Analytic.Code + " " + d.Name(d.Analytic.Names)
		sh, err := report.TrialBalanceSheet(d.TB, report.Heading{Org: q.org.Name, Lang: q.lang}, title)
		if err != nil {
			s.fail(w, r, q, err)
			return
		}
		sh.Name = "analytic-analysis"
		s.writeSheet(w, r, q, sh, f, "analytic-analysis-"+d.Analytic.Code+"-"+d.FromISO+"-"+d.ToISO)
		return
	}
	s.render(w, r, http.StatusOK, "analytic_analysis", "", d)
}

// ExportURL is the page's address asking for format.
func (d *analysisData) ExportURL(format string) string {
	return withParam(d.AnalysisURL(d.Analytic.Kind, d.Analytic.ID, d.From, d.To), "format", format)
}

// FindOptionsURL is where the picker asks for suggestions.
func (d *analysisData) FindOptionsURL() string {
	return d.OptionsURL(d.Kind, "analysis-list", "find")
}

// Lines writes the analysis's rows.
func (d *analysisData) Lines() template.HTML {
	f := frag{b: make([]byte, 0, 700*len(d.TB.Rows))}
	for i := range d.TB.Rows {
		d.registerRow(&f, &d.TB.Rows[i], d.From, d.To, "", false)
	}
	return f.html()
}

// reportsIndex lists every report of the organisation's books, each with
// a line of what it shows.
func (s *server) reportsIndex(w http.ResponseWriter, r *http.Request, q *request) {
	p := s.newPage(r, q, i18n.T(q.lang, "Reports"))
	p.Nav = "reports"
	s.render(w, r, http.StatusOK, "reports", "", &reportsData{page: p, Reports: reportLinks(p)})
}

type reportsData struct {
	*page
	Reports []reportLink
}

// reportLink is one report of the index.
type reportLink struct {
	Title, About, URL string
}

// reportLinks are the reports, in the order an accountant looks for them.
// A report a new page adds gets its line here.
func reportLinks(p *page) []reportLink {
	return []reportLink{
		{i18n.T(p.Lang, "Trial balance"), i18n.T(p.Lang, "Opening balance, turnover and closing balance of every account; expand an account by its analytics, with currency and quantity."), p.O("/trial-balance")},
		{i18n.T(p.Lang, "General ledger"), i18n.T(p.Lang, "Every synthetic account by months: opening balance, turnover, closing balance; one account's analysis by months."), p.O("/general-ledger")},
		{i18n.T(p.Lang, "Chessboard"), i18n.T(p.Lang, "Turnover of the period between every debited and credited account, by synthetic accounts or sub-accounts; each account's analysis by its correspondents."), p.O("/chessboard")},
		{i18n.T(p.Lang, "Analysis by analytic"), i18n.T(p.Lang, "One counterparty, item, employee or project across every account that keeps it."), p.O("/analytic-analysis")},
		{i18n.T(p.Lang, "Statement of financial position"), i18n.T(p.Lang, "The balance sheet at a period's end, compared with another."), p.O("/statements/balance-sheet")},
		{i18n.T(p.Lang, "Profit and loss"), i18n.T(p.Lang, "Revenue, expenses and the result of a period."), p.O("/statements/pnl")},
		{i18n.T(p.Lang, "Cash flows"), i18n.T(p.Lang, "Cash received and paid by cash-flow item."), p.O("/statements/cash-flow")},
		{i18n.T(p.Lang, "Changes in equity"), i18n.T(p.Lang, "How each part of the equity moved in a period."), p.O("/statements/equity")},
		{i18n.T(p.Lang, "Account card"), i18n.T(p.Lang, "The movements of one account, with its analytics; open it from the chart of accounts or any amount."), p.O("/accounts")},
		{i18n.T(p.Lang, "Ageing"), i18n.T(p.Lang, "Receivables and payables by their age as of a day, counterparty by counterparty."), p.O("/ageing")},
		{i18n.T(p.Lang, "Settlements"), i18n.T(p.Lang, "Counterparties' balances, open items and the reconciliation act."), p.O("/settlements")},
		{i18n.T(p.Lang, "Cash book"), i18n.T(p.Lang, "The cash desk's book (KO-4), day by day."), p.O("/cashbook")},
		{i18n.T(p.Lang, "VAT books"), i18n.T(p.Lang, "The month's sales and purchases books and the VAT return's summary by rate."), p.O("/vat")},
		{i18n.T(p.Lang, "Exchange rates"), i18n.T(p.Lang, "The rates of foreign currencies by date: enter, change and import them."), p.O("/rates")},
	}
}
