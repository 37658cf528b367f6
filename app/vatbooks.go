package app

import (
	"cmp"
	"context"
	"math/big"
	"slices"
	"strings"
	"time"

	"hasap/auth"
	"hasap/doc"
	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

// The VAT registers of a month: the sales book (книга продаж) of the posted
// sales documents, whose VAT the organisation owes (credit 68.02), and the
// purchases book (книга покупок) of the posted supplier invoices, goods
// receipts and advance reports, whose VAT it may offset (debit 19.xx), with
// the VAT return's summary by rate: output VAT, input VAT, payable.

// VATRow is one document of a book, in the base currency.
type VATRow struct {
	DocID        int64
	DocType      doc.Type
	Number       int64
	Date         ledger.Date
	Counterparty ledger.AnalyticID
	// Net15, Net0 and NetExempt are the net amounts by rate.
	Net15, Net0, NetExempt money.Amount
	VAT, Gross             money.Amount
}

// VATBook is a book's rows and their totals (the totals are a row).
type VATBook struct {
	Rows  []VATRow
	Total VATRow
}

// VATBooks are the month's registers and the summary of its VAT return.
type VATBooks struct {
	From, To        ledger.Date
	Sales, Purchase VATBook
	// Output is the VAT charged on sales, Input the VAT offset on
	// purchases, Payable their difference (negative: refundable).
	Output, Input, Payable money.Amount
	// Counterparties names the rows' counterparties.
	Counterparties map[ledger.AnalyticID]ledger.Analytic
}

// The document types of each book.
var (
	vatSalesTypes    = []doc.Type{doc.SalesInvoice, doc.Waybill, doc.Act}
	vatPurchaseTypes = []doc.Type{doc.SupplierInvoice, doc.GoodsReceipt, doc.AdvanceReport}
)

// VATBooks returns the books of the month of any date in it (year, month),
// each book's rows by date, type and number.
func (a *App) VATBooks(ctx context.Context, actor Actor, orgCode string, year, month int) (*VATBooks, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return nil, err
	}
	if year < 1 || month < 1 || month > 12 {
		return nil, ledger.Errorf(ledger.EInvalid, "the month is invalid")
	}
	s, err := a.orgSettings(ctx, org)
	if err != nil {
		return nil, err
	}
	from := ledger.DateOf(year, time.Month(month), 1)
	ny, nm := year, month+1
	if nm > 12 {
		ny, nm = year+1, 1
	}
	b := &VATBooks{From: from, To: ledger.DateOf(ny, time.Month(nm), 1) - 1}
	rates := map[rateKey]money.Rate{}
	for _, k := range []struct {
		types []doc.Type
		book  *VATBook
	}{{vatSalesTypes, &b.Sales}, {vatPurchaseTypes, &b.Purchase}} {
		for _, t := range k.types {
			if err := a.vatRows(ctx, org, s.Posting, t, b.From, b.To, k.book, rates); err != nil {
				return nil, err
			}
		}
		slices.SortFunc(k.book.Rows, func(x, y VATRow) int {
			return cmp.Or(cmp.Compare(x.Date, y.Date), strings.Compare(string(x.DocType), string(y.DocType)), cmp.Compare(x.Number, y.Number))
		})
		for _, r := range k.book.Rows {
			if err := addRow(&k.book.Total, r); err != nil {
				return nil, err
			}
		}
	}
	if b.Counterparties, err = a.vatCounterparties(ctx, org.ID, b); err != nil {
		return nil, err
	}
	b.Output, b.Input = b.Sales.Total.VAT, b.Purchase.Total.VAT
	if b.Payable, err = money.Sub(b.Output, b.Input); err != nil {
		return nil, errRangeVAT
	}
	return b, nil
}

// vatCounterparties reads the counterparties of the books' rows.
func (a *App) vatCounterparties(ctx context.Context, org ledger.OrgID, b *VATBooks) (map[ledger.AnalyticID]ledger.Analytic, error) {
	seen := map[ledger.AnalyticID]bool{}
	var ids []ledger.AnalyticID
	for _, rows := range [][]VATRow{b.Sales.Rows, b.Purchase.Rows} {
		for _, r := range rows {
			if r.Counterparty != 0 && !seen[r.Counterparty] {
				seen[r.Counterparty] = true
				ids = append(ids, r.Counterparty)
			}
		}
	}
	if len(ids) == 0 {
		return map[ledger.AnalyticID]ledger.Analytic{}, nil
	}
	return a.Store.AnalyticsByID(ctx, org, ids)
}

