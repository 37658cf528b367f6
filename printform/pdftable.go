package printform

import "strings"

// The table of a PDF form: rows wrap their text, break across pages with
// the header repeated, and a row taller than a page goes on over pages.

func (p *pdfWriter) table() {
	cols := p.f.Table.Columns
	if len(cols) == 0 {
		return
	}
	p.widths = columnWidths(cols, contentW)
	p.headPt = p.headerSize(cols)
	p.font(true, p.headPt)
	p.headLines = make([][]string, len(cols))
	n := 1
	for i, c := range cols {
		ls := cut(p.split(c.Header, p.widths[i]), maxHeaderLines)
		p.headLines[i] = ls
		n = max(n, len(ls))
	}
	p.headH = float64(n)*p.headLineH() + 2*rowPad

	p.gap(2)
	p.need(p.headH + lineH + 2*rowPad)
	p.header()
	aligns := make([]string, len(cols))
	for i, c := range cols {
		aligns[i] = pdfAlign(c.Align)
	}
	borders := make([]bool, len(cols))
	for i := range borders {
		borders[i] = true
	}
	for _, r := range p.f.Table.Rows {
		p.font(false, bodyPt)
		cells := make([][]string, len(cols))
		for i := range cols {
			s := ""
			if i < len(r) {
				s = r[i]
			}
			cells[i] = p.split(s, p.widths[i])
		}
		p.row(cells, p.widths, aligns, borders, false)
	}
	for _, r := range p.f.Table.Totals {
		p.totalsRow(cols, aligns, r)
	}
}

// headerSize is the font size of the table's header: the small size, or
// less (down to minHeaderPt) until every word of every header fits its
// column, so that "Ставка" is not broken into "Ставк" and "а".
func (p *pdfWriter) headerSize(cols []Column) float64 {
	pt := smallPt
	for ; pt > minHeaderPt; pt -= 0.5 {
		p.font(true, pt)
		if p.wordsFit(cols) {
			break
		}
	}
	return pt
}

func (p *pdfWriter) wordsFit(cols []Column) bool {
	for i, c := range cols {
		for _, w := range strings.Fields(pdfText(c.Header)) {
			if p.pdf.GetStringWidth(w) > p.widths[i]-2*cellPad {
				return false
			}
		}
	}
	return true
}

func (p *pdfWriter) headLineH() float64 { return smallH * p.headPt / smallPt }

// header draws the table's header at the current line.
func (p *pdfWriter) header() {
	p.font(true, p.headPt)
	lh := p.headLineH()
	p.pdf.SetFillColor(235, 235, 235)
	x, y := marginL, p.pdf.GetY()
	for i, w := range p.widths {
		p.pdf.Rect(x, y, w, p.headH, "FD")
		ls := p.headLines[i]
		top := y + (p.headH-float64(len(ls))*lh)/2
		for j, l := range ls {
			p.pdf.SetXY(x, top+float64(j)*lh)
			p.pdf.CellFormat(w, lh, l, "", 0, "C", false, 0, "")
		}
		x += w
	}
	p.pdf.SetXY(marginL, y+p.headH)
	p.fresh = true
}

// totalsRow draws a totals row: its cells fill the last columns, the first
// one (the label, bold, without a border) spanning the columns to the left.
func (p *pdfWriter) totalsRow(cols []Column, aligns []string, r []string) {
	if len(r) == 0 {
		return
	}
	start := len(cols) - len(r)
	labelW := 0.0
	for _, w := range p.widths[:start+1] {
		labelW += w
	}
	widths := append([]float64{labelW}, p.widths[start+1:]...)
	al := append([]string{"R"}, aligns[start+1:]...)
	borders := make([]bool, len(widths))
	for i := 1; i < len(borders); i++ {
		borders[i] = true
	}
	p.font(true, bodyPt)
	cells := make([][]string, len(r))
	for i, s := range r {
		cells[i] = p.split(s, widths[i])
	}
	p.row(cells, widths, al, borders, true)
}

// row draws one table row of cells (their lines already wrapped) in the
// given widths. A row that does not fit under the rows above goes to a new
// page; one taller than a whole page is cut between its lines.
func (p *pdfWriter) row(cells [][]string, widths []float64, aligns []string, borders []bool, bold bool) {
	n := 1
	for _, c := range cells {
		n = max(n, len(c))
	}
	for done := 0; done < n; {
		fit := int((bottomY - p.pdf.GetY() - 2*rowPad) / lineH)
		if fit < n-done && !p.fresh {
			p.newPage()
			p.header()
			continue
		}
		k := max(1, min(fit, n-done))
		h := float64(k)*lineH + 2*rowPad
		x, y := marginL, p.pdf.GetY()
		p.font(bold, bodyPt)
		for i, w := range widths {
			if borders[i] {
				p.pdf.Rect(x, y, w, h, "D")
			}
			for j := 0; j < k && done+j < len(cells[i]); j++ {
				p.pdf.SetXY(x, y+rowPad+float64(j)*lineH)
				p.pdf.CellFormat(w, lineH, cells[i][done+j], "", 0, aligns[i], false, 0, "")
			}
			x += w
		}
		p.pdf.SetXY(marginL, y+h)
		p.fresh = false
		done += k
	}
}

func pdfAlign(a Align) string {
	switch a {
	case AlignRight:
		return "R"
	case AlignCenter:
		return "C"
	}
	return "L"
}
