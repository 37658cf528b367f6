// Package ledgertext reads and writes the common subset of the hledger /
// ledger plain-text journal format, so that Hasap can import books kept in
// plain text and export its own books for those tools.
//
// [Parse] streams a journal and hands each [Transaction], [Price] and
// [AccountDirective] to a callback, in file order, with its 1-based source
// line. It never balances transactions or converts amounts: numbers stay
// exact decimal strings (never floats) and an elided amount is only reported
// ([Posting.Elided]); the importer does the accounting. Anything the parser
// does not support, and anything whose meaning would silently change if it
// were ignored (include, alias, apply account, default commodity D,
// automated and periodic transactions, virtual postings, balance
// assignments, lot prices, posting dates given in comments, ambiguous
// numbers such as "1,000"), is rejected with a [*ParseError] that names the
// line.
//
// The dialect is hledger's (checked against hledger 1.25 when it is
// installed, see hledger_test.go) with a few ledger-isms hledger does not
// take: "%" and "|" comment lines, a single tab ending an account name, and
// thin spaces grouping digits. As in hledger, Unicode spaces count as white
// space, so "a\u00a0b" names the account "a b".
//
// [Writer] writes items back in a canonical form that hledger accepts and
// that [Parse] reads back to identical items (line numbers aside).
//
// Number formats: a `decimal-mark` directive wins; otherwise a `commodity`
// directive (or its `format` sub-line) declares the decimal mark of its
// commodity; otherwise, when both '.' and ',' appear the last one is the
// decimal mark, a mark that appears more than once is digit grouping, and a
// single mark is the decimal mark. The one ambiguous case, a single mark
// followed by exactly three digits, is read as a decimal mark for '.'
// ("1.000" is one) and rejected for ',' ("1,000"), because hledger 1.25 reads
// "1,000" as one while most people who write it mean a thousand. Digit
// groups must be well formed (groups of three, or two before a final three
// as in "1,00,000"), which is stricter than hledger. Space, thin space
// (U+2009) and narrow no-break space (U+202F) may also group digits.
//
// This package imports only the standard library, and nothing else in
// Hasap: it is an adapter at the edge and knows nothing of the ledger.
package ledgertext
