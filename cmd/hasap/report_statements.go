package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"hasap/api"
	"hasap/app"
	"hasap/interop/export"
	"hasap/ledger"
	"hasap/statement"
)

// isStatement reports whether a report is a financial statement.
func isStatement(kind string) bool { return statement.Kind(kind).Valid() }

// reportStatement is `hasap report balance-sheet|pnl|cash-flow|equity --org C
// [--period 2026-03|2026-Q1|2026|D..D] [--compare prev-month|prev-year|year-start]`:
// the statement's sheet as a text table or CSV, the API's JSON, or a file
// with --out.
func reportStatement(e *env, kind, orgCode, period, compare, format, out string) error {
	now := e.app.Now()
	p := statement.MonthOf(ledger.DateOf(now.Year(), now.Month(), now.Day()))
	if period != "" {
		var err error
		if p, err = statement.ParsePeriod(period); err != nil {
			return usagef("%v", err)
		}
	}
	c, err := statement.ParseCompare(compare)
	if err != nil {
		return usagef("%v", err)
	}
	rep, err := e.app.Statement(e.ctx, app.System, orgCode, statement.Kind(kind), p, c)
	if err != nil {
		return err
	}
	r := rep.Report()
	if out != "" {
		if format == "" {
			format = strings.TrimPrefix(filepath.Ext(out), ".")
		}
		if !export.Known(format) {
			return usagef("unknown format %q for --out (csv, xlsx, pdf)", format)
		}
		sh, _ := r.Sheet(e.lang)
		var b bytes.Buffer
		if _, err := export.Write(&b, sh, format, localeOf(e.lang)); err != nil {
			return err
		}
		if out == "-" {
			_, err = e.stdout.Write(b.Bytes())
			return err
		}
		if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
			return fmt.Errorf("report %s: %w", kind, err)
		}
		return nil
	}
	switch format {
	case "", "text", "csv":
		sh, _ := r.Sheet(e.lang)
		return writeSheetOut(e.stdout, sh, format, e.lang)
	case "json":
		return writeJSONOut(e.stdout, api.StatementJSON(r, rep.Custom, c, e.lang))
	}
	return usagef("unknown format %q (text, csv, json; csv, xlsx or pdf with --out FILE)", format)
}
