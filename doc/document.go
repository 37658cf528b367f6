package doc

import (
	"hasap/ledger"
	"hasap/money"
)

// Type is the kind of a business document. Its value is stable: it is
// stored, keyed in the numbering sequence and written into Ref.
type Type string

// The document types.
const (
	// Order is the customer's order (заказ покупателя, sargyt), printed as
	// the invoice for payment (счёт на оплату). It does not post: the sale
	// is posted by the invoice, waybill or act created from it (Derive).
	Order           Type = "sales_order"
	SalesInvoice    Type = "sales_invoice"    // hasap-faktura / счёт-фактура: goods and services sold
	Waybill         Type = "waybill"          // goods waybill (товарная накладная): goods shipped
	Act             Type = "act"              // act of completed work: services rendered
	SupplierInvoice Type = "supplier_invoice" // the supplier's hasap-faktura: goods, services, assets bought
	GoodsReceipt    Type = "goods_receipt"    // goods received into a warehouse
	PaymentOut      Type = "payment_out"      // outgoing payment order
	PaymentIn       Type = "payment_in"       // incoming payment (bank)
	CashReceipt     Type = "cash_receipt"     // cash receipt order KO-1
	CashExpense     Type = "cash_expense"     // cash expense order KO-2
	AdvanceReport   Type = "advance_report"   // advance report AO-1 of an accountable person
	OpeningBalances Type = "opening_balances" // opening balances through account 000
	Manual          Type = "manual"           // manual operation: postings typed by hand
	// The closing documents (close.go), made by the month close.
	Revaluation Type = "revaluation" // currency revaluation (переоценка валюты) at a month's end
	CloseMonth  Type = "close_month" // closing 90 and 91 to 99 for the month
	ProfitTax   Type = "profit_tax"  // profit tax of the year to date
	CloseYear   Type = "close_year"  // year close: 99 to 84 on 31 December
)

// Types lists every document type in display order.
var Types = []Type{Order, SalesInvoice, Waybill, Act, SupplierInvoice, GoodsReceipt,
	PaymentOut, PaymentIn, CashReceipt, CashExpense, AdvanceReport, OpeningBalances, Manual,
	Revaluation, CloseMonth, ProfitTax, CloseYear}

// Valid reports whether t is a known type.
func (t Type) Valid() bool {
	for _, v := range Types {
		if v == t {
			return true
		}
	}
	return false
}

// Posts reports whether documents of type t post an entry: all but the
// customer's order, which only leads to the documents that do.
func (t Type) Posts() bool { return t != Order }

// Status is where a document is in its life cycle.
type Status string

// The statuses. A document is born a draft; posting makes it Posted and
// links it to its entry; unposting makes it a Draft again (its entry stays
// in the books, cancelled by a storno). A draft that is no longer wanted is
// Cancelled, never deleted, so that its number stays accounted for: the
// numbering per type per year has no gaps, and a cancelled number is shown
// as cancelled in the document journal.
const (
	Draft     Status = "draft"
	Posted    Status = "posted"
	Cancelled Status = "cancelled"
)

// CanBecome reports whether a document may go from status s to next:
// draft → posted (post), posted → draft (unpost), draft → cancelled
// (cancel), cancelled → draft (restore). A posted document is unposted
// before it is cancelled, so that its storno is in the books first.
func (s Status) CanBecome(next Status) bool {
	switch s {
	case Draft:
		return next == Posted || next == Cancelled
	case Posted:
		return next == Draft
	case Cancelled:
		return next == Draft
	}
	return false
}

// Refs names the analytics (catalog entries) a document or one of its
// lines refers to. A posting rule fills each side's analytics from them in
// the order the account requires (ledger.Account.Analytics), so the chart,
// not the rule, decides which ones a posting carries. A line's non-zero
// refs override the document's.
type Refs struct {
	Counterparty ledger.AnalyticID `json:"counterparty,omitempty"`
	Contract     ledger.AnalyticID `json:"contract,omitempty"`
	Item         ledger.AnalyticID `json:"item,omitempty"` // an item of goods or a service
	Warehouse    ledger.AnalyticID `json:"warehouse,omitempty"`
	Employee     ledger.AnalyticID `json:"employee,omitempty"` // the accountable person of KO-2, AO-1
	FixedAsset   ledger.AnalyticID `json:"fixed_asset,omitempty"`
	CashFlow     ledger.AnalyticID `json:"cashflow,omitempty"` // the cash-flow item of 50, 51, 52
	Project      ledger.AnalyticID `json:"project,omitempty"`
}

// Slot is the field of r that holds the ref of kind k; nil for a kind
// that documents do not refer to. The pages and the API fill refs by kind
// through it.
func (r *Refs) Slot(k ledger.AnalyticKind) *ledger.AnalyticID {
	switch k {
	case ledger.Counterparty:
		return &r.Counterparty
	case ledger.Contract:
		return &r.Contract
	case ledger.Item:
		return &r.Item
	case ledger.Warehouse:
		return &r.Warehouse
	case ledger.Employee:
		return &r.Employee
	case ledger.FixedAsset:
		return &r.FixedAsset
	case ledger.CashFlowItem:
		return &r.CashFlow
	case ledger.Project:
		return &r.Project
	}
	return nil
}

// get returns the ref of kind k, 0 when none.
func (r Refs) get(k ledger.AnalyticKind) ledger.AnalyticID {
	if p := r.Slot(k); p != nil {
		return *p
	}
	return 0
}

