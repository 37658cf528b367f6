package inwords

// ru is Russian. Numerals agree in gender with the following noun; the noun
// takes the form its number asks for (ruForm).
var ru = language{
	zero:   "ноль",
	minus:  "минус",
	triple: ruTriple,
	scales: []noun{
		{},
		{one: "тысяча", few: "тысячи", many: "тысяч", fem: true},
		{one: "миллион", few: "миллиона", many: "миллионов"},
		{one: "миллиард", few: "миллиарда", many: "миллиардов"},
		{one: "триллион", few: "триллиона", many: "триллионов"},
		{one: "квадриллион", few: "квадриллиона", many: "квадриллионов"},
	},
	form: ruForm,
	units: map[string]units{
		"TMT": {
			major: noun{one: "манат", few: "маната", many: "манатов"},
			minor: same("тенге"), // the Turkmen teňňe; indeclinable
		},
		"USD": {
			major: noun{one: "доллар США", few: "доллара США", many: "долларов США"},
			minor: noun{one: "цент", few: "цента", many: "центов"},
		},
		"EUR": {
			major: same("евро"), // indeclinable, masculine: "один евро"
			minor: noun{one: "цент", few: "цента", many: "центов"},
		},
		"RUB": {
			major: noun{one: "рубль", few: "рубля", many: "рублей"},
			minor: noun{one: "копейка", few: "копейки", many: "копеек", fem: true},
		},
		"CNY": {
			major: noun{one: "юань", few: "юаня", many: "юаней"},
			// review: фэнь, declined as a masculine noun like юань (фэня,
			// фэней); some texts keep it indeclinable.
			minor: noun{one: "фэнь", few: "фэня", many: "фэней"},
		},
		"TRY": {
			major: noun{one: "лира", few: "лиры", many: "лир", fem: true},
			minor: noun{one: "куруш", few: "куруша", many: "курушей"},
		},
		"KZT": {
			major: same("тенге"), // indeclinable, masculine: "один тенге"
			minor: noun{one: "тиын", few: "тиына", many: "тиынов"},
		},
		"JPY": {
			major: noun{one: "иена", few: "иены", many: "иен", fem: true},
		},
		"KWD": {
			major: noun{one: "динар", few: "динара", many: "динаров"},
			minor: noun{one: "филс", few: "филса", many: "филсов"},
		},
	},
}

var (
	ruUnits = [20]string{
		"", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять",
		"десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать",
		"пятнадцать", "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать",
	}
	ruTens = [10]string{
		"", "", "двадцать", "тридцать", "сорок", "пятьдесят",
		"шестьдесят", "семьдесят", "восемьдесят", "девяносто",
	}
	ruHundreds = [10]string{
		"", "сто", "двести", "триста", "четыреста",
		"пятьсот", "шестьсот", "семьсот", "восемьсот", "девятьсот",
	}
)

// ruTriple writes 1–999; fem makes 1 and 2 feminine (одна, две).
func ruTriple(g int, fem bool) []string {
	var w []string
	if h := g / 100; h > 0 {
		w = append(w, ruHundreds[h])
	}
	r := g % 100
	if r >= 20 {
		w = append(w, ruTens[r/10])
		r %= 10
	}
	switch {
	case r == 0:
	case fem && r == 1:
		w = append(w, "одна")
	case fem && r == 2:
		w = append(w, "две")
	default:
		w = append(w, ruUnits[r])
	}
	return w
}

// ruForm picks the form of n after count: 11–14 at the end take the
// genitive plural; otherwise a last digit 1 takes the nominative singular,
// 2–4 the genitive singular, and 0 or 5–9 the genitive plural.
func ruForm(n noun, count uint64) string {
	if r := count % 100; r >= 11 && r <= 14 {
		return n.many
	}
	switch count % 10 {
	case 1:
		return n.one
	case 2, 3, 4:
		return n.few
	}
	return n.many
}
