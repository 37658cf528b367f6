package web

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"hasap/app"
	"hasap/auth"
	"hasap/i18n"
	"hasap/ledger"
)

// maxCheckpointBytes caps an uploaded checkpoint file: a real one is
// about 400 bytes.
const maxCheckpointBytes = 16 << 10

type controlData struct {
	*page
	State    app.ControlState
	LockDate string // the lock date field as typed
	LockErr  string // its problem, in the page's language
	Saved    bool   // the lock date was just set
	Verified *verifyOutcome
	CPErr    string // a problem with the uploaded checkpoint file
}

// verifyOutcome is the answer of a verification run from the page.
type verifyOutcome struct {
	OK      bool
	Result  app.VerifyResult
	Problem string          // the first difference, in the page's language
	Against *app.Checkpoint // the checkpoint verified against, if any
}

// HeadShort is the chain head's hash, shortened for reading.
func (d *controlData) HeadShort() string { return shortHash(d.State.Head) }

// ResultHead is the verified head's hash, shortened.
func (v *verifyOutcome) ResultHead() string { return shortHash(v.Result.Head) }

func shortHash(h ledger.Hash) string {
	if h == (ledger.Hash{}) {
		return ""
	}
	return h.String()[:16]
}

// control shows the lock date, the chain head and the last verification,
// and to each role the forms it may use: set the lock date, verify, sign
// a checkpoint, export the journal.
func (s *server) control(w http.ResponseWriter, r *http.Request, q *request) {
	d, err := s.controlPage(r, q)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	d.Saved = r.URL.Query().Get("saved") == "lock"
	s.render(w, r, http.StatusOK, "control", "", d)
}

func (s *server) controlPage(r *http.Request, q *request) (*controlData, error) {
	st, err := s.app.Control(r.Context(), q.actor, q.org.Code)
	if err != nil {
		return nil, err
	}
	p := s.newPage(r, q, i18n.T(q.lang, "Lock date and verification"))
	p.Nav = "control"
	p.Org = st.Org // the lock date as of now
	return &controlData{page: p, State: st, LockDate: isoDate(st.Org.LockDate)}, nil
}

// controlLockDate moves the lock date (or clears it, with the "clear"
// button). app refuses a role that may not, and moving it back to anyone
// but an owner; the page then says why, at the form.
func (s *server) controlLockDate(w http.ResponseWriter, r *http.Request, q *request) {
	if !parseForm(w, r) {
		return
	}
	typed := strings.TrimSpace(r.PostForm.Get("date"))
	date, err := ledger.NoDate, error(nil)
	if r.PostForm.Get("clear") == "" {
		if typed == "" {
			err = ledger.Errorf(ledger.EInvalid, "enter the lock date")
		} else {
			date, err = parseDate(typed)
		}
	}
	if err == nil {
		err = s.app.SetLockDate(r.Context(), q.actor, q.org.Code, date)
		if err == nil {
			http.Redirect(w, r, s.newPage(r, q, "").O("/control?saved=lock"), http.StatusSeeOther)
			return
		}
	}
	code := ledger.ErrorCode(err)
	if code != ledger.EInvalid && code != ledger.EForbidden {
		s.fail(w, r, q, err)
		return
	}
	d, perr := s.controlPage(r, q)
	if perr != nil {
		s.fail(w, r, q, perr)
		return
	}
	d.LockDate, d.LockErr = typed, i18n.Error(err, q.lang)
	if !q.role.Can(auth.SetLockDate) {
		d.Error = d.LockErr // the page has no lock date form to show it at
	}
	status := http.StatusUnprocessableEntity
	if code == ledger.EForbidden {
		status = http.StatusForbidden
	}
	s.render(w, r, status, "control", "", d)
}