// over returns r with its zero refs taken from base.
func (r Refs) over(base Refs) Refs {
	pick := func(a, b ledger.AnalyticID) ledger.AnalyticID {
		if a != 0 {
			return a
		}
		return b
	}
	return Refs{
		Counterparty: pick(r.Counterparty, base.Counterparty),
		Contract:     pick(r.Contract, base.Contract),
		Item:         pick(r.Item, base.Item),
		Warehouse:    pick(r.Warehouse, base.Warehouse),
		Employee:     pick(r.Employee, base.Employee),
		FixedAsset:   pick(r.FixedAsset, base.FixedAsset),
		CashFlow:     pick(r.CashFlow, base.CashFlow),
		Project:      pick(r.Project, base.Project),
	}
}

// Document is a business document, independent of the organisation that
// keeps it (the store adds the organisation, the author and the audit).
// Its JSON is what the store keeps as the document's body: amounts are
// integers of minor units (exact: encoding/json reads them into int64
// without a float), rates decimal strings; the API speaks decimal strings.
type Document struct {
	ID     int64  `json:"id,omitempty"` // the store's id; 0 before the first save
	Type   Type   `json:"type,omitempty"`
	Status Status `json:"status,omitempty"`
	// Year and Number: gapless per organisation, type and year, from 1,
	// given by the store when the draft is first saved. Year is the year of
	// Date then; the date may later move within that year only.
	Year   int         `json:"year,omitempty"`
	Number int64       `json:"number,omitempty"`
	Date   ledger.Date `json:"date,omitempty"`
	// Refs: the counterparty and contract of sales, purchases and
	// payments, the employee of KO-2 and AO-1, the default warehouse and
	// cash-flow item of the lines.
	Refs
	// Currency is the ISO code of a currency contract's currency, "" for
	// the base currency. Prices and amounts of the lines are in it.
	Currency string `json:"currency,omitempty"`
	// Rate is the rate of Currency the document shows (the contract's or
	// the Central Bank's of Date). Post converts at Inputs.Rate, the rate of
	// the day, and only falls back to Rate when that is zero.
	Rate money.Rate `json:"rate,omitempty"`
	// PricesIncludeVAT: line amounts include VAT (retail style); otherwise
	// VAT is added on top.
	PricesIncludeVAT bool `json:"prices_include_vat,omitempty"`
	// VATRounding is the rounding the document was posted with (FixVAT
	// writes it, with each line's rate, when it is posted), so that its
	// totals stay those of its entry when the organisation's settings
	// change later; "" takes Settings.VATRounding.
	VATRounding Rounding `json:"vat_rounding,omitempty"`
	Lines       []Line   `json:"lines,omitempty"`
	// Postings are the postings of a manual operation, as typed.
	Postings []ledger.Posting `json:"postings,omitempty"`
	BasedOn  int64            `json:"based_on,omitempty"` // the ID of the document this one was created from, 0 for none
	Comment  string           `json:"comment,omitempty"`
	// Basis is the basis (основание) of a cash order or the purpose of a
	// payment, as printed on the KO-1, KO-2 or payment order.
	Basis string `json:"basis,omitempty"`
	// Person is the person cash is received from or issued to, as printed
	// on the KO-1 or KO-2 (the employee or a counterparty's representative).
	Person string `json:"person,omitempty"`
	// Attachment is the attachment (приложение) of a cash order: the
	// documents enclosed with it.
	Attachment string `json:"attachment,omitempty"`
	// Entry is the Seq of the entry the document posted, 0 when it is not
	// posted. The entry carries Ref in its Document field.
	Entry int64 `json:"entry,omitempty"`
}

// Line is one line of a document: goods, a service, a payment, an expense
// of an advance report, an opening balance.
type Line struct {
	// Refs: the item and warehouse of goods, the cash-flow item of a
	// payment, the contract a payment settles, the counterparty of an
	// opening balance... Zero refs are taken from the document.
	Refs
	// Service: the line is a service or work, not goods: no quantity is
	// required, no stock moves, no cost of sales.
	Service bool `json:"service,omitempty"`
	// Account overrides the rule's account for the line: the debit of a
	// purchase (41.01, 10.01, 20, 26, 08.04), the expense of an advance
	// report, the corresponding account of a payment (71.01, 70, 76.05), the
	// account of an opening balance.
	Account ledger.AccountCode `json:"account,omitempty"`
	Qty     ledger.Quantity    `json:"qty,omitempty"` // thousandths; negative on a return
	// Price per unit, in the document's currency, minor units.
	Price money.Amount `json:"price,omitempty"`
	// Amount of the line in the document's currency, minor units: net of
	// VAT, or with VAT when the document's prices include it. When zero it
	// is Price × Qty, rounded half away from zero.
	Amount money.Amount `json:"amount,omitempty"`
	// VAT is the line's VAT rate; "" takes Settings.DefaultVAT.
	VAT Rate `json:"vat,omitempty"`
	// Cost is the cost of goods returned by a customer (negative Qty on a
	// sale), from the original sale. When zero the average cost is used.
	Cost money.Amount `json:"cost,omitempty"`
	// CurAmount is the foreign-currency amount of an opening balance line
	// on a currency account.
	CurAmount money.Amount `json:"cur_amount,omitempty"`
	// Supporting names the document behind an expense of an advance
	// report (a receipt, a ticket: its name, number and date), as typed.
	Supporting string `json:"supporting,omitempty"`
}

// MaxLines bounds the lines of one document.
const MaxLines = 5000

// MaxComment bounds a document's comment in bytes.
const MaxComment = 2000

// MaxText bounds each of a document's Basis, Person and Attachment, and a
// line's Supporting, in bytes.
const MaxText = 1000

// amount returns the line's amount: Amount, or Price × Qty rounded half
// away from zero.
func (l Line) amount() (money.Amount, error) {
	if l.Amount != 0 || l.Price == 0 {
		return l.Amount, nil
	}
	return mulDivRound(l.Price, int64(l.Qty), 1000)
}
