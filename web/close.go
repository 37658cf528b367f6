package web

import (
	"net/http"
	"strings"

	"hasap/app"
	"hasap/auth"
	"hasap/doc"
	"hasap/i18n"
	"hasap/internal/httpx"
	"hasap/ledger"
	"hasap/money"
)

// The month close page, /o/{org}/close?month=yyyy-mm: the closing steps
// of a month (app.MonthClose) with their state and what each would post,
// a button to post the next step or unpost the last one for who may close
// a period (auth.SetLockDate and auth.PostEntries), the lock date, and
// for the owner a form to reopen the books with a reason. Every member
// reads it.

type closeData struct {
	*page
	MC          app.MonthClose
	Month       string // yyyy-mm
	Prev, Next  string // the months before and after
	Steps       []closeStepView
	Names       names
	CanClose    bool   // the role may post and unpost the steps
	CloseButton string // the step whose post closes a month with nothing left to post
	ReopenTo    string // the reopen form as typed
	Reason      string
	ReopenErr   string
	Saved       string // "reopen" after a reopening
}

// closeStepView is one step as the page shows it.
type closeStepView struct {
	Type, Title string
	State       app.StepState
	Doc         *app.Document
	Preview     []ledger.Posting
	Total       money.Amount
	Entry       ledger.Entry // the posted entry, zero when not posted
	EntryTotal  money.Amount
	Err         string
	CanPost     bool
	CanUnpost   bool
}

// StateName is a step's state in the page's language.
func (d *closeData) StateName(s app.StepState) string {
	switch s {
	case app.StepToDo:
		return i18n.T(d.Lang, "to do")
	case app.StepNothing:
		return i18n.T(d.Lang, "nothing to post")
	case app.StepPosted:
		return i18n.T(d.Lang, "posted")
	case app.StepStale:
		return i18n.T(d.Lang, "out of date")
	}
	return string(s)
}

// MonthURL is the close page of month (yyyy-mm).
func (d *closeData) MonthURL(month string) string { return d.O("/close?month=" + month) }

// StepURL is the address of action (post, unpost) on step t of the month.
func (d *closeData) StepURL(action, t string) string {
	return d.O("/close/" + d.Month + "/" + action + "/" + t)
}

// closeMonthOf reads the month of the page: ?month=yyyy-mm, or the month
// after the lock date, or else last month.
func closeMonthOf(r *http.Request, q *request) (ledger.Date, error) {
	if m := strings.TrimSpace(r.URL.Query().Get("month")); m != "" {
		return app.ParseMonth(m)
	}
	if q.org.LockDate != ledger.NoDate {
		return q.org.LockDate + 1, nil
	}
	y, m, _ := q.now.Date()
	return ledger.DateOf(y, m, 1) - 1, nil
}

func monthString(d ledger.Date) string { return d.String()[:7] }

// closePage shows the close of a month.
func (s *server) closePage(w http.ResponseWriter, r *http.Request, q *request) {
	month, err := closeMonthOf(r, q)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	d, err := s.closePageData(r, q, month)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	d.Saved = r.URL.Query().Get("saved")
	s.render(w, r, http.StatusOK, "close", "", d)
}

func (s *server) closePageData(r *http.Request, q *request, month ledger.Date) (*closeData, error) {
	mc, err := s.app.MonthClose(r.Context(), q.actor, q.org.Code, month)
	if err != nil {
		return nil, err
	}
	p := s.newPage(r, q, i18n.T(q.lang, "Month close"))
	p.Nav = "close"
	p.Org = mc.Org
	d := &closeData{page: p, MC: mc, Month: monthString(mc.Start), Prev: monthString(mc.Start - 1), Next: monthString(mc.End + 1)}
	d.CanClose = q.role.Can(auth.SetLockDate) && q.role.Can(auth.PostEntries)
	var previews []ledger.Entry
	laterPosted := false
	for i := len(mc.Steps) - 1; i >= 0; i-- {
		st := mc.Steps[i]
		v := closeStepView{Type: string(st.Type), Title: doc.Title(st.Type, q.lang), State: st.State, Doc: st.Document, Preview: st.Preview}
		for _, p := range st.Preview {
			v.Total += p.Amount
		}
		v.Entry = st.Entry
		for _, p := range st.Entry.Postings {
			v.EntryTotal += p.Amount
		}
		if st.Err != nil {
			v.Err = i18n.Error(st.Err, q.lang)
		}
		posted := st.State == app.StepPosted || st.State == app.StepStale
		v.CanUnpost = d.CanClose && posted && !mc.Locked && !laterPosted
		laterPosted = laterPosted || posted
		d.Steps = append([]closeStepView{v}, d.Steps...)
		previews = append(previews, ledger.Entry{Postings: st.Preview}, st.Entry)
	}
	ready := true // the steps before are posted or have nothing to post
	for i := range d.Steps {
		v := &d.Steps[i]
		later := false
		for _, after := range d.Steps[i+1:] {
			later = later || after.State == app.StepPosted || after.State == app.StepStale
		}
		v.CanPost = d.CanClose && ready && !later && !mc.Locked && v.State == app.StepToDo && v.Err == ""
		ready = ready && (v.State == app.StepPosted || v.State == app.StepNothing)
	}
	if d.CanClose && mc.Done && !mc.Locked && len(d.Steps) > 0 {
		d.CloseButton = d.Steps[0].Type
	}
	if d.Names, err = s.names(r, q, p, previews); err != nil {
		return nil, err
	}
	return d, nil
}