// controlVerify recomputes the chain and the totals (about a second for
// 100 000 entries) and shows the outcome on the page: the figures, or the
// first difference. With a checkpoint file it also proves the chain still
// runs through the checkpoint's head.
func (s *server) controlVerify(w http.ResponseWriter, r *http.Request, q *request) {
	if _, _, err := s.app.Authorize(r.Context(), q.actor, q.org.Code, auth.VerifyBooks); err != nil {
		s.fail(w, r, q, err)
		return
	}
	cp, cpErr, ok := readCheckpoint(w, r)
	if !ok {
		return
	}
	var out *verifyOutcome
	if cpErr == nil {
		res, err := s.app.Verify(r.Context(), q.actor, q.org.Code, cp)
		switch ledger.ErrorCode(err) {
		case "":
			out = &verifyOutcome{OK: true, Result: res, Against: cp}
		case ledger.ETampered, ledger.EInvalid, ledger.ENotFound: // ENotFound: no key has signed a checkpoint here
			out = &verifyOutcome{Problem: i18n.Error(err, q.lang), Against: cp}
		default:
			s.fail(w, r, q, err)
			return
		}
	}
	d, err := s.controlPage(r, q) // after the verification: its audit row is the last one
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	d.Verified = out
	status := http.StatusOK
	if cpErr != nil {
		d.CPErr, status = i18n.Error(cpErr, q.lang), http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "control", "", d)
}

// readCheckpoint reads the optional checkpoint file of the verify form
// (multipart); without a file cp is nil. ok is false when the request
// itself could not be read and an answer has been written.
func readCheckpoint(w http.ResponseWriter, r *http.Request) (cp *app.Checkpoint, cpErr error, ok bool) {
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct != "multipart/form-data" {
		return nil, nil, parseForm(w, r)
	}
	if err := r.ParseMultipartForm(maxBodyBytes); err != nil {
		status := http.StatusBadRequest
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			status = http.StatusRequestEntityTooLarge
		}
		http.Error(w, http.StatusText(status), status)
		return nil, nil, false
	}
	f, _, err := r.FormFile("checkpoint")
	if errors.Is(err, http.ErrMissingFile) {
		return nil, nil, true
	}
	if err != nil {
		return nil, err, true
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxCheckpointBytes+1))
	if err != nil {
		return nil, err, true
	}
	if len(b) == 0 {
		return nil, nil, true // an empty file field: no checkpoint chosen
	}
	if len(b) > maxCheckpointBytes {
		return nil, ledger.Errorf(ledger.EInvalid, "the checkpoint file is larger than %d bytes", maxCheckpointBytes), true
	}
	cp, err = app.ParseCheckpoint(b)
	return cp, err, true
}

// controlCheckpoint verifies the books and sends a signed checkpoint of
// their head as a JSON file, which an auditor keeps to prove later that
// nothing up to it changed. Books that fail verification get no
// checkpoint: the page shows the difference instead.
func (s *server) controlCheckpoint(w http.ResponseWriter, r *http.Request, q *request) {
	cp, err := s.app.MakeCheckpoint(r.Context(), q.actor, q.org.Code)
	if ledger.IsCode(err, ledger.ETampered) {
		d, perr := s.controlPage(r, q)
		if perr != nil {
			s.fail(w, r, q, perr)
			return
		}
		d.Verified = &verifyOutcome{Problem: i18n.Error(err, q.lang)}
		s.render(w, r, http.StatusConflict, "control", "", d)
		return
	}
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	b, err := json.MarshalIndent(cp, "", "  ")
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	name := q.org.Code + "-checkpoint-" + itoa(int(cp.Seq)) + "-" + cp.Time.Format("2006-01-02") + ".json"
	download(w, "application/json", name)
	w.Write(append(b, '\n'))
}

// controlExport streams the books as an hledger journal. The role is
// checked before the first byte; an error after it breaks the download
// off (the connection is aborted), so that a cut file never looks whole.
func (s *server) controlExport(w http.ResponseWriter, r *http.Request, q *request) {
	if _, _, err := s.app.Authorize(r.Context(), q.actor, q.org.Code, auth.ExportBooks); err != nil {
		s.fail(w, r, q, err)
		return
	}
	cw := &countingWriter{w: w}
	download(w, "text/plain; charset=utf-8", q.org.Code+"-"+dateOf(q.now).String()+".journal")
	if _, err := s.app.ExportLedger(r.Context(), q.actor, q.org.Code, cw); err != nil {
		if cw.n == 0 {
			for _, h := range []string{"Content-Disposition", "Content-Type"} {
				w.Header().Del(h)
			}
			s.fail(w, r, q, err)
			return
		}
		s.log.Error("export", "org", q.org.Code, "after_bytes", cw.n, "err", err)
		panic(http.ErrAbortHandler)
	}
}

// download sets the headers of a file to save: its type, its name, and
// no caching anywhere (the books must not linger in a shared cache).
func download(w http.ResponseWriter, contentType, name string) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	h.Set("Cache-Control", "no-store")
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}
