package api

import (
	"net/http"

	"hasap/interop/export"
	"hasap/ledger"
	"hasap/money"
	"hasap/report/sheet"
	"hasap/statement"
)

// Financial statements of issue 5: a statement of a period with its
// comparison, computed by the organisation's template of it, and the
// template itself (read as CSV, replaced by PUT, dropped by DELETE).

// Statement is a statement: its lines in template order with the amount of
// the period and of the comparison, and what no line claims.
type Statement struct {
	Kind     string          `json:"kind"`
	Title    string          `json:"title"`
	Currency string          `json:"currency"`
	From     string          `json:"from"`
	To       string          `json:"to"` // a balance sheet is at To
	Compare  string          `json:"compare,omitempty"`
	PrevFrom string          `json:"previous_from,omitempty"`
	PrevTo   string          `json:"previous_to,omitempty"`
	Custom   bool            `json:"custom"` // the organisation's own template
	Lines    []StatementLine `json:"lines"`
	Unplaced []StatementPart `json:"unplaced"`
}

// StatementLine is one line. A heading has no amounts. Equity lines have
// the opening balance, increase and decrease besides the closing Amount.
// With a comparison, Previous is the other period's amount (the closing
// balance, for equity).
type StatementLine struct {
	Code     string `json:"code,omitempty"`
	Name     string `json:"name"`
	Level    int    `json:"level"`
	Heading  bool   `json:"heading,omitempty"`
	Total    bool   `json:"total,omitempty"` // it adds up other lines
	Amount   string `json:"amount,omitempty"`
	Previous string `json:"previous,omitempty"`
	// Difference is Amount − Previous, ChangePercent the change over
	// |Previous| in percent with one decimal ("-1.4"); no ChangePercent
	// when Previous is zero.
	Difference    string          `json:"difference,omitempty"`
	ChangePercent string          `json:"change_percent,omitempty"`
	Open          string          `json:"open,omitempty"`
	Increase      string          `json:"increase,omitempty"`
	Decrease      string          `json:"decrease,omitempty"`
	Parts         []StatementPart `json:"parts,omitempty"`
	// Movements split an equity line's change by kind (the template's
	// movement lines, then the other changes, code ""): Open + the
	// movements = Amount. None when the template has no movement lines.
	Movements []StatementMovement `json:"movements,omitempty"`
}

// StatementMovement is what one kind of movement did to a line of the
// changes in equity in the period.
type StatementMovement struct {
	Code   string `json:"code"` // the movement line's code; "" for the other changes
	Name   string `json:"name"`
	Amount string `json:"amount"`
}

// StatementPart is an account (or cash-flow item) behind a line, in the
// period: what it reads (D, C, N, O, DT, KT, IN, OUT, X, CT) and adds.
type StatementPart struct {
	Account       string `json:"account,omitempty"`
	Corresponding string `json:"corresponding,omitempty"` // CT: the credit account
	Item          string `json:"item,omitempty"`
	Measure       string `json:"measure"`
	Amount        string `json:"amount"`
}

// StatementJSON is the answer of GET /orgs/{org}/statements/{kind}.
func StatementJSON(r *statement.Report, custom bool, c statement.Compare, lang string) Statement {
	exp := r.Currency.Exponent
	d := func(a money.Amount) string { return money.Decimal(a, exp) }
	out := Statement{Kind: string(r.Kind), Title: statement.Title(r.Kind, lang), Currency: r.Currency.Code,
		From: r.Period.From.String(), To: r.Period.To.String(), Custom: custom, Lines: []StatementLine{}, Unplaced: []StatementPart{}}
	if r.Previous != nil {
		out.Compare, out.PrevFrom, out.PrevTo = string(c), r.Against.From.String(), r.Against.To.String()
	}
	parts := func(ps []statement.Part) []StatementPart {
		var o []StatementPart
		for _, p := range ps {
			o = append(o, StatementPart{Account: string(p.Account), Corresponding: string(p.Other), Item: p.Item, Measure: p.Measure.String(), Amount: d(p.Amount)})
		}
		return o
	}
	mv := r.Current.Template.Movements()
	for i, l := range r.Current.Template.Lines {
		if l.Movement() {
			continue
		}
		sl := StatementLine{Code: l.Code, Name: l.Names.In(lang), Level: l.Level, Heading: l.Heading(), Total: l.Formula()}
		if !l.Heading() {
			v := r.Current.Values[i]
			sl.Amount, sl.Parts = d(v.Amount), parts(v.Parts)
			if r.Kind == statement.Equity {
				sl.Open, sl.Increase, sl.Decrease = d(v.Open), d(v.Increase), d(v.Decrease)
				for k, m := range v.Moves {
					sm := StatementMovement{Name: statement.OtherChanges(lang), Amount: d(m)}
					if k < len(mv) {
						ml := r.Current.Template.Lines[mv[k]]
						sm.Code, sm.Name = ml.Code, ml.Names.In(lang)
					}
					sl.Movements = append(sl.Movements, sm)
				}
			}
			if r.Previous != nil {
				prev := r.Previous.Values[i].Amount
				sl.Previous = d(prev)
				if diff, ok := statement.Difference(v.Amount, prev); ok {
					sl.Difference = d(diff)
				}
				if c, ok := statement.ChangeTenths(v.Amount, prev); ok {
					sl.ChangePercent = money.Decimal(c, 1)
				}
			}
		}
		out.Lines = append(out.Lines, sl)
	}
	if u := parts(r.Current.Unplaced); u != nil {
		out.Unplaced = u
	}
	return out
}

