package app_test

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"hasap/app"
	"hasap/ledger"
)

// FuzzImportLedger: whatever the journal, the import never panics; a
// rejected file leaves the organisation empty; an accepted one leaves books
// whose trial balance balances and whose chain verifies.
func FuzzImportLedger(f *testing.F) {
	f.Add(sample)
	f.Add("2025-01-01 x\n    a  1 TMT\n    b\n")
	f.Add("2025-01-01 x\n    a  1 USD @@ 3.50 TMT\n    b  -3.50 TMT\n")
	f.Add("P 2025-01-01 EUR 3.8 TMT\n2025-01-02 x\n    a  1.00 EUR\n    b  -1.00 EUR\n")
	f.Add("2025-01-01 x\n    (off)  5 TMT  ; qty: 2\n    a  1 TMT\n    b\n")
	f.Add("2025-01-01 x\n    a  1 TMT = 1 TMT\n    b  -1 TMT = -2 TMT\n")
	f.Add("2025-01-01 x\n    a  100 USD\n    b  -350 TMT\n")
	a := newApp(f)
	var n atomic.Int64
	f.Fuzz(func(t *testing.T, journal string) {
		ctx := context.Background()
		org := fmt.Sprintf("f%d", n.Add(1))
		if _, err := a.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: org, Name: org, Chart: "empty"}); err != nil {
			t.Fatal(err)
		}
		_, err := a.ImportLedger(ctx, app.System, org, strings.NewReader(journal), app.ImportOptions{})
		res, verr := a.Verify(ctx, app.System, org, nil)
		if verr != nil {
			t.Fatalf("verify after import (err %v): %v", err, verr)
		}
		if err != nil {
			if res.Entries != 0 {
				t.Fatalf("a rejected import left %d entries: %v", res.Entries, err)
			}
			if ledger.ErrorCode(err) == ledger.EInternal {
				t.Fatalf("bad input gave an internal error: %v", err)
			}
			return
		}
		tb, err := a.TrialBalance(ctx, app.System, org, ledger.NoDate, ledger.NoDate)
		if err != nil || !tb.Balanced() {
			t.Fatalf("trial balance after import: %v %+v", err, tb)
		}
	})
}
