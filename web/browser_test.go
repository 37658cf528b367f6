package web_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"hasap/app"
	"hasap/auth"
	"hasap/demo"
	"hasap/ledger"
	"hasap/money"
	"hasap/web"
)

// chromiumPath is Debian's chromium, which .ci/run installs.
const chromiumPath = "/usr/bin/chromium"

// The chief accountant who works through the browser.
const chiefEmail = "chief@demo.example"

// browserStep bounds one step (a navigation, a query); a query waits for
// its element, so a missing one fails here rather than at the test timeout.
const browserStep = 15 * time.Second

// TestBrowser drives Debian's chromium through the pages as a chief
// accountant does: log in, look at the home page, post an entry through the
// form (after one refused for a missing analytic), find it in the journal,
// the account card and the trial balance, reverse it, and switch the
// language. Every step checks what the user sees on the page. With
// HASAP_SCREENSHOTS=1 it also saves full-page screenshots of the main pages
// to docs/screenshots/. Without chromium the test is skipped, unless
// HASAP_REQUIRE_BROWSER=1 (CI) makes that a failure.
func TestBrowser(t *testing.T) {
	ctx := needBrowser(t)
	start := time.Now()

	// Books of its own, so that the entries it posts touch no other test:
	// the demo organisation and its chief accountant, on a real listener.
	a := newBooks(t, ctx, true)
	addMember(t, ctx, a, demo.Code, chiefEmail, "Gülnara Orazowa", auth.ChiefAccountant)
	// The home page shows the books as of the newest entry, the last day
	// of the demo year.
	ov, err := a.Overview(ctx, app.System, demo.Code, ledger.DateOf(demoYear, 12, 31), 1)
	if err != nil {
		t.Fatal(err)
	}
	srv := serveBooks(t, a, web.Options{})
	t.Logf("books ready in %.1fs", time.Since(start).Seconds())

	b := newBrowser(t, ctx, srv.URL)
	entryRe := regexp.MustCompile(`/o/demo/entries/(\d+)/(\d+)$`)

	// 1. An anonymous visitor is sent to the login form, in the language
	// the browser asks for; the switcher there turns it to Russian.
	b.navigate("/o/demo/")
	b.seeURL(`/login\?next=%2Fo%2Fdemo%2F$`)
	asked := b.lang() // headless chromium asks for en-US, unless LANG says otherwise
	b.see("h1", map[string]string{"tk": "Girmek", "ru": "Войти", "en": "Log in"}[asked])
	b.shot("login_" + asked)
	b.click(`form.langs button[value="ru"]`)
	b.seeLang("ru")
	b.see("h1", "Войти")
	b.shot("login")

	// 2. Log in: back where the visitor wanted to go, the organisation's
	// home page, with money at hand as of the last day of the demo year.
	b.typeIn(`input[name="email"]`, chiefEmail)
	b.typeIn(`input[name="password"]`, password)
	b.click(`form.login button.primary`)
	b.seeURL(`/o/demo/$`)
	b.see("main h1", `"Ak Ýol Söwda" HJ`)
	b.see("main", "Остатки на 31.12.2025", "Касса", "Расчётные счета",
		money.Format(ov.Cash, 2, money.Russian), money.Format(ov.Bank, 2, money.Russian))
	b.see("header .user", "Gülnara Orazowa") // the name; the email is its title
	b.shot("home")

	// 3. The entry form from the menu. Dt 26 and Kt 60.01 name their
	// accounts and the analytics they want as soon as they are typed
	// (htmx); the contract of 60.01 is left out on purpose.
	b.click(`nav.menu a[href="/o/demo/entries/new"]`)
	b.see("main h1", "Новая операция")
	b.typeIn(`input[name="desc"]`, "Аренда офиса за март 2026")
	b.typeIn(`input[name="doc"]`, "АКТ-0310")
	b.typeIn("#dt0", "26\t")
	b.see("td:has(> #dt0) .hint", "Общехозяйственные расходы")
	b.typeIn("#kt0", "60.01\t")
	b.see("td:has(> #kt0) .hint", "Расчёты с поставщиками и подрядчиками")
	b.seeAttr("#kt0_1", "placeholder", "Контрагент")
	b.seeAttr("#kt0_2", "placeholder", "Договор")
	b.typeIn("#kt0_1", "K10")
	b.typeIn(`input[name="amt0"]`, "1 234,50")
	b.click(`form.entry-form button.primary`)

	// 4. Refused: the error stands next to the contract field, and what was
	// typed is kept.
	b.see("main h1", "Новая операция")
	b.seeAttr("#kt0_2", "aria-invalid", "true")
	b.see("td:has(> .codes > #kt0_2) .err", "60.01", "требуется субконто", "Договоры")
	b.seeValue("#kt0_1", "K10")
	b.seeValue(`input[name="amt0"]`, "1 234,50")
	b.shot("entry_form_error")

	// 5. With the contract the entry is posted, and its page shows it.
	b.typeIn("#kt0_2", "01/KÄ/2025")
	b.click(`form.entry-form button.primary`)
	m := entryRe.FindStringSubmatch(b.location())
	if m == nil {
		t.Fatalf("after posting: at %s, want an entry page", b.location())
	}
	entry, number := m[0], m[1]+"/"+m[2]
	b.see("main h1", "Операция "+number)
	b.see("dl.meta", "10.03.2026", "Аренда офиса за март 2026", "АКТ-0310", chiefEmail)
	b.see("table.postings tbody", "26", "Общехозяйственные расходы", "60.01",
		"ХО «Ашхабадский торговый центр»", "Договор № 01/KÄ/2025", "1 234,50")
	b.see("table.postings tfoot", "1 234,50")
	b.shot("entry")

	// 6. The journal, newest first, has it.
	b.click(`nav.menu a[href="/o/demo/journal"]`)
	b.see("main h1", "Журнал операций")
	row := fmt.Sprintf(`table.journal tbody:has(a[href=%q])`, entry)
	b.see(row, "10.03.2026", m[2], "Аренда офиса за март 2026", "АКТ-0310", "26", "60.01", "1 234,50")
	// The filter keeps it, with the last days of the demo year below.
	b.setValue(`form.filters input[name="from"]`, "2025-12-30")
	b.click(`form.filters button`)
	b.seeURL(`/o/demo/journal\?from=2025-12-30&`)
	b.see(row, "1 234,50")
	b.see("table.journal", "31.12.2025", "30.12.2025")
	b.shot("journal")

	// 7. The account card of 26, reached from the entry: the movement is
	// there, against 60.01, and the turnover is the amount.
	b.click(fmt.Sprintf(`table.journal a[href=%q]`, entry))
	b.click(`table.postings a[href^="/o/demo/accounts/26/card"]`)
	b.see("main h1", "Карточка счёта 26", "Общехозяйственные расходы")
	b.see(fmt.Sprintf(`table.card tr:has(a[href=%q])`, entry), "10.03.2026", number, "Аренда офиса за март 2026", "60.01", "1 234,50")
	b.see("dl.totals", "Оборот Дт", "1 234,50")
	// A longer period, as an accountant would look: the demo's last
	// quarter and this year.
	b.setValue(`form.filters input[name="from"]`, "2025-10-01")
	b.click(`form.filters button`)
	b.see(fmt.Sprintf(`table.card tr:has(a[href=%q])`, entry), "1 234,50")
	b.shot("account_card")

	// 8. The trial balance of the year so far: 26 turned over 1 234,50 on
	// the debit, 60.01 as much on the credit, and the totals agree.
	b.click(`nav.menu a[href="/o/demo/trial-balance"]`)
	b.see("main h1", "Оборотно-сальдовая ведомость")
	b.seeCell(`table.tb tr:has(> td.code > a[href^="/o/demo/accounts/26/card"])`, 4, "1 234,50")
	b.seeCell(`table.tb tr:has(> td.code > a[href^="/o/demo/accounts/60.01/card"])`, 5, "1 234,50")
	b.see("table.tb tfoot", "1 234,50")
	// The whole demo year, for the picture.
	b.setValue(`form.filters input[name="from"]`, "2025-01-01")
	b.setValue(`form.filters input[name="to"]`, "2025-12-31")
	b.click(`form.filters button`)
	b.see("table.tb", "50", "Касса", "90.01")
	b.shot("trial_balance")

	// 9. Reverse the entry with the button on its page: a new entry with
	// the sides swapped, pointing back to the first.
	b.navigate(entry)
	b.click(`form.reverse button[value="reverse"]`)
	rm := entryRe.FindStringSubmatch(b.location())
	if rm == nil || rm[0] == entry {
		t.Fatalf("after reversing: at %s, want the reversal's page", b.location())
	}
	b.see("main h1", "Операция "+rm[1]+"/"+rm[2])
	b.see("dl.meta", "Исправляет операцию", number, "Аренда офиса за март 2026",
		"Обратная операция к операции "+number) // the description in the language of who reversed
	b.see("table.postings tbody td.acc:nth-child(2)", "60.01", "ХО «Ашхабадский торговый центр»")
	b.see("table.postings tbody td.acc:nth-child(3)", "26")
	b.see("table.postings tbody td.n:last-child", "1 234,50")
	b.shot("entry_reversal")
	b.click(`nav.menu a[href="/o/demo/journal"]`)
	b.see(fmt.Sprintf(`table.journal tbody:has(a[href=%q])`, rm[0]), "Аренда офиса за март 2026", "60.01", "26", "1 234,50")
	b.setValue(`form.filters input[name="from"]`, "2025-12-30")
	b.click(`form.filters button`)

	// 10. Turkmen from the header's switcher, on the same page with the
	// same filter; then back to Russian.
	b.click(`form.langs button[value="tk"]`)
	b.seeLang("tk")
	b.seeURL(`/o/demo/journal\?from=2025-12-30&`)
	b.see("main h1", "Amallar žurnaly")
	b.see("nav.menu", "Baş sahypa", "Täze amal", "Dolanyşyk-galyndy cedweli", "Hasaplar meýilnamasy")
	b.see("table.journal thead", "Sene")
	b.shot("journal_tk")
	b.click(`nav.menu a[href="/o/demo/entries/new"]`)
	b.see("main h1", "Täze amal")
	b.see("main", "Geçirmek")
	b.shot("entry_form_tk")
	b.click(`form.langs button[value="ru"]`)
	b.seeLang("ru")
	b.see("main h1", "Новая операция")
	b.see("nav.menu", "Журнал операций", "Оборотно-сальдовая ведомость")

	b.noPageErrors()
	t.Logf("done in %.1fs", time.Since(start).Seconds())
}

