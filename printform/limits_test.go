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

// TestTearOffLimits: a tear-off is held to the form's limits, and may not
// have a tear-off of its own.
func TestTearOffLimits(t *testing.T) {
	for name, f := range map[string]Form{
		"long text":  {Lang: "ru", Title: "ПКО", TearOff: &Form{Title: strings.Repeat("x", MaxText+1)}},
		"nested":     {Lang: "ru", Title: "ПКО", TearOff: &Form{Title: "Квитанция", TearOff: &Form{Title: "ещё"}}},
		"long marks": {Lang: "ru", Title: "ПП", Marks: strings.Repeat("x", MaxText+1)},
	} {
		var h, p bytes.Buffer
		if err := HTML(&h, f); ledger.ErrorCode(err) != ledger.EInvalid {
			t.Errorf("%s: HTML gave %v, want EInvalid", name, err)
		}
		if err := PDF(&p, f); ledger.ErrorCode(err) != ledger.EInvalid || p.Len() != 0 {
			t.Errorf("%s: PDF gave %v and %d bytes, want EInvalid and nothing", name, err, p.Len())
		}
	}
}
