package i18n

// catalog maps English formats to their translations. The verbs of each
// translation match the English format's, in the same order.
var catalog = map[string]map[string]string{
	"ru": {
		"line %d: %s":                    "строка %d: %s",
		"posting %d: %s":                 "проводка %d: %s",
		"organisation %s does not exist": "организация %s не существует",
	},
	"tk": {
		"line %d: %s":                    "%d-nji setir: %s",
		"posting %d: %s":                 "%d-nji geçiriş: %s",
		"organisation %s does not exist": "%s guramasy ýok",
	},
}

// terms translates the words that some messages take as arguments; termArgs
// lists, for each such format, the indexes of those arguments.
var terms = map[string]map[string]string{
	"ru": {},
	"tk": {},
}

var termArgs = map[string][]int{}
