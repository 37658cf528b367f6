package printform

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/go-pdf/fpdf"

	"hasap/ledger"
	"hasap/money"
	"hasap/report/sheet"
)

// A report (sheet.Sheet) printed as an A4 table: the title and its lines,
// a bordered table whose header (the groups over their columns) is
// repeated on every page, numbers right-aligned in the locale's style,
// levels indented, subtotal and total rows bold, page numbers at the foot.
// Columns that do not fit the page make the font smaller, down to
// sheetMinPt; past that the text columns share what the numbers leave and
// wrap their text.

// MaxSheetPages bounds the pages of a report's PDF.
const MaxSheetPages = 2_000

const (
	sheetMarginL, sheetMarginR = 15.0, 10.0
	sheetMarginT, sheetMarginB = 12.0, 14.0
	sheetPt                    = 8.5 // the table's font, shrunk down to sheetMinPt
	sheetMinPt                 = 6.0
	sheetFloorPt               = 4.0  // the last resort, when the numbers alone do not fit at sheetMinPt
	sheetIndent                = 3.0  // mm per level of the first column
	sheetMaxIndent             = 8    // levels
	sheetMinText               = 14.0 // mm, the narrowest a text column gets
)

// SheetPDF writes s as an A4 PDF (landscape when s.Landscape), numbers and
// dates in loc's style. The same sheet gives the same bytes.
func SheetPDF(w io.Writer, s *sheet.Sheet, loc money.Locale) error {
	if err := s.Check(); err != nil {
		return err
	}
	sw := newSheetWriter(s, loc)
	sw.layout()
	sw.titleBlock()
	sw.header()
	for i, r := range s.Rows {
		sw.row(i, r)
		if sw.tooLong {
			return ledger.Errorf(ledger.EInvalid, "report %s takes more than %d pages", s.Name, MaxSheetPages)
		}
	}
	sw.pageNumbers()
	if err := sw.pdf.Output(w); err != nil {
		return fmt.Errorf("print report %s as PDF: %w", s.Name, err)
	}
	return nil
}

type sheetWriter struct {
	pdf  *fpdf.Fpdf
	s    *sheet.Sheet
	loc  money.Locale
	pw   float64 // page width, mm
	ph   float64
	cw   float64 // content width
	pt   float64 // the table's font size
	lh   float64 // one line of the table
	wd   []float64
	text [][]string // every cell as printed, [row][col]

	groupH, headH float64 // the header's two rows (groupH 0 when no groups)
	headLines     [][]string
	fresh         bool // nothing drawn under the header on this page yet
	tooLong       bool
}

func newSheetWriter(s *sheet.Sheet, loc money.Locale) *sheetWriter {
	orient, pw, ph := "P", pageW, pageH
	if s.Landscape {
		orient, pw, ph = "L", pageH, pageW
	}
	pdf := fpdf.New(orient, "mm", "A4", "")
	pdf.SetCreationDate(noDateCreated)
	pdf.SetModificationDate(noDateCreated)
	pdf.SetCatalogSort(true)
	pdf.SetProducer("Hasap", false)
	pdf.SetTitle(pdfText(s.Title), true)
	pdf.SetLang(wordsLang(string(loc)))
	pdf.SetMargins(sheetMarginL, sheetMarginT, sheetMarginR)
	pdf.SetAutoPageBreak(false, sheetMarginB)
	pdf.SetCellMargin(cellPad)
	pdf.AddUTF8FontFromBytes(family, "", fontRegular)
	pdf.AddUTF8FontFromBytes(family, "B", fontBold)
	pdf.SetLineWidth(0.2)
	pdf.AddPage()
	sw := &sheetWriter{pdf: pdf, s: s, loc: loc, pw: pw, ph: ph, cw: pw - sheetMarginL - sheetMarginR}
	sw.text = make([][]string, len(s.Rows))
	for i, r := range s.Rows {
		sw.text[i] = make([]string, len(r.Cells))
		for j, c := range r.Cells {
			sw.text[i][j] = pdfText(sheet.Format(c, s.Columns[j], loc))
		}
	}
	return sw
}

func (sw *sheetWriter) font(bold bool, pt float64) {
	style := ""
	if bold {
		style = "B"
	}
	sw.pdf.SetFont(family, style, pt)
}

