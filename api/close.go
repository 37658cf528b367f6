package api

import (
	"net/http"

	"hasap/app"
	"hasap/doc"
	"hasap/i18n"
	"hasap/ledger"
	"hasap/money"
)

// The month close (app.MonthClose): GET /orgs/{org}/close/{month} shows a
// month's steps with their state and what each would post; POST
// /orgs/{org}/close/{month}/steps/{step} posts a step and .../unpost
// unposts it (the owner and the chief accountant); POST /orgs/{org}/reopen
// moves the lock date back for a reason (the owner). {month} is yyyy-mm.

// MonthClose is a month's close.
type MonthClose struct {
	Month    string      `json:"month"`
	From     string      `json:"from"`
	To       string      `json:"to"`
	LockDate string      `json:"lock_date"` // "" for none
	Locked   bool        `json:"locked"`    // the lock date is on or after the month's end
	Done     bool        `json:"done"`      // every step is posted or has nothing to post
	Steps    []CloseStep `json:"steps"`
}

// CloseStep is one step of a month's close.
type CloseStep struct {
	Step     string       `json:"step"`  // the closing document's type
	Title    string       `json:"title"` // its name in the caller's language
	State    string       `json:"state"` // todo, nothing, posted, stale
	Document *DocumentRef `json:"document,omitempty"`
	// DocumentStatus is the document's: posted, or draft after an unpost.
	DocumentStatus string    `json:"document_status,omitempty"`
	Entry          *EntryRef `json:"entry,omitempty"`
	Preview        []Posting `json:"preview"` // what posting it now would post (more)
	Error          string    `json:"error,omitempty"`
}

// ReopenInput is the body of a reopening: the new lock date ("" for
// none) and the reason, which the audit log keeps.
type ReopenInput struct {
	To     string `json:"to"`
	Reason string `json:"reason"`
}

// ReopenResult is the lock date after a reopening ("" for none).
type ReopenResult struct {
	LockDate string `json:"lock_date"`
}

func (s *server) monthClose(w http.ResponseWriter, r *http.Request, q *request) error {
	month, err := app.ParseMonth(r.PathValue("month"))
	if err != nil {
		return err
	}
	mc, err := s.app.MonthClose(r.Context(), q.actor, r.PathValue("org"), month)
	if err != nil {
		return err
	}
	return s.writeMonthClose(w, r, q, mc)
}

func (s *server) closeStep(unpost bool) handler {
	return func(w http.ResponseWriter, r *http.Request, q *request) error {
		month, err := app.ParseMonth(r.PathValue("month"))
		if err != nil {
			return err
		}
		step := doc.Type(r.PathValue("step"))
		var mc app.MonthClose
		if unpost {
			mc, err = s.app.UnpostCloseStep(r.Context(), q.actor, r.PathValue("org"), month, step)
		} else {
			mc, err = s.app.PostCloseStep(r.Context(), q.actor, r.PathValue("org"), month, step)
		}
		if err != nil {
			return err
		}
		return s.writeMonthClose(w, r, q, mc)
	}
}

func (s *server) reopen(w http.ResponseWriter, r *http.Request, q *request) error {
	var in ReopenInput
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	to := ledger.NoDate
	if in.To != "" {
		var err error
		if to, err = ledger.ParseDate(in.To); err != nil {
			return ledger.Errorf(ledger.EInvalid, "to: want a date yyyy-mm-dd")
		}
	}
	if err := s.app.Reopen(r.Context(), q.actor, r.PathValue("org"), to, in.Reason); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, ReopenResult{LockDate: in.To})
	return nil
}

func (s *server) writeMonthClose(w http.ResponseWriter, r *http.Request, q *request, mc app.MonthClose) error {
	var es []ledger.Entry
	for _, st := range mc.Steps {
		es = append(es, ledger.Entry{Postings: st.Preview})
	}
	n, err := s.entryNames(r.Context(), q, mc.Org.Code, es)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, MonthCloseJSON(mc, q.lang, n))
	return nil
}

// MonthCloseJSON is mc as the API shows it, in lang.
func MonthCloseJSON(mc app.MonthClose, lang string, n entryNames) MonthClose {
	out := MonthClose{Month: mc.Start.String()[:7], From: mc.Start.String(), To: mc.End.String(), Locked: mc.Locked, Done: mc.Done, Steps: []CloseStep{}}
	if mc.Org.LockDate != ledger.NoDate {
		out.LockDate = mc.Org.LockDate.String()
	}
	base := mc.Org.Currency
	if base.Code == "" {
		base = money.MustLookup("TMT")
	}
	for _, st := range mc.Steps {
		v := CloseStep{Step: string(st.Type), Title: doc.Title(st.Type, lang), State: string(st.State), Preview: []Posting{}}
		if d := st.Document; d != nil {
			v.Document = &DocumentRef{ID: d.ID, Type: string(d.Type), Number: d.Number, Date: d.Date.String(), Ref: d.Ref()}
			v.DocumentStatus = string(d.Status)
		}
		if st.Entry.Seq != 0 {
			v.Entry = &EntryRef{Seq: st.Entry.Seq, Year: st.Entry.Year, Number: st.Entry.Number}
		}
		for _, p := range st.Preview {
			v.Preview = append(v.Preview, Posting{Debit: sideJSON(p.Debit, base, n), Credit: sideJSON(p.Credit, base, n), Amount: money.Decimal(p.Amount, base.Exponent)})
		}
		if st.Err != nil {
			v.Error = i18n.Error(st.Err, lang)
		}
		out.Steps = append(out.Steps, v)
	}
	return out
}
