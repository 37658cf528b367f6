package report

import (
	"cmp"
	"maps"
	"slices"

	"hasap/ledger"
	"hasap/money"
)

// Level chooses the accounts a correspondence report shows.
type Level uint8

const (
	// Synthetic shows each account as its top-level account in the chart
	// (62.01 and 62.02 as 62).
	Synthetic Level = iota
	// SubAccount shows the accounts as they are posted to (62.01).
	SubAccount
)

// ParseLevel reads a level: "" or "synthetic", "sub".
func ParseLevel(s string) (Level, error) {
	switch s {
	case "", "synthetic":
		return Synthetic, nil
	case "sub":
		return SubAccount, nil
	}
	return 0, ledger.Errorf(ledger.EInvalid, "level %q: want synthetic or sub", s)
}

// String is the level as ParseLevel reads it.
func (l Level) String() string {
	if l == SubAccount {
		return "sub"
	}
	return "synthetic"
}

// At returns the account that code is shown as at level l: at Synthetic, the
// top-level account above it in the chart (itself when it has no parent or
// is not in the chart).
func (l Level) At(chart ledger.Chart, code ledger.AccountCode) ledger.AccountCode {
	if l == SubAccount {
		return code
	}
	for i := 0; i < 64; i++ { // bounded, in case a stored chart has a cycle
		a := chart[code]
		if a == nil || a.Parent == "" || a.Parent == code {
			return code
		}
		code = a.Parent
	}
	return code
}

// Under reports whether account c is code or below it in the chart by
// Parent, as the trial balance adds accounts up (a sub-account whose parent
// is missing from the chart is not under its grandparent there either).
func Under(chart ledger.Chart, c, code ledger.AccountCode) bool {
	for i := 0; i < 64; i++ { // bounded, in case a stored chart has a cycle
		if c == code {
			return true
		}
		a := chart[c]
		if a == nil || a.Parent == "" || a.Parent == c {
			return false
		}
		c = a.Parent
	}
	return false
}

// Chessboard is the Dt × Kt turnover matrix of a period (шахматка): each
// cell the amount of the postings that debited its row's account and
// credited its column's. Single-sided postings (off-balance accounts) have
// no correspondent and are left out, as in CIS practice. Each row's total
// is its account's debit turnover in the trial balance of the period, each
// column's its credit turnover.
type Chessboard struct {
	From, To ledger.Date
	Currency money.Currency
	Level    Level
	Debits   []ledger.AccountCode // the rows, by code
	Credits  []ledger.AccountCode // the columns, by code
	Names    map[ledger.AccountCode]ledger.Names
	Cells    map[[2]ledger.AccountCode]money.Amount // (debit, credit) → amount; absent is zero
	// RowTotals by debit account, ColTotals by credit account; Total adds
	// up every cell.
	RowTotals, ColTotals map[ledger.AccountCode]money.Amount
	Total                money.Amount
}

// Cell returns the amount debited to dt and credited to kt.
func (c *Chessboard) Cell(dt, kt ledger.AccountCode) money.Amount {
	return c.Cells[[2]ledger.AccountCode{dt, kt}]
}

