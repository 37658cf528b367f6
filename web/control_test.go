package web_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"hasap/app"
	"hasap/auth"
	"hasap/interop/ledgertext"
	"hasap/ledger"
	"hasap/money"
)

// ctlOrg is an organisation of its own for a test of the lock date and
// verification page, so that moving its lock date or damaging its totals
// touches no other test's books: a few entries in January and February
// 2026, and a member of each role that matters here, with emails
// role@code.example.
type ctlOrg struct {
	code string
	id   ledger.OrgID
}

func (o ctlOrg) email(role string) string { return role + "@" + o.code + ".example" }

// path is the address of the organisation's page rest.
func (o ctlOrg) path(rest string) string { return "/o/" + o.code + rest }

func newCtlOrg(t *testing.T, f *fixture, code string) ctlOrg {
	t.Helper()
	ctx := context.Background()
	org, err := f.app.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: code, Name: "Control " + code, Chart: "cis"})
	if err != nil {
		t.Fatal(err)
	}
	o := ctlOrg{code: code, id: org.ID}
	for role, r := range map[string]auth.Role{"owner": auth.Owner, "chief": auth.ChiefAccountant, "accountant": auth.Accountant,
		"auditor": auth.Auditor, "viewer": auth.Viewer} {
		if _, err := f.app.CreateUser(ctx, app.System, o.email(role), "Test "+role, password, "en"); err != nil {
			t.Fatal(err)
		}
		if err := f.app.AddMember(ctx, app.System, code, o.email(role), r); err != nil {
			t.Fatal(err)
		}
	}
	for i, d := range []ledger.Date{ledger.DateOf(2026, 1, 5), ledger.DateOf(2026, 1, 20), ledger.DateOf(2026, 2, 3)} {
		e := ledger.Entry{Date: d, Description: fmt.Sprint("capital ", i+1), Postings: []ledger.Posting{
			{Debit: ledger.Side{Account: "26"}, Credit: ledger.Side{Account: "80"}, Amount: 1000_00 * money.Amount(i+1)},
		}}
		if _, err := f.app.Post(ctx, app.System, code, e); err != nil {
			t.Fatal(err)
		}
	}
	return o
}

// lockDate is the organisation's lock date as app has it now.
func lockDate(t *testing.T, f *fixture, code string) ledger.Date {
	t.Helper()
	org, err := f.app.Org(context.Background(), app.System, code)
	if err != nil {
		t.Fatal(err)
	}
	return org.LockDate
}

func wantStatus(t *testing.T, what string, res *http.Response, want int) {
	t.Helper()
	if res.StatusCode != want {
		t.Fatalf("%s: status %d, want %d", what, res.StatusCode, want)
	}
}

