package web

import (
	"context"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"hasap/auth"
	"hasap/i18n"
	"hasap/ledger"
	"hasap/money"
)

// Seams for tests only (import_export_test.go): a lower upload limit
// (0: maxImportBytes), and a function every progress report of a running
// import calls.
var (
	importLimitForTest atomic.Int64
	importProgressHook atomic.Pointer[func(lines, txns int)]
)

// importLimit is the most a journal upload may send.
func importLimit() int64 {
	if n := importLimitForTest.Load(); n > 0 {
		return n
	}
	return maxImportBytes
}

// isImportUpload reports whether path is the import page of an
// organisation, /o/{org}/import, whose POST may send importLimit bytes
// (limitBody).
func isImportUpload(path string) bool {
	rest, ok := strings.CutPrefix(path, "/o/")
	if !ok {
		return false
	}
	org, tail, ok := strings.Cut(rest, "/")
	return ok && org != "" && tail == "import"
}

type importFormData struct {
	*page
	Limit string // the upload limit, "512 MiB"
	Jobs  []importStatus
}

// importForm shows the form that uploads an hledger/ledger journal, what
// the format may hold, and the user's recent imports here.
func (s *server) importForm(w http.ResponseWriter, r *http.Request, q *request) {
	if _, _, err := s.app.Authorize(r.Context(), q.actor, q.org.Code, auth.PostEntries); err != nil {
		s.fail(w, r, q, err) // the role may not import: app says so in the user's language
		return
	}
	s.renderImportForm(w, r, q, http.StatusOK, "")
}

func (s *server) renderImportForm(w http.ResponseWriter, r *http.Request, q *request, status int, msg string) {
	p := s.newPage(r, q, i18n.T(q.lang, "Import a journal"))
	p.Nav, p.Error = "import", msg
	d := &importFormData{page: p, Limit: p.Size(importLimit()), Jobs: s.imports.mine(q.actor.User, q.org.ID)}
	s.render(w, r, status, "import", "", d)
}

// importPost streams the uploaded journal to a temporary file, starts its
// import in the background and sends the browser to the job's page. The
// upload may take long on a slow line, so its deadlines are the import's
// own, not the server's.
func (s *server) importPost(w http.ResponseWriter, r *http.Request, q *request) {
	if _, _, err := s.app.Authorize(r.Context(), q.actor, q.org.Code, auth.PostEntries); err != nil {
		s.fail(w, r, q, err)
		return
	}
	if !s.imports.reserve(q.org.ID) {
		s.renderImportForm(w, r, q, http.StatusConflict,
			i18n.T(q.lang, "An import is already running in this organisation. Wait until it ends, then try again."))
		return
	}
	handedOver := false
	defer func() {
		if !handedOver {
			s.imports.release(q.org.ID)
		}
	}()
	rc := http.NewResponseController(w)
	rc.SetReadDeadline(time.Now().Add(importUploadTime)) // ErrNotSupported: the server's own deadlines stay
	rc.SetWriteDeadline(time.Now().Add(importUploadTime + time.Minute))

	path, name, size, err := receiveJournal(r)
	if err != nil {
		status, msg := s.uploadProblem(q, err)
		s.renderImportForm(w, r, q, status, msg)
		return
	}
	j := &importJob{user: q.actor.User, org: q.org.ID, file: name, size: size, started: s.opts.Now()}
	if !s.imports.add(j) {
		os.Remove(path)
		s.renderImportForm(w, r, q, http.StatusServiceUnavailable,
			i18n.T(q.lang, "The server is running too many imports. Please try again in a few minutes."))
		return
	}
	handedOver = true
	org := q.org.Code
	s.imports.run(s.app, q.actor, org, j, path, func(err error) {
		if err != nil && ledger.ErrorCode(err) == ledger.EInternal && !errors.Is(err, context.Canceled) {
			s.log.Error("import", "org", org, "file", name, "err", err)
		}
	})
	http.Redirect(w, r, "/o/"+url.PathEscape(org)+"/import/"+j.id, http.StatusSeeOther)
}

// errNoFile is an upload without a file in it.
var errNoFile = errors.New("no file")

// receiveJournal copies the form's file part to a temporary file, without
// holding it in memory, and returns the file's path, the name the browser
// gave it, and its size. On an error nothing is left behind.
func receiveJournal(r *http.Request) (path, name string, size int64, err error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return "", "", 0, errNoFile
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return "", "", 0, errNoFile
		}
		if err != nil {
			return "", "", 0, err
		}
		if part.FormName() != "file" || part.FileName() == "" {
			part.Close()
			continue
		}
		path, size, err := savePart(part)
		if err != nil {
			return "", "", 0, err
		}
		if size == 0 {
			os.Remove(path)
			return "", "", 0, errNoFile
		}
		return path, clipName(part.FileName()), size, nil
	}
}

