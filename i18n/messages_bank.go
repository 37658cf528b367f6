package i18n

// bankCatalog holds the messages of bank statement import, review and
// confirmation (app/bank*.go, store/sqldb/bank.go, web/bank*.go), kept
// apart from catalog so that they are found together; init adds them to
// catalog. Words: ru «выписка» a bank statement, «сопоставление» matching,
// «сверка» reconciliation; tk «göçürme» a statement, «deňeşdirme»
// reconciliation (review), «laýyklyk» a match (review).
var bankCatalog = map[string]map[string]string{
	"ru": {
		"a bank account of at most %d bytes and a counterparty are needed":           "нужны банковский счёт длиной не более %d байт и контрагент",
		"a mapping named %q exists already":                                          "настройка с именем %q уже есть",
		"a mapping needs a name of at most %d bytes":                                 "у настройки должно быть имя длиной не более %d байт",
		"a statement names the hash of its file and its place in it":                 "у выписки должны быть хеш её файла и её место в нём",
		"a statement needs the currency of its account":                              "у выписки должна быть валюта её счёта",
		"a statement needs the first and the last day it covers":                     "у выписки должны быть первый и последний день, которые она охватывает",
		"choose the mapping of the bank's CSV export":                                "выберите настройку CSV-выгрузки банка",
		"line %d is given twice":                                                     "строка %d указана дважды",
		"line %d of statement %d made document %d already":                           "по строке %d выписки %d уже создан документ %d",
		"line %d: contract %s is not one of that counterparty's":                     "строка %d: договор %s заключён не с этим контрагентом",
		"line %d: document %d is not an open invoice":                                "строка %d: документ %d не является неоплаченным счётом",
		"line %d: invoice %s is another counterparty's":                              "строка %d: счёт %s выставлен другому контрагенту",
		"line %d: invoice %s is in %s, not in the statement's currency":              "строка %d: счёт %s в валюте %s, а не в валюте выписки",
		"line %d: its date %s is in a closed period (the books are closed up to %s)": "строка %d: её дата %s в закрытом периоде (учёт закрыт по %s)",
		"line %d: the amount is out of range":                                        "строка %d: сумма выходит за допустимый диапазон",
		"line %d: there is no contract with the code %q":                             "строка %d: нет договора с кодом %q",
		"line %d: there is no counterparty with the code %q":                         "строка %d: нет контрагента с кодом %q",
		"mapping %d does not exist":                                                  "настройки %d не существует",
		"mapping %d was changed by someone else meanwhile; open it again":            "настройку %d тем временем изменил кто-то другой; откройте её заново",
		"mapping %d: its stored body does not read: %v":                              "настройка %d: сохранённое содержимое не читается: %v",
		"statement %d does not exist":                                                "выписки %d не существует",
		"statement %d has no line %d":                                                "в выписке %d нет строки %d",
		"statement %d: its stored lines do not read: %v":                             "выписка %d: сохранённые строки не читаются: %v",
		"statement %d: unknown currency %q":                                          "выписка %d: неизвестная валюта %q",
		"statement %s does not say its currency":                                     "в выписке %s не указана валюта",
		"statement %s has more than %d lines":                                        "в выписке %s больше %d строк",
		"statement %s has neither lines nor dated balances":                          "в выписке %s нет ни строк, ни остатков с датой",
		"the balances of account %s are out of range":                                "остатки счёта %s выходят за допустимый диапазон",
		"the file holds no statement":                                                "в файле нет ни одной выписки",
		"the file is empty":                                                          "файл пуст",
		"the mapping is larger than %d bytes":                                        "настройка больше %d байт",
		"the mapping needs a name, such as the bank's":                               "дайте настройке имя, например название банка",
		"the payments of document %d are out of range":                               "оплаты документа %d выходят за допустимый диапазон",
		"the statement is larger than %d bytes":                                      "выписка больше %d байт",
		"there is no cash-flow item with the code %q":                                "нет статьи движения денежных средств с кодом %q",
		"this file was imported already on %s, as statement %d":                      "этот файл уже загружен %s, это выписка %d",
		"this statement file was imported already":                                   "этот файл выписки уже загружен",
		"unknown statement format %q":                                                "неизвестный формат выписки %q",
		"unknown statement format %q: choose mt940, camt053 or csv":                  "неизвестный формат выписки %q: выберите mt940, camt053 или csv",
	},
	"tk": {
		"a bank account of at most %d bytes and a counterparty are needed":           "iň köp %d baýtly bank hasaby we kontragent gerek",
		"a mapping named %q exists already":                                          "%q atly sazlama eýýäm bar", // review: sazlama for a CSV mapping
		"a mapping needs a name of at most %d bytes":                                 "sazlamanyň iň köp %d baýtly ady bolmaly",
		"a statement names the hash of its file and its place in it":                 "göçürmede faýlynyň heşi we onuň faýldaky orny bolmaly",
		"a statement needs the currency of its account":                              "göçürmede hasabynyň walýutasy bolmaly",
		"a statement needs the first and the last day it covers":                     "göçürmede onuň öz içine alýan ilkinji we soňky güni bolmaly",
		"choose the mapping of the bank's CSV export":                                "bankyň CSV faýlynyň sazlamasyny saýlaň",
		"line %d is given twice":                                                     "setir %d iki gezek görkezildi",
		"line %d of statement %d made document %d already":                           "setir %d (göçürme %d) boýunça eýýäm resminama %d düzüldi",
		"line %d: contract %s is not one of that counterparty's":                     "setir %d: %s şertnamasy bu kontragent bilen däl",
		"line %d: document %d is not an open invoice":                                "setir %d: resminama %d tölenmedik hasap-faktura däl",
		"line %d: invoice %s is another counterparty's":                              "setir %d: %s hasap-fakturasy başga kontragente degişli",
		"line %d: invoice %s is in %s, not in the statement's currency":              "setir %d: %s hasap-fakturasy %s walýutasynda, göçürmäniň walýutasynda däl",
		"line %d: its date %s is in a closed period (the books are closed up to %s)": "setir %d: senesi %s ýapyk döwürde (hasaba alyş %s çenli ýapyk)",
		"line %d: the amount is out of range":                                        "setir %d: möçber rugsat edilen çäkden çykýar",
		"line %d: there is no contract with the code %q":                             "setir %d: %q kodly şertnama ýok",
		"line %d: there is no counterparty with the code %q":                         "setir %d: %q kodly kontragent ýok",
		"mapping %d does not exist":                                                  "sazlama %d ýok",
		"mapping %d was changed by someone else meanwhile; open it again":            "sazlama %d şol arada başga biri tarapyndan üýtgedildi; ony täzeden açyň",
		"mapping %d: its stored body does not read: %v":                              "sazlama %d: saklanan mazmuny okalmaýar: %v",
		"statement %d does not exist":                                                "göçürme %d ýok",
		"statement %d has no line %d":                                                "göçürme %d içinde setir %d ýok",
		"statement %d: its stored lines do not read: %v":                             "göçürme %d: saklanan setirleri okalmaýar: %v",
		"statement %d: unknown currency %q":                                          "göçürme %d: näbelli walýuta %q",
		"statement %s does not say its currency":                                     "%s göçürmesinde walýuta görkezilmändir",
		"statement %s has more than %d lines":                                        "%s göçürmesinde %d setirden köp",
		"statement %s has neither lines nor dated balances":                          "%s göçürmesinde ne setir, ne-de seneli galyndy bar",
		"the balances of account %s are out of range":                                "%s hasabynyň galyndylary rugsat edilen çäkden çykýar",
		"the file holds no statement":                                                "faýlda göçürme ýok",
		"the file is empty":                                                          "faýl boş",
		"the mapping is larger than %d bytes":                                        "sazlama %d baýtdan uly",
		"the mapping needs a name, such as the bank's":                               "sazlama at beriň, meselem bankyň adyny",
		"the payments of document %d are out of range":                               "resminama %d boýunça tölegler rugsat edilen çäkden çykýar",
		"the statement is larger than %d bytes":                                      "göçürme %d baýtdan uly",
		"there is no cash-flow item with the code %q":                                "%q kodly pul hereketiniň maddasy ýok", // review: pul hereketiniň maddasy for статья ДДС
		"this file was imported already on %s, as statement %d":                      "bu faýl eýýäm %s senesinde ýüklendi, ol göçürme %d",
		"this statement file was imported already":                                   "bu göçürme faýly eýýäm ýüklendi",
		"unknown statement format %q":                                                "näbelli göçürme formaty %q",
		"unknown statement format %q: choose mt940, camt053 or csv":                  "näbelli göçürme formaty %q: mt940, camt053 ýa-da csv saýlaň",
	},
}

func init() {
	for lang, msgs := range bankCatalog {
		for k, v := range msgs {
			catalog[lang][k] = v
		}
	}
}
