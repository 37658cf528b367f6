package i18n

// settleStatesCatalog holds the messages of the kept settlement states
// (settle/state.go, settle/history.go, app/settlestates.go,
// store/sqldb/settlement_states.go); init adds them to catalog.
var settleStatesCatalog = map[string]map[string]string{
	"ru": {
		"counterparty %d has more than %d settlement movements":                                                         "у контрагента %d больше %d движений по расчётам",
		"the kept settlements of counterparty %d (role %d) are missing":                                                 "сохранённые расчёты контрагента %d (роль %d) отсутствуют",
		"the kept settlements of counterparty %d (role %d) differ from its postings: %d open items kept, %d worked out": "сохранённые расчёты контрагента %d (роль %d) расходятся с проводками: сохранено открытых позиций %d, по проводкам %d",
		"the kept settlement history of counterparty %d (role %d) differs from its postings":                            "сохранённая история расчётов контрагента %d (роль %d) расходится с проводками",
		"counterparty %d (role %d) has kept open settlements and no postings":                                           "у контрагента %d (роль %d) есть сохранённые открытые расчёты, но нет проводок",
		"kept settlement history: %s":                   "сохранённая история расчётов повреждена: %s",
		"kept settlement items: truncated":              "сохранённые позиции расчётов обрезаны",
		"kept settlement items: an item out of range":   "сохранённые позиции расчётов: позиция вне допустимых значений",
		"kept settlement items: %s":                     "сохранённые позиции расчётов повреждены: %s",
		"settlement states of role %d, key of %d bytes": "состояния расчётов роли %d с ключом длиной %d байт",
	},
	"tk": {
		// review: every line
		"counterparty %d has more than %d settlement movements":                                                         "%d kontragentiň hasaplaşyk hereketleri %d-den köp",
		"the kept settlements of counterparty %d (role %d) are missing":                                                 "%d kontragentiň (rol %d) saklanan hasaplaşyklary ýok",
		"the kept settlements of counterparty %d (role %d) differ from its postings: %d open items kept, %d worked out": "%d kontragentiň (rol %d) saklanan hasaplaşyklary geçirimlerden tapawutlanýar: %d açyk pozisiýa saklanan, geçirimlerden %d",
		"the kept settlement history of counterparty %d (role %d) differs from its postings":                            "%d kontragentiň (rol %d) saklanan hasaplaşyk taryhy geçirimlerden tapawutlanýar",
		"counterparty %d (role %d) has kept open settlements and no postings":                                           "%d kontragentiň (rol %d) saklanan açyk hasaplaşyklary bar, emma geçirimleri ýok",
		"kept settlement history: %s":                   "saklanan hasaplaşyk taryhy zaýalanan: %s",
		"kept settlement items: truncated":              "saklanan hasaplaşyk pozisiýalary kesilen",
		"kept settlement items: an item out of range":   "saklanan hasaplaşyk pozisiýalary: pozisiýa rugsat berlen çäkden daşarda",
		"kept settlement items: %s":                     "saklanan hasaplaşyk pozisiýalary zaýalanan: %s",
		"settlement states of role %d, key of %d bytes": "%d roluň hasaplaşyk ýagdaýlary, açary %d baýt",
	},
}

func init() {
	for lang, msgs := range settleStatesCatalog {
		for k, v := range msgs {
			catalog[lang][k] = v
		}
	}
}
