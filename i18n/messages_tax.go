package i18n

// taxCatalog holds the messages of the registers of issue 5 whose pages
// the tax branch made: the ageing's page, the VAT books, the exchange
// rates' page and the home page's charts (app/sheets, web); init adds
// them to catalog.
var taxCatalog = map[string]map[string]string{
	"ru": {
		"Add or change a rate":  "Добавить или изменить курс",
		"Exchange rates":        "Курсы валют",
		"File":                  "Файл",
		"Import rates":          "Загрузка курсов",
		"Line %d: %s":           "Строка %d: %s",
		"line %d: %v":           "строка %d: %v",
		"No rates are entered.": "Курсы не введены.",
		"One rate a line: date;currency;rate, e.g. 01.03.2025;EUR;3,80. A bad line is named and nothing is recorded.": "По курсу в строке: дата;валюта;курс, например 01.03.2025;EUR;3,80. Ошибочная строка будет названа, и ничего не запишется.",
		"Rate, %s per unit":  "Курс, %s за единицу",
		"Rates imported:":    "Загружено курсов:",
		"The rate is saved.": "Курс сохранён.",
		"Where no rate is entered, the Central Bank's official rate applies:": "Где курс не введён, действует официальный курс Центрального банка:",
		"from":                                  "с",
		"the period is invalid":                 "период указан неверно",
		"the rate %q is not a positive decimal": "курс %q — не положительное десятичное число",
		"Exempt":                                "Без НДС (освобождено)",
		"Input VAT offset":                      "НДС к зачёту (покупки)",
		"Net amount by VAT rate":                "Стоимость без НДС по ставкам",
		"Output VAT on sales":                   "НДС начисленный (продажи)",
		"Purchases book":                        "Книга покупок",
		"Sales book":                            "Книга продаж",
		"VAT books":                             "Книги покупок и продаж",
		"VAT return for the month":              "Декларация по НДС за месяц",
		"Year":                                  "Год",
		"Ageing":                                "Анализ по срокам",
		"As of %s":                              "На %s",
		"Buckets, days":                         "Интервалы, дни",
		"Days since the date":                   "Дней с даты документа",
		"Nothing is open on this day.":          "На эту дату незакрытых расчётов нет.",
		"Payables":                              "Кредиторская задолженность",
		"Payables ageing":                       "Анализ кредиторской задолженности по срокам",
		"Receivables":                           "Дебиторская задолженность",
		"Receivables ageing":                    "Анализ дебиторской задолженности по срокам",
		"Side":                                  "Вид",
		"buckets: %q are not days separated by commas": "интервалы: %q — не дни через запятую",
		"over %d": "более %d",
		"the side of the ageing is receivable or payable, not %q": "анализ по срокам строится по дебиторской или кредиторской задолженности, а не %q",
	},
	"tk": {
		// review: every line (möhletler boýunça seljerme for ageing, as in messages_ageing.go; jarnama for the VAT return, hümmet for a rate as in messages_rates.go)
		"Add or change a rate":  "Hümmeti goşmak ýa-da üýtgetmek",
		"Exchange rates":        "Walýuta hümmetleri",
		"File":                  "Faýl",
		"Import rates":          "Hümmetleri ýüklemek",
		"Line %d: %s":           "%d-nji setir: %s",
		"line %d: %v":           "%d-nji setir: %v",
		"No rates are entered.": "Hümmetler girizilmedi.",
		"One rate a line: date;currency;rate, e.g. 01.03.2025;EUR;3,80. A bad line is named and nothing is recorded.": "Her setirde bir hümmet: sene;walýuta;hümmet, meselem 01.03.2025;EUR;3,80. Ýalňyş setir görkeziler we hiç zat ýazylmaz.",
		"Rate, %s per unit":  "Hümmet, birlik üçin %s",
		"Rates imported:":    "Ýüklenen hümmetler:",
		"The rate is saved.": "Hümmet ýazyldy.",
		"Where no rate is entered, the Central Bank's official rate applies:": "Hümmet girizilmedik ýerinde Merkezi bankyň resmi hümmeti ulanylýar:",
		"from":                                  "başlap",
		"the period is invalid":                 "döwür nädogry görkezildi",
		"the rate %q is not a positive decimal": "%q hümmeti položitel onluk san däl",
		"Exempt":                                "GBÜS-den boşadylan",
		"Input VAT offset":                      "Hasaba alynýan GBÜS (satyn almalar)",
		"Net amount by VAT rate":                "GBÜS-siz baha, derejeler boýunça",
		"Output VAT on sales":                   "Hasaplanan GBÜS (satuwlar)",
		"Purchases book":                        "Satyn almalar kitaby",
		"Sales book":                            "Satuwlar kitaby",
		"VAT books":                             "Satuw we satyn alyş kitaplary",
		"VAT return for the month":              "Aý üçin GBÜS jarnamasy",
		"Year":                                  "Ýyl",
		"Ageing":                                "Möhletler boýunça seljerme",
		"As of %s":                              "%s senesine",
		"Buckets, days":                         "Aralyklar, gün",
		"Days since the date":                   "Resminama senesinden bäri günler",
		"Nothing is open on this day.":          "Bu senä ýapylmadyk hasaplaşyk ýok.",
		"Payables":                              "Kreditor bergisi",
		"Payables ageing":                       "Kreditor bergisiniň möhletler boýunça seljermesi",
		"Receivables":                           "Debitor bergisi",
		"Receivables ageing":                    "Debitor bergisiniň möhletler boýunça seljermesi",
		"Side":                                  "Görnüşi",
		"buckets: %q are not days separated by commas": "aralyklar: %q otur bilen aýrylan günler däl",
		"over %d": "%d-den köp",
		"the side of the ageing is receivable or payable, not %q": "möhletler boýunça seljerme debitor ýa-da kreditor bergisi boýunça gurulýar, %q däl",
	},
}

func init() {
	for lang, msgs := range taxCatalog {
		for k, v := range msgs {
			catalog[lang][k] = v
		}
	}
}