// BuildChessboard lays the correspondence turnover of a period out at a
// level. A row or column with no non-zero cell is left out (a posting and
// its red storno cancel out).
func BuildChessboard(chart ledger.Chart, base money.Currency, from, to ledger.Date, level Level, turnover []ledger.CorrTurnover) (*Chessboard, error) {
	c := &Chessboard{From: from, To: to, Currency: base, Level: level, Names: map[ledger.AccountCode]ledger.Names{},
		Cells: map[[2]ledger.AccountCode]money.Amount{}, RowTotals: map[ledger.AccountCode]money.Amount{}, ColTotals: map[ledger.AccountCode]money.Amount{}}
	for _, t := range turnover {
		if t.Debit == "" || t.Credit == "" {
			continue
		}
		k := [2]ledger.AccountCode{level.At(chart, t.Debit), level.At(chart, t.Credit)}
		if err := addAmount(c.Cells, k, t.Amount); err != nil {
			return nil, err
		}
	}
	rows, cols := map[ledger.AccountCode]bool{}, map[ledger.AccountCode]bool{}
	for k, a := range c.Cells {
		if a == 0 {
			delete(c.Cells, k)
			continue
		}
		rows[k[0]], cols[k[1]] = true, true
		err1 := addAmount(c.RowTotals, k[0], a)
		err2 := addAmount(c.ColTotals, k[1], a)
		var err3 error
		c.Total, err3 = money.Add(c.Total, a)
		if err1 != nil || err2 != nil || err3 != nil {
			return nil, ledger.Errorf(ledger.EInvalid, "chessboard total out of range")
		}
	}
	c.Debits, c.Credits = slices.Sorted(maps.Keys(rows)), slices.Sorted(maps.Keys(cols))
	for _, m := range []map[ledger.AccountCode]bool{rows, cols} {
		for code := range m {
			if a := chart[code]; a != nil {
				c.Names[code] = a.Names
			}
		}
	}
	return c, nil
}

func addAmount[K comparable](m map[K]money.Amount, k K, a money.Amount) error {
	sum, err := money.Add(m[k], a)
	if err != nil {
		return ledger.Errorf(ledger.EInvalid, "turnover out of range")
	}
	m[k] = sum
	return nil
}

// CorrLine is one correspondent of an analysed account.
type CorrLine struct {
	Account ledger.AccountCode // the correspondent; "" for none (a single-sided posting)
	Name    ledger.Names
	Debit   money.Amount // the analysed account debited, the correspondent credited
	Credit  money.Amount // the analysed account credited, the correspondent debited
}

// AnalysisPart is the analysis of an account over one span: the whole
// period, or one of its months.
type AnalysisPart struct {
	From, To                    ledger.Date
	OpeningDebit, OpeningCredit money.Amount
	Lines                       []CorrLine // by correspondent code
	Debit, Credit               money.Amount
	ClosingDebit, ClosingCredit money.Amount
}

// AccountAnalysis is the analysis of one account (анализ счёта): its
// opening balance, its turnover by corresponding account on each side and
// its closing balance. A synthetic account is analysed with all its
// sub-accounts; movements between two of them appear on both sides (as in
// the trial balance's group row). Balances are the net balance placed on
// its side.
type AccountAnalysis struct {
	Account  ledger.AccountCode
	Name     ledger.Names
	Currency money.Currency
	Level    Level // of the correspondents
	AnalysisPart
	Months []AnalysisPart // when asked for by month: the period cut at month ends
}

// AnalysisSpan is the input of one span of an analysis: its dates and the
// correspondence turnover of the account within them.
type AnalysisSpan struct {
	From, To ledger.Date
	Turnover []ledger.CorrTurnover
}

// BuildAccountAnalysis analyses account over spans, which follow each
// other and together make the period. opening is the turnover of every
// account before the first span (the accounts under account are summed).
// With more than one span the result has them as Months.
func BuildAccountAnalysis(chart ledger.Chart, base money.Currency, account ledger.AccountCode, level Level,
	opening []ledger.AccountTurnover, spans []AnalysisSpan) (*AccountAnalysis, error) {
	an := &AccountAnalysis{Account: account, Currency: base, Level: level}
	if a := chart[account]; a != nil {
		an.Name = a.Names
	}
	var bal money.Amount
	for _, t := range opening {
		if !Under(chart, t.Account, account) {
			continue
		}
		var err1, err2 error
		bal, err1 = money.Add(bal, t.Debit)
		bal, err2 = money.Sub(bal, t.Credit)
		if err1 != nil || err2 != nil {
			return nil, ledger.Errorf(ledger.EInvalid, "balance of %s out of range", account)
		}
	}
	whole := map[ledger.AccountCode]*CorrLine{}
	an.From, an.To = ledger.NoDate, ledger.NoDate
	an.OpeningDebit, an.OpeningCredit = split(bal)
	for i, s := range spans {
		part, err := analysePart(chart, account, level, bal, s, whole)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			an.From = s.From
		}
		an.To = s.To
		bal, _ = money.Sub(part.ClosingDebit, part.ClosingCredit) // split of a balance in range
		an.Months = append(an.Months, part)
	}
	if len(an.Months) == 1 {
		an.AnalysisPart, an.Months = an.Months[0], nil
		return an, nil
	}
	an.Lines = sortedLines(whole)
	var err error
	if an.Debit, an.Credit, err = lineTotals(an.Lines); err != nil {
		return nil, err
	}
	an.ClosingDebit, an.ClosingCredit = split(bal)
	return an, nil
}

