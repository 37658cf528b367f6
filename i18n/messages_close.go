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
		"month %q: want yyyy-mm":                                                            "месяц %q: нужно гггг-мм",
		"the close of %s has no step %q":                                                    "в закрытии %s нет шага %q",
		"the period up to %s is closed: the owner reopens it first":                         "период по %s закрыт: сначала владелец должен его открыть",
		"post the step «%s» first":                                                          "сначала проведите шаг «%s»",
		"unpost the step «%s» first":                                                        "сначала отмените проведение шага «%s»",
		"the step «%s» is posted already":                                                   "шаг «%s» уже проведён",
		"the step «%s» is not posted":                                                       "шаг «%s» не проведён",
		"give the reason for reopening the period":                                          "укажите причину открытия периода",
		"the reason is one line of at most %d bytes":                                        "причина — одна строка не длиннее %d байт",
		"the books are open after %s already":                                               "учёт уже открыт после %s",
		"the balance of account %s is out of range":                                         "сальдо счёта %s вне допустимого диапазона",
		"the year's profit is out of range":                                                 "прибыль года вне допустимого диапазона",
	},
	"tk": {
		"closing documents are made, posted and unposted by the month close":                "ýapyş resminamalary aýy ýapmakda döredilýär, geçirilýär we ýatyrylýar", // review
		"account %s: unknown currency %q":                                                   "%s hasaby: näbelli walýuta %q",
		"the year is closed on 31 December, not on %s":                                      "ýyl 31-nji dekabrda ýapylýar, %s senesinde däl",                          // review
		"close December's income and expenses to %s first":                                  "ilki dekabryň girdejilerini we çykdajylaryny %s hasabyna ýapyň",          // review
		"the profit tax rate %q is not a percentage such as 8%%":                            "girdeji salgydynyň %q derejesi 8%% ýaly göterim däl",                     // review
		"there is nothing to close: the books are closed as this document would close them": "ýapar ýaly zat ýok: hasap bu resminamanyň getirjek ýagdaýynda eýýäm dur", // review
		"month %q: want yyyy-mm":                                                            "aý %q: ýýýý-aa gerek",                                                    // review
		"the close of %s has no step %q":                                                    "%s ýapylyşynda %q ädimi ýok",                                             // review
		"the period up to %s is closed: the owner reopens it first":                         "%s çenli döwür ýapyk: ilki eýesi ony açmaly",                             // review
		"post the step «%s» first":                                                          "ilki «%s» ädimini geçiriň",                                               // review
		"unpost the step «%s» first":                                                        "ilki «%s» ädiminiň geçirilişini ýatyryň",                                 // review
		"the step «%s» is posted already":                                                   "«%s» ädimi eýýäm geçirildi",                                              // review
		"the step «%s» is not posted":                                                       "«%s» ädimi geçirilmedi",                                                  // review
		"give the reason for reopening the period":                                          "döwri açmagyň sebäbini görkeziň",                                         // review
		"the reason is one line of at most %d bytes":                                        "sebäp iň köp %d baýtly bir setir bolmaly",                                // review
		"the books are open after %s already":                                               "hasap %s senesinden soň eýýäm açyk",                                      // review
		"the balance of account %s is out of range":                                         "%s hasabynyň galyndysy rugsat berlen aralykdan daşarda",                  // review
		"the year's profit is out of range":                                                 "ýylyň peýdasy rugsat berlen aralykdan daşarda",                           // review
	},
}

func init() {
	for lang, msgs := range closeCatalog {
		for k, v := range msgs {
			catalog[lang][k] = v
		}
	}
}
