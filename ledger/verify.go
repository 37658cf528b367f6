package ledger

import (
	"fmt"
)

// Verifier recomputes an organisation's chain and totals from its entries,
// fed in chain order, and reports the first difference from what was
// stored. It is the heart of `hasap verify`.
type Verifier struct {
	org     OrgID
	seq     int64
	prev    Hash
	years   map[int]int64
	derived *Derived
	buf     []byte
	cpSeq   int64
	cpHash  Hash
	// Postings counts the postings seen.
	Postings int64
}

// NewVerifier starts a verification of org's chain from its beginning.
func NewVerifier(org OrgID) *Verifier {
	return &Verifier{org: org, years: map[int]int64{}, derived: NewDerived()}
}

// Add checks the next stored entry: its position, its link to the previous
// hash, its own hash, its number, and adds it to the recomputed totals.
func (v *Verifier) Add(e *Entry) error {
	want := v.seq + 1
	switch {
	case e.Org != v.org:
		return Errorf(ETampered, "entry seq %d belongs to organisation %d, not %d", e.Seq, e.Org, v.org)
	case e.Seq < want:
		return Errorf(ETampered, "entry seq %d appears after seq %d: entries reordered or duplicated", e.Seq, v.seq)
	case e.Seq > want:
		return Errorf(ETampered, "entry seq %d is missing (next stored is %d): entries deleted", want, e.Seq)
	case e.PrevHash != v.prev:
		return Errorf(ETampered, "entry seq %d (%d/%d): previous-hash link broken: entries inserted, deleted or reordered before it", e.Seq, e.Year, e.Number)
	}
	var h Hash
	h, v.buf = e.ComputeHash(v.prev, v.buf)
	if h != e.Hash {
		return Errorf(ETampered, "entry seq %d (%d/%d, %s): content does not match its hash: the entry or its postings were changed", e.Seq, e.Year, e.Number, e.Date)
	}
	if e.Year != e.Date.Year() {
		return Errorf(ETampered, "entry seq %d: fiscal year %d does not match date %s", e.Seq, e.Year, e.Date)
	}
	if e.Number != v.years[e.Year]+1 {
		return Errorf(ETampered, "entry seq %d: number %d/%d follows %d/%d: numbering has a gap", e.Seq, e.Year, e.Number, e.Year, v.years[e.Year])
	}
	if e.Seq == v.cpSeq && e.Hash != v.cpHash {
		return Errorf(ETampered, "entry seq %d does not match the checkpoint's head hash: the books before the checkpoint were changed", e.Seq)
	}
	v.years[e.Year] = e.Number
	v.seq, v.prev = e.Seq, e.Hash
	v.Postings += int64(len(e.Postings))
	if err := v.derived.AddEntry(e); err != nil {
		return Errorf(ETampered, "entry seq %d: %s", e.Seq, err)
	}
	return nil
}

// Seq returns the last sequence verified, and Head its hash.
func (v *Verifier) Seq() int64 { return v.seq }

// Head returns the hash of the last entry verified.
func (v *Verifier) Head() Hash { return v.prev }

// ExpectCheckpoint makes the verifier check that the entry at seq has the
// given hash (a checkpoint exported earlier); CheckHead then also fails when
// the chain ends before seq.
func (v *Verifier) ExpectCheckpoint(seq int64, hash Hash) {
	v.cpSeq, v.cpHash = seq, hash
}

// CheckHead compares the recomputed chain end with the recorded head.
func (v *Verifier) CheckHead(seq int64, hash Hash, years map[int]int64) error {
	if v.cpSeq > v.seq {
		return Errorf(ETampered, "the checkpoint is at seq %d but entries end at seq %d: the tail was truncated", v.cpSeq, v.seq)
	}
	if seq != v.seq {
		if seq > v.seq {
			return Errorf(ETampered, "the recorded head is seq %d but entries end at seq %d: entries deleted from the tail", seq, v.seq)
		}
		return Errorf(ETampered, "entries run to seq %d but the recorded head is seq %d: entries appended outside Hasap", v.seq, seq)
	}
	if hash != v.prev {
		return Errorf(ETampered, "the recorded head hash does not match the last entry (seq %d)", seq)
	}
	for y, n := range years {
		if v.years[y] != n {
			return Errorf(ETampered, "the recorded last number of %d is %d but entries end at %d", y, n, v.years[y])
		}
	}
	for y, n := range v.years {
		if years[y] != n {
			return Errorf(ETampered, "entries of %d run to number %d but the recorded last number is %d", y, n, years[y])
		}
	}
	return nil
}

// CheckTotals compares stored monthly totals with those recomputed.
func (v *Verifier) CheckTotals(stored []TotalRow) error {
	seen := make(map[TotalKey]bool, len(stored))
	for _, r := range stored {
		seen[r.Key] = true
		if got := v.derived.Totals[r.Key]; got != r.Turnover {
			return Errorf(ETampered, "totals of %s differ from the postings: stored %s, postings give %s", describeKey(r.Key), describeTurnover(r.Turnover), describeTurnover(got))
		}
	}
	for _, r := range v.derived.Totals.Rows() {
		if !seen[r.Key] && !r.Turnover.IsZero() {
			return Errorf(ETampered, "totals of %s are missing: postings give %s", describeKey(r.Key), describeTurnover(r.Turnover))
		}
	}
	return nil
}

// CheckDayTotals compares stored day totals with those recomputed.
func (v *Verifier) CheckDayTotals(stored DayTotals) error {
	for k, t := range stored {
		if got := v.derived.Days[k]; got != t {
			return Errorf(ETampered, "day totals of %s %s on %s differ from the postings: stored %s, postings give %s", k.Account, k.Currency, k.Day, describeTurnover(t), describeTurnover(got))
		}
	}
	for k, t := range v.derived.Days {
		if _, ok := stored[k]; !ok && !t.IsZero() {
			return Errorf(ETampered, "day totals of %s %s on %s are missing", k.Account, k.Currency, k.Day)
		}
	}
	return nil
}

func describeKey(k TotalKey) string {
	s := fmt.Sprintf("account %s, month %d-%02d", k.Account, k.Month/100, k.Month%100)
	if k.Currency != "" {
		s += ", currency " + k.Currency
	}
	if k.Analytics != [MaxAnalytics]AnalyticID{} {
		s += fmt.Sprintf(", analytics %v", k.Analytics)
	}
	return s
}

func describeTurnover(t Turnover) string {
	return fmt.Sprintf("Dt %d Kt %d (minor units; currency Dt %d Kt %d; qty Dt %d Kt %d)",
		t.Debit, t.Credit, t.DebitCur, t.CreditCur, t.DebitQty, t.CreditQty)
}
