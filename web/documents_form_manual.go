package web

import (
	"hasap/doc"
	"hasap/i18n"
	"hasap/ledger"
)

// manual reads the form of a manual operation: Dt/Kt postings typed by
// hand with their analytics, in the base currency, read and checked as
// the entry form's (entry_post.go) so that each problem shows at its
// account, analytic or amount when the draft is saved.
func (d *docReader) manual(x *doc.Document) {
	f := d.f
	x.Refs, x.Lines, x.Postings = doc.Refs{}, nil, nil
	var rowOf []int
	for i := range f.Rows {
		row := &f.Rows[i]
		if row.empty() {
			continue
		}
		pst, ok := d.s.buildPosting(d.r, d.q, d.chart, row)
		if !ok {
			d.ok = false
			continue
		}
		x.Postings = append(x.Postings, pst)
		rowOf = append(rowOf, i)
	}
	if len(x.Postings) == 0 {
		if d.ok {
			d.fail(&f.Rows[0].RowErr, i18n.T(d.q.lang, "Fill in at least one posting: Dt account, Kt account and amount."))
		}
		return
	}
	// The postings as the entry would have them: the date's own problem
	// is shown already, so a stand-in is checked in its place.
	check := ledger.Entry{Date: x.Date, Description: doc.Title(x.Type, d.q.lang), Postings: x.Postings}
	if f.DateErr != "" {
		check.Date = dateOf(d.q.now)
	}
	problems, err := d.s.app.CheckEntry(d.r.Context(), d.q.actor, d.q.org.Code, check)
	if err != nil {
		d.fail(&f.FormErr, i18n.Error(err, d.q.lang))
		return
	}
	if len(problems) > 0 {
		ef := &entryForm{Rows: f.Rows, DateErr: f.DateErr}
		placeProblems(ef, problems, rowOf, d.q.lang)
		f.DateErr, f.FormErr, d.ok = ef.DateErr, ef.FormErr, false
	}
}
