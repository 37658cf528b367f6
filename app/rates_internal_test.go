package app

import (
	"context"
	"path/filepath"
	"testing"

	"hasap/ledger"
	"hasap/store/sqlite"
)

// A manat organisation with no USD rate recorded reads the Central Bank's
// official rate: 3.50 since 2015, 2.85 from 2009; nothing before, and no
// default for other currencies.
func TestRateOnTMTDefault(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := sqlite.Open(ctx, filepath.Join(dir, "h.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a := New(st, filepath.Join(dir, "key"))
	org, err := a.CreateOrg(ctx, System, CreateOrgInput{Code: "peg", Name: "peg", Chart: "empty", Currency: "TMT", Rates: map[string][]RateAt{}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		cur  string
		date ledger.Date
		want string
	}{
		{"USD", ledger.DateOf(2025, 3, 1), "3.5"},
		{"USD", ledger.DateOf(2010, 3, 1), "2.85"},
		{"USD", ledger.DateOf(2008, 3, 1), ""},
		{"EUR", ledger.DateOf(2025, 3, 1), ""},
	} {
		r, err := a.rateOn(ctx, org, c.cur, c.date)
		if c.want == "" {
			if !ledger.IsCode(err, ledger.ENotFound) {
				t.Errorf("%s on %s: %v, %v, want not found", c.cur, c.date, r, err)
			}
			continue
		}
		if err != nil || r.String() != c.want {
			t.Errorf("%s on %s: %v, %v, want %s", c.cur, c.date, r, err, c.want)
		}
	}
}
