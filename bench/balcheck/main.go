// Command balcheck runs `ledger bal` and `hledger bal` on a journal and checks
// that they report the same balance for every account in every commodity,
// and, given the CSV that `bench/gen -totals` writes, that both match it.
//
//	go run ./bench/balcheck -f FILE [-totals FILE.csv] [-cost] [-tools ledger,hledger]
//
// With -cost both tools report at cost (`bal -B`), so USD amounts bought with
// `@@` show as their TMT cost; the generator's totals are not compared then.
// Zero balances are ignored (both tools hide them by default).
//
// For journals too big to run a tool twice, -ledger-out and -hledger-out take
// the saved stdout of a plain `hledger -f F bal` or `ledger -f F bal --flat`
// run (the timing run of bench/run.sh, say) instead of running the tool.
package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"math/big"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strings"
)

// balances maps account → commodity → amount.
type balances map[string]map[string]*big.Rat

func (b balances) add(account, amount string) error {
	amount = strings.TrimSpace(amount)
	if amount == "" || amount == "0" {
		return nil
	}
	num, com, ok := strings.Cut(amount, " ")
	if !ok {
		return fmt.Errorf("amount %q of %s: want NUMBER COMMODITY", amount, account)
	}
	num = strings.ReplaceAll(num, ",", "")
	r, ok := new(big.Rat).SetString(num)
	if !ok {
		return fmt.Errorf("amount %q of %s: bad number", amount, account)
	}
	m := b[account]
	if m == nil {
		m = map[string]*big.Rat{}
		b[account] = m
	}
	com = strings.TrimSpace(com)
	if old := m[com]; old != nil {
		old.Add(old, r)
	} else {
		m[com] = r
	}
	if m[com].Sign() == 0 {
		delete(m, com)
		if len(m) == 0 {
			delete(b, account)
		}
	}
	return nil
}

func run(name string, args ...string) ([]byte, error) {
	cmd := exec.Command(name, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	return out, nil
}

// ledgerBalances parses "account<TAB>amount" lines; a multi-commodity
// balance continues on following lines without a tab.
func ledgerBalances(file string, cost bool) (balances, error) {
	args := []string{"-f", file, "bal", "--flat", "--no-total", "--balance-format", "%(account)\t%(scrub(display_total))\n"}
	if cost {
		args = append(args, "-B")
	}
	out, err := run("ledger", args...)
	if err != nil {
		return nil, err
	}
	return parseLedger(out)
}

func parseLedger(out []byte) (balances, error) {
	b := balances{}
	acct := ""
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		amount := line
		if a, am, ok := strings.Cut(line, "\t"); ok {
			acct, amount = a, am
		}
		if acct == "" {
			return nil, fmt.Errorf("ledger: unexpected line %q", line)
		}
		if err := b.add(acct, amount); err != nil {
			return nil, fmt.Errorf("ledger: %v", err)
		}
	}
	return b, sc.Err()
}

// hledgerBalances parses `-O csv`: "account","AMOUNT[, AMOUNT...]".
func hledgerBalances(file string, cost bool) (balances, error) {
	args := []string{"-f", file, "bal", "--flat", "--no-total", "-O", "csv"}
	if cost {
		args = append(args, "-B")
	}
	out, err := run("hledger", args...)
	if err != nil {
		return nil, err
	}
	return parseHledgerCSV(out)
}

func parseHledgerCSV(out []byte) (balances, error) {
	recs, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("hledger csv: %v", err)
	}
	b := balances{}
	for i, rec := range recs {
		if i == 0 || len(rec) < 2 {
			continue // header
		}
		for _, am := range strings.Split(rec[1], ", ") {
			if err := b.add(rec[0], am); err != nil {
				return nil, fmt.Errorf("hledger: %v", err)
			}
		}
	}
	return b, nil
}

// plainBalances parses the flat text report both tools print: lines of
// "AMOUNT COMMODITY  ACCOUNT", a multi-commodity balance on several lines
// with the account on the last one, up to the "----" line before the total.
func plainBalances(path string) (balances, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parsePlain(f, path)
}

func parsePlain(f io.Reader, path string) (balances, error) {
	b := balances{}
	var pending []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "---") {
			break
		}
		fs := strings.Fields(line)
		switch {
		case len(fs) == 2:
			pending = append(pending, fs[0]+" "+fs[1])
		case len(fs) >= 3:
			acct := strings.Join(fs[2:], " ")
			for _, am := range append(pending, fs[0]+" "+fs[1]) {
				if err := b.add(acct, am); err != nil {
					return nil, fmt.Errorf("%s: %v", path, err)
				}
			}
			pending = pending[:0]
		case len(fs) != 0:
			return nil, fmt.Errorf("%s: unexpected line %q", path, line)
		}
	}
	return b, sc.Err()
}

func readTotals(path string) (balances, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	b := balances{}
	for i := 0; ; i++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if i == 0 {
			continue
		}
		if err := b.add(rec[0], rec[2]+" "+rec[1]); err != nil {
			return nil, err
		}
	}
	return b, nil
}

