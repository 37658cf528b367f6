package web_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"hasap/app"
	"hasap/auth"
	"hasap/ledger"
	"hasap/report"
	"hasap/store"
	"hasap/web"
)

// importOrg creates an organisation of the import tests' own (the cis
// chart, nothing posted), so that no other test's books change: the demo
// accountant may import, the demo owner is its owner, the viewer and the
// clerk are members who may not import. acme's user is not a member.
func importOrg(t *testing.T, f *fixture, code string) {
	t.Helper()
	ctx := context.Background()
	if _, err := f.app.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: code, Name: "Import " + code, Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	for _, m := range []struct {
		email string
		role  auth.Role
	}{{demoOwner, auth.Owner}, {demoAccountant, auth.Accountant}, {demoViewer, auth.Viewer}, {demoClerk, auth.Clerk}} {
		if err := f.app.AddMember(ctx, app.System, code, m.email, m.role); err != nil {
			t.Fatal(err)
		}
	}
}

// upload sends a journal as the import form does: multipart, the file in
// the field "file".
func (c *client) upload(path, name string, content []byte) (*http.Response, string) {
	c.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		c.t.Fatal(err)
	}
	fw.Write(content)
	mw.Close()
	req, err := http.NewRequest(http.MethodPost, c.f.srv.URL+path, &buf)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

var jobPath = regexp.MustCompile(`^/o/([a-z0-9-]+)/import/([0-9a-f]{32})$`)

// startImport uploads a journal and returns the job page it is sent to.
func startImport(t *testing.T, c *client, org, name, journal string) string {
	t.Helper()
	res, body := c.upload("/o/"+org+"/import", name, []byte(journal))
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !jobPath.MatchString(loc) {
		t.Fatalf("upload: %d to %q, want 303 to a job page:\n%s", res.StatusCode, loc, clip(body))
	}
	return loc
}

// running tells a job page that polls (an import still running) from one
// that is final.
const running = `hx-trigger="every 1s"`

