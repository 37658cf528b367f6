package web

// closeSettingsWords are the words of the closing choices on the settings
// page (settings.html) and of a revaluation's rates and balances on its
// page (document.html); init adds them to templateWords.
var closeSettingsWords = []string{
	word("Profit tax rate, percent"), word("a decimal such as 8 or 8.5"), word("Accounts not revalued"),
	word("advances in a currency stay at the rate of the day they were paid; codes separated by commas"),
	word("Rate at the period's end"), word("Rate at the end of the month before"), word("Balances revalued"),
	word("Balance in the currency"), word("Book value before"), word("At the period-end rate"), word("Exchange difference"),
	word("Balance in the currency × rate at the period's end − book value before = exchange difference."),
}

func init() { templateWords = append(templateWords, closeSettingsWords...) }
