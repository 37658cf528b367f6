package xlsx

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"hasap/ledger"
	"hasap/money"
	"hasap/report/sheet"
)

// Widths of columns, in characters.
const (
	minWidth  = 6
	maxWidth  = 60
	maxIndent = 15
)

// worksheet writes the sheet's cells: the title and its lines, a blank
// row, the header (one row, or two when columns have groups), the rows.
func (b *book) worksheet() string {
	s := b.s
	b.headTop = 2 + len(s.Lines) + 1
	b.headN = 1
	for _, c := range s.Columns {
		if c.Group != "" {
			b.headN = 2
		}
	}
	last := b.headTop + b.headN - 1 + len(s.Rows)
	widths, wrap := b.widths()

	var w strings.Builder
	w.Grow(256 + 64*len(s.Rows)*len(s.Columns))
	w.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	w.WriteString(`<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`)
	fmt.Fprintf(&w, `<dimension ref="A1:%s"/>`, ref(len(s.Columns)-1, last))
	frozen := b.headTop + b.headN - 1
	fmt.Fprintf(&w, `<sheetViews><sheetView workbookViewId="0"><pane ySplit="%d" topLeftCell="A%d" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A%d" sqref="A%d"/></sheetView></sheetViews>`,
		frozen, frozen+1, frozen+1, frozen+1)
	w.WriteString(`<sheetFormatPr defaultRowHeight="13"/><cols>`)
	for i, wd := range widths {
		fmt.Fprintf(&w, `<col min="%d" max="%d" width="%d" customWidth="1"/>`, i+1, i+1, wd)
	}
	w.WriteString(`</cols><sheetData>`)

	title := b.style(xf{font: 2})
	w.WriteString(`<row r="1">`)
	b.textCell(&w, 0, 1, s.Title, title)
	w.WriteString(`</row>`)
	for i, l := range s.Lines {
		fmt.Fprintf(&w, `<row r="%d">`, 2+i)
		b.textCell(&w, 0, 2+i, l, 0)
		w.WriteString(`</row>`)
	}
	merges := b.header(&w)

	formats := make([]int, len(s.Columns))
	for i, c := range s.Columns {
		formats[i] = b.columnFormat(c)
	}
	for i, r := range s.Rows {
		b.row(&w, b.headTop+b.headN+i, b.rowLines(r, widths, wrap), r, formats, wrap)
	}
	w.WriteString(`</sheetData>`)
	if len(merges) > 0 {
		fmt.Fprintf(&w, `<mergeCells count="%d">`, len(merges))
		for _, m := range merges {
			w.WriteString(`<mergeCell ref="` + m + `"/>`)
		}
		w.WriteString(`</mergeCells>`)
	}
	orient := "portrait"
	if s.Landscape {
		orient = "landscape"
	}
	w.WriteString(`<pageMargins left="0.6" right="0.4" top="0.6" bottom="0.7" header="0.3" footer="0.3"/>`)
	fmt.Fprintf(&w, `<pageSetup paperSize="9" orientation="%s" fitToWidth="1" fitToHeight="0"/>`, orient)
	w.WriteString(`<headerFooter><oddFooter>&amp;R&amp;P / &amp;N</oddFooter></headerFooter></worksheet>`)
	return w.String()
}

// header writes the header rows and returns the merged ranges: a group's
// title over its adjacent columns, a column without a group down both rows.
func (b *book) header(w *strings.Builder) []string {
	cols := b.s.Columns
	st := b.style(xf{font: 1, fill: 2, border: 1, center: true, wrap: true})
	top := b.headTop
	var merges []string
	fmt.Fprintf(w, `<row r="%d">`, top)
	for i := 0; i < len(cols); {
		c := cols[i]
		if c.Group == "" {
			b.textCell(w, i, top, c.Title, st)
			if b.headN == 2 {
				merges = append(merges, ref(i, top)+":"+ref(i, top+1))
			}
			i++
			continue
		}
		j := i + 1
		for j < len(cols) && cols[j].Group == c.Group {
			j++
		}
		b.textCell(w, i, top, c.Group, st)
		for k := i + 1; k < j; k++ {
			fmt.Fprintf(w, `<c r="%s" s="%d"/>`, ref(k, top), st)
		}
		if j-i > 1 {
			merges = append(merges, ref(i, top)+":"+ref(j-1, top))
		}
		i = j
	}
	w.WriteString(`</row>`)
	if b.headN == 2 {
		fmt.Fprintf(w, `<row r="%d">`, top+1)
		for i, c := range cols {
			if c.Group == "" {
				fmt.Fprintf(w, `<c r="%s" s="%d"/>`, ref(i, top+1), st)
				continue
			}
			b.textCell(w, i, top+1, c.Title, st)
		}
		w.WriteString(`</row>`)
	}
	return merges
}

