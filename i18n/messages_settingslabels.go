package i18n

// settingsLabelsCatalog names the advance accounts of the posting settings
// on the settings page (web/settings.go accountLabels); init adds them to
// catalog.
var settingsLabelsCatalog = map[string]map[string]string{
	"ru": {
		"Advances received in foreign currency": "Авансы полученные в валюте",
		"VAT on advances received":              "НДС с авансов полученных",
		"Advances paid in foreign currency":     "Авансы выданные в валюте",
	},
	"tk": {
		// review: every line
		"Advances received in foreign currency": "Daşary ýurt walýutasynda alnan awanslar",
		"VAT on advances received":              "Alnan awanslardan GBÜS",
		"Advances paid in foreign currency":     "Daşary ýurt walýutasynda berlen awanslar",
	},
}

func init() {
	for lang, msgs := range settingsLabelsCatalog {
		for k, v := range msgs {
			catalog[lang][k] = v
		}
	}
}
