package mt940

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"hasap/interop/bankstmt"
	"hasap/ledger"
	"hasap/money"
)

func d(y int, m time.Month, day int) ledger.Date { return ledger.DateOf(y, m, day) }

var (
	tmt = money.MustLookup("TMT")
	usd = money.MustLookup("USD")
)

// twoStatements is what testdata/two_statements.sta holds.
var twoStatements = []bankstmt.Statement{{
	ID: "STMT-2024-001", Number: "1/1", Account: "23201934100012345", Currency: tmt,
	Opening: 15000000, Closing: 15909950, HasOpening: true, HasClosing: true,
	OpeningDate: d(2024, 1, 31), ClosingDate: d(2024, 2, 3),
	Lines: []bankstmt.Line{{
		Date: d(2024, 2, 1), ValueDate: d(2024, 2, 1), Amount: 1150000, Currency: tmt,
		Reference: "INV-2024-17", BankRef: "BNK0001",
		Description: "Payment for invoice 17\nDashoguz Pagta HJ\nhasap-faktura 17 boyunca toleg\nVAT included",
	}, {
		Date: d(2024, 2, 2), ValueDate: d(2024, 2, 2), Amount: -250050, Currency: tmt,
		BankRef: "BNK0002", Description: "Bank commission\nfor January",
	}, {
		Date: d(2024, 2, 3), ValueDate: d(2024, 2, 3), Amount: 10000, Currency: tmt,
		Reference: "R-55", BankRef: "BNK0003", Description: "Reversal of debit 2024-01-29",
	}},
}, {
	ID: "STMT-USD-7", Number: "7/1", Account: "TM99USD000111", Currency: usd,
	Opening: -100000, Closing: 50000, HasOpening: true, HasClosing: true,
	OpeningDate: d(2023, 12, 30), ClosingDate: d(2024, 1, 2),
	Lines: []bankstmt.Line{{
		Date: d(2024, 1, 2), ValueDate: d(2023, 12, 31), Amount: 150000, Currency: usd,
		Reference: "E2E-991", BankRef: "B77", Description: "Ahal Gurlusyk\ncontract 12/2023, invoice 5",
	}},
}}

func TestParseSample(t *testing.T) {
	data, err := os.ReadFile("testdata/two_statements.sta")
	if err != nil {
		t.Fatal(err)
	}
	crlf := bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
	for name, in := range map[string][]byte{"LF": data, "CRLF": crlf, "BOM": append([]byte("\uFEFF"), data...)} {
		got, err := Parse(bytes.NewReader(in))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got, twoStatements) {
			t.Errorf("%s:\n got %+v\nwant %+v", name, got, twoStatements)
		}
	}
}

func TestWriteRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, twoStatements); err != nil {
		t.Fatal(err)
	}
	got, err := Parse(&buf)
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if !reflect.DeepEqual(got, twoStatements) {
		t.Errorf("got %+v\nwant %+v", got, twoStatements)
	}
}

// TestDescriptionThatLooksLikeATag: an :86: whose first line reads like a
// tag is written back after the :86: tag, the supplementary details before it.
func TestDescriptionThatLooksLikeATag(t *testing.T) {
	in := ":20:X\n:25:A\n:60F:C240101TMT0,\n:61:240101C1,NTRFR\nsupp\n:86::20:not a tag\nmore\n:62F:C240101TMT1,\n"
	sts, err := Parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := sts[0].Lines[0].Description, "supp\n:20:not a tag\nmore"; got != want {
		t.Fatalf("description %q, want %q", got, want)
	}
	var buf bytes.Buffer
	if err := Write(&buf, sts); err != nil {
		t.Fatal(err)
	}
	again, err := Parse(&buf)
	if err != nil || !reflect.DeepEqual(again, sts) {
		t.Fatalf("round trip: %v\n%s", err, buf.String())
	}
}

func TestEntryDateYear(t *testing.T) {
	for _, c := range []struct {
		value ledger.Date
		mmdd  string
		want  ledger.Date
	}{
		{d(2023, 12, 31), "0102", d(2024, 1, 2)},
		{d(2024, 1, 2), "1231", d(2023, 12, 31)},
		{d(2024, 6, 15), "0614", d(2024, 6, 14)},
		{d(2023, 3, 1), "0229", d(2024, 2, 29)}, // the only February 29 within a year
	} {
		got, err := entryDate(c.value, c.mmdd)
		if err != nil || got != c.want {
			t.Errorf("entryDate(%s, %s) = %s, %v; want %s", c.value, c.mmdd, got, err, c.want)
		}
	}
	if _, err := entryDate(d(2024, 1, 1), "1301"); err == nil {
		t.Error("month 13 accepted")
	}
}

const head = ":20:S1\n:25:ACC\n:60F:C240101TMT100,00\n"

