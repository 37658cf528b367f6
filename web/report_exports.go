package web

import (
	"net/http"

	"hasap/interop/export"
	"hasap/ledger"
	"hasap/report/sheet"
)

// The report pages' files: each page builds its report's sheet (in app
// or app/sheets, shared with the API and the command line) and answers
// ?format= through exportSheet.

// exportSheet answers ?format= with the sheet build makes; it reports
// whether the request was an export (and is answered).
func (s *server) exportSheet(w http.ResponseWriter, r *http.Request, q *request, name string, build func() (*sheet.Sheet, error)) bool {
	f := exportFormat(r)
	if f == "" {
		return false
	}
	sh, err := build()
	if err != nil {
		s.fail(w, r, q, err)
		return true
	}
	s.writeSheet(w, r, q, sh, f, name)
	return true
}

// exportName is a report's file name without extension, with its period.
func exportName(name string, from, to ledger.Date) string { return export.BaseName(name, from, to) }
