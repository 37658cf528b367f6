package web

import (
	"hasap/report/sheet"
)

// A report page shows the sheet it exports (package report/sheet) as an
// HTML table through the "sheet-table" part of parts.html: the same
// columns, header groups, rows and totals, with numbers written in the
// page's language and each cell that has one a link (to the account card,
// the document, the counterparty's open items).

// sheetView is a sheet ready for the "sheet-table" part.
type sheetView struct {
	Class  string      // the table's class, besides "num"
	Groups []groupHead // the header row of the groups; nil when no column has a group
	Heads  []colHead   // the header row of the columns
	Rows   []viewRow
	Cols   int // the columns, which a heading spans
}

// groupHead is a cell of the groups' row: a group over Span columns, or a
// column without a group (Title "", spanning both header rows).
type groupHead struct {
	Title string
	Span  int
	Col   colHead // for a column without a group
}

type colHead struct {
	Title string
	Num   bool
}

type viewRow struct {
	Total bool // the sheet's totals (or a subtotal): bold
	// Heading is a section's heading inside the table: Text over all the
	// columns, instead of Cells.
	Heading bool
	Text    string
	Cells   []viewCell
}

type viewCell struct {
	Text, URL string
	Num       bool
	Level     int
}

// newSheetView lays rows [from, to) of sh out for the page; link gives
// the address of a cell (row index in sh.Rows, column), "" for none. The
// sheet's total rows are always shown.
func newSheetView(p *page, sh *sheet.Sheet, class string, from, to int, link func(row, col int) string) *sheetView {
	v := &sheetView{Class: class, Cols: len(sh.Columns)}
	grouped := false
	for _, c := range sh.Columns {
		v.Heads = append(v.Heads, colHead{Title: c.Title, Num: c.Numeric()})
		grouped = grouped || c.Group != ""
	}
	if grouped {
		for i := 0; i < len(sh.Columns); {
			c := sh.Columns[i]
			if c.Group == "" {
				v.Groups = append(v.Groups, groupHead{Col: v.Heads[i]})
				i++
				continue
			}
			j := i
			for j < len(sh.Columns) && sh.Columns[j].Group == c.Group {
				j++
			}
			v.Groups = append(v.Groups, groupHead{Title: c.Group, Span: j - i})
			i = j
		}
		var under []colHead
		for _, c := range sh.Columns {
			if c.Group != "" {
				under = append(under, colHead{Title: c.Title, Num: c.Numeric()})
			}
		}
		v.Heads = under
	}
	for i, r := range sh.Rows {
		total := r.Style == sheet.Total || r.Style == sheet.Subtotal
		if (i < from || i >= to) && r.Style != sheet.Total {
			continue
		}
		vr := viewRow{Total: total}
		if r.Style == sheet.Heading {
			for _, c := range r.Cells {
				vr.Text += c.Text
			}
			v.Rows = append(v.Rows, viewRow{Heading: true, Text: vr.Text})
			continue
		}
		for j, c := range r.Cells {
			col := sh.Columns[j]
			vc := viewCell{Text: sheet.Format(c, col, p.loc), Num: col.Numeric()}
			if j == 0 {
				vc.Level = r.Level
			}
			if link != nil && c.Set {
				vc.URL = link(i, j)
			}
			vr.Cells = append(vr.Cells, vc)
		}
		v.Rows = append(v.Rows, vr)
	}
	return v
}
