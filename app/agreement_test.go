package app_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"hasap/app"
	"hasap/ledger"
	"hasap/money"
)

// hledgerOrSkip returns hledger's path; without it the test is skipped,
// unless HASAP_REQUIRE_TOOLS=1 (as in CI), when it fails.
func hledgerOrSkip(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("hledger")
	if err != nil {
		if os.Getenv("HASAP_REQUIRE_TOOLS") == "1" {
			t.Fatal("hledger is required (HASAP_REQUIRE_TOOLS=1): apt-get install -y hledger")
		}
		t.Skip("hledger not installed")
	}
	return p
}

// hledgerBalances runs `hledger bal` on a journal and returns
// "account,commodity,minor units" lines, sorted. Bare amounts are the base
// currency's.
func hledgerBalances(t *testing.T, hledger, file string, base money.Currency) []string {
	t.Helper()
	args := []string{"-f", file, "bal", "--flat", "--no-total", "-O", "csv", "--layout=bare"}
	for _, code := range money.Codes() {
		c := money.MustLookup(code)
		args = append(args, "-c", "1"+dotZeros(c.Exponent)+" "+code)
	}
	out, err := exec.Command(hledger, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("hledger: %v\n%s", err, out)
	}
	rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("hledger csv: %v\n%s", err, out)
	}
	sums := map[string]money.Amount{} // bare amounts are the base currency's: add them to it
	for _, r := range rows[1:] {
		cur := base
		if r[1] != "" {
			if cur, err = money.FromSymbol(r[1]); err != nil {
				t.Fatalf("hledger commodity %q: %v", r[1], err)
			}
		}
		v, err := money.ParseDecimal(strings.ReplaceAll(r[2], ",", ""), cur.Exponent)
		if err != nil {
			t.Fatalf("hledger amount %q: %v", r[2], err)
		}
		sums[r[0]+","+cur.Code] += v
	}
	var lines []string
	for k, v := range sums {
		if v != 0 {
			lines = append(lines, fmt.Sprintf("%s,%d", k, v))
		}
	}
	sort.Strings(lines)
	return lines
}

func dotZeros(exp int) string {
	if exp == 0 {
		return ""
	}
	return "." + strings.Repeat("0", exp)
}

func ourBalances(t *testing.T, a *app.App, org string) []string {
	t.Helper()
	bs, err := a.Balances(context.Background(), app.System, org, ledger.NoDate)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, b := range bs {
		lines = append(lines, fmt.Sprintf("%s,%s,%d", b.Account, b.Currency.Code, b.Amount))
	}
	sort.Strings(lines)
	return lines
}

// genJournal writes a random but valid journal: several commodities, costs,
// elided amounts, prices, account directives, odd spacing.
func genJournal(r *rand.Rand, txns int) string {
	tops := []string{"assets", "liabilities", "equity", "income", "expenses"}
	var accounts []string
	for i := 0; i < 25; i++ {
		accounts = append(accounts, fmt.Sprintf("%s:%s%d", tops[i%len(tops)], []string{"bank", "cash", "goods", "tax", "misc"}[r.IntN(5)], i))
	}
	var b strings.Builder
	b.WriteString("; generated for the agreement test\n")
	for _, a := range accounts[:10] {
		fmt.Fprintf(&b, "account %s\n", a)
	}
	b.WriteString("P 2024-01-01 USD 3.50 TMT\nP 2024-01-01 EUR 3.80 TMT\nP 2024-06-01 EUR 3.85 TMT\n\n")
	amt := func(max int64) string { v := r.Int64N(max) + 1; return fmt.Sprintf("%d.%02d", v/100, v%100) }
	for i := 0; i < txns; i++ {
		fmt.Fprintf(&b, "2024-%02d-%02d %s(%d) Transaction %d\n", 1+i*12/txns, 1+r.IntN(28), []string{"", "* ", "! "}[r.IntN(3)], i, i)
		n := 1 + r.IntN(3)
		var lines []string
		for j := 0; j < n; j++ {
			acc := accounts[r.IntN(len(accounts))]
			switch r.IntN(6) {
			case 0:
				lines = append(lines, fmt.Sprintf("    %s    %s USD @@ %s TMT", acc, amt(100000), amt(350000)))
			case 1:
				lines = append(lines, fmt.Sprintf("    %s  %s EUR", acc, amt(50000)))
			case 2:
				lines = append(lines, fmt.Sprintf("    %s  \t%s", acc, amt(100000)))
			default:
				lines = append(lines, fmt.Sprintf("    %s  %s TMT  ; note", acc, amt(1000000)))
			}
		}
		if r.IntN(5) == 0 { // an off-balance, single-entry movement
			lines = append(lines, fmt.Sprintf("    (offbalance:%d)  %s%s TMT  ; qty: %d", r.IntN(3), []string{"", "-"}[r.IntN(2)], amt(10000), 1+r.IntN(9)))
		}
		b.WriteString(strings.Join(lines, "\n") + "\n")
		fmt.Fprintf(&b, "    %s\n\n", accounts[r.IntN(len(accounts))])
	}
	return b.String()
}

// TestAgreementWithHledger: for generated journals, our balances equal
// hledger's account by account and commodity by commodity, before and after
// an export/import round trip.
func TestAgreementWithHledger(t *testing.T) {
	hledger := hledgerOrSkip(t)
	ctx := context.Background()
	for seed := uint64(1); seed <= 4; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			a := newApp(t)
			createOrg(t, a, "gen", "empty")
			journal := genJournal(rand.New(rand.NewPCG(seed, 7)), 300)
			file := filepath.Join(t.TempDir(), "gen.journal")
			if err := os.WriteFile(file, []byte(journal), 0o644); err != nil {
				t.Fatal(err)
			}
			f, _ := os.Open(file)
			defer f.Close()
			if _, err := a.ImportLedger(ctx, app.System, "gen", f, app.ImportOptions{}); err != nil {
				t.Fatalf("%v\n%s", err, journal[:min(len(journal), 3000)])
			}
			tmt := money.MustLookup("TMT")
			want := hledgerBalances(t, hledger, file, tmt)
			if got := ourBalances(t, a, "gen"); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Fatalf("balances differ from hledger\nours:\n%s\nhledger:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			var out bytes.Buffer
			if _, err := a.ExportLedger(ctx, app.System, "gen", &out); err != nil {
				t.Fatal(err)
			}
			exported := filepath.Join(t.TempDir(), "export.journal")
			os.WriteFile(exported, out.Bytes(), 0o644)
			if got := hledgerBalances(t, hledger, exported, tmt); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Fatalf("hledger on our export differs\nexport:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			createOrg(t, a, "again", "empty")
			if _, err := a.ImportLedger(ctx, app.System, "again", bytes.NewReader(out.Bytes()), app.ImportOptions{}); err != nil {
				t.Fatal(err)
			}
			if got := ourBalances(t, a, "again"); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Fatalf("balances after export and import differ\n%s", strings.Join(got, "\n"))
			}
			tb, err := a.TrialBalance(ctx, app.System, "again", ledger.NoDate, ledger.NoDate)
			if err != nil || !tb.Balanced() {
				t.Fatalf("trial balance: %v", err)
			}
		})
	}
}
