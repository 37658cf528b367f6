package app

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"

	"hasap/doc"
	"hasap/i18n"
	"hasap/ledger"
	"hasap/money"
	"hasap/report"
	"hasap/report/sheet"
	"hasap/settle"
	"hasap/store"
)

// The reports as sheets (package report/sheet), in the user's language,
// for the web pages, the API and the command line to export alike. Each
// reads through the use case behind its page, so its checks apply.

// Export limits: an exported journal or account card is the whole filter
// up to these, read a store page at a time; past them the sheet's last
// line says so and the user narrows the period.
const (
	MaxExportEntries   = 5_000  // journal entries
	MaxExportCardLines = 20_000 // account card movements
)

// TrialBalanceSheet is the trial balance of a period as a sheet, headed
// with the organisation's name.
func (a *App) TrialBalanceSheet(ctx context.Context, actor Actor, orgCode string, from, to ledger.Date, lang string) (*sheet.Sheet, error) {
	org, err := a.Org(ctx, actor, orgCode)
	if err != nil {
		return nil, err
	}
	tb, err := a.TrialBalance(ctx, actor, orgCode, from, to)
	if err != nil {
		return nil, err
	}
	return report.TrialBalanceSheet(tb, report.Heading{Org: org.Name, Lang: lang}, i18n.T(lang, "Trial balance"))
}

// BalancesSheet is the balances of every account and currency at the end
// of to (from the beginning): account, name, currency, balance (debit
// positive). Amounts of currencies with fewer decimals than the widest
// shown are written with its decimals, exactly.
func (a *App) BalancesSheet(ctx context.Context, actor Actor, orgCode string, to ledger.Date, lang string) (*sheet.Sheet, error) {
	org, err := a.Org(ctx, actor, orgCode)
	if err != nil {
		return nil, err
	}
	bs, err := a.Balances(ctx, actor, orgCode, to)
	if err != nil {
		return nil, err
	}
	chart, err := a.Accounts(ctx, actor, orgCode)
	if err != nil {
		return nil, err
	}
	exp := org.Currency.Exponent
	for _, b := range bs {
		exp = max(exp, b.Currency.Exponent)
	}
	on := i18n.T(lang, "all dates")
	if to != ledger.NoDate {
		on = sheet.Format(sheet.D(to), sheet.Column{Kind: sheet.Date}, money.Locale(lang))
	}
	sh := &sheet.Sheet{Name: "balances", Title: i18n.T(lang, "Balances"), Lines: []string{org.Name, i18n.T(lang, "Balances on") + " " + on}}
	sh.Columns = []sheet.Column{
		{Title: i18n.T(lang, "Account"), Kind: sheet.Text, Width: 10},
		{Title: i18n.T(lang, "Name"), Kind: sheet.Text, Width: 40},
		{Title: i18n.T(lang, "Currency"), Kind: sheet.Text, Width: 8},
		{Title: i18n.T(lang, "Balance"), Kind: sheet.Money, Exp: exp, Width: 18},
	}
	for _, b := range bs {
		n, err := rescale(b.Amount, exp-b.Currency.Exponent)
		if err != nil {
			return nil, err
		}
		name := ""
		if acc := chart[b.Account]; acc != nil {
			name = acc.Names.In(lang)
		}
		sh.Add(sheet.Plain, 0, sheet.T(string(b.Account)), sheet.T(name), sheet.T(b.Currency.Code), sheet.M(n))
	}
	return sh, sh.Check()
}

// rescale multiplies a by 10^n, refusing an overflow.
func rescale(a money.Amount, n int) (money.Amount, error) {
	for range n {
		var err error
		if a, err = money.Mul(a, 10); err != nil {
			return 0, ledger.Errorf(ledger.EInvalid, "amount out of range")
		}
	}
	return a, nil
}

// analyticNames names analytics "code name" in lang for the sheets.
type analyticNames struct {
	m    map[ledger.AnalyticID]ledger.Analytic
	lang string
}

func (a *App) namesOf(ctx context.Context, actor Actor, orgCode string, ids []ledger.AnalyticID, lang string) (analyticNames, error) {
	seen := map[ledger.AnalyticID]bool{}
	var uniq []ledger.AnalyticID
	for _, id := range ids {
		if id != 0 && !seen[id] {
			seen[id] = true
			uniq = append(uniq, id)
		}
	}
	m, err := a.AnalyticsByID(ctx, actor, orgCode, uniq)
	return analyticNames{m: m, lang: lang}, err
}

