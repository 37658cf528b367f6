package doc

import (
	"testing"

	"hasap/ledger"
	"hasap/money"
)

func TestVAT(t *testing.T) {
	for _, c := range []struct {
		amount    string
		rate      Rate
		inclusive bool
		net, vat  string
	}{
		{"100.00", VAT15, false, "100.00", "15.00"},
		{"115.00", VAT15, true, "100.00", "15.00"},
		{"0.10", VAT15, false, "0.10", "0.02"},    // 0.015 → 0.02: half away from zero
		{"-0.10", VAT15, false, "-0.10", "-0.02"}, // a return: −0.015 → −0.02
		{"0.03", VAT15, false, "0.03", "0.00"},    // 0.0045 → 0.00
		{"1.00", VAT15, true, "0.87", "0.13"},     // 1.00 × 15/115 = 0.1304 → 0.13
		{"-1.00", VAT15, true, "-0.87", "-0.13"},  // the same, returned
		{"0.05", VAT15, true, "0.04", "0.01"},     // 0.05 × 15/115 = 0.0065 → 0.01
		{"1150.00", VAT15, true, "1000.00", "150.00"},
		{"100.00", VAT0, false, "100.00", "0.00"},
		{"100.00", Exempt, true, "100.00", "0.00"},
		{"3.33", "12.5%", false, "3.33", "0.42"}, // 0.41625 → 0.42
		{"100.00", "100%", true, "50.00", "50.00"},
		{"0.00", VAT15, false, "0.00", "0.00"},
	} {
		net, vat, err := VAT(m(c.amount), c.rate, c.inclusive)
		if err != nil || net != m(c.net) || vat != m(c.vat) {
			t.Errorf("VAT(%s, %s, %v) = %s, %s, %v; want %s, %s", c.amount, c.rate, c.inclusive,
				money.Decimal(net, 2), money.Decimal(vat, 2), err, c.net, c.vat)
		}
	}
}

func TestVATBadRate(t *testing.T) {
	for _, r := range []Rate{"15", "", "abc%", "101%", "100.01%", "15.001%", "-15%", "%", "1e2%", " 15%"} {
		if _, _, err := VAT(100, r, false); !ledger.IsCode(err, ledger.EInvalid) {
			t.Errorf("VAT at rate %q: err %v, want EInvalid", r, err)
		}
	}
}

func TestVATHuge(t *testing.T) {
	// The largest amount: its VAT fits, with 128-bit intermediate products.
	net, vat, err := VAT(money.MaxAmount, VAT15, true)
	if err != nil || net+vat != money.MaxAmount || vat <= 0 {
		t.Errorf("VAT(max) = %d, %d, %v", net, vat, err)
	}
	// Adding VAT on top of the largest amount overflows: an error, not a wrap.
	d := draft(SalesInvoice, 1, Line{Service: true, Amount: money.MaxAmount})
	if _, err := ComputeTotals(d, settings(t)); !ledger.IsCode(err, ledger.EInvalid) {
		t.Errorf("ComputeTotals(max + VAT): err %v, want EInvalid", err)
	}
}

// lines makes service lines of the given amounts and rates ("" = default).
func lines(amountRate ...string) []Line {
	var out []Line
	for i := 0; i < len(amountRate); i += 2 {
		out = append(out, Line{Service: true, Amount: m(amountRate[i]), VAT: Rate(amountRate[i+1])})
	}
	return out
}

func TestComputeTotals(t *testing.T) {
	for _, c := range []struct {
		name      string
		lines     []Line
		inclusive bool
		rounding  Rounding
		vats      []string // per line
		net, vat  string
	}{
		// 3 × 0.015 = 0.045: rounded per line 0.02 × 3 = 0.06; per document
		// 0.045 → 0.05, shared by running totals: 0.015 → 0.02; 0.030 →
		// 0.03, so 0.01; 0.045 → 0.05, so 0.02.
		{"three dimes per line", lines("0.10", "", "0.10", "", "0.10", ""), false, PerLine,
			[]string{"0.02", "0.02", "0.02"}, "0.30", "0.06"},
		{"three dimes per document", lines("0.10", "", "0.10", "", "0.10", ""), false, PerDocument,
			[]string{"0.02", "0.01", "0.02"}, "0.30", "0.05"},
		// Inclusive 0.05 at 15 %: 0.0065 a line. Per line 0.01 × 3; per
		// document 0.0196 → 0.02: running 0.0065 → 0.01; 0.0130 → 0.01, so
		// 0.00; 0.0196 → 0.02, so 0.01.
		{"inclusive per line", lines("0.05", "15%", "0.05", "15%", "0.05", "15%"), true, PerLine,
			[]string{"0.01", "0.01", "0.01"}, "0.12", "0.03"},
		{"inclusive per document", lines("0.05", "15%", "0.05", "15%", "0.05", "15%"), true, PerDocument,
			[]string{"0.01", "0.00", "0.01"}, "0.13", "0.02"},
		// Rates are rounded each on their own: the 15 % lines make 0.030 →
		// 0.03 per document (0.02 then 0.01); 0 % and exempt lines none.
		{"mixed rates per document", lines("0.10", "15%", "1.00", "0%", "2.00", "exempt", "0.10", ""), false, PerDocument,
			[]string{"0.02", "0.00", "0.00", "0.01"}, "3.20", "0.03"},
		{"mixed rates per line", lines("0.10", "15%", "1.00", "0%", "2.00", "exempt", "0.10", ""), false, PerLine,
			[]string{"0.02", "0.00", "0.00", "0.02"}, "3.20", "0.04"},
		// A return line: −0.015 → −0.02 per line; per document the running
		// total comes back to 0, so the return takes −0.02 too.
		{"sale and return per line", lines("0.10", "", "-0.10", "", "0.10", ""), false, PerLine,
			[]string{"0.02", "-0.02", "0.02"}, "0.10", "0.02"},
		{"sale and return per document", lines("0.10", "", "-0.10", "", "0.10", ""), false, PerDocument,
			[]string{"0.02", "-0.02", "0.02"}, "0.10", "0.02"},
		{"returns only per document", lines("-0.10", "", "-0.10", "", "-0.10", ""), false, PerDocument,
			[]string{"-0.02", "-0.01", "-0.02"}, "-0.30", "-0.05"},
	} {
		s := settings(t)
		s.VATRounding = c.rounding
		d := draft(SalesInvoice, 1, c.lines...)
		d.PricesIncludeVAT = c.inclusive
		tot, err := ComputeTotals(d, s)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		var sum money.Amount
		for i, lt := range tot.Lines {
			if lt.VAT != m(c.vats[i]) {
				t.Errorf("%s: line %d VAT %s, want %s", c.name, i+1, money.Decimal(lt.VAT, 2), c.vats[i])
			}
			if lt.Net+lt.VAT != lt.Gross {
				t.Errorf("%s: line %d: %d + %d != %d", c.name, i+1, lt.Net, lt.VAT, lt.Gross)
			}
			sum += lt.VAT
		}
		if tot.Net != m(c.net) || tot.VAT != m(c.vat) || sum != tot.VAT || tot.Net+tot.VAT != tot.Gross {
			t.Errorf("%s: net %s VAT %s gross %s, want net %s VAT %s", c.name,
				money.Decimal(tot.Net, 2), money.Decimal(tot.VAT, 2), money.Decimal(tot.Gross, 2), c.net, c.vat)
		}
	}
}

