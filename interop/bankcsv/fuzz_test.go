package bankcsv

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"hasap/interop/bankstmt"
	"hasap/ledger"
	"hasap/money"
)

// fuzzMappings are the mappings FuzzBankCSV reads its input with.
func fuzzMappings(t testing.TB) []Mapping {
	tab := Mapping{Delimiter: '\t', Date: 2, DateLayout: "2.1.06", ValueDate: 3, Amount: 1, ThousandsSep: "'",
		Currency: "USD", Reference: 4, BankRef: 5, CounterpartyAccount: 6, FooterRows: 1}
	return []Mapping{loadMapping(t), simple, tab}
}

// FuzzBankCSV: Parse never panics; an error names the line and returns no
// line; every line it returns has a date and the statement's known
// currency; writing the statement back as the bank would and parsing it
// again gives it back unchanged.
func FuzzBankCSV(f *testing.F) {
	sample, err := os.ReadFile("testdata/turkmen_bank_cp1251.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sample, uint8(0))
	f.Add([]byte(hdr+"2024-02-01,1.00,TMT,A,B\n,,,,\n2024-02-02,-2.00,TMT,\"C,\"\"c\"\"\",\"D\nd\"\n"), uint8(1))
	f.Add([]byte("1'000.5\t3.1.24\t4.1.24\tR1\tB1\tACC\nfooter\n"), uint8(2))
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		ms := fuzzMappings(t)
		m := ms[int(which)%len(ms)]
		st, err := Parse(bytes.NewReader(data), m)
		if err != nil {
			if st.Lines != nil {
				t.Fatal("lines with an error")
			}
			if !strings.HasPrefix(err.Error(), "line ") || !ledger.IsCode(err, ledger.EInvalid) {
				t.Fatalf("error does not name the line: %v", err)
			}
			return
		}
		if len(st.Lines) > 0 {
			if c, err := money.Lookup(st.Currency.Code); err != nil || c != st.Currency {
				t.Fatalf("currency %+v", st.Currency)
			}
		}
		if err := bankstmt.Check(&st); err != nil {
			t.Fatal(err)
		}
		for _, l := range st.Lines {
			if l.Date == ledger.NoDate || l.ValueDate == ledger.NoDate || l.Currency != st.Currency {
				t.Fatalf("line %+v", l)
			}
		}
		out, err := write(&st, &m)
		if err != nil {
			t.Fatalf("write: %v", err)
		}
		again, err := Parse(bytes.NewReader(out), m)
		if err != nil {
			t.Fatalf("parse of the written statement: %v\n%q", err, out)
		}
		if !reflect.DeepEqual(again, st) {
			a, _ := json.Marshal(again)
			b, _ := json.Marshal(st)
			t.Fatalf("round trip differs:\n got %s\nwant %s\n%q", a, b, out)
		}
	})
}