var errRangeVAT = ledger.Errorf(ledger.EInvalid, "a VAT total is out of range")

// rateKey is a currency on a day.
type rateKey struct {
	currency string
	date     ledger.Date
}

// vatRows adds the posted documents of type t dated from..to to book, read
// page by page through the store's filter; rates caches the rates of the
// day that currency documents posted at.
func (a *App) vatRows(ctx context.Context, org ledger.Org, s doc.Settings, t doc.Type, from, to ledger.Date, book *VATBook, rates map[rateKey]money.Rate) error {
	f := store.DocumentFilter{Type: string(t), Status: store.DocPosted, From: from, To: to, Limit: store.MaxDocumentLimit}
	for {
		list, err := a.Store.ListDocuments(ctx, org.ID, f)
		if err != nil {
			return err
		}
		for _, sd := range list {
			d, err := fromStore(sd)
			if err != nil {
				return err
			}
			r, err := a.vatRow(ctx, org, d.Document, s, rates)
			if err != nil {
				return err
			}
			book.Rows = append(book.Rows, r)
		}
		if len(list) < f.Limit {
			return nil
		}
		f.BeforeID = list[len(list)-1].ID
	}
}

// vatRow is d's row. A document in the base currency is its own amounts.
// A currency document's amounts in the base currency are its entry's
// (entryVATRow), so a rate entered or changed after it was posted does not
// move past books; only when its entry cannot be read as the posting
// rules wrote it is the document converted at the rate of its day again.
func (a *App) vatRow(ctx context.Context, org ledger.Org, d doc.Document, s doc.Settings, rates map[rateKey]money.Rate) (VATRow, error) {
	if d.Currency == "" || d.Currency == org.Currency.Code {
		return vatRowOf(d, s, org.Currency, money.Rate{})
	}
	r, ok, err := a.entryVATRow(ctx, org, d, s)
	if err != nil || ok {
		return r, err
	}
	rate, err := a.postedRate(ctx, org, d, rates)
	if err != nil {
		return VATRow{}, err
	}
	return vatRowOf(d, s, org.Currency, rate)
}

// entryVATRow is a currency document's row from the entry it posted, in
// the base currency as posted: the entry's VAT postings (Dt 90.03 Kt 68.02
// of a sale; Dt 19.xx Kt 60.21 or 71.21 of a purchase) are its VAT, and
// its postings against the contract's currency account (Dt 62.21 Kt 90.01;
// Kt 60.21 or 71.21) its gross, whatever the rate of the day says now. The
// document's lines, in its currency, only share these out by VAT rate:
// each line's part along running totals of the line's gross (and VAT), so
// the parts add up to the entry's amounts to the tenge. A capital
// purchase's VAT, which its entry adds to the asset's cost, is the line's
// VAT share of its part of the gross. ok is false when the entry's
// postings do not add up to the document's amounts in its currency (the
// posting accounts of the settings changed since it was posted).
func (a *App) entryVATRow(ctx context.Context, org ledger.Org, d doc.Document, s doc.Settings) (VATRow, bool, error) {
	r := VATRow{DocID: d.ID, DocType: d.Type, Number: d.Number, Date: d.Date, Counterparty: d.Counterparty}
	if d.Entry == 0 {
		return r, false, nil
	}
	e, err := a.Store.Entry(ctx, org.ID, d.Entry)
	if err != nil {
		return r, false, err
	}
	t, err := doc.ComputeTotals(d, s)
	if err != nil {
		return r, false, err
	}
	sale := slices.Contains(vatSalesTypes, d.Type)
	posted := make([]bool, len(t.Lines)) // the line's VAT is posted as VAT
	var wantVATCur money.Amount
	for i, lt := range t.Lines {
		_, capital := doc.PurchaseDebit(d, s, d.Lines[i])
		if posted[i] = sale || !capital; posted[i] {
			if wantVATCur, err = money.Add(wantVATCur, lt.VAT); err != nil {
				return r, false, errRangeVAT
			}
		}
	}
	legs, err := vatLegsOf(e, d.Type, s, sale)
	if err != nil {
		return r, false, err
	}
	if legs.grossCur != t.Gross || !sale && legs.vatCur != wantVATCur {
		return r, false, nil
	}
	gross, vat := share{total: legs.gross, weight: t.Gross}, share{total: legs.vat, weight: wantVATCur}
	for i, lt := range t.Lines {
		g, err := gross.next(lt.Gross)
		if err != nil {
			return r, false, err
		}
		var v money.Amount
		switch {
		case posted[i]:
			v, err = vat.next(lt.VAT)
		case lt.Gross != 0:
			v, err = mulDivRound(g, lt.VAT, lt.Gross)
		}
		if err != nil {
			return r, false, err
		}
		if err := r.addLine(lt.Rate, g, v); err != nil {
			return r, false, err
		}
	}
	if gross.done != legs.gross || vat.done != legs.vat {
		return r, false, nil // weights of zero with amounts: nothing to share them out along
	}
	return r, true, r.sumGross()
}

