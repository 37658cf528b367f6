package web

import (
	"hasap/auth"
	"hasap/i18n"
	"hasap/ledger"
)

// word marks text as a word of the interface and returns it. The i18n
// catalog test finds the messages of the code by their literal arguments to
// i18n.T and to functions that pass them on, like this one; it cannot look
// into templates. So every word a template shows with {{.T "..."}}, and every
// word picked from a table below, is written here once through word, and
// TestTemplateWords keeps this list and the templates in step.
func word(text string) string { return i18n.T("en", text) }

// templateWords are the words the templates translate.
var templateWords = []string{
	word("Account"), word("Amount"), word("Analytics"), word("Download:"),
	word("Author"), word("Balance"), word("Balances on"), word("Bank accounts"),
	word("Cash"), word("Chart of accounts"), word("Class"), word("Clear"), word("Closing Dt"),
	word("Closing Kt"), word("Closing balance"), word("Code"), word("Credit"), word("Currency"),
	word("Currency accounts"), word("Date"), word("Debit"), word("Description"), word("Document"),
	word("Dt"), word("Entry"), word("Expenses"), word("Flags"), word("From"),
	word("Go to the start page"), word("Home"), word("Journal"), word("Kind"), word("Kt"),
	word("Log in"), word("Log out"), word("Email"), word("Password"), word("Two-factor code"),
	word("if turned on"), word("Max amount"), word("Min amount"), word("More rows"), word("Name"),
	word("New entry"), word("No entries match."), word("Nothing was posted to this account in the period."),
	word("Number"), word("Older entries"), word("Opening Dt"), word("Opening Kt"), word("Opening balance"),
	word("Organisations"), word("Post"), word("Posted"),
	word("Quantity"), word("Result"), word("Revenue"),
	word("Reverse"), word("Reverses entry"), word("Role"), word("Storno"), word("Sub-accounts"),
	word("Text"), word("To"), word("Total"), word("Trial balance"), word("Turnover Dt"),
	word("Turnover Kt"), word("Turnover"), word("Account card"), word("Later lines"),
	word("You are not a member of any organisation yet. Ask an owner to add you."),
	word("The books do not balance: the debit and credit totals differ."),
	word("Corresponding account"), word("account, analytics"), word("Month"), word("Show"), word("Hash"),
	word("Reverse or storno this entry"), word("Date of the reversal"), word("Inactive"),
	word("Revenue and expenses by month"),
	word("Start of the card"),
	word("Print"), word("Catalogs"), word("Import"), word("Lock date and verification"), word("Audit log"), word("Members"),
	word("Debt of customers"), word("Debt to suppliers"),
	// the cash book (cashbook.html)
	word("Cash book"), word("Cash desk for"), word("Sheet"), word("No cash moved on this day: the book has no sheet for it."),
	word("Document number"), word("Received from or issued to"), word("Receipt"), word("Paid out"),
	word("Balance at the start of the day"), word("Total for the day"), word("Balance at the end of the day"),
	word("Cash orders"), word("receipt"), word("expense"),
	// counterparty settlements (settlements.html, settlement.html)
	word("Settlements"), word("Settlements with counterparties"), word("Receivable"), word("Payable"),
	word("Advances received"), word("Advances paid"), word("Open items"), word("Without a contract"), word("Open"),
	word("Nothing is open: every invoice is paid and every payment applied."), word("Reconciliation act"),
	word("Previous"), word("Next"), word("Nothing was posted to the settlement accounts of customers and suppliers yet."),
	// chart of accounts and catalog pages (account_form.html, catalogs.html, catalog.html, analytic_form.html)
	word("A deactivated account keeps its postings and balances and stays in every report, but takes no new postings."),
	word("Accounts that require it"), word("Accounts with postings"), word("Add to the catalog"), word("All movements"), word("Analytic"),
	word("Back to the chart of accounts"), word("Cancel"), word("Catalog"), word("Code and place in the chart"),
	word("Code or name"), word("Correct the marked fields."), word("Count"), word("Deactivate"), word("Edit"),
	word("Find"), word("Group"), word("How it is kept"), word("Movements"), word("New account"),
	word("New entry of the catalog"), word("New sub-account"),
	word("No account requires analytics yet, and no catalog has entries."), word("Nothing matches the search."),
	word("Only the first entries are shown: narrow the search to find the others."), word("Other catalogs"),
	word("Parent account"), word("Reactivate"), word("Save the account"), word("Save the names"),
	word("Show more"), word("The account has postings: only its names can change, and it can be deactivated."),
	word("The account is deactivated: it keeps its postings and balances, but takes no new postings."),
	word("The account was saved:"),
	word("The analytics (subconto) that postings name: counterparties, contracts, items and the rest."),
	word("The catalog is empty."), word("empty for a top-level account"),
	word("group: posted through its sub-accounts"), word("its code"), word("kept in foreign currency"),
	word("kept in quantities"), word("the code stays: imports and people find the entry by it"),
	word("Counterparty"),
	// the organisation's settings (settings.html, the menu)
	word("Capital expenditure accounts"),
	word("Default VAT rate"),
	word("Details on printed forms"),
	word("Documents post with these settings from the moment they are saved. Documents posted before keep their entries: unpost one and post it again to apply new settings to it."),
	word("Only the owner and the chief accountant change the settings."),
	word("Organisation settings"),
	word("Posting settings"),
	word("Save the settings"),
	word("Someone else saved the settings meanwhile. The form shows what you typed;"),
	word("The settings were saved."),
	word("This chart of accounts has no default posting settings: choose the accounts below and save them before posting documents."),
	word("VAT rounding"),
	word("charge VAT on advances received"),
	word("default"),
	word("offset input VAT when the supplier's invoice is received"),
	word("open the settings again"),
	word("saved by"),
	word("their VAT goes to the asset's cost"),
	word("to see theirs before you change them."),
	word("Settings"),
	// members and profile pages (members.html, me.html, totp_required.html)
	word("Add a member"), word("Add"), word("Full name"), word("Last login"), word("never"), word("Two-factor"), word("Change password"), word("Change role"), word("Code from the app"),
	word("Create and add"), word("Current password"), word("Go to my profile"), word("Key URI"), word("Language"),
	word("My profile"), word("New password again"), word("New password"), word("Organisation"), word("Remove"),
	word("Reset password"), word("Save"), word("Security"), word("Temporary password"), word("Turn off"),
	word("Turn on"), word("Two-factor authentication"), word("off"), word("on"), word("you"),
	word("Owners must use two-factor authentication"), word("owners must use two-factor authentication"),
	word("No user has this email yet. Create one with a temporary password:"),
	word("Time-based, 6 digits, every 30 seconds."),
	word("a stolen password alone is then enough to log in as you."),
	word("you log in with your password and a code from your authenticator app."),
	word("An owner without it can then do nothing in this organisation until they turn it on in their profile. Turn it on for yourself first."),
	word("At least 10 characters; a few unrelated words make a good password. Your other sessions will end."),
	word("Enter the code the app shows to confirm. You will then log in again, with a code."),
	word("Hand it over in person. It is shown only now; after logging in with it, the member should set their own password on their profile page."),
	word("Scan this QR code with an authenticator app (Google Authenticator, Aegis, FreeOTP...), or type the key into it:"),
	// the lock date and verification page, the audit log
	word("The lock date was saved."), word("Lock date"), word("none: every date is open"),
	word("Entries in the chain"), word("Chain head"), word("Last verification"), word("passed"), word("failed"),
	word("system"), word("The books verified"),
	word("Every entry's hash and every total were recomputed from the postings, and they match."),
	word("Entries"), word("Postings"), word("Totals rows"), word("Day rows"), word("Checkpoint"),
	word("the chain still runs through it"), word("The books failed verification"),
	word("The first difference:"), word("Set the lock date"),
	word("Entries dated on or before the lock date can no longer be posted or reversed: the period is closed."),
	word("Moving the lock date back or clearing it reopens a closed period; it is recorded in the audit log."),
	word("Moving the lock date back reopens a closed period: only an owner may do that."),
	word("Clear the lock date"), word("Verify the books"),
	word("Recompute the hash chain of every entry and every total from the postings, and show the first difference if there is one."),
	word("Checkpoint file"), word("optional: prove the books up to it are unchanged"), word("Verify"),
	word("Download a signed checkpoint"),
	word("The books are verified first; the file states their head, signed by this installation. Keep it: a later verification against it proves nothing up to it was changed."),
	word("Download checkpoint"), word("Export the journal"),
	word("Every entry as a plain-text hledger journal, which hledger, ledger and Hasap's import read."),
	word("Download the journal"), word("Action"), word("any"), word("User"), word("email"), word("Time"),
	word("Address"), word("Detail"), word("Older events"), word("No events match."),
	// import.html, import_job.html
	word("Import the file"),

	word("Accounts are named by their code in the chart of accounts (51, 62.01). An account the chart lacks is created; its kind comes from the top-level name (assets, liabilities, equity, income, expenses) or an hledger type: tag."),
	word("Accounts created"),
	word("Analytics that an account requires come from the posting's tags (; counterparty: C001, contract: K-1) and are created when they are new; quantities come from qty:. An amount in another currency is converted at its cost (@), the journal's P prices or the organisation's rates. Balance assertions (=, ==) are checked in file order."),
	word("Balance assertions checked"), word("Correct the file and import it again."), word("Entries posted"),
	word("Example journal"), word("Import a journal"), word("Import another file"), word("Import started"),
	word("Imported"), word("Importing…"), word("In progress"), word("Journal file"),
	word("Journal transactions"), word("Largest file"), word("Line of the file"), word("Not imported"),
	word("Nothing was imported: the books are as they were."), word("Open the journal"),
	word("Postings in them"), word("Prices (P directives)"), word("Read from the file"),
	word("The import failed"),
	word("The import runs on the server: you may leave this page and come back to it from the import page."),
	word("The journal was imported"), word("Time taken"),
	word("Upload a journal in the plain-text format of hledger and ledger. The whole file is one transaction: if any line is wrong, nothing is imported, and the error names the line."),
	word("Your recent imports"),
	// documents.html, document.html, document_form.html
	word("Amount with VAT"), word("Back to the document"), word("Based on"), word("Cancel the document"),
	word("Changed"), word("Comment"), word("Documents"), word("Make a draft again"), word("More lines"),
	word("Net amount"), word("New document"), word("No documents match."),
	word("Older documents"), word("Price"), word("Prices include VAT"), word("Prices"), word("Save and post"),
	word("Service"), word("Status"), word("Total with VAT"), word("Type"), word("Unpost"), word("VAT on top"),
	word("VAT rate"), word("VAT"), word("all"), word("code or name"), word("include VAT"), word("new draft"),
	word("or amount"), word("rate"), word("service"), word("Contract"), word("Warehouse"), word("Item"),
	// document_form_pay.html, _advance, _opening, _manual, parts.html
	word("Employee"), word("Cash-flow item"), word("Exchange rate"), word("of the day"), word("Attachment"),
	word("Corresponding account"), word("empty:"), word("Account"), word("goods, materials"), word("Supplier"),
	word("Supporting document"), word("Currency amount"), word("Analytics"), word("by the rule"),
	word("Postings"), word("Postings as typed"), word("Basis"), word("Purpose of payment"),
	word("with an employee and no counterparty"),
	word("Received from"), word("Issued to"), word("Currency"), word("Dt"), word("Kt"), word("account, analytics"),
	word("A line per account and analytics: its balance in the Dt or the Kt column, in the base currency; the quantity and the currency amount as positive numbers. The other side is account 000."),
	word("Create based on"), word("Documents based on this one"),
}

