// Package statement computes financial statements (statement of financial
// position, profit and loss, cash flow by the direct method, changes in
// equity) from account totals, with their line structure as data: a
// Template lists the lines, each with a code ("1230", "2110"), names in
// Turkmen, Russian and English, an indentation and how it is computed (a sum
// of account balances or turnover by code prefix, cash flows by cash-flow
// item, or a formula of other lines). Templates are shipped for the
// built-in charts and an organisation may load its own (the official forms).
//
// It is pure: it must not import database/sql, net/http or a store.
package statement

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"hasap/ledger"
)

// Kind names a statement.
type Kind string

// The statements.
const (
	BalanceSheet Kind = "balance-sheet" // statement of financial position
	ProfitLoss   Kind = "pnl"           // profit and loss (financial results)
	CashFlow     Kind = "cash-flow"     // cash flows, direct method
	Equity       Kind = "equity"        // changes in equity
)

// Kinds lists the statements in display order.
var Kinds = []Kind{BalanceSheet, ProfitLoss, CashFlow, Equity}

// Valid reports whether k is a known statement.
func (k Kind) Valid() bool {
	for _, v := range Kinds {
		if v == k {
			return true
		}
	}
	return false
}

// Measure says what a term reads.
type Measure uint8

// The measures. Balances are debit minus credit; amounts are base
// currency.
const (
	Debit      Measure = iota + 1 // D: the debit balances at the end (each account's, when positive)
	Credit                        // C: the credit balances at the end, as positive amounts
	Net                           // N: the balance at the end, debit positive
	Opening                       // O: the balance at the start of the period, debit positive
	DebitTurn                     // DT: debit turnover of the period
	CreditTurn                    // KT: credit turnover of the period
	Inflow                        // IN: cash received under a cash-flow item (debit turnover of the cash accounts)
	Outflow                       // OUT: cash paid under a cash-flow item (credit turnover of the cash accounts)
	Internal                      // X: a cash-flow item of transfers between the organisation's own cash accounts: not a flow
	LineRef                       // L: the value of another line
	Corr                          // CT: the period's postings Dt one account Kt another (pattern DT/KT, e.g. 99/68.04)
	Movement                      // MV: a kind of movement of equity: a component's account against another (pattern ACCOUNT/COUNTER, e.g. 84/75)
)

var measureNames = map[Measure]string{
	Debit: "D", Credit: "C", Net: "N", Opening: "O", DebitTurn: "DT", CreditTurn: "KT",
	Inflow: "IN", Outflow: "OUT", Internal: "X", LineRef: "L", Corr: "CT", Movement: "MV",
}

func (m Measure) String() string { return measureNames[m] }

// accountMeasure reports whether m reads accounts (else cash-flow items or
// lines).
func (m Measure) accountMeasure() bool { return m >= Debit && m <= CreditTurn }

// allowed lists the measures each statement's lines may use.
var allowed = map[Kind][]Measure{
	BalanceSheet: {Debit, Credit, Net, LineRef},
	ProfitLoss:   {DebitTurn, CreditTurn, Corr, LineRef},
	CashFlow:     {Net, Opening, Inflow, Outflow, Internal, Corr, LineRef},
	Equity:       {Net, LineRef, Movement},
}

// Term is one part of a line: Sign × Measure of what Pattern matches.
//
// A Pattern names accounts (or, for IN, OUT and X, cash-flow item codes):
// "62" is account 62 and its sub-accounts (62.01, 62:x; never 620), "10*"
// every code that starts with 10, "*" every code. For L it is a line code.
type Term struct {
	Sign    int8 // +1 or -1
	Measure Measure
	Pattern string
}

func (t Term) String() string {
	s := "+"
	if t.Sign < 0 {
		s = "-"
	}
	return s + t.Measure.String() + ":" + t.Pattern
}

// Line is one line of a statement.
type Line struct {
	Code  string // unique in the template; "" only for a heading
	Level int    // indentation, 0..MaxLevel
	Names ledger.Names
	Terms []Term // none: a heading without an amount
	Row   int    // its line in the template file, from 1
}