func (sw *sheetWriter) bottom() float64 { return sw.ph - sheetMarginB }

// layout chooses the font size and the columns' widths: the largest size
// at which every column gets its widest value and header word; else the
// smallest, numbers keeping their widths and text columns sharing the rest.
func (sw *sheetWriter) layout() {
	for pt := sheetPt; ; pt -= 0.5 {
		sw.pt = pt
		need, text := sw.natural(pt)
		total, fixed := 0.0, 0.0
		for j, w := range need {
			total += w
			if !text[j] {
				fixed += w
			}
		}
		numbersFit := fixed+sheetMinText*float64(countTrue(text)) <= sw.cw
		if total <= sw.cw || pt <= sheetMinPt && numbersFit || pt <= sheetFloorPt {
			sw.wd = sw.fit(need, text, total)
			break
		}
	}
	sw.lh = sw.pt * 0.45
	sw.headerLayout()
}

// natural is each column's width at pt: its widest cell (a text column at
// most a third of the page) or the longest word of its header, and which
// columns are text.
func (sw *sheetWriter) natural(pt float64) (need []float64, text []bool) {
	cols := sw.s.Columns
	need = make([]float64, len(cols))
	text = make([]bool, len(cols))
	for j, c := range cols {
		text[j] = !c.Numeric() && c.Kind != sheet.Date
		sw.font(true, pt)
		w := 0.0
		words := c.Title
		if sw.alone(j) { // a group over this column alone must fit it
			words += " " + c.Group
		}
		for _, word := range strings.Fields(pdfText(words)) {
			w = max(w, sw.pdf.GetStringWidth(word))
		}
		for i, r := range sw.s.Rows {
			sw.font(r.Style != sheet.Plain, pt)
			cw := sw.pdf.GetStringWidth(sw.text[i][j])
			if j == 0 && c.Kind == sheet.Text {
				cw += indentOf(r)
			}
			w = max(w, cw)
		}
		if text[j] {
			w = min(w, sw.cw/3)
		}
		need[j] = w + 2*cellPad + 0.5
	}
	// A group's longest word must fit over its columns: the columns of a
	// group too narrow for it share what is missing.
	sw.font(true, pt)
	for _, sp := range sw.groups() {
		w := 0.0
		for _, word := range strings.Fields(pdfText(cols[sp[0]].Group)) {
			w = max(w, sw.pdf.GetStringWidth(word)+2*cellPad+0.5)
		}
		have := 0.0
		for _, x := range need[sp[0]:sp[1]] {
			have += x
		}
		if w > have {
			for j := sp[0]; j < sp[1]; j++ {
				need[j] += (w - have) / float64(sp[1]-sp[0])
			}
		}
	}
	return need, text
}

// alone reports whether column j has a group no neighbour shares.
func (sw *sheetWriter) alone(j int) bool {
	cols := sw.s.Columns
	g := cols[j].Group
	return g != "" && (j == 0 || cols[j-1].Group != g) && (j == len(cols)-1 || cols[j+1].Group != g)
}

func indentOf(r sheet.Row) float64 {
	return float64(min(max(r.Level, 0), sheetMaxIndent)) * sheetIndent
}

// fit spreads the page's width over the columns: room to spare goes to
// all in proportion; too little is taken from the text columns, down to
// sheetMinText, then from all alike.
func (sw *sheetWriter) fit(need []float64, text []bool, total float64) []float64 {
	wd := append([]float64(nil), need...)
	textW := 0.0
	for j, w := range need {
		if text[j] {
			textW += w
		}
	}
	if textW == 0 {
		textW = total
		text = make([]bool, len(need))
		for j := range text {
			text[j] = true
		}
	}
	if total <= sw.cw {
		for j := range wd {
			wd[j] += (sw.cw - total) * need[j] / total
		}
		return wd
	}
	fixed := total - textW
	room := sw.cw - fixed
	if room >= sheetMinText*float64(countTrue(text)) {
		// The widest text columns give up their width down to one level,
		// the narrow ones (a code, a currency) keep theirs whole.
		level := capLevel(need, text, room)
		for j := range wd {
			if text[j] {
				wd[j] = min(need[j], level)
			}
		}
		return wd
	}
	for j := range wd { // numbers alone do not fit: everything shrinks
		wd[j] = need[j] * sw.cw / total
	}
	return wd
}