func statementKind(r *http.Request) (statement.Kind, error) {
	k := statement.Kind(r.PathValue("kind"))
	if !k.Valid() {
		return k, ledger.Errorf(ledger.ENotFound, "unknown statement %q", string(k))
	}
	return k, nil
}

// statement answers GET /orgs/{org}/statements/{kind}?period=&compare=
// (the current month without a period), or a file for ?format=.
func (s *server) statement(w http.ResponseWriter, r *http.Request, q *request) error {
	k, err := statementKind(r)
	if err != nil {
		return err
	}
	v := r.URL.Query()
	now := s.app.Now()
	p := statement.MonthOf(ledger.DateOf(now.Year(), now.Month(), now.Day()))
	if ps := v.Get("period"); ps != "" {
		if p, err = statement.ParsePeriod(ps); err != nil {
			return err
		}
	}
	c, err := statement.ParseCompare(v.Get("compare"))
	if err != nil {
		return err
	}
	rep, err := s.app.Statement(r.Context(), q.actor, r.PathValue("org"), k, p, c)
	if err != nil {
		return err
	}
	sr := rep.Report()
	return writeReport(w, r, q, export.BaseName(string(k), p.From, p.To), StatementJSON(sr, rep.Custom, c, q.lang), func() (*sheet.Sheet, error) {
		sh, _ := sr.Sheet(q.lang)
		return sh, nil
	})
}

// StatementTemplate is a statement's template: the CSV the statement is
// computed by, the organisation's own (custom) or the one shipped for a
// chart.
type StatementTemplate struct {
	Kind   string `json:"kind"`
	Custom bool   `json:"custom"`
	Author string `json:"author,omitempty"` // who loaded it (custom only)
	Chart  string `json:"chart,omitempty"`  // whose shipped template it is (not custom)
	Body   string `json:"body"`
}

// StatementTemplateInput is the body of PUT .../template.
type StatementTemplateInput struct {
	Body string `json:"body"`
}

func (s *server) writeTemplate(w http.ResponseWriter, r *http.Request, q *request, k statement.Kind) error {
	f, err := s.app.StatementTemplate(r.Context(), q.actor, r.PathValue("org"), k)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, StatementTemplate{Kind: string(k), Custom: f.Custom, Author: f.Author, Chart: f.Chart, Body: string(f.Body)})
	return nil
}

// statementTemplate answers GET /orgs/{org}/statements/{kind}/template.
func (s *server) statementTemplate(w http.ResponseWriter, r *http.Request, q *request) error {
	k, err := statementKind(r)
	if err != nil {
		return err
	}
	return s.writeTemplate(w, r, q, k)
}

// putStatementTemplate answers PUT /orgs/{org}/statements/{kind}/template:
// the body's CSV becomes the organisation's template, or is refused whole
// (422, the message naming the line).
func (s *server) putStatementTemplate(w http.ResponseWriter, r *http.Request, q *request) error {
	k, err := statementKind(r)
	if err != nil {
		return err
	}
	var in StatementTemplateInput
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	if err := s.app.PutStatementTemplate(r.Context(), q.actor, r.PathValue("org"), k, []byte(in.Body)); err != nil {
		return err
	}
	return s.writeTemplate(w, r, q, k)
}

// deleteStatementTemplate answers DELETE /orgs/{org}/statements/{kind}/template:
// the shipped template applies again, and is the answer.
func (s *server) deleteStatementTemplate(w http.ResponseWriter, r *http.Request, q *request) error {
	k, err := statementKind(r)
	if err != nil {
		return err
	}
	if err := s.app.ResetStatementTemplate(r.Context(), q.actor, r.PathValue("org"), k); err != nil {
		return err
	}
	return s.writeTemplate(w, r, q, k)
}
