package sheet

import (
	"encoding/csv"
	"io"
	"strings"

	"hasap/money"
)

// WriteCSV writes the sheet as a flat table for spreadsheets and scripts:
// UTF-8 with a byte-order mark (so spreadsheet programs read Cyrillic and
// Turkmen letters right), a header row ("Opening balance: Debit" where a
// column has a group), then one record per row. Numbers are canonical
// decimals with a point ("-1150.00") and dates YYYY-MM-DD, whatever the
// language, so the file reads back exactly; the sub-levels of a text first
// column are indented with two spaces each.
func WriteCSV(w io.Writer, s *Sheet) error {
	if err := s.Check(); err != nil {
		return err
	}
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	head := make([]string, len(s.Columns))
	for i, c := range s.Columns {
		head[i] = c.Title
		if c.Group != "" {
			head[i] = c.Group + ": " + c.Title
		}
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	rec := make([]string, len(s.Columns))
	for _, r := range s.Rows {
		for i, c := range r.Cells {
			col := s.Columns[i]
			switch {
			case !c.Set:
				rec[i] = ""
			case col.Numeric():
				rec[i] = money.Decimal(c.N, col.Decimals())
			default:
				rec[i] = c.Text
			}
			if i == 0 && r.Level > 0 && rec[i] != "" && col.Kind == Text {
				rec[i] = strings.Repeat("  ", r.Level) + rec[i]
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
