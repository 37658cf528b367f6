package printform

import (
	"fmt"

	"hasap/ledger"
)

// words are the fixed words the package writes itself, in one language.
// Everything else on a form comes from the caller (see the package doc).
type words struct {
	number     string // before the number: "№"
	dated      string // before the date: "от"
	taxID      string // a party's tax identification number
	address    string
	bank       string
	account    string // bank account
	bic        string // bank identifier code
	inWords    string // before the amount in words
	signature  string // caption under a signature line
	nameOfSign string // caption under the signer's name
	stamp      string // where the stamp goes
	cut        string // on the dashed line a tear-off is cut along
	months     [12]string
}

var wordsByLang = map[string]*words{
	"ru": {
		number: "№", dated: "от",
		taxID: "ИНН", address: "Адрес", bank: "Банк", account: "Р/с", bic: "БИК",
		inWords:   "Сумма прописью",
		signature: "(подпись)", nameOfSign: "(расшифровка подписи)",
		stamp: "М.П.", cut: "линия отреза",
	},
	// review: "sene" before the date (the brief's choice; a Turkmen form may
	// rather print the date alone), "Salgyt belgisi" for the taxpayer's
	// number, "H/h" (hasaplaşyk hasaby) for the bank account, "Söz bilen"
	// before the amount in words, "(goly)" and "(familiýasy, ady)" under
	// the lines, "M.Ý." (möhüriň ýeri) for the stamp, "kesilýän çyzyk"
	// on the line a tear-off is cut along.
	"tk": {
		number: "№", dated: "sene",
		taxID: "Salgyt belgisi", address: "Salgysy", bank: "Bank", account: "H/h", bic: "BIK",
		inWords:   "Söz bilen",
		signature: "(goly)", nameOfSign: "(familiýasy, ady)",
		stamp: "M.Ý.", cut: "kesilýän çyzyk",
	},
	"en": {
		number: "No.", dated: "dated",
		taxID: "Tax ID", address: "Address", bank: "Bank", account: "Account", bic: "BIC",
		inWords:   "Amount in words",
		signature: "(signature)", nameOfSign: "(name)",
		stamp: "L.S.", cut: "cut here",
		months: [12]string{"January", "February", "March", "April", "May", "June", "July",
			"August", "September", "October", "November", "December"},
	},
}

// wordsFor returns the fixed words of lang, Russian for an unknown one.
func wordsFor(lang string) *words {
	if w, ok := wordsByLang[lang]; ok {
		return w
	}
	return wordsByLang["ru"]
}

// date writes d as forms in the language print it: 26.11.2026 in Turkmen
// and Russian, 26 November 2026 in English (a foreign reader does not
// guess the order of day and month). NoDate is "".
func (w *words) date(d ledger.Date) string {
	if d == ledger.NoDate {
		return ""
	}
	y, m, dd := d.YMD()
	if w.months[0] != "" {
		return fmt.Sprintf("%d %s %04d", dd, w.months[m-1], y)
	}
	return fmt.Sprintf("%02d.%02d.%04d", dd, int(m), y)
}

// DateText writes d as the forms in lang print it (see Form): 04.03.2026
// in Turkmen and Russian, 4 March 2026 in English; "" for ledger.NoDate.
func DateText(d ledger.Date, lang string) string { return wordsFor(lang).date(d) }

// heading is the line under the title: "№ 12 от 26.11.2026".
func (w *words) heading(f *Form) string {
	s := ""
	if f.Number != "" {
		s = w.number + " " + f.Number
	}
	if d := w.date(f.Date); d != "" {
		if s != "" {
			s += " "
		}
		s += w.dated + " " + d
	}
	return s
}

// partyDetails are a party's details as labelled fields, empty ones
// left out (the name and the role are printed apart).
func (w *words) partyDetails(p *Party) []Field {
	var out []Field
	add := func(label, v string) {
		if v != "" {
			out = append(out, Field{label, v})
		}
	}
	add(w.taxID, p.TaxID)
	add(w.address, p.Address)
	add(w.bank, p.BankName)
	add(w.account, p.BankAccount)
	add(w.bic, p.BIC)
	return out
}
