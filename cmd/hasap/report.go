package main

import (
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"hasap/api"
	"hasap/app"
	"hasap/app/sheets"
	"hasap/i18n"
	"hasap/interop/export"
	"hasap/ledger"
	"hasap/money"
	"hasap/report"
	"hasap/report/sheet"
	"hasap/store"
)

func jsonIndent(v any) ([]byte, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

func cmdReport(e *env, args []string) error {
	if len(args) == 0 {
		return usagef("report balances|trial-balance|general-ledger|analytic|ageing|counterparty-balances|vat|account-card|journal|balance-sheet|pnl|cash-flow|equity|chessboard|account-analysis --org C ...")
	}
	kind := args[0]
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	org := fs.String("org", "", "organisation code")
	from := fs.String("from", "", "first day YYYY-MM-DD (trial balance, account card, journal)")
	to := fs.String("to", "", "last day YYYY-MM-DD")
	date := fs.String("date", "", "the day YYYY-MM-DD (ageing, cash book)")
	side := fs.String("side", "receivable", "receivable or payable (ageing)")
	buckets := fs.String("buckets", "", "upper limits in days of the buckets but the last (ageing; default 30,60,90)")
	account := fs.String("account", "", "the account (account card; journal: with its sub-accounts)")
	format := fs.String("format", "", "text, csv or json to the screen; csv, xlsx or pdf with --out (default text, or the --out file's extension)")
	out := fs.String("out", "", "write the report as a file in the user's language: FILE.csv, FILE.xlsx or FILE.pdf")
	detail := fs.String("detail", "", "accounts or analytics (trial balance: --account A,B expands those, else every account that keeps analytics)")
	catalog := fs.String("catalog", "", "the catalog of the analytic (analytic: counterparty, item, employee...)")
	code := fs.String("code", "", "the analytic's code (analytic)")
	period := fs.String("period", "", "the period of a statement: 2026-03, 2026-Q1, 2026 or 2026-01-01..2026-03-31 (default this month)")
	compare := fs.String("compare", "", "compare a statement with prev-month, prev-year or year-start")
	month := fs.String("month", "", "the month YYYY-MM (vat)")
	level := fs.String("level", "", "synthetic or sub (chessboard, account-analysis)")
	byMonth := fs.Bool("by-month", false, "by month (account-analysis)")
	if err := parseFlags(fs, args[1:], 0); err != nil {
		return err
	}
	if err := required("org", *org); err != nil {
		return err
	}
	fromD, err := parseOptDate(*from)
	if err != nil {
		return err
	}
	toD, err := parseOptDate(*to)
	if err != nil {
		return err
	}
	if kind == "chessboard" || kind == "account-analysis" {
		return corrReport(e, kind, *org, corrFlags{fromD, toD, *level, ledger.AccountCode(*account), *byMonth}, *format, *out)
	}
	if isStatement(kind) {
		return reportStatement(e, kind, *org, *period, *compare, *format, *out)
	}
	switch kind { // the registers whose sheet is the same on the screen and in a file
	case "ageing":
		return reportAgeing(e, *org, *date, *side, *buckets, *format, *out)
	case "vat":
		return reportVAT(e, *org, *month, *format, *out)
	}
	if isRegister(kind, *detail) {
		return reportRegister(e, registerQuery{kind: kind, org: *org, account: *account, detail: *detail, catalog: *catalog, code: *code, from: fromD, to: toD}, *format, *out)
	}
	if *out != "" {
		if kind == "cash-book" && *date != "" { // the book's day
			if toD, err = parseOptDate(*date); err != nil {
				return err
			}
		}
		return writeReportFile(e, kind, *org, *account, *format, *out, fromD, toD)
	}
	if *format == "" {
		*format = "text"
	}
	if *format != "text" && *format != "csv" && *format != "json" {
		return usagef("unknown format %q (text, csv, json; csv, xlsx or pdf with --out FILE)", *format)
	}
	switch kind {
	case "balances":
		if fromD != ledger.NoDate {
			return usagef("balances are from the beginning: use --to only")
		}
		bs, err := e.app.Balances(e.ctx, app.System, *org, toD)
		if err != nil {
			return err
		}
		return writeBalances(e.stdout, bs, *format, e.lang)
	case "trial-balance", "tb":
		tb, err := e.app.TrialBalance(e.ctx, app.System, *org, fromD, toD)
		if err != nil {
			return err
		}
		return writeTB(e.stdout, tb, *format, e.lang)
	case "counterparty-balances":
		return reportCounterpartyBalances(e, *org, *format)
	case "account-card", "journal":
		return usagef("report %s is written as a file: add --out FILE.xlsx (or .csv, .pdf)", kind)
	}
	return usagef("unknown report %q (balances, trial-balance, general-ledger, analytic, ageing, counterparty-balances, vat, account-card, journal, balance-sheet, pnl, cash-flow, equity, chessboard, account-analysis)", kind)
}

// cashBookSheet is the cash book's sheet of account's day (in the base
// currency; a currency book's first currency of the year).
func cashBookSheet(e *env, orgCode string, account ledger.AccountCode, day ledger.Date) (*sheet.Sheet, error) {
	org, err := e.app.Org(e.ctx, app.System, orgCode)
	if err != nil {
		return nil, err
	}
	b, err := e.app.CashBook(e.ctx, app.System, orgCode, app.CashBookQuery{Account: account, Date: day})
	if err != nil {
		return nil, err
	}
	var ids []ledger.AnalyticID
	for _, l := range b.Lines {
		ids = append(ids, l.Analytic)
	}
	an, err := e.app.AnalyticsByID(e.ctx, app.System, orgCode, ids)
	if err != nil {
		return nil, err
	}
	return sheets.CashBook(b, sheets.CashBookPersons(b, an, e.lang), org, e.lang), nil
}

func counterpartyBalancesSheet(e *env, orgCode string) (*sheet.Sheet, error) {
	org, err := e.app.Org(e.ctx, app.System, orgCode)
	if err != nil {
		return nil, err
	}
	bs, err := e.app.CounterpartyBalances(e.ctx, app.System, orgCode)
	if err != nil {
		return nil, err
	}
	return sheets.CounterpartyBalances(bs, org, e.lang)
}

// writeReportFile writes a report's sheet to file (stdout for "-") in
// format, or the format the file's extension names: the same file the web
// page's download links give, in the user's language (--lang).
func writeReportFile(e *env, kind, org, account, format, file string, from, to ledger.Date) error {
	if format == "" {
		format = strings.TrimPrefix(filepath.Ext(file), ".")
	}
	if !export.Known(format) {
		return usagef("unknown format %q for --out (csv, xlsx, pdf)", format)
	}
	var sh *sheet.Sheet
	var err error
	switch kind {
	case "balances":
		if from != ledger.NoDate {
			return usagef("balances are from the beginning: use --to only")
		}
		sh, err = e.app.BalancesSheet(e.ctx, app.System, org, to, e.lang)
	case "trial-balance", "tb":
		sh, err = e.app.TrialBalanceSheet(e.ctx, app.System, org, from, to, e.lang)
	case "account-card", "card":
		if err := required("account", account); err != nil {
			return err
		}
		sh, err = e.app.AccountCardSheet(e.ctx, app.System, org, app.CardQuery{Account: ledger.AccountCode(account), From: from, To: to}, e.lang)
	case "journal":
		sh, err = e.app.JournalSheet(e.ctx, app.System, org, store.EntryFilter{From: from, To: to, Account: ledger.AccountCode(account)}, e.lang)
	case "counterparty-balances":
		sh, err = counterpartyBalancesSheet(e, org)
	case "cash-book":
		if err := required("account", account); err != nil {
			return err
		}
		if to == ledger.NoDate {
			return usagef("report cash-book: --date D names the day")
		}
		sh, err = cashBookSheet(e, org, ledger.AccountCode(account), to)
	default:
		return usagef("unknown report %q for --out (balances, trial-balance, general-ledger, analytic, account-card, journal, counterparty-balances, cash-book)", kind)
	}
	if err != nil {
		return err
	}
	return writeSheetFile(e, sh, format, file)
}

type balanceJSON struct {
	Account  string `json:"account"`
	Currency string `json:"currency"`
	Balance  string `json:"balance"`
}

func writeBalances(w io.Writer, bs []report.Balance, format, lang string) error {
	switch format {
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write([]string{"account", "currency", "balance"})
		for _, b := range bs {
			cw.Write([]string{string(b.Account), b.Currency.Code, money.Decimal(b.Amount, b.Currency.Exponent)})
		}
		cw.Flush()
		return cw.Error()
	case "json":
		out := make([]balanceJSON, 0, len(bs))
		for _, b := range bs {
			out = append(out, balanceJSON{string(b.Account), b.Currency.Code, money.Decimal(b.Amount, b.Currency.Exponent)})
		}
		j, err := jsonIndent(out)
		if err != nil {
			return err
		}
		_, err = w.Write(j)
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%s\t%s\t%s\t\n", i18n.T(lang, "Account"), i18n.T(lang, "Currency"), i18n.T(lang, "Balance"))
	for _, b := range bs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t\n", b.Account, b.Currency.Code, money.Format(b.Amount, b.Currency.Exponent, localeOf(lang)))
	}
	return tw.Flush()
}

func writeTB(w io.Writer, tb *report.TrialBalance, format, lang string) error {
	exp := tb.Currency.Exponent
	switch format {
	case "json":
		j, err := jsonIndent(api.TrialBalanceJSON(tb, lang))
		if err != nil {
			return err
		}
		_, err = w.Write(j)
		return err
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write([]string{"account", "name", "opening_debit", "opening_credit", "debit", "credit", "closing_debit", "closing_credit"})
		for _, r := range append(tb.Rows, tb.Total) {
			d := func(a money.Amount) string { return money.Decimal(a, exp) }
			cw.Write([]string{string(r.Account), r.Name.In(lang), d(r.OpeningDebit), d(r.OpeningCredit), d(r.Debit), d(r.Credit), d(r.ClosingDebit), d(r.ClosingCredit)})
		}
		cw.Flush()
		return cw.Error()
	}
	loc := localeOf(lang)
	f := func(a money.Amount) string {
		if a == 0 {
			return ""
		}
		return money.Format(a, exp, loc)
	}
	labels := make([]string, 0, len(tb.Rows)+1)
	for _, r := range tb.Rows {
		label := strings.Repeat("  ", r.Depth) + string(r.Account)
		if name := r.Name.In(lang); name != "" && name != string(r.Account) {
			label += "  " + name
		}
		labels = append(labels, label)
	}
	labels = append(labels, i18n.T(lang, "Total")+" ("+tb.Currency.Code+")")
	width := 0
	for i, l := range labels {
		labels[i] = clip(l, 48)
		width = max(width, utf8.RuneCountInString(labels[i]))
	}
	pad := func(s string) string { return s + strings.Repeat(" ", width-utf8.RuneCountInString(s)) }
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", pad(i18n.T(lang, "Account")),
		i18n.T(lang, "Opening Dt"), i18n.T(lang, "Opening Kt"), i18n.T(lang, "Turnover Dt"), i18n.T(lang, "Turnover Kt"), i18n.T(lang, "Closing Dt"), i18n.T(lang, "Closing Kt"))
	for i, r := range append(tb.Rows, tb.Total) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", pad(labels[i]), f(r.OpeningDebit), f(r.OpeningCredit), f(r.Debit), f(r.Credit), f(r.ClosingDebit), f(r.ClosingCredit))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if !tb.Balanced() {
		return ledger.Errorf(ledger.ETampered, "the trial balance does not balance: run hasap verify")
	}
	return nil
}

// clip cuts s to n characters, marking the cut with an ellipsis.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