// closeStep handles POST /close/{month}/{post|unpost}/{step}: then the
// page of the month again (303), or with the reason it could not be done.
func (s *server) closeStep(action string) func(http.ResponseWriter, *http.Request, *request) {
	return func(w http.ResponseWriter, r *http.Request, q *request) {
		if !parseForm(w, r) {
			return
		}
		month, err := app.ParseMonth(r.PathValue("month"))
		if err != nil {
			s.fail(w, r, q, err)
			return
		}
		step := doc.Type(r.PathValue("step"))
		if action == "post" {
			_, err = s.app.PostCloseStep(r.Context(), q.actor, q.org.Code, month, step)
		} else {
			_, err = s.app.UnpostCloseStep(r.Context(), q.actor, q.org.Code, month, step)
		}
		if err == nil {
			http.Redirect(w, r, s.newPage(r, q, "").O("/close?month="+monthString(month)), http.StatusSeeOther)
			return
		}
		s.closeFailed(w, r, q, month, err, nil)
	}
}

// closeFailed shows the month's page with why an action failed; a role
// that may not, or a month or step that does not exist, gets the error
// page.
func (s *server) closeFailed(w http.ResponseWriter, r *http.Request, q *request, month ledger.Date, err error, edit func(*closeData)) {
	code := ledger.ErrorCode(err)
	if code != ledger.EInvalid && code != ledger.EConflict && code != ledger.ELocked {
		s.fail(w, r, q, err)
		return
	}
	if org, oerr := s.app.Org(r.Context(), q.actor, q.org.Code); oerr == nil {
		q.org = org // the lock date as of now
	}
	d, perr := s.closePageData(r, q, month)
	if perr != nil {
		s.fail(w, r, q, perr)
		return
	}
	if edit != nil {
		edit(d)
	} else {
		d.Error = i18n.Error(err, q.lang)
	}
	s.render(w, r, httpx.Status(code), "close", "", d)
}

// closeReopen handles POST /close/reopen: the owner moves the lock date
// back (to empty: no lock date) for the reason given.
func (s *server) closeReopen(w http.ResponseWriter, r *http.Request, q *request) {
	if !parseForm(w, r) {
		return
	}
	month, err := app.ParseMonth(r.PostForm.Get("month"))
	if err != nil {
		month = q.org.LockDate
	}
	typed, reason := strings.TrimSpace(r.PostForm.Get("to")), r.PostForm.Get("reason")
	to := ledger.NoDate
	if typed != "" {
		to, err = parseDate(typed)
	}
	if err == nil {
		err = s.app.Reopen(r.Context(), q.actor, q.org.Code, to, reason)
	}
	if err == nil {
		http.Redirect(w, r, s.newPage(r, q, "").O("/close?month="+monthString(month)+"&saved=reopen"), http.StatusSeeOther)
		return
	}
	s.closeFailed(w, r, q, month, err, func(d *closeData) {
		d.ReopenTo, d.Reason, d.ReopenErr = typed, reason, i18n.Error(err, q.lang)
	})
}

// DescribeDoc names a step's document as paper does.
func (d *closeData) DescribeDoc(x *app.Document) string { return doc.Describe(x.Document, d.Lang) }
