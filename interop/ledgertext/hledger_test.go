package ledgertext

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// hledgerJournals are tricky journals, in the dialect both hledger and
// this package accept, that TestHledgerAgrees checks item by item.
// Balance assertions are not checked (hledger runs with -I).
var hledgerJournals = map[string]string{
	"header_and_comments": "; top\n# hash\n* star\n\n" +
		"2024-01-05=2024-01-07 * (INV-42) Grocery store | weekly  ; trip: food, paid:\n" +
		"    ; second line\n" +
		"    * assets:bank checking  -$1,234.50  ; bank: yes\n" +
		"      ; more\n" +
		"    ! expenses:food  $1,234.50\n" +
		"2024/1/6 ! () (not a code);comment\n    a  1\n    b  -1\n" +
		"2024.01.07 *desc\n    a  1\n    b\n",
	"amount_styles": balancedPairs("$100", "-$100", "$-100", "- $ 1", "100 USD", "USD -100", "100USD",
		`"quoted commodity" 5`, `-5 "quoted commodity"`, "€5", "-€5", "+5", "-5", "100.50 TMT", "-100.50TMT"),
	"number_formats": "2024-01-05 numbers\n" +
		"    a  1,234.56 A\n    a  1.234,56 B\n    a  1 234,56 C\n    a  1,000,000 D\n    a  1.000 E\n" +
		"    a  1,5 F\n    a  .5 G\n    a  5. H\n    a  0,500 I\n    a  1234,567 J\n    a  007.10 K\n" +
		"    a  -0.00 L\n    a  1 000,500 M\n    a  1.000.000 N\n    b\n",
	"declared_marks": "commodity $1,000.00\ncommodity 1.000,00 EUR\ncommodity JPY\n    format 1,000. JPY\n" +
		"2024-01-05 declared\n    a  $1,000\n    a  1,000 EUR\n    a  1.000 EUR\n    a  1,000 JPY\n    b\n" +
		"decimal-mark ,\n2024-01-06 global\n    a  1.000 X\n    a  1,000 Y\n    a  1,000 $\n    b\n",
	"costs_assertions": "2024-01-05 costs\n" +
		"    assets:eur  100 EUR @ $1.10\n    assets:usd  -$110 = $-110\n" +
		"    assets:stock  10 AAPL @@ $1,500.00 == 10 AAPL\n    assets:usd  -$1,500.00 =* $0\n" +
		"    assets:x  0 X ==* 0 X\n    assets:y  1 Y@2 Z\n    assets:z  -2 Z\n",
	"directives": "\ufeffY 2023\n" +
		"account assets:bank checking  ; type: A\n    ; note: main\n" +
		"account expenses\n" +
		"P 2024-01-02 EUR $1.10\nP 2024/1/3 12:00:00 \"ab c\" 5 USD ; ignored\n" +
		"payee Shop\ntag trip\n" +
		"comment\n2024-01-01 not a transaction\n    nor this\nend comment\n" +
		"1/5 default year\n    a  1\n    b\n" +
		"  ; stray indented comment\n",
	"whitespace": "2024-01-05 tabs and unicode spaces\t\n" +
		"\tassets:a b  1 X\n" +
		"    c d \u00a01 X\n" +
		"    e\u00a0f  -2 X  \n",
	"crlf": "2024-01-05 windows\r\n    a  $1\r\n    b  -$1\r\n",
}

// balancedPairs returns a journal with one transaction per amount, each
// balanced by an elided posting.
func balancedPairs(amounts ...string) string {
	var sb strings.Builder
	for _, a := range amounts {
		sb.WriteString("2024-01-05 style\n    a  " + a + "\n    b\n")
	}
	return sb.String()
}

// TestHledgerAgrees checks that hledger accepts each journal in
// hledgerJournals and reads the same transactions and declared accounts,
// and then the same for the journal the Writer makes of our items.
// It is skipped when hledger is not installed, unless HASAP_REQUIRE_TOOLS=1.
func TestHledgerAgrees(t *testing.T) {
	bin, err := exec.LookPath("hledger")
	if err != nil {
		if os.Getenv("HASAP_REQUIRE_TOOLS") == "1" {
			t.Fatalf("hledger is required (HASAP_REQUIRE_TOOLS=1): %v", err)
		}
		t.Skip("hledger not installed")
	}
	for name, src := range hledgerJournals {
		t.Run(name, func(t *testing.T) {
			items := mustParse(t, src)
			dir := t.TempDir()
			for file, text := range map[string][]byte{"source": []byte(src), "written": writeAll(t, items)} {
				path := filepath.Join(dir, file+".journal")
				if err := os.WriteFile(path, text, 0o644); err != nil {
					t.Fatal(err)
				}
				t.Run(file, func(t *testing.T) { checkHledger(t, bin, path, items) })
			}
		})
	}
}

// checkHledger compares what hledger reads in file with items.
func checkHledger(t *testing.T, bin, file string, items []Item) {
	theirs := hledgerPrint(t, bin, file)
	var ours []*Transaction
	var declared []string
	for _, it := range items {
		switch it := it.(type) {
		case *Transaction:
			ours = append(ours, it)
		case *AccountDirective:
			declared = append(declared, it.Name)
		}
	}
	if len(ours) != len(theirs) {
		t.Fatalf("we read %d transactions, hledger %d", len(ours), len(theirs))
	}
	for i := range ours {
		compareHledger(t, ours[i], &theirs[i])
	}
	var got []string
	for line := range strings.Lines(runHledger(t, bin, "-f", file, "-I", "accounts", "--declared")) {
		if line = strings.TrimSuffix(line, "\n"); line != "" {
			got = append(got, line)
		}
	}
	slices.Sort(got)
	slices.Sort(declared)
	if !slices.Equal(got, declared) {
		t.Errorf("declared accounts: hledger %q, we %q", got, declared)
	}
}