// capLevel is the width L at which the text columns' min(need, L) add
// up to room (with room less than their needs' sum).
func capLevel(need []float64, text []bool, room float64) float64 {
	var ws []float64
	for j, w := range need {
		if text[j] {
			ws = append(ws, w)
		}
	}
	slices.Sort(ws)
	for i, w := range ws {
		k := float64(len(ws) - i)
		if w*k >= room {
			return room / k
		}
		room -= w
	}
	return ws[len(ws)-1]
}

func countTrue(b []bool) int {
	n := 0
	for _, v := range b {
		if v {
			n++
		}
	}
	return n
}

// headerLayout wraps the columns' titles and the groups' titles.
func (sw *sheetWriter) headerLayout() {
	sw.font(true, sw.pt)
	n := 1
	sw.headLines = make([][]string, len(sw.s.Columns))
	hasGroup := false
	for j, c := range sw.s.Columns {
		sw.headLines[j] = cut(sw.split(c.Title, sw.wd[j]), maxHeaderLines)
		n = max(n, len(sw.headLines[j]))
		hasGroup = hasGroup || c.Group != ""
	}
	sw.headH = float64(n)*sw.lh + 2*rowPad
	if hasGroup {
		g := 1
		for _, sp := range sw.groups() {
			g = max(g, len(cut(sw.split(sw.s.Columns[sp[0]].Group, sw.spanW(sp)), maxHeaderLines)))
		}
		sw.groupH = float64(g)*sw.lh + 2*rowPad
	}
}

// groups are the runs [first, end) of adjacent columns with one group.
func (sw *sheetWriter) groups() [][2]int {
	cols := sw.s.Columns
	var out [][2]int
	for i := 0; i < len(cols); {
		j := i + 1
		for j < len(cols) && cols[i].Group != "" && cols[j].Group == cols[i].Group {
			j++
		}
		if cols[i].Group != "" {
			out = append(out, [2]int{i, j})
		}
		i = j
	}
	return out
}

func (sw *sheetWriter) spanW(sp [2]int) float64 {
	w := 0.0
	for _, x := range sw.wd[sp[0]:sp[1]] {
		w += x
	}
	return w
}

func (sw *sheetWriter) split(s string, w float64) []string {
	var out []string
	for _, para := range strings.Split(pdfText(s), "\n") {
		lines := sw.pdf.SplitText(para, max(w, 2*cellPad+1)) // SplitText leaves the cell's margins itself
		if len(lines) == 0 {
			lines = []string{""}
		}
		out = append(out, lines...)
	}
	return out
}

func (sw *sheetWriter) titleBlock() {
	sw.font(true, 12)
	for _, l := range sw.split(sw.s.Title, sw.cw) {
		sw.pdf.CellFormat(sw.cw, 5.5, l, "", 1, "L", false, 0, "")
	}
	sw.font(false, 9)
	for _, line := range sw.s.Lines {
		for _, l := range sw.split(line, sw.cw) {
			sw.pdf.CellFormat(sw.cw, 4.2, l, "", 1, "L", false, 0, "")
		}
	}
	sw.pdf.SetY(sw.pdf.GetY() + 2)
}

// header draws the table's header at the current line: the groups' row
// (columns without a group take both rows), then the columns' titles.
func (sw *sheetWriter) header() {
	sw.font(true, sw.pt)
	sw.pdf.SetFillColor(235, 235, 235)
	y := sw.pdf.GetY()
	full := sw.groupH + sw.headH
	x := sheetMarginL
	inGroup := make([]bool, len(sw.wd))
	for _, sp := range sw.groups() {
		gx := sheetMarginL
		for _, w := range sw.wd[:sp[0]] {
			gx += w
		}
		gw := sw.spanW(sp)
		sw.pdf.Rect(gx, y, gw, sw.groupH, "FD")
		sw.centred(gx, y, gw, sw.groupH, cut(sw.split(sw.s.Columns[sp[0]].Group, gw), maxHeaderLines))
		for j := sp[0]; j < sp[1]; j++ {
			inGroup[j] = true
		}
	}
	for j, w := range sw.wd {
		top, h := y, full
		if inGroup[j] {
			top, h = y+sw.groupH, sw.headH
		}
		sw.pdf.Rect(x, top, w, h, "FD")
		sw.centred(x, top, w, h, sw.headLines[j])
		x += w
	}
	sw.pdf.SetXY(sheetMarginL, y+full)
	sw.fresh = true
}