// waitImport polls the job page until the import has ended, and returns
// the last page.
func waitImport(t *testing.T, c *client, job string) string {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		res, body := c.get(job)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", job, res.StatusCode)
		}
		if !strings.Contains(body, running) {
			return body
		}
		if time.Now().After(deadline) {
			t.Fatalf("the import at %s is still running after a minute", job)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

const goodJournal = `; two sales and a payment
2026-01-15 * (INV-17) Sale to Gök Bazar
    62.01       1150.00 TMT   ; counterparty: C1, contract: K1
    90.01

2026-01-20 Payment from Gök Bazar
    51          1150.00 TMT   ; cashflow: CF01
    62.01                     ; counterparty: C1, contract: K1

2026-02-02 Office rent paid in cash
    26           300.00
    50.01                     ; cashflow: CF02
`

// bookState is the books of an organisation as app sees them: the trial
// balance of everything and the number of entries.
type bookState struct {
	tb      *report.TrialBalance
	entries int
}

func booksOf(t *testing.T, f *fixture, org string) bookState {
	t.Helper()
	ctx := context.Background()
	tb, err := f.app.TrialBalance(ctx, app.System, org, ledger.DateOf(2000, 1, 1), ledger.DateOf(2100, 12, 31))
	if err != nil {
		t.Fatal(err)
	}
	// Entries are numbered 1, 2, ... in the organisation's sequence: the
	// newest one's is their count.
	es, err := f.app.Journal(ctx, app.System, org, store.EntryFilter{From: ledger.NoDate, To: ledger.NoDate, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	st := bookState{tb: tb}
	if len(es) > 0 {
		st.entries = int(es[0].Seq)
	}
	return st
}

func TestImportJournal(t *testing.T) {
	f := books(t)
	const org = "imp-ok"
	importOrg(t, f, org)
	c := f.login(t, demoAccountant, "en")

	res, body := c.get("/o/" + org + "/import")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("import form: %d", res.StatusCode)
	}
	for _, want := range []string{`enctype="multipart/form-data"`, `type="file" name="file"`, "hledger", "counterparty: C001", "512.0 MiB", `aria-current="page">Import<`} {
		if !strings.Contains(body, want) {
			t.Errorf("import form lacks %q", want)
		}
	}

	job := startImport(t, c, org, "books.journal", goodJournal)
	body = waitImport(t, c, job)
	for _, want := range []string{"The journal was imported", "books.journal", "Journal transactions</dt><dd>3<", "Entries posted</dt><dd>3<", `href="/o/imp-ok/journal"`} {
		if !strings.Contains(body, want) {
			t.Errorf("done page lacks %q:\n%s", want, clip(body))
		}
	}
	if strings.Contains(body, "http-equiv") {
		t.Errorf("a finished job's page still refreshes itself")
	}

	// The entries are in the journal, with their analytics.
	_, jb := c.get("/o/" + org + "/journal")
	for _, want := range []string{"Sale to Gök Bazar", "Payment from Gök Bazar", "Office rent paid in cash", "62.01", "90.01", "1,150.00"} {
		if !strings.Contains(jb, want) {
			t.Errorf("journal lacks %q after the import", want)
		}
	}
	if got := booksOf(t, f, org).entries; got != 3 {
		t.Errorf("%d entries after the import, want 3", got)
	}

	// The import page lists the job among the user's recent imports.
	_, body = c.get("/o/" + org + "/import")
	if !strings.Contains(body, `href="`+job+`">books.journal</a>`) || !strings.Contains(body, "Imported") {
		t.Errorf("the import page does not list the finished job")
	}
}

func TestImportErrorChangesNothing(t *testing.T) {
	f := books(t)
	const org = "imp-bad"
	importOrg(t, f, org)
	c := f.login(t, demoAccountant, "en")
	waitImport(t, c, startImport(t, c, org, "first.journal", goodJournal))
	before := booksOf(t, f, org)
	if before.entries != 3 {
		t.Fatalf("%d entries before, want 3", before.entries)
	}

	// Two good transactions, then one in a currency nobody knows at line 9.
	bad := `2026-03-01 Sale
    62.01    100.00 TMT ; counterparty: C2, contract: K2
    90.01

2026-03-02 Sale
    62.01    200.00 TMT ; counterparty: C2, contract: K2
    90.01

2026-03-03 Strange money
    50.01    5.00 XQQ ; cashflow: CF02
    80
`
	job := startImport(t, c, org, "bad.journal", bad)
	body := waitImport(t, c, job)
	for _, want := range []string{"The import failed", "line 9: ", "XQQ", "Nothing was imported: the books are as they were."} {
		if !strings.Contains(body, want) {
			t.Errorf("failed job page lacks %q:\n%s", want, clip(body))
		}
	}
	after := booksOf(t, f, org)
	if after.entries != before.entries || !reflect.DeepEqual(after.tb, before.tb) {
		t.Errorf("a refused import changed the books: %d entries before, %d after; trial balance equal: %v",
			before.entries, after.entries, reflect.DeepEqual(after.tb, before.tb))
	}

	// The same failure in Russian and Turkmen, naming the line.
	for lang, want := range map[string][]string{
		"ru": {"строка 9: ", "Ничего не импортировано"},
		"tk": {"setir 9: ", "Hiç zat import edilmedi"},
	} {
		c.cookies["hasap_lang"] = &http.Cookie{Name: "hasap_lang", Value: lang}
		_, body := c.get(job)
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: failed job page lacks %q", lang, w)
			}
		}
	}

	// A form without a file, and an empty file: a clear message, nothing started.
	c.cookies["hasap_lang"] = &http.Cookie{Name: "hasap_lang", Value: "en"}
	res, body := c.upload("/o/"+org+"/import", "empty.journal", nil)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Choose a journal file to import") {
		t.Errorf("empty file: %d, want 422 with a message", res.StatusCode)
	}
	res, body = c.post("/o/"+org+"/import", nil, nil)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Choose a journal file to import") {
		t.Errorf("no file: %d, want 422 with a message", res.StatusCode)
	}
}

