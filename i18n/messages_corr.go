package i18n

// corrCatalog holds the messages of the correspondence totals and reports
// (ledger/corr.go, report/corr*.go, the chessboard and account analysis
// pages); init adds them to catalog.
var corrCatalog = map[string]map[string]string{
	"ru": {
		"turnover of %s × %s out of range": "оборот по корреспонденции %s × %s вне допустимого диапазона",
		"correspondence totals of %s differ from the postings: stored %d, postings give %d (minor units)": "итоги корреспонденции %s не совпадают с проводками: сохранено %d, по проводкам %d (в минимальных единицах)",
		"correspondence totals of %s are missing: postings give %d (minor units)":                         "нет итогов корреспонденции %s: по проводкам %d (в минимальных единицах)",
		"chessboard total out of range":   "итог шахматки вне допустимого диапазона",
		"level %q: want synthetic or sub": "уровень %q: нужно synthetic или sub",
		"By sub-accounts":                 "По субсчетам",
		"By synthetic accounts":           "По синтетическим счетам",
		"Chessboard":                      "Шахматка",
		"Dt \\ Kt":                        "Дт \\ Кт",
		"Analysis of account %s":          "Анализ счёта %s",
		"Correspondent":                   "Корр. счёт",
		"The whole period":                "За весь период",
		"a card narrowed to a correspondent cannot be narrowed to an analytic too": "карточку, отобранную по корр. счёту, нельзя отобрать ещё и по аналитике",
		"an analysis by month needs a period with a start and an end":              "для анализа по месяцам нужен период с началом и концом",
		"an analysis by month of more than %d months":                              "анализ по месяцам больше чем за %d месяцев",
		"Off-balance, no correspondent":                                            "Забалансовый, без корреспонденции",
		"Correspondents":                                                           "Корр. счета",
		"Net turnover":                                                             "Сальдо оборотов",
		"Nothing was posted in the period.":                                        "За период ничего не проведено.",
		"Rows are debited accounts, columns credited accounts; each amount opens the postings behind it.": "Строки — счета по дебету, столбцы — счета по кредиту; каждая сумма открывает проводки за ней.",
		"Account analysis":               "Анализ счёта",
		"Accounts":                       "Счета",
		"By month":                       "По месяцам",
		"by_month must be true or false": "by_month должен быть true или false",
		"Turnover of the period between every debited and credited account, by synthetic accounts or sub-accounts; each account's analysis by its correspondents.": "Обороты периода между каждым дебетуемым и кредитуемым счётом, по синтетическим счетам или субсчетам; анализ каждого счёта по корреспондирующим счетам.",
	},
	"tk": {
		"turnover of %s × %s out of range": "%s × %s gabat gelşiniň dolanyşygy rugsat edilen çäkden çykýar", // review: gabat geliş for correspondence
		"correspondence totals of %s differ from the postings: stored %d, postings give %d (minor units)": "%s gabat gelşiniň jemleri geçirişlere gabat gelmeýär: saklanany %d, geçirişler boýunça %d (iň kiçi birliklerde)", // review
		"correspondence totals of %s are missing: postings give %d (minor units)":                         "%s gabat gelşiniň jemleri ýok: geçirişler boýunça %d (iň kiçi birliklerde)",                                      // review
		"chessboard total out of range":   "şahmat tablisasynyň jemi rugsat edilen çäkden çykýar", // review: şahmat tablisasy for шахматка
		"level %q: want synthetic or sub": "dereje %q: synthetic ýa-da sub gerek",
		"By sub-accounts":                 "Subhasaplar boýunça",
		"By synthetic accounts":           "Sintetik hasaplar boýunça",
		"Chessboard":                      "Şahmat tablisasy", // review
		"Dt \\ Kt":                        "Dt \\ Kt",
		"Analysis of account %s":          "%s hasabynyň seljermesi",
		"Correspondent":                   "Gabat gelýän hasap", // review: корр. счёт
		"The whole period":                "Tutuş döwür üçin",
		"a card narrowed to a correspondent cannot be narrowed to an analytic too": "gabat gelýän hasap boýunça saýlanan kartoçkany analitika boýunça hem saýlap bolmaýar", // review
		"an analysis by month needs a period with a start and an end":              "aýlar boýunça seljerme üçin başy we ahyry bolan döwür gerek",
		"an analysis by month of more than %d months":                              "%d aýdan köp aýlar boýunça seljerme",
		"Off-balance, no correspondent":                                            "Balansdan daşary, gabat gelýän hasapsyz", // review
		"Correspondents":                                                           "Gabat gelýän hasaplar",                   // review
		"Net turnover":                                                             "Dolanyşygyň galyndysy",                   // review: сальдо оборотов
		"Nothing was posted in the period.":                                        "Döwürde hiç zat geçirilmedi.",
		"Rows are debited accounts, columns credited accounts; each amount opens the postings behind it.": "Setirler debet hasaplary, sütünler kredit hasaplary; her mukdar onuň aňyrsyndaky geçirişleri açýar.", // review
		"Account analysis":               "Hasabyň seljermesi",
		"Accounts":                       "Hasaplar",
		"By month":                       "Aýlar boýunça",
		"by_month must be true or false": "by_month true ýa-da false bolmaly",
		"Turnover of the period between every debited and credited account, by synthetic accounts or sub-accounts; each account's analysis by its correspondents.": "Döwrüň her debetlenen we kreditlenen hasaplaryň arasyndaky dolanyşygy, sintetik hasaplar ýa-da subhasaplar boýunça; her hasabyň gabat gelýän hasaplary boýunça seljermesi.", // review
	},
}

func init() {
	for lang, msgs := range corrCatalog {
		for k, v := range msgs {
			catalog[lang][k] = v
		}
	}
}
