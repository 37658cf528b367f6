package i18n

// registersCatalog holds the messages of the registers: the trial balance
// expanded by analytics, the general ledger and the analysis by analytic
// (report/expanded.go, report/sheets.go, app/registers.go,
// store/sqldb/analytic_turnover.go, their pages); init adds them to
// catalog.
var registersCatalog = map[string]map[string]string{
	"ru": {
		"Period: %s – %s":             "Период: %s – %s",
		"Amounts in %s":               "Суммы в %s",
		"(not set)":                   "(не указано)",
		"Opening balance in currency": "Сальдо на начало в валюте",
		"Turnover in currency":        "Обороты в валюте",
		"Closing balance in currency": "Сальдо на конец в валюте",
		"Opening quantity":            "Количество на начало",
		"Quantity turnover":           "Обороты в количестве",
		"Closing quantity":            "Количество на конец",
		"more than %d analytic lines: expand fewer accounts":        "больше %d строк аналитики: разверните меньше счетов",
		"the general ledger needs a period: a first and a last day": "для главной книги нужен период: первый и последний день",
		"a general ledger of more than %d months":                   "главная книга больше чем за %d месяцев",
		"more than %d accounts":                                     "больше %d счетов",
		"trial balance out of range":                                "оборотно-сальдовая ведомость вне допустимого диапазона",
		"balance out of range":                                      "сальдо вне допустимого диапазона",
		"currency amount out of range":                              "сумма в валюте вне допустимого диапазона",
		"Analysis by analytic":                                      "Анализ субконто",
		"Reports":                                                   "Отчёты",
		"General ledger":                                            "Главная книга",
		"Account analysis by months":                                "Анализ счёта по месяцам",
		"%s: lines %d–%d of %d":                                     "%s: строки %d–%d из %d",
		"All accounts":                                              "Все счета",
		"Detailed: by analytics":                                    "Развёрнуто: по субконто",
		"Choose an analytic to see it across the accounts that keep it.": "Выберите субконто, чтобы увидеть его по всем счетам, где оно ведётся.",
		"Every report of the organisation's books.":                      "Все отчёты по учёту организации.",
		"Nothing to show for this analytic in the period.":               "По этому субконто за период ничего нет.",
		"Fold":   "Свернуть",
		"Expand": "Развернуть",
		"Opening balance, turnover and closing balance of every account; expand an account by its analytics, with currency and quantity.": "Сальдо на начало, обороты и сальдо на конец по каждому счёту; счёт разворачивается по субконто, с валютой и количеством.",
		"Every synthetic account by months: opening balance, turnover, closing balance; one account's analysis by months.":                "Каждый синтетический счёт по месяцам: сальдо на начало, обороты, сальдо на конец; анализ одного счёта по месяцам.",
		"One counterparty, item, employee or project across every account that keeps it.":                                                 "Один контрагент, товар, сотрудник или проект по всем счетам, где он ведётся.",
		"The movements of one account, with its analytics; open it from the chart of accounts or any amount.":                             "Движения по одному счёту с субконто; открывается из плана счетов или из любой суммы.",
		"Counterparties' balances, open items and the reconciliation act.":                                                                "Сальдо контрагентов, открытые позиции и акт сверки.",
		"The cash desk's book (KO-4), day by day.":                                                                                        "Кассовая книга (КО-4) по дням.",
		"unknown detail %q (accounts, analytics)":                                                                                         "неизвестная детализация %q (accounts, analytics)",
		"Receivables and payables by their age as of a day, counterparty by counterparty.":                                                "Дебиторская и кредиторская задолженность по срокам на дату, по каждому контрагенту.",
		"The balance sheet at a period's end, compared with another.":                                                                     "Бухгалтерский баланс на конец периода в сравнении с другим.",
		"Revenue, expenses and the result of a period.":                                                                                   "Доходы, расходы и финансовый результат за период.",
		"Cash received and paid by cash-flow item.":                                                                                       "Поступления и выплаты денежных средств по статьям движения.",
		"How each part of the equity moved in a period.":                                                                                  "Как изменилась каждая часть капитала за период.",
	},
	"tk": {
		"Period: %s – %s":             "Döwür: %s – %s",
		"Amounts in %s":               "Möçberler %s-da", // review: case ending
		"(not set)":                   "(görkezilmedik)",
		"Opening balance in currency": "Walýutadaky başlangyç galyndy",
		"Turnover in currency":        "Walýutadaky dolanyşyk",
		"Closing balance in currency": "Walýutadaky ahyrky galyndy",
		"Opening quantity":            "Başlangyç mukdar",
		"Quantity turnover":           "Mukdar boýunça dolanyşyk", // review
		"Closing quantity":            "Ahyrky mukdar",
		"more than %d analytic lines: expand fewer accounts":        "%d-dan köp analitika setiri: az hasaplary açyň",   // review
		"the general ledger needs a period: a first and a last day": "baş kitap üçin döwür gerek: ilkinji we soňky gün", // review: baş kitap
		"a general ledger of more than %d months":                   "%d aýdan köp döwür üçin baş kitap",                // review
		"more than %d accounts":                                     "%d-dan köp hasap",
		"trial balance out of range":                                "dolanyşyk-galyndy cedweli rugsat berlen aralykdan daşarda", // review
		"balance out of range":                                      "galyndy rugsat berlen aralykdan daşarda",
		"currency amount out of range":                              "walýutadaky möçber rugsat berlen aralykdan daşarda",
		"Analysis by analytic":                                      "Analitika boýunça seljerme", // review
		"Reports":                                                   "Hasabatlar",
		"General ledger":                                            "Baş kitap", // review
		"Account analysis by months":                                "Hasabyň aýlar boýunça seljermesi",
		"%s: lines %d–%d of %d":                                     "%s: %d–%d setirler, jemi %d",
		"All accounts":                                              "Ähli hasaplar",
		"Detailed: by analytics":                                    "Giňişleýin: analitika boýunça", // review
		"Choose an analytic to see it across the accounts that keep it.": "Analitikany saýlaň: ol ýöredilýän ähli hasaplar boýunça görkeziler.",
		"Every report of the organisation's books.":                      "Guramanyň hasapçylygy boýunça ähli hasabatlar.",
		"Nothing to show for this analytic in the period.":               "Bu analitika boýunça döwürde hiç zat ýok.",
		"Fold":   "Ýygna", // review
		"Expand": "Aç",    // review
		"Opening balance, turnover and closing balance of every account; expand an account by its analytics, with currency and quantity.": "Her hasap boýunça başlangyç galyndy, dolanyşyk we ahyrky galyndy; hasap analitika boýunça açylýar, walýuta we mukdar bilen.",
		"Every synthetic account by months: opening balance, turnover, closing balance; one account's analysis by months.":                "Her sintetik hasap aýlar boýunça: başlangyç galyndy, dolanyşyk, ahyrky galyndy; bir hasabyň aýlar boýunça seljermesi.",
		"One counterparty, item, employee or project across every account that keeps it.":                                                 "Bir kontragent, haryt, işgär ýa-da taslama ol ýöredilýän ähli hasaplar boýunça.",
		"The movements of one account, with its analytics; open it from the chart of accounts or any amount.":                             "Bir hasabyň analitikasy bilen hereketleri; hasaplar meýilnamasyndan ýa-da islendik möçberden açylýar.",
		"Counterparties' balances, open items and the reconciliation act.":                                                                "Kontragentleriň galyndylary, ýapylmadyk pozisiýalar we deňeşdirme akty.",
		"The cash desk's book (KO-4), day by day.":                                                                                        "Kassa kitaby (KO-4), gün-günden.",
		"unknown detail %q (accounts, analytics)":                                                                                         "näbelli jikme-jiklik %q (accounts, analytics)",                                        // review
		"Receivables and payables by their age as of a day, counterparty by counterparty.":                                                "Senä çenli debitor we kreditor bergileri möhletleri boýunça, her kontragent boýunça.", // review
		"The balance sheet at a period's end, compared with another.":                                                                     "Döwrüň ahyryna buhgalteriýa balansy, başga döwür bilen deňeşdirilip.",                 // review
		"Revenue, expenses and the result of a period.":                                                                                   "Döwrüň girdejileri, çykdajylary we netijesi.",                                         // review
		"Cash received and paid by cash-flow item.":                                                                                       "Pul serişdeleriniň hereket maddalary boýunça girişleri we tölegleri.",                 // review
		"How each part of the equity moved in a period.":                                                                                  "Maýanyň her böleginiň döwürde nähili üýtgändigi.",                                     // review
	},
}

func init() {
	for lang, msgs := range registersCatalog {
		for k, v := range msgs {
			catalog[lang][k] = v
		}
	}
}
