package web

import (
	"bytes"
	"mime"
	"net/http"
	"net/url"

	"hasap/interop/export"
	"hasap/money"
	"hasap/report/sheet"
)

// exportFormat is the ?format= a report page was asked for: "" for the
// page itself, else csv, xlsx or pdf.
func exportFormat(r *http.Request) string {
	if f := r.URL.Query().Get("format"); export.Known(f) {
		return f
	}
	return ""
}

// writeSheet answers a report page's ?format= with the report as a file
// named after the sheet and the period (name without extension). Every
// report page builds its sheet.Sheet and hands it here, so each exports
// the same way.
func (s *server) writeSheet(w http.ResponseWriter, r *http.Request, q *request, sh *sheet.Sheet, format, name string) {
	if !export.Known(format) {
		s.notFoundPage(w, r, q)
		return
	}
	var b bytes.Buffer
	ctype, err := export.Write(&b, sh, format, money.Locale(q.lang))
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

// ExportURL is this page's address asking for the report as a file of
// format (csv, xlsx, pdf), with the page's own filters: the template part
// "downloads" links to it.
func (p *page) ExportURL(format string) string {
	u, err := url.Parse(p.Here)
	if err != nil {
		return p.Here
	}
	v := u.Query()
	v.Set("format", format)
	v.Del("after") // an export is the whole report, not a page of it
	v.Del("before")
	u.RawQuery = v.Encode()
	return u.RequestURI()
}
