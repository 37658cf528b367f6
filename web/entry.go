package web

import (
	"net/http"
	"strconv"

	"hasap/i18n"
	"hasap/ledger"
	"hasap/money"
)

type entryData struct {
	*page
	Entry    ledger.Entry
	Names    names
	Reverses *ledger.Entry // the entry this one reverses, if any
	Total    money.Amount
	RevDate  string // the reversal form's date
}

// entry shows one entry with its postings, and to those who may post, the
// buttons that reverse it or post its red storno.
func (s *server) entry(w http.ResponseWriter, r *http.Request, q *request) {
	year, number, ok := entryNumber(r)
	if !ok {
		s.notFoundPage(w, r, q)
		return
	}
	s.showEntry(w, r, q, year, number, http.StatusOK, "", isoDate(dateOf(q.now)))
}

// entryNumber reads {year}/{number} from the path.
func entryNumber(r *http.Request) (int, int64, bool) {
	year, err1 := strconv.Atoi(r.PathValue("year"))
	number, err2 := strconv.ParseInt(r.PathValue("number"), 10, 64)
	return year, number, err1 == nil && err2 == nil && year > 0 && number > 0
}

// showEntry renders the entry page, with an error message from a failed
// reversal when msg ≠ "".
func (s *server) showEntry(w http.ResponseWriter, r *http.Request, q *request, year int, number int64, status int, msg, revDate string) {
	ctx := r.Context()
	e, err := s.app.EntryByNumber(ctx, q.actor, q.org.Code, year, number)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	p := s.newPage(r, q, i18n.T(q.lang, "Entry")+" "+strconv.Itoa(e.Year)+"/"+strconv.FormatInt(e.Number, 10))
	p.Nav = "journal"
	p.Error = msg
	d := &entryData{page: p, Entry: e, RevDate: revDate}
	if d.Names, err = s.names(r, q, p, []ledger.Entry{e}); err != nil {
		s.fail(w, r, q, err)
		return
	}
	if e.Reverses != 0 {
		orig, err := s.app.EntryBySeq(ctx, q.actor, q.org.Code, e.Reverses)
		if err != nil {
			s.fail(w, r, q, err)
			return
		}
		d.Reverses = &orig
	}
	for _, pst := range e.Postings {
		if d.Total, err = money.Add(d.Total, pst.Amount); err != nil {
			s.fail(w, r, q, ledger.Errorf(ledger.EInvalid, "turnover out of range"))
			return
		}
	}
	s.render(w, r, status, "entry", "", d)
}
