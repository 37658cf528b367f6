package chart

import (
	"bytes"
	"flag"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"

	"hasap/ledger"
)

var update = flag.Bool("update", false, "rewrite chart/data/*.csv in the form WriteCSV gives")

func mustBuiltin(t *testing.T, name string) []ledger.Account {
	t.Helper()
	accounts, err := Builtin(name)
	if err != nil {
		t.Fatalf("Builtin(%q): %v", name, err)
	}
	return accounts
}

func byCode(accounts []ledger.Account) map[ledger.AccountCode]ledger.Account {
	m := make(map[ledger.AccountCode]ledger.Account, len(accounts))
	for _, a := range accounts {
		m[a.Code] = a
	}
	return m
}

func TestNames(t *testing.T) {
	if got, want := Names(), []string{"cis", "ifrs", "empty"}; !slices.Equal(got, want) {
		t.Fatalf("Names() = %q, want %q", got, want)
	}
	Names()[0] = "changed"
	if Names()[0] != "cis" {
		t.Fatal("Names shares its slice with the caller")
	}
}

func TestBuiltinUnknown(t *testing.T) {
	_, err := Builtin("gaap")
	if !ledger.IsCode(err, ledger.EInvalid) {
		t.Fatalf("Builtin(gaap) error %v, want code %s", err, ledger.EInvalid)
	}
	for _, name := range Names() {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error %q does not list %q", err, name)
		}
	}
}

func TestBuiltinEmpty(t *testing.T) {
	accounts := mustBuiltin(t, "empty")
	if accounts == nil || len(accounts) != 0 {
		t.Fatalf("empty chart = %v, want an empty non-nil slice", accounts)
	}
}

// TestBuiltinFresh: a caller may change what it gets without changing the
// next caller's chart.
func TestBuiltinFresh(t *testing.T) {
	a := mustBuiltin(t, "cis")
	a[0].Names.RU = "changed"
	a[1].Analytics = append(a[1].Analytics, ledger.Project)
	b := mustBuiltin(t, "cis")
	if b[0].Names.RU == "changed" || len(b[1].Analytics) != len(a[1].Analytics)-1 {
		t.Fatal("Builtin returns shared data")
	}
}

// TestBuiltinCharts checks what every built-in chart must be: valid
// accounts, three names each in the right script, groups with children and
// without postable details, parents before children.
func TestBuiltinCharts(t *testing.T) {
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			accounts := mustBuiltin(t, name)
			children := map[ledger.AccountCode]int{}
			seen := map[ledger.AccountCode]bool{}
			for _, a := range accounts {
				if err := a.Validate(); err != nil {
					t.Errorf("%s: %v", a.Code, err)
				}
				checkNames(t, a)
				if a.Parent != "" {
					children[a.Parent]++
					if !seen[a.Parent] {
						t.Errorf("%s comes before its parent %s", a.Code, a.Parent)
					}
				}
				seen[a.Code] = true
			}
			for _, a := range accounts {
				if a.Group != (children[a.Code] > 0) {
					t.Errorf("%s: Group = %v with %d sub-accounts", a.Code, a.Group, children[a.Code])
				}
				if a.Group && (a.Currency || a.Quantity || len(a.Analytics) > 0) {
					t.Errorf("group %s carries flags or analytics; its sub-accounts should", a.Code)
				}
			}
			t.Logf("%s: %d accounts", name, len(accounts))
		})
	}
}

// turkmenLetters is the Turkmen Latin alphabet; C, Q, V and X are not in it.
const turkmenLetters = "abçdeäfghijžklmnňoöprsştuüwyýzABÇDEÄFGHIJŽKLMNŇOÖPRSŞTUÜWYÝZ"

func checkNames(t *testing.T, a ledger.Account) {
	t.Helper()
	n := a.Names
	if n.TK == "" || n.RU == "" || n.EN == "" {
		t.Errorf("%s: a name is missing: %+v", a.Code, n)
		return
	}
	for _, r := range n.TK {
		if unicode.IsLetter(r) && !strings.ContainsRune(turkmenLetters, r) {
			t.Errorf("%s: Turkmen name %q has %q, not a Turkmen letter", a.Code, n.TK, r)
		}
	}
	if !strings.ContainsFunc(n.RU, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) {
		t.Errorf("%s: Russian name %q has no Cyrillic letter", a.Code, n.RU)
	}
	for _, r := range n.RU {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Cyrillic, r) {
			t.Errorf("%s: Russian name %q has the non-Cyrillic letter %q", a.Code, n.RU, r)
		}
	}
	for _, r := range n.EN {
		if r > unicode.MaxASCII {
			t.Errorf("%s: English name %q has %q", a.Code, n.EN, r)
		}
	}
}

// want describes what a test expects of one account.
type want struct {
	kind      ledger.Kind
	class     ledger.Class
	currency  bool
	quantity  bool
	group     bool
	analytics string // "counterparty;contract"
}

