package doc

import (
	"hasap/ledger"
)

// Settings are an organisation's choices for its posting rules: which
// accounts each rule uses and how VAT is worked out. Accountants differ
// here; DefaultSettings gives the usual CIS ones. Where an account has a
// "Cur" twin, documents in a foreign currency use the twin (a currency
// account of the chart) and keep the currency amount on it.
type Settings struct {
	DefaultVAT  Rate     // the rate of a line that names none
	VATRounding Rounding // PerLine or PerDocument
	// VATOnAdvances: charge VAT at DefaultVAT on advances received (Dt
	// Sales.AdvanceVAT Kt 68.02, the rate's part of the advance with VAT
	// included) and reverse it as sales offset them (Dt 68.02 Kt 76.AV).
	VATOnAdvances bool

	Sales     SalesAccounts
	Purchases PurchaseAccounts
	// Bank is the settlement account (51), BankCur the currency account (52).
	Bank, BankCur ledger.AccountCode
	// Cash is the cash desk (50.01), CashCur the currency cash desk (50.21).
	Cash, CashCur ledger.AccountCode
	// Accountable: settlements with accountable persons (71.01, 71.21),
	// credited by an advance report.
	Accountable, AccountableCur ledger.AccountCode
	// Opening is the auxiliary account of opening balances (000).
	Opening ledger.AccountCode
	// Closing: the accounts and choices of the month and year close.
	Closing ClosingAccounts
}

// SalesAccounts are the accounts of the sales rule.
type SalesAccounts struct {
	Receivable, ReceivableCur ledger.AccountCode // 62.01, 62.21: Dt on a sale, Kt on a payment in
	Revenue                   ledger.AccountCode // 90.01 (the revenue sub-account)
	VAT                       ledger.AccountCode // 90.03: Dt, the VAT included in revenue
	VATPayable                ledger.AccountCode // 68.02: Kt, VAT owed to the budget
	Cost                      ledger.AccountCode // 90.02: Dt, the cost of goods sold
	Goods                     ledger.AccountCode // 41.01: Kt, the goods leaving the warehouse
	// AdvancesReceived, AdvancesReceivedCur (62.02, 62.22): Kt with the
	// part of a payment in beyond the customer's debt on the contract, Dt
	// when a sale offsets it. Empty: payments in are not split, all of a
	// payment credits Receivable.
	AdvancesReceived, AdvancesReceivedCur ledger.AccountCode
	// AdvanceVAT (76.AV): Dt with the VAT charged on an advance received,
	// Kt when a sale offsets the advance (Settings.VATOnAdvances).
	AdvanceVAT ledger.AccountCode
}

// PurchaseAccounts are the accounts of the purchase rule.
type PurchaseAccounts struct {
	Payable, PayableCur ledger.AccountCode // 60.01, 60.21: Kt on a purchase, Dt on a payment out
	Goods               ledger.AccountCode // 41.01: Dt for goods (a line may name 10.01 and so on)
	Services            ledger.AccountCode // 26: Dt for services and works (or 20, 25, 44)
	// InputVATGoods (19.03) takes the VAT of lines posted to accounts kept
	// in quantities (inventories), InputVATServices (19.04) that of the
	// rest.
	InputVATGoods, InputVATServices ledger.AccountCode
	// OffsetVAT: post the offset Dt 68.02 Kt 19.0x with the purchase, as
	// soon as the supplier's hasap-faktura is received.
	OffsetVAT  bool
	VATPayable ledger.AccountCode // 68.02
	// Capital lists account prefixes of capital expenditure ("08"): a line
	// posted to one of them has its VAT added to the asset's cost instead
	// of to 19.
	Capital []string
	// AdvancesPaid, AdvancesPaidCur (60.02, 60.22): Dt with the part of a
	// payment out beyond the debt to the supplier on the contract, Kt when
	// a purchase offsets it. Empty: payments out are not split.
	AdvancesPaid, AdvancesPaidCur ledger.AccountCode
}

// DefaultSettings returns the default settings for a built-in chart. Only
// "cis" has defaults; any other chart gets an EInvalid error, and its
// organisation sets its accounts itself.
func DefaultSettings(chart string) (Settings, error) {
	if chart != "cis" {
		return Settings{}, ledger.Errorf(ledger.EInvalid, "no default posting settings for the chart %q: choose the accounts yourself", chart)
	}
	return Settings{
		DefaultVAT:  VAT15,
		VATRounding: PerLine,
		// review: whether VAT is charged on advances received is a choice
		// of the accounting policy (order 92-Ö of 2020, DOMAIN.md); the
		// Turkmen tax code's moment of the taxable turnover for a
		// prepayment is unconfirmed. Off by default, as before.
		VATOnAdvances: false,
		Sales: SalesAccounts{
			Receivable: "62.01", ReceivableCur: "62.21",
			AdvancesReceived: "62.02", AdvancesReceivedCur: "62.22", AdvanceVAT: "76.AV",
			Revenue: "90.01", VAT: "90.03", VATPayable: "68.02",
			Cost: "90.02", Goods: "41.01",
		},
		Purchases: PurchaseAccounts{
			Payable: "60.01", PayableCur: "60.21",
			AdvancesPaid: "60.02", AdvancesPaidCur: "60.22",
			Goods: "41.01", Services: "26",
			InputVATGoods: "19.03", InputVATServices: "19.04",
			// review: offsetting input VAT on receipt of the supplier's
			// hasap-faktura, not on payment, is the usual CIS practice
			// (Tax Code of Turkmenistan, VAT chapter, the offset of VAT
			// "paid or payable" on invoices received); unconfirmed for the
			// new Unified Law "On Taxes". Set OffsetVAT false to offset by a
			// separate manual operation instead.
			OffsetVAT: true, VATPayable: "68.02",
			// review: DOMAIN.md: "input VAT on capital expenditure is added
			// to the asset's cost" (Turkmen rule; source: the summaries of
			// the Tax Code gathered in DOMAIN.md, not the law's text).
			Capital: []string{"08"},
		},
		Bank: "51", BankCur: "52",
		Cash: "50.01", CashCur: "50.21",
		Accountable: "71.01", AccountableCur: "71.21",
		Opening: "000",
		Closing: DefaultClosing("cis"),
	}, nil
}
