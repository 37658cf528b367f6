package web

// The words of the templates of the registers of issue 5 (ageing, VAT
// books, exchange rates, the home page's charts), added to templateWords
// here so that their pages and words.go do not collide with other work.
func init() {
	templateWords = append(templateWords, word("Side"), word("Ageing"), word("Receivables"), word("Payables"), word("Buckets, days"),
		word("Nothing is open on this day."), word("Year"),
		word("The rate is saved."), word("Rates imported:"), word("Where no rate is entered, the Central Bank's official rate applies:"),
		word("from"), word("No rates are entered."), word("Add or change a rate"), word("Import rates"), word("File"), word("Exchange rates"),
		word("Money at hand at the end of each month"), word("Cash desk and bank accounts"), word("The numbers of the charts"), word("Money at hand"),
		word("One rate a line: date;currency;rate, e.g. 01.03.2025;EUR;3,80. A bad line is named and nothing is recorded."))
}