func checkAccounts(t *testing.T, chart string, wants map[ledger.AccountCode]want) {
	t.Helper()
	accounts := byCode(mustBuiltin(t, chart))
	for code, w := range wants {
		a, ok := accounts[code]
		if !ok {
			t.Errorf("%s: account %s is missing", chart, code)
			continue
		}
		got := want{a.Kind, a.Class, a.Currency, a.Quantity, a.Group, joinAnalytics(a.Analytics)}
		if got != w {
			t.Errorf("%s: account %s is %+v, want %+v", chart, code, got, w)
		}
	}
}

func joinAnalytics(ks []ledger.AnalyticKind) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, ";")
}

const (
	cpContract    = "counterparty;contract"
	itemWarehouse = "item;warehouse"
)

// TestCISFacts checks the facts DOMAIN.md states about the classic chart.
func TestCISFacts(t *testing.T) {
	A, P, AP := ledger.Active, ledger.Passive, ledger.ActivePassive
	checkAccounts(t, "cis", map[ledger.AccountCode]want{
		"000":   {AP, ledger.Mixed, false, false, false, ""},
		"01":    {A, ledger.Asset, false, false, false, "fixed_asset"},
		"02":    {P, ledger.Asset, false, false, false, "fixed_asset"},
		"08":    {A, ledger.Asset, false, false, true, ""},
		"08.04": {A, ledger.Asset, false, false, false, "fixed_asset"},
		"10":    {A, ledger.Asset, false, false, true, ""},
		"10.01": {A, ledger.Asset, false, true, false, itemWarehouse},
		"19":    {A, ledger.Asset, false, false, true, ""},
		"41":    {A, ledger.Asset, false, false, true, ""},
		"41.01": {A, ledger.Asset, false, true, false, itemWarehouse},
		"43":    {A, ledger.Asset, false, true, false, itemWarehouse},
		"50.01": {A, ledger.Asset, false, false, false, "cashflow"},
		"50.21": {A, ledger.Asset, true, false, false, "cashflow"},
		"51":    {A, ledger.Asset, false, false, false, "cashflow"},
		"52":    {A, ledger.Asset, true, false, false, "cashflow"},
		"58.03": {A, ledger.Asset, false, false, false, cpContract},
		"60":    {AP, ledger.Liability, false, false, true, ""},
		"60.01": {P, ledger.Liability, false, false, false, cpContract},
		"60.02": {A, ledger.Asset, false, false, false, cpContract},
		"60.21": {P, ledger.Liability, true, false, false, cpContract},
		"62":    {AP, ledger.Asset, false, false, true, ""},
		"62.01": {A, ledger.Asset, false, false, false, cpContract},
		"62.02": {P, ledger.Liability, false, false, false, cpContract},
		"62.22": {P, ledger.Liability, true, false, false, cpContract},
		"66.01": {P, ledger.Liability, false, false, false, cpContract},
		"67.01": {P, ledger.Liability, false, false, false, cpContract},
		"68":    {AP, ledger.Liability, false, false, true, ""},
		"68.02": {AP, ledger.Liability, false, false, false, ""},
		"69.02": {AP, ledger.Liability, false, false, false, ""},
		"70":    {P, ledger.Liability, false, false, false, "employee"},
		"71.01": {AP, ledger.Asset, false, false, false, "employee"},
		"71.21": {AP, ledger.Asset, true, false, false, "employee"},
		"75.01": {A, ledger.Asset, false, false, false, "counterparty"},
		"76":    {AP, ledger.Mixed, false, false, true, ""},
		"76.05": {AP, ledger.Mixed, false, false, false, cpContract},
		"76.AV": {A, ledger.Asset, false, false, false, cpContract},
		"76.VA": {P, ledger.Liability, false, false, false, cpContract},
		"80":    {P, ledger.Equity, false, false, false, ""},
		"84":    {AP, ledger.Equity, false, false, false, ""},
		"90":    {AP, ledger.Mixed, false, false, true, ""},
		"90.01": {P, ledger.Income, false, false, false, ""},
		"90.02": {A, ledger.Expense, false, false, false, ""},
		"90.09": {AP, ledger.Mixed, false, false, false, ""},
		"91.09": {AP, ledger.Mixed, false, false, false, ""},
		"94":    {A, ledger.Asset, false, false, false, ""},
		"96":    {P, ledger.Liability, false, false, false, ""},
		"97":    {A, ledger.Asset, false, false, false, ""},
		"98":    {P, ledger.Liability, false, false, false, ""},
		"99":    {AP, ledger.Mixed, false, false, false, ""},
		"002":   {A, ledger.OffBalance, false, true, false, "counterparty;item;warehouse"},
	})
	accounts := byCode(mustBuiltin(t, "cis"))
	for _, code := range []ledger.AccountCode{"001", "002", "003", "004", "005", "006", "007", "008", "009", "010", "011"} {
		if a, ok := accounts[code]; !ok || !a.OffBalance() || a.Group {
			t.Errorf("off-balance account %s: %+v", code, a)
		}
	}
	for _, a := range accounts {
		if a.OffBalance() != (len(a.Code) == 3 && a.Code != "000") {
			t.Errorf("%s: class %s; only the three-digit accounts 001–011 are off-balance", a.Code, a.Class)
		}
	}
	// Every synthetic account DOMAIN.md names.
	for _, code := range strings.Fields("01 02 04 05 07 08 09 10 15 16 19 20 23 25 26 28 29 41 42 43 44 45 50 51 52 55 57 58 60 62 66 67 68 69 70 71 73 75 76 80 82 83 84 86 90 91 94 96 97 98 99") {
		if _, ok := accounts[ledger.AccountCode(code)]; !ok {
			t.Errorf("account %s is missing", code)
		}
	}
	// Contra accounts: class of what they offset, opposite kind.
	for _, code := range []ledger.AccountCode{"02", "05", "42", "59", "63"} {
		if a := accounts[code]; a.Kind != P || a.Class != ledger.Asset {
			t.Errorf("contra account %s is %s %s, want P asset", code, a.Kind, a.Class)
		}
	}
}

