package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"hasap/api"
	"hasap/app"
	"hasap/app/sheets"
	"hasap/ledger"
	"hasap/report/sheet"
	"hasap/settle"
)

// The registers of issue 5 on the command line: each is the sheet its page
// shows (package app/sheets), written as a text table or CSV, or the API's
// JSON.

// reportAgeing is `hasap report ageing --org C --date D [--side receivable|payable] [--buckets 30,60,90] [--out FILE]`.
func reportAgeing(e *env, orgCode, date, sideName, buckets, format, out string) error {
	if err := required("date", date); err != nil {
		return err
	}
	on, err := parseOptDate(date)
	if err != nil {
		return err
	}
	side, ok := api.AgeingSides[sideName]
	if !ok {
		return usagef("unknown side %q (receivable, payable)", sideName)
	}
	limits, err := settle.ParseLimits(buckets)
	if err != nil {
		return err
	}
	org, err := e.app.Org(e.ctx, app.System, orgCode)
	if err != nil {
		return err
	}
	rep, err := e.app.AgeingBuckets(e.ctx, app.System, orgCode, on, side, limits)
	if err != nil {
		return err
	}
	if format == "json" && out == "" {
		js, err := api.AgeingJSON(rep, org, e.lang)
		if err != nil {
			return err
		}
		return writeJSONOut(e.stdout, js)
	}
	sh, err := sheets.Ageing(rep, org, e.lang)
	if err != nil {
		return err
	}
	return writeSheetTo(e, sh, format, out)
}

// reportCounterpartyBalances is `hasap report counterparty-balances --org C`.
func reportCounterpartyBalances(e *env, orgCode, format string) error {
	org, err := e.app.Org(e.ctx, app.System, orgCode)
	if err != nil {
		return err
	}
	bs, err := e.app.CounterpartyBalances(e.ctx, app.System, orgCode)
	if err != nil {
		return err
	}
	if format == "json" {
		out, err := api.CounterpartyBalancesJSON(bs, org, e.lang)
		if err != nil {
			return err
		}
		return writeJSONOut(e.stdout, out)
	}
	sh, err := sheets.CounterpartyBalances(bs, org, e.lang)
	if err != nil {
		return err
	}
	return writeSheetOut(e.stdout, sh, format, e.lang)
}

// reportVAT is `hasap report vat --org C --month YYYY-MM [--out FILE]`.
func reportVAT(e *env, orgCode, month, format, out string) error {
	if err := required("month", month); err != nil {
		return err
	}
	d, err := ledger.ParseDate(month + "-01")
	if err != nil || len(month) != 7 {
		return usagef("--month %q: want YYYY-MM", month)
	}
	org, err := e.app.Org(e.ctx, app.System, orgCode)
	if err != nil {
		return err
	}
	y, m, _ := d.YMD()
	b, err := e.app.VATBooks(e.ctx, app.System, orgCode, y, int(m))
	if err != nil {
		return err
	}
	if format == "json" && out == "" {
		return writeJSONOut(e.stdout, api.VATBooksToJSON(b, org, e.lang))
	}
	sh, _ := sheets.VAT(b, org, e.lang) // the second result links the page's rows
	return writeSheetTo(e, sh, format, out)
}

// writeSheetTo writes a register's sheet as the file --out names, or on
// the screen as a text table or CSV.
func writeSheetTo(e *env, sh *sheet.Sheet, format, out string) error {
	if out != "" {
		return writeSheetFile(e, sh, format, out)
	}
	return writeSheetOut(e.stdout, sh, format, e.lang)
}

// writeSheetOrJSON writes a report: its sheet sh to the file out (in format,
// or the one out's extension names) when out is given, else to standard
// output as a text table, CSV, or its JSON js.
func writeSheetOrJSON(e *env, sh *sheet.Sheet, js any, format, out string) error {
	if out != "" {
		return writeSheetFile(e, sh, format, out)
	}
	switch format {
	case "", "text", "csv":
		return writeSheetOut(e.stdout, sh, format, e.lang)
	case "json":
		return writeJSONOut(e.stdout, js)
	}
	return usagef("unknown format %q (text, csv, json; csv, xlsx or pdf with --out FILE)", format)
}

func writeJSONOut(w io.Writer, v any) error {
	j, err := jsonIndent(v)
	if err != nil {
		return err
	}
	_, err = w.Write(j)
	return err
}

// writeSheetOut writes a sheet as CSV or as a text table: its title and
// lines, a header (groups joined to the columns' titles), numbers in the
// language, text columns clipped to 40 characters.
func writeSheetOut(w io.Writer, sh *sheet.Sheet, format, lang string) error {
	if format == "csv" {
		return sheet.WriteCSV(w, sh)
	}
	if err := sh.Check(); err != nil {
		return err
	}
	fmt.Fprintln(w, sh.Title)
	for _, l := range sh.Lines {
		fmt.Fprintln(w, l)
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	loc := localeOf(lang)
	texts := make([]int, len(sh.Columns)) // widths of the text columns, padded by hand (tabwriter aligns right)
	cell := func(i int, s string) string {
		if sh.Columns[i].Numeric() {
			return s
		}
		s = clip(s, 40)
		return s + strings.Repeat(" ", texts[i]-utf8.RuneCountInString(s))
	}
	head := make([]string, len(sh.Columns))
	for i, c := range sh.Columns {
		head[i] = c.Title
		if c.Group != "" {
			head[i] = c.Group + ": " + c.Title
		}
	}
	for i, c := range sh.Columns {
		if c.Numeric() {
			continue
		}
		texts[i] = utf8.RuneCountInString(clip(head[i], 40))
		for _, r := range sh.Rows {
			texts[i] = max(texts[i], utf8.RuneCountInString(clip(strings.Repeat("  ", r.Level)+r.Cells[i].Text, 40)))
		}
	}
	line := make([]string, len(sh.Columns))
	for i := range head {
		line[i] = cell(i, head[i])
	}
	fmt.Fprintln(tw, strings.Join(line, "\t")+"\t")
	for _, r := range sh.Rows {
		for i, c := range r.Cells {
			v := sheet.Format(c, sh.Columns[i], loc)
			if i == 0 && r.Level > 0 {
				v = strings.Repeat("  ", r.Level) + v
			}
			line[i] = cell(i, v)
		}
		fmt.Fprintln(tw, strings.Join(line, "\t")+"\t")
	}
	return tw.Flush()
}