// browser is one chromium tab, driven step by step; every failure stops the
// test with where the tab was.
type browser struct {
	t     *testing.T
	ctx   context.Context
	base  string
	shots string // where screenshots go; "" for none

	mu     sync.Mutex
	errors []string // script errors and CSP violations the page reported
	output bytes.Buffer
}

func newBrowser(t *testing.T, parent context.Context, base string) *browser {
	b := &browser{t: t, base: base}
	if os.Getenv("HASAP_SCREENSHOTS") == "1" {
		b.shots = filepath.Join("..", "docs", "screenshots")
		if err := os.MkdirAll(b.shots, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(parent,
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
		chromedp.CombinedOutput(&syncWriter{b: b}),
	)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
		if t.Failed() {
			b.mu.Lock()
			out := b.output.String()
			b.mu.Unlock()
			if len(out) > 4000 {
				out = "…" + out[len(out)-4000:]
			}
			t.Logf("chromium said:\n%s", out)
		}
	})
	b.ctx = ctx
	// Start the browser, and listen to what the pages report: uncaught
	// exceptions, and console errors such as a Content-Security-Policy
	// refusal (a failed request's status is not one: the form's 422 is
	// expected).
	exceptions := chromedp.Events(ctx, runtime.ExceptionThrown)
	entries := chromedp.Events(ctx, log.EntryAdded)
	go func() {
		for ev, err := range exceptions {
			if err != nil {
				return
			}
			b.pageError("exception: " + ev.ExceptionDetails.Text + describeException(ev))
		}
	}()
	go func() {
		for ev, err := range entries {
			if err != nil {
				return
			}
			if e := ev.Entry; e != nil && e.Level == log.EntryLevelError && e.Source != log.EntrySourceNetwork {
				b.pageError(fmt.Sprintf("console %s: %s (%s)", e.Source, e.Text, e.URL))
			}
		}
	}()
	return b
}

