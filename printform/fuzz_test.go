package printform

import (
	"bytes"
	"strings"
	"testing"

	"hasap/ledger"
)

// fuzzSeeds are the seeds of FuzzHTML and FuzzPDF: ordinary forms in the
// three scripts, hostile text, control characters and broken UTF-8, long
// words and many rows.
func fuzzSeeds(f *testing.F) {
	f.Add("Счёт-фактура", "ХО «Ак Ёл»", "1 150,00", "Одна тысяча сто пятьдесят манатов 00 тенге", uint8(3), int32(20418))
	f.Add("Hasap-faktura", "Ä ä Ç ç Ň ň Ö ö Ş ş Ü ü Ý ý Ž ž", "GBS\nbilen", "bir müň bir ýüz elli manat 00 teňňe", uint8(7), int32(0))
	f.Add(hostile, "(\\)", "{nb}", "😀漢字\x00\t\r\n\u200b", uint8(255), int32(-1<<31))
	f.Add("\xff\xfe", strings.Repeat("длинноеслово", 40), strings.Repeat("x ", 300), "", uint8(64), int32(1<<31-1))
}

// FuzzHTML puts random text in every field of a form, in a table of random
// shape: HTML must neither panic nor fail (invalid UTF-8 included: it is
// printed as U+FFFD), and no markup may get through.
func FuzzHTML(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, a, b, c, d string, shape uint8, date int32) {
		form := fuzzForm(a, b, c, d, shape, ledger.Date(date))
		if err := form.check(); err != nil {
			t.Skip() // over the limits: TestLimits
		}
		var h bytes.Buffer
		if err := HTML(&h, form); err != nil {
			t.Fatalf("HTML: %v", err)
		}
		if page := h.String(); strings.Contains(page, "<script") || strings.Contains(page, "<img") {
			t.Fatalf("HTML let markup through: %q", page)
		}
	})
}

// FuzzPDF does the same for PDF: no panic, no error, a whole PDF. Texts
// are kept under 2000 bytes: longer ones only make more pages to compress
// (TestPDFMaxPages has them). fpdf ranges over maps, so the coverage the
// fuzzer sees varies from run to run: nearly every input looks new, and
// minimizing them takes all the time. Run it without minimizing:
//
//	go test ./printform -run '^$' -fuzz FuzzPDF -fuzztime 45s -fuzzminimizetime 0
//
// Each input is rendered in four table shapes, for more layouts per run.
func FuzzPDF(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, a, b, c, d string, shape uint8, date int32) {
		for _, s := range []string{a, b, c, d} {
			if len(s) > 2000 {
				t.Skip()
			}
		}
		for _, sh := range []uint8{shape, shape ^ 0x55, shape + 1, shape / 3} {
			form := fuzzForm(a, b, c, d, sh, ledger.Date(date))
			var p bytes.Buffer
			if err := PDF(&p, form); err != nil {
				t.Fatalf("PDF (shape %d): %v", sh, err)
			}
			if !bytes.HasPrefix(p.Bytes(), []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimSpace(p.Bytes()), []byte("%%EOF")) {
				t.Fatalf("PDF (shape %d) is not a whole PDF", sh)
			}
		}
	})
}

// fuzzForm spreads four texts over every field; shape picks the number of
// columns (1–8), rows (0–7), the alignments and the widths.
func fuzzForm(a, b, c, d string, shape uint8, date ledger.Date) Form {
	texts := []string{a, b, c, d, a + b, c + d}
	pick := func(i int) string { return texts[i%len(texts)] }
	ncols := 1 + int(shape%8)
	nrows := int(shape / 32)
	form := Form{
		Lang: pick(int(shape)), Title: a, Number: b, Date: date,
		Issuer:        Party{Role: c, Name: a, TaxID: b, Address: d, BankName: c, BankAccount: b, BIC: a},
		Recipient:     Party{Role: d, Name: b, TaxID: c, Address: a, BankName: d, BankAccount: c, BIC: b},
		Fields:        []Field{{a, b}, {c, d}, {"", a}, {b, ""}},
		AmountInWords: d, Notes: c + "\n" + a,
		Signatures: []Signature{{a, b}, {c, d}, {"", ""}},
		Stamp:      shape%2 == 0,
	}
	for i := 0; i < ncols; i++ {
		form.Table.Columns = append(form.Table.Columns, Column{Header: pick(i), Align: Align(i % 4), Width: float64((int(shape)+i)%5) * 3.5})
	}
	for r := 0; r < nrows; r++ {
		row := make([]string, (r+int(shape))%(ncols+1))
		for i := range row {
			row[i] = pick(r + i)
		}
		form.Table.Rows = append(form.Table.Rows, row)
	}
	for n := 0; n <= ncols; n += 1 + int(shape%3) {
		tot := make([]string, n)
		for i := range tot {
			tot[i] = pick(n + i)
		}
		form.Table.Totals = append(form.Table.Totals, tot)
	}
	if shape%4 == 1 {
		form.Marks = d
	}
	if shape%3 == 0 { // a tear-off like KO-1's receipt, shaped by the other bits
		t := fuzzForm(d, c, b, a, shape^0xA0+1, date)
		t.TearOff = nil
		form.TearOff = &t
	}
	return form
}
