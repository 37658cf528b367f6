package web

import (
	"io"
	"net/http"
	"net/url"
	"strings"

	"hasap/app"
	"hasap/i18n"
	"hasap/ledger"
	"hasap/money"
	"hasap/report/sheet"
	"hasap/statement"
)

func init() {
	templateWords = append(templateWords, word("Statements"), word("Period"), word("Compare with"), word("Template"),
		word("Download the template"), word("Load the template"), word("Back to the shipped template"),
		word("Accounts and lines behind it"), word("Template file (CSV)"), word("Save the template"))
}

// stmtTab is a link to one of the statements.
type stmtTab struct {
	Title, URL string
	Current    bool
}

type stmtOption struct {
	Value, Label string
	Selected     bool
}

// stmtCell is one cell of a statement's table as the page shows it.
type stmtCell struct {
	Text, Href string
	Num        bool
}

type stmtRow struct {
	Line  string // the template line's code, "" for an item under it
	Class string
	Level int
	Cells []stmtCell
}

type stmtData struct {
	*page
	Kind       statement.Kind
	Tabs       []stmtTab
	Period     string
	PeriodHint string
	Compares   []stmtOption
	Groups     []stmtGroup // the header over the amount columns (changes in equity)
	Heads      []string
	Rows       []stmtRow
	Template   string
	Custom     bool
	Unbalanced bool
}

type stmtGroup struct {
	Title  string
	Span   int
	Single bool // a column of no group: its title spans both rows
}

// stmtKind reads the {kind} of the path; an unknown one is not found.
func (s *server) stmtKind(w http.ResponseWriter, r *http.Request, q *request) (statement.Kind, bool) {
	k := statement.Kind(r.PathValue("kind"))
	if !k.Valid() {
		s.notFoundPage(w, r, q)
		return "", false
	}
	return k, true
}

// stmtPeriod reads ?period= (this month by default) and ?compare=.
func stmtPeriod(r *http.Request, q *request) (statement.Period, statement.Compare, error) {
	v := r.URL.Query()
	p := statement.MonthOf(dateOf(q.now))
	if s := v.Get("period"); s != "" {
		var err error
		if p, err = statement.ParsePeriod(s); err != nil {
			return p, "", err
		}
	}
	c, err := statement.ParseCompare(v.Get("compare"))
	return p, c, err
}

func stmtQuery(p statement.Period, c statement.Compare) url.Values {
	v := url.Values{"period": {p.String()}}
	if c != "" {
		v.Set("compare", string(c))
	}
	return v
}

func (s *server) stmtPage(r *http.Request, q *request, k statement.Kind, p statement.Period, c statement.Compare) *stmtData {
	pg := s.newPage(r, q, statement.Title(k, q.lang))
	pg.Nav = "statements"
	d := &stmtData{page: pg, Kind: k, Period: p.String(), PeriodHint: "2025-03, 2025-Q1, 2025"}
	for _, kk := range statement.Kinds {
		d.Tabs = append(d.Tabs, stmtTab{Title: statement.Title(kk, q.lang), URL: pg.O("/statements/" + string(kk) + "?" + stmtQuery(p, c).Encode()), Current: kk == k})
	}
	opts := []struct {
		c     statement.Compare
		label string
	}{
		{statement.CompareNone, pg.T("No comparison")},
		{statement.ComparePrevMonth, pg.T("The period before")},
		{statement.ComparePrevYear, pg.T("The same period a year before")},
	}
	if k == statement.BalanceSheet {
		opts = append(opts, struct {
			c     statement.Compare
			label string
		}{statement.CompareYearStart, pg.T("The start of the year")})
	}
	for _, o := range opts {
		d.Compares = append(d.Compares, stmtOption{Value: string(o.c), Label: o.label, Selected: o.c == c})
	}
	d.Template = pg.O("/statements/" + string(k) + "/template")
	return d
}

