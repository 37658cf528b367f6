package bankcsv

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"hasap/interop/bankstmt"
	"hasap/ledger"
	"hasap/money"
)

var tmt = money.MustLookup("TMT")

func d(y int, m time.Month, day int) ledger.Date { return ledger.DateOf(y, m, day) }

func loadMapping(t testing.TB) Mapping {
	b, err := os.ReadFile("testdata/turkmen_bank.json")
	if err != nil {
		t.Fatal(err)
	}
	var m Mapping
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestParseSample(t *testing.T) {
	m := loadMapping(t)
	f, err := os.Open("testdata/turkmen_bank_cp1251.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := Parse(f, m)
	if err != nil {
		t.Fatal(err)
	}
	want := bankstmt.Statement{
		Account: "23201934100012345", Currency: tmt, OpeningDate: ledger.NoDate, ClosingDate: ledger.NoDate,
		Lines: []bankstmt.Line{{
			Date: d(2024, 2, 1), ValueDate: d(2024, 2, 1), Amount: 115000, Currency: tmt,
			Counterparty: `ХО "Дашогуз пагта"`, CounterpartyAccount: "23202934100099999", Reference: "17",
			Description: "Оплата по счёт-фактуре №17, в т.ч. НДС 15%",
		}, {
			Date: d(2024, 2, 2), ValueDate: d(2024, 2, 2), Amount: -2550, Currency: tmt,
			Counterparty: "АКБ «Туркменистан»", Description: "Комиссия банка за январь",
		}, {
			Date: d(2024, 2, 5), ValueDate: d(2024, 2, 5), Amount: -1230000, Currency: tmt,
			Counterparty: `ООО "Ахал Гурлушык"`, CounterpartyAccount: "23202934100055555", Reference: "118",
			Description: "Оплата по договору №12/2024;\nпоставка цемента",
		}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	if err := bankstmt.Check(&got); err != nil {
		t.Error(err)
	}
}

// TestMappingJSON: a mapping saves and loads unchanged, the delimiter as a
// one-character string.
func TestMappingJSON(t *testing.T) {
	m := loadMapping(t)
	m.Delimiter = '\t'
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"delimiter":"\t"`) {
		t.Errorf("delimiter written as %s", b)
	}
	var back Mapping
	if err := json.Unmarshal(b, &back); err != nil || back != m {
		t.Errorf("got %+v, %v", back, err)
	}
	if err := json.Unmarshal([]byte(`{"delimiter":";;"}`), &back); err == nil {
		t.Error("two-character delimiter accepted")
	}
}

// simple is a UTF-8 mapping with one signed amount column.
var simple = Mapping{Delimiter: ',', HeaderRows: 1, Date: 1, DateLayout: "2006-01-02", Amount: 2,
	CurrencyColumn: 3, Counterparty: 4, Description: 5}

func TestValidate(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(*Mapping)
		want string
	}{
		{"ok", func(*Mapping) {}, ""},
		{"encoding", func(m *Mapping) { m.Encoding = "koi8-r" }, `the encoding must be utf-8 or windows-1251, not "koi8-r"`},
		{"delimiter", func(m *Mapping) { m.Delimiter = '"' }, `the delimiter cannot be "\""`},
		{"no date", func(m *Mapping) { m.Date = 0 }, "the mapping needs a date column"},
		{"layout", func(m *Mapping) { m.DateLayout = "02.01" }, `the date layout "02.01" does not give day, month and year`},
		{"layout words", func(m *Mapping) { m.DateLayout = "dd.mm.yyyy" }, `the date layout "dd.mm.yyyy" does not give`},
		{"both amounts", func(m *Mapping) { m.Debit, m.Credit = 6, 7 }, "give either an amount column or both a debit and a credit column"},
		{"debit only", func(m *Mapping) { m.Amount, m.Debit = 0, 6 }, "give either an amount column or both"},
		{"twice", func(m *Mapping) { m.Description = 4 }, "column 4 is mapped twice: counterparty and description"},
		{"range", func(m *Mapping) { m.BankRef = MaxColumns + 1 }, "column 201 of bank_ref is not between 1 and 200"},
		{"currency both", func(m *Mapping) { m.Currency = "TMT" }, "give either a fixed currency or a currency column"},
		{"currency unknown", func(m *Mapping) { m.Currency, m.CurrencyColumn = "ZZZ", 0 }, `unknown currency "ZZZ"`},
		{"separator", func(m *Mapping) { m.ThousandsSep = "_" }, `the thousands separator must be empty, a space, a period, a comma or an apostrophe, not "_"`},
		{"separator is the mark", func(m *Mapping) { m.ThousandsSep, m.DecimalComma = ",", true }, "the thousands separator cannot be the decimal mark"},
		{"header rows", func(m *Mapping) { m.HeaderRows = -1 }, "header and footer rows must be between 0 and 100"},
	} {
		m := simple
		c.edit(&m)
		err := m.Validate()
		if c.want == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		if err == nil || !strings.HasPrefix(err.Error(), c.want) || !ledger.IsCode(err, ledger.EInvalid) {
			t.Errorf("%s: got %v, want %s", c.name, err, c.want)
		}
		if _, perr := Parse(strings.NewReader(""), m); perr == nil || perr.Error() != err.Error() {
			t.Errorf("%s: Parse does not validate: %v", c.name, perr)
		}
	}
}

const hdr = "date,amount,currency,counterparty,description\n"

func TestParseErrors(t *testing.T) {
	dc := loadMapping(t)
	dc.Encoding, dc.HeaderRows, dc.FooterRows = "", 0, 0
	for _, c := range []struct {
		name string
		m    Mapping
		in   string
		want string
	}{
		{"date", simple, hdr + "2024-02-30,1.00,TMT,A,B\n", `line 2, column 1: "2024-02-30" is not a date in the layout 2006-01-02`},
		{"amount", simple, hdr + "2024-02-01,1.00,TMT,A,B\n2024-02-01,1,5,TMT\n", `line 3, column 3: unknown currency "5"`},
		{"decimals", simple, hdr + "2024-02-01,1.005,TMT,A,B\n", "line 2, column 2: amount 1.005 has more decimals than TMT allows (2)"},
		{"not a number", simple, hdr + "2024-02-01,1.0.0,TMT,A,B\n", `line 2, column 2: "1.0.0" is not an amount`},
		{"comma in a point file", simple, hdr + "2024-02-01,\"1,5\",TMT,A,B\n", `line 2, column 2: "1,5" is not an amount`},
		{"empty amount", simple, hdr + "2024-02-01,,TMT,A,B\n", "line 2, column 2: the amount is empty"},
		{"huge", simple, hdr + "2024-02-01,99999999999999999999,TMT,A,B\n", `line 2, column 2: amount "99999999999999999999" is out of range`},
		{"short row", simple, hdr + "2024-02-01,1.00\n", "line 2, column 3: the row has only 2 columns"},
		{"currency changes", simple, hdr + "2024-02-01,1.00,TMT,A,B\n2024-02-02,1.00,USD,A,B\n", "line 3, column 3: currency USD differs from the statement's TMT"},
		{"bad quote", simple, hdr + "2024-02-01,\"1.00,TMT,A,B\n", "line 2: not valid CSV: extraneous or missing \" in quoted-field"},
		{"not UTF-8", simple, hdr + "2024-02-01,1.00,TMT,\xcf\xf0,B\n", "line 2, column 4: not valid UTF-8 text: is the file in windows-1251?"},
		{"groups", dc, "01.02.2024;17;;1 15,00;A;B;C\n", `line 1, column 4: "1 15,00" is not an amount`},
		{"both sides", dc, "01.02.2024;17;1,00;2,00;A;B;C\n", "line 1: both the debit (column 3) and the credit (column 4) are given"},
		{"neither side", dc, "01.02.2024;17;;;A;B;C\n", "line 1: neither the debit (column 3) nor the credit (column 4) is given"},
		{"negative side", dc, "01.02.2024;17;-1,00;;A;B;C\n", `line 1, column 3: a debit or credit cannot be negative: "-1,00"`},
		{"quoted newline then error", dc, "01.02.2024;17;;1,00;A;B;\"multi\nline\"\n02.02.2024;17;;x;A;B;C\n", `line 3, column 4: "x" is not an amount`},
	} {
		t.Run(c.name, func(t *testing.T) {
			st, err := Parse(strings.NewReader(c.in), c.m)
			if err == nil {
				t.Fatalf("no error: %+v", st)
			}
			if st.Lines != nil {
				t.Error("lines returned with an error")
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

func TestAmounts(t *testing.T) {
	for _, c := range []struct {
		comma bool
		sep   string
		in    string
		want  money.Amount
		ok    bool
	}{
		{true, " ", "1 150,00", 115000, true},
		{true, " ", "1\u00a0150,5", 115050, true},
		{true, " ", "-12 300", -1230000, true},
		{true, " ", "−5,00", -500, true},
		{true, ".", "1.234.567,89", 123456789, true},
		{false, ",", "1,234.5", 123450, true},
		{false, "'", "1'000.00", 100000, true},
		{false, "", "+7", 700, true},
		{true, " ", "1 15,00", 0, false},
		{true, " ", "1150.00", 0, false},
		{true, ".", "1.2345,00", 0, false},
		{false, "", "1,000", 0, false},
		{false, "", "--1", 0, false},
		{false, "", "", 0, false},
	} {
		m := Mapping{DecimalComma: c.comma, ThousandsSep: c.sep}
		p := &parser{m: &m}
		got, err := p.number(row{line: 1}, 1, c.in, tmt)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("%q (comma %v, sep %q) = %d, %v; want %d", c.in, c.comma, c.sep, got, err, c.want)
		}
	}
}

func TestFooterAndEmpty(t *testing.T) {
	m := simple
	m.FooterRows = 2
	st, err := Parse(strings.NewReader(hdr+"2024-02-01,1.00,TMT,A,B\n,,,,\n2024-02-02,-2.00,TMT,C,D\nTotal,-1.00\nrows,2\n"), m)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Lines) != 2 || st.Lines[1].Amount != -200 || st.Currency != tmt {
		t.Errorf("got %+v", st)
	}
	st, err = Parse(strings.NewReader(""), m)
	if err != nil || len(st.Lines) != 0 {
		t.Errorf("empty file: %+v, %v", st, err)
	}
}

// write writes a statement back as m reads it, as a bank would export it:
// header rows, the lines, footer rows.
func write(st *bankstmt.Statement, m *Mapping) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Comma = m.delimiter()
	width := 0
	for _, c := range m.columns() {
		width = max(width, c.col)
	}
	for range m.HeaderRows {
		w.Write([]string{"header"})
	}
	for _, l := range st.Lines {
		rec := make([]string, width)
		set := func(col int, v string) {
			if col != 0 {
				rec[col-1] = v
			}
		}
		set(m.Date, l.Date.Time().Format(m.DateLayout))
		set(m.ValueDate, l.ValueDate.Time().Format(m.DateLayout))
		amt := money.Decimal(l.Amount, l.Currency.Exponent)
		if m.DecimalComma {
			amt = strings.Replace(amt, ".", ",", 1)
		}
		if m.Amount != 0 {
			set(m.Amount, amt)
		} else if l.Amount < 0 {
			set(m.Debit, strings.TrimPrefix(amt, "-"))
		} else {
			set(m.Credit, amt)
		}
		set(m.CurrencyColumn, l.Currency.Code)
		set(m.Counterparty, l.Counterparty)
		set(m.CounterpartyAccount, l.CounterpartyAccount)
		set(m.Reference, l.Reference)
		set(m.Description, l.Description)
		set(m.BankRef, l.BankRef)
		w.Write(rec)
	}
	for range m.FooterRows {
		w.Write([]string{"footer"})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, err
	}
	if !m.cp1251() {
		return buf.Bytes(), nil
	}
	b, ok := bankstmt.EncodeWindows1251(buf.String())
	if !ok {
		return nil, errNotCP1251
	}
	return b, nil
}

var errNotCP1251 = bytes.ErrTooLarge // any error: the test only reports it

func TestWriteRoundTrip(t *testing.T) {
	m := loadMapping(t)
	data, _ := os.ReadFile("testdata/turkmen_bank_cp1251.csv")
	st, err := Parse(bytes.NewReader(data), m)
	if err != nil {
		t.Fatal(err)
	}
	out, err := write(&st, &m)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Parse(bytes.NewReader(out), m)
	if err != nil || !reflect.DeepEqual(again, st) {
		t.Fatalf("round trip: %v\n%+v\n%+v", err, again, st)
	}
}
