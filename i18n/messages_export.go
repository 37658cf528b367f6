package i18n

// exportCatalog holds the messages of the report exports (web/export.go,
// the report sheets' column titles, cmd/hasap report); init adds them to
// catalog.
var exportCatalog = map[string]map[string]string{
	"ru": {
		"Download:":                          "Скачать:",
		"report %s takes more than %d pages": "отчёт %s занимает больше %d страниц",
		"sheet %s has %d rows, more than %d": "в отчёте %s %d строк, больше %d",
	},
	"tk": {
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