// Heading reports whether the line has no amount.
func (l *Line) Heading() bool { return len(l.Terms) == 0 }

// Formula reports whether the line adds up other lines (its total style).
func (l *Line) Formula() bool {
	for _, t := range l.Terms {
		if t.Measure == LineRef {
			return true
		}
	}
	return false
}

// Movement reports whether the line is a kind of movement of the changes
// in equity (its terms are MV): not a row but a column, which takes the
// period's postings of a component's account against the accounts its
// terms name. Parse keeps MV terms alone on their lines.
func (l *Line) Movement() bool { return len(l.Terms) > 0 && l.Terms[0].Measure == Movement }

// Movements are the indexes of the movement lines, in template order:
// the columns of the changes in equity between the opening and the
// closing balance, before the other changes.
func (t *Template) Movements() []int {
	var out []int
	for i := range t.Lines {
		if t.Lines[i].Movement() {
			out = append(out, i)
		}
	}
	return out
}

// Template is the line structure of one statement.
type Template struct {
	Kind  Kind
	Lines []Line
}

// Limits of a template file.
const (
	MaxTemplateBytes = 256 << 10
	MaxLines         = 500
	MaxTerms         = 100
	MaxLevel         = 5
	MaxCodeLen       = 20
	MaxNameLen       = 300
)

// header is the first line of a template file.
var header = []string{"code", "level", "source", "name_tk", "name_ru", "name_en"}

// lineErr is the error of a template line that cannot be read or breaks a
// rule: the whole template is refused, and the message names the line.
func lineErr(row int, format string, args ...any) error {
	return ledger.Errorf(ledger.EInvalid, "template line %d: %v", row, ledger.Errorf(ledger.EInvalid, format, args...))
}

// Parse reads a template of kind k: a CSV file (comma separated, "#"
// starts a comment line) whose first line is the header
// code,level,source,name_tk,name_ru,name_en and every other line a
// statement line. source is empty for a heading, else terms separated by
// spaces, each [+|-]MEASURE:PATTERN (D:62 -N:02 KT:90.01 -OUT:* L:1100).
// The first line that breaks a rule is the error, naming the line.
//
// The changes in equity may have movement lines (MV:84/75 MV:84/70, the
// dividends): each names, as ACCOUNT/COUNTER, the postings of a
// component's account against another account that move equity in that
// way, and becomes a column of the statement (see Evaluate). A movement
// line has only MV terms and no line adds it up. A template without them
// shows each component's increase and decrease, as before there were any.
func Parse(k Kind, data []byte) (*Template, error) {
	if !k.Valid() {
		return nil, ledger.Errorf(ledger.EInvalid, "unknown statement %q", string(k))
	}
	if len(data) > MaxTemplateBytes {
		return nil, ledger.Errorf(ledger.EInvalid, "template larger than %d bytes", MaxTemplateBytes)
	}
	if !utf8.Valid(data) {
		return nil, ledger.Errorf(ledger.EInvalid, "template is not UTF-8")
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	r.Comment = '#'
	r.FieldsPerRecord = -1
	t := &Template{Kind: k}
	codes := map[string]int{}
	first := true
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			row := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				row = pe.Line
			}
			return nil, lineErr(row, "not CSV")
		}
		row, _ := r.FieldPos(0)
		if first {
			first = false
			if !sameHeader(rec) {
				return nil, lineErr(row, "the header must be %s", strings.Join(header, ","))
			}
			continue
		}
		if len(rec) != len(header) {
			return nil, lineErr(row, "want %d fields, got %d", len(header), len(rec))
		}
		if len(t.Lines) == MaxLines {
			return nil, lineErr(row, "more than %d lines", MaxLines)
		}
		l, err := parseLine(k, rec, row)
		if err != nil {
			return nil, err
		}
		if l.Code != "" {
			if prev, ok := codes[l.Code]; ok {
				return nil, lineErr(row, "code %s is also on line %d", l.Code, prev)
			}
			codes[l.Code] = row
		}
		t.Lines = append(t.Lines, l)
	}
	if first {
		return nil, ledger.Errorf(ledger.EInvalid, "the template is empty")
	}
	if len(t.Lines) == 0 {
		return nil, ledger.Errorf(ledger.EInvalid, "the template has no lines")
	}
	if err := t.check(); err != nil {
		return nil, err
	}
	return t, nil
}

