package printform

import (
	"fmt"
	"testing"
	"time"

	"hasap/ledger"
	"hasap/money"
	"hasap/money/inwords"
)

// The sample forms the tests render: what the documents of package doc
// will fill in. Amounts are worked out in minor units, never as floats.

// invoiceLine is one line of a sample invoice; VAT is 15 % of the amount.
type invoiceLine struct {
	name, unit string
	qty        int64
	priceMinor money.Amount
}

func (l invoiceLine) amount() money.Amount { return l.priceMinor * money.Amount(l.qty) }
func (l invoiceLine) vat() money.Amount    { return (l.amount()*15 + 50) / 100 } // rounded half up

var sampleLines = []invoiceLine{
	{"Бумага офисная А4, 500 листов, плотность 80 г/м²", "пачка", 10, 4500},
	{"Картридж для лазерного принтера HP LaserJet 85A, оригинальный", "шт.", 2, 20000},
	{"Доставка по г. Ашхабад", "усл.", 1, 15000},
}

var sampleLinesTK = []invoiceLine{
	{"A4 ofis kagyzy, 500 list, dykyzlygy 80 g/m²", "gap", 10, 4500},
	{"HP LaserJet 85A lazer printeriniň kartrijy, asyl nusga", "sany", 2, 20000},
	{"Aşgabat şäheriniň çäginde eltip bermek", "hyzmat", 1, 15000},
}

// fmtTMT writes an amount as the table prints it: "1 150,00".
func fmtTMT(a money.Amount, lang string) string { return money.Format(a, 2, money.Locale(lang)) }

// invoiceWords are the labels of a sample invoice, in one language.
type invoiceWords struct {
	title, seller, buyer, contract, basis string
	cols                                  [9]string
	total, vat, totalDue                  string
	head, accountant                      string
}

var invoiceWordsByLang = map[string]invoiceWords{
	"ru": {
		title: "Счёт-фактура", seller: "Поставщик", buyer: "Покупатель",
		contract: "Договор", basis: "Основание",
		cols: [9]string{"№", "Наименование товара (работ, услуг)", "Ед. изм.", "Кол-во", "Цена",
			"Сумма без НДС", "Ставка НДС", "Сумма НДС", "Сумма с НДС"},
		total: "Итого:", vat: "В том числе НДС:", totalDue: "Всего к оплате:",
		head: "Руководитель", accountant: "Главный бухгалтер",
	},
	// review: the Turkmen labels of a sample, for a native speaker.
	"tk": {
		title: "Hasap-faktura", seller: "Satyjy", buyer: "Alyjy",
		contract: "Şertnama", basis: "Esas",
		cols: [9]string{"№", "Harydyň (işiň, hyzmatyň) ady", "Ölçeg birligi", "Mukdary", "Bahasy",
			"GBS-siz jemi", "GBS derejesi", "GBS möçberi", "GBS bilen jemi"},
		total: "Jemi:", vat: "Şol sanda GBS:", totalDue: "Tölenmeli jemi:",
		head: "Ýolbaşçy", accountant: "Baş buhgalter",
	},
}

