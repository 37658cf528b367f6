package i18n

// closesetCatalog holds the messages of the closing choices of the
// organisation's settings (app/settings.go, web/settings.go); init adds
// them to catalog.
var closesetCatalog = map[string]map[string]string{
	"ru": {
		"the profit tax rate is longer than %d characters":                                             "ставка налога на прибыль длиннее %d символов",
		"the profit tax rate %q is not a number: write the percentage as a decimal such as 8 or 8.5":   "ставка налога на прибыль %q — не число: укажите процент десятичным числом, например 8 или 8,5",
		"the profit tax rate %s %% is negative":                                                        "ставка налога на прибыль %s %% отрицательная",
		"the profit tax rate %s %% has more than two decimal places":                                   "у ставки налога на прибыль %s %% больше двух знаков после запятой",
		"the profit tax rate %s %% is over 100 %%":                                                     "ставка налога на прибыль %s %% больше 100 %%",
		"Profit tax rate, percent":                                                                     "Ставка налога на прибыль, в процентах",
		"a decimal such as 8 or 8.5":                                                                   "десятичное число, например 8 или 8,5",
		"Accounts not revalued":                                                                        "Счета без переоценки",
		"advances in a currency stay at the rate of the day they were paid; codes separated by commas": "авансы в валюте остаются по курсу на день оплаты; коды через запятую",
	},
	"tk": {
		"the profit tax rate is longer than %d characters":                                             "girdeji salgydynyň derejesi %d belgiden uzyn",                                            // review
		"the profit tax rate %q is not a number: write the percentage as a decimal such as 8 or 8.5":   "girdeji salgydynyň %q derejesi san däl: göterimi 8 ýa-da 8,5 ýaly onluk san bilen ýazyň", // review
		"the profit tax rate %s %% is negative":                                                        "girdeji salgydynyň %s %% derejesi otrisatel",                                             // review
		"the profit tax rate %s %% has more than two decimal places":                                   "girdeji salgydynyň %s %% derejesinde otudan soň ikiden köp san bar",                      // review
		"the profit tax rate %s %% is over 100 %%":                                                     "girdeji salgydynyň %s %% derejesi 100 %%-den köp",                                        // review
		"Profit tax rate, percent":                                                                     "Girdeji salgydynyň derejesi, göterimde",                                                  // review
		"a decimal such as 8 or 8.5":                                                                   "8 ýa-da 8,5 ýaly onluk san",                                                              // review
		"Accounts not revalued":                                                                        "Gaýtadan bahalandyrylmaýan hasaplar",                                                     // review
		"advances in a currency stay at the rate of the day they were paid; codes separated by commas": "walýutadaky awanslar tölenen gününiň hümmeti boýunça galýar; kodlar otur bilen aýrylýar", // review
	},
}

func init() {
	for lang, msgs := range closesetCatalog {
		for k, v := range msgs {
			catalog[lang][k] = v
		}
	}
}