func TestImportAccess(t *testing.T) {
	f := books(t)
	const org = "imp-access"
	importOrg(t, f, org)
	accountant := f.login(t, demoAccountant, "en")
	job := startImport(t, accountant, org, "a.journal", goodJournal)
	waitImport(t, accountant, job)
	before := booksOf(t, f, org)

	for _, u := range []struct {
		email string
		want  int
	}{
		{demoViewer, http.StatusForbidden},
		{demoClerk, http.StatusForbidden},
		{acmeUser, http.StatusNotFound}, // not a member: as if the organisation did not exist
	} {
		c := f.login(t, u.email, "en")
		if res, _ := c.get("/o/" + org + "/import"); res.StatusCode != u.want {
			t.Errorf("%s: import form %d, want %d", u.email, res.StatusCode, u.want)
		}
		if res, _ := c.upload("/o/"+org+"/import", "x.journal", []byte(goodJournal)); res.StatusCode != u.want {
			t.Errorf("%s: upload %d, want %d", u.email, res.StatusCode, u.want)
		}
		if res, body := c.get(job); res.StatusCode != u.want || strings.Contains(body, "a.journal") {
			t.Errorf("%s: job page %d, want %d and nothing of the job", u.email, res.StatusCode, u.want)
		}
	}
	// The owner of the organisation may import, but someone else's job is
	// not there for them; nor is a job under another organisation's
	// address, or an id never given out.
	owner := f.login(t, demoOwner, "en")
	if res, _ := owner.get("/o/" + org + "/import"); res.StatusCode != http.StatusOK {
		t.Errorf("owner: import form %d, want 200", res.StatusCode)
	}
	if res, body := owner.get(job); res.StatusCode != http.StatusNotFound || strings.Contains(body, "a.journal") {
		t.Errorf("owner: someone else's job page %d, want 404", res.StatusCode)
	}
	if _, body := owner.get("/o/" + org + "/import"); strings.Contains(body, "a.journal") {
		t.Errorf("owner: the import page lists someone else's job")
	}
	const demoOrg = "demo"
	other := strings.Replace(job, "/o/"+org+"/", "/o/"+demoOrg+"/", 1)
	if res, _ := accountant.get(other); res.StatusCode != http.StatusNotFound {
		t.Errorf("a job under another organisation's address: %d, want 404", res.StatusCode)
	}
	if res, _ := accountant.get("/o/" + org + "/import/00000000000000000000000000000000"); res.StatusCode != http.StatusNotFound {
		t.Errorf("a job that never was: %d, want 404", res.StatusCode)
	}
	if after := booksOf(t, f, org); after.entries != before.entries {
		t.Errorf("refused uploads changed the books: %d entries, want %d", after.entries, before.entries)
	}
}

func TestImportUploadLimit(t *testing.T) {
	f := books(t)
	const org = "imp-limit"
	importOrg(t, f, org)
	c := f.login(t, demoAccountant, "en")
	temps := importTemps(t)

	// Larger than the limit: refused with the limit named, nothing kept.
	defer web.SetImportLimit(64 << 10)()
	res, body := c.upload("/o/"+org+"/import", "big.journal", bytes.Repeat([]byte("; a comment line of the journal\n"), 4<<10))
	if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "the file is larger than 64.0 KiB") {
		t.Errorf("too large: %d, want 413 naming the limit:\n%s", res.StatusCode, clip(body))
	}
	if got := importTemps(t); got != temps {
		t.Errorf("%d temporary import files after a refused upload, want %d", got, temps)
	}
	if booksOf(t, f, org).entries != 0 {
		t.Errorf("a refused upload posted entries")
	}
}

// importTemps counts the temporary files of imports.
func importTemps(t *testing.T) int {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(os.TempDir(), "hasap-import-*"))
	if err != nil {
		t.Fatal(err)
	}
	return len(m)
}

// bigJournal is n transactions, far more than the page's body limit.
func bigJournal(n int) string {
	var b strings.Builder
	for i := range n {
		d := ledger.DateOf(2026, 1, 1) + ledger.Date(i%300)
		fmt.Fprintf(&b, "%s Sale %d\n    62.01    %d.%02d TMT ; counterparty: C%d, contract: K%d\n    90.01\n\n", d, i, 10+i%1000, i%100, i%50, i%50)
	}
	return b.String()
}

