package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"hasap/api"
	"hasap/app"
	"hasap/i18n"
	"hasap/interop/export"
	"hasap/ledger"
	"hasap/report"
	"hasap/report/sheet"
)

// The registers of the books on the command line: the trial balance
// expanded by analytics, the general ledger and the analysis by analytic.
// Each is the sheet its page shows (package report), written as a text
// table, CSV or the API's JSON, or with --out as a csv, xlsx or pdf file.

// registerQuery is what `hasap report` asks a register for.
type registerQuery struct {
	kind, org, account, detail, catalog, code string
	from, to                                  ledger.Date
}

// isRegister reports whether the report asked for is one of these.
func isRegister(kind, detail string) bool {
	switch kind {
	case "general-ledger", "gl", "analytic", "analytic-analysis":
		return true
	case "trial-balance", "tb":
		return detail != "" && detail != "accounts"
	}
	return false
}

// reportRegister is `hasap report trial-balance --detail analytics
// [--account 62]`, `hasap report general-ledger --from D --to D
// [--account A]` and `hasap report analytic --catalog counterparty --code
// C [--from D] [--to D]`.
func reportRegister(e *env, q registerQuery, format, out string) error {
	var sh *sheet.Sheet
	var js any
	h := func(org ledger.Org) report.Heading { return report.Heading{Org: org.Name, Lang: e.lang} }
	org, err := e.app.Org(e.ctx, app.System, q.org)
	if err != nil {
		return err
	}
	switch q.kind {
	case "trial-balance", "tb":
		if q.detail != "analytics" {
			return usagef("unknown detail %q (accounts, analytics)", q.detail)
		}
		tq := app.TrialBalanceQuery{From: q.from, To: q.to}
		for _, c := range strings.Split(q.account, ",") {
			if c = strings.TrimSpace(c); c != "" {
				tq.Expand = append(tq.Expand, ledger.AccountCode(c))
			}
		}
		tq.All = len(tq.Expand) == 0
		tb, err := e.app.ExpandedTrialBalance(e.ctx, app.System, q.org, tq)
		if err != nil {
			return err
		}
		js = api.TrialBalanceJSON(tb, e.lang)
		sh, err = report.TrialBalanceSheet(tb, h(org), i18n.T(e.lang, "Trial balance"))
		if err != nil {
			return err
		}
	case "general-ledger", "gl":
		gl, err := e.app.GeneralLedger(e.ctx, app.System, q.org, q.from, q.to, ledger.AccountCode(q.account))
		if err != nil {
			return err
		}
		js, sh = api.GeneralLedgerJSON(gl, e.lang), report.GeneralLedgerSheet(gl, h(org), i18n.T(e.lang, "General ledger"))
	default: // analytic
		if err := required("catalog", q.catalog); err != nil {
			return err
		}
		if err := required("code", q.code); err != nil {
			return err
		}
		an, err := e.app.AnalyticByCode(e.ctx, app.System, q.org, ledger.AnalyticKind(q.catalog), q.code)
		if err != nil {
			return err
		}
		tb, an, err := e.app.AnalyticAnalysis(e.ctx, app.System, q.org, an.ID, q.from, q.to)
		if err != nil {
			return err
		}
		js = api.TrialBalanceJSON(tb, e.lang)
		sh, err = report.TrialBalanceSheet(tb, h(org), i18n.T(e.lang, "Analysis by analytic")+": "+an.Code+" "+an.Names.In(e.lang))
		if err != nil {
			return err
		}
		sh.Name = "analytic-analysis"
	}
	return writeSheetOrJSON(e, sh, js, format, out)
}

// writeSheetFile writes a sheet to file (stdout for "-") in format, or the
// format the file's extension names.
func writeSheetFile(e *env, sh *sheet.Sheet, format, file string) error {
	if format == "" {
		format = strings.TrimPrefix(filepath.Ext(file), ".")
	}
	if !export.Known(format) {
		return usagef("unknown format %q for --out (csv, xlsx, pdf)", format)
	}
	var b bytes.Buffer
	if _, err := export.Write(&b, sh, format, localeOf(e.lang)); err != nil {
		return err
	}
	if file == "-" {
		_, err := e.stdout.Write(b.Bytes())
		return err
	}
	if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("report %s: %w", sh.Name, err)
	}
	return nil
}
