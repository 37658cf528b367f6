package bankstmt

import (
	"io"
	"strings"
	"testing"

	"hasap/ledger"
	"hasap/money"
)

func TestCheck(t *testing.T) {
	tmt := money.MustLookup("TMT")
	st := Statement{ID: "S1", Currency: tmt, Opening: 10000, Closing: 7550, HasOpening: true, HasClosing: true,
		Lines: []Line{{Amount: 2550, Currency: tmt}, {Amount: -5000, Currency: tmt}}}
	if err := Check(&st); err != nil {
		t.Fatal(err)
	}
	st.Closing = 7551
	err := Check(&st)
	want := "statement S1: opening balance 100.00 plus the lines' total -24.50 makes 75.50, not the closing balance 75.51"
	if err == nil || err.Error() != want || !ledger.IsCode(err, ledger.EInvalid) {
		t.Errorf("got %v, want %s", err, want)
	}
	st.HasClosing = false // without a closing balance there is nothing to add up to
	if err := Check(&st); err != nil {
		t.Error(err)
	}
	st.Lines[1].Currency = money.MustLookup("USD")
	if err := Check(&st); err == nil || !strings.Contains(err.Error(), "line 2 is in USD") {
		t.Errorf("got %v", err)
	}
	st.Lines = []Line{{Amount: money.MaxAmount, Currency: tmt}, {Amount: 1, Currency: tmt}}
	if err := Check(&st); err == nil || !strings.Contains(err.Error(), "beyond the range") {
		t.Errorf("got %v", err)
	}
}

func TestName(t *testing.T) {
	st := Statement{Account: "123", ClosingDate: ledger.DateOf(2024, 2, 3), HasClosing: true}
	if got := st.Name(); got != "123 2024-02-03" {
		t.Errorf("Name() = %q", got)
	}
	st.ID = "S9"
	if got := st.Name(); got != "S9" {
		t.Errorf("Name() = %q", got)
	}
}

func TestWindows1251(t *testing.T) {
	in := []byte{0xCF, 0xF0, 0xE8, 0xF5, 0xEE, 0xE4, ' ', 0xB9, '1', ' ', 0xA8, 0xB8, 0x88, 0x98}
	out, err := io.ReadAll(DecodeWindows1251(strings.NewReader(string(in))))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(out), "Приход №1 Ёё€\u0098"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	back, ok := EncodeWindows1251(string(out))
	if !ok || string(back) != string(in) {
		t.Errorf("encode: %x, %v", back, ok)
	}
	if _, ok := EncodeWindows1251("Aşgabat"); ok {
		t.Error("ş encoded")
	}
	// Every byte decodes, and encodes back.
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	out, _ = io.ReadAll(DecodeWindows1251(strings.NewReader(string(all))))
	back, ok = EncodeWindows1251(string(out))
	if !ok || string(back) != string(all) {
		t.Error("not every byte round-trips")
	}
}

// TestReadSmallBuffer reads a byte at a time, splitting runes across reads.
func TestReadSmallBuffer(t *testing.T) {
	r := DecodeWindows1251(strings.NewReader("\xC0\xC1a"))
	var got []byte
	b := make([]byte, 1)
	for {
		n, err := r.Read(b)
		got = append(got, b[:n]...)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if string(got) != "АБa" {
		t.Errorf("got %q", got)
	}
}