// row writes one row of the table at row n.
func (b *book) row(w *strings.Builder, n, lines int, r sheet.Row, formats []int, wrap []bool) {
	if lines > 1 {
		fmt.Fprintf(w, `<row r="%d" ht="%d" customHeight="1">`, n, 13*lines)
	} else {
		fmt.Fprintf(w, `<row r="%d">`, n)
	}
	font, border := 0, 1 // a grid of thin lines, as printed ledgers have
	switch r.Style {
	case sheet.Subtotal, sheet.Heading:
		font = 1
	case sheet.Total:
		font, border = 1, 2
	}
	for i, c := range r.Cells {
		col := b.s.Columns[i]
		x := xf{font: font, border: border, numFmt: formats[i], wrap: wrap[i]}
		if i == 0 && col.Kind == sheet.Text {
			x.indent = min(max(r.Level, 0), maxIndent)
		}
		st := b.style(x)
		switch {
		case !c.Set:
			if st != 0 {
				fmt.Fprintf(w, `<c r="%s" s="%d"/>`, ref(i, n), st)
			}
		case col.Numeric():
			fmt.Fprintf(w, `<c r="%s" s="%d"><v>%s</v></c>`, ref(i, n), st, money.Decimal(c.N, col.Decimals()))
		case col.Kind == sheet.Date:
			d, err := ledger.ParseDate(c.Text)
			if err != nil { // Check has refused it already
				b.textCell(w, i, n, c.Text, st)
				continue
			}
			fmt.Fprintf(w, `<c r="%s" s="%d"><v>%d</v></c>`, ref(i, n), st, excelDay(d))
		default:
			b.textCell(w, i, n, c.Text, st)
		}
	}
	w.WriteString(`</row>`)
}

func (b *book) textCell(w *strings.Builder, col, row int, text string, st int) {
	fmt.Fprintf(w, `<c r="%s"`, ref(col, row))
	if st != 0 {
		fmt.Fprintf(w, ` s="%d"`, st)
	}
	fmt.Fprintf(w, ` t="s"><v>%d</v></c>`, b.str(text))
}

// widths are the columns' widths in characters, from the column's hint or
// from its longest value and header word; a text column whose values are
// longer than the widest column wraps them.
func (b *book) widths() ([]int, []bool) {
	s := b.s
	widths := make([]int, len(s.Columns))
	wrap := make([]bool, len(s.Columns))
	for i, c := range s.Columns {
		n := min(utf8.RuneCountInString(c.Title), 14)
		for _, word := range strings.Fields(c.Title) {
			n = max(n, utf8.RuneCountInString(word))
		}
		for _, r := range s.Rows {
			v := r.Cells[i]
			if !v.Set {
				continue
			}
			l := utf8.RuneCountInString(sheet.Format(v, c, b.loc))
			if i == 0 {
				l += 2 * min(max(r.Level, 0), maxIndent)
			}
			if c.Numeric() && r.Style != sheet.Plain {
				l++ // bold digits are wider
			}
			n = max(n, l)
		}
		n += 2
		if c.Width > 0 { // a hint, widened for longer values up to maxWidth
			n = max(min(c.Width, 255), min(n, maxWidth))
		}
		if n > maxWidth && c.Width <= maxWidth {
			n = maxWidth
			wrap[i] = !c.Numeric()
		}
		widths[i] = max(n, minWidth)
	}
	return widths, wrap
}

// rowLines is how many lines a row's wrapped texts take in their columns'
// widths, for the row's height: spreadsheet programs do not all fit a
// row's height to wrapped text when they open a file.
func (b *book) rowLines(r sheet.Row, widths []int, wrap []bool) int {
	n := 1
	for i, c := range r.Cells {
		if !wrap[i] || !c.Set {
			continue
		}
		w := max(widths[i]-2, 1)
		lines := 0
		for _, para := range strings.Split(c.Text, "\n") {
			lines += max(1, (utf8.RuneCountInString(para)+w-1)/w)
		}
		n = max(n, lines)
	}
	return min(n, 30)
}
