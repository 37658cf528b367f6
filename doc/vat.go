package doc

import (
	"math/big"
	"strconv"
	"strings"

	"hasap/ledger"
	"hasap/money"
)

// Rate is a VAT rate as written on a document: "15%", "0%", "exempt", or
// "" for the organisation's default (Settings.DefaultVAT). Rates change by
// decree, so they are data: a rate is any percentage with up to two
// decimals ("12.5%"). 0 % (exports, international transport) and exempt
// both charge no VAT; they differ only in the VAT return.
type Rate string

// The rates of the Turkmen tax code in force.
const (
	VAT15  Rate = "15%"
	VAT0   Rate = "0%"
	Exempt Rate = "exempt"
)

// basisPoints returns the rate in hundredths of a percent (1500 for 15 %),
// 0 for exempt.
func (r Rate) basisPoints() (int64, error) {
	if r == Exempt {
		return 0, nil
	}
	s, ok := strings.CutSuffix(string(r), "%")
	if !ok {
		return 0, ledger.Errorf(ledger.EInvalid, "VAT rate %q is not a percentage such as 15%% or the word exempt", string(r))
	}
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 2 {
		return 0, ledger.Errorf(ledger.EInvalid, "VAT rate %q is not a percentage such as 15%% or the word exempt", string(r))
	}
	frac += strings.Repeat("0", 2-len(frac))
	w, err1 := strconv.ParseUint(whole, 10, 8)
	f, err2 := strconv.ParseUint(frac, 10, 8)
	if err1 != nil || err2 != nil || w > 100 || (w == 100 && f > 0) {
		return 0, ledger.Errorf(ledger.EInvalid, "VAT rate %q is not a percentage such as 15%% or the word exempt", string(r))
	}
	return int64(w*100 + f), nil
}

// Rounding says where VAT is rounded to the minor unit.
type Rounding string

// The two roundings accountants use. Per line rounds each line's VAT, as
// a hasap-faktura printed line by line shows it; per document rounds the
// total of each rate once and shares it out over the lines (see Totals).
const (
	PerLine     Rounding = "line"
	PerDocument Rounding = "document"
)

// VAT splits amount at rate: with inclusive false, amount is net and vat
// is added on top (vat = amount × rate); with inclusive true, amount
// includes VAT (vat = amount × rate / (1 + rate), net = amount − vat).
// VAT is rounded to the minor unit half away from zero, the rule
// money.Rate.Convert uses (0.015 → 0.02, −0.015 → −0.02). A negative
// amount (a return) gives a negative VAT of the same size as the positive.
func VAT(amount money.Amount, rate Rate, inclusive bool) (net, vat money.Amount, err error) {
	bp, err := rate.basisPoints()
	if err != nil {
		return 0, 0, err
	}
	if vat, err = vatOf(amount, bp, inclusive); err != nil {
		return 0, 0, err
	}
	net = amount
	if inclusive {
		if net, err = money.Sub(amount, vat); err != nil {
			return 0, 0, errRange
		}
	}
	return net, vat, nil
}

var errRange = ledger.Errorf(ledger.EInvalid, "an amount is out of range")

// vatOf returns the VAT on amount at bp basis points, rounded.
func vatOf(amount money.Amount, bp int64, inclusive bool) (money.Amount, error) {
	den := int64(10000)
	if inclusive {
		den += bp
	}
	return mulDivRound(amount, bp, den)
}