// statementPage shows a statement of the period with its comparison, each
// amount a link to the accounts behind its line; ?format=csv|xlsx|pdf
// exports it (the page links them with the shared "downloads" part).
func (s *server) statementPage(w http.ResponseWriter, r *http.Request, q *request) {
	k, ok := s.stmtKind(w, r, q)
	if !ok {
		return
	}
	p, c, err := stmtPeriod(r, q)
	if err != nil {
		d := s.stmtPage(r, q, k, statement.MonthOf(dateOf(q.now)), "")
		d.Period = r.URL.Query().Get("period")
		d.Error = i18n.Error(err, q.lang)
		s.render(w, r, http.StatusUnprocessableEntity, "statements", "", d)
		return
	}
	rep, err := s.app.Statement(r.Context(), q.actor, q.org.Code, k, p, c)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	sh, refs := rep.Report().Sheet(q.lang)
	if f := exportFormat(r); f != "" {
		s.writeSheet(w, r, q, sh, f, string(k)+"-"+p.String())
		return
	}
	d := s.stmtPage(r, q, k, p, c)
	d.Custom = rep.Custom
	d.Heads, d.Groups = stmtHeads(sh)
	loc := money.Locale(q.lang)
	for i, row := range sh.Rows {
		ref := refs[i]
		sr := stmtRow{Level: row.Level}
		if !ref.Sub {
			sr.Line = ref.Line
		}
		switch row.Style {
		case sheet.Heading:
			sr.Class = "heading"
		case sheet.Subtotal:
			sr.Class = "subtotal"
		}
		if ref.Sub {
			sr.Class = "item"
		}
		for j, cell := range row.Cells {
			col := sh.Columns[j]
			sc := stmtCell{Text: sheet.Format(cell, col, loc), Num: col.Numeric()}
			if sc.Num && cell.Set && ref.Line != "" && !ref.Sub {
				sc.Href = d.O("/statements/" + string(k) + "/lines/" + url.PathEscape(ref.Line) + "?" + stmtQuery(p, c).Encode())
			}
			sr.Cells = append(sr.Cells, sc)
		}
		d.Rows = append(d.Rows, sr)
	}
	s.render(w, r, http.StatusOK, "statements", "", d)
}

// stmtHeads are the titles of the amount columns and, when some columns
// are grouped (the changes in equity), the header's first row: each group
// over its columns and each column of no group on its own, spanning both
// rows; then heads are the second row's titles, those of grouped columns.
func stmtHeads(sh *sheet.Sheet) ([]string, []stmtGroup) {
	var heads, sub []string
	var groups []stmtGroup
	grouped := false
	for _, c := range sh.Columns[2:] {
		heads = append(heads, c.Title)
		grouped = grouped || c.Group != ""
	}
	if !grouped {
		return heads, nil
	}
	for _, c := range sh.Columns[2:] {
		if c.Group == "" {
			groups = append(groups, stmtGroup{Title: c.Title, Span: 1, Single: true})
			continue
		}
		sub = append(sub, c.Title)
		if n := len(groups); n > 0 && !groups[n-1].Single && groups[n-1].Title == c.Group {
			groups[n-1].Span++
			continue
		}
		groups = append(groups, stmtGroup{Title: c.Group, Span: 1})
	}
	return sub, groups
}

// stmtPart is one account, item or line behind a statement line.
type stmtPart struct {
	Code, Name, What, Href string
	Amount                 string
}

type stmtLineData struct {
	*page
	Back                  string
	Code, Name            string
	Current, Previous     []stmtPart
	CurTitle, PrevTitle   string
	CurTotal, PrevTotal   string
	HasPrevious, IsEquity bool
}

