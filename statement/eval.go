package statement

import (
	"cmp"
	"slices"
	"strings"

	"hasap/ledger"
	"hasap/money"
)

// Bal is the balance of an account, debit positive. An account may come
// more than once (one Bal for each combination of its analytics, for a
// detailed balance); D and C read each Bal on its own.
type Bal struct {
	Account ledger.AccountCode
	Amount  money.Amount
}

// Facts are what a statement is computed from, all read from totals.
type Facts struct {
	Closing  []Bal                    // balances at the end of the period (the balance sheet's date)
	Opening  []Bal                    // balances at the start of the period, before its first day
	Turnover []ledger.AccountTurnover // the period's turnover (base amounts; currencies are added up)
	// In and Out are the cash received and paid in the period under each
	// cash-flow item code ("" for none).
	In, Out map[string]money.Amount
	// Corr is the period's turnover per pair of accounts (Dt, Kt).
	Corr []ledger.CorrTurnover
}

// Part is what one account (or cash-flow item) adds to a line, signed as
// the line adds it: the drill-down of a line.
type Part struct {
	Account ledger.AccountCode // "" for a cash-flow item
	Item    string             // the cash-flow item code for IN, OUT and X ("" for none)
	Other   ledger.AccountCode // for CT: the credit account (Account is the debit one)
	Measure Measure
	Amount  money.Amount
}

// Value is the amount of one line. For the changes in equity Amount is the
// closing balance and Open, Increase and Decrease the rest of the row
// (Open + Increase − Decrease = Amount); with movement lines in the
// template, Moves splits the change by kind of movement, one amount for
// each movement line in template order (Template.Movements) and the other
// changes last, so that Open + the sum of Moves = Amount.
type Value struct {
	Amount                   money.Amount
	Open, Increase, Decrease money.Amount
	Moves                    []money.Amount
	Parts                    []Part // sorted by account, item and measure
}

// Result is a statement computed from its template and facts.
type Result struct {
	Template *Template
	Values   []Value // by line of the template; a heading's is zero
	// Unplaced lists what no line claims though it should be somewhere:
	// the balances of accounts a balance sheet leaves out, the cash flows
	// of items a cash-flow statement leaves out. Empty when the template
	// covers the books.
	Unplaced []Part
}

// Value returns the value of the line with code c (zero when none).
func (r *Result) Value(c string) money.Amount {
	for i, l := range r.Template.Lines {
		if l.Code == c {
			return r.Values[i].Amount
		}
	}
	return 0
}

type claim struct {
	line, term int
	spec       int
	pattern    string
}

// claimer finds, for an account or item and a group, the term whose
// pattern matches it most specifically: "62.02" before "62" before "6*"
// before "*".
type claimer map[string][]claim

func newClaimer(t *Template) claimer {
	c := claimer{}
	for i, l := range t.Lines {
		for j, term := range l.Terms {
			for _, g := range groups(term.Measure) {
				c[g] = append(c[g], claim{line: i, term: j, spec: specificity(term.Pattern), pattern: term.Pattern})
			}
		}
	}
	for g := range c {
		slices.SortStableFunc(c[g], func(a, b claim) int { return cmp.Compare(b.spec, a.spec) })
	}
	return c
}

func (c claimer) find(group, code string) (claim, bool) {
	for _, cl := range c[group] {
		pair := group == "ct" || group == "mv"
		if pair && matchesPair(cl.pattern, code) || !pair && Matches(cl.pattern, code) {
			return cl, true
		}
	}
	return claim{}, false
}

func matchesPair(pattern, pair string) bool {
	pd, pk, _ := strings.Cut(pattern, "/")
	d, k, _ := strings.Cut(pair, "/")
	return Matches(pd, d) && Matches(pk, k)
}

func specificity(p string) int {
	if d, k, ok := strings.Cut(p, "/"); ok {
		return specificity(d) + specificity(k)
	}
	if stem, ok := strings.CutSuffix(p, "*"); ok {
		return 2 * len(stem)
	}
	return 2*len(p) + 1
}