// TestLockDateByOwner: the owner closes January; posting into it is then
// refused at the date field, posting after it still works; the owner may
// move the lock date back and clear it, and every move is audited.
func TestLockDateByOwner(t *testing.T) {
	f := books(t)
	o := newCtlOrg(t, f, "ctl-owner")
	c := f.login(t, o.email("owner"), "ru")

	res, body := c.get(o.path("/control"))
	wantStatus(t, "control page", res, http.StatusOK)
	for _, want := range []string{`action="/o/ctl-owner/control/lock-date"`, `action="/o/ctl-owner/control/verify"`,
		`action="/o/ctl-owner/control/checkpoint"`, `action="/o/ctl-owner/control/export"`, "не задана: все даты открыты"} {
		if !strings.Contains(body, want) {
			t.Errorf("the owner's control page lacks %q", want)
		}
	}

	res, _ = c.post(o.path("/control/lock-date"), url.Values{"date": {"31.01.2026"}}, nil)
	wantStatus(t, "set the lock date", res, http.StatusSeeOther)
	if loc := res.Header.Get("Location"); loc != o.path("/control?saved=lock") {
		t.Fatalf("after setting the lock date: to %q", loc)
	}
	if got := lockDate(t, f, o.code); got != ledger.DateOf(2026, 1, 31) {
		t.Fatalf("lock date %s, want 2026-01-31", got)
	}
	_, body = c.get(o.path("/control?saved=lock"))
	if !strings.Contains(body, "Дата запрета изменений сохранена.") || !strings.Contains(body, "31.01.2026") {
		t.Errorf("the page does not show the saved lock date")
	}

	row := [9]string{"26", "", "", "", "80", "", "", "", "5,00"}
	res, body = c.post(o.path("/entries/new"), entryForm("2026-01-31", "into a closed period", "ctl-owner-1", row), nil)
	wantStatus(t, "posting on the lock date", res, http.StatusUnprocessableEntity)
	if got := invalidFields(body); len(got) != 1 || got[0] != "date" || !strings.Contains(body, "закрытый период") {
		t.Errorf("posting on the lock date: invalid fields %v; the message in Russian missing", got)
	}
	res, _ = c.post(o.path("/entries/new"), entryForm("2026-02-01", "after the lock date", "ctl-owner-2", row), nil)
	wantStatus(t, "posting after the lock date", res, http.StatusSeeOther)

	// Reversing an entry of the closed period is refused too.
	res, _ = c.post(o.path("/entries/2026/1/reverse"), url.Values{"date": {"2026-01-31"}, "kind": {"reverse"}}, nil)
	if res.StatusCode < 400 {
		t.Errorf("reversal dated in the closed period: status %d", res.StatusCode)
	}

	res, _ = c.post(o.path("/control/lock-date"), url.Values{"date": {"2026-01-10"}}, nil)
	wantStatus(t, "the owner moves the lock date back", res, http.StatusSeeOther)
	res, _ = c.post(o.path("/control/lock-date"), url.Values{"date": {""}, "clear": {"1"}}, nil)
	wantStatus(t, "the owner clears the lock date", res, http.StatusSeeOther)
	if got := lockDate(t, f, o.code); got != ledger.NoDate {
		t.Fatalf("lock date %s after clearing", got)
	}

	res, body = c.post(o.path("/control/lock-date"), url.Values{"date": {"31.02.2026"}}, nil)
	wantStatus(t, "an impossible date", res, http.StatusUnprocessableEntity)
	if got := invalidFields(body); len(got) != 1 || got[0] != "date" {
		t.Errorf("an impossible date: invalid fields %v", got)
	}

	_, body = c.get(o.path("/audit?action=lock_date"))
	for _, want := range []string{"none → 2026-01-31", "2026-01-31 → 2026-01-10", "2026-01-10 → none", "Изменена дата запрета изменений", o.email("owner")} {
		if !strings.Contains(body, want) {
			t.Errorf("the audit log of lock dates lacks %q", want)
		}
	}
}

// TestLockDateByChief: a chief accountant closes periods but may not
// reopen one; the page says so, in the user's language, and changes
// nothing.
func TestLockDateByChief(t *testing.T) {
	f := books(t)
	o := newCtlOrg(t, f, "ctl-chief")
	c := f.login(t, o.email("chief"), "tk")

	_, body := c.get(o.path("/control"))
	if !strings.Contains(body, `action="/o/ctl-chief/control/lock-date"`) || strings.Contains(body, `name="clear"`) {
		t.Errorf("the chief's page: a lock date form without the clear button expected")
	}
	res, _ := c.post(o.path("/control/lock-date"), url.Values{"date": {"2026-01-20"}}, nil)
	wantStatus(t, "the chief closes a period", res, http.StatusSeeOther)
	res, _ = c.post(o.path("/control/lock-date"), url.Values{"date": {"2026-01-31"}}, nil)
	wantStatus(t, "the chief moves it forward", res, http.StatusSeeOther)

	for _, form := range []url.Values{{"date": {"2026-01-10"}}, {"clear": {"1"}}} {
		res, body = c.post(o.path("/control/lock-date"), form, nil)
		wantStatus(t, fmt.Sprintf("the chief reopens (%v)", form), res, http.StatusForbidden)
		if !strings.Contains(body, "ýapyk döwri") && !strings.Contains(body, "ýapylan döwri") {
			t.Errorf("the refusal is not in Turkmen: %s", mainOf(body))
		}
	}
	if got := lockDate(t, f, o.code); got != ledger.DateOf(2026, 1, 31) {
		t.Fatalf("lock date %s, want 2026-01-31 still", got)
	}
	res, _ = c.get(o.path("/audit"))
	if res.StatusCode != http.StatusForbidden && res.StatusCode != http.StatusNotFound {
		t.Errorf("the chief reads the audit log: status %d", res.StatusCode)
	}
}

