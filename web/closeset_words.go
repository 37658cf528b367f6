package web

// closeSettingsWords are the words of the closing choices on the settings
// page (settings.html); init adds them to templateWords.
var closeSettingsWords = []string{
	word("Profit tax rate, percent"), word("a decimal such as 8 or 8.5"), word("Accounts not revalued"),
	word("advances in a currency stay at the rate of the day they were paid; codes separated by commas"),
}

func init() { templateWords = append(templateWords, closeSettingsWords...) }