// vatLegs are the amounts of a document's entry the VAT books read: the
// gross (in the base currency and the document's) and the VAT (in the base
// currency, and for a purchase in the document's).
type vatLegs struct {
	gross, grossCur, vat, vatCur money.Amount
}

// vatLegsOf sums e's postings as the sales and purchase rules write them
// for a currency document (doc/rules.go): a sale's Dt ReceivableCur Kt
// Revenue and Dt VAT Kt VATPayable; a purchase's postings to the credit of
// PayableCur (AccountableCur for an advance report), those from an input
// VAT account being its VAT. Advance offsets, costs and VAT offsets are
// other postings.
func vatLegsOf(e ledger.Entry, t doc.Type, s doc.Settings, sale bool) (vatLegs, error) {
	var l vatLegs
	credit := s.Purchases.PayableCur
	if t == doc.AdvanceReport {
		credit = s.AccountableCur
	}
	for _, p := range e.Postings {
		var errs [4]error
		switch {
		case sale && p.Debit.Account == s.Sales.ReceivableCur && p.Credit.Account == s.Sales.Revenue:
			l.gross, errs[0] = money.Add(l.gross, p.Amount)
			l.grossCur, errs[1] = money.Add(l.grossCur, p.Debit.CurAmount)
		case sale && p.Debit.Account == s.Sales.VAT && p.Credit.Account == s.Sales.VATPayable:
			l.vat, errs[2] = money.Add(l.vat, p.Amount)
		case !sale && p.Credit.Account == credit:
			l.gross, errs[0] = money.Add(l.gross, p.Amount)
			l.grossCur, errs[1] = money.Add(l.grossCur, p.Credit.CurAmount)
			if p.Debit.Account == s.Purchases.InputVATGoods || p.Debit.Account == s.Purchases.InputVATServices {
				l.vat, errs[2] = money.Add(l.vat, p.Amount)
				l.vatCur, errs[3] = money.Add(l.vatCur, p.Credit.CurAmount)
			}
		}
		for _, err := range errs {
			if err != nil {
				return l, errRangeVAT
			}
		}
	}
	return l, nil
}

// share hands total out along weights given one at a time, by running
// totals: after weights adding up to cum, done is total × cum / weight
// rounded half away from zero, so the parts add up to total once the
// weights reach weight.
type share struct {
	total, weight, cum, done money.Amount
}

func (s *share) next(w money.Amount) (money.Amount, error) {
	if s.weight == 0 {
		return 0, nil
	}
	cum, err := money.Add(s.cum, w)
	if err != nil {
		return 0, errRangeVAT
	}
	upto, err := mulDivRound(s.total, cum, s.weight)
	if err != nil {
		return 0, err
	}
	part, err := money.Sub(upto, s.done)
	if err != nil {
		return 0, errRangeVAT
	}
	s.cum, s.done = cum, upto
	return part, nil
}

