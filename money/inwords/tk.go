package inwords

// tk is Turkmen. Numbers are separate words from the largest part down;
// every hundred and every scale word carries its count ("bir ýüz", "bir
// müň"); a noun after a number stays singular.
//
// review: "nol" for zero ("nol manat 00 teňňe") and "minus" before a
// negative amount; "bir ýüz" and "bir müň" written out inside larger
// numbers too ("iki million bir ýüz bir müň"), as DOMAIN's "bir müň bir ýüz
// elli" does at the start; the units of foreign currencies below.
var tk = language{
	zero:   "nol",
	minus:  "minus",
	triple: tkTriple,
	scales: []noun{
		{},
		same("müň"),
		same("million"),
		same("milliard"),
		// review: "trillion" and "kwadrillion" follow the Russian
		// триллион and квадриллион in Turkmen spelling (no q, v written
		// w); only "kwadrillion" is ever needed, for 10^15 major units
		// and more.
		same("trillion"),
		same("kwadrillion"),
	},
	form: func(n noun, _ uint64) string { return n.one },
	units: map[string]units{
		"TMT": {major: same("manat"), minor: same("teňňe")},
		// review: "ABŞ dollary" (the US's dollar, with the possessive
		// ending, as the Russian says "доллар США"; "bäş ABŞ dollary"),
		// and "sent" for the cent of USD and EUR.
		"USD": {major: same("ABŞ dollary"), minor: same("sent")},
		"EUR": {major: same("ýewro"), minor: same("sent")},
		"RUB": {major: same("rubl"), minor: same("kopeýka")},
		// review: "ýuan" and "fen"; "lira" and "kuruş" (the Turkish
		// spelling, whose ş Turkmen shares).
		"CNY": {major: same("ýuan"), minor: same("fen")},
		"TRY": {major: same("lira"), minor: same("kuruş")},
		// review: the Kazakh tenge is the same word as the Turkmen teňňe;
		// should the major unit be "gazak teňňesi" to tell it from the
		// manat's minor unit? And is the tiyn "tyýyn" in Turkmen?
		"KZT": {major: same("teňňe"), minor: same("tyýyn")},
		// review: "ýen" (or "ýapon ýeni"?), "dinar" and "fils".
		"JPY": {major: same("ýen")},
		"KWD": {major: same("dinar"), minor: same("fils")},
	},
}

var (
	tkUnits = [10]string{"", "bir", "iki", "üç", "dört", "bäş", "alty", "ýedi", "sekiz", "dokuz"}
	tkTens  = [10]string{"", "on", "ýigrimi", "otuz", "kyrk", "elli", "altmyş", "ýetmiş", "segsen", "togsan"}
)

// tkTriple writes 1–999: "bir ýüz elli", "on bir". Turkmen numerals have
// no gender.
func tkTriple(g int, _ bool) []string {
	var w []string
	if h := g / 100; h > 0 {
		w = append(w, tkUnits[h], "ýüz")
	}
	if t := g / 10 % 10; t > 0 {
		w = append(w, tkTens[t])
	}
	if u := g % 10; u > 0 {
		w = append(w, tkUnits[u])
	}
	return w
}
