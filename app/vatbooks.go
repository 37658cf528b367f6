package app

import (
	"context"
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
}

// The document types of each book.
var (
	vatSalesTypes    = []doc.Type{doc.SalesInvoice, doc.Waybill, doc.Act}
	vatPurchaseTypes = []doc.Type{doc.SupplierInvoice, doc.GoodsReceipt, doc.AdvanceReport}
)

// VATBooks returns the books of the month of any date in it (year, month).
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
	for _, k := range []struct {
		types []doc.Type
		book  *VATBook
	}{{vatSalesTypes, &b.Sales}, {vatPurchaseTypes, &b.Purchase}} {
		for _, t := range k.types {
			if err := a.vatRows(ctx, org, s.Posting, t, b.From, b.To, k.book); err != nil {
				return nil, err
			}
		}
		for _, r := range k.book.Rows {
			if err := addRow(&k.book.Total, r); err != nil {
				return nil, err
			}
		}
	}
	b.Output, b.Input = b.Sales.Total.VAT, b.Purchase.Total.VAT
	if b.Payable, err = money.Sub(b.Output, b.Input); err != nil {
		return nil, errRangeVAT
	}
	return b, nil
}

var errRangeVAT = ledger.Errorf(ledger.EInvalid, "a VAT total is out of range")

// vatRows adds the posted documents of type t dated from..to to book, read
// page by page through the store's filter.
func (a *App) vatRows(ctx context.Context, org ledger.Org, s doc.Settings, t doc.Type, from, to ledger.Date, book *VATBook) error {
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
			r, err := vatRowOf(d.Document, s, org.Currency)
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

// vatRowOf is d's row: its totals by rate, converted into the base
// currency at the rate the document shows (d.Rate) when it is in a
// currency. Known gap: posting converts at the rate of the day when there
// is one, so a currency document whose shown rate differs from the day's
// is off here by that difference.
func vatRowOf(d doc.Document, s doc.Settings, base money.Currency) (VATRow, error) {
	r := VATRow{DocID: d.ID, DocType: d.Type, Number: d.Number, Date: d.Date, Counterparty: d.Counterparty}
	t, err := doc.ComputeTotals(d, s)
	if err != nil {
		return r, err
	}
	conv := func(x money.Amount) (money.Amount, error) { return x, nil }
	if d.Currency != "" && d.Currency != base.Code {
		c, err := money.Lookup(d.Currency)
		if err != nil {
			return r, err
		}
		conv = func(x money.Amount) (money.Amount, error) {
			if x == 0 {
				return 0, nil
			}
			return d.Rate.Convert(x, c, base)
		}
	}
	for _, l := range t.Lines {
		net, err := conv(l.Net)
		if err != nil {
			return r, err
		}
		vat, err := conv(l.VAT)
		if err != nil {
			return r, err
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
		if r.VAT, err = money.Add(r.VAT, vat); err != nil {
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
