package doc

import (
	"testing"

	"hasap/ledger"
)

func TestAccountFields(t *testing.T) {
	s, err := DefaultSettings("cis")
	if err != nil {
		t.Fatal(err)
	}
	fields := s.AccountFields()
	byPath := map[string]*ledger.AccountCode{}
	for _, f := range fields {
		byPath[f.Path] = f.Code
	}
	for path, want := range map[string]ledger.AccountCode{
		"Sales.Revenue": "90.01", "Sales.Receivable": "62.01", "Purchases.InputVATGoods": "19.03",
		"Bank": "51", "CashCur": "50.21", "Opening": "000",
	} {
		if c := byPath[path]; c == nil || *c != want {
			t.Errorf("%s: %v, want %s", path, c, want)
		}
	}
	if len(fields) < 20 {
		t.Errorf("only %d account fields: %v", len(fields), fields)
	}
	// The fields point into s: setting one sets the settings.
	*byPath["Sales.Revenue"] = "90.01.2"
	if s.Sales.Revenue != "90.01.2" {
		t.Errorf("setting Sales.Revenue through its field left %s", s.Sales.Revenue)
	}
}

func TestRateCheck(t *testing.T) {
	for r, ok := range map[Rate]bool{"15%": true, "0%": true, "exempt": true, "12.5%": true, "": false, "15": false, "101%": false, "1.234%": false} {
		if err := r.Check(); (err == nil) != ok {
			t.Errorf("%q: %v, want ok %v", r, err, ok)
		}
	}
}
