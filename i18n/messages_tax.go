package i18n

// taxCatalog holds the messages of the registers of issue 5 whose pages
// the tax branch made: the ageing's page, the VAT books, the exchange
// rates' page and the home page's charts (app/sheets, web); init adds
// them to catalog.
var taxCatalog = map[string]map[string]string{
	"ru": {
		"Exempt":                       "Без НДС (освобождено)",
		"Input VAT offset":             "НДС к зачёту (покупки)",
		"Net amount by VAT rate":       "Стоимость без НДС по ставкам",
		"Output VAT on sales":          "НДС начисленный (продажи)",
		"Purchases book":               "Книга покупок",
		"Sales book":                   "Книга продаж",
		"VAT books":                    "Книги покупок и продаж",
		"VAT return for the month":     "Декларация по НДС за месяц",
		"Year":                         "Год",
		"Ageing":                       "Анализ по срокам",
		"As of %s":                     "На %s",
		"Buckets, days":                "Интервалы, дни",
		"Days since the date":          "Дней с даты документа",
		"Nothing is open on this day.": "На эту дату незакрытых расчётов нет.",
		"Payables":                     "Кредиторская задолженность",
		"Payables ageing":              "Анализ кредиторской задолженности по срокам",
		"Receivables":                  "Дебиторская задолженность",
		"Receivables ageing":           "Анализ дебиторской задолженности по срокам",
		"Side":                         "Вид",
		"buckets: %q are not days separated by commas": "интервалы: %q — не дни через запятую",
		"over %d": "более %d",
		"the side of the ageing is receivable or payable, not %q": "анализ по срокам строится по дебиторской или кредиторской задолженности, а не %q",
	},
	"tk": {
		// review: every line (möhletler boýunça seljerme for ageing, as in messages_ageing.go; jarnama for the VAT return)
		"Exempt":                       "GBÜS-den boşadylan",
		"Input VAT offset":             "Hasaba alynýan GBÜS (satyn almalar)",
		"Net amount by VAT rate":       "GBÜS-siz baha, derejeler boýunça",
		"Output VAT on sales":          "Hasaplanan GBÜS (satuwlar)",
		"Purchases book":               "Satyn almalar kitaby",
		"Sales book":                   "Satuwlar kitaby",
		"VAT books":                    "Satuw we satyn alyş kitaplary",
		"VAT return for the month":     "Aý üçin GBÜS jarnamasy",
		"Year":                         "Ýyl",
		"Ageing":                       "Möhletler boýunça seljerme",
		"As of %s":                     "%s senesine",
		"Buckets, days":                "Aralyklar, gün",
		"Days since the date":          "Resminama senesinden bäri günler",
		"Nothing is open on this day.": "Bu senä ýapylmadyk hasaplaşyk ýok.",
		"Payables":                     "Kreditor bergisi",
		"Payables ageing":              "Kreditor bergisiniň möhletler boýunça seljermesi",
		"Receivables":                  "Debitor bergisi",
		"Receivables ageing":           "Debitor bergisiniň möhletler boýunça seljermesi",
		"Side":                         "Görnüşi",
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