func runHledger(t *testing.T, bin string, args ...string) string {
	t.Helper()
	out, err := exec.Command(bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("hledger %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

type hlTxn struct {
	Date        string      `json:"tdate"`
	Date2       *string     `json:"tdate2"`
	Status      string      `json:"tstatus"`
	Code        string      `json:"tcode"`
	Description string      `json:"tdescription"`
	Comment     string      `json:"tcomment"`
	Postings    []hlPosting `json:"tpostings"`
}

type hlPosting struct {
	Account   string     `json:"paccount"`
	Status    string     `json:"pstatus"`
	Comment   string     `json:"pcomment"`
	Amounts   []hlAmount `json:"pamount"`
	Assertion *struct {
		Amount    hlAmount `json:"baamount"`
		Inclusive bool     `json:"bainclusive"`
		Total     bool     `json:"batotal"`
	} `json:"pbalanceassertion"`
}

type hlAmount struct {
	Commodity string `json:"acommodity"`
	Quantity  struct {
		Mantissa json.Number `json:"decimalMantissa"` // exact; the float field is not read
		Places   int         `json:"decimalPlaces"`
	} `json:"aquantity"`
	Price *struct {
		Tag      string   `json:"tag"`
		Contents hlAmount `json:"contents"`
	} `json:"aprice"`
}

func hledgerPrint(t *testing.T, bin, file string) []hlTxn {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(runHledger(t, bin, "-f", file, "-I", "print", "-O", "json")))
	dec.UseNumber()
	var txns []hlTxn
	if err := dec.Decode(&txns); err != nil {
		t.Fatalf("decode hledger json: %v", err)
	}
	return txns
}

var hlStatus = map[string]Status{"Unmarked": Unmarked, "Pending": Pending, "Cleared": Cleared}

func compareHledger(t *testing.T, ours *Transaction, theirs *hlTxn) {
	t.Helper()
	date2 := ""
	if !ours.Date2.IsZero() {
		date2 = ours.Date2.String()
	}
	theirDate2 := ""
	if theirs.Date2 != nil {
		theirDate2 = *theirs.Date2
	}
	if ours.Date.String() != theirs.Date || date2 != theirDate2 || ours.Status != hlStatus[theirs.Status] ||
		ours.Code != theirs.Code || ours.Description != theirs.Description ||
		ours.Comment != strings.Trim(theirs.Comment, "\n") || len(ours.Postings) != len(theirs.Postings) {
		t.Fatalf("line %d: transaction differs:\n ours   %+v\n hledger %+v", ours.Line, *ours, *theirs)
	}
	for i := range ours.Postings {
		p, hp := &ours.Postings[i], &theirs.Postings[i]
		if p.Account != hp.Account || p.Status != hlStatus[hp.Status] || p.Comment != strings.Trim(hp.Comment, "\n") {
			t.Errorf("line %d: posting differs:\n ours   %+v\n hledger %+v", p.Line, *p, *hp)
			continue
		}
		if p.Elided { // hledger fills in the amount; balancing is the importer's job
			continue
		}
		if len(hp.Amounts) != 1 || !sameAmount(p.Amount, hp.Amounts[0]) || !sameCost(p.Cost, hp.Amounts[0]) {
			t.Errorf("line %d: amount %+v cost %+v, hledger %+v", p.Line, p.Amount, p.Cost, hp.Amounts)
		}
		if !sameAssertion(p.Assertion, hp) {
			t.Errorf("line %d: assertion %+v, hledger %+v", p.Line, p.Assertion, hp.Assertion)
		}
	}
}

func sameCost(c Cost, a hlAmount) bool {
	switch {
	case a.Price == nil:
		return c.Kind == NoCost
	case a.Price.Tag == "UnitPrice":
		return c.Kind == UnitCost && sameAmount(c.Amount, a.Price.Contents)
	}
	return c.Kind == TotalCost && sameAmount(c.Amount, a.Price.Contents)
}

func sameAssertion(a Assertion, hp *hlPosting) bool {
	if hp.Assertion == nil {
		return a.Kind == NoAssertion
	}
	kind := AssertSingle
	if hp.Assertion.Total {
		kind = AssertSole
	}
	if hp.Assertion.Inclusive {
		kind += 2
	}
	return a.Kind == kind && sameAmount(a.Amount, hp.Assertion.Amount)
}

// sameAmount compares our decimal string with hledger's mantissa and
// places, as exact decimals.
func sameAmount(a Amount, h hlAmount) bool {
	intPart, frac, _ := strings.Cut(a.Number, ".")
	return a.Commodity == h.Commodity &&
		canonDecimal(intPart+frac, len(frac)) == canonDecimal(h.Quantity.Mantissa.String(), h.Quantity.Places)
}

// canonDecimal writes mantissa × 10^-places with no leading zeros and no
// trailing fractional zeros, for comparing.
func canonDecimal(mantissa string, places int) string {
	neg := strings.HasPrefix(mantissa, "-")
	digits := strings.TrimLeft(strings.TrimPrefix(mantissa, "-"), "0")
	for places > 0 && strings.HasSuffix(digits, "0") {
		digits, places = digits[:len(digits)-1], places-1
	}
	if digits == "" {
		return "0"
	}
	if neg {
		digits = "-" + digits
	}
	return digits + "e-" + strconv.Itoa(places)
}