// mulDivRound is a × n / d rounded half away from zero.
func mulDivRound(a, n, d money.Amount) (money.Amount, error) {
	num := new(big.Int).Mul(big.NewInt(int64(a)), big.NewInt(int64(n)))
	den := big.NewInt(int64(d))
	q, rem := new(big.Int).QuoRem(num, den, new(big.Int))
	if rem.Abs(rem).Lsh(rem, 1).CmpAbs(den) >= 0 {
		if (num.Sign() < 0) != (den.Sign() < 0) {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	if !q.IsInt64() {
		return 0, errRangeVAT
	}
	return money.Amount(q.Int64()), nil
}

// addLine adds a line of the given VAT rate, gross g with VAT v, to r's
// net amounts and VAT.
func (r *VATRow) addLine(rate doc.Rate, g, v money.Amount) error {
	net, err := money.Sub(g, v)
	if err != nil {
		return errRangeVAT
	}
	slot := &r.Net15
	switch rate {
	case doc.VAT0:
		slot = &r.Net0
	case doc.Exempt:
		slot = &r.NetExempt
	}
	if *slot, err = money.Add(*slot, net); err != nil {
		return errRangeVAT
	}
	if r.VAT, err = money.Add(r.VAT, v); err != nil {
		return errRangeVAT
	}
	return nil
}

// sumGross sets r.Gross to its nets and VAT.
func (r *VATRow) sumGross() error {
	g, err := money.Sum(r.Net15, r.Net0, r.NetExempt, r.VAT)
	if err != nil {
		return errRangeVAT
	}
	r.Gross = g
	return nil
}

// postedRate is the rate a currency document's entry converted at: the
// rate of its currency on its date (rateOn: the organisation's, or the
// official default), else the rate the document shows, as doc's posting
// takes them (Inputs.Rate first, Document.Rate when it is zero). Zero for a
// document in the base currency.
func (a *App) postedRate(ctx context.Context, org ledger.Org, d doc.Document, cache map[rateKey]money.Rate) (money.Rate, error) {
	if d.Currency == "" || d.Currency == org.Currency.Code {
		return money.Rate{}, nil
	}
	k := rateKey{d.Currency, d.Date}
	rate, ok := cache[k]
	if !ok {
		var err error
		rate, err = a.rateOn(ctx, org, d.Currency, d.Date)
		if err != nil && !ledger.IsCode(err, ledger.ENotFound) {
			return rate, err
		}
		cache[k] = rate
	}
	if rate.IsZero() {
		return d.Rate, nil
	}
	return rate, nil
}

// vatRowOf is d's row from its own amounts: its totals by rate, in the
// base currency. A currency document is converted at rate (postedRate,
// when its entry cannot be read: vatRow) line by line along running totals
// of the gross and of the VAT, each line's net their difference, as doc's
// posting rules convert them.
func vatRowOf(d doc.Document, s doc.Settings, base money.Currency, rate money.Rate) (VATRow, error) {
	r := VATRow{DocID: d.ID, DocType: d.Type, Number: d.Number, Date: d.Date, Counterparty: d.Counterparty}
	t, err := doc.ComputeTotals(d, s)
	if err != nil {
		return r, err
	}
	gross, vat := baseStream{rate: rate, base: base}, baseStream{rate: rate, base: base}
	if d.Currency != "" && d.Currency != base.Code {
		c, err := money.Lookup(d.Currency)
		if err != nil {
			return r, err
		}
		if rate.IsZero() {
			return r, ledger.Errorf(ledger.EInvalid, "no exchange rate of %s on %s", c.Code, d.Date.String())
		}
		gross.cur, vat.cur, gross.foreign, vat.foreign = c, c, true, true
	}
	for _, l := range t.Lines {
		g, err := gross.add(l.Gross)
		if err != nil {
			return r, err
		}
		v, err := vat.add(l.VAT)
		if err != nil {
			return r, err
		}
		if err := r.addLine(l.Rate, g, v); err != nil {
			return r, err
		}
	}
	return r, r.sumGross()
}

// baseStream converts a sequence of amounts of a currency into the base
// currency by running totals, as doc's posting does (its stream), so that
// the converted amounts add up to the conversion of their sum.
type baseStream struct {
	rate         money.Rate
	cur, base    money.Currency
	foreign      bool
	sum, sumBase money.Amount
}

func (s *baseStream) add(a money.Amount) (money.Amount, error) {
	if !s.foreign {
		return a, nil
	}
	sum, err := money.Add(s.sum, a)
	if err != nil {
		return 0, errRangeVAT
	}
	sumBase, err := s.rate.Convert(sum, s.cur, s.base)
	if err != nil {
		return 0, errRangeVAT
	}
	out, err := money.Sub(sumBase, s.sumBase)
	if err != nil {
		return 0, errRangeVAT
	}
	s.sum, s.sumBase = sum, sumBase
	return out, nil
}

// addRow adds r's amounts to total.
func addRow(total *VATRow, r VATRow) error {
	for _, p := range []struct {
		to *money.Amount
		x  money.Amount
	}{
		{&total.Net15, r.Net15}, {&total.Net0, r.Net0}, {&total.NetExempt, r.NetExempt}, {&total.VAT, r.VAT}, {&total.Gross, r.Gross}} {
		v, err := money.Add(*p.to, p.x)
		if err != nil {
			return errRangeVAT
		}
		*p.to = v
	}
	return nil
}
