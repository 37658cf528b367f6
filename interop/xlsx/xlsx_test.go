package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"

	"hasap/ledger"
	"hasap/money"
	"hasap/report/sheet"
)

// tbSheet is a small trial balance: 62 with a sub-account, 90.01, a
// date and a quantity column to try every kind, and the total.
func tbSheet() *sheet.Sheet {
	s := &sheet.Sheet{
		Name:      "trial-balance",
		Title:     "Оборотно-сальдовая ведомость",
		Lines:     []string{"ООО \"Ak & Gök\" <test>", "01.01.2026 – 31.01.2026, TMT"},
		Landscape: true,
		Columns: []sheet.Column{
			{Title: "Счёт", Kind: sheet.Text},
			{Title: "Дата", Kind: sheet.Date},
			{Title: "Дебет", Group: "Сальдо на начало", Kind: sheet.Money, Exp: 2},
			{Title: "Кредит", Group: "Сальдо на начало", Kind: sheet.Money, Exp: 2},
			{Title: "Кол.", Kind: sheet.Qty},
		},
	}
	d := ledger.DateOf(2026, 1, 31)
	s.Add(sheet.Subtotal, 0, sheet.T("62"), sheet.D(d), sheet.M(115000), sheet.NZ(0), sheet.Q(0))
	s.Add(sheet.Plain, 1, sheet.T("62.01  Покупатели"), sheet.D(ledger.NoDate), sheet.M(115000), sheet.NZ(-5), sheet.Q(1500))
	s.Add(sheet.Total, 0, sheet.T("Итого"), sheet.D(ledger.NoDate), sheet.M(115000), sheet.M(-5), sheet.Q(0))
	return s
}

// book is an unzipped workbook: its parts, and the worksheet's cells by
// reference, texts resolved from the shared strings.
type readBook struct {
	parts map[string][]byte
	cells map[string]string
	style map[string]int
	merge []string
}

// read unzips an .xlsx, checks that every part is well-formed XML and
// reads the cells back.
func read(t testing.TB, data []byte) *readBook {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("unzip: %v", err)
	}
	rb := &readBook{parts: map[string][]byte{}, cells: map[string]string{}, style: map[string]int{}}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if err := wellFormed(b); err != nil {
			t.Fatalf("%s is not well-formed XML: %v\n%s", f.Name, err, b)
		}
		rb.parts[f.Name] = b
	}
	for _, p := range []string{"[Content_Types].xml", "xl/workbook.xml", "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"} {
		if rb.parts[p] == nil {
			t.Fatalf("no %s", p)
		}
	}
	var sst struct {
		SI []struct {
			T string `xml:"t"`
		} `xml:"si"`
	}
	if err := xml.Unmarshal(rb.parts["xl/sharedStrings.xml"], &sst); err != nil {
		t.Fatal(err)
	}
	var ws struct {
		Rows []struct {
			C []struct {
				R string `xml:"r,attr"`
				T string `xml:"t,attr"`
				S int    `xml:"s,attr"`
				V string `xml:"v"`
			} `xml:"c"`
		} `xml:"sheetData>row"`
		Merge []struct {
			Ref string `xml:"ref,attr"`
		} `xml:"mergeCells>mergeCell"`
	}
	if err := xml.Unmarshal(rb.parts["xl/worksheets/sheet1.xml"], &ws); err != nil {
		t.Fatal(err)
	}
	for _, r := range ws.Rows {
		for _, c := range r.C {
			v := c.V
			if c.T == "s" {
				i, err := strconv.Atoi(v)
				if err != nil || i < 0 || i >= len(sst.SI) {
					t.Fatalf("cell %s: shared string %q out of range", c.R, v)
				}
				v = sst.SI[i].T
			}
			rb.cells[c.R] = v
			rb.style[c.R] = c.S
		}
	}
	for _, m := range ws.Merge {
		rb.merge = append(rb.merge, m.Ref)
	}
	cells, err := ReadCells(data)
	if err != nil {
		t.Fatal(err)
	}
	for r, v := range cells {
		if rb.cells[r] != v {
			t.Fatalf("ReadCells %s = %q, the test's reader %q", r, v, rb.cells[r])
		}
	}
	return rb
}