func describeException(ev runtime.EventExceptionThrown) string {
	if d := ev.ExceptionDetails; d != nil && d.Exception != nil {
		return ": " + d.Exception.Description
	}
	return ""
}

type syncWriter struct{ b *browser }

func (w *syncWriter) Write(p []byte) (int, error) {
	w.b.mu.Lock()
	defer w.b.mu.Unlock()
	return w.b.output.Write(p)
}

func (b *browser) pageError(s string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.errors = append(b.errors, s)
}

// noPageErrors fails the test if a page reported a script error or a
// refused resource on the way.
func (b *browser) noPageErrors() {
	b.t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, e := range b.errors {
		b.t.Errorf("the page reported %s", e)
	}
}

// run runs actions as one step.
func (b *browser) run(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, browserStep)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatalf("%s (at %s): %v", what, b.location(), err)
	}
}

func (b *browser) navigate(path string) {
	b.t.Helper()
	b.run("open "+path, chromedp.Navigate(b.base+path))
}

// click clicks an element and waits for the page it leads to.
func (b *browser) click(sel string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, browserStep)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil,
		chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible))); err != nil {
		b.t.Fatalf("click %s (at %s): %v", sel, b.location(), err)
	}
}

// typeIn types into a field as a user does, key by key.
func (b *browser) typeIn(sel, text string) {
	b.t.Helper()
	b.run("type into "+sel, chromedp.SendKeys(chromedp.CSS(sel), text, chromedp.NodeVisible))
}