func sameHeader(rec []string) bool {
	if len(rec) != len(header) {
		return false
	}
	for i, h := range header {
		if strings.ToLower(strings.TrimSpace(rec[i])) != h {
			return false
		}
	}
	return true
}

func parseLine(k Kind, rec []string, row int) (Line, error) {
	l := Line{Code: strings.TrimSpace(rec[0]), Row: row}
	l.Names = ledger.Names{TK: strings.TrimSpace(rec[3]), RU: strings.TrimSpace(rec[4]), EN: strings.TrimSpace(rec[5])}
	if err := checkCode(l.Code); err != nil {
		return l, lineErr(row, "%v", err)
	}
	lv, err := strconv.Atoi(strings.TrimSpace(rec[1]))
	if err != nil || lv < 0 || lv > MaxLevel {
		return l, lineErr(row, "level %q is not a number from 0 to %d", rec[1], MaxLevel)
	}
	l.Level = lv
	if l.Names == (ledger.Names{}) {
		return l, lineErr(row, "the line has no name")
	}
	for _, n := range []string{l.Names.TK, l.Names.RU, l.Names.EN} {
		if len(n) > MaxNameLen || strings.ContainsAny(n, "\r\n\t") {
			return l, lineErr(row, "a name is longer than %d bytes or has a line break", MaxNameLen)
		}
	}
	for _, f := range strings.Fields(rec[2]) {
		if len(l.Terms) == MaxTerms {
			return l, lineErr(row, "more than %d terms", MaxTerms)
		}
		term, err := parseTerm(k, f)
		if err != nil {
			return l, lineErr(row, "%v", err)
		}
		l.Terms = append(l.Terms, term)
	}
	if l.Code == "" && len(l.Terms) > 0 {
		return l, lineErr(row, "a line with an amount needs a code")
	}
	for _, t := range l.Terms {
		if (t.Measure == Movement) != l.Movement() {
			return l, lineErr(row, "a movement line has only MV terms")
		}
	}
	return l, nil
}

func checkCode(c string) error {
	if len(c) > MaxCodeLen {
		return ledger.Errorf(ledger.EInvalid, "code longer than %d bytes", MaxCodeLen)
	}
	for _, r := range c {
		if r <= ' ' || r == 0x7f || r == ',' || r == '*' || r == ':' || r == '"' {
			return ledger.Errorf(ledger.EInvalid, "code %q has a forbidden character", c)
		}
	}
	return nil
}

func parseTerm(k Kind, f string) (Term, error) {
	t := Term{Sign: 1}
	switch f[0] {
	case '+':
		f = f[1:]
	case '-':
		t.Sign, f = -1, f[1:]
	}
	name, pat, ok := strings.Cut(f, ":")
	if !ok || pat == "" {
		return t, ledger.Errorf(ledger.EInvalid, "term %q is not MEASURE:PATTERN", f)
	}
	for m, n := range measureNames {
		if strings.EqualFold(n, name) {
			t.Measure = m
		}
	}
	if t.Measure == 0 {
		return t, ledger.Errorf(ledger.EInvalid, "unknown measure %q", name)
	}
	ok = false
	for _, m := range allowed[k] {
		ok = ok || m == t.Measure
	}
	if !ok {
		return t, ledger.Errorf(ledger.EInvalid, "measure %s is not used in this statement", t.Measure.String())
	}
	switch t.Measure {
	case LineRef:
		if err := checkCode(pat); err != nil {
			return t, err
		}
	case Corr, Movement:
		dt, kt, ok := strings.Cut(pat, "/")
		if !ok || dt == "" || kt == "" || strings.Contains(kt, "/") {
			if t.Measure == Movement {
				return t, ledger.Errorf(ledger.EInvalid, "term %q is not MV:ACCOUNT/COUNTER", f)
			}
			return t, ledger.Errorf(ledger.EInvalid, "term %q is not CT:DEBIT/CREDIT", f)
		}
		for _, p := range []string{dt, kt} {
			if err := checkPattern(p); err != nil {
				return t, err
			}
		}
	default:
		if err := checkPattern(pat); err != nil {
			return t, err
		}
	}
	t.Pattern = pat
	return t, nil
}

