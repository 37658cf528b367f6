package main

import (
	"strings"
	"testing"
)

// The three outputs below are what ledger 3.3 and hledger 1.25 print for
//
//	2024-01-01 x
//	    a:b    10.00 USD @@ 35.00 TMT
//	    a:b    5.00 TMT
//	    c
func TestParsers(t *testing.T) {
	ledgerFmt := "a:b\t5.00 TMT\n10.00 USD\nc\t-40.00 TMT\n"
	hledgerCSV := "\"account\",\"balance\"\n\"a:b\",\"5.00 TMT, 10.00 USD\"\n\"c\",\"-40.00 TMT\"\n"
	plain := "            5.00 TMT\n           10.00 USD  a:b\n          -40.00 TMT  c\n--------------------\n          -35.00 TMT\n           10.00 USD  \n"

	l, err := parseLedger([]byte(ledgerFmt))
	if err != nil {
		t.Fatal(err)
	}
	h, err := parseHledgerCSV([]byte(hledgerCSV))
	if err != nil {
		t.Fatal(err)
	}
	p, err := parsePlain(strings.NewReader(plain), "plain")
	if err != nil {
		t.Fatal(err)
	}
	hs, err := parseHasapCSV(strings.NewReader("account,currency,balance\na:b,TMT,5.00\na:b,USD,10.00\nc,TMT,-40.00\nd,TMT,0.00\n"), "hasap")
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string]balances{"ledger": l, "hledger": h, "plain": p, "hasap": hs} {
		if len(b) != 2 || len(b["a:b"]) != 2 || len(b["c"]) != 1 {
			t.Fatalf("%s: %v", name, b)
		}
		if got := b["a:b"]["USD"].FloatString(2); got != "10.00" {
			t.Errorf("%s: a:b USD = %s", name, got)
		}
		if got := b["c"]["TMT"].FloatString(2); got != "-40.00" {
			t.Errorf("%s: c TMT = %s", name, got)
		}
		if d := compare("ledger", l, name, b); d != 0 {
			t.Errorf("%s differs from ledger", name)
		}
	}
	changed := balances{}
	changed.add("c", "-40.01 TMT")
	changed.add("a:b", "5.00 TMT")
	if d := compare("ledger", l, "changed", changed); d != 2 {
		t.Errorf("compare found %d differences, want 2", d)
	}
}

func TestHasapCSVLayout(t *testing.T) {
	for _, bad := range []string{
		"",
		"account,commodity,amount\na,TMT,1.00\n",
		"account,currency,balance\na,TMT,\"1,000.00\"\n",
		"account,currency,balance\na,TMT,1.00 TMT\n",
		"account,currency,balance\na,manat,1.00\n",
		"account,currency,balance\na,TMT,1 000,00\n",
	} {
		if _, err := parseHasapCSV(strings.NewReader(bad), "t"); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
}
