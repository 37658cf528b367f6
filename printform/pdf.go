package printform

import (
	_ "embed"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"hasap/ledger"
)

//go:embed fonts/LiberationSans-Regular.ttf
var fontRegular []byte

//go:embed fonts/LiberationSans-Bold.ttf
var fontBold []byte

// The page, in millimetres: A4 portrait with the margins of a CIS form (a
// wider left one for the binder).
const (
	pageW, pageH     = 210.0, 297.0
	marginL, marginR = 20.0, 12.0
	marginT, marginB = 15.0, 15.0
	contentW         = pageW - marginL - marginR
	bottomY          = pageH - marginB

	family    = "LiberationSans"
	bodyPt    = 9.5 // body text
	smallPt   = 8.5 // party details, table header
	captionPt = 6.5 // "(подпись)"
	lineH     = 4.2 // one line of body text
	smallH    = 3.8 // one line of small text
	cellPad   = 1.0 // horizontal text margin in a cell
	rowPad    = 0.8 // vertical padding in a table row

	maxHeaderLines = 6   // a column header longer than this is cut with "…"
	minHeaderPt    = 6.5 // the table header's font shrinks down to this
)

// noDateCreated is the creation date of a form without a date: a fixed
// one, so that the output stays the same from run to run.
var noDateCreated = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// PDF writes f as an A4 PDF. The same form gives the same bytes. The error
// is a limit of the form (see Form) or the writer's.
func PDF(w io.Writer, f Form) error {
	if err := f.check(); err != nil {
		return err
	}
	p := newPDFWriter(&f)
	p.part()
	p.marks()
	p.tearOff()
	p.pageNumbers()
	if p.tooLong {
		return ledger.Errorf(ledger.EInvalid, "printed form takes more than %d pages", MaxPages)
	}
	if err := p.pdf.Output(w); err != nil {
		return fmt.Errorf("print form %q as PDF: %w", f.Title, err)
	}
	return nil
}

// pdfWriter lays out one form on fpdf's pages.
type pdfWriter struct {
	pdf  *fpdf.Fpdf
	f    *Form // the part being drawn: the form, then its tear-off
	main *Form // the form
	wd   *words

	// the table, while it is drawn
	widths    []float64
	headLines [][]string
	headH     float64
	headPt    float64 // the header's font size
	fresh     bool    // nothing drawn under the repeated header yet

	top      float64 // where the form's content starts on this page
	labelCol float64 // the width of the parties' and fields' labels

	runningHead string // the head line of the pages after the first
	tooLong     bool   // the form needs more than MaxPages pages
}

func newPDFWriter(f *Form) *pdfWriter {
	pdf := fpdf.New("P", "mm", "A4", "")
	created := noDateCreated
	if f.Date != ledger.NoDate {
		created = f.Date.Time()
	}
	pdf.SetCreationDate(created)
	pdf.SetModificationDate(created)
	pdf.SetCatalogSort(true)
	pdf.SetProducer("Hasap", false)
	pdf.SetTitle(pdfText(f.Title), true)
	pdf.SetLang(wordsLang(f.Lang))
	pdf.SetMargins(marginL, marginT, marginR)
	pdf.SetAutoPageBreak(false, marginB) // pages break where this file says
	pdf.SetCellMargin(cellPad)
	pdf.AddUTF8FontFromBytes(family, "", fontRegular)
	pdf.AddUTF8FontFromBytes(family, "B", fontBold)
	pdf.SetLineWidth(0.25)
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetTextColor(0, 0, 0)
	pdf.AddPage()
	return &pdfWriter{pdf: pdf, f: f, main: f, wd: wordsFor(f.Lang), top: marginT}
}

// part draws the form p.f from its title to its stamp.
func (p *pdfWriter) part() {
	p.title()
	p.labelCol = p.labelColumn()
	p.parties()
	p.fields()
	p.table()
	p.amountInWords()
	p.notes()
	p.signatures()
}

func (p *pdfWriter) font(bold bool, pt float64) {
	style := ""
	if bold {
		style = "B"
	}
	p.pdf.SetFont(family, style, pt)
}

// split wraps s, made printable, into lines of width w in the current font,
// each paragraph on its own lines; "" is one empty line.
func (p *pdfWriter) split(s string, w float64) []string {
	var out []string
	for _, para := range strings.Split(pdfText(s), "\n") {
		lines := p.pdf.SplitText(para, w)
		if len(lines) == 0 {
			lines = []string{""}
		}
		out = append(out, lines...)
	}
	return out
}

// need starts a new page unless h more millimetres fit on this one (or
// this one is still empty).
func (p *pdfWriter) need(h float64) {
	if y := p.pdf.GetY(); y+h > bottomY && y > p.top+0.01 {
		p.newPage()
	}
}

// newPage starts a page that continues the form: a small running head
// with the title, number and date tells which form a loose page is of.
// Past MaxPages it adds no page and marks the form too long.
func (p *pdfWriter) newPage() {
	if p.pdf.PageCount() >= MaxPages {
		p.tooLong = true
		return
	}
	p.pdf.AddPage()
	p.font(false, 8)
	if p.runningHead == "" {
		head := p.main.Title
		if h := p.wd.heading(p.main); h != "" {
			head += " " + h
		}
		ls := p.split(head, contentW)
		if len(ls) > 1 {
			ls[0] += "…"
		}
		p.runningHead = ls[0]
	}
	p.pdf.CellFormat(contentW, 4, p.runningHead, "", 1, "L", false, 0, "")
	p.gap(2)
	p.top = p.pdf.GetY()
}

