// Package export writes a report's sheet.Sheet in the formats people take
// reports away in: CSV (report/sheet), XLSX (interop/xlsx) and PDF
// (printform). The web pages, the API and the command line all export
// through Write, so a report looks the same whichever way it leaves.
//
// It must not import database/sql, net/http or a store.
package export

import (
	"io"
	"mime"
	"strings"

	"hasap/interop/xlsx"
	"hasap/ledger"
	"hasap/money"
	"hasap/printform"
	"hasap/report/sheet"
)

// Formats are the export formats, in the order pages offer them.
var Formats = []string{"xlsx", "csv", "pdf"}

// ContentType is the media type of a format, "" for one it does not know.
func ContentType(format string) string {
	switch format {
	case "csv":
		return "text/csv; charset=utf-8"
	case "xlsx":
		return xlsx.ContentType
	case "pdf":
		return "application/pdf"
	}
	return ""
}

// Known reports whether format is an export format.
func Known(format string) bool { return ContentType(format) != "" }

// FromAccept picks the export format an Accept header asks for ("" for
// none: the caller answers in its own way, JSON or HTML). The first
// media type of the header that is a format wins; parameters and quality
// values are not weighed.
func FromAccept(accept string) string {
	for _, part := range strings.Split(accept, ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mt {
		case "text/csv":
			return "csv"
		case xlsx.ContentType:
			return "xlsx"
		case "application/pdf":
			return "pdf"
		}
	}
	return ""
}

// Write writes sh in format, numbers and dates in loc's style where the
// format shows them so (XLSX dates, PDF), and returns its media type.
func Write(w io.Writer, sh *sheet.Sheet, format string, loc money.Locale) (ctype string, err error) {
	switch format {
	case "csv":
		err = sheet.WriteCSV(w, sh)
	case "xlsx":
		err = xlsx.Write(w, sh, loc)
	case "pdf":
		err = printform.SheetPDF(w, sh, loc)
	default:
		return "", ledger.Errorf(ledger.EInvalid, "unknown export format %q (csv, xlsx, pdf)", format)
	}
	return ContentType(format), err
}

// BaseName is a report's file name without the extension: its name and
// the period's days where it has them ("trial-balance-2026-01-01-2026-01-31").
func BaseName(name string, from, to ledger.Date) string {
	for _, d := range []ledger.Date{from, to} {
		if d != ledger.NoDate {
			name += "-" + d.String()
		}
	}
	return name
}