func wellFormed(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func TestWriteReadsBack(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, tbSheet(), money.Russian); err != nil {
		t.Fatal(err)
	}
	rb := read(t, b.Bytes())
	// Row 1 the title, 2 and 3 the lines, 4 blank, 5 and 6 the header
	// (the group over C:D, the other columns down both rows), 7.. rows.
	want := map[string]string{
		"A1": "Оборотно-сальдовая ведомость",
		"A2": "ООО \"Ak & Gök\" <test>",
		"A3": "01.01.2026 – 31.01.2026, TMT",
		"A5": "Счёт", "B5": "Дата", "C5": "Сальдо на начало", "E5": "Кол.",
		"C6": "Дебет", "D6": "Кредит",
		"A7": "62", "B7": "46053", "C7": "1150.00", // 2026-01-31 is day 46053 of 1900
		"A8": "62.01  Покупатели", "C8": "1150.00", "D8": "-0.05", "E8": "1.500",
		"A9": "Итого", "C9": "1150.00", "D9": "-0.05",
	}
	for r, v := range want {
		if got := rb.cells[r]; got != v {
			t.Errorf("%s = %q, want %q", r, got, v)
		}
	}
	for _, r := range []string{"D7", "E7", "B8", "E9"} {
		if got := rb.cells[r]; got != "" {
			t.Errorf("%s = %q, want empty", r, got)
		}
	}
	if got := strings.Join(rb.merge, " "); got != "A5:A6 B5:B6 C5:D5 E5:E6" {
		t.Errorf("merges = %s", got)
	}
	wsx := string(rb.parts["xl/worksheets/sheet1.xml"])
	for _, frag := range []string{`<pane ySplit="6" topLeftCell="A7"`, `orientation="landscape"`, `paperSize="9"`} {
		if !strings.Contains(wsx, frag) {
			t.Errorf("worksheet has no %s", frag)
		}
	}
	wb := string(rb.parts["xl/workbook.xml"])
	if !strings.Contains(wb, `<sheet name="trial-balance"`) || !strings.Contains(wb, `'trial-balance'!$5:$6`) {
		t.Errorf("workbook: %s", wb)
	}
	// Styles: the 62.01 line indented once, the totals bold with a rule,
	// money with two decimals, the quantity three, the date a date.
	st := styles(t, rb.parts["xl/styles.xml"])
	check := func(cell, what string, ok func(x readXF) bool) {
		t.Helper()
		if x := st.xfs[rb.style[cell]]; !ok(x) {
			t.Errorf("%s: not %s (%+v)", cell, what, x)
		}
	}
	check("A8", "indented", func(x readXF) bool { return x.Align.Indent == 1 })
	check("A7", "bold", func(x readXF) bool { return x.FontID == 1 })
	check("C8", "not bold", func(x readXF) bool { return x.FontID == 0 })
	check("C9", "bold with a rule", func(x readXF) bool { return x.FontID == 1 && x.BorderID == 2 })
	check("C8", "#,##0.00", func(x readXF) bool { return st.fmts[x.NumFmtID] == "#,##0.00" })
	check("E8", "#,##0.000", func(x readXF) bool { return st.fmts[x.NumFmtID] == "#,##0.000" })
	check("B7", "dd.mm.yyyy", func(x readXF) bool { return st.fmts[x.NumFmtID] == "dd.mm.yyyy" })
	check("C6", "a bold header", func(x readXF) bool { return x.FontID == 1 && x.BorderID == 1 })
}

type readXF struct {
	NumFmtID int `xml:"numFmtId,attr"`
	FontID   int `xml:"fontId,attr"`
	BorderID int `xml:"borderId,attr"`
	Align    struct {
		Indent int `xml:"indent,attr"`
	} `xml:"alignment"`
}

type readStyles struct {
	xfs  []readXF
	fmts map[int]string
}

func styles(t *testing.T, b []byte) readStyles {
	var ss struct {
		Fmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		XFs []readXF `xml:"cellXfs>xf"`
	}
	if err := xml.Unmarshal(b, &ss); err != nil {
		t.Fatal(err)
	}
	out := readStyles{xfs: ss.XFs, fmts: map[int]string{}}
	for _, f := range ss.Fmts {
		out.fmts[f.ID] = f.Code
	}
	return out
}

func TestWriteIsDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if err := Write(&a, tbSheet(), money.English); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, tbSheet(), money.English); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two writes of the same sheet differ")
	}
	st := styles(t, read(t, a.Bytes()).parts["xl/styles.xml"])
	found := false
	for _, f := range st.fmts {
		found = found || f == "yyyy-mm-dd"
	}
	if !found {
		t.Error("an English sheet's dates are not yyyy-mm-dd")
	}
}

func TestWriteRefusesABadSheet(t *testing.T) {
	s := tbSheet()
	s.Rows[0].Cells = s.Rows[0].Cells[:2]
	if err := Write(io.Discard, s, money.English); err == nil {
		t.Fatal("a row short of cells was written")
	}
}

func TestSheetName(t *testing.T) {
	for in, want := range map[string]string{
		"trial-balance": "trial-balance",
		"a/b:c":         "a_b_c",
		"":              "Sheet1",
		"'x'":           "x",
		"ОСВ за январь 2026 года по всем счетам": "ОСВ за январь 2026 года по всем",
	} {
		if got := SheetName(in); got != want {
			t.Errorf("SheetName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestColName(t *testing.T) {
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 27: "AB", 701: "ZZ", 702: "AAA"} {
		if got := ColName(i); got != want {
			t.Errorf("ColName(%d) = %s, want %s", i, got, want)
		}
	}
}

// BenchmarkWrite writes a trial balance of 40 accounts and 80
// sub-accounts (bigTB) as a workbook.
func BenchmarkWrite(b *testing.B) {
	s := bigTB()
	for b.Loop() {
		if err := Write(io.Discard, s, money.Russian); err != nil {
			b.Fatal(err)
		}
	}
}
