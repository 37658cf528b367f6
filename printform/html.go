package printform

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"
)

//go:embed form.html.tmpl
var formHTML string

var htmlTemplate = template.Must(template.New("form").Parse(formHTML))

// htmlView is what the template reads: the form with the fixed words and
// the derived layout worked out, every text already valid UTF-8.
type htmlView struct {
	Lang, Title, Heading string
	Parties              []htmlParty
	Fields               []Field
	Columns              []htmlColumn
	Rows                 [][]htmlCell
	Totals               [][]htmlCell
	InWordsLabel         string
	AmountInWords, Notes string
	Signatures           []Signature
	SignCaption          string
	NameCaption          string
	Stamp                string
	Marks                string
	CutCaption           string
	TearOff              *htmlView // the part after the cut line; nil for none
}

type htmlParty struct {
	Role, Name string
	Details    []Field
}

type htmlColumn struct {
	Header, Class string
	WidthPct      string // "12.5%"
}

type htmlCell struct {
	Text, Class string
	Span        int // colspan; 0 or 1 is one column
	Label       bool
}

// HTML writes f as a self-contained HTML page for printing: no scripts, no
// external resources, A4 page margins in the embedded CSS. All text is
// escaped. The error is a limit of the form (see Form) or the writer's.
func HTML(w io.Writer, f Form) error {
	if err := f.check(); err != nil {
		return err
	}
	if err := htmlTemplate.Execute(w, newHTMLView(&f)); err != nil {
		return fmt.Errorf("print form %q as HTML: %w", f.Title, err)
	}
	return nil
}

func newHTMLView(f *Form) htmlView {
	wd := wordsFor(f.Lang)
	v := htmlView{
		Lang:          wordsLang(f.Lang),
		Title:         validUTF8(f.Title),
		Heading:       validUTF8(wd.heading(f)),
		Fields:        validFields(f.Fields),
		InWordsLabel:  wd.inWords,
		AmountInWords: validUTF8(f.AmountInWords),
		Notes:         validUTF8(f.Notes),
		SignCaption:   wd.signature,
		NameCaption:   wd.nameOfSign,
	}
	for _, p := range []*Party{&f.Issuer, &f.Recipient} {
		if p.Name == "" && p.Role == "" {
			continue
		}
		v.Parties = append(v.Parties, htmlParty{Role: validUTF8(p.Role), Name: validUTF8(p.Name), Details: validFields(wd.partyDetails(p))})
	}
	widths := columnWidths(f.Table.Columns, 100)
	for i, c := range f.Table.Columns {
		v.Columns = append(v.Columns, htmlColumn{Header: validUTF8(c.Header), Class: alignClass(c.Align),
			WidthPct: strconv.FormatFloat(widths[i], 'f', 2, 64) + "%"})
	}
	for _, r := range f.Table.Rows {
		row := make([]htmlCell, len(f.Table.Columns))
		for i, c := range f.Table.Columns {
			row[i].Class = alignClass(c.Align)
			if i < len(r) {
				row[i].Text = validUTF8(r[i])
			}
		}
		v.Rows = append(v.Rows, row)
	}
	for _, r := range f.Table.Totals {
		v.Totals = append(v.Totals, totalsCells(f.Table.Columns, r))
	}
	for _, s := range f.Signatures {
		v.Signatures = append(v.Signatures, Signature{Role: validUTF8(s.Role), Name: validUTF8(s.Name)})
	}
	if f.Stamp {
		v.Stamp = wd.stamp
	}
	v.Marks = validUTF8(f.Marks)
	if f.TearOff != nil {
		t := *f.TearOff
		t.Lang = f.Lang
		tv := newHTMLView(&t)
		v.TearOff, v.CutCaption = &tv, wd.cut
	}
	return v
}

// totalsCells lays out one totals row: its n cells fill the last n
// columns, the first (the label) spanning the columns to its left too.
func totalsCells(cols []Column, r []string) []htmlCell {
	if len(r) == 0 || len(cols) == 0 {
		return nil
	}
	start := len(cols) - len(r)
	out := []htmlCell{{Text: validUTF8(r[0]), Class: "r", Span: start + 1, Label: true}}
	for i := 1; i < len(r); i++ {
		out = append(out, htmlCell{Text: validUTF8(r[i]), Class: alignClass(cols[start+i].Align)})
	}
	return out
}

// columnWidths scales the columns' widths to total.
func columnWidths(cols []Column, total float64) []float64 {
	sum := 0.0
	ws := make([]float64, len(cols))
	for i, c := range cols {
		ws[i] = c.Width
		if !(ws[i] > 0) || ws[i] > 1e6 { // also NaN
			ws[i] = 1
		}
		sum += ws[i]
	}
	for i := range ws {
		ws[i] = ws[i] / sum * total
	}
	return ws
}

func alignClass(a Align) string {
	switch a {
	case AlignRight:
		return "r"
	case AlignCenter:
		return "c"
	}
	return "l"
}

// wordsLang is the language the page declares: the form's if the package
// knows it, else Russian, whose words it then prints.
func wordsLang(lang string) string {
	if _, ok := wordsByLang[lang]; ok {
		return lang
	}
	return "ru"
}

func validFields(fs []Field) []Field {
	out := make([]Field, len(fs))
	for i, f := range fs {
		out[i] = Field{Label: strings.TrimSuffix(validUTF8(f.Label), ":"), Value: validUTF8(f.Value)}
	}
	return out
}
