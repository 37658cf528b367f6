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
		"Month close":                                                                       "Закрытие месяца",
		"to do":                                                                             "не выполнено",
		"nothing to post":                                                                   "проводить нечего",
		"out of date":                                                                       "устарело",
		"The lock date moves back to the date given (empty: no lock date), and the reason goes to the audit log. The closing steps of the reopened months can then be unposted.": "Дата запрета переносится назад на указанную дату (пусто — без даты запрета), причина записывается в журнал аудита. После этого закрывающие документы открытых месяцев можно отменить.",
		"New lock date":            "Новая дата запрета",
		"Reason":                   "Причина",
		"Reopen":                   "Открыть период",
		"The period was reopened.": "Период открыт.",
		"this month is closed":     "месяц закрыт",
		"The steps post in their order and are unposted in the reverse order. When every step is posted, or has nothing to post, the lock date moves to the month's end. The amounts of a step are worked out on the books as they are now, with what the steps before it will post.": "Шаги проводятся по порядку и отменяются в обратном порядке. Когда все шаги проведены или проводить нечего, дата запрета переносится на конец месяца. Суммы шага рассчитаны по учёту в его текущем состоянии с учётом того, что проведут предыдущие шаги.",
		"Postings changed after this step: unpost it and the steps after it, and post them again.": "После этого шага изменились проводки: отмените его и следующие шаги и проведите их снова.",
		"Close the month":                      "Закрыть месяц",
		"It will post":                         "Будет проведено",
		"Reopen the books":                     "Открыть закрытый период",
		"Run now it would post more":           "Если провести сейчас, добавится",
		"Exchange gains":                       "Положительные курсовые разницы",
		"Exchange losses":                      "Отрицательные курсовые разницы",
		"Result of sales":                      "Прибыль / убыток от продаж",
		"Balance of other income and expenses": "Сальдо прочих доходов и расходов",
		"Profit and loss":                      "Прибыли и убытки",
		"Retained earnings":                    "Нераспределённая прибыль",
		"Profit tax expense":                   "Расход по налогу на прибыль",
		"Profit tax payable":                   "Налог на прибыль к уплате",
		"Month and year close":                 "Закрытие месяца и года",
		"to: want a date yyyy-mm-dd":           "to: нужна дата гггг-мм-дд",
		"The document is not posted.":          "Документ не проведён.",
		"Entry %d/%d.":                         "Операция %d/%d.",
		"Period reopened":                      "Период открыт вновь",
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
		"Month close":                                                                       "Aýy ýapmak",                                                              // review
		"to do":                                                                             "ýerine ýetirilmedi",                                                      // review
		"nothing to post":                                                                   "geçirer ýaly zat ýok",                                                    // review
		"out of date":                                                                       "könelişdi",                                                               // review
		"The lock date moves back to the date given (empty: no lock date), and the reason goes to the audit log. The closing steps of the reopened months can then be unposted.": "Gadaganlyk senesi görkezilen sene yza süýşürilýär (boş: gadaganlyk senesi ýok), sebäbi audit žurnalyna ýazylýar. Şondan soň açylan aýlaryň ýapyş ädimlerini ýatyryp bolýar.", // review
		"New lock date":            "Täze gadaganlyk senesi", // review
		"Reason":                   "Sebäp",                  // review
		"Reopen":                   "Döwri açmak",            // review
		"The period was reopened.": "Döwür açyldy.",          // review
		"this month is closed":     "bu aý ýapyk",            // review
		"The steps post in their order and are unposted in the reverse order. When every step is posted, or has nothing to post, the lock date moves to the month's end. The amounts of a step are worked out on the books as they are now, with what the steps before it will post.": "Ädimler tertibi boýunça geçirilýär we ters tertipde ýatyrylýar. Ähli ädimler geçirilende ýa-da geçirer ýaly zat bolmadyk ýagdaýynda gadaganlyk senesi aýyň ahyryna süýşýär. Ädimiň jemleri hasabyň häzirki ýagdaýy we öňki ädimleriň geçirjekleri boýunça hasaplanýar.", // review
		"Postings changed after this step: unpost it and the steps after it, and post them again.": "Bu ädimden soň geçirimler üýtgedi: ony we ondan soňky ädimleri ýatyryň we täzeden geçiriň.", // review
		"Close the month":                      "Aýy ýapmak",                                   // review
		"It will post":                         "Geçiriljek",                                   // review
		"Reopen the books":                     "Ýapyk döwri açmak",                            // review
		"Run now it would post more":           "Häzir geçirilse goşular",                      // review
		"Exchange gains":                       "Walýuta hümmetiniň tapawudyndan peýda",        // review
		"Exchange losses":                      "Walýuta hümmetiniň tapawudyndan zyýan",        // review
		"Result of sales":                      "Satuwlardan peýda/zyýan",                      // review
		"Balance of other income and expenses": "Beýleki girdejileriň we çykdajylaryň saldosy", // review
		"Profit and loss":                      "Peýdalar we zyýanlar",                         // review
		"Retained earnings":                    "Bölünmedik peýda",                             // review
		"Profit tax expense":                   "Girdeji salgydy boýunça çykdajy",              // review
		"Profit tax payable":                   "Tölenmeli girdeji salgydy",                    // review
		"Month and year close":                 "Aýy we ýyly ýapmak",                           // review
		"to: want a date yyyy-mm-dd":           "to: ýýýý-aa-gg görnüşli sene gerek",           // review
		"The document is not posted.":          "Resminama geçirilmedi.",                       // review
		"Entry %d/%d.":                         "Amal %d/%d.",                                  // review
		"Period reopened":                      "Döwür gaýtadan açyldy",                        // review
	},
}

func init() {
	for lang, msgs := range closeCatalog {
		for k, v := range msgs {
			catalog[lang][k] = v
		}
	}
}
