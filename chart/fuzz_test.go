package chart

import (
	"bytes"
	"slices"
	"testing"

	"hasap/ledger"
)

// FuzzLoadCSV: LoadCSV never panics, refuses only with EInvalid, and what it
// accepts WriteCSV writes and LoadCSV reads back unchanged, byte for byte on
// the second trip. The seed corpus is in testdata/fuzz/FuzzLoadCSV.
func FuzzLoadCSV(f *testing.F) {
	f.Add([]byte(header + "10,,A,asset,0,1,,Materiallar,Материалы,Materials\n10.01,10,A,asset,0,1,item;warehouse,Çig mal,Сырьё,Raw materials\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		accounts, err := LoadCSV(bytes.NewReader(data))
		if err != nil {
			if !ledger.IsCode(err, ledger.EInvalid) {
				t.Fatalf("error %v has code %s, want %s", err, ledger.ErrorCode(err), ledger.EInvalid)
			}
			return
		}
		var first bytes.Buffer
		if err := WriteCSV(&first, accounts); err != nil {
			t.Fatalf("WriteCSV refused what LoadCSV accepted: %v", err)
		}
		again, err := LoadCSV(bytes.NewReader(first.Bytes()))
		if err != nil {
			t.Fatalf("LoadCSV refused what WriteCSV wrote: %v\n%s", err, first.Bytes())
		}
		if !slices.EqualFunc(accounts, again, accountsEqual) {
			t.Fatalf("round trip changed the chart:\n%+v\n%+v", accounts, again)
		}
		var second bytes.Buffer
		if err := WriteCSV(&second, again); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Fatalf("WriteCSV is not stable:\n%s\n%s", first.Bytes(), second.Bytes())
		}
	})
}
