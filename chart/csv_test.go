package chart

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"hasap/ledger"
)

const header = "code,parent,kind,class,currency,quantity,analytics,name_tk,name_ru,name_en\n"

func load(t *testing.T, csv string) []ledger.Account {
	t.Helper()
	accounts, err := LoadCSV(strings.NewReader(csv))
	if err != nil {
		t.Fatalf("LoadCSV: %v\n%s", err, csv)
	}
	return accounts
}

func TestLoadCSV(t *testing.T) {
	accounts := load(t, header+
		"60,,AP,liability,0,0,,Üpjün edijiler,Поставщики,Suppliers\n"+
		"60.01,60,P,liability,0,0,counterparty;contract,Hasaplaşyklar,Расчёты,Settlements\n"+
		"60.21,60,P,liability,1,0,counterparty;contract,,,Settlements in currency\n"+
		"41.01,,A,asset,0,1,item;warehouse,Harytlar,,\n")
	want := []ledger.Account{
		{Code: "60", Kind: ledger.ActivePassive, Class: ledger.Liability, Group: true,
			Names: ledger.Names{TK: "Üpjün edijiler", RU: "Поставщики", EN: "Suppliers"}},
		{Code: "60.01", Parent: "60", Kind: ledger.Passive, Class: ledger.Liability,
			Analytics: []ledger.AnalyticKind{ledger.Counterparty, ledger.Contract},
			Names:     ledger.Names{TK: "Hasaplaşyklar", RU: "Расчёты", EN: "Settlements"}},
		{Code: "60.21", Parent: "60", Kind: ledger.Passive, Class: ledger.Liability, Currency: true,
			Analytics: []ledger.AnalyticKind{ledger.Counterparty, ledger.Contract},
			Names:     ledger.Names{EN: "Settlements in currency"}},
		{Code: "41.01", Kind: ledger.Active, Class: ledger.Asset, Quantity: true,
			Analytics: []ledger.AnalyticKind{ledger.Item, ledger.Warehouse},
			Names:     ledger.Names{TK: "Harytlar"}},
	}
	if !slices.EqualFunc(accounts, want, accountsEqual) {
		t.Fatalf("got\n%+v\nwant\n%+v", accounts, want)
	}
}

// TestLoadCSVLenient: what people exporting from 1C or a spreadsheet send.
func TestLoadCSVLenient(t *testing.T) {
	accounts := load(t, "\uFEFF Code , Parent,KIND,class,currency,quantity,analytics,name_tk,name_ru,name_en,Inactive\n"+
		"\n"+
		" 51 ,,А,Asset,да,нет, Cashflow ; ,Hasaplaşyk hasaplary,Расчётные счета,\" Settlement accounts \",hawa\n"+
		"52,,ап,ASSET,Yes,ÝOK,,,,Currency accounts,\n"+
		"60,,П,liability,true,false,counterparty;;contract;,,,Suppliers,0\n")
	a, b, c := accounts[0], accounts[1], accounts[2]
	switch {
	case a.Code != "51" || a.Kind != ledger.Active || a.Class != ledger.Asset || !a.Currency || a.Quantity || !a.Inactive:
		t.Errorf("51: %+v", a)
	case !slices.Equal(a.Analytics, []ledger.AnalyticKind{ledger.CashFlowItem}) || a.Names.EN != "Settlement accounts":
		t.Errorf("51: %+v", a)
	case b.Kind != ledger.ActivePassive || !b.Currency || b.Quantity || b.Inactive:
		t.Errorf("52: %+v", b)
	case c.Kind != ledger.Passive || !c.Currency || len(c.Analytics) != 2:
		t.Errorf("60: %+v", c)
	}
}

