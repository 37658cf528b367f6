package web_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hasap/auth"
	"hasap/demo"
	"hasap/web"
)

// TestBrowserPickers drives chromium through the analytics pickers as the
// demo's accountant does, in Russian, by the keyboard: on the entry form a
// few letters of a counterparty's name in a slot of 60.01 bring it as the
// first suggestion, whose value is its code; a required contract left
// empty is named at once at its slot; contract and cash-flow item are
// picked the same way and the entry posts. In the journal the same letters
// in the analytic filter find the counterparty's entries, a name several
// share is refused at the field, and choosing another catalog makes the
// field suggest from it. HASAP_SCREENSHOTS=1 saves
// docs/screenshots/entry-pickers.png and journal-filter.png. Skipped
// without chromium, as TestBrowser is.
func TestBrowserPickers(t *testing.T) {
	ctx := needBrowser(t)
	a := newBooks(t, ctx, true)
	const email = "aman@demo.example"
	addMember(t, ctx, a, demo.Code, email, "Aman Berdiýew", auth.Accountant)
	srv := serveBooks(t, a, web.Options{})
	b := newBrowser(t, ctx, srv.URL)
	b.logIn(email, `/o/demo/$`)

	// The entry form: Kt 60.01 makes its first two slots pickers of
	// counterparties and contracts; its third is skipped by Tab.
	b.navigate("/o/demo/entries/new")
	b.typeIn(`input[name="desc"]`, "Оплата поставщику")
	b.typeIn("#dt0", "60.01\t")
	waitAttr(b, "#dt0_1", "list", "dt0_1-list") // once htmx has drawn the side again
	waitGone(b, ".htmx-added, .htmx-settling")  // and made its new inputs listen
	b.seeAttr("#dt0_2", "placeholder", "Договор")
	b.seeAttr("#dt0_3", "tabindex", "-1")
	// A few letters of the name, in lower case: the suggestion comes.
	b.typeIn("#dt0_1", "юпек")
	seeSuggestion(b, "#dt0_1-list", "K01", "ХО «Туркмен Юпек»")
	// Picking it (the arrow keys and Enter) puts its value, the code, in
	// the slot. Headless chromium draws no datalist popup to pick from, so
	// the pick is made as the popup makes it.
	b.setValue("#dt0_1", "K01")
	// Tab to the contract, leave it empty: the slot says it is required.
	b.run("leave the contract", chromedp.SendKeys(chromedp.CSS("#dt0_1"), "\t"))
	b.run("leave the contract", chromedp.SendKeys(chromedp.CSS("#dt0_2"), "\t"))
	b.see("#dt0_2-check .err", "60.01", "требуется субконто", "Договоры")
	b.typeIn("#kt0", "51\t")
	b.typeIn(`input[name="amt0"]`, "2 500,00")
	b.shot("entry-pickers")
	// The contract's picker suggests by a part of its code; picked, the
	// slot's message goes once the slot is left.
	b.typeIn("#dt0_2", "12/a")
	b.setValue("#dt0_2", seeSuggestion(b, "#dt0_2-list", "12/AÝ", ""))
	b.run("leave the contract", chromedp.Focus(chromedp.CSS(`input[name="amt0"]`)))
	waitGone(b, "#dt0_2-check .err")
	// 51 wants a cash-flow item: by a part of its name.
	b.typeIn("#kt0_1", "оплата пост")
	b.setValue("#kt0_1", seeSuggestion(b, "#kt0_1-list", "", "Оплата поставщикам"))
	b.click(`form.entry-form button.primary`)
	b.seeURL(`/o/demo/entries/\d+/\d+$`)
	b.see("table.postings tbody", "60.01", "ХО «Туркмен Юпек»", "12/AÝ", "51", "Оплата поставщикам", "2 500,00")

	// The journal: the same letters in the filter, suggested and found.
	b.click(`nav.menu a[href="/o/demo/journal"]`)
	b.seeValue(`select[name="catalog"]`, "counterparty")
	b.typeIn("#f-analytic", "юпек")
	seeSuggestion(b, "#f-analytic-list", "K01", "ХО «Туркмен Юпек»")
	b.setValue(`form.filters input[name="from"]`, "2025-12-01")
	b.click(`form.filters button`)
	b.seeURL(`/o/demo/journal\?.*analytic=`)
	b.see("#analytic-field small", "K01 · ХО «Туркмен Юпек»")
	b.see("table.journal", "ХО «Туркмен Юпек»", "60.01")
	b.shot("journal-filter")
	// A name that fits several: the message at the field, the choices
	// offered.
	b.navigate("/o/demo/journal?analytic=" + "%D0%A2%D1%83%D1%80%D0%BA%D0%BC%D0%B5%D0%BD") // Туркмен
	b.see("#f-analytic-err", "несколько элементов")
	b.seeAttr("#f-analytic", "aria-invalid", "true")
	// Another catalog chosen: the field asks that catalog.
	b.setValue(`select[name="catalog"]`, "warehouse") // fires change, as a choice does
	waitAttr(b, "#f-analytic", "hx-get", "/o/demo/catalogs/warehouse/options?list=f-analytic-list&field=analytic")
	waitGone(b, ".htmx-added, .htmx-settling")
	if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.querySelector('#f-analytic').value = ''`)); err != nil {
		t.Fatal(err)
	}
	b.typeIn("#f-analytic", "мары")
	seeSuggestion(b, "#f-analytic-list", "", "Мары")
	b.noPageErrors()
}

// seeSuggestion waits until the first suggestion of the datalist list
// (the closest) has a value that starts with code and a label that holds
// label, and returns its value. A datalist is never rendered, so its
// options have no visible text to read: their value and label are read
// instead.
func seeSuggestion(b *browser, list, code, label string) string {
	b.t.Helper()
	first := fmt.Sprintf(`document.querySelector(%q)`, list+" option")
	js := fmt.Sprintf(`(o => o !== null && o.value.startsWith(%q) && o.label.includes(%q))(%s)`, code, label, first)
	deadline := time.Now().Add(browserStep)
	for {
		ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](js))
		if err != nil {
			b.t.Fatalf("%s: %v", list, err)
		}
		if ok {
			value, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](first+".value"))
			if err != nil {
				b.t.Fatalf("%s: %v", list, err)
			}
			return value
		}
		if time.Now().After(deadline) {
			html, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](fmt.Sprintf(`(document.querySelector(%q) || {}).outerHTML || "none"`, list)))
			b.t.Fatalf("at %s, %s offers no %q %q first; it holds:\n%s %v", b.location(), list, code, label, clip(html), err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitAttr waits until the element sel has attribute name = want, as it
// does once htmx has swapped it in.
func waitAttr(b *browser, sel, name, want string) {
	b.t.Helper()
	js := fmt.Sprintf(`(document.querySelector(%q) || {getAttribute: () => null}).getAttribute(%q) === %q`, sel, name, want)
	deadline := time.Now().Add(browserStep)
	for {
		ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](js))
		if err != nil {
			b.t.Fatalf("%s: %v", sel, err)
		}
		if ok {
			return
		}
		if time.Now().After(deadline) {
			b.seeAttr(sel, name, want) // says what it has
			b.t.Fatalf("at %s, %s never had %s=%q", b.location(), sel, name, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitGone waits until nothing matches sel.
func waitGone(b *browser, sel string) {
	b.t.Helper()
	deadline := time.Now().Add(browserStep)
	for {
		gone, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](fmt.Sprintf(`document.querySelector(%q) === null`, sel)))
		if err != nil {
			b.t.Fatalf("%s: %v", sel, err)
		}
		if gone {
			return
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("at %s, %s is still there: %s", b.location(), sel, b.text(sel))
		}
		time.Sleep(50 * time.Millisecond)
	}
}
