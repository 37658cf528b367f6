package web

// The words of the templates of the registers of issue 5 (ageing, VAT
// books, exchange rates, the home page's charts), added to templateWords
// here so that their pages and words.go do not collide with other work.
func init() {
	templateWords = append(templateWords, word("Side"), word("Ageing"), word("Receivables"), word("Payables"), word("Buckets, days"),
		word("Nothing is open on this day."), word("Year"))
}
