package i18n

// ratesCatalog holds the messages of exchange rates (app/rates.go); init
// adds them to catalog.
var ratesCatalog = map[string]map[string]string{
	"ru": {
		"page: offset %d, limit %d out of range": "страница: смещение %d, размер %d вне допустимого диапазона",
		"want date;currency;rate, got %d fields": "нужно дата;валюта;курс, а полей %d",
		"date %q: %v":                            "дата %q: %v",
		"the file has no rates":                  "в файле нет курсов",
	},
	"tk": {
		"page: offset %d, limit %d out of range": "sahypa: süýşme %d, ölçeg %d rugsat berlen aralykdan daşarda", // review: süýşme for offset
		"want date;currency;rate, got %d fields": "sene;walýuta;hümmet gerek, meýdan sany %d",                   // review: hümmet for rate
		"date %q: %v":                            "sene %q: %v",
		"the file has no rates":                  "faýlda walýuta hümmeti ýok", // review
	},
}

func init() {
	for lang, msgs := range ratesCatalog {
		for k, v := range msgs {
			catalog[lang][k] = v
		}
	}
}