func checkPattern(pat string) error {
	if i := strings.IndexByte(pat, '*'); (i >= 0 && i != len(pat)-1) || len(pat) > ledger.MaxAccountCodeLen {
		return ledger.Errorf(ledger.EInvalid, "pattern %q: a star may only end it", pat)
	}
	return nil
}

// check holds a template to the rules that take all its lines: every
// line referred to exists, no line adds itself up through others, and no
// two terms claim the same thing (the same pattern for the same side).
func (t *Template) check() error {
	idx := t.index()
	claims := map[string]int{}
	for i := range t.Lines {
		l := &t.Lines[i]
		for _, term := range l.Terms {
			if term.Measure == LineRef {
				j, ok := idx[term.Pattern]
				if !ok {
					return lineErr(l.Row, "no line %s", term.Pattern)
				}
				if t.Lines[j].Movement() {
					return lineErr(l.Row, "line %s is a movement, not an amount", term.Pattern)
				}
				continue
			}
			for _, g := range groups(term.Measure) {
				key := g + " " + term.Pattern
				if prev, ok := claims[key]; ok {
					return lineErr(l.Row, "%s is already on line %d", term.Measure.String()+":"+term.Pattern, prev)
				}
				claims[key] = l.Row
			}
		}
	}
	state := make([]uint8, len(t.Lines)) // 0 new, 1 on the path, 2 done
	var visit func(i int) error
	visit = func(i int) error {
		switch state[i] {
		case 1:
			return lineErr(t.Lines[i].Row, "line %s adds itself up", t.Lines[i].Code)
		case 2:
			return nil
		}
		state[i] = 1
		for _, term := range t.Lines[i].Terms {
			if term.Measure == LineRef {
				if err := visit(idx[term.Pattern]); err != nil {
					return err
				}
			}
		}
		state[i] = 2
		return nil
	}
	for i := range t.Lines {
		if err := visit(i); err != nil {
			return err
		}
	}
	return nil
}

func (t *Template) index() map[string]int {
	idx := make(map[string]int, len(t.Lines))
	for i, l := range t.Lines {
		if l.Code != "" {
			idx[l.Code] = i
		}
	}
	return idx
}

// groups names what a measure claims: the debit or credit side of an
// account's balance, its opening balance, a side of its turnover, a
// direction of a cash-flow item.
func groups(m Measure) []string {
	switch m {
	case Debit:
		return []string{"dbal"}
	case Credit:
		return []string{"cbal"}
	case Net:
		return []string{"dbal", "cbal"}
	case Opening:
		return []string{"open"}
	case DebitTurn:
		return []string{"dt"}
	case CreditTurn:
		return []string{"kt"}
	case Inflow:
		return []string{"in"}
	case Outflow:
		return []string{"out"}
	case Internal:
		return []string{"in", "out"}
	case Corr:
		return []string{"ct"}
	case Movement:
		return []string{"mv"}
	}
	return nil
}

// WriteCSV writes t in the format Parse reads.
func (t *Template) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, l := range t.Lines {
		terms := make([]string, len(l.Terms))
		for i, term := range l.Terms {
			terms[i] = term.String()
		}
		rec := []string{l.Code, strconv.Itoa(l.Level), strings.Join(terms, " "), l.Names.TK, l.Names.RU, l.Names.EN}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Line returns the line with code c, or nil.
func (t *Template) Line(c string) *Line {
	for i := range t.Lines {
		if t.Lines[i].Code == c {
			return &t.Lines[i]
		}
	}
	return nil
}
