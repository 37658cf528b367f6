package web

import (
	"bytes"
	"mime"
	"net/http"

	"hasap/report/sheet"
)

// exportFormat is the ?format= a report page was asked for: "" for the
// page itself, else csv, xlsx or pdf.
func exportFormat(r *http.Request) string {
	switch f := r.URL.Query().Get("format"); f {
	case "csv", "xlsx", "pdf":
		return f
	}
	return ""
}

// writeSheet answers a report page's ?format= with the report as a file
// named after the sheet and the period (name without extension). Every
// report page builds its sheet.Sheet and hands it here, so each exports
// the same way.
func (s *server) writeSheet(w http.ResponseWriter, r *http.Request, q *request, sh *sheet.Sheet, format, name string) {
	var b bytes.Buffer
	var ctype string
	var err error
	switch format {
	case "csv":
		ctype = "text/csv; charset=utf-8"
		err = sheet.WriteCSV(&b, sh)
	default:
		s.notFoundPage(w, r, q)
		return
	}
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name + "." + format}))
	h.Set("X-Content-Type-Options", "nosniff")
	w.Write(b.Bytes())
}