var (
	decimalRE  = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)
	currencyRE = regexp.MustCompile(`^[A-Z]{3}$`)
)

// hasapBalances reads the CSV of `hasap report balances --format csv`.
func hasapBalances(path string) (balances, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseHasapCSV(f, path)
}

func parseHasapCSV(f io.Reader, path string) (balances, error) {
	r := csv.NewReader(f)
	r.FieldsPerRecord = 3
	b := balances{}
	for i := 0; ; i++ {
		rec, err := r.Read()
		if err == io.EOF {
			if i == 0 {
				return nil, fmt.Errorf("%s: empty", path)
			}
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %v", path, err)
		}
		if i == 0 {
			if strings.Join(rec, ",") != "account,currency,balance" {
				return nil, fmt.Errorf("%s: header %q, want account,currency,balance", path, strings.Join(rec, ","))
			}
			continue
		}
		if !currencyRE.MatchString(rec[1]) || !decimalRE.MatchString(rec[2]) {
			return nil, fmt.Errorf("%s:%d: %q: want ACCOUNT,CODE,DECIMAL (e.g. a:b,TMT,-1234.50)", path, i+1, strings.Join(rec, ","))
		}
		if err := b.add(rec[0], rec[2]+" "+rec[1]); err != nil {
			return nil, fmt.Errorf("%s: %v", path, err)
		}
	}
	return b, nil
}

// compare prints the differences and returns how many there are.
func compare(an string, a balances, bn string, b balances) int {
	keys := map[string]bool{}
	for acct, m := range a {
		for com := range m {
			keys[acct+"\x00"+com] = true
		}
	}
	for acct, m := range b {
		for com := range m {
			keys[acct+"\x00"+com] = true
		}
	}
	sorted := make([]string, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)
	diffs := 0
	show := func(r *big.Rat) string {
		if r == nil {
			return "-"
		}
		return r.FloatString(2)
	}
	for _, k := range sorted {
		acct, com, _ := strings.Cut(k, "\x00")
		x, y := a[acct][com], b[acct][com]
		if x != nil && y != nil && x.Cmp(y) == 0 {
			continue
		}
		diffs++
		if diffs <= 20 {
			fmt.Printf("  %s %s: %s %s, %s %s\n", acct, com, an, show(x), bn, show(y))
		}
	}
	fmt.Printf("%s vs %s: %d account/commodity balances, %d differ\n", an, bn, len(sorted), diffs)
	return diffs
}

type source struct {
	name string
	bal  balances
}

func main() {
	file := flag.String("f", "", "journal file (the tools are run on it unless their saved output is given)")
	tools := flag.String("tools", "ledger,hledger", "which tools to consult, comma-separated: ledger, hledger, hasap (needs -hasap-out); the first is compared with the others")
	totals := flag.String("totals", "", "expected balances CSV written by bench/gen -totals")
	cost := flag.Bool("cost", false, "compare balances at cost (bal -B)")
	lout := flag.String("ledger-out", "", "saved output of `ledger -f F bal --flat` (instead of running ledger)")
	hout := flag.String("hledger-out", "", "saved output of `hledger -f F bal` (instead of running hledger)")
	hsout := flag.String("hasap-out", "", "saved output of `hasap report balances --format csv` (tool hasap)")
	flag.Parse()
	fail := func(err error) {
		fmt.Fprintln(os.Stderr, "balcheck:", err)
		os.Exit(1)
	}
	var srcs []source
	for _, t := range strings.Split(*tools, ",") {
		var b balances
		var err error
		switch {
		case t == "ledger" && *lout != "":
			b, err = plainBalances(*lout)
		case t == "ledger" && *file != "":
			b, err = ledgerBalances(*file, *cost)
		case t == "hledger" && *hout != "":
			b, err = plainBalances(*hout)
		case t == "hledger" && *file != "":
			b, err = hledgerBalances(*file, *cost)
		case t == "hasap" && *hsout != "":
			b, err = hasapBalances(*hsout)
		case t == "":
			continue
		default:
			err = fmt.Errorf("tool %q: need -f or its saved output", t)
		}
		if err != nil {
			fail(err)
		}
		srcs = append(srcs, source{t, b})
	}
	if *totals != "" && !*cost {
		t, err := readTotals(*totals)
		if err != nil {
			fail(err)
		}
		srcs = append(srcs, source{"generator", t})
	}
	if len(srcs) < 2 {
		fmt.Fprintln(os.Stderr, "usage: balcheck [-f FILE] [-tools ledger,hledger,hasap] [-ledger-out OUT] [-hledger-out OUT] [-hasap-out OUT.csv] [-totals FILE.csv] [-cost]\n(needs two sources to compare)")
		os.Exit(2)
	}
	diffs := 0
	for _, s := range srcs[1:] {
		diffs += compare(srcs[0].name, srcs[0].bal, s.name, s.bal)
	}
	if diffs > 0 {
		os.Exit(1)
	}
}