// sampleInvoice is an invoice of lines in lang (ru or tk) with VAT at 15 %.
func sampleInvoice(t testing.TB, lang string, number string, lines []invoiceLine) Form {
	t.Helper()
	w := invoiceWordsByLang[lang]
	f := Form{
		Lang: lang, Title: w.title, Number: number, Date: ledger.DateOf(2026, time.November, 26),
		Table: Table{Columns: []Column{
			{Header: w.cols[0], Align: AlignCenter, Width: 5},
			{Header: w.cols[1], Width: 36},
			{Header: w.cols[2], Align: AlignCenter, Width: 9},
			{Header: w.cols[3], Align: AlignRight, Width: 9},
			{Header: w.cols[4], Align: AlignRight, Width: 12},
			{Header: w.cols[5], Align: AlignRight, Width: 13},
			{Header: w.cols[6], Align: AlignCenter, Width: 9},
			{Header: w.cols[7], Align: AlignRight, Width: 12},
			{Header: w.cols[8], Align: AlignRight, Width: 13},
		}},
		Signatures: []Signature{{Role: w.head, Name: ""}, {Role: w.accountant, Name: ""}},
		Stamp:      true,
	}
	var net, vat money.Amount
	for i, l := range lines {
		f.Table.Rows = append(f.Table.Rows, []string{
			fmt.Sprint(i + 1), l.name, l.unit, fmt.Sprint(l.qty), fmtTMT(l.priceMinor, lang),
			fmtTMT(l.amount(), lang), "15 %", fmtTMT(l.vat(), lang), fmtTMT(l.amount()+l.vat(), lang),
		})
		net += l.amount()
		vat += l.vat()
	}
	f.Table.Totals = [][]string{
		{w.total, fmtTMT(net, lang), "", fmtTMT(vat, lang), fmtTMT(net+vat, lang)},
		{w.totalDue, fmtTMT(net+vat, lang)},
	}
	words, err := inwords.Amount(net+vat, "TMT", lang)
	if err != nil {
		t.Fatal(err)
	}
	f.AmountInWords = inwords.Capitalize(words)
	switch lang {
	case "ru":
		f.Issuer = Party{Role: w.seller, Name: "ХО «Ак Ёл»", TaxID: "101234567890",
			Address:  "744000, г. Ашхабад, проспект Махтумкули, д. 54, офис 12",
			BankName: "ГКБ «Туркменистан»", BankAccount: "23203934100012345678", BIC: "390101701"}
		f.Recipient = Party{Role: w.buyer, Name: "ИП Оразов Мерген Бердыевич", TaxID: "102987654321",
			Address:  "745100, г. Мары, ул. Гарашсызлык, д. 7",
			BankName: "АКБ «Дайханбанк»", BankAccount: "23203934100087654321", BIC: "390101702"}
		f.Fields = []Field{{w.contract, "№ 45/2026 от 05.01.2026"}, {w.basis, "заказ покупателя № 118 от 20.11.2026"}}
		f.Signatures[0].Name = "Атаев Б. Н."
		f.Signatures[1].Name = "Петрова А. А."
	case "tk":
		f.Issuer = Party{Role: w.seller, Name: "«Çeşme Ýüpek Önümleri» HJ", TaxID: "101234567890",
			Address:  "744000, Aşgabat ş., Magtymguly şaýoly, 54, ofis 12",
			BankName: "«Türkmenistan» DTB", BankAccount: "23203934100012345678", BIC: "390101701"}
		f.Recipient = Party{Role: w.buyer, Name: "Ž. Öwezowa, hususy telekeçi", TaxID: "102987654321",
			Address:  "745100, Mary ş., Garaşsyzlyk köçesi, 7",
			BankName: "«Daýhanbank» PTB", BankAccount: "23203934100087654321", BIC: "390101702"}
		f.Fields = []Field{{w.contract, "№ 45/2026, 05.01.2026"}, {w.basis, "alyjynyň sargydy № 118, 20.11.2026"}}
		f.Signatures[0].Name = "Ataýew B. N."
		f.Signatures[1].Name = "Çaryýewa A. Ä."
	}
	return f
}