// mulDivRound returns a × n / d rounded half away from zero (d > 0).
func mulDivRound(a money.Amount, n, d int64) (money.Amount, error) {
	num := new(big.Int).Mul(big.NewInt(int64(a)), big.NewInt(n))
	q, r := new(big.Int).QuoRem(num, big.NewInt(d), new(big.Int))
	if r.Abs(r).Lsh(r, 1).Cmp(big.NewInt(d)) >= 0 {
		if num.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	if !q.IsInt64() {
		return 0, errRange
	}
	return money.Amount(q.Int64()), nil
}

// LineTotal is one line's amounts in the document's currency.
type LineTotal struct {
	Net, VAT, Gross money.Amount
	Rate            Rate // the rate applied (the default resolved)
}

// Totals are a document's amounts in its currency: per line and in all.
type Totals struct {
	Lines           []LineTotal
	Net, VAT, Gross money.Amount
}

// ComputeTotals works out the VAT of every line of d and the document's
// totals with s's default rate and rounding (d's own rounding, when it was
// posted with one: see FixVAT).
//
// Per line: each line's VAT is VAT(amount, rate) and the document's VAT is
// their sum. Per document: for each rate, the VAT of the lines at that rate
// is rounded once, on their exact sum; it is shared out over those lines by
// running totals (a line's VAT is the rounded VAT of the running sum up to
// it minus that up to the line before), so the lines add up to the
// document's VAT exactly, each within one minor unit of its exact share,
// whatever the signs of the lines. review: rounding each rate's total once
// follows the hasap-faktura, which shows the VAT per rate; whether the tax
// service wants per line or per document is left to the settings. Three lines of 0.10 at 15 %: per line
// 0.02 + 0.02 + 0.02 = 0.06; per document 0.045 → 0.05, shared 0.02, 0.01,
// 0.02.
func ComputeTotals(d Document, s Settings) (Totals, error) {
	t := Totals{Lines: make([]LineTotal, len(d.Lines))}
	running := map[int64]money.Amount{} // per document: sum of amounts per rate
	rounding := s.VATRounding
	if d.VATRounding != "" {
		rounding = d.VATRounding
	}
	for i, l := range d.Lines {
		a, err := l.amount()
		if err != nil {
			return Totals{}, lineErr(i, errRange)
		}
		rate := l.VAT
		if rate == "" {
			rate = s.DefaultVAT
		}
		bp, err := rate.basisPoints()
		if err != nil {
			return Totals{}, lineErr(i, err)
		}
		var vat money.Amount
		if rounding == PerDocument {
			before, err := vatOf(running[bp], bp, d.PricesIncludeVAT)
			if err != nil {
				return Totals{}, lineErr(i, err)
			}
			if running[bp], err = money.Add(running[bp], a); err != nil {
				return Totals{}, lineErr(i, errRange)
			}
			after, err := vatOf(running[bp], bp, d.PricesIncludeVAT)
			if err != nil {
				return Totals{}, lineErr(i, err)
			}
			if vat, err = money.Sub(after, before); err != nil {
				return Totals{}, lineErr(i, errRange)
			}
		} else if vat, err = vatOf(a, bp, d.PricesIncludeVAT); err != nil {
			return Totals{}, lineErr(i, err)
		}
		lt := LineTotal{Net: a, VAT: vat, Gross: a, Rate: rate}
		if d.PricesIncludeVAT {
			lt.Net, err = money.Sub(a, vat)
		} else {
			lt.Gross, err = money.Add(a, vat)
		}
		if err != nil {
			return Totals{}, lineErr(i, errRange)
		}
		t.Lines[i] = lt
		if t.Net, err = money.Add(t.Net, lt.Net); err == nil {
			if t.VAT, err = money.Add(t.VAT, lt.VAT); err == nil {
				t.Gross, err = money.Add(t.Gross, lt.Gross)
			}
		}
		if err != nil {
			return Totals{}, lineErr(i, errRange)
		}
	}
	return t, nil
}

// lineErr names line i (from 0) in err: "line 3: ...".
func lineErr(i int, err error) error {
	return ledger.Errorf(ledger.ErrorCode(err), "line %d: %s", i+1, err)
}

// taxed are the types whose lines carry VAT rates: the sales and purchase
// documents, the advance report, the order.
var taxed = map[Type]bool{SalesInvoice: true, Waybill: true, Act: true, SupplierInvoice: true,
	GoodsReceipt: true, AdvanceReport: true, Order: true}

// FixVAT returns d with the VAT terms of s written into it, as it is
// posted: each line that names no rate takes s.DefaultVAT, and the
// document takes s.VATRounding unless it has one. Its totals are then
// those of its entry whatever the organisation's settings become. Other
// types are returned as they are; d's lines are not changed in place.
func (d Document) FixVAT(s Settings) Document {
	if !taxed[d.Type] {
		return d
	}
	if d.VATRounding == "" {
		d.VATRounding = s.VATRounding
	}
	lines := make([]Line, len(d.Lines))
	copy(lines, d.Lines)
	for i := range lines {
		if lines[i].VAT == "" {
			lines[i].VAT = s.DefaultVAT
		}
	}
	d.Lines = lines
	return d
}