func TestParseErrors(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"no decimal comma", head + ":61:240102C10.00NTRFX\n:62F:C240102TMT110,00\n", "line 4: tag :61: amount \"10\" is not digits with a decimal comma"},
		{"no type", head + ":61:240102C10,00X\n", "line 4: tag :61: after the amount comes a transaction type"},
		{"no comma at all", head + ":61:240102C1000NTRFX\n", "line 4: tag :61: amount \"1000\" is not digits with a decimal comma"},
		{"too many decimals", head + ":61:240102C10,001NTRFX\n", "line 4: tag :61: amount 10,001 has more decimals than TMT allows (2)"},
		{"bad mark", head + ":61:240102X10,00NTRFX\n", "line 4: tag :61: the debit/credit mark must be C, D, RC or RD"},
		{"bad value date", head + ":61:240230C10,00NTRFX\n", "line 4: tag :61: \"240230\" is not a date (YYMMDD)"},
		{"bad entry date", head + ":61:2402011340C10,00NTRFX\n", "line 4: tag :61: \"1340\" is not an entry date (MMDD)"},
		{"huge amount", head + ":61:240102C99999999999999999999,00NTRFX\n", "line 4: tag :61: amount \"99999999999999999999,00\" is out of range"},
		{"line before opening", ":20:S1\n:25:ACC\n:61:240102C10,00NTRFX\n", "line 3: tag :61: a statement line before the opening balance"},
		{"unknown currency", ":20:S1\n:25:ACC\n:60F:C240101XYZ100,00\n", "line 3: tag :60F: unknown currency \"XYZ\""},
		{"currency changes", head + ":62F:C240101USD100,00\n", "line 4: tag :62F: currency USD differs from the opening balance's TMT"},
		{"bad balance", ":20:S1\n:25:ACC\n:60F:C2401TMT1\n", "line 3: tag :60F: \"C2401TMT1\" is not a balance"},
		{"two openings", head + ":60M:C240101TMT100,00\n", "line 4: tag :60M: the statement has an opening balance already"},
		{"no closing", head + ":61:240102C10,00NTRFX\n", "line 1: tag :20: statement S1 has no :62F:"},
		{"no account", ":20:S1\n:60F:C240101TMT100,00\n:62F:C240101TMT100,00\n-\n", "line 1: tag :20: statement S1 has no :25:"},
		{"does not add up", head + ":61:240102C10,00NTRFX\n:62F:C240102TMT100,00\n", "line 1: statement S1: opening balance 100.00 plus the lines' total 10.00 makes 110.00, not the closing balance 100.00"},
		{"tag before :20:", ":25:ACC\n", "line 1: tag :25: no statement has begun"},
		{"second :86:", head + ":61:240102C10,00NTRFX\n:86:a\n:86:b\n", "line 6: tag :86: a second :86: for one statement line"},
		{"two lines in :25:", ":20:S1\n:25:ACC\nmore\n", "line 2: tag :25: the tag takes one line"},
		{"line after closing", head + ":62F:C240101TMT100,00\n:61:240102C10,00NTRFX\n", "line 5: tag :61: a statement line after the closing balance"},
		{"control character", head + ":86:a\x00b\n", "line 4: control character in the line"},
		{"not UTF-8", head + ":86:\xff\n", "line 4: the line is not valid UTF-8 text"},
		{"long line", head + ":86:" + strings.Repeat("x", MaxLineBytes) + "\n", "line 4: the line is longer than"},
		{"empty reference", ":20: \n", "line 1: tag :20: the statement reference is empty"},
	} {
		t.Run(c.name, func(t *testing.T) {
			sts, err := Parse(strings.NewReader(c.in))
			if err == nil {
				t.Fatalf("no error; got %+v", sts)
			}
			if sts != nil {
				t.Errorf("statements returned with an error: %+v", sts)
			}
			if !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("error %q\n  want %q...", err, c.want)
			}
			if !ledger.IsCode(err, ledger.EInvalid) {
				t.Errorf("error %v has code %s", err, ledger.ErrorCode(err))
			}
		})
	}
}

// TestSkipped: unknown tags with their lines, bank header lines before the
// first statement, and a statement-level :86: are skipped.
func TestSkipped(t *testing.T) {
	in := "ABNANL2A\n940\n" + head + ":NS:22something\nmore\n:13D:2401011200+0100\n:86:about the statement\n:61:240102D0,NTRFX\n:62M:C240102TMT100,00\n:86:closing words\nline two\n"
	sts, err := Parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(sts) != 1 || len(sts[0].Lines) != 1 || sts[0].Lines[0].Description != "" || sts[0].Closing != 10000 {
		t.Fatalf("got %+v", sts)
	}
}

// TestWindows1251: a Russian bank's export in Windows-1251 reads through
// bankstmt.DecodeWindows1251.
func TestWindows1251(t *testing.T) {
	text, _ := bankstmt.EncodeWindows1251(head + ":61:240102C10,00NTRFX\n:86:Оплата по счёту №5\n:62F:C240102TMT110,00\n")
	if _, err := Parse(bytes.NewReader(text)); err == nil || !strings.Contains(err.Error(), "not valid UTF-8") {
		t.Errorf("undecoded: %v", err)
	}
	sts, err := Parse(bankstmt.DecodeWindows1251(bytes.NewReader(text)))
	if err != nil || sts[0].Lines[0].Description != "Оплата по счёту №5" {
		t.Fatalf("%+v, %v", sts, err)
	}
}
