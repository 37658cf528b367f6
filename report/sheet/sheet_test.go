package sheet

import (
	"bytes"
	"strings"
	"testing"

	"hasap/ledger"
	"hasap/money"
)

func sample() *Sheet {
	s := &Sheet{
		Name:  "trial-balance",
		Title: "Оборотно-сальдовая ведомость",
		Columns: []Column{
			{Title: "Счёт", Kind: Text},
			{Title: "Дата", Kind: Date},
			{Title: "Дебет", Group: "Сальдо на начало", Kind: Money, Exp: 2},
			{Title: "Кол.", Kind: Qty},
		},
	}
	d, _ := ledger.ParseDate("2026-01-31")
	s.Add(Subtotal, 0, T("62"), D(d), M(115000), Q(0))
	s.Add(Plain, 1, T("Tmt, \"Ak\""), D(ledger.NoDate), NZ(-5), Q(1500))
	return s
}

func TestWriteCSV(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCSV(&b, sample()); err != nil {
		t.Fatal(err)
	}
	want := "\ufeffСчёт,Дата,Сальдо на начало: Дебет,Кол.\n" +
		"62,2026-01-31,1150.00,\n" +
		"\"  Tmt, \"\"Ak\"\"\",,-0.05,1.500\n"
	if got := b.String(); got != want {
		t.Fatalf("got\n%q\nwant\n%q", got, want)
	}
}

func TestFormat(t *testing.T) {
	s := sample()
	r := s.Rows[0]
	if got := Format(r.Cells[2], s.Columns[2], money.Russian); got != "1 150,00" {
		t.Errorf("money ru = %q", got)
	}
	if got := Format(r.Cells[1], s.Columns[1], money.Russian); got != "31.01.2026" {
		t.Errorf("date ru = %q", got)
	}
	if got := Format(r.Cells[1], s.Columns[1], money.English); got != "2026-01-31" {
		t.Errorf("date en = %q", got)
	}
	if got := Format(r.Cells[3], s.Columns[3], money.English); got != "" {
		t.Errorf("empty qty = %q", got)
	}
}

func TestCheck(t *testing.T) {
	s := sample()
	s.Add(Plain, 0, T("x"))
	if err := s.Check(); err == nil || !strings.Contains(err.Error(), "row 3") {
		t.Errorf("short row: %v", err)
	}
	s = sample()
	s.Rows[0].Cells[2] = T("text")
	if s.Check() == nil {
		t.Error("text in a money column passed")
	}
	s = sample()
	s.Rows[0].Cells[1] = T("31.01.2026")
	if s.Check() == nil {
		t.Error("bad date passed")
	}
}