// setValue sets a field the way a date picker does.
func (b *browser) setValue(sel, value string) {
	b.t.Helper()
	b.run("set "+sel, chromedp.SetValue(chromedp.CSS(sel), value))
}

func (b *browser) location() string {
	ctx, cancel := context.WithTimeout(b.ctx, browserStep)
	defer cancel()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return "?"
	}
	return loc
}

// text is the visible text of the first element sel matches, waiting for it
// to appear.
func (b *browser) text(sel string) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, browserStep)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("%s (at %s): %v", sel, b.location(), err)
	}
	return s
}

// see checks that the visible text of sel has every one of wants. Amounts
// are written with spaces between thousands, which the page may put as
// no-break spaces: both count as a space.
func (b *browser) see(sel string, wants ...string) {
	b.t.Helper()
	text := normSpace(b.text(sel))
	for _, w := range wants {
		if !strings.Contains(text, normSpace(w)) {
			b.t.Fatalf("at %s, %s does not show %q; it shows:\n%s", b.location(), sel, w, clip(text))
		}
	}
}

// seeCell checks the visible text of the cell at index i of the row sel.
func (b *browser) seeCell(sel string, i int, want string) {
	b.t.Helper()
	if got := normSpace(strings.TrimSpace(b.text(fmt.Sprintf("%s > td:nth-child(%d)", sel, i+1)))); got != normSpace(want) {
		b.t.Fatalf("at %s, cell %d of %s is %q, want %q", b.location(), i, sel, got, want)
	}
}

func (b *browser) seeAttr(sel, name, want string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, browserStep)
	defer cancel()
	got, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(sel), name))
	if err != nil {
		b.t.Fatalf("%s (at %s): %v", sel, b.location(), err)
	}
	if !got.Exists || got.Value != want {
		b.t.Fatalf("at %s, %s has %s=%q, want %q", b.location(), sel, name, got.Value, want)
	}
}

func (b *browser) seeValue(sel, want string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, browserStep)
	defer cancel()
	got, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("%s (at %s): %v", sel, b.location(), err)
	}
	if got != want {
		b.t.Fatalf("at %s, %s holds %q, want %q", b.location(), sel, got, want)
	}
}

func (b *browser) seeURL(pattern string) {
	b.t.Helper()
	if loc := b.location(); !regexp.MustCompile(pattern).MatchString(loc) {
		b.t.Fatalf("at %s, want an address matching %s", loc, pattern)
	}
}

// lang is the language of the page, from <html lang>.
func (b *browser) lang() string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, browserStep)
	defer cancel()
	lang, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang`))
	if err != nil {
		b.t.Fatal(err)
	}
	return lang
}

func (b *browser) seeLang(want string) {
	b.t.Helper()
	if got := b.lang(); got != want {
		b.t.Fatalf("at %s, the page is in %q, want %q", b.location(), got, want)
	}
}

// shot saves a full-page screenshot as docs/screenshots/NAME.png when
// HASAP_SCREENSHOTS=1.
func (b *browser) shot(name string) {
	b.t.Helper()
	if b.shots == "" {
		return
	}
	ctx, cancel := context.WithTimeout(b.ctx, browserStep)
	defer cancel()
	// Quality 100 is what makes chromedp ask for a PNG (below, a JPEG).
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(b.shots, name+".png"), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

func normSpace(s string) string {
	return strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(s)
}

func clip(s string) string {
	if len(s) > 1500 {
		return s[:1500] + "…"
	}
	return s
}