// TestControlViewer: a viewer sees the state but no form, and every action
// is refused.
func TestControlViewer(t *testing.T) {
	f := books(t)
	o := newCtlOrg(t, f, "ctl-viewer")
	c := f.login(t, o.email("viewer"), "en")
	res, body := c.get(o.path("/control"))
	wantStatus(t, "the viewer's control page", res, http.StatusOK)
	if strings.Contains(body, `action="/o/ctl-viewer/control/`) {
		t.Errorf("the viewer's page has a form")
	}
	if !strings.Contains(body, "Entries in the chain") {
		t.Errorf("the viewer's page lacks the chain head")
	}
	for _, p := range []string{"/control/lock-date", "/control/verify", "/control/checkpoint", "/control/export"} {
		res, body := c.post(o.path(p), url.Values{"date": {"2026-01-31"}}, nil)
		wantStatus(t, "viewer POST "+p, res, http.StatusForbidden)
		if strings.Contains(body, "ledger ") || res.Header.Get("Content-Disposition") != "" {
			t.Errorf("viewer POST %s: something was sent", p)
		}
		if !strings.Contains(body, "does not allow") {
			t.Errorf("viewer POST %s: the refusal is not said: %s", p, mainOf(body))
		}
	}
	if got := lockDate(t, f, o.code); got != ledger.NoDate {
		t.Fatalf("the viewer set the lock date to %s", got)
	}
	res, _ = c.get(o.path("/audit"))
	if res.StatusCode != http.StatusForbidden && res.StatusCode != http.StatusNotFound {
		t.Errorf("the viewer reads the audit log: status %d", res.StatusCode)
	}
}

