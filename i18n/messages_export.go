package i18n

// exportCatalog holds the messages of the report exports (web/export.go,
// the report sheets' column titles, cmd/hasap report); init adds them to
// catalog.
var exportCatalog = map[string]map[string]string{
	"ru": {
		"The first %d lines only: narrow the period for the rest.":   "Только первые %d строк: сузьте период, чтобы увидеть остальные.",
		"The first %d entries only: narrow the filter for the rest.": "Только первые %d проводок: сузьте отбор, чтобы увидеть остальные.",
		"all dates":           "все даты",
		"Balances":            "Остатки",
		"amount out of range": "сумма вне допустимого диапазона",
		"unknown export format %q (csv, xlsx, pdf)": "неизвестный формат выгрузки %q (csv, xlsx, pdf)",
		"Download:":                          "Скачать:",
		"report %s takes more than %d pages": "отчёт %s занимает больше %d страниц",
		"sheet %s has %d rows, more than %d": "в отчёте %s %d строк, больше %d",
	},
	"tk": {
		"The first %d lines only: narrow the period for the rest.":   "Diňe ilkinji %d setir: galanlary üçin döwri daraldyň.",   // review
		"The first %d entries only: narrow the filter for the rest.": "Diňe ilkinji %d ýazgy: galanlary üçin saýlawy daraldyň.", // review
		"all dates":           "ähli seneler",
		"Balances":            "Galyndylar",
		"amount out of range": "mukdar rugsat berlen aralykdan daşarda",
		"unknown export format %q (csv, xlsx, pdf)": "näbelli göçürme formaty %q (csv, xlsx, pdf)", // review
		"Download:":                          "Göçürip almak:",
		"report %s takes more than %d pages": "%s hasabaty %d sahypadan köp",            // review
		"sheet %s has %d rows, more than %d": "%s hasabatynda %d setir bar, %d-dan köp", // review
	},
}

func init() {
	for lang, msgs := range exportCatalog {
		for k, v := range msgs {
			catalog[lang][k] = v
		}
	}
}
