package main

import (
	"hasap/api"
	"hasap/app"
	"hasap/ledger"
	"hasap/report"
	"hasap/report/sheet"
)

// corrFlags are the flags of the correspondence reports.
type corrFlags struct {
	from, to ledger.Date
	level    string
	account  ledger.AccountCode
	byMonth  bool
}

// corrReport prints the chessboard or an account analysis: text (the
// report's sheet in columns), csv (the sheet) or json (the API's); with
// out, writes the sheet as a file.
func corrReport(e *env, kind, org string, f corrFlags, format, out string) error {
	level, err := report.ParseLevel(f.level)
	if err != nil {
		return err
	}
	var sh *sheet.Sheet
	var js any
	switch kind {
	case "chessboard":
		if f.account != "" || f.byMonth {
			return usagef("the chessboard takes no --account or --by-month")
		}
		c, err := e.app.Chessboard(e.ctx, app.System, org, f.from, f.to, level)
		if err != nil {
			return err
		}
		sh, js = c.Sheet(e.lang, org), api.ChessboardJSON(c, e.lang)
	default:
		if err := required("account", string(f.account)); err != nil {
			return err
		}
		an, err := e.app.AccountAnalysis(e.ctx, app.System, org, app.AnalysisQuery{Account: f.account, From: f.from, To: f.to, Level: level, ByMonth: f.byMonth})
		if err != nil {
			return err
		}
		sh, js = an.Sheet(e.lang, org), api.AccountAnalysisJSON(an, e.lang)
	}
	return writeSheetOrJSON(e, sh, js, format, out)
}