func (sw *sheetWriter) centred(x, y, w, h float64, lines []string) {
	top := y + (h-float64(len(lines))*sw.lh)/2
	for i, l := range lines {
		sw.pdf.SetXY(x, top+float64(i)*sw.lh)
		sw.pdf.CellFormat(w, sw.lh, l, "", 0, "C", false, 0, "")
	}
}

// newPage continues the table on a new page: a running head with the
// report's title, then the header again.
func (sw *sheetWriter) newPage() {
	if sw.pdf.PageCount() >= MaxSheetPages {
		sw.tooLong = true
		return
	}
	sw.pdf.AddPage()
	sw.font(false, 7.5)
	head := sw.split(sw.s.Title, sw.cw)[0]
	sw.pdf.CellFormat(sw.cw, 4, head, "", 1, "L", false, 0, "")
	sw.pdf.SetY(sw.pdf.GetY() + 1)
	sw.header()
}

// row draws one row: text wrapped in its column, numbers right-aligned,
// the first column indented by the row's level. A row that does not fit
// goes to the next page; one taller than a page is cut between lines.
func (sw *sheetWriter) row(i int, r sheet.Row) {
	bold := r.Style != sheet.Plain
	sw.font(bold, sw.pt)
	cells := make([][]string, len(sw.wd))
	n := 1
	for j, c := range sw.s.Columns {
		w := sw.wd[j]
		if j == 0 && c.Kind == sheet.Text {
			w -= indentOf(r)
		}
		if c.Numeric() || c.Kind == sheet.Date {
			cells[j] = []string{sw.text[i][j]} // a number is never wrapped
		} else {
			cells[j] = sw.split(sw.text[i][j], w)
		}
		n = max(n, len(cells[j]))
	}
	for done := 0; done < n && !sw.tooLong; {
		fit := int((sw.bottom() - sw.pdf.GetY() - 2*rowPad) / sw.lh)
		if fit < n-done && !sw.fresh {
			sw.newPage()
			sw.font(bold, sw.pt)
			continue
		}
		k := max(1, min(fit, n-done))
		h := float64(k)*sw.lh + 2*rowPad
		x, y := sheetMarginL, sw.pdf.GetY()
		if r.Style == sheet.Total {
			sw.pdf.SetLineWidth(0.5)
			sw.pdf.Line(x, y, x+sw.cw, y)
			sw.pdf.SetLineWidth(0.2)
		}
		if r.Style == sheet.Heading {
			sw.pdf.SetFillColor(245, 245, 245)
			sw.pdf.Rect(x, y, sw.cw, h, "F")
		}
		for j, w := range sw.wd {
			sw.pdf.Rect(x, y, w, h, "D")
			align, off := "L", 0.0
			if c := sw.s.Columns[j]; c.Numeric() {
				align = "R"
			} else if j == 0 && c.Kind == sheet.Text {
				off = indentOf(r)
			}
			for l := 0; l < k && done+l < len(cells[j]); l++ {
				sw.pdf.SetXY(x+off, y+rowPad+float64(l)*sw.lh)
				sw.pdf.CellFormat(w-off, sw.lh, cells[j][done+l], "", 0, align, false, 0, "")
			}
			x += w
		}
		sw.pdf.SetXY(sheetMarginL, y+h)
		sw.fresh = false
		done += k
	}
}

// pageNumbers writes "n/N" at the foot of every page.
func (sw *sheetWriter) pageNumbers() {
	n := sw.pdf.PageCount()
	for i := 1; i <= n; i++ {
		sw.pdf.SetPage(i)
		sw.font(true, 7.5) // a different font first, so that the next one is written out on this page
		sw.font(false, 7.5)
		sw.pdf.SetXY(sheetMarginL, sw.ph-sheetMarginB+4)
		sw.pdf.CellFormat(sw.cw, 4, fmt.Sprintf("%d/%d", i, n), "", 0, "R", false, 0, "")
	}
}