// Matches reports whether a term's pattern takes code: "62" takes 62 and
// its sub-accounts 62.01 and 62:x (never 620), "10*" every code that
// starts with 10, "*" every code.
func Matches(pattern, code string) bool {
	if stem, ok := strings.CutSuffix(pattern, "*"); ok {
		return strings.HasPrefix(code, stem)
	}
	if !strings.HasPrefix(code, pattern) {
		return false
	}
	if len(code) == len(pattern) {
		return true
	}
	c := code[len(pattern)]
	return c == '.' || c == ':'
}

// evaluator accumulates the parts of each line before the formulas.
type evaluator struct {
	t      *Template
	cl     claimer
	parts  []map[partKey]money.Amount
	open   []money.Amount // equity: opening per line
	inc    []money.Amount
	dec    []money.Amount
	moves  [][]money.Amount // equity with movement lines: per line, per movement and the other changes
	unplcd map[partKey]money.Amount
	err    error
}

type partKey struct {
	account ledger.AccountCode
	item    string
	other   ledger.AccountCode
	m       Measure
}

func (e *evaluator) add(dst map[partKey]money.Amount, k partKey, v money.Amount) {
	if e.err != nil || v == 0 {
		return
	}
	s, err := money.Add(dst[k], v)
	if err != nil {
		e.err = ledger.Errorf(ledger.EInvalid, "statement amount out of range")
		return
	}
	dst[k] = s
}

func (e *evaluator) signed(cl claim, v money.Amount) money.Amount {
	if e.t.Lines[cl.line].Terms[cl.term].Sign > 0 {
		return v
	}
	return e.neg(v)
}

func (e *evaluator) measure(cl claim) Measure { return e.t.Lines[cl.line].Terms[cl.term].Measure }

// Evaluate computes the statement t from facts.
func Evaluate(t *Template, f *Facts) (*Result, error) {
	e := &evaluator{t: t, cl: newClaimer(t), unplcd: map[partKey]money.Amount{}}
	n := len(t.Lines)
	e.parts = make([]map[partKey]money.Amount, n)
	for i := range e.parts {
		e.parts[i] = map[partKey]money.Amount{}
	}
	e.open, e.inc, e.dec = make([]money.Amount, n), make([]money.Amount, n), make([]money.Amount, n)
	e.balances(f.Closing, t.Kind == BalanceSheet)
	e.opening(f.Opening)
	e.turnover(f.Turnover)
	e.flows(f.In, "in", Inflow)
	e.flows(f.Out, "out", Outflow)
	e.corr(f.Corr)
	if t.Kind == Equity {
		e.equity(f.Opening, f.Closing)
		e.movements(f.Corr)
	}
	if e.err != nil {
		return nil, e.err
	}
	return e.finish()
}

func (e *evaluator) balances(bals []Bal, placeAll bool) {
	for _, b := range bals {
		code := string(b.Account)
		switch {
		case b.Amount > 0:
			cl, ok := e.cl.find("dbal", code)
			if !ok {
				if placeAll {
					e.add(e.unplcd, partKey{account: b.Account, m: Debit}, b.Amount)
				}
				continue
			}
			e.add(e.parts[cl.line], partKey{account: b.Account, m: e.measure(cl)}, e.signed(cl, b.Amount))
		case b.Amount < 0:
			cl, ok := e.cl.find("cbal", code)
			credit := e.neg(b.Amount)
			if !ok {
				if placeAll {
					e.add(e.unplcd, partKey{account: b.Account, m: Credit}, credit)
				}
				continue
			}
			v := credit
			if e.measure(cl) == Net {
				v = b.Amount
			}
			e.add(e.parts[cl.line], partKey{account: b.Account, m: e.measure(cl)}, e.signed(cl, v))
		}
	}
}

func (e *evaluator) opening(bals []Bal) {
	for _, b := range bals {
		if cl, ok := e.cl.find("open", string(b.Account)); ok {
			e.add(e.parts[cl.line], partKey{account: b.Account, m: Opening}, e.signed(cl, b.Amount))
		}
	}
}

