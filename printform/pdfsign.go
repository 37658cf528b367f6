package printform

// The signature lines of a PDF form, CIS style:
//
//	Главный бухгалтер  ______________  Петрова А. А.
//	                     (подпись)     (расшифровка подписи)
//
// and "М.П." for the stamp under them.

const (
	signRoleW  = 48.0 // the role
	signLineW  = 42.0 // the line to sign on
	signGap    = 6.0
	signNameW  = contentW - signRoleW - signLineW - signGap
	signCapH   = 3.0 // the captions under the lines
	signRowGap = 4.0
	stampH     = 8.0
)

func (p *pdfWriter) signatures() {
	if len(p.f.Signatures) == 0 && !p.f.Stamp {
		return
	}
	type signRow struct {
		role, name []string
		n          int
	}
	rows := make([]signRow, len(p.f.Signatures))
	total := 0.0
	for i, s := range p.f.Signatures {
		p.font(true, bodyPt)
		r := signRow{role: cut(p.split(s.Role, signRoleW), maxSignLines)}
		p.font(false, bodyPt)
		r.name = cut(p.split(s.Name, signNameW), maxSignLines)
		r.n = max(len(r.role), len(r.name), 1)
		rows[i] = r
		total += p.signRowH(r.n)
	}
	if p.f.Stamp {
		total += stampH
	}
	p.gap(6)
	if total <= bottomY-marginT { // keep the block on one page when it can be
		p.need(total)
	}
	capW := []string{p.wd.signature, p.wd.nameOfSign}
	for _, r := range rows {
		p.need(p.signRowH(r.n))
		y := p.pdf.GetY()
		lineY := y + float64(r.n)*lineH // the lines under the last text line
		p.font(true, bodyPt)
		p.bottomLines(r.role, marginL, signRoleW, lineY, "L")
		p.font(false, bodyPt)
		nameX := marginL + signRoleW + signLineW + signGap
		p.bottomLines(r.name, nameX, signNameW, lineY, "C")
		lineX := marginL + signRoleW
		p.pdf.Line(lineX, lineY, lineX+signLineW, lineY)
		p.pdf.Line(nameX, lineY, nameX+signNameW, lineY)
		p.font(false, captionPt)
		p.pdf.SetXY(lineX, lineY+0.3)
		p.pdf.CellFormat(signLineW, signCapH, capW[0], "", 0, "C", false, 0, "")
		p.pdf.SetXY(nameX, lineY+0.3)
		p.pdf.CellFormat(signNameW, signCapH, capW[1], "", 0, "C", false, 0, "")
		p.pdf.SetXY(marginL, y+p.signRowH(r.n))
	}
	if p.f.Stamp {
		p.need(stampH)
		p.font(true, bodyPt)
		p.pdf.SetX(marginL + 10)
		p.pdf.CellFormat(30, lineH, p.wd.stamp, "", 1, "L", false, 0, "")
		p.gap(stampH - lineH)
	}
}

func (p *pdfWriter) signRowH(lines int) float64 {
	return float64(lines)*lineH + signCapH + signRowGap
}

// bottomLines writes lines in a column so that the last one ends at y.
func (p *pdfWriter) bottomLines(lines []string, x, w, y float64, align string) {
	top := y - float64(len(lines))*lineH
	for i, l := range lines {
		p.pdf.SetXY(x, top+float64(i)*lineH)
		p.pdf.CellFormat(w, lineH, l, "", 0, align, false, 0, "")
	}
}

// maxSignLines is the most lines of a signer's role or name; more are cut
// with "…".
const maxSignLines = 3

// cut keeps the first n lines, marking a cut with "…".
func cut(lines []string, n int) []string {
	if len(lines) <= n {
		return lines
	}
	lines = lines[:n]
	lines[n-1] += "…"
	return lines
}
