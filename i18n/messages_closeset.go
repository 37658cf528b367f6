package i18n

// closesetCatalog holds the messages of the closing choices of the
// organisation's settings (app/settings.go, web/settings.go) and of what a
// revaluation revalued (app/close_revaluation.go, web/document_revaluation.go,
// web/document_print_close.go); init adds them to catalog.
var closesetCatalog = map[string]map[string]string{
	"ru": {
		"the profit tax rate is longer than %d characters":                                              "ставка налога на прибыль длиннее %d символов",
		"the profit tax rate %q is not a number: write the percentage as a decimal such as 8 or 8.5":    "ставка налога на прибыль %q — не число: укажите процент десятичным числом, например 8 или 8,5",
		"the profit tax rate %s %% is negative":                                                         "ставка налога на прибыль %s %% отрицательная",
		"the profit tax rate %s %% has more than two decimal places":                                    "у ставки налога на прибыль %s %% больше двух знаков после запятой",
		"the profit tax rate %s %% is over 100 %%":                                                      "ставка налога на прибыль %s %% больше 100 %%",
		"Profit tax rate, percent":                                                                      "Ставка налога на прибыль, в процентах",
		"a decimal such as 8 or 8.5":                                                                    "десятичное число, например 8 или 8,5",
		"Accounts not revalued":                                                                         "Счета без переоценки",
		"advances in a currency stay at the rate of the day they were paid; codes separated by commas":  "авансы в валюте остаются по курсу на день оплаты; коды через запятую",
		"At the period-end rate":                                                                        "По курсу на конец периода",
		"Balance in the currency":                                                                       "Остаток в валюте",
		"Balance in the currency × rate at the period's end − book value before = exchange difference.": "Остаток в валюте × курс на конец периода − балансовая стоимость до переоценки = курсовая разница.",
		"Balances revalued":                                                                             "Переоценённые остатки",
		"Book value before":                                                                             "Балансовая стоимость до переоценки",
		"Exchange difference":                                                                           "Курсовая разница",
		"Rate at the end of the month before":                                                           "Курс на конец предыдущего месяца",
		"Rate at the period's end":                                                                      "Курс на конец периода",
		"Rate of %s at the end of the month before":                                                     "Курс %s на конец предыдущего месяца",
		"Rate of %s at the period's end":                                                                "Курс %s на конец периода",
		"document %d is not a currency revaluation":                                                     "документ %d — не переоценка валюты",
	},
	"tk": {
		"the profit tax rate is longer than %d characters":                                              "girdeji salgydynyň derejesi %d belgiden uzyn",                                                                    // review
		"the profit tax rate %q is not a number: write the percentage as a decimal such as 8 or 8.5":    "girdeji salgydynyň %q derejesi san däl: göterimi 8 ýa-da 8,5 ýaly onluk san bilen ýazyň",                         // review
		"the profit tax rate %s %% is negative":                                                         "girdeji salgydynyň %s %% derejesi otrisatel",                                                                     // review
		"the profit tax rate %s %% has more than two decimal places":                                    "girdeji salgydynyň %s %% derejesinde otudan soň ikiden köp san bar",                                              // review
		"the profit tax rate %s %% is over 100 %%":                                                      "girdeji salgydynyň %s %% derejesi 100 %%-den köp",                                                                // review
		"Profit tax rate, percent":                                                                      "Girdeji salgydynyň derejesi, göterimde",                                                                          // review
		"a decimal such as 8 or 8.5":                                                                    "8 ýa-da 8,5 ýaly onluk san",                                                                                      // review
		"Accounts not revalued":                                                                         "Gaýtadan bahalandyrylmaýan hasaplar",                                                                             // review
		"advances in a currency stay at the rate of the day they were paid; codes separated by commas":  "walýutadaky awanslar tölenen gününiň hümmeti boýunça galýar; kodlar otur bilen aýrylýar",                         // review
		"At the period-end rate":                                                                        "Döwrüň ahyryndaky hümmet boýunça",                                                                                // review
		"Balance in the currency":                                                                       "Walýutadaky galyndy",                                                                                             // review
		"Balance in the currency × rate at the period's end − book value before = exchange difference.": "Walýutadaky galyndy × döwrüň ahyryndaky hümmet − gaýtadan bahalandyrmadan öňki balans bahasy = hümmet tapawudy.", // review
		"Balances revalued":                                                                             "Gaýtadan bahalandyrylan galyndylar",                                                                              // review
		"Book value before":                                                                             "Gaýtadan bahalandyrmadan öňki balans bahasy",                                                                     // review
		"Exchange difference":                                                                           "Hümmet tapawudy",                                                                                                 // review
		"Rate at the end of the month before":                                                           "Öňki aýyň ahyryndaky hümmet",                                                                                     // review
		"Rate at the period's end":                                                                      "Döwrüň ahyryndaky hümmet",                                                                                        // review
		"Rate of %s at the end of the month before":                                                     "%s walýutasynyň öňki aýyň ahyryndaky hümmeti",                                                                    // review
		"Rate of %s at the period's end":                                                                "%s walýutasynyň döwrüň ahyryndaky hümmeti",                                                                       // review
		"document %d is not a currency revaluation":                                                     "%d resminama walýutany gaýtadan bahalandyrma däl",                                                                // review
	},
}

func init() {
	for lang, msgs := range closesetCatalog {
		for k, v := range msgs {
			catalog[lang][k] = v
		}
	}
}