func (p *pdfWriter) gap(h float64) { p.pdf.SetY(p.pdf.GetY() + h) }

func (p *pdfWriter) title() {
	p.font(true, 13)
	for _, l := range p.split(p.f.Title, contentW) {
		p.need(6)
		p.pdf.CellFormat(contentW, 6, l, "", 1, "C", false, 0, "")
	}
	if h := p.wd.heading(p.f); h != "" {
		p.font(true, 10.5)
		for _, l := range p.split(h, contentW) {
			p.need(5)
			p.pdf.CellFormat(contentW, 5, l, "", 1, "C", false, 0, "")
		}
	}
	p.gap(4)
}

// labelled writes "Label: value" with the label bold and the value's
// lines indented under its first one. The value starts at col, the width
// of a label column shared by several lines, or (col 0) right after the
// label; a label wider than that column or than half the page gets lines
// of its own.
func (p *pdfWriter) labelled(label, value string, col float64) {
	label = strings.TrimSuffix(pdfText(label), ":")
	if label != "" {
		label += ":"
	}
	lw := p.labelWidth(label)
	switch {
	case col > 0 && lw <= col:
		lw = col
	case lw > contentW/2 || col > 0:
		p.font(true, bodyPt)
		for _, l := range p.split(label, contentW) {
			p.need(lineH)
			p.pdf.CellFormat(contentW, lineH, l, "", 1, "L", false, 0, "")
		}
		lw, label = col, ""
	}
	p.font(false, bodyPt)
	for i, l := range p.split(value, contentW-lw) {
		p.need(lineH)
		y := p.pdf.GetY()
		if i == 0 && label != "" {
			p.font(true, bodyPt)
			p.pdf.SetXY(marginL, y)
			p.pdf.CellFormat(lw, lineH, label, "", 0, "L", false, 0, "")
			p.font(false, bodyPt)
		}
		p.pdf.SetXY(marginL+lw, y)
		p.pdf.CellFormat(contentW-lw, lineH, l, "", 1, "L", false, 0, "")
	}
}

// labelWidth is the width label (with its colon) takes in bold.
func (p *pdfWriter) labelWidth(label string) float64 {
	if label == "" {
		return 0
	}
	p.font(true, bodyPt)
	return p.pdf.GetStringWidth(label) + 2*cellPad
}

// labelColumn is the width of the label column the parties and the header
// fields share, so that their values line up: the widest label, but at
// most a third of the page (a wider label gets a line of its own).
func (p *pdfWriter) labelColumn() float64 {
	var labels []string
	for _, pt := range []*Party{&p.f.Issuer, &p.f.Recipient} {
		if pt.Name != "" || pt.Role != "" {
			labels = append(labels, pt.Role)
		}
	}
	for _, fl := range p.f.Fields {
		labels = append(labels, fl.Label)
	}
	col := 0.0
	for _, l := range labels {
		w := p.labelWidth(strings.TrimSuffix(pdfText(l), ":") + ":")
		if w <= contentW/3 {
			col = max(col, w)
		}
	}
	return col
}

func (p *pdfWriter) parties() {
	for _, pt := range []*Party{&p.f.Issuer, &p.f.Recipient} {
		if pt.Name == "" && pt.Role == "" {
			continue
		}
		p.labelled(pt.Role, pt.Name, p.labelCol)
		if d := p.wd.partyDetails(pt); len(d) > 0 {
			parts := make([]string, len(d))
			for i, fl := range d {
				parts[i] = fl.Label + ": " + fl.Value
			}
			p.font(false, smallPt)
			for _, l := range p.split(strings.Join(parts, "; "), contentW-p.labelCol) {
				p.need(smallH)
				p.pdf.SetX(marginL + p.labelCol)
				p.pdf.CellFormat(contentW-p.labelCol, smallH, l, "", 1, "L", false, 0, "")
			}
		}
		p.gap(2)
	}
}

func (p *pdfWriter) fields() {
	for _, fl := range p.f.Fields {
		p.labelled(fl.Label, fl.Value, p.labelCol)
		p.gap(0.5)
	}
}

func (p *pdfWriter) amountInWords() {
	if p.f.AmountInWords == "" {
		return
	}
	p.gap(3)
	p.labelled(p.wd.inWords, p.f.AmountInWords, 0)
}

func (p *pdfWriter) notes() {
	if p.f.Notes == "" {
		return
	}
	p.gap(2)
	p.font(false, bodyPt)
	for _, l := range p.split(p.f.Notes, contentW) {
		p.need(lineH)
		p.pdf.CellFormat(contentW, lineH, l, "", 1, "L", false, 0, "")
	}
}

// pageNumbers writes "n/N" at the foot of every page when there are two or
// more. The pages' content streams each set their own font, so the font
// is switched on every page before writing.
func (p *pdfWriter) pageNumbers() {
	n := p.pdf.PageCount()
	if n < 2 {
		return
	}
	for i := 1; i <= n; i++ {
		p.pdf.SetPage(i)
		p.font(true, 8) // a different font first, so that the next one is written out on this page
		p.font(false, 8)
		p.pdf.SetXY(marginL, pageH-marginB+4)
		p.pdf.CellFormat(contentW, 4, fmt.Sprintf("%d/%d", i, n), "", 0, "R", false, 0, "")
	}
}
