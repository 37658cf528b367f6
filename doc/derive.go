package doc

import (
	"hasap/ledger"
	"hasap/money"
)

// derivable lists, for each type, the types a document of it may be
// created from it (Derive), in the order the pages offer them: an order
// leads to the sale and to its payment; an invoice to the waybill and act
// that ship it and to its payment; a waybill or act to its invoice and
// payment; a purchase to its payment by bank or cash.
var derivable = map[Type][]Type{
	Order:           {SalesInvoice, Waybill, Act, PaymentIn, CashReceipt},
	SalesInvoice:    {Waybill, Act, PaymentIn, CashReceipt},
	Waybill:         {SalesInvoice, PaymentIn},
	Act:             {SalesInvoice, PaymentIn},
	SupplierInvoice: {PaymentOut, CashExpense},
	GoodsReceipt:    {PaymentOut, CashExpense},
}

// DerivableFrom lists the types a document of type t may be created from
// it, nil when none.
func DerivableFrom(t Type) []Type { return derivable[t] }

// IsPayment reports whether t moves money: bank payments and cash orders.
func IsPayment(t Type) bool {
	return t == PaymentIn || t == PaymentOut || t == CashReceipt || t == CashExpense
}

// Derive makes a new draft of type to from the document from, as an
// accountant creates an invoice from an order or a payment from an
// invoice ("на основании"): it copies the counterparty, contract,
// warehouse (of goods) or cash-flow item (of a payment), project, currency, rate and whether prices include VAT, and
// BasedOn is from.ID. A document of goods and services gets from's lines
// (items, quantities, prices, amounts, VAT rates): a waybill only the
// goods, an act only the services. A payment gets one line of pay, the
// amount to pay in from's currency: from's total with VAT (worked out with
// s) when pay is 0, or what the caller says is still open, at most that
// total. The date is from's; the caller sets the day it is made. Derive
// refuses (EInvalid) a path not in DerivableFrom, a source not yet saved
// or cancelled, and a result with nothing in it.
func Derive(from Document, to Type, s Settings, pay money.Amount) (Document, error) {
	allowed := false
	for _, t := range derivable[from.Type] {
		allowed = allowed || t == to
	}
	switch {
	case !to.Valid():
		return Document{}, ledger.Errorf(ledger.EInvalid, "unknown document type %q", string(to))
	case !allowed:
		return Document{}, ledger.Errorf(ledger.EInvalid, "a document of type %s cannot be created from one of type %s", string(to), string(from.Type))
	case from.ID <= 0:
		return Document{}, ledger.Errorf(ledger.EInvalid, "save the document before creating another from it")
	case from.Status == Cancelled:
		return Document{}, ledger.Errorf(ledger.EInvalid, "the document is cancelled: make it a draft again before creating another from it")
	case pay < 0:
		return Document{}, ledger.Errorf(ledger.EInvalid, "the amount to pay is negative")
	}
	d := Document{Type: to, Status: Draft, Date: from.Date, Currency: from.Currency, Rate: from.Rate, BasedOn: from.ID,
		PricesIncludeVAT: from.PricesIncludeVAT}
	d.Counterparty, d.Contract, d.Project = from.Counterparty, from.Contract, from.Project
	if IsPayment(to) {
		d.CashFlow = from.CashFlow
		return derivePayment(from, d, s, pay)
	}
	d.Warehouse = from.Warehouse
	for _, l := range from.Lines {
		if to == Waybill && l.Service || to == Act && !l.Service {
			continue
		}
		d.Lines = append(d.Lines, Line{Refs: l.Refs, Service: l.Service, Qty: l.Qty, Price: l.Price, Amount: l.Amount,
			VAT: l.VAT, Cost: l.Cost})
	}
	if len(d.Lines) == 0 {
		if to == Act {
			return Document{}, ledger.Errorf(ledger.EInvalid, "the document has no services for an act")
		}
		return Document{}, ledger.Errorf(ledger.EInvalid, "the document has no goods for a waybill")
	}
	return d, nil
}

// derivePayment gives payment d its one line: pay, or from's total with VAT.
func derivePayment(from, d Document, s Settings, pay money.Amount) (Document, error) {
	t, err := ComputeTotals(from, s)
	if err != nil {
		return Document{}, err
	}
	switch {
	case t.Gross <= 0:
		return Document{}, ledger.Errorf(ledger.EInvalid, "the document has nothing to pay")
	case pay > t.Gross:
		return Document{}, ledger.Errorf(ledger.EInvalid, "the amount to pay is more than the document's total with VAT")
	case pay == 0:
		pay = t.Gross
	}
	d.PricesIncludeVAT = false
	d.Lines = []Line{{Amount: pay}}
	return d, nil
}