func savePart(part *multipart.Part) (string, int64, error) {
	defer part.Close()
	f, err := os.CreateTemp("", "hasap-import-*.journal")
	if err != nil {
		return "", 0, err
	}
	size, err := io.Copy(f, part)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", 0, err
	}
	return f.Name(), size, nil
}

// clipName keeps a file name to what a page shows: its last 120 runes.
func clipName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:] // some browsers send the path
	}
	if !utf8.ValidString(name) {
		name = strings.ToValidUTF8(name, "?")
	}
	if r := []rune(name); len(r) > 120 {
		name = "…" + string(r[len(r)-120:])
	}
	return name
}

// uploadProblem says what was wrong with an upload, in the user's language.
func (s *server) uploadProblem(q *request, err error) (int, string) {
	var tooLarge *http.MaxBytesError
	switch {
	case errors.Is(err, errNoFile):
		return http.StatusUnprocessableEntity, i18n.T(q.lang, "Choose a journal file to import; it must not be empty.")
	case errors.As(err, &tooLarge):
		return http.StatusRequestEntityTooLarge, i18n.Error(ledger.Errorf(ledger.EInvalid,
			"the file is larger than %s, the most an import may be; split the journal by year and import the parts one by one",
			sizeText(importLimit(), money.Locale(q.lang))), q.lang)
	}
	s.log.Warn("import upload", "org", q.org.Code, "err", err)
	return http.StatusBadRequest, i18n.T(q.lang, "The upload broke off before the whole file arrived. Please try again.")
}

type importJobData struct {
	*page
	Job     importStatus
	Self    string // this page's address
	Failure string // why the import failed, in the page's language
	Elapsed string
}

// importJob shows how far an import is: a page that reloads itself every
// two seconds without JavaScript, or whose status part htmx fetches every
// second, until the import is done or has failed. Only the user who
// started the import sees it; anyone else gets 404.
func (s *server) importJob(w http.ResponseWriter, r *http.Request, q *request) {
	if _, _, err := s.app.Authorize(r.Context(), q.actor, q.org.Code, auth.PostEntries); err != nil {
		s.fail(w, r, q, err)
		return
	}
	j := s.imports.get(r.PathValue("job"), q.actor.User, q.org.ID)
	if j == nil {
		s.notFoundPage(w, r, q)
		return
	}
	st := j.status()
	p := s.newPage(r, q, i18n.T(q.lang, "Import a journal"))
	p.Nav = "import"
	d := &importJobData{page: p, Job: st, Self: p.O("/import/" + st.ID)}
	end := st.End
	if st.Running {
		end = s.opts.Now()
	}
	d.Elapsed = money.Format(money.Amount(end.Sub(st.Started)/(100*time.Millisecond)), 1, p.loc) + " " + i18n.T(q.lang, "sec")
	if st.Err != nil {
		d.Failure = s.importFailure(q, st)
	}
	w.Header().Add("Vary", "HX-Request")
	if r.Header.Get("HX-Request") == "true" {
		s.render(w, r, http.StatusOK, "import_job", "import-status", d)
		return
	}
	s.render(w, r, http.StatusOK, "import_job", "", d)
}

// importFailure is why an import failed, for the user: the rule it broke
// with its line, or a plain word for the server's own trouble.
func (s *server) importFailure(q *request, st importStatus) string {
	switch {
	case st.Stopped:
		return i18n.T(q.lang, "The server was stopped before the import finished.")
	case ledger.ErrorCode(st.Err) == ledger.EInternal:
		return i18n.T(q.lang, "Something went wrong on the server. Please try again.")
	}
	return i18n.Error(st.Err, q.lang)
}

// Num writes a count with the language's thousands separator.
func (p *page) Num(n int) string { return money.Format(money.Amount(n), 0, p.loc) }

// Size writes a file's size: "12,5 MiB", "3,2 KiB".
func (p *page) Size(bytes int64) string { return sizeText(bytes, p.loc) }

func sizeText(bytes int64, loc money.Locale) string {
	if bytes < 1<<20 {
		return money.Format(money.Amount(bytes*10/(1<<10)), 1, loc) + " KiB"
	}
	return money.Format(money.Amount(bytes*10/(1<<20)), 1, loc) + " MiB"
}