// messageWords are the messages the handlers show through i18n.T with a
// variable (renderError's callers pass literal messages).
var messageWords = []string{
	word("Error"), word("Not found"), word("There is no such page, or you may not see it."),
	word("Something went wrong on the server. Please try again."),
	word("This request came from another site and was refused."),
}

var monthShort = [12]string{
	word("Jan"), word("Feb"), word("Mar"), word("Apr"), word("May"), word("Jun"),
	word("Jul"), word("Aug"), word("Sep"), word("Oct"), word("Nov"), word("Dec"),
}

// MonthShort is the short name of month m (1–12).
func (p *page) MonthShort(m int) string {
	if m < 1 || m > 12 {
		return itoa(m)
	}
	return i18n.T(p.Lang, monthShort[m-1])
}

var roleNames = map[auth.Role]string{
	auth.Owner: word("Owner"), auth.ChiefAccountant: word("Chief accountant"), auth.Accountant: word("Accountant"),
	auth.Clerk: word("Clerk"), auth.Auditor: word("Auditor"), auth.Viewer: word("Viewer"),
}

// RoleName is a role in the page's language.
func (p *page) RoleName(r auth.Role) string {
	if n, ok := roleNames[r]; ok {
		return i18n.T(p.Lang, n)
	}
	return string(r)
}

