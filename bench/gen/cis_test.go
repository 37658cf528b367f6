package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	hchart "hasap/chart"
	"hasap/interop/ledgertext"
	"hasap/ledger"
	"hasap/money"
)

// TestDefaultOutputUnchanged pins the plain model's output: adding the cis
// model must not move a byte of the journals earlier benchmarks used.
func TestDefaultOutputUnchanged(t *testing.T) {
	out, _ := generate(t, "-n", "20000")
	if got := fmt.Sprintf("%x", sha256.Sum256(out)); got != "22046d6e75a1ce037016a2d3cc232137bdda5988ce4e2ed512d97916a1ad7fd8" {
		t.Fatalf("the default journal changed: sha256 %s", got)
	}
}

// TestCISJournal reads the -chart cis journal back with Hasap's parser and
// checks it against the chart the run wrote: every posting is on a
// posting-level account of that chart, names every analytic the account
// requires (in its own tags or the transaction's), has a quantity exactly
// on quantity accounts and a foreign currency only on currency accounts;
// exactly -accounts accounts are declared, and those are the ones used; every transaction balances in TMT
// (costs counted); and the sums per account equal the -totals file.
func TestCISJournal(t *testing.T) {
	dir := t.TempDir()
	chartPath := filepath.Join(dir, "chart.csv")
	journal, totalsPath := generate(t, "-chart", "cis", "-n", "4000", "-seed", "3", "-start", "2024-01-01", "-years", "2",
		"-accounts", "120", "-counterparties", "300", "-chart-out", chartPath)
	again, _ := generate(t, "-chart", "cis", "-n", "4000", "-seed", "3", "-start", "2024-01-01", "-years", "2",
		"-accounts", "120", "-counterparties", "300")
	if !bytes.Equal(journal, again) {
		t.Fatal("two runs with the same flags differ")
	}
	f, err := os.Open(chartPath)
	if err != nil {
		t.Fatal(err)
	}
	accts, err := hchart.LoadCSV(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	chart := ledger.Chart{}
	for i := range accts {
		chart[accts[i].Code] = &accts[i]
	}
	sums := map[string]int64{} // "account,commodity" → cents
	used, declared := map[string]bool{}, map[string]bool{}
	txns := 0
	err = ledgertext.Parse(bytes.NewReader(journal), func(it ledgertext.Item) error {
		if d, ok := it.(*ledgertext.AccountDirective); ok {
			declared[d.Name] = true
		}
		tx, ok := it.(*ledgertext.Transaction)
		if !ok {
			return nil
		}
		txns++
		var bal int64
		elided := ""
		for _, p := range tx.Postings {
			a, ok := chart[ledger.AccountCode(p.Account)]
			if !ok || a.Group {
				t.Fatalf("line %d: %s is not a posting-level account of the chart", p.Line, p.Account)
			}
			used[p.Account] = true
			tags := map[string]string{}
			for _, tg := range append(tx.Tags(), p.Tags()...) {
				tags[tg.Name] = tg.Value
			}
			for _, k := range a.Analytics {
				if tags[string(k)] == "" {
					t.Fatalf("line %d: %s requires %s", p.Line, p.Account, k)
				}
			}
			if _, q := tags["qty"]; q != a.Quantity {
				t.Fatalf("line %d: %s quantity %v, account keeps quantities %v", p.Line, p.Account, q, a.Quantity)
			}
			if p.Elided {
				elided = p.Account
				continue
			}
			cur := money.MustLookup(p.Amount.Commodity)
			v, err := money.ParseDecimal(p.Amount.Number, cur.Exponent)
			if err != nil {
				t.Fatal(err)
			}
			sums[p.Account+","+cur.Code] += int64(v)
			w := int64(v)
			if cur.Code != "TMT" {
				if !a.Currency {
					t.Fatalf("line %d: %s in %s on an account without currency", p.Line, p.Account, cur.Code)
				}
				c, err := money.ParseDecimal(p.Cost.Amount.Number, 2)
				if err != nil {
					t.Fatalf("line %d: cost: %v", p.Line, err)
				}
				w = int64(c)
				if v < 0 {
					w = -w
				}
			}
			bal += w
		}
		if elided != "" {
			sums[elided+",TMT"] -= bal
		} else if bal != 0 {
			t.Fatalf("line %d: transaction off by %d", tx.Line, bal)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if txns < 4000 || txns > 4001 {
		t.Errorf("%d transactions, want 4000 (4001 when the last is a pair)", txns)
	}
	if len(declared) != 120 {
		t.Errorf("%d accounts declared, want 120", len(declared))
	}
	for a := range used {
		if !declared[a] {
			t.Errorf("%s used, not declared", a)
		}
	}
	if len(used) < 100 {
		t.Errorf("only %d of the 120 accounts used", len(used))
	}
	tf, err := os.ReadFile(totalsPath)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(tf)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int64{}
	for _, r := range rows[1:] {
		want[r[0]+","+r[1]] = parseCents(t, r[2])
	}
	for k, v := range sums {
		if v != want[k] {
			t.Errorf("%s: journal sums to %d, totals say %d", k, v, want[k])
		}
	}
	for k, v := range want {
		if sums[k] != v {
			t.Errorf("%s: totals say %d, journal sums to %d", k, v, sums[k])
		}
	}
	if !strings.Contains(string(journal), "@@") {
		t.Error("no USD at cost")
	}
}
