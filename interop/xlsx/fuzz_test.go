package xlsx

import (
	"bytes"
	"strings"
	"testing"

	"hasap/money"
	"hasap/report/sheet"
)

// FuzzWrite: any texts (controls, XML specials, invalid UTF-8, long ones),
// any amounts, levels and styles make a workbook whose every part is
// well-formed XML, and whose cells read back as written, the texts less
// the characters XML 1.0 forbids.
func FuzzWrite(f *testing.F) {
	f.Add("Title <&>", "name\x00\x01\"'", "group", int64(115000), 1, uint8(2), false)
	f.Add("\uFFFE\uFFFF", "\r\n\t  a  ", "", int64(-9223372036854775808), -3, uint8(9), false)
	f.Add("ж", "\xff\xfe", "]]>", int64(1), 400, uint8(1), true)
	f.Fuzz(func(t *testing.T, title, text, group string, n int64, level int, style uint8, long bool) {
		if long { // a title and a text longer than a cell holds
			title = strings.Repeat(title+"ж", maxCellText/(len(title)+1)+1)
			text = strings.Repeat(text+"\x01", maxCellText/(len(text)+1)+1)
		}
		s := &sheet.Sheet{
			Name:  text,
			Title: title,
			Lines: []string{text, group},
			Columns: []sheet.Column{
				{Title: text, Kind: sheet.Text},
				{Title: title, Group: group, Kind: sheet.Money, Exp: int(uint8(n) % 4)},
				{Title: "q", Group: group, Kind: sheet.Qty},
			},
		}
		s.Add(sheet.Style(style%4), level, sheet.T(text), sheet.M(money.Amount(n)), sheet.NZ(money.Amount(n)))
		s.Add(sheet.Total, 0, sheet.T(group), sheet.NZ(money.Amount(n)), sheet.M(0))
		var b bytes.Buffer
		if err := Write(&b, s, money.Turkmen); err != nil {
			t.Fatal(err)
		}
		rb := read(t, b.Bytes()) // fails on XML that is not well-formed
		head := 5
		if group != "" {
			head = 6
		}
		row := func(r int) string { return string(rune('0' + r)) }
		if got, want := rb.cells["A1"], clean(title); got != want && want != "" {
			t.Errorf("title %q, want %q", got, want)
		}
		if got, want := rb.cells["A"+row(head+1)], clean(text); got != want && want != "" {
			t.Errorf("text %q, want %q", got, want)
		}
		if got, want := rb.cells["B"+row(head+1)], money.Decimal(money.Amount(n), int(uint8(n)%4)); got != want {
			t.Errorf("amount %q, want %q", got, want)
		}
	})
}
