package web

// corrTemplateWords are the words of the chessboard and account analysis
// templates (chessboard.html, account_analysis.html, and what they add to
// account_card.html and layout.html); init adds them to templateWords.
var corrTemplateWords = []string{
	word("Account analysis"),
	word("Accounts"),
	word("By month"),
	word("By sub-accounts"),
	word("By synthetic accounts"),
	word("Chessboard"),
	word("Correspondent"),
	word("Correspondents"),
	word("Net turnover"),
	word("Nothing was posted in the period."),
	word("Rows are debited accounts, columns credited accounts; each amount opens the postings behind it."),
	word("The whole period"),
}

func init() { templateWords = append(templateWords, corrTemplateWords...) }
