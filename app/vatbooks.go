package app

import (
	"cmp"
	"context"
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
			rate, err := a.postedRate(ctx, org, d.Document, rates)
			if err != nil {
				return err
			}
			r, err := vatRowOf(d.Document, s, org.Currency, rate)
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

// vatRowOf is d's row: its totals by rate, in the base currency. A
// currency document is converted at rate, the rate its entry used
// (postedRate), line by line along running totals of the gross and of the
// VAT, each line's net their difference, as doc's posting rules convert
// them: so the row's VAT and gross are the entry's to the tenge (its
// credit of 68.02 or debit of 19).
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
		net, err := money.Sub(g, v)
		if err != nil {
			return r, errRangeVAT
		}
		slot := &r.Net15
		switch l.Rate {
		case doc.VAT0:
			slot = &r.Net0
		case doc.Exempt:
			slot = &r.NetExempt
		}
		if *slot, err = money.Add(*slot, net); err != nil {
			return r, errRangeVAT
		}
		if r.VAT, err = money.Add(r.VAT, v); err != nil {
			return r, errRangeVAT
		}
	}
	if r.Gross, err = money.Add(r.Net15, r.Net0); err == nil {
		if r.Gross, err = money.Add(r.Gross, r.NetExempt); err == nil {
			r.Gross, err = money.Add(r.Gross, r.VAT)
		}
	}
	if err != nil {
		return r, errRangeVAT
	}
	return r, nil
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
