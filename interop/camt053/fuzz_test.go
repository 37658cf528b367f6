package camt053

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hasap/interop/bankstmt"
	"hasap/ledger"
	"hasap/money"
)

// FuzzCamt053: Parse never panics; an error names a line and returns no
// statement; every statement it returns balances and has a known currency
// and real dates on every line.
func FuzzCamt053(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.xml")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, c := range parseCases {
		f.Add([]byte(c.in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sts, err := Parse(bytes.NewReader(data))
		if err != nil {
			if sts != nil {
				t.Fatal("statements with an error")
			}
			if !strings.HasPrefix(err.Error(), "line ") || !ledger.IsCode(err, ledger.EInvalid) {
				t.Fatalf("error does not name the line: %v", err)
			}
			return
		}
		for i := range sts {
			st := &sts[i]
			if c, err := money.Lookup(st.Currency.Code); err != nil || c != st.Currency {
				t.Fatalf("currency %+v", st.Currency)
			}
			if st.Account == "" {
				t.Fatal("no account")
			}
			if err := bankstmt.Check(st); err != nil {
				t.Fatal(err)
			}
			if st.HasOpening != (st.OpeningDate != ledger.NoDate) || st.HasClosing != (st.ClosingDate != ledger.NoDate) {
				t.Fatalf("balance dates %+v", st)
			}
			for _, l := range st.Lines {
				if l.Currency != st.Currency || l.Date == ledger.NoDate || l.ValueDate == ledger.NoDate {
					t.Fatalf("line %+v", l)
				}
			}
		}
	})
}
