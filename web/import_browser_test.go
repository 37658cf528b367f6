package web_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hasap/app"
	"hasap/auth"
	"hasap/web"
)

// TestImportInBrowser uploads journals through the import page in
// chromium, as an accountant does: a large one, watched while it runs
// (htmx swaps the status in place) until it is done, and one with a
// mistake, whose page names the line. HASAP_SCREENSHOTS=1 saves the form,
// the running import, the result and the failure.
func TestImportInBrowser(t *testing.T) {
	ctx := needBrowser(t)

	// Books of its own: an organisation with the cis chart and nothing
	// posted, and its accountant.
	const org, email = "ak-yol", "hasapchy@ak-yol.example"
	dir := t.TempDir()
	a := newBooks(t, ctx, false)
	if _, err := a.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: org, Name: "Ak Ýol Gurluşyk", Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	addMember(t, ctx, a, org, email, "Aýna Meredowa", auth.Accountant)
	// The imports end with the test (even a failed one), and leave no
	// temporary file behind.
	jobsCtx, stopJobs := context.WithCancel(ctx)
	var jobs sync.WaitGroup
	defer jobs.Wait()
	defer stopJobs()
	srv := serveBooks(t, a, web.Options{Context: jobsCtx, Jobs: &jobs})

	big := filepath.Join(dir, "2026.journal")
	if err := os.WriteFile(big, []byte(bigJournal(20000)), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "mistake.journal")
	if err := os.WriteFile(bad, []byte("2026-03-01 Sale\n    62.01  100.00 TMT ; counterparty: C1, contract: K1\n    90.01\n\n2026-03-02 Odd\n    50.01  5.00 XQQ ; cashflow: CF1\n    80\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	// The big import stops at its second progress report until the page
	// has been seen running.
	reached, resume := make(chan struct{}), make(chan struct{})
	var once sync.Once
	defer web.SetImportProgressHook(func(lines, txns int) {
		if txns >= 2*web.ImportProgressEvery {
			once.Do(func() { close(reached); <-resume })
		}
	})()
	resumed := false
	defer func() { // a failed test must not leave the import waiting
		if !resumed {
			close(resume)
		}
	}()

	b := newBrowser(t, ctx, srv.URL)
	b.navigate("/o/" + org + "/import")
	b.typeIn(`input[name="email"]`, email)
	b.typeIn(`input[name="password"]`, password)
	b.click(`form.login button.primary`)
	b.seeURL(`/o/` + org + `/import$`)
	b.see("main h1", "Загрузка журнала")
	b.see("main .import-help", "hledger", "62.01", "counterparty: C001")
	b.see(`nav.menu a[aria-current="page"]`, "Загрузка")
	b.shot("import_form")

	// 1. The big file: the job's page, running, then done without a reload.
	b.run("choose the journal", chromedp.SetUploadFiles(`input[name="file"]`, []string{big}))
	b.click(`form.import-form button.primary`)
	b.seeURL(`/o/` + org + `/import/[0-9a-f]{32}$`)
	job := b.location()
	select {
	case <-reached:
	case <-ctx.Done():
		t.Fatal("the import never reported progress")
	}
	b.waitFor("#import-status", "1 000", 10*time.Second) // htmx fetches the status every second
	b.see("#import-status", "Идёт загрузка…", "Прочитано из файла", "Транзакций журнала")
	b.see("main h1", "2026.journal")
	b.shot("import")
	close(resume)
	resumed = true
	b.waitFor("#import-status", "Журнал загружен", 30*time.Second)
	b.see("#import-status", "Транзакций журнала", "20 000", "Проведено операций")
	if b.location() != job {
		t.Errorf("the page moved to %s; htmx should have swapped the status in place", b.location())
	}
	b.shot("import_done")
	b.click(`#import-status a[href="/o/` + org + `/journal"]`)
	b.see("main h1", "Журнал операций")
	b.see("table.journal", "Sale 19999")

	// 2. A journal with a mistake at line 5: the line is named, nothing
	// was imported.
	b.navigate("/o/" + org + "/import")
	b.see("table.imports", "2026.journal", "Загружено")
	b.run("choose the journal", chromedp.SetUploadFiles(`input[name="file"]`, []string{bad}))
	b.click(`form.import-form button.primary`)
	b.waitFor("#import-status", "Загрузка не удалась", 30*time.Second)
	b.see("#import-status .alert", "строка 5: ", "XQQ")
	b.see("#import-status", "Ничего не импортировано: учётные данные не изменились.")
	b.shot("import_failed")

	b.noPageErrors()
}

// waitFor waits until the visible text of sel shows want (a page that
// changes by itself, such as an import's progress).
func (b *browser) waitFor(sel, want string, limit time.Duration) {
	b.t.Helper()
	deadline := time.Now().Add(limit)
	for {
		text := normSpace(b.text(sel))
		if strings.Contains(text, normSpace(want)) {
			return
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("at %s, %s still does not show %q after %s; it shows:\n%s", b.location(), sel, want, limit, clip(text))
		}
		time.Sleep(200 * time.Millisecond)
	}
}
