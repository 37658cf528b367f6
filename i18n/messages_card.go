package i18n

// cardCatalog holds the messages of the account card read whole (its
// export) and of the account card and cash book endpoints of the API;
// init adds them to catalog.
var cardCatalog = map[string]map[string]string{
	"ru": {
		"the card of %s runs to %d, its totals close at %d": "карточка счёта %s заканчивается остатком %d, а итоги дают %d",
	},
	"tk": {
		"the card of %s runs to %d, its totals close at %d": "%s hasabyň kartoçkasy %d galyndy bilen gutarýar, jemler boýunça %d", // review
	},
}

func init() {
	for lang, msgs := range cardCatalog {
		for k, v := range msgs {
			catalog[lang][k] = v
		}
	}
}
