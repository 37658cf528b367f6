package i18n

// stmtpolishCatalog holds the messages of the financial statements'
// comparison columns and the movements of the changes in equity
// (statement/, web/statements.go); init adds them to catalog.
var stmtpolishCatalog = map[string]map[string]string{
	"ru": {
		"Change, %":                            "Изменение, %",
		"Other changes":                        "Прочие изменения",
		"a movement line has only MV terms":    "в строке вида движения только слагаемые MV",
		"term %q is not MV:ACCOUNT/COUNTER":    "слагаемое %q не в виде MV:СЧЁТ/КОРР_СЧЁТ",
		"line %s is a movement, not an amount": "строка %s — вид движения, а не сумма",
	},
	"tk": {
		"Change, %":                            "Üýtgeme, %",                                             // review
		"Other changes":                        "Beýleki üýtgeşmeler",                                    // review
		"a movement line has only MV terms":    "hereketiň görnüşi setirinde diňe MV goşulyjylar bolýar", // review
		"term %q is not MV:ACCOUNT/COUNTER":    "%q goşulyjy MV:HASAP/GARŞY_HASAP görnüşinde däl",        // review
		"line %s is a movement, not an amount": "%s setir hereketiň görnüşi, jem däl",                    // review
	},
}

func init() {
	for lang, msgs := range stmtpolishCatalog {
		for k, v := range msgs {
			catalog[lang][k] = v
		}
	}
}
