package printform

import (
	"bytes"
	"strings"
	"testing"

	"hasap/ledger"
)

// TestPDFMaxPages: a form that needs more than MaxPages pages is refused,
// not written.
func TestPDFMaxPages(t *testing.T) {
	long := strings.Repeat(".\n", MaxText/2)
	f := Form{Lang: "ru", Title: "Акт сверки"}
	for i := 0; i < 15; i++ {
		f.Fields = append(f.Fields, Field{"Примечание", long})
	}
	var b bytes.Buffer
	if err := PDF(&b, f); ledger.ErrorCode(err) != ledger.EInvalid || b.Len() != 0 {
		t.Errorf("got %v and %d bytes, want an EInvalid error and nothing written", err, b.Len())
	}
}
