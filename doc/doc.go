// Package doc is the domain of business documents and their posting
// rules: sales invoices (hasap-faktura), waybills and acts; supplier
// invoices and goods receipts; bank payments in and out; cash orders KO-1
// and KO-2; advance reports; opening balances and manual operations.
//
// # The model
//
// A Document has a Type, a Status, a number, a date, the analytics it
// refers to (Refs: counterparty, contract, warehouse, employee, cash-flow
// item...), a currency and rate for currency contracts, and Lines. Post
// runs the type's posting rule, a pure function of the document, the
// organisation's Settings and the Inputs the store gathers from the books
// (the chart, the stock on hand, the rate of the day), and returns one
// balanced ledger.Entry. Rules take the analytics of every posting from
// the document's refs in the order the chart requires them, so the chart,
// not the rule, decides which analytics a posting carries; a missing one is
// an EInvalid error naming the line and the account.
//
// VAT is worked out by VAT and ComputeTotals, rounded half away from zero
// (as money.Rate.Convert rounds), per line or per document as Settings
// say. Amounts of a currency document are converted to the base currency
// by running totals, so the lines' converted amounts add up to the
// conversion of their total exactly.
//
// # The life cycle
//
//	draft ──post──▶ posted ──unpost──▶ draft ──post──▶ posted ...
//	draft ──cancel──▶ cancelled ──restore──▶ draft
//
// Posting a draft makes an entry and links the two (Document.Entry holds
// the entry's Seq; the entry's Document holds Ref). Unposting posts the
// entry's red storno (Unpost) in the same period and makes the document a
// draft again, to be edited and posted anew; the books keep all three
// entries. A posted document is unposted before it can be cancelled.
//
// # Numbering
//
// Documents are numbered per organisation, type and year without gaps,
// from 1, when a draft is first saved (not when posted: a printed draft
// already has its number). A draft is never deleted: one that is not
// wanted is cancelled and keeps its number, so every number of the
// sequence is accounted for. The date may move within the number's year
// only.
//
// # Left to other layers
//
// The store keeps documents (their JSON is the body it stores), gives
// numbers, reads the Inputs that Document.Needs names (stock per item and
// warehouse, the Central Bank rate of the day) and posts the entries with the documents' status changes in one
// transaction; the application checks roles and writes the audit log; the
// printed forms, pages and API come on top. Not in this package yet: VAT
// on advances and the split of payments into settlement and advance
// (62.02, 60.02), which need the contract's balance; bank statement
// import and matching; currency revaluation. Open items, advances and the
// reconciliation act are worked out by package settle from the postings.
//
// The package imports only the standard library, hasap/ledger and
// hasap/money, and does no I/O.
package doc
