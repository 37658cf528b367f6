package i18n

// registersCatalog holds the messages of the registers: the trial balance
// expanded by analytics, the general ledger and the analysis by analytic
// (report/expanded.go, report/sheets.go, app/registers.go,
// store/sqldb/analytic_turnover.go, their pages); init adds them to
// catalog.
var registersCatalog = map[string]map[string]string{
	"ru": {
		"Period: %s – %s":             "Период: %s – %s",
		"Amounts in %s":               "Суммы в %s",
		"(not set)":                   "(не указано)",
		"Opening balance in currency": "Сальдо на начало в валюте",
		"Turnover in currency":        "Обороты в валюте",
		"Closing balance in currency": "Сальдо на конец в валюте",
		"Opening quantity":            "Количество на начало",
		"Quantity turnover":           "Обороты в количестве",
		"Closing quantity":            "Количество на конец",
		"more than %d analytic lines: expand fewer accounts":        "больше %d строк аналитики: разверните меньше счетов",
		"the general ledger needs a period: a first and a last day": "для главной книги нужен период: первый и последний день",
		"a general ledger of more than %d months":                   "главная книга больше чем за %d месяцев",
		"more than %d accounts":                                     "больше %d счетов",
		"trial balance out of range":                                "оборотно-сальдовая ведомость вне допустимого диапазона",
		"balance out of range":                                      "сальдо вне допустимого диапазона",
		"currency amount out of range":                              "сумма в валюте вне допустимого диапазона",
	},
	"tk": {
		"Period: %s – %s":             "Döwür: %s – %s",
		"Amounts in %s":               "Möçberler %s-da", // review: case ending
		"(not set)":                   "(görkezilmedik)",
		"Opening balance in currency": "Walýutadaky başlangyç galyndy",
		"Turnover in currency":        "Walýutadaky dolanyşyk",
		"Closing balance in currency": "Walýutadaky ahyrky galyndy",
		"Opening quantity":            "Başlangyç mukdar",
		"Quantity turnover":           "Mukdar boýunça dolanyşyk", // review
		"Closing quantity":            "Ahyrky mukdar",
		"more than %d analytic lines: expand fewer accounts":        "%d-dan köp analitika setiri: az hasaplary açyň",   // review
		"the general ledger needs a period: a first and a last day": "baş kitap üçin döwür gerek: ilkinji we soňky gün", // review: baş kitap
		"a general ledger of more than %d months":                   "%d aýdan köp döwür üçin baş kitap",                // review
		"more than %d accounts":                                     "%d-dan köp hasap",
		"trial balance out of range":                                "dolanyşyk-galyndy cedweli rugsat berlen aralykdan daşarda", // review
		"balance out of range":                                      "galyndy rugsat berlen aralykdan daşarda",
		"currency amount out of range":                              "walýutadaky möçber rugsat berlen aralykdan daşarda",
	},
}

func init() {
	for lang, msgs := range registersCatalog {
		for k, v := range msgs {
			catalog[lang][k] = v
		}
	}
}
