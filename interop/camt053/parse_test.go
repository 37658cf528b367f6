package camt053

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
	eur = money.MustLookup("EUR")
	usd = money.MustLookup("USD")
)

func parseFile(t *testing.T, name string) []bankstmt.Statement {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	sts, err := Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return sts
}

func TestParse02(t *testing.T) {
	got := parseFile(t, "testdata/camt053_001_02.xml")
	want := []bankstmt.Statement{{
		ID: "TMB-2024-02-29-001", Number: "29", Account: "23201934100012345", Currency: tmt,
		Opening: 150000, Closing: 252450, HasOpening: true, HasClosing: true,
		OpeningDate: d(2024, 2, 28), ClosingDate: d(2024, 2, 29),
		Lines: []bankstmt.Line{{
			Date: d(2024, 2, 29), ValueDate: d(2024, 2, 29), Amount: 115000, Currency: tmt,
			Counterparty: "Daşoguz Pagta HJ", CounterpartyAccount: "23202934100099999",
			Reference: "INV-2024-17", Description: "Hasap-faktura 17 boýunça töleg\nGBS 15% bilen", BankRef: "TMB0001",
		}, {
			Date: d(2024, 2, 29), ValueDate: d(2024, 2, 29), Amount: -2550, Currency: tmt,
			Description: "Bank commission", BankRef: "TMB0002",
		}, {
			Date: d(2024, 2, 29), ValueDate: d(2024, 3, 1), Amount: -30000, Currency: tmt,
			Counterparty: "Türkmentelekom", CounterpartyAccount: "TM12TTEL00000000000001",
			Reference: "ACC-778", Description: "Internet, February", BankRef: "TMB0003",
		}, {
			Date: d(2024, 2, 29), ValueDate: d(2024, 2, 29), Amount: 20000, Currency: tmt,
			Description: "Batch of 2 payments", BankRef: "TMB0004",
		}},
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestParse08(t *testing.T) {
	got := parseFile(t, "testdata/camt053_001_08.xml")
	want := []bankstmt.Statement{{
		ID: "EUR-2024-03-07", Number: "67", Account: "DE89370400440532013000", Currency: eur,
		Opening: 1000000, Closing: 765025, HasOpening: true, HasClosing: true,
		OpeningDate: d(2024, 3, 6), ClosingDate: d(2024, 3, 7),
		Lines: []bankstmt.Line{{
			Date: d(2024, 3, 7), ValueDate: d(2024, 3, 7), Amount: -234975, Currency: eur,
			Counterparty: "Anadolu Makine A.Ş.", CounterpartyAccount: "TR330006100519786457841326",
			Reference: "PO-4471", Description: "Invoice 2024/118, spare parts", BankRef: "2024030700012",
		}},
	}, {
		ID: "USD-2024-03-07", Number: "12", Account: "40702840000000000077", Currency: usd,
		Opening: -12000, Closing: 38000, HasOpening: true, HasClosing: true,
		OpeningDate: d(2024, 3, 7), ClosingDate: d(2024, 3, 7),
		Lines: []bankstmt.Line{{
			Date: d(2024, 3, 7), ValueDate: d(2024, 3, 6), Amount: 50000, Currency: usd,
			Counterparty: "Ahal Gurluşyk", CounterpartyAccount: "40702840000000000099",
			Reference: "E2E-77", Description: "Reversal of the payment of 2024-03-05", BankRef: "RV-9",
		}},
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestWindows1251(t *testing.T) {
	name, _ := bankstmt.EncodeWindows1251("ООО «Ромашка»")
	doc := `<?xml version="1.0" encoding="windows-1251"?>` + "\n" +
		`<Document><BkToCstmrStmt><Stmt><Id>S</Id><Acct><Id><Othr><Id>40702</Id></Othr></Id></Acct>` +
		`<Ntry><Amt Ccy="RUB">10</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2024-01-10</Dt></BookgDt>` +
		`<NtryDtls><TxDtls><RltdPties><Dbtr><Nm>` + string(name) + `</Nm></Dbtr></RltdPties></TxDtls></NtryDtls></Ntry>` +
		`</Stmt></BkToCstmrStmt></Document>`
	sts, err := Parse(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if l := sts[0].Lines[0]; l.Counterparty != "ООО «Ромашка»" || l.Amount != 1000 || sts[0].HasOpening {
		t.Errorf("got %+v", sts[0])
	}
}

// stmt wraps the children of one Stmt into a document, from line 3 on.
func stmt(body string) string {
	return "<?xml version=\"1.0\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.04\"><BkToCstmrStmt>\n" +
		"<Stmt><Id>S1</Id><Acct><Id><IBAN>TM1</IBAN></Id><Ccy>TMT</Ccy></Acct>\n" + body + "\n</Stmt></BkToCstmrStmt></Document>\n"
}

const (
	opbd = `<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="TMT">100.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2024-01-01</Dt></Dt></Bal>`
	clbd = `<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="TMT">90.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2024-01-02</Dt></Dt></Bal>`
)

func ntry(amt, side, date string) string {
	return `<Ntry><Amt Ccy="TMT">` + amt + `</Amt><CdtDbtInd>` + side + `</CdtDbtInd><BookgDt><Dt>` + date + `</Dt></BookgDt></Ntry>`
}

// parseCases are documents and the error each gives ("" for none).
var parseCases = []struct{ name, in, want string }{
	{"balances", stmt(opbd + "\n" + clbd + "\n" + ntry("10.00", "DBIT", "2024-01-02")), ""},
	{"comma", stmt(ntry("10,00", "DBIT", "2024-01-02")), `line 4: element Stmt[1]/Ntry[1]/Amt: amount "10,00" is not a decimal number`},
	{"sign", stmt(ntry("-10.00", "DBIT", "2024-01-02")), `line 4: element Stmt[1]/Ntry[1]/Amt: amount "-10.00" is not a decimal number`},
	{"decimals", stmt(ntry("10.001", "DBIT", "2024-01-02")), `line 4: element Stmt[1]/Ntry[1]/Amt: amount 10.001 has more decimals than TMT allows (2)`},
	{"huge", stmt(ntry("99999999999999999999", "DBIT", "2024-01-02")), `line 4: element Stmt[1]/Ntry[1]/Amt: amount "99999999999999999999" is out of range`},
	{"side", stmt(ntry("10.00", "CR", "2024-01-02")), `line 4: element Stmt[1]/Ntry[1]/CdtDbtInd: the credit/debit indicator must be CRDT or DBIT, not "CR"`},
	{"date", stmt(ntry("10.00", "DBIT", "2024-02-30")), `line 4: element Stmt[1]/Ntry[1]/BookgDt: "2024-02-30" is not a date (YYYY-MM-DD)`},
	{"no date", stmt(`<Ntry><Amt Ccy="TMT">1</Amt><CdtDbtInd>DBIT</CdtDbtInd></Ntry>`), `line 4: element Stmt[1]/Ntry[1]: the entry has neither a booking date nor a value date`},
	{"currency", stmt(`<Ntry><Amt Ccy="USD">1</Amt></Ntry>`), `line 4: element Stmt[1]/Ntry[1]/Amt: currency USD differs from the statement's TMT`},
	{"no Ccy", stmt(`<Ntry><Amt>1</Amt></Ntry>`), `line 4: element Stmt[1]/Ntry[1]/Amt: the amount has no Ccy attribute`},
	{"unknown currency", strings.Replace(stmt(""), "TMT", "XXX", 1), `line 3: element Stmt[1]/Acct/Ccy: unknown currency "XXX"`},
	{"does not add up", stmt(opbd + "\n" + clbd + "\n" + ntry("10.01", "DBIT", "2024-01-02")), "line 3: statement S1: opening balance 100.00 plus the lines' total -10.01 makes 89.99, not the closing balance 90.00"},
	{"two closings", stmt(clbd + "\n" + clbd), "line 5: element Stmt[1]/Bal[CLBD]: the statement has this balance already"},
	{"no account", strings.Replace(stmt(""), "<IBAN>TM1</IBAN>", "", 1), "line 3: element Stmt[1]/Acct: the statement names no account"},
	{"malformed", stmt("<Ntry>\n<Amt>"), "line 6: not well-formed XML:"},
	{"truncated", stmt("")[:150], "line 3: not well-formed XML: unexpected EOF"},
	{"camt.052", strings.Replace(stmt(""), "camt.053", "camt.052", 1), `line 2: element Document: not a camt.053 document (namespace "urn:iso:std:iso:20022:tech:xsd:camt.052.001.04")`},
	{"no statement element", "<Document><BkToCstmrAcctRpt/></Document>", "line 1: element Document: no BkToCstmrStmt element"},
	{"empty", "", "line 1: no Document element"},
	{"trailing element", stmt("") + "<Document/>", "line 6: element Document: an element after the end of the Document"},
	{"encoding", `<?xml version="1.0" encoding="koi8-r"?><Document/>`, "line 1: not a readable XML document:"},
}

func TestParseErrors(t *testing.T) {
	for _, c := range parseCases {
		t.Run(c.name, func(t *testing.T) {
			sts, err := Parse(strings.NewReader(c.in))
			if c.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error; got %+v", sts)
			}
			if sts != nil {
				t.Errorf("statements returned with an error")
			}
			if !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("error %q\n  want %q...", err, c.want)
			}
			if !ledger.IsCode(err, ledger.EInvalid) {
				t.Errorf("code %s", ledger.ErrorCode(err))
			}
		})
	}
}