func (e *evaluator) turnover(ts []ledger.AccountTurnover) {
	for _, t := range ts {
		if cl, ok := e.cl.find("dt", string(t.Account)); ok {
			e.add(e.parts[cl.line], partKey{account: t.Account, m: DebitTurn}, e.signed(cl, t.Debit))
		}
		if cl, ok := e.cl.find("kt", string(t.Account)); ok {
			e.add(e.parts[cl.line], partKey{account: t.Account, m: CreditTurn}, e.signed(cl, t.Credit))
		}
	}
}

func (e *evaluator) corr(cs []ledger.CorrTurnover) {
	for _, c := range cs {
		if cl, ok := e.cl.find("ct", string(c.Debit)+"/"+string(c.Credit)); ok {
			e.add(e.parts[cl.line], partKey{account: c.Debit, other: c.Credit, m: Corr}, e.signed(cl, c.Amount))
		}
	}
}

// flows places the cash received (group in) or paid (out) per item. An
// item of internal transfers (X) adds its receipts and takes away its
// payments, so its line shows what is still in transit between the
// organisation's own cash accounts (zero when every transfer arrived).
func (e *evaluator) flows(byItem map[string]money.Amount, group string, m Measure) {
	items := make([]string, 0, len(byItem))
	for it := range byItem {
		items = append(items, it)
	}
	slices.Sort(items)
	for _, it := range items {
		v := byItem[it]
		cl, ok := e.cl.find(group, it)
		if !ok {
			if e.t.Kind == CashFlow {
				e.add(e.unplcd, partKey{item: it, m: m}, v)
			}
			continue
		}
		if e.measure(cl) == Internal && m == Outflow {
			v = e.neg(v)
		}
		e.add(e.parts[cl.line], partKey{item: it, m: e.measure(cl)}, e.signed(cl, v))
	}
}

// equity reads, for each account a Net term claims, its balance at the
// start and at the end; the change of each account is an increase or a
// decrease of its line (as the line adds it).
func (e *evaluator) equity(opening, closing []Bal) {
	type oc struct{ open, close money.Amount }
	byAcc := map[ledger.AccountCode]*oc{}
	get := func(a ledger.AccountCode) *oc {
		if byAcc[a] == nil {
			byAcc[a] = &oc{}
		}
		return byAcc[a]
	}
	var err error
	for _, b := range opening {
		v := get(b.Account)
		if v.open, err = money.Add(v.open, b.Amount); err != nil {
			e.err = ledger.Errorf(ledger.EInvalid, "statement amount out of range")
		}
	}
	for _, b := range closing {
		v := get(b.Account)
		if v.close, err = money.Add(v.close, b.Amount); err != nil {
			e.err = ledger.Errorf(ledger.EInvalid, "statement amount out of range")
		}
	}
	for a, v := range byAcc {
		cl, ok := e.cl.find("dbal", string(a))
		if !ok || e.measure(cl) != Net {
			continue
		}
		o, c := e.signed(cl, v.open), e.signed(cl, v.close)
		d := e.sum(c, e.neg(o))
		e.open[cl.line] = e.sum(e.open[cl.line], o)
		if d > 0 {
			e.inc[cl.line] = e.sum(e.inc[cl.line], d)
		} else {
			e.dec[cl.line] = e.sum(e.dec[cl.line], e.neg(d))
		}
	}
}