// TestAuditorVerifiesAndExports: an auditor verifies the books, downloads
// a checkpoint that app accepts and verifies against it through the page,
// exports a journal that parses back to the books' entries, and reads the
// audit log of all that, with nothing of another organisation.
func TestAuditorVerifiesAndExports(t *testing.T) {
	f := books(t)
	o := newCtlOrg(t, f, "ctl-audit")
	c := f.login(t, o.email("auditor"), "en")

	_, body := c.get(o.path("/control"))
	if strings.Contains(body, "/control/lock-date") || !strings.Contains(body, "/control/verify") {
		t.Errorf("the auditor's page: verify, no lock date form expected")
	}
	res, body := c.post(o.path("/control/verify"), url.Values{}, nil)
	wantStatus(t, "verify", res, http.StatusOK)
	for _, want := range []string{"The books verified", "Last verification", "passed"} {
		if !strings.Contains(body, want) {
			t.Errorf("after verifying, the page lacks %q", want)
		}
	}

	// The checkpoint: a JSON download that app itself accepts.
	res, body = c.post(o.path("/control/checkpoint"), url.Values{}, nil)
	wantStatus(t, "checkpoint", res, http.StatusOK)
	wantDownload(t, res, "application/json", o.code+"-checkpoint-3-2026-03-10.json")
	cp, err := app.ParseCheckpoint([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if cp.Org != o.code || cp.Seq != 3 {
		t.Fatalf("checkpoint of %s at seq %d", cp.Org, cp.Seq)
	}
	if _, err := f.app.Verify(context.Background(), app.System, o.code, cp); err != nil {
		t.Fatalf("app does not accept the downloaded checkpoint: %v", err)
	}
	// An entry later, the chain still runs through the checkpoint.
	if _, err := f.app.Post(context.Background(), app.System, o.code, ledger.Entry{Date: ledger.DateOf(2026, 3, 1), Description: "later",
		Postings: []ledger.Posting{{Debit: ledger.Side{Account: "26"}, Credit: ledger.Side{Account: "80"}, Amount: 7_00}}}); err != nil {
		t.Fatal(err)
	}
	res, body = postFile(c, o.path("/control/verify"), "checkpoint", "cp.json", []byte(body))
	wantStatus(t, "verify against the checkpoint", res, http.StatusOK)
	if !strings.Contains(body, "The books verified") || !strings.Contains(body, "the chain still runs through it") {
		t.Errorf("verifying against the checkpoint: %s", mainOf(body))
	}
	// A checkpoint altered by hand is refused, and says why.
	forged := strings.Replace(string(mustJSON(t, cp)), `"seq": 3`, `"seq": 2`, 1)
	res, body = postFile(c, o.path("/control/verify"), "checkpoint", "cp.json", []byte(forged))
	wantStatus(t, "verify against a forged checkpoint", res, http.StatusOK)
	if !strings.Contains(body, "The books failed verification") || !strings.Contains(body, "signature is not valid") {
		t.Errorf("a forged checkpoint: %s", mainOf(body))
	}
	res, body = postFile(c, o.path("/control/verify"), "checkpoint", "cp.json", []byte("not json"))
	wantStatus(t, "verify against garbage", res, http.StatusUnprocessableEntity)
	if got := invalidFields(body); len(got) != 1 || got[0] != "checkpoint" {
		t.Errorf("garbage as a checkpoint: invalid fields %v", got)
	}

	// The export, plain and through gzip, parses back to the four entries.
	for _, gz := range []bool{false, true} {
		c.gzip = gz
		res, body = c.post(o.path("/control/export"), url.Values{}, nil)
		c.gzip = false
		wantStatus(t, "export", res, http.StatusOK)
		wantDownload(t, res, "text/plain; charset=utf-8", o.code+"-2026-03-10.journal")
		r := io.Reader(strings.NewReader(body))
		if gz {
			if res.Header.Get("Content-Encoding") != "gzip" {
				t.Fatalf("export to a gzip client: Content-Encoding %q", res.Header.Get("Content-Encoding"))
			}
			zr, err := gzip.NewReader(r)
			if err != nil {
				t.Fatal(err)
			}
			r = zr
		}
		var txns []string
		err := ledgertext.Parse(r, func(it ledgertext.Item) error {
			if tx, ok := it.(*ledgertext.Transaction); ok {
				txns = append(txns, tx.Description)
			}
			return nil
		})
		if err != nil || strings.Join(txns, "|") != "capital 1|capital 2|capital 3|later" {
			t.Fatalf("the export (gzip %v) parses to %q, %v", gz, txns, err)
		}
	}

	// The audit log: all of it, newest first, with the words of the actions.
	res, body = c.get(o.path("/audit"))
	wantStatus(t, "audit log", res, http.StatusOK)
	order := []string{"Export", "Export", "Verification", "Verification", "Entry posted", "Verification", "Checkpoint signed", "Verification", "Login",
		"Entry posted", "Entry posted", "Entry posted", "Member added"}
	if got := auditActions(body); !strings.HasPrefix(strings.Join(got, "|"), strings.Join(order, "|")) {
		t.Errorf("audit log actions %q, want them to start %q", got, order)
	}
	for _, want := range []string{"FAILED: ", "journal of 4 entries", o.email("auditor"), "system", `<a href="/o/ctl-audit/entries/2026/4">entry 2026/4</a>`} {
		if !strings.Contains(body, want) {
			t.Errorf("the audit log lacks %q", want)
		}
	}
	for _, never := range []string{acmeName, acmeUser, "Acme first sale", demoOwner} {
		if strings.Contains(body, never) {
			t.Errorf("the audit log of %s shows %q of another organisation", o.code, never)
		}
	}
	_, body = c.get(o.path("/audit?action=checkpoint"))
	if got := auditActions(body); len(got) != 1 || got[0] != "Checkpoint signed" {
		t.Errorf("filtered by checkpoint: %q", got)
	}
	_, body = c.get(o.path("/audit?user=" + url.QueryEscape(strings.ToUpper(o.email("auditor")))))
	for _, a := range auditActions(body) {
		if a == "Entry posted" || a == "Member added" {
			t.Errorf("filtered by the auditor: %q, an act of the system", a)
		}
	}
	_, body = c.get(o.path("/audit?user=nobody%40nowhere.example"))
	if !strings.Contains(body, "No events match.") {
		t.Errorf("filtered by an unknown user: %s", mainOf(body))
	}
	res, _ = c.get(o.path("/audit?user=not+an+email"))
	wantStatus(t, "filtered by a malformed email", res, http.StatusUnprocessableEntity)
}

// TestAuditPaging: "older" continues below the last event shown, without
// repeating or skipping one.
func TestAuditPaging(t *testing.T) {
	f := books(t)
	o := newCtlOrg(t, f, "ctl-pages")
	for i := range 60 {
		e := ledger.Entry{Date: ledger.DateOf(2026, 2, 10), Description: fmt.Sprint("sale ", i), Postings: []ledger.Posting{
			{Debit: ledger.Side{Account: "26"}, Credit: ledger.Side{Account: "80"}, Amount: 1_00}}}
		if _, err := f.app.Post(context.Background(), app.System, o.code, e); err != nil {
			t.Fatal(err)
		}
	}
	c := f.login(t, o.email("owner"), "en")
	seen := map[string]bool{}
	next, pages := o.path("/audit"), 0
	for next != "" {
		pages++
		res, body := c.get(next)
		wantStatus(t, next, res, http.StatusOK)
		for _, m := range regexp.MustCompile(`entry 2026/\d+`).FindAllString(body, -1) {
			if seen[m] {
				t.Fatalf("page %d repeats %s", pages, m)
			}
			seen[m] = true
		}
		next = ""
		if m := regexp.MustCompile(`href="([^"]*before=\d+)"`).FindStringSubmatch(body); m != nil {
			next = strings.ReplaceAll(m[1], "&amp;", "&")
		}
	}
	if pages != 2 || len(seen) != 63 {
		t.Fatalf("%d pages showed %d postings, want 2 pages and 63", pages, len(seen))
	}
	res, _ := c.get(o.path("/audit?before=x"))
	wantStatus(t, "a bad cursor", res, http.StatusUnprocessableEntity)
}

// TestVerifyShowsTampering: totals changed behind Hasap's back are caught,
// and the page names the first difference; no checkpoint is signed over
// damaged books.
func TestVerifyShowsTampering(t *testing.T) {
	f := books(t)
	o := newCtlOrg(t, f, "ctl-tamper")
	db, ok := f.app.Store.(interface{ Writer() *sql.DB })
	if !ok {
		t.Skip("the store gives no raw access")
	}
	// An attacker with the database file adds 1.00 to a month's debit turnover of 51.
	r, err := db.Writer().Exec("UPDATE totals SET debit = debit + 100 WHERE org_id = ? AND account = '26' AND debit > 0", int64(o.id))
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := r.RowsAffected(); n == 0 {
		t.Fatal("no totals row changed")
	}
	c := f.login(t, o.email("auditor"), "ru")
	res, body := c.post(o.path("/control/verify"), url.Values{}, nil)
	wantStatus(t, "verify damaged books", res, http.StatusOK)
	if !strings.Contains(body, "Проверка не пройдена") || !strings.Contains(body, "итоги") || !strings.Contains(body, "не пройдена") {
		t.Errorf("damaged books: %s", mainOf(body))
	}
	res, body = c.post(o.path("/control/checkpoint"), url.Values{}, nil)
	wantStatus(t, "checkpoint of damaged books", res, http.StatusConflict)
	if res.Header.Get("Content-Disposition") != "" || !strings.Contains(body, "Проверка не пройдена") {
		t.Errorf("a checkpoint of damaged books: %s", mainOf(body))
	}
}

func wantDownload(t *testing.T, res *http.Response, contentType, filename string) {
	t.Helper()
	if got := res.Header.Get("Content-Type"); got != contentType {
		t.Errorf("Content-Type %q, want %q", got, contentType)
	}
	if got := res.Header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("Cache-Control %q, want no-store", got)
	}
	disp, params, err := mime.ParseMediaType(res.Header.Get("Content-Disposition"))
	if err != nil || disp != "attachment" || params["filename"] != filename {
		t.Errorf("Content-Disposition %q, want an attachment named %q", res.Header.Get("Content-Disposition"), filename)
	}
}

// postFile sends a multipart form with one file, as a browser's file
// field does.
func postFile(c *client, path, field, name string, content []byte) (*http.Response, string) {
	c.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, err := mw.CreateFormFile(field, name)
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

func mustJSON(t *testing.T, cp *app.Checkpoint) []byte {
	t.Helper()
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "{\n  \"org\": %q,\n  \"seq\": %d,\n  \"head\": %q,\n  \"time\": %q,\n  \"public_key\": %q,\n  \"signature\": %q\n}\n",
		cp.Org, cp.Seq, cp.Head, cp.Time.Format("2006-01-02T15:04:05Z07:00"), cp.PublicKey, cp.Signature)
	return buf.Bytes()
}

var auditActionCell = regexp.MustCompile(`<td class="action">([^<]*)</td>`)

// auditActions lists the action column of an audit page, top to bottom.
func auditActions(body string) []string {
	var out []string
	for _, m := range auditActionCell.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

// mainOf is the page's main part, for failure messages.
func mainOf(body string) string {
	if i := strings.Index(body, "<main>"); i >= 0 {
		body = body[i:]
	}
	if len(body) > 2000 {
		body = body[:2000]
	}
	return body
}
