package printform

// The box for marks made by hand and the tear-off part of a PDF form.

const (
	marksH     = 24.0 // the box for marks made by hand
	tearOffMin = 70.0 // the tear-off starts on a new page unless this much is left
	cutGap     = 6.0  // space above and below the cut line
)

// marks draws an empty bordered box with the Marks label in its corner.
func (p *pdfWriter) marks() {
	if p.f.Marks == "" {
		return
	}
	p.gap(4)
	p.font(true, smallPt)
	lines := cut(p.split(p.f.Marks, contentW-2*cellPad), 2)
	h := max(marksH, float64(len(lines))*smallH+2*rowPad)
	p.need(h)
	y := p.pdf.GetY()
	p.pdf.Rect(marginL, y, contentW, h, "D")
	for i, l := range lines {
		p.pdf.SetXY(marginL, y+rowPad+float64(i)*smallH)
		p.pdf.CellFormat(contentW, smallH, l, "", 0, "L", false, 0, "")
	}
	p.pdf.SetXY(marginL, y+h)
}

// tearOff draws a dashed cut line with its caption, then the tear-off
// part, on the same page when the part's first lines fit there.
func (p *pdfWriter) tearOff() {
	if p.f.TearOff == nil {
		return
	}
	p.gap(cutGap)
	p.need(tearOffMin)
	y := p.pdf.GetY()
	p.font(false, captionPt)
	capW := p.pdf.GetStringWidth(p.wd.cut) + 4
	left := (contentW - capW) / 2
	p.pdf.SetDashPattern([]float64{1.5, 1}, 0)
	p.pdf.Line(marginL, y, marginL+left, y)
	p.pdf.Line(marginL+left+capW, y, marginL+contentW, y)
	p.pdf.SetDashPattern([]float64{}, 0)
	p.pdf.SetXY(marginL+left, y-signCapH/2)
	p.pdf.CellFormat(capW, signCapH, p.wd.cut, "", 0, "C", false, 0, "")
	p.pdf.SetXY(marginL, y+cutGap)
	main, t := p.f, *p.f.TearOff
	t.Lang = main.Lang
	p.f = &t
	p.part()
	p.f = main
}