// statementLine shows what a line of a statement adds up: the accounts
// (each a link to its card for the period), the cash-flow items or the
// other lines, with their amounts, for the period and its comparison.
func (s *server) statementLine(w http.ResponseWriter, r *http.Request, q *request) {
	k, ok := s.stmtKind(w, r, q)
	if !ok {
		return
	}
	p, c, err := stmtPeriod(r, q)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	rep, err := s.app.Statement(r.Context(), q.actor, q.org.Code, k, p, c)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	code := r.PathValue("line")
	i := -1
	for j, l := range rep.Current.Template.Lines {
		if l.Code == code && !l.Heading() && !l.Movement() {
			i = j
		}
	}
	if i < 0 {
		s.notFoundPage(w, r, q)
		return
	}
	l := rep.Current.Template.Lines[i]
	page := s.newPage(r, q, statement.Title(k, q.lang)+": "+l.Code)
	page.Nav = "statements"
	d := &stmtLineData{page: page, Code: l.Code, Name: l.Names.In(q.lang), IsEquity: k == statement.Equity,
		Back: page.O("/statements/" + string(k) + "?" + stmtQuery(p, c).Encode())}
	rp := rep.Report()
	sh, _ := rp.Sheet(q.lang)
	// The changes in equity: a period's group of columns ends with its
	// closing balance, the amount the parts add up to.
	perPeriod := 1
	for perPeriod+2 < len(sh.Columns) && sh.Columns[perPeriod+2].Group != "" && sh.Columns[perPeriod+2].Group == sh.Columns[2].Group {
		perPeriod++
	}
	d.CurTitle = sh.Columns[2].Title
	if k == statement.Equity {
		c := sh.Columns[1+perPeriod]
		d.CurTitle = c.Group + ": " + c.Title
	}
	d.Current, d.CurTotal = s.stmtParts(page, rep, rep.Current, i, p, c, q.lang)
	if rep.Previous != nil {
		d.HasPrevious = true
		d.PrevTitle = sh.Columns[3].Title
		if k == statement.Equity {
			c := sh.Columns[1+2*perPeriod]
			d.PrevTitle = c.Group + ": " + c.Title
		}
		d.Previous, d.PrevTotal = s.stmtParts(page, rep, rep.Previous, i, rep.Against, c, q.lang)
	}
	s.render(w, r, http.StatusOK, "statement_line", "", d)
}

func (s *server) stmtParts(p *page, rep *app.StatementReport, res *statement.Result, i int, per statement.Period, c statement.Compare, lang string) ([]stmtPart, string) {
	var out []stmtPart
	from := per.From
	if rep.Kind == statement.BalanceSheet {
		from = ledger.DateOf(per.To.Year(), 1, 1)
	}
	for _, part := range res.Values[i].Parts {
		sp := stmtPart{Amount: p.Money(part.Amount), What: measureWords(part, lang)}
		switch {
		case part.Account != "":
			sp.Code = string(part.Account)
			if a := rep.Chart[part.Account]; a != nil {
				sp.Name = a.Names.In(lang)
			}
			sp.Href = p.CardURL(part.Account, from, per.To)
		default:
			sp.Code = part.Item
			sp.Name = rep.Items[part.Item].In(lang)
			if part.Item == "" {
				sp.Name = i18n.T(lang, "No cash-flow item")
			}
		}
		out = append(out, sp)
	}
	for _, t := range rep.Current.Template.Lines[i].Terms {
		if t.Measure != statement.LineRef {
			continue
		}
		ref := rep.Current.Template.Line(t.Pattern)
		v := res.Value(t.Pattern)
		if t.Sign < 0 {
			v = -v
		}
		out = append(out, stmtPart{Code: t.Pattern, Name: ref.Names.In(lang), What: i18n.T(lang, "line"), Amount: p.Money(v),
			Href: p.O("/statements/" + string(rep.Kind) + "/lines/" + url.PathEscape(t.Pattern) + "?" + stmtQuery(rep.Period, c).Encode())})
	}
	return out, p.Money(res.Values[i].Amount)
}

// measureWords says what a part reads, in lang.
func measureWords(p statement.Part, lang string) string {
	switch p.Measure {
	case statement.Debit:
		return i18n.T(lang, "debit balance")
	case statement.Credit:
		return i18n.T(lang, "credit balance")
	case statement.Net:
		return i18n.T(lang, "balance")
	case statement.Opening:
		return i18n.T(lang, "opening balance")
	case statement.DebitTurn:
		return i18n.T(lang, "debit turnover")
	case statement.CreditTurn:
		return i18n.T(lang, "credit turnover")
	case statement.Inflow:
		return i18n.T(lang, "receipts")
	case statement.Outflow:
		return i18n.T(lang, "payments")
	case statement.Internal:
		return i18n.T(lang, "transfers between own accounts")
	case statement.Corr:
		return i18n.Sprintf(lang, "postings Dt %s Kt %s", p.Account, p.Other)
	}
	return ""
}

type stmtTemplateData struct {
	*page
	Kind              statement.Kind
	Back, Download    string
	Body              string
	Custom, CanEdit   bool
	Author, ChartName string
}

