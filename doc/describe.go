package doc

import (
	"fmt"
)

// titles names each document type in each language, as the entry's
// description and the document journal show it. Descriptions are written
// once, in the organisation's language, and kept in the hash-chained entry;
// they are text for people, so they are not translated afterwards (the
// entry's Document field, Ref, is the machine-readable link).
var titles = map[string]map[Type]string{
	"ru": {
		Order:           "Заказ покупателя",
		SalesInvoice:    "Счёт-фактура",
		Waybill:         "Товарная накладная",
		Act:             "Акт выполненных работ",
		SupplierInvoice: "Счёт-фактура поставщика",
		GoodsReceipt:    "Поступление товаров",
		PaymentOut:      "Платёжное поручение исходящее",
		PaymentIn:       "Поступление на расчётный счёт",
		CashReceipt:     "Приходный кассовый ордер",
		CashExpense:     "Расходный кассовый ордер",
		AdvanceReport:   "Авансовый отчёт",
		OpeningBalances: "Ввод начальных остатков",
		Manual:          "Операция, введённая вручную",
		Revaluation:     "Переоценка валюты",
		CloseMonth:      "Закрытие счетов 90 и 91",
		ProfitTax:       "Налог на прибыль",
		CloseYear:       "Закрытие года",
	},
	// review: Turkmen document names, to be checked by a Turkmen
	// accountant (hasap-faktura and töleg tabşyrygy are the terms in use;
	// the others are translations of the Russian ones).
	"tk": {
		Order:           "Sargyt",
		SalesInvoice:    "Hasap-faktura",
		Waybill:         "Haryt ýük haty",
		Act:             "Ýerine ýetirilen işleriň namasy",
		SupplierInvoice: "Üpjün edijiniň hasap-fakturasy",
		GoodsReceipt:    "Harytlaryň gelmegi",
		PaymentOut:      "Çykýan töleg tabşyrygy",
		PaymentIn:       "Hasaplaşyk hasabyna gelen töleg",
		CashReceipt:     "Kassa girdeji orderi",
		CashExpense:     "Kassa çykdajy orderi",
		AdvanceReport:   "Awans hasabaty",
		OpeningBalances: "Başlangyç galyndylary girizmek",
		Manual:          "El bilen girizilen amal",
		Revaluation:     "Walýutany täzeden bahalandyrmak",
		CloseMonth:      "90 we 91 hasaplary ýapmak",
		ProfitTax:       "Girdeji salgydy",
		CloseYear:       "Ýyly ýapmak",
	},
	"en": {
		Order:           "Customer order",
		SalesInvoice:    "Sales invoice",
		Waybill:         "Goods waybill",
		Act:             "Act of completed work",
		SupplierInvoice: "Supplier invoice",
		GoodsReceipt:    "Goods receipt",
		PaymentOut:      "Outgoing payment order",
		PaymentIn:       "Incoming payment",
		CashReceipt:     "Cash receipt order",
		CashExpense:     "Cash expense order",
		AdvanceReport:   "Advance report",
		OpeningBalances: "Opening balances",
		Manual:          "Manual operation",
		Revaluation:     "Currency revaluation",
		CloseMonth:      "Closing of income and expenses",
		ProfitTax:       "Profit tax",
		CloseYear:       "Year close",
	},
}

// Title returns the name of type t in lang (tk, ru or en; anything else
// is taken as ru).
func Title(t Type, lang string) string {
	m, ok := titles[lang]
	if !ok {
		m = titles["ru"]
	}
	if s, ok := m[t]; ok {
		return s
	}
	return string(t)
}

// Describe returns the description of d's entry in lang, the way the
// document is named on paper: "Счёт-фактура № 12 от 03.02.2025",
// "Hasap-faktura № 12, 03.02.2025", "Sales invoice No. 12 of 2025-02-03".
// The Turkmen form puts no case ending on the number or the date.
func Describe(d Document, lang string) string {
	y, m, day := d.Date.YMD()
	dmy := fmt.Sprintf("%02d.%02d.%04d", day, int(m), y)
	switch lang {
	case "tk":
		return fmt.Sprintf("%s № %d, %s", Title(d.Type, lang), d.Number, dmy)
	case "en":
		return fmt.Sprintf("%s No. %d of %s", Title(d.Type, lang), d.Number, d.Date.String())
	}
	return fmt.Sprintf("%s № %d от %s", Title(d.Type, "ru"), d.Number, dmy)
}
