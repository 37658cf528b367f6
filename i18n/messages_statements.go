package i18n

// statementsCatalog holds the messages of the financial statements
// (statement/, app/statements.go, their pages); init adds them to catalog.
var statementsCatalog = map[string]map[string]string{
	"ru": {
		"the organisation's template of this statement no longer reads, load it again: %v": "шаблон этого отчёта организации больше не читается, загрузите его снова: %v",
		"no template of %s of its own":                       "нет своего шаблона отчёта %s",
		"%s is already on line %d":                           "%s уже есть в строке %d",
		"a line with an amount needs a code":                 "строке с суммой нужен код",
		"a name is longer than %d bytes or has a line break": "название длиннее %d байт или содержит перевод строки",
		"code %q has a forbidden character":                  "код %q содержит недопустимый символ",
		"code %s is also on line %d":                         "код %s уже есть в строке %d",
		"code longer than %d bytes":                          "код длиннее %d байт",
		"level %q is not a number from 0 to %d":              "уровень %q — не число от 0 до %d",
		"line %s adds itself up":                             "строка %s складывает сама себя",
		"measure %s is not used in this statement":           "показатель %s не используется в этом отчёте",
		"more than %d terms":                                 "больше %d слагаемых",
		"no line %s":                                         "нет строки %s",
		"not CSV":                                            "не CSV",
		"pattern %q: a star may only end it":                 "шаблон %q: звёздочка может быть только в конце",
		"period %q is not a year, a quarter (2026-Q1), a month (2026-03) or two days": "период %q — не год, не квартал (2026-Q1), не месяц (2026-03) и не две даты",
		"period %q is not two days in order":                                          "период %q — не две даты по порядку",
		"shipped template %s/%s: %s":                                                  "поставляемый шаблон %s/%s: %s",
		"statement amount out of range":                                               "сумма отчёта вне допустимого диапазона",
		"template is not UTF-8":                                                       "шаблон не в кодировке UTF-8",
		"template larger than %d bytes":                                               "шаблон больше %d байт",
		"template line %d: %v":                                                        "шаблон, строка %d: %v",
		"term %q is not MEASURE:PATTERN":                                              "слагаемое %q не в виде ПОКАЗАТЕЛЬ:ШАБЛОН",
		"term %q is not CT:DEBIT/CREDIT":                                              "слагаемое %q не в виде CT:ДЕБЕТ/КРЕДИТ",
		"the header must be %s":                                                       "заголовок должен быть %s",
		"the line has no name":                                                        "у строки нет названия",
		"the template has no lines":                                                   "в шаблоне нет строк",
		"the template is empty":                                                       "шаблон пуст",
		"unknown comparison %q":                                                       "неизвестное сравнение %q",
		"unknown measure %q":                                                          "неизвестный показатель %q",
		"unknown statement %q":                                                        "неизвестный отчёт %q",
		"want %d fields, got %d":                                                      "нужно полей: %d, а их %d",
	},
	"tk": {
		"the organisation's template of this statement no longer reads, load it again: %v": "guramanyň bu hasabatynyň şablony indi okalmaýar, ony täzeden ýükläň: %v",
		"no template of %s of its own":                       "%s hasabatynyň öz şablony ýok",
		"%s is already on line %d":                           "%s eýýäm %d-nji setirde bar",
		"a line with an amount needs a code":                 "mukdarly setire kod gerek",
		"a name is longer than %d bytes or has a line break": "at %d baýtdan uzyn ýa-da setir geçişi bar",
		"code %q has a forbidden character":                  "%q kodunda gadagan edilen nyşan bar",
		"code %s is also on line %d":                         "%s kody %d-nji setirde hem bar",
		"code longer than %d bytes":                          "kod %d baýtdan uzyn",
		"level %q is not a number from 0 to %d":              "%q derejesi 0-dan %d-e çenli san däl",
		"line %s adds itself up":                             "%s setiri özüni özüne goşýar", // review
		"measure %s is not used in this statement":           "%s görkeziji bu hasabatda ulanylmaýar",
		"more than %d terms":                                 "%d goşulyjydan köp", // review: goşulyjy for term
		"no line %s":                                         "%s setiri ýok",
		"not CSV":                                            "CSV däl",
		"pattern %q: a star may only end it":                 "%q nusga: ýyldyzjyk diňe ahyrynda bolup biler", // review
		"period %q is not a year, a quarter (2026-Q1), a month (2026-03) or two days": "%q döwri ýyl, çärýek (2026-Q1), aý (2026-03) ýa-da iki sene däl",
		"period %q is not two days in order":                                          "%q döwri tertipli iki sene däl",
		"shipped template %s/%s: %s":                                                  "gowşurylan şablon %s/%s: %s", // review
		"statement amount out of range":                                               "hasabatyň mukdary rugsat berlen aralykdan daşarda",
		"template is not UTF-8":                                                       "şablon UTF-8 däl",
		"template larger than %d bytes":                                               "şablon %d baýtdan uly",
		"template line %d: %v":                                                        "şablon, %d-nji setir: %v",
		"term %q is not MEASURE:PATTERN":                                              "%q goşulyjy GÖRKEZIJI:NUSGA görnüşinde däl", // review
		"term %q is not CT:DEBIT/CREDIT":                                              "%q goşulyjy CT:DEBET/KREDIT görnüşinde däl", // review
		"the header must be %s":                                                       "sözbaşy %s bolmaly",
		"the line has no name":                                                        "setiriň ady ýok",
		"the template has no lines":                                                   "şablonda setir ýok",
		"the template is empty":                                                       "şablon boş",
		"unknown comparison %q":                                                       "näbelli deňeşdirme %q",
		"unknown measure %q":                                                          "näbelli görkeziji %q",
		"unknown statement %q":                                                        "näbelli hasabat %q",
		"want %d fields, got %d":                                                      "%d meýdan gerek, %d bar",
	},
}

func init() {
	for lang, msgs := range statementsCatalog {
		for k, v := range msgs {
			catalog[lang][k] = v
		}
	}
}
