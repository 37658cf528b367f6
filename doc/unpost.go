package doc

import "hasap/ledger"

// Unpost returns the entry that cancels posted, the entry d posted: its
// red storno (ledger's Reversal with storno true), dated like posted. A CIS
// accountant unposting a document expects the document's postings to
// vanish from the period's turnover, not to appear twice (once on each
// side), and that is what a red storno in the same period does: the same
// correspondence with negative amounts, currency amounts and quantities,
// so the trial balance and the account cards of the period show the net
// movement. The store refuses it as any other entry when the period is
// locked; correcting a closed period is then a new document in an open
// one.
//
// posted must be d's entry: the Seq d keeps in Entry (when d keeps one)
// and the reference d.Ref(); otherwise Unpost returns EConflict.
func Unpost(d Document, posted ledger.Entry) (ledger.Entry, error) {
	if d.Status != Posted {
		return ledger.Entry{}, ledger.Errorf(ledger.EConflict, "the document is not posted")
	}
	if posted.Document != d.Ref() || (d.Entry != 0 && posted.Seq != d.Entry) {
		return ledger.Entry{}, ledger.Errorf(ledger.EConflict, "entry %d is not the entry of document %s", posted.Seq, d.Ref())
	}
	r, err := posted.Reversal(posted.Date, true)
	if err != nil {
		return ledger.Entry{}, err
	}
	r.Document = posted.Document
	return r, nil
}
