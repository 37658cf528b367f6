package inwords

// en is English in the US form: no "and", 21–99 hyphenated, short scale.
var en = language{
	zero:   "zero",
	minus:  "minus",
	triple: enTriple,
	scales: []noun{
		{},
		same("thousand"),
		same("million"),
		same("billion"),
		same("trillion"),
		same("quadrillion"),
	},
	form: enForm,
	units: map[string]units{
		"TMT": {major: same("manat"), minor: same("tenge")},
		"USD": {major: enNoun("US dollar", "US dollars"), minor: enNoun("cent", "cents")},
		"EUR": {major: enNoun("euro", "euros"), minor: enNoun("cent", "cents")},
		"RUB": {major: enNoun("ruble", "rubles"), minor: enNoun("kopeck", "kopecks")},
		"CNY": {major: same("yuan"), minor: same("fen")},
		"TRY": {major: same("lira"), minor: same("kuruş")},
		"KZT": {major: same("tenge"), minor: same("tiyn")},
		"JPY": {major: same("yen")},
		"KWD": {major: enNoun("dinar", "dinars"), minor: same("fils")},
	},
}

// enNoun is an English noun with a singular and a plural.
func enNoun(singular, plural string) noun {
	return noun{one: singular, few: plural, many: plural}
}

var (
	enUnits = [20]string{
		"", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
		"ten", "eleven", "twelve", "thirteen", "fourteen",
		"fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
	}
	enTens = [10]string{
		"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
	}
)

// enTriple writes 1–999: "one hundred fifty", "twenty-one".
func enTriple(g int, _ bool) []string {
	var w []string
	if h := g / 100; h > 0 {
		w = append(w, enUnits[h], "hundred")
	}
	switch r := g % 100; {
	case r == 0:
	case r < 20:
		w = append(w, enUnits[r])
	case r%10 == 0:
		w = append(w, enTens[r/10])
	default:
		w = append(w, enTens[r/10]+"-"+enUnits[r%10])
	}
	return w
}

// enForm takes the singular after exactly one (and after 01 of the minor
// unit), the plural otherwise: "zero US dollars", "one cent".
func enForm(n noun, count uint64) string {
	if count == 1 {
		return n.one
	}
	return n.many
}