func (n analyticNames) of(s ledger.Side) string {
	var parts []string
	for _, id := range s.Analytics {
		if id == 0 {
			continue
		}
		an, ok := n.m[id]
		if !ok {
			parts = append(parts, "#"+strconv.FormatInt(int64(id), 10))
			continue
		}
		p := an.Code
		if name := an.Names.In(n.lang); name != "" && name != an.Code {
			p += " " + name
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "; ")
}

// side is an account with its analytics: "62.01 (K01 Ak Ýol; D-1)".
func (n analyticNames) side(s ledger.Side) string {
	out := string(s.Account)
	if an := n.of(s); an != "" {
		out += " (" + an + ")"
	}
	return out
}

// AccountCardSheet is the account card of q.Account for q's period (and
// analytic) as a sheet: the opening balance, every movement with its
// corresponding account and the running balance (debit positive), the
// turnover and the closing balance. It reads the card a store page at a
// time, up to MaxExportCardLines movements, the running balance carried
// from page to page (AccountCardAll).
func (a *App) AccountCardSheet(ctx context.Context, actor Actor, orgCode string, q CardQuery, lang string) (*sheet.Sheet, error) {
	org, err := a.Org(ctx, actor, orgCode)
	if err != nil {
		return nil, err
	}
	q.Limit = store.MaxCardLimit
	card, err := a.AccountCardAll(ctx, actor, orgCode, q, MaxExportCardLines)
	if err != nil {
		return nil, err
	}
	lines, more := card.Lines, card.Next != nil
	var ids []ledger.AnalyticID
	for _, l := range lines {
		ids = append(ids, l.Side.Analytics[:]...)
		ids = append(ids, l.Other.Analytics[:]...)
	}
	if q.Analytic != 0 {
		ids = append(ids, q.Analytic)
	}
	names, err := a.namesOf(ctx, actor, orgCode, ids, lang)
	if err != nil {
		return nil, err
	}
	exp := org.Currency.Exponent
	sh := &sheet.Sheet{Name: "account-card-" + string(card.Account.Code), Title: i18n.T(lang, "Account card") + " " + string(card.Account.Code) + " " + card.Account.Names.In(lang),
		Lines: []string{org.Name, periodOf(lang, q.From, q.To), i18n.Sprintf(lang, "Amounts in %s", org.Currency.Code)}, Landscape: true}
	if q.Analytic != 0 {
		sh.Lines = append(sh.Lines, names.of(ledger.Side{Analytics: [ledger.MaxAnalytics]ledger.AnalyticID{q.Analytic}}))
	}
	sh.Columns = []sheet.Column{
		{Title: i18n.T(lang, "Date"), Kind: sheet.Date},
		{Title: i18n.T(lang, "Entry"), Kind: sheet.Text},
		{Title: i18n.T(lang, "Description"), Kind: sheet.Text, Width: 36},
		{Title: i18n.T(lang, "Analytics"), Kind: sheet.Text, Width: 24},
		{Title: i18n.T(lang, "Corresponding account"), Kind: sheet.Text, Width: 24},
		{Title: i18n.T(lang, "Debit"), Kind: sheet.Money, Exp: exp},
		{Title: i18n.T(lang, "Credit"), Kind: sheet.Money, Exp: exp},
		{Title: i18n.T(lang, "Balance"), Kind: sheet.Money, Exp: exp},
	}
	none := sheet.Cell{}
	sh.Add(sheet.Heading, 0, none, none, sheet.T(i18n.T(lang, "Opening balance")), none, none, none, none, sheet.M(card.Opening))
	for _, l := range lines {
		dt, kt := sheet.NZ(l.Amount), none
		if !l.Debit {
			dt, kt = none, sheet.NZ(l.Amount)
		}
		other := ""
		if l.Other.Account != "" {
			other = names.side(l.Other)
		}
		sh.Add(sheet.Plain, 0, sheet.D(l.Date), sheet.T(strconv.Itoa(l.Year)+"/"+strconv.FormatInt(l.Number, 10)), sheet.T(l.Description),
			sheet.T(names.of(l.Side)), sheet.T(other), dt, kt, sheet.M(l.Balance))
	}
	if more {
		sh.Add(sheet.Heading, 0, none, none, sheet.T(i18n.Sprintf(lang, "The first %d lines only: narrow the period for the rest.", len(lines))), none, none, none, none, none)
	}
	sh.Add(sheet.Total, 0, none, none, sheet.T(i18n.T(lang, "Turnover")), none, none, sheet.M(card.Debit), sheet.M(card.Credit), none)
	sh.Add(sheet.Total, 0, none, none, sheet.T(i18n.T(lang, "Closing balance")), none, none, none, none, sheet.M(card.Closing))
	return sh, sh.Check()
}

// periodOf says a period in lang: "Period: 01.01.2026 – 31.01.2026".
func periodOf(lang string, from, to ledger.Date) string {
	d := func(x ledger.Date) string {
		if x == ledger.NoDate {
			return "…"
		}
		return sheet.Format(sheet.D(x), sheet.Column{Kind: sheet.Date}, money.Locale(lang))
	}
	return i18n.Sprintf(lang, "Period: %s – %s", d(from), d(to))
}

// JournalSheet is the journal as a sheet: the entries f matches, newest
// first as the page lists them, one line per posting (the entry's date,
// number, description and document on its first), up to
// MaxExportEntries entries read a store page at a time.
func (a *App) JournalSheet(ctx context.Context, actor Actor, orgCode string, f store.EntryFilter, lang string) (*sheet.Sheet, error) {
	org, err := a.Org(ctx, actor, orgCode)
	if err != nil {
		return nil, err
	}
	f.Limit = store.MaxEntryLimit
	var entries []ledger.Entry
	more := false
	for {
		es, err := a.Journal(ctx, actor, orgCode, f)
		if err != nil {
			return nil, err
		}
		entries = append(entries, es...)
		if len(es) < f.Limit {
			break
		}
		if len(entries) >= MaxExportEntries {
			entries, more = entries[:MaxExportEntries], true
			break
		}
		f.BeforeSeq = es[len(es)-1].Seq
	}
	var ids []ledger.AnalyticID
	for _, e := range entries {
		for _, p := range e.Postings {
			ids = append(ids, p.Debit.Analytics[:]...)
			ids = append(ids, p.Credit.Analytics[:]...)
		}
	}
	names, err := a.namesOf(ctx, actor, orgCode, ids, lang)
	if err != nil {
		return nil, err
	}
	exp := org.Currency.Exponent
	sh := &sheet.Sheet{Name: "journal", Title: i18n.T(lang, "Journal"), Lines: []string{org.Name, periodOf(lang, f.From, f.To), i18n.Sprintf(lang, "Amounts in %s", org.Currency.Code)}, Landscape: true}
	sh.Columns = []sheet.Column{
		{Title: i18n.T(lang, "Date"), Kind: sheet.Date},
		{Title: i18n.T(lang, "Entry"), Kind: sheet.Text},
		{Title: i18n.T(lang, "Description"), Kind: sheet.Text, Width: 34},
		{Title: i18n.T(lang, "Document"), Kind: sheet.Text, Width: 16},
		{Title: i18n.T(lang, "Debit"), Kind: sheet.Text, Width: 26},
		{Title: i18n.T(lang, "Credit"), Kind: sheet.Text, Width: 26},
		{Title: i18n.T(lang, "Amount"), Kind: sheet.Money, Exp: exp},
	}
	none := sheet.Cell{}
	var total money.Amount
	for _, e := range entries {
		for i, p := range e.Postings {
			date, no, desc, ref := sheet.D(e.Date), sheet.T(strconv.Itoa(e.Year)+"/"+strconv.FormatInt(e.Number, 10)), sheet.T(e.Description), sheet.T(e.Document)
			if i > 0 {
				date, no, desc, ref = none, none, none, none
			}
			sh.Add(sheet.Plain, 0, date, no, desc, ref, sheet.T(names.side(p.Debit)), sheet.T(names.side(p.Credit)), sheet.M(p.Amount))
			if total, err = money.Add(total, p.Amount); err != nil {
				return nil, ledger.Errorf(ledger.EInvalid, "amount out of range")
			}
		}
	}
	if more {
		sh.Add(sheet.Heading, 0, none, none, sheet.T(i18n.Sprintf(lang, "The first %d entries only: narrow the filter for the rest.", MaxExportEntries)), none, none, none, none)
	}
	sh.Add(sheet.Total, 0, none, none, sheet.T(i18n.T(lang, "Total")), none, none, none, sheet.M(total))
	return sh, sh.Check()
}

// OpenItemsSheet is a counterparty's open items (st, only contract's when
// it is not 0) by contract as its page groups them, in the order of the
// contracts' codes, items without a contract last: a heading per
// contract, its items (the document's title and number, what the item is,
// its amount and what is open of it), and the net balance, debit
// positive: what the counterparty owes.
func OpenItemsSheet(st *Settlements, org ledger.Org, contract ledger.AnalyticID, lang string) (*sheet.Sheet, error) {
	exp := org.Currency.Exponent
	name := st.Counterparty.Names.In(lang)
	if name == "" {
		name = st.Counterparty.Code
	}
	sh := &sheet.Sheet{Name: "open-items-" + st.Counterparty.Code, Title: i18n.T(lang, "Open items") + ": " + name,
		Lines: []string{org.Name, st.Counterparty.Code, i18n.Sprintf(lang, "Amounts in %s", org.Currency.Code)}}
	sh.Columns = []sheet.Column{
		{Title: i18n.T(lang, "Date"), Kind: sheet.Date},
		{Title: i18n.T(lang, "Document"), Kind: sheet.Text, Width: 40},
		{Title: i18n.T(lang, "Kind"), Kind: sheet.Text},
		{Title: i18n.T(lang, "Amount"), Kind: sheet.Money, Exp: exp},
		{Title: i18n.T(lang, "Open"), Kind: sheet.Money, Exp: exp},
	}
	by := map[ledger.AnalyticID][]settle.Item{}
	var ids []ledger.AnalyticID
	var total settle.Balance
	for _, it := range st.Open() {
		if contract != 0 && it.Contract != contract {
			continue
		}
		if err := total.Add(it); err != nil {
			return nil, err
		}
		if _, ok := by[it.Contract]; !ok {
			ids = append(ids, it.Contract)
		}
		by[it.Contract] = append(by[it.Contract], it)
	}
	slices.SortFunc(ids, func(a, b ledger.AnalyticID) int {
		if (a == 0) != (b == 0) {
			return cmp.Compare(boolInt(a == 0), boolInt(b == 0))
		}
		return cmp.Compare(st.Contracts[a].Code, st.Contracts[b].Code)
	})
	none := sheet.Cell{}
	for _, id := range ids {
		head := i18n.T(lang, "Without a contract")
		if c, ok := st.Contracts[id]; ok {
			n := c.Names.In(lang)
			if n == "" {
				n = c.Code
			}
			head = i18n.T(lang, "Contract") + ": " + n
		}
		sh.Add(sheet.Heading, 0, none, sheet.T(head), none, none, none)
		for _, it := range by[id] {
			title := it.Description
			if x, ok := st.Documents[it.DocID]; ok {
				title = DocumentLabel(x.Document, lang)
			}
			sh.Add(sheet.Plain, 1, sheet.D(it.Date), sheet.T(title), sheet.T(i18n.T(lang, kindWords[it.Kind()])), sheet.M(it.Amount), sheet.M(it.Open))
		}
	}
	net, err := total.Net()
	if err != nil {
		return nil, err
	}
	sh.Add(sheet.Total, 0, none, sheet.T(i18n.T(lang, "Balance")), none, none, sheet.M(net))
	return sh, sh.Check()
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// kindWords name what an open item is.
var kindWords = map[settle.Kind]string{
	settle.Receivable:      "Receivable",
	settle.Payable:         "Payable",
	settle.AdvanceReceived: "Advance received",
	settle.AdvancePaid:     "Advance paid",
}

// DocumentLabel names a document by its title and number in lang: "Акт
// выполненных работ № 1", "Act of completed work No. 1".
func DocumentLabel(d doc.Document, lang string) string {
	sign := "№"
	if lang == "en" {
		sign = "No."
	}
	return doc.Title(d.Type, lang) + " " + sign + " " + strconv.FormatInt(d.Number, 10)
}