// TestLoadCSVErrors: every refusal is EInvalid and names the line.
func TestLoadCSVErrors(t *testing.T) {
	ok := "10,,A,asset,0,1,,Materiallar,Материалы,Materials\n"
	tests := []struct {
		name, csv, want string
	}{
		{"empty", "", "line 1: the chart is empty"},
		{"header only is fine, so test a bad header", "code,parent,kind\n", "line 1: the header must be"},
		{"header misspelt", strings.Replace(header, "name_en", "name_eng", 1), "line 1: the header must be"},
		{"header reordered", "parent,code,kind,class,currency,quantity,analytics,name_tk,name_ru,name_en\n", "line 1: the header must be"},
		{"extra column", strings.TrimSuffix(header, "\n") + ",notes\n", "line 1: the header must be"},
		{"kind", header + ok + "10.01,10,X,asset,0,0,,a,,\n", `line 3: kind "X" is not A, P or AP`},
		{"class", header + "10,,A,assets,0,0,,a,,\n", `line 2: class "assets" is not asset`},
		{"currency flag", header + "10,,A,asset,2,0,,a,,\n", `line 2: currency "2" is not 0 or 1`},
		{"quantity flag", header + "10,,A,asset,0,maybe,,a,,\n", `line 2: quantity "maybe" is not 0 or 1`},
		{"inactive flag", strings.TrimSuffix(header, "\n") + ",inactive\n10,,A,asset,0,0,,a,,,x\n", `line 2: inactive "x" is not 0 or 1`},
		{"unknown analytic", header + "60,,P,liability,0,0,counterparty;supplier,a,,\n", `line 2: unknown analytic "supplier"`},
		{"four analytics", header + "60,,P,liability,0,0,counterparty;contract;item;warehouse,a,,\n", "line 2: account 60: at most 3 analytics"},
		{"analytic twice", header + "60,,P,liability,0,0,item;item,a,,\n", `line 2: account 60: analytic "item" twice`},
		{"too few fields", header + ok + "10.01,10,A,asset,0,0,,a,b\n", "line 3: 9 fields, want 10"},
		{"too many fields", header + "10,,A,asset,0,0,,a,b,c,d\n", "line 2: 11 fields, want 10"},
		{"empty code", header + ",,A,asset,0,0,,a,,\n", "line 2: empty account code"},
		{"semicolon in code", header + "1;2,,A,asset,0,0,,a,,\n", "line 2: account code \"1;2\" has a forbidden character"},
		{"no name", header + "10,,A,asset,0,0,,,,\n", "line 2: account 10 has no name"},
		{"control character in name", header + "10,,A,asset,0,0,,a\x01b,,\n", "line 2: name_tk has a control character"},
		{"line break in name", header + "10,,A,asset,0,0,,\"a\nb\",,\n", "line 2: name_tk has a control character or a line break"},
		{"invalid UTF-8", header + "10,,A,asset,0,0,,,\xff,\n", "line 2: name_ru is not valid UTF-8"},
		{"long name", header + "10,,A,asset,0,0,,,," + strings.Repeat("x", MaxNameLen+1) + "\n", "line 2: name_en is longer than 500 bytes"},
		{"own parent", header + "10,10,A,asset,0,0,,a,,\n", "line 2: account 10 is its own parent"},
		{"duplicate", header + ok + "\n" + ok, "line 4: account 10 is already on line 2"},
		{"missing parent", header + ok + "10.01,11,A,asset,0,0,,a,,\n", "line 3: parent 11 of account 10.01 does not exist"},
		{"cycle", header + "a,b,A,asset,0,0,,a,,\nb,c,A,asset,0,0,,b,,\nc,a,A,asset,0,0,,c,,\n", "is its own ancestor"},
		{"off-balance under balance", header + ok + "10.01,10,A,off-balance,0,0,,a,,\n", "line 3: account 10.01 and its parent 10 must both be off-balance"},
		{"bare quote", header + "10,,A,asset,0,0,,a\"b,,\n", "line 2: bare \" in non-quoted-field"},
		{"open quote", header + ok + "10.01,10,A,asset,0,0,,\"a,,\n", "line 3: extraneous or missing \" in quoted-field"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadCSV(strings.NewReader(tt.csv))
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !ledger.IsCode(err, ledger.EInvalid) {
				t.Errorf("error %v has code %s, want %s", err, ledger.ErrorCode(err), ledger.EInvalid)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

// TestAtLineKeepsFormat: the line wraps the inner error as an argument, so
// both the "line %d: %s" format and the inner message stay translatable.
func TestAtLineKeepsFormat(t *testing.T) {
	_, err := LoadCSV(strings.NewReader(header + "10,,X,asset,0,0,,a,,\n"))
	var e *ledger.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is not a *ledger.Error", err)
	}
	if e.Format != "line %d: %s" || len(e.Args) != 2 || e.Args[0] != 2 {
		t.Fatalf("format %q args %v", e.Format, e.Args)
	}
	var inner *ledger.Error
	if !errors.As(e.Args[1].(error), &inner) || inner.Format != "kind %q is not A, P or AP" || !slices.Equal(inner.Args, []any{"X"}) {
		t.Errorf("inner error %v", e.Args[1])
	}
}

func TestLoadCSVReaderError(t *testing.T) {
	boom := errors.New("disk on fire")
	_, err := LoadCSV(iotest.ErrReader(boom))
	if !errors.Is(err, boom) || ledger.IsCode(err, ledger.EInvalid) {
		t.Fatalf("error %v, want the reader's error, not EInvalid", err)
	}
}

func TestLoadCSVMaxRows(t *testing.T) {
	rows := func(n int) string {
		var b strings.Builder
		b.WriteString(header)
		for i := range n {
			fmt.Fprintf(&b, "%d,,A,asset,0,0,,a,,\n", i)
		}
		return b.String()
	}
	if got := load(t, rows(MaxRows)); len(got) != MaxRows {
		t.Fatalf("%d accounts, want %d", len(got), MaxRows)
	}
	_, err := LoadCSV(strings.NewReader(rows(MaxRows + 1)))
	if want := fmt.Sprintf("line %d: a chart holds at most %d accounts", MaxRows+2, MaxRows); err == nil || err.Error() != want {
		t.Fatalf("error %v, want %q", err, want)
	}
}

func TestLoadCSVMaxBytes(t *testing.T) {
	// One huge quoted name: the file is cut in the middle of the quote,
	// and the error must say the file is too big, not that a quote is missing.
	big := header + "10,,A,asset,0,0,,\"" + strings.Repeat("a", MaxCSVBytes) + "\",,\n"
	_, err := LoadCSV(strings.NewReader(big))
	if !ledger.IsCode(err, ledger.EInvalid) || !strings.Contains(err.Error(), "larger than") {
		t.Fatalf("error %v, want the file to be too large", err)
	}
}

func TestWriteCSVInactiveRoundTrip(t *testing.T) {
	accounts := []ledger.Account{
		{Code: "50", Kind: ledger.Active, Class: ledger.Asset, Group: true, Names: ledger.Names{RU: "Касса"}},
		{Code: "50.01", Parent: "50", Kind: ledger.Active, Class: ledger.Asset, Inactive: true,
			Analytics: []ledger.AnalyticKind{ledger.CashFlowItem}, Names: ledger.Names{TK: "Kassa, \"esasy\"", EN: "Cash"}},
	}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, accounts); err != nil {
		t.Fatal(err)
	}
	wantCSV := strings.TrimSuffix(header, "\n") + ",inactive\n" +
		"50,,A,asset,0,0,,,Касса,,0\n" +
		"50.01,50,A,asset,0,0,cashflow,\"Kassa, \"\"esasy\"\"\",,Cash,1\n"
	if buf.String() != wantCSV {
		t.Fatalf("WriteCSV wrote\n%s\nwant\n%s", buf.String(), wantCSV)
	}
	if got := load(t, buf.String()); !slices.EqualFunc(got, accounts, accountsEqual) {
		t.Fatalf("round trip: got %+v", got)
	}
}

func TestWriteCSVRefuses(t *testing.T) {
	good := ledger.Account{Code: "10", Kind: ledger.Active, Class: ledger.Asset, Names: ledger.Names{EN: "Materials"}}
	tests := []struct {
		name     string
		accounts []ledger.Account
		want     string
	}{
		{"bad kind", []ledger.Account{good, {Code: "11", Kind: "X", Class: ledger.Asset, Names: good.Names}}, `line 3: account 11: kind "X"`},
		{"line break", []ledger.Account{{Code: "10", Kind: ledger.Active, Class: ledger.Asset, Names: ledger.Names{EN: "a\nb"}}}, "line 2: name_en has a control character"},
		{"missing parent", []ledger.Account{{Code: "10.01", Parent: "10", Kind: ledger.Active, Class: ledger.Asset, Names: good.Names}}, "line 2: parent 10 of account 10.01 does not exist"},
		{"duplicate", []ledger.Account{good, good}, "line 3: account 10 is already on line 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := WriteCSV(&buf, tt.accounts)
			if !ledger.IsCode(err, ledger.EInvalid) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want %q", err, tt.want)
			}
			if buf.Len() != 0 {
				t.Errorf("wrote %q before refusing", buf.String())
			}
		})
	}
}

// TestWriteCSVLeavesInput: WriteCSV computes groups on a copy.
func TestWriteCSVLeavesInput(t *testing.T) {
	accounts := []ledger.Account{
		{Code: "10", Kind: ledger.Active, Class: ledger.Asset, Names: ledger.Names{EN: "Materials"}},
		{Code: "10.01", Parent: "10", Kind: ledger.Active, Class: ledger.Asset, Names: ledger.Names{EN: "Raw"}},
	}
	if err := WriteCSV(&bytes.Buffer{}, accounts); err != nil {
		t.Fatal(err)
	}
	if accounts[0].Group {
		t.Fatal("WriteCSV changed its input")
	}
}
