package i18n

// yeartotCatalog holds the messages of the year totals and the account
// months (ledger/years.go: what verify says when they differ from the
// postings); init adds them to catalog.
var yeartotCatalog = map[string]map[string]string{
	"ru": {
		"year totals: %s": "годовые итоги: %s",
		"year totals of %s differ from the postings: stored %s, postings give %s":          "годовые итоги для %s не совпадают с проводками: сохранено %s, по проводкам %s",
		"year totals of %s are missing: postings give %s":                                  "нет годовых итогов для %s: по проводкам %s",
		"account month totals: %s":                                                         "месячные итоги счетов: %s",
		"account month totals of %s differ from the postings: stored %s, postings give %s": "месячные итоги счёта для %s не совпадают с проводками: сохранено %s, по проводкам %s",
		"account month totals of %s are missing: postings give %s":                         "нет месячных итогов счёта для %s: по проводкам %s",
	},
	"tk": {
		"year totals: %s": "ýyllyk jemler: %s",
		"year totals of %s differ from the postings: stored %s, postings give %s":          "%s üçin ýyllyk jemler geçirişlere gabat gelmeýär: saklanany %s, geçirişler boýunça %s",
		"year totals of %s are missing: postings give %s":                                  "%s üçin ýyllyk jemler ýok: geçirişler boýunça %s",
		"account month totals: %s":                                                         "hasaplaryň aýlyk jemleri: %s",
		"account month totals of %s differ from the postings: stored %s, postings give %s": "%s üçin hasabyň aýlyk jemleri geçirişlere gabat gelmeýär: saklanany %s, geçirişler boýunça %s",
		"account month totals of %s are missing: postings give %s":                         "%s üçin hasabyň aýlyk jemleri ýok: geçirişler boýunça %s",
	},
}

func init() {
	for lang, msgs := range yeartotCatalog {
		for k, v := range msgs {
			catalog[lang][k] = v
		}
	}
}