var kindNames = map[ledger.AnalyticKind]string{
	ledger.Counterparty: word("Counterparty"), ledger.Contract: word("Contract"), ledger.Item: word("Item"),
	ledger.Warehouse: word("Warehouse"), ledger.Employee: word("Employee"), ledger.FixedAsset: word("Fixed asset"),
	ledger.CashFlowItem: word("Cash flow item"), ledger.Project: word("Project"),
}

// KindName is an analytics catalog's name in the page's language.
func (p *page) KindName(k ledger.AnalyticKind) string {
	if n, ok := kindNames[k]; ok {
		return i18n.T(p.Lang, n)
	}
	return string(k)
}

var accountKinds = map[ledger.Kind][2]string{
	ledger.Active:        {word("A"), word("Active")},
	ledger.Passive:       {word("P"), word("Passive")},
	ledger.ActivePassive: {word("AP"), word("Active-passive")},
}

// AccKind is an account's kind, short ("АП") and in full.
func (p *page) AccKind(k ledger.Kind) [2]string {
	n, ok := accountKinds[k]
	if !ok {
		return [2]string{string(k), string(k)}
	}
	return [2]string{i18n.T(p.Lang, n[0]), i18n.T(p.Lang, n[1])}
}

var classNames = map[ledger.Class]string{
	ledger.Asset: word("Asset"), ledger.Liability: word("Liability"), ledger.Equity: word("Equity"),
	ledger.Income: word("Income"), ledger.Expense: word("Expense"), ledger.Mixed: word("Mixed"),
	ledger.OffBalance: word("Off-balance"),
}

// ClassName is an account's class in the page's language.
func (p *page) ClassName(c ledger.Class) string {
	if n, ok := classNames[c]; ok {
		return i18n.T(p.Lang, n)
	}
	return string(c)
}