// movements spreads the period's postings (the correspondence totals) on
// the components of equity by kind: each side of a pair whose account a
// component's Net term claims moves that component (as the line adds it:
// a credit raises a component read as -N), under the movement line whose
// MV term matches the account and the other side's (the most specific
// one), else under the other changes. A pair inside one component moves
// it by nothing. As the balances at the start and the end and the
// correspondence totals come from the same postings, Open + the moves =
// Amount for every line.
func (e *evaluator) movements(cs []ledger.CorrTurnover) {
	mv := e.t.Movements()
	if len(mv) == 0 {
		return
	}
	col := make(map[int]int, len(mv))
	for j, i := range mv {
		col[i] = j
	}
	e.moves = make([][]money.Amount, len(e.t.Lines))
	for i := range e.moves {
		e.moves[i] = make([]money.Amount, len(mv)+1)
	}
	side := func(acc, counter ledger.AccountCode, v money.Amount) {
		cl, ok := e.cl.find("dbal", string(acc))
		if !ok || e.measure(cl) != Net {
			return
		}
		k := len(mv)
		if m, ok := e.cl.find("mv", string(acc)+"/"+string(counter)); ok {
			k = col[m.line]
		}
		e.moves[cl.line][k] = e.sum(e.moves[cl.line][k], e.signed(cl, v))
	}
	for _, c := range cs {
		side(c.Debit, c.Credit, c.Amount)
		side(c.Credit, c.Debit, e.neg(c.Amount))
	}
}

func (e *evaluator) neg(a money.Amount) money.Amount {
	n, err := money.Neg(a)
	if err != nil && e.err == nil {
		e.err = ledger.Errorf(ledger.EInvalid, "statement amount out of range")
	}
	return n
}

func (e *evaluator) sum(a, b money.Amount) money.Amount {
	s, err := money.Add(a, b)
	if err != nil && e.err == nil {
		e.err = ledger.Errorf(ledger.EInvalid, "statement amount out of range")
	}
	return s
}

// finish adds up each line's parts, then the formulas in the order they
// depend on each other (Parse refused cycles).
func (e *evaluator) finish() (*Result, error) {
	t := e.t
	r := &Result{Template: t, Values: make([]Value, len(t.Lines))}
	for i := range t.Lines {
		v := &r.Values[i]
		v.Parts = sortedParts(e.parts[i])
		for _, p := range v.Parts {
			v.Amount = e.sum(v.Amount, p.Amount)
		}
		v.Open, v.Increase, v.Decrease = e.open[i], e.inc[i], e.dec[i]
		if e.moves != nil {
			v.Moves = e.moves[i]
		}
	}
	idx := t.index()
	done := make([]bool, len(t.Lines))
	var eval func(i int)
	eval = func(i int) {
		if done[i] {
			return
		}
		done[i] = true
		v := &r.Values[i]
		for _, term := range t.Lines[i].Terms {
			if term.Measure != LineRef {
				continue
			}
			j := idx[term.Pattern]
			eval(j)
			w := r.Values[j]
			for k := range v.Moves {
				if term.Sign < 0 {
					v.Moves[k] = e.sum(v.Moves[k], e.neg(w.Moves[k]))
				} else {
					v.Moves[k] = e.sum(v.Moves[k], w.Moves[k])
				}
			}
			if term.Sign < 0 {
				v.Amount, v.Open = e.sum(v.Amount, e.neg(w.Amount)), e.sum(v.Open, e.neg(w.Open))
				v.Increase, v.Decrease = e.sum(v.Increase, w.Decrease), e.sum(v.Decrease, w.Increase)
				continue
			}
			v.Amount, v.Open = e.sum(v.Amount, w.Amount), e.sum(v.Open, w.Open)
			v.Increase, v.Decrease = e.sum(v.Increase, w.Increase), e.sum(v.Decrease, w.Decrease)
		}
	}
	for i := range t.Lines {
		eval(i)
	}
	r.Unplaced = sortedParts(e.unplcd)
	if e.err != nil {
		return nil, e.err
	}
	return r, nil
}

func sortedParts(m map[partKey]money.Amount) []Part {
	out := make([]Part, 0, len(m))
	for k, v := range m {
		if v != 0 {
			out = append(out, Part{Account: k.account, Item: k.item, Other: k.other, Measure: k.m, Amount: v})
		}
	}
	slices.SortFunc(out, func(a, b Part) int {
		if c := cmp.Compare(a.Account, b.Account); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Item, b.Item); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Other, b.Other); c != 0 {
			return c
		}
		return cmp.Compare(a.Measure, b.Measure)
	})
	return out
}
