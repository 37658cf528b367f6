// Package printform renders a printed form, the paper face of a document
// (invoice, waybill, act of completed work, payment order, cash orders KO-1
// and KO-2, reconciliation act), as an HTML print view and as a PDF.
//
// A Form is data only: the documents fill it and this package lays it out
// the way CIS forms look: the title centred with the number and the date,
// the parties with their details, header fields, a bordered table with the
// numbers right-aligned and the totals under it, the amount in words, notes,
// and signature lines with "(подпись)" under them and "М.П." for the stamp.
// A form may add an empty bordered box for marks made by hand (a payment
// order's "Отметки банка") and a tear-off part after a dashed cut line
// (KO-1's receipt, "Квитанция к приходному кассовому ордеру"), laid out
// like the form itself under the form. The official KO-1 has its receipt
// to the right of the order; on A4 portrait it goes under it.
//
// # Words
//
// Everything a user reads comes from the caller, already in the form's
// language: the title, the field labels, the column headers, the totals rows
// ("Итого:", "В том числе НДС 15 %:"), the signers' roles, the amount in words
// (package hasap/money/inwords writes it). The package writes only the few
// fixed words that every form shares: "№", "от", the labels of a party's
// details ("ИНН", "Банк", "Р/с", "БИК"), "Сумма прописью", "(подпись)",
// "(расшифровка подписи)", "М.П." and "линия отреза". They live in words.go, in Turkmen,
// Russian and English, rather than in package i18n's catalog, because they
// are part of the layout (the stamp's "М.П." is not a translation of an
// English message) and the package must be usable without the web layer's
// message keys; the Turkmen choices marked "review:" are for a native
// speaker to confirm. An unknown language falls back to Russian.
//
// # HTML
//
// HTML writes one self-contained page: html/template escaping, embedded CSS
// with @page A4 and print margins, no scripts, no external resources.
//
// # PDF
//
// PDF writes A4 portrait with github.com/go-pdf/fpdf and the embedded
// Liberation Sans (fonts/, SIL Open Font License, see fonts/VENDOR.md),
// which has the Cyrillic and the Turkmen Latin letters. A letter the font
// lacks is printed as "?". Table rows wrap their long text, break across
// pages with the header repeated, and the pages are numbered "1/2" when
// there is more than one. The output is deterministic: the same form gives
// the same bytes (fixed creation date, sorted catalogs).
//
// # Limits
//
// A form has at most MaxRows table rows and MaxColumns columns, and no text
// longer than MaxText bytes; its PDF has at most MaxPages pages. More is an
// error with code ledger.EInvalid, because a printed form that long is a
// mistake, not a document.
//
// # Imports
//
// The standard library, hasap/ledger (for the date and the error codes) and
// github.com/go-pdf/fpdf. No I/O beyond the writer it is given; no store,
// no net/http.
package printform