// analysePart adds up one span's correspondents, into whole too.
func analysePart(chart ledger.Chart, account ledger.AccountCode, level Level, open money.Amount, s AnalysisSpan,
	whole map[ledger.AccountCode]*CorrLine) (AnalysisPart, error) {
	p := AnalysisPart{From: s.From, To: s.To}
	p.OpeningDebit, p.OpeningCredit = split(open)
	lines := map[ledger.AccountCode]*CorrLine{}
	add := func(m map[ledger.AccountCode]*CorrLine, other ledger.AccountCode, dt, kt money.Amount) error {
		code := other
		if code != "" {
			code = level.At(chart, other)
		}
		l := m[code]
		if l == nil {
			l = &CorrLine{Account: code}
			if a := chart[code]; a != nil {
				l.Name = a.Names
			}
			m[code] = l
		}
		var err1, err2 error
		l.Debit, err1 = money.Add(l.Debit, dt)
		l.Credit, err2 = money.Add(l.Credit, kt)
		if err1 != nil || err2 != nil {
			return ledger.Errorf(ledger.EInvalid, "turnover of %s out of range", account)
		}
		return nil
	}
	for _, t := range s.Turnover {
		if t.Debit != "" && Under(chart, t.Debit, account) {
			if err := add(lines, t.Credit, t.Amount, 0); err != nil {
				return p, err
			}
			if err := add(whole, t.Credit, t.Amount, 0); err != nil {
				return p, err
			}
		}
		if t.Credit != "" && Under(chart, t.Credit, account) {
			if err := add(lines, t.Debit, 0, t.Amount); err != nil {
				return p, err
			}
			if err := add(whole, t.Debit, 0, t.Amount); err != nil {
				return p, err
			}
		}
	}
	p.Lines = sortedLines(lines)
	var err error
	if p.Debit, p.Credit, err = lineTotals(p.Lines); err != nil {
		return p, err
	}
	closing, err1 := money.Add(open, p.Debit)
	closing, err2 := money.Sub(closing, p.Credit)
	if err1 != nil || err2 != nil {
		return p, ledger.Errorf(ledger.EInvalid, "balance of %s out of range", account)
	}
	p.ClosingDebit, p.ClosingCredit = split(closing)
	return p, nil
}

// sortedLines lists the correspondents with any turnover, by code.
func sortedLines(m map[ledger.AccountCode]*CorrLine) []CorrLine {
	out := make([]CorrLine, 0, len(m))
	for _, l := range m {
		if l.Debit != 0 || l.Credit != 0 {
			out = append(out, *l)
		}
	}
	slices.SortFunc(out, func(a, b CorrLine) int { return cmp.Compare(a.Account, b.Account) })
	return out
}

func lineTotals(lines []CorrLine) (dt, kt money.Amount, err error) {
	for _, l := range lines {
		var err1, err2 error
		dt, err1 = money.Add(dt, l.Debit)
		kt, err2 = money.Add(kt, l.Credit)
		if err1 != nil || err2 != nil {
			return 0, 0, ledger.Errorf(ledger.EInvalid, "turnover out of range")
		}
	}
	return dt, kt, nil
}