// TestImportProgress imports 20 000 transactions (1.5 MB, far above the
// pages' body limit) and looks at the job while it runs: the page
// refreshes itself without JavaScript, polls a fragment with htmx, and
// shows how far the import is. A second import in the same organisation
// is refused meanwhile.
func TestImportProgress(t *testing.T) {
	f := books(t)
	const org = "imp-big"
	importOrg(t, f, org)
	c := f.login(t, demoAccountant, "en")
	temps := importTemps(t)

	// The import stops at its second progress report until the test has
	// looked at it.
	reached, resume := make(chan int, 1), make(chan struct{})
	var once, resumed sync.Once
	release := func() { resumed.Do(func() { close(resume) }) }
	defer release() // a failed test must not leave the import waiting
	defer web.SetImportProgressHook(func(lines, txns int) {
		if txns == 2*web.ImportProgressEvery {
			once.Do(func() { reached <- txns; <-resume })
		}
	})()
	const n = 20000
	journal := bigJournal(n)
	job := startImport(t, c, org, "big.journal", journal)
	select {
	case <-reached:
	case <-time.After(30 * time.Second):
		t.Fatal("the import never reported progress")
	}
	res, body := c.get(job)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("job page: %d", res.StatusCode)
	}
	for _, want := range []string{"Importing…", `<noscript><meta http-equiv="refresh" content="2"></noscript>`, running,
		`hx-get="` + job + `"`, `hx-swap="outerHTML"`, "Journal transactions</dt><dd>1,000<", "<progress max=\"100\" value=\""} {
		if !strings.Contains(body, want) {
			t.Errorf("running job page lacks %q:\n%s", want, clip(body))
		}
	}
	if m := regexp.MustCompile(`value="(\d+)"`).FindStringSubmatch(body); m == nil || m[1] == "0" || m[1] == "100" {
		t.Errorf("running job: progress %v, want between 0 and 100", m)
	}
	// htmx asks for the status part only.
	req, _ := http.NewRequest(http.MethodGet, f.srv.URL+job, nil)
	req.Header.Set("HX-Request", "true")
	res, frag := c.do(req)
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(strings.TrimSpace(frag), `<section id="import-status"`) || strings.Contains(frag, "<html") {
		t.Errorf("htmx fragment: %d %q", res.StatusCode, clip(frag))
	}
	// One import at a time in an organisation.
	res, body = c.upload("/o/"+org+"/import", "again.journal", []byte(goodJournal))
	if res.StatusCode != http.StatusConflict || !strings.Contains(body, "An import is already running in this organisation") {
		t.Errorf("second import meanwhile: %d, want 409 with a message", res.StatusCode)
	}
	release()

	body = waitImport(t, c, job)
	if !strings.Contains(body, "The journal was imported") || !strings.Contains(body, "Journal transactions</dt><dd>20,000<") {
		t.Errorf("done page:\n%s", clip(body))
	}
	// The polling fragment of a finished job no longer polls.
	res, frag = c.do(mustRequest(t, f.srv.URL+job, "true"))
	if strings.Contains(frag, running) || !strings.Contains(frag, "The journal was imported") {
		t.Errorf("final fragment still polls, or lacks the result: %q", clip(frag))
	}
	if got := booksOf(t, f, org).entries; got != n {
		t.Errorf("%d entries, want %d", got, n)
	}
	if got := importTemps(t); got != temps {
		t.Errorf("%d temporary import files after the import, want %d", got, temps)
	}
}

func mustRequest(t *testing.T, url, hx string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if hx != "" {
		req.Header.Set("HX-Request", hx)
	}
	return req
}

// TestImportStopsWithTheServer: when the server's context ends (hasap
// serve shutting down), a running import stops, rolls back and removes its
// file, and its page says the server stopped it.
func TestImportStopsWithTheServer(t *testing.T) {
	base := books(t)
	const org = "imp-stop"
	importOrg(t, base, org)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var jobs sync.WaitGroup
	srv := httptest.NewTLSServer(web.Handler(base.app, web.Options{Now: func() time.Time { return now }, Context: ctx, Jobs: &jobs}))
	defer srv.Close()
	f := &fixture{app: base.app, srv: srv}
	c := f.login(t, demoAccountant, "en")
	temps := importTemps(t)

	reached, resume := make(chan struct{}), make(chan struct{})
	var once sync.Once
	defer web.SetImportProgressHook(func(lines, txns int) {
		once.Do(func() { close(reached); <-resume })
	})()
	job := startImport(t, c, org, "stop.journal", bigJournal(5000))
	select {
	case <-reached:
	case <-time.After(30 * time.Second):
		close(resume)
		t.Fatal("the import never reported progress")
	}
	cancel() // the server shuts down
	close(resume)
	jobs.Wait()

	body := waitImport(t, c, job)
	for _, want := range []string{"The import failed", "The server was stopped before the import finished.", "Nothing was imported"} {
		if !strings.Contains(body, want) {
			t.Errorf("stopped job page lacks %q:\n%s", want, clip(body))
		}
	}
	if got := booksOf(t, f, org).entries; got != 0 {
		t.Errorf("%d entries after a stopped import, want 0", got)
	}
	if got := importTemps(t); got != temps {
		t.Errorf("%d temporary import files after the import, want %d", got, temps)
	}
}
