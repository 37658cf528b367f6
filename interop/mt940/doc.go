// Package mt940 reads SWIFT MT940 customer statements into
// [bankstmt.Statement]s, and writes them back.
//
// [Parse] reads a file of one or more statements, with or without the SWIFT
// block wrappers ({1:...}{2:...}{4: ... -}), with LF or CRLF line endings.
// It reads the tags a statement import needs:
//
//	:20:  statement reference            → Statement.ID
//	:25:  account                        → Statement.Account
//	:28C: statement number / sequence    → Statement.Number
//	:60F: :60M: opening balance          → Opening, OpeningDate, Currency
//	:61:  statement line                 → a Line
//	:86:  information to account owner   → the Line's Description
//	:62F: :62M: closing balance          → Closing, ClosingDate
//	:64: :65: available balances         checked, not kept
//
// and skips any other tag (:21:, :13D:, :NS: ...) with its continuation
// lines. An :86: that follows no :61: (statement-level information) is
// skipped too. A line that is not a tag and follows none is skipped only
// outside a statement (a bank's header line); inside one it is an error.
//
// Dates: a six-digit date YYMMDD is read with years 00–79 as 2000–2079 and
// 80–99 as 1980–1999. The optional entry date MMDD of :61: takes the year,
// of the three around the value date's, that puts it nearest the value
// date, so an entry on 1231 for a value date 240102 is 2023-12-31. A line's
// Date is its entry date when given, else its value date.
//
// Amounts: digits with one decimal comma (the comma is required, as SWIFT
// has it), with no more decimals than the statement currency's exponent
// allows unless they are zeros; the currency is the opening balance's. The
// debit/credit mark of :61: is C (money in), D (money out), RC (reversal of
// a credit: money out) or RD (reversal of a debit: money in). Amounts are
// never rounded and never pass through a float.
//
// :61: supplementary details (its second line) and the :86: text become the
// line's Description, one text line per source line, blank lines dropped.
// The owner's reference "NONREF" reads as an empty Reference. The optional
// funds code is dropped. The counterparty is not taken apart from :86:,
// whose structure differs from bank to bank.
//
// Each message is one Statement: a statement the bank splits over several
// messages (:60M: and :62M: intermediate balances) comes as consecutive
// Statements with the same ID, each balanced on its own. The text must be
// UTF-8 (plain ASCII, as SWIFT has it, is); read a Windows-1251 export
// through [bankstmt.DecodeWindows1251].
//
// Every error is a *ledger.Error that names the line and the tag; Parse
// returns no statement when it returns an error. Limits: a file of at most
// [MaxBytes] and [MaxStatements] statements, a line of at most
// [MaxLineBytes], a statement of at most [MaxLines] lines.
package mt940
