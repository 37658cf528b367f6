package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func generate(t *testing.T, args ...string) ([]byte, string) {
	t.Helper()
	totals := filepath.Join(t.TempDir(), "totals.csv")
	var out bytes.Buffer
	if err := run(append(args, "-totals", totals), &out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes(), totals
}

func parseCents(t *testing.T, s string) int64 {
	t.Helper()
	i := strings.IndexByte(s, '.')
	if i < 0 || len(s)-i != 3 {
		t.Fatalf("amount %q: want exactly 2 decimals", s)
	}
	v, err := strconv.ParseInt(s[:i]+s[i+1:], 10, 64)
	if err != nil {
		t.Fatalf("amount %q: %v", s, err)
	}
	return v
}

// TestJournal re-reads the journal text on its own (not with the
// generator's data) and checks that every transaction balances, dates never
// go back, at most one amount per transaction is elided, and the account
// totals equal the -totals file.
func TestJournal(t *testing.T) {
	const n = 5000
	journal, totalsPath := generate(t, "-n", strconv.Itoa(n), "-seed", "7")

	declared := map[string]bool{}
	bal := map[string]int64{} // "account commodity" → cents
	txns, elided, costs := 0, 0, 0
	lastDate := ""
	var date string
	type posting struct {
		acct, com  string
		amt, cost  int64
		hasAmount  bool
		hasCost    bool
		lineNumber int
	}
	var ps []posting
	finish := func() {
		if ps == nil {
			return
		}
		if len(ps) < 2 || len(ps) > 4 {
			t.Errorf("%s: %d postings, want 2-4", date, len(ps))
		}
		var sum = map[string]int64{}
		missing := -1
		for i, p := range ps {
			switch {
			case !p.hasAmount:
				if missing >= 0 {
					t.Errorf("line %d: second elided amount", p.lineNumber)
				}
				missing = i
			case p.hasCost:
				if p.amt < 0 {
					sum["TMT"] -= p.cost
				} else {
					sum["TMT"] += p.cost
				}
			default:
				sum[p.com] += p.amt
			}
		}
		if missing >= 0 {
			elided++
			nonzero := 0
			for com, v := range sum {
				if v != 0 {
					nonzero++
					ps[missing].com, ps[missing].amt = com, -v
					sum[com] = 0
				}
			}
			if nonzero > 1 {
				t.Errorf("line %d: elided amount in a multi-commodity transaction", ps[missing].lineNumber)
			}
		}
		for com, v := range sum {
			if v != 0 {
				t.Errorf("transaction at line %d does not balance: %d %s", ps[0].lineNumber-1, v, com)
			}
		}
		for _, p := range ps {
			if !declared[p.acct] {
				t.Errorf("line %d: undeclared account %s", p.lineNumber, p.acct)
			}
			bal[p.acct+" "+p.com] += p.amt
		}
		ps = nil
	}

	sc := bufio.NewScanner(bytes.NewReader(journal))
	for line := 1; sc.Scan(); line++ {
		l := sc.Text()
		switch {
		case l == "" || strings.HasPrefix(l, ";") || strings.HasPrefix(l, "    ;"):
		case strings.HasPrefix(l, "account "):
			declared[strings.TrimPrefix(l, "account ")] = true
		case strings.HasPrefix(l, "commodity ") || strings.HasPrefix(l, "    format ") || strings.HasPrefix(l, "tag "):
		case strings.HasPrefix(l, "P "):
			if f := strings.Fields(l); len(f) != 5 || f[2] != "USD" || f[4] != "TMT" {
				t.Errorf("line %d: bad price directive %q", line, l)
			}
		case l[0] >= '0' && l[0] <= '9':
			finish()
			txns++
			date = l[:10]
			if date < lastDate {
				t.Errorf("line %d: date %s before %s", line, date, lastDate)
			}
			lastDate = date
			ps = []posting{}
		case strings.HasPrefix(l, "    "):
			f := strings.Fields(l)
			p := posting{acct: f[0], lineNumber: line}
			switch len(f) {
			case 1:
			case 3:
				p.hasAmount, p.amt, p.com = true, parseCents(t, f[1]), f[2]
			case 6:
				if f[3] != "@@" || f[5] != "TMT" || f[2] != "USD" {
					t.Fatalf("line %d: bad cost %q", line, l)
				}
				p.hasAmount, p.amt, p.com = true, parseCents(t, f[1]), f[2]
				p.hasCost, p.cost = true, parseCents(t, f[4])
				if p.cost <= 0 {
					t.Errorf("line %d: total cost must be positive", line)
				}
				costs++
			default:
				t.Fatalf("line %d: unexpected posting %q", line, l)
			}
			ps = append(ps, p)
		default:
			t.Fatalf("line %d: unexpected line %q", line, l)
		}
	}
	finish()

	if txns != n {
		t.Errorf("%d transactions, want %d", txns, n)
	}
	if len(declared) != 200 {
		t.Errorf("%d accounts declared, want 200", len(declared))
	}
	if f := float64(elided) / n; f < 0.15 || f > 0.25 {
		t.Errorf("%.2f of transactions have an elided amount, want about 0.2", f)
	}
	if costs == 0 {
		t.Error("no @@ costs")
	}

	f, err := os.Open(totalsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int64{}
	for _, r := range recs[1:] {
		want[r[0]+" "+r[1]] = parseCents(t, r[2])
	}
	for k, v := range bal {
		if v != want[k] {
			t.Errorf("%s: journal sums to %d, totals say %d", k, v, want[k])
		}
	}
	for k, v := range want {
		if bal[k] != v {
			t.Errorf("%s: totals say %d, journal sums to %d", k, v, bal[k])
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, _ := generate(t, "-n", "3000", "-seed", "3")
	b, _ := generate(t, "-n", "3000", "-seed", "3")
	c, _ := generate(t, "-n", "3000", "-seed", "4")
	if !bytes.Equal(a, b) {
		t.Error("same seed, different output")
	}
	if bytes.Equal(a, c) {
		t.Error("different seeds, same output")
	}
}

func TestNoUSD(t *testing.T) {
	j, _ := generate(t, "-n", "3000", "-usd=false")
	for _, l := range strings.Split(string(j), "\n") {
		if strings.HasPrefix(l, "    ") && !strings.HasPrefix(l, "    format") && strings.Contains(l, "USD") {
			t.Fatalf("USD posting with -usd=false: %q", l)
		}
	}
}

func TestAccountsFlag(t *testing.T) {
	for _, n := range []int{minAccounts, 41, 42, 97, 500} {
		c := buildChart(n)
		if len(c.names) != n {
			t.Errorf("-accounts %d: chart has %d", n, len(c.names))
		}
		seen := map[string]bool{}
		for _, name := range c.names {
			if seen[name] {
				t.Errorf("-accounts %d: %s twice", n, name)
			}
			seen[name] = true
		}
	}
}

func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		if err := run([]string{"-n", "100000", "-o", os.DevNull}, nil); err != nil {
			b.Fatal(err)
		}
	}
}