func TestIFRSFacts(t *testing.T) {
	A, P, AP := ledger.Active, ledger.Passive, ledger.ActivePassive
	checkAccounts(t, "ifrs", map[ledger.AccountCode]want{
		"1010": {A, ledger.Asset, false, false, false, "cashflow"},
		"1020": {A, ledger.Asset, false, false, false, "cashflow"},
		"1030": {A, ledger.Asset, true, false, false, "cashflow"},
		"1100": {A, ledger.Asset, false, false, false, "counterparty"},
		"1150": {A, ledger.Asset, false, false, false, ""},
		"1200": {A, ledger.Asset, false, true, false, itemWarehouse},
		"1500": {A, ledger.Asset, false, false, false, "fixed_asset"},
		"1510": {P, ledger.Asset, false, false, false, "fixed_asset"},
		"2010": {P, ledger.Liability, false, false, false, "counterparty"},
		"2100": {P, ledger.Liability, false, false, false, ""},
		"2200": {P, ledger.Liability, false, false, false, "employee"},
		"2300": {P, ledger.Liability, false, false, false, ""},
		"2310": {P, ledger.Liability, false, false, false, ""},
		"3000": {P, ledger.Equity, false, false, false, ""},
		"3100": {AP, ledger.Equity, false, false, false, ""},
		"3900": {AP, ledger.Equity, false, false, false, ""},
		"4000": {P, ledger.Income, false, false, false, ""},
		"5000": {A, ledger.Expense, false, false, false, ""},
		"9000": {AP, ledger.Mixed, false, false, false, ""},
	})
	for _, a := range mustBuiltin(t, "ifrs") {
		if len(a.Code) != 4 {
			t.Errorf("account %s: IFRS codes have four digits", a.Code)
		}
		section := map[byte][]ledger.Class{
			'1': {ledger.Asset}, '2': {ledger.Liability}, '3': {ledger.Equity}, '4': {ledger.Income},
			'5': {ledger.Expense}, '6': {ledger.Expense}, '7': {ledger.Expense},
			'8': {ledger.Income, ledger.Expense}, '9': {ledger.Mixed},
		}[a.Code[0]]
		if !slices.Contains(section, a.Class) {
			t.Errorf("account %s has class %s, not one of its section's %v", a.Code, a.Class, section)
		}
	}
}

// TestBuiltinRoundTrip: what WriteCSV writes, LoadCSV reads back, and the
// embedded files are exactly what WriteCSV writes (run with -update to
// rewrite them after editing).
func TestBuiltinRoundTrip(t *testing.T) {
	for _, b := range builtins {
		if b.file == "" {
			continue
		}
		accounts := mustBuiltin(t, b.name)
		var buf bytes.Buffer
		if err := WriteCSV(&buf, accounts); err != nil {
			t.Fatalf("%s: WriteCSV: %v", b.name, err)
		}
		again, err := LoadCSV(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("%s: LoadCSV(WriteCSV): %v", b.name, err)
		}
		if !slices.EqualFunc(accounts, again, accountsEqual) {
			t.Errorf("%s: the round trip changed the chart", b.name)
		}
		path := b.file
		if *update {
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		file, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(file, buf.Bytes()) {
			t.Errorf("%s is not in the form WriteCSV gives; run go test ./chart -run RoundTrip -update", path)
		}
	}
}

func accountsEqual(a, b ledger.Account) bool {
	return a.Code == b.Code && a.Parent == b.Parent && a.Names == b.Names && a.Kind == b.Kind &&
		a.Class == b.Class && a.Currency == b.Currency && a.Quantity == b.Quantity &&
		a.Group == b.Group && a.Inactive == b.Inactive && slices.Equal(a.Analytics, b.Analytics)
}
