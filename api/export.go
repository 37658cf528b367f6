package api

import (
	"bytes"
	"mime"
	"net/http"

	"hasap/interop/export"
	"hasap/ledger"
	"hasap/money"
	"hasap/report/sheet"
)

// reportFormat is the export format a report endpoint is asked for:
// ?format=csv|xlsx|pdf, or without ?format= the Accept header's (text/csv,
// the XLSX media type, application/pdf); "" (or ?format=json) for JSON.
// Another ?format= is refused.
func reportFormat(r *http.Request) (string, error) {
	switch f := r.URL.Query().Get("format"); {
	case f == "":
		return export.FromAccept(r.Header.Get("Accept")), nil
	case f == "json":
		return "", nil
	case export.Known(f):
		return f, nil
	default:
		return "", ledger.Errorf(ledger.EInvalid, "unknown export format %q (csv, xlsx, pdf)", f)
	}
}

// writeReport answers a report endpoint: the report as a file in the
// format asked for (see reportFormat), named file (with the extension
// added), from the sheet sheetOf builds in the caller's language; else
// the JSON v. Any report endpoint exports through it:
//
//	return writeReport(w, r, q, "trial-balance-2026-01", tbJSON, func() (*sheet.Sheet, error) {...})
func writeReport(w http.ResponseWriter, r *http.Request, q *request, file string, v any, sheetOf func() (*sheet.Sheet, error)) error {
	format, err := reportFormat(r)
	if err != nil {
		return err
	}
	w.Header().Add("Vary", "Accept")
	if format == "" {
		writeJSON(w, http.StatusOK, v)
		return nil
	}
	sh, err := sheetOf()
	if err != nil {
		return err
	}
	var b bytes.Buffer
	ctype, err := export.Write(&b, sh, format, money.Locale(q.lang))
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": file + "." + format}))
	h.Set("X-Content-Type-Options", "nosniff")
	w.Write(b.Bytes())
	return nil
}
