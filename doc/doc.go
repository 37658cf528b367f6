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
// # Settlements and advances
//
// A payment in settles what the customer owes on the contract (the debit
// balance of 62.01 for the counterparty and contract, Inputs.Balances)
// and the rest is an advance received (Kt 62.02); a payment out settles
// what the organisation owes the supplier (the credit balance of 60.01)
// and the rest is an advance paid (Dt 60.02). A later sale offsets the
// customer's advance (Dt 62.02 Kt 62.01, the smaller of the advance and
// the sale's amount with VAT), a purchase the advance paid (Dt 60.01 Kt
// 60.02). Currency documents do the same on 62.21/62.22 and 60.21/60.22,
// comparing currency amounts; an advance keeps the base amount of the day
// it was paid. With Settings.VATOnAdvances an advance received is charged
// VAT at the default rate (Dt 76.AV Kt 68.02, 15/115 of it), and a sale
// that offsets it reverses the VAT of the part offset (Dt 68.02 Kt 76.AV).
// Payment lines that name their own account (71.01, 70, 76.05...) are not
// split.
//
// The split depends on the documents posted before, as in any CIS
// program: the balances are read at the end of the document's date, so a
// document posted, unposted or re-dated earlier in the books leaves the
// later ones as they were split, until they are reposted (what 1C calls
// restoring the sequence). The account totals of 60 and 62 are right
// either way; only their split between settlement and advance waits.
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
// warehouse, settlement balances per counterparty and contract, the
// Central Bank rate of the day) and posts the entries with the documents'
// status changes in one transaction; the application checks roles and
// writes the audit log; the printed forms, pages and API come on top. Not
// in this package yet: VAT on advances paid (76.VA, see payment); bank
// statement import and matching; currency revaluation (which closes what
// an offset of a currency advance leaves on 62.21 and 60.21). Open items
// and the reconciliation act are worked out by package settle from the
// postings.
//
// The package imports only the standard library, hasap/ledger and
// hasap/money, and does no I/O.
package doc
