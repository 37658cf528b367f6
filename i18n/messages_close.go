package i18n

// closeCatalog holds the messages of the month and year close
// (doc/close.go, app/close.go, web/close.go); init adds them to catalog.
var closeCatalog = map[string]map[string]string{
	"ru": {
		"closing documents are made, posted and unposted by the month close":                "закрывающие документы создаются, проводятся и отменяются при закрытии месяца",
		"account %s: unknown currency %q":                                                   "счёт %s: неизвестная валюта %q",
		"the year is closed on 31 December, not on %s":                                      "год закрывается 31 декабря, а не %s",
		"close December's income and expenses to %s first":                                  "сначала закройте доходы и расходы декабря на счёт %s",
		"the profit tax rate %q is not a percentage such as 8%%":                            "ставка налога на прибыль %q — не процент вида 8%%",
		"there is nothing to close: the books are closed as this document would close them": "закрывать нечего: учёт уже в том состоянии, в какое его привёл бы этот документ",
	},
	"tk": {
		"closing documents are made, posted and unposted by the month close":                "ýapyş resminamalary aýy ýapmakda döredilýär, geçirilýär we ýatyrylýar", // review
		"account %s: unknown currency %q":                                                   "%s hasaby: näbelli walýuta %q",
		"the year is closed on 31 December, not on %s":                                      "ýyl 31-nji dekabrda ýapylýar, %s senesinde däl",                          // review
		"close December's income and expenses to %s first":                                  "ilki dekabryň girdejilerini we çykdajylaryny %s hasabyna ýapyň",          // review
		"the profit tax rate %q is not a percentage such as 8%%":                            "girdeji salgydynyň %q derejesi 8%% ýaly göterim däl",                     // review
		"there is nothing to close: the books are closed as this document would close them": "ýapar ýaly zat ýok: hasap bu resminamanyň getirjek ýagdaýynda eýýäm dur", // review
	},
}

func init() {
	for lang, msgs := range closeCatalog {
		for k, v := range msgs {
			catalog[lang][k] = v
		}
	}
}
