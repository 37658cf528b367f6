// Package xlsx writes a report (a sheet.Sheet) as an Office Open XML
// workbook (.xlsx) of one worksheet, with the standard library only:
// archive/zip and XML text written by hand. Numbers are real numbers with a
// number format per column, dates real dates, the header bold with its
// groups merged over their columns, levels indented, totals bold, the
// header pane frozen and repeated on printed pages.
//
// The same sheet gives the same bytes (the zip entries carry a fixed time).
// It must not import database/sql, net/http or a store.
package xlsx

import (
	"archive/zip"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"hasap/ledger"
	"hasap/money"
	"hasap/report/sheet"
)

// MaxRows bounds the rows of one worksheet (Excel's own limit is 1 048 576).
const MaxRows = 1_000_000

// maxCellText is the longest text a cell holds in Excel; longer texts are cut.
const maxCellText = 32767

// zipTime is the time of every zip entry, so that output is deterministic.
var zipTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// ContentType is the media type of an .xlsx file.
const ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// Write writes s as an .xlsx workbook. Dates take the locale's format
// (DD.MM.YYYY for tk and ru, YYYY-MM-DD for en); the grouping and decimal
// marks of numbers are the spreadsheet program's own.
func Write(w io.Writer, s *sheet.Sheet, loc money.Locale) error {
	if err := s.Check(); err != nil {
		return err
	}
	if len(s.Rows) > MaxRows {
		return ledger.Errorf(ledger.EInvalid, "sheet %s has %d rows, more than %d", s.Name, len(s.Rows), MaxRows)
	}
	b := newBook(s, loc)
	ws := b.worksheet()
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", rootRels},
		{"docProps/app.xml", appProps},
		{"xl/workbook.xml", b.workbook()},
		{"xl/_rels/workbook.xml.rels", workbookRels},
		{"xl/styles.xml", b.styles()},
		{"xl/sharedStrings.xml", b.sharedStrings()},
		{"xl/worksheets/sheet1.xml", ws},
	}
	zw := zip.NewWriter(w)
	for _, p := range parts {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return fmt.Errorf("xlsx %s: %w", s.Name, err)
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return fmt.Errorf("xlsx %s: %w", s.Name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("xlsx %s: %w", s.Name, err)
	}
	return nil
}

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
	`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
	`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
	`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>`

const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

const appProps = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Hasap</Application></Properties>`

const workbookRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` +
	`</Relationships>`

// book is one sheet on its way to XML: its strings and styles are
// collected while the worksheet is written, then written themselves.
type book struct {
	s       *sheet.Sheet
	loc     money.Locale
	strs    []string
	strIdx  map[string]int
	xfs     []xf
	xfIdx   map[xf]int
	fmts    []string // custom number formats, ids from 164
	fmtIdx  map[string]int
	headTop int // the first header row (1-based)
	headN   int // header rows: 1, or 2 when a column has a group
}

// xf is one cell style.
type xf struct {
	font   int // 0 regular, 1 bold, 2 title
	fill   int // 0 none, 2 grey (1 is the mandatory gray125)
	border int // 0 none, 1 thin all round, 2 thin all round, medium above
	numFmt int // 0 general, else a custom format id
	indent int
	center bool
	wrap   bool
}

func newBook(s *sheet.Sheet, loc money.Locale) *book {
	b := &book{s: s, loc: loc, strIdx: map[string]int{}, xfIdx: map[xf]int{}, fmtIdx: map[string]int{}}
	b.style(xf{}) // style 0 is the default
	return b
}

func (b *book) str(s string) int {
	s = clean(s)
	if i, ok := b.strIdx[s]; ok {
		return i
	}
	b.strIdx[s] = len(b.strs)
	b.strs = append(b.strs, s)
	return len(b.strs) - 1
}

func (b *book) style(x xf) int {
	if i, ok := b.xfIdx[x]; ok {
		return i
	}
	b.xfIdx[x] = len(b.xfs)
	b.xfs = append(b.xfs, x)
	return len(b.xfs) - 1
}

func (b *book) numFmt(code string) int {
	if i, ok := b.fmtIdx[code]; ok {
		return i
	}
	id := 164 + len(b.fmts)
	b.fmtIdx[code] = id
	b.fmts = append(b.fmts, code)
	return id
}

// columnFormat is the number format of a column's cells: grouped thousands
// with the column's decimals, or the locale's date.
func (b *book) columnFormat(c sheet.Column) int {
	switch {
	case c.Numeric():
		code := "#,##0"
		if d := c.Decimals(); d > 0 {
			code += "." + strings.Repeat("0", d)
		}
		return b.numFmt(code)
	case c.Kind == sheet.Date:
		if b.loc == money.English {
			return b.numFmt("yyyy-mm-dd")
		}
		return b.numFmt("dd.mm.yyyy")
	}
	return 0
}

func (b *book) workbook() string {
	var w strings.Builder
	w.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	name := SheetName(b.s.Name)
	w.WriteString(`<sheets><sheet name="` + escape(name) + `" sheetId="1" r:id="rId1"/></sheets>`)
	// Printed pages repeat the header rows.
	fmt.Fprintf(&w, `<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">'%s'!$%d:$%d</definedName></definedNames>`,
		escape(strings.ReplaceAll(name, "'", "''")), b.headTop, b.headTop+b.headN-1)
	w.WriteString(`</workbook>`)
	return w.String()
}

