package i18n

// ageingCatalog holds the messages of receivables and payables ageing
// (settle/age.go, app/ageing.go); init adds them to catalog.
var ageingCatalog = map[string]map[string]string{
	"ru": {
		"the side of the ageing is customers or suppliers, not %q": "анализ по срокам строится по покупателям или поставщикам, а не %q",
		"the ageing needs a date":                                  "для анализа по срокам нужна дата",
		"ageings of different buckets":                             "анализы по срокам с разными интервалами",
		"an ageing has 2 to %d buckets":                            "в анализе по срокам от 2 до %d интервалов",
		"the limits of the ageing's buckets must grow from 0: %v":  "границы интервалов анализа по срокам должны возрастать от 0: %v",
	},
	"tk": {
		// review: every line (möhletler boýunça seljerme for ageing)
		"the side of the ageing is customers or suppliers, not %q": "möhletler boýunça seljerme alyjylar ýa-da üpjün edijiler boýunça gurulýar, %q däl",
		"the ageing needs a date":                                  "möhletler boýunça seljerme üçin sene gerek",
		"ageings of different buckets":                             "dürli aralykly möhlet seljermeleri",
		"an ageing has 2 to %d buckets":                            "möhlet seljermesinde 2-den %d-e çenli aralyk bolýar",
		"the limits of the ageing's buckets must grow from 0: %v":  "möhlet aralyklarynyň çäkleri 0-dan başlap artmaly: %v",
	},
}

func init() {
	for lang, msgs := range ageingCatalog {
		for k, v := range msgs {
			catalog[lang][k] = v
		}
	}
}