// statementTemplate shows a statement's template: the organisation's own
// or the shipped one, to read, download (?format=csv), load or reset.
func (s *server) statementTemplate(w http.ResponseWriter, r *http.Request, q *request) {
	k, ok := s.stmtKind(w, r, q)
	if !ok {
		return
	}
	f, err := s.app.StatementTemplate(r.Context(), q.actor, q.org.Code, k)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	if r.URL.Query().Get("format") == "csv" {
		h := w.Header()
		h.Set("Content-Type", "text/csv; charset=utf-8")
		h.Set("Content-Disposition", `attachment; filename="`+string(k)+`.csv"`)
		h.Set("X-Content-Type-Options", "nosniff")
		w.Write(f.Body)
		return
	}
	s.renderStmtTemplate(w, r, q, k, f, string(f.Body), http.StatusOK, "")
}

func (s *server) renderStmtTemplate(w http.ResponseWriter, r *http.Request, q *request, k statement.Kind, f app.StatementTemplateFile, body string, status int, msg string) {
	p := s.newPage(r, q, statement.Title(k, q.lang)+": "+i18n.T(q.lang, "Template"))
	p.Nav = "statements"
	p.Error = msg
	d := &stmtTemplateData{page: p, Kind: k, Body: body, Custom: f.Custom, Author: f.Author, ChartName: f.Chart,
		CanEdit: p.Can("edit_settings"), Back: p.O("/statements/" + string(k)), Download: p.O("/statements/" + string(k) + "/template?format=csv")}
	s.render(w, r, status, "statement_template", "", d)
}

// statementTemplateSave loads the organisation's own template of a
// statement from the form's file or text; a bad one is refused whole and
// the form shows the line the error names.
func (s *server) statementTemplateSave(w http.ResponseWriter, r *http.Request, q *request) {
	k, ok := s.stmtKind(w, r, q)
	if !ok {
		return
	}
	var body string
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		if err := r.ParseMultipartForm(statement.MaxTemplateBytes + 4096); err == nil {
			defer r.MultipartForm.RemoveAll()
			if file, _, err := r.FormFile("file"); err == nil {
				b := make([]byte, statement.MaxTemplateBytes+1)
				n, _ := io.ReadFull(file, b)
				file.Close()
				body = string(b[:n])
			}
		}
	}
	if body == "" {
		body = r.FormValue("body")
	}
	err := s.app.PutStatementTemplate(r.Context(), q.actor, q.org.Code, k, []byte(body))
	if ledger.IsCode(err, ledger.EInvalid) {
		f, ferr := s.app.StatementTemplate(r.Context(), q.actor, q.org.Code, k)
		if ferr != nil {
			s.fail(w, r, q, ferr)
			return
		}
		s.renderStmtTemplate(w, r, q, k, f, body, http.StatusUnprocessableEntity, i18n.Error(err, q.lang))
		return
	}
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	http.Redirect(w, r, "/o/"+url.PathEscape(q.org.Code)+"/statements/"+string(k)+"/template", http.StatusSeeOther)
}

// statementTemplateReset drops the organisation's own template.
func (s *server) statementTemplateReset(w http.ResponseWriter, r *http.Request, q *request) {
	k, ok := s.stmtKind(w, r, q)
	if !ok {
		return
	}
	if err := s.app.ResetStatementTemplate(r.Context(), q.actor, q.org.Code, k); err != nil {
		s.fail(w, r, q, err)
		return
	}
	http.Redirect(w, r, "/o/"+url.PathEscape(q.org.Code)+"/statements/"+string(k)+"/template", http.StatusSeeOther)
}

// stmtPartsView is one table of the drill-down.
type stmtPartsView struct {
	P     *page
	Title string
	Rows  []stmtPart
	Total string
}

// Parts hands a table of the drill-down to its template.
func (d *stmtLineData) Parts(title string, rows []stmtPart, total string) stmtPartsView {
	return stmtPartsView{P: d.page, Title: title, Rows: rows, Total: total}
}

// Own says whose template it is, in the page's language.
func (d *stmtTemplateData) Own() string {
	return i18n.Sprintf(d.Lang, "The organisation's own template, loaded by %s.", d.Author)
}

// Shipped says which shipped template applies.
func (d *stmtTemplateData) Shipped() string {
	return i18n.Sprintf(d.Lang, "The template shipped for the %s chart.", d.ChartName)
}
