package i18n

// corrCatalog holds the messages of the correspondence totals and reports
// (ledger/corr.go, report/corr*.go, the chessboard and account analysis
// pages); init adds them to catalog.
var corrCatalog = map[string]map[string]string{
	"ru": {
		"turnover of %s × %s out of range": "оборот по корреспонденции %s × %s вне допустимого диапазона",
		"correspondence totals of %s differ from the postings: stored %d, postings give %d (minor units)": "итоги корреспонденции %s не совпадают с проводками: сохранено %d, по проводкам %d (в минимальных единицах)",
		"correspondence totals of %s are missing: postings give %d (minor units)":                         "нет итогов корреспонденции %s: по проводкам %d (в минимальных единицах)",
	},
	"tk": {
		"turnover of %s × %s out of range": "%s × %s gabat gelşiniň dolanyşygy rugsat edilen çäkden çykýar", // review: gabat geliş for correspondence
		"correspondence totals of %s differ from the postings: stored %d, postings give %d (minor units)": "%s gabat gelşiniň jemleri geçirişlere gabat gelmeýär: saklanany %d, geçirişler boýunça %d (iň kiçi birliklerde)", // review
		"correspondence totals of %s are missing: postings give %d (minor units)":                         "%s gabat gelşiniň jemleri ýok: geçirişler boýunça %d (iň kiçi birliklerde)",                                      // review
	},
}

func init() {
	for lang, msgs := range corrCatalog {
		for k, v := range msgs {
			catalog[lang][k] = v
		}
	}
}