// sampleKO1 is a cash receipt order KO-1, in Russian.
func sampleKO1(t testing.TB) Form {
	t.Helper()
	const amount = money.Amount(115000)
	words, err := inwords.Amount(amount, "TMT", "ru")
	if err != nil {
		t.Fatal(err)
	}
	return Form{
		Lang: "ru", Title: "Приходный кассовый ордер", Number: "15", Date: ledger.DateOf(2026, time.November, 26),
		Issuer: Party{Role: "Организация", Name: "ХО «Ак Ёл»", TaxID: "101234567890",
			Address: "744000, г. Ашхабад, проспект Махтумкули, д. 54, офис 12"},
		Table: Table{Columns: []Column{
			{Header: "Дебет", Align: AlignCenter, Width: 10},
			{Header: "Кредит: корреспондирующий счёт, субсчёт", Align: AlignCenter, Width: 16},
			{Header: "Код аналитического учёта", Align: AlignCenter, Width: 18},
			{Header: "Сумма, ман.", Align: AlignRight, Width: 14},
			{Header: "Код целевого назначения", Align: AlignCenter, Width: 14},
		}, Rows: [][]string{{"50.01", "71.01", "Иванова М. П.", fmtTMT(amount, "ru"), ""}}},
		Fields: []Field{
			{"Принято от", "Ивановой Марии Петровны"},
			{"Основание", "возврат неизрасходованного остатка подотчётной суммы по авансовому отчёту № 7 от 24.11.2026"},
			{"Сумма", fmtTMT(amount, "ru") + " ман."},
			{"В том числе", "без налога (НДС)"},
			{"Приложение", "авансовый отчёт № 7 от 24.11.2026"},
		},
		AmountInWords: inwords.Capitalize(words),
		Signatures: []Signature{
			{Role: "Главный бухгалтер", Name: "Петрова А. А."},
			{Role: "Получил кассир", Name: "Сидорова Е. В."},
		},
		TearOff: &Form{
			Title: "Квитанция к приходному кассовому ордеру", Number: "15", Date: ledger.DateOf(2026, time.November, 26),
			Issuer: Party{Role: "Организация", Name: "ХО «Ак Ёл»"},
			Fields: []Field{
				{"Принято от", "Ивановой Марии Петровны"},
				{"Основание", "возврат неизрасходованного остатка подотчётной суммы"},
				{"Сумма", fmtTMT(amount, "ru") + " ман."},
			},
			AmountInWords: inwords.Capitalize(words),
			Signatures: []Signature{
				{Role: "Главный бухгалтер", Name: "Петрова А. А."},
				{Role: "Кассир", Name: "Сидорова Е. В."},
			},
			Stamp: true,
		},
	}
}

// samplePaymentOrder is a payment order in Turkmen, with the box for the
// bank's marks.
func samplePaymentOrder(t testing.TB) Form {
	t.Helper()
	const amount = money.Amount(2_345_678_90)
	words, err := inwords.Amount(amount, "TMT", "tk")
	if err != nil {
		t.Fatal(err)
	}
	return Form{
		Lang: "tk", Title: "Töleg tabşyrygy", Number: "204", Date: ledger.DateOf(2026, time.November, 26),
		Issuer: Party{Role: "Töleýji", Name: "«Ak Ýol» HJ", TaxID: "101234567890", BankName: "«Türkmenistan» DTB",
			BankAccount: "23201934100000101234", BIC: "390101001"},
		Recipient: Party{Role: "Alyjy", Name: "«Gündogar Söwda» HK", TaxID: "102030405060"},
		Table: Table{Columns: []Column{
			{Header: "№", Align: AlignCenter, Width: 4},
			{Header: "Tölegiň maksady", Width: 40},
			{Header: "Hasap", Align: AlignCenter, Width: 10},
			{Header: "Jemi, manat", Align: AlignRight, Width: 14},
		}, Rows: [][]string{{"1", "Şertnama № 45/2026 boýunça haryt üçin töleg", "60.01", fmtTMT(amount, "tk")}},
			Totals: [][]string{{"Jemi:", fmtTMT(amount, "tk")}}},
		AmountInWords: inwords.Capitalize(words),
		Signatures: []Signature{
			{Role: "Ýolbaşçy", Name: "Ataýew B. N."},
			{Role: "Baş hasapçy", Name: "Çaryýewa A. Ä."},
		},
		Stamp: true,
		Marks: "Bankyň bellikleri",
	}
}

// sampleLongInvoice is a Russian invoice of n lines, long enough for two
// pages at 60, with some names long enough to wrap.
func sampleLongInvoice(t testing.TB, n int) Form {
	t.Helper()
	goods := []string{"Гвозди строительные 100 мм", "Цемент М400, мешок 50 кг", "Кабель ВВГнг 3×2,5",
		"Саморез по дереву 4,2×75", "Перчатки х/б с ПВХ", "Скотч малярный 48 мм", "Валик малярный 250 мм",
		"Шпатлёвка финишная 20 кг", "Грунтовка 10 л",
		"Краска водоэмульсионная белая, ведро 14 кг"}
	lines := make([]invoiceLine, n)
	for i := range lines {
		lines[i] = invoiceLine{name: goods[i%len(goods)],
			unit: "шт.", qty: int64(1 + i%9), priceMinor: money.Amount(1000 + 37*i*i)}
	}
	return sampleInvoice(t, "ru", "1042", lines)
}
