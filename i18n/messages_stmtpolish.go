package i18n

// stmtpolishCatalog holds the messages of the financial statements'
// comparison columns and the movements of the changes in equity
// (statement/, web/statements.go); init adds them to catalog.
var stmtpolishCatalog = map[string]map[string]string{
	"ru": {
		"Change, %": "Изменение, %",
	},
	"tk": {
		"Change, %": "Üýtgeme, %", // review
	},
}

func init() {
	for lang, msgs := range stmtpolishCatalog {
		for k, v := range msgs {
			catalog[lang][k] = v
		}
	}
}