// SheetName makes a name a valid worksheet name: at most 31 characters,
// none of []:*?/\, not empty, not starting or ending with an apostrophe.
func SheetName(name string) string {
	var r []rune
	for _, c := range clean(name) {
		if strings.ContainsRune(`[]:*?/\`, c) || c < ' ' {
			c = '_'
		}
		r = append(r, c)
	}
	if len(r) > 31 {
		r = r[:31]
	}
	n := strings.Trim(string(r), "'")
	if strings.TrimSpace(n) == "" {
		return "Sheet1"
	}
	return n
}

func (b *book) styles() string {
	var w strings.Builder
	w.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	if len(b.fmts) > 0 {
		fmt.Fprintf(&w, `<numFmts count="%d">`, len(b.fmts))
		for i, f := range b.fmts {
			fmt.Fprintf(&w, `<numFmt numFmtId="%d" formatCode="%s"/>`, 164+i, escape(f))
		}
		w.WriteString(`</numFmts>`)
	}
	w.WriteString(`<fonts count="3">` +
		`<font><sz val="10"/><name val="Arial"/><family val="2"/></font>` +
		`<font><b/><sz val="10"/><name val="Arial"/><family val="2"/></font>` +
		`<font><b/><sz val="13"/><name val="Arial"/><family val="2"/></font></fonts>`)
	w.WriteString(`<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
		`<fill><patternFill patternType="solid"><fgColor rgb="FFE6E6E6"/><bgColor indexed="64"/></patternFill></fill></fills>`)
	w.WriteString(`<borders count="3"><border><left/><right/><top/><bottom/><diagonal/></border>` +
		`<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border>` +
		`<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="medium"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>`)
	w.WriteString(`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>`)
	fmt.Fprintf(&w, `<cellXfs count="%d">`, len(b.xfs))
	for _, x := range b.xfs {
		fmt.Fprintf(&w, `<xf numFmtId="%d" fontId="%d" fillId="%d" borderId="%d" xfId="0"`, x.numFmt, x.font, x.fill, x.border)
		if x.numFmt != 0 {
			w.WriteString(` applyNumberFormat="1"`)
		}
		if x.font != 0 {
			w.WriteString(` applyFont="1"`)
		}
		if x.fill != 0 {
			w.WriteString(` applyFill="1"`)
		}
		if x.border != 0 {
			w.WriteString(` applyBorder="1"`)
		}
		if x.indent == 0 && !x.center && !x.wrap {
			w.WriteString(`/>`)
			continue
		}
		w.WriteString(` applyAlignment="1"><alignment`)
		if x.center {
			w.WriteString(` horizontal="center" vertical="center"`)
		} else if x.indent > 0 {
			fmt.Fprintf(&w, ` horizontal="left" indent="%d"`, x.indent)
		}
		if x.wrap {
			if !x.center {
				w.WriteString(` vertical="top"`)
			}
			w.WriteString(` wrapText="1"`)
		}
		w.WriteString(`/></xf>`)
	}
	w.WriteString(`</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`)
	return w.String()
}

func (b *book) sharedStrings() string {
	var w strings.Builder
	w.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
`)
	fmt.Fprintf(&w, `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, len(b.strs), len(b.strs))
	for _, s := range b.strs {
		w.WriteString(`<si><t`)
		if s != strings.TrimSpace(s) || strings.Contains(s, "  ") {
			w.WriteString(` xml:space="preserve"`)
		}
		w.WriteString(`>` + escape(s) + `</t></si>`)
	}
	w.WriteString(`</sst>`)
	return w.String()
}

// clean makes s safe for XML 1.0 and a cell: invalid UTF-8 becomes U+FFFD,
// characters XML 1.0 forbids (controls other than tab, line feed and
// carriage return, U+FFFE, U+FFFF) are dropped, and a text longer than a
// cell holds is cut.
func clean(s string) string {
	ok := utf8.ValidString(s)
	if ok {
		for _, r := range s {
			if !xmlChar(r) {
				ok = false
				break
			}
		}
	}
	if !ok {
		var b strings.Builder
		for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
			if xmlChar(r) {
				b.WriteRune(r)
			}
		}
		s = b.String()
	}
	if len(s) > maxCellText && utf8.RuneCountInString(s) > maxCellText {
		s = string([]rune(s)[:maxCellText])
	}
	return s
}

// xmlChar reports whether XML 1.0 allows r in a document.
func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		(r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

// escape writes s (already clean) as XML text or attribute value.
func escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&apos;")
		case '\r':
			b.WriteString("&#13;")
		case '\n':
			b.WriteString("&#10;")
		case '\t':
			b.WriteString("&#9;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ColName is the letters of a 0-based column: 0 A, 25 Z, 26 AA.
func ColName(i int) string {
	var b []byte
	for i++; i > 0; i = (i - 1) / 26 {
		b = append([]byte{byte('A' + (i-1)%26)}, b...)
	}
	return string(b)
}

func ref(col, row int) string { return ColName(col) + strconv.Itoa(row) }

// excelDay is the serial number of a date in the 1900 date system.
func excelDay(d ledger.Date) int64 { return int64(d) + 25569 }
