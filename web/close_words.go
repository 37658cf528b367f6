package web

// closeTemplateWords are the words of the month close page (close.html);
// init adds them to templateWords.
var closeTemplateWords = []string{
	word("Month close"), word("The period was reopened."), word("Period"), word("this month is closed"),
	word("The steps post in their order and are unposted in the reverse order. When every step is posted, or has nothing to post, the lock date moves to the month's end. The amounts of a step are worked out on the books as they are now, with what the steps before it will post."),
	word("Postings changed after this step: unpost it and the steps after it, and post them again."),
	word("It will post"), word("Run now it would post more"), word("Close the month"), word("Reopen the books"),
	word("The lock date moves back to the date given (empty: no lock date), and the reason goes to the audit log. The closing steps of the reopened months can then be unposted."),
	word("New lock date"), word("Reason"), word("Reopen"),
}

func init() { templateWords = append(templateWords, closeTemplateWords...) }