func TestComputeTotalsPriceTimesQty(t *testing.T) {
	// 2.345 kg at 1.99 = 4.66655 → 4.67; VAT 0.7005 → 0.70.
	d := draft(SalesInvoice, 1, Line{Refs: Refs{Item: flour}, Qty: q("2.345"), Price: m("1.99")})
	tot, err := ComputeTotals(d, settings(t))
	if err != nil || tot.Net != m("4.67") || tot.VAT != m("0.70") || tot.Gross != m("5.37") {
		t.Errorf("got %+v, %v", tot, err)
	}
	// An amount typed by hand wins over price × quantity.
	d.Lines[0].Amount = m("4.60")
	if tot, err = ComputeTotals(d, settings(t)); err != nil || tot.Net != m("4.60") {
		t.Errorf("got %+v, %v", tot, err)
	}
	// A bad rate names its line.
	d.Lines = append(d.Lines, Line{Service: true, Amount: 1, VAT: "twenty"})
	if _, err := ComputeTotals(d, settings(t)); err == nil || err.Error() != `line 2: VAT rate "twenty" is not a percentage such as 15% or the word exempt` {
		t.Errorf("err %v", err)
	}
}

// TestFixVAT: posting writes the default rate into the lines that name
// none and the rounding into the document, and ComputeTotals then keeps
// to them whatever the settings say; payments are left as they are.
func TestFixVAT(t *testing.T) {
	s := Settings{DefaultVAT: VAT15, VATRounding: PerLine}
	// Three lines of 0.10 at 15 %: per line 0.02 × 3 = 0.06 (0.015 rounds
	// half away to 0.02); per document 15 % of 0.30 = 0.05 (0.045 → 0.05).
	d := Document{Type: SalesInvoice, Lines: []Line{{Amount: 10}, {Amount: 10, VAT: VAT0}, {Amount: 10}, {Amount: 10}}}
	fixed := d.FixVAT(s)
	if fixed.VATRounding != PerLine || fixed.Lines[0].VAT != VAT15 || fixed.Lines[1].VAT != VAT0 || fixed.Lines[3].VAT != VAT15 {
		t.Fatalf("fixed: %+v", fixed)
	}
	if d.Lines[0].VAT != "" || d.VATRounding != "" {
		t.Fatalf("FixVAT changed its argument: %+v", d)
	}
	later := Settings{DefaultVAT: VAT0, VATRounding: PerDocument}
	if got, err := ComputeTotals(fixed, later); err != nil || got.VAT != 6 {
		t.Fatalf("fixed document under later settings: VAT %d, %v; want 6 (per line, 15 %%)", got.VAT, err)
	}
	if got, err := ComputeTotals(Document{Type: SalesInvoice, Lines: fixed.Lines}, Settings{DefaultVAT: VAT0, VATRounding: PerDocument}); err != nil || got.VAT != 5 {
		t.Fatalf("per document: VAT %d, %v; want 5", got.VAT, err)
	}
	pay := Document{Type: PaymentIn, Lines: []Line{{Amount: 100}}}
	if got := pay.FixVAT(s); got.VATRounding != "" || got.Lines[0].VAT != "" {
		t.Fatalf("a payment's VAT terms were fixed: %+v", got)
	}
	bad := Document{Type: Act, Status: Draft, Number: 1, Year: 2025, Date: ledger.DateOf(2025, 1, 1), VATRounding: "bankers"}
	if err := bad.check(); !ledger.IsCode(err, ledger.EInvalid) {
		t.Fatalf("an unknown rounding: %v", err)
	}
}
