package mt940

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"hasap/interop/bankstmt"
	"hasap/ledger"
	"hasap/money"
)

// FuzzMT940: Parse never panics; an error names a line and returns no
// statement; every statement it returns balances, has known currency and
// real dates on every line, and Write then Parse gives it back unchanged.
func FuzzMT940(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.sta")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(head + ":61:2312310102RC5,NTRFX//Y\nsupp\n:86:-\n:62F:D231231TMT95,00\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sts, err := Parse(bytes.NewReader(data))
		if err != nil {
			if sts != nil {
				t.Fatalf("statements with an error")
			}
			if !strings.HasPrefix(err.Error(), "line ") || !ledger.IsCode(err, ledger.EInvalid) {
				t.Fatalf("error does not name the line: %v", err)
			}
			return
		}
		for i := range sts {
			checkStatement(t, &sts[i])
		}
		var buf bytes.Buffer
		if err := Write(&buf, sts); err != nil {
			t.Fatalf("write: %v", err)
		}
		again, err := Parse(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("parse of the written statements: %v\n%s", err, buf.String())
		}
		if !reflect.DeepEqual(again, sts) {
			t.Fatalf("round trip differs:\n got %+v\nwant %+v\n%s", again, sts, buf.String())
		}
	})
}

func checkStatement(t *testing.T, st *bankstmt.Statement) {
	t.Helper()
	if c, err := money.Lookup(st.Currency.Code); err != nil || c != st.Currency {
		t.Fatalf("statement %s: currency %+v", st.Name(), st.Currency)
	}
	if err := bankstmt.Check(st); err != nil {
		t.Fatal(err)
	}
	for _, dt := range []ledger.Date{st.OpeningDate, st.ClosingDate} {
		if y := dt.Year(); dt == ledger.NoDate || y < 1980 || y > 2079 {
			t.Fatalf("statement %s: date %s", st.Name(), dt)
		}
	}
	for _, l := range st.Lines {
		if l.Currency != st.Currency {
			t.Fatalf("line currency %v", l.Currency)
		}
		for _, dt := range []ledger.Date{l.Date, l.ValueDate} {
			if y := dt.Year(); dt == ledger.NoDate || y < 1979 || y > 2080 {
				t.Fatalf("line date %s", dt)
			}
		}
	}
}
