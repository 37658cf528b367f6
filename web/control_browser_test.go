package web_test

import (
	"testing"

	"hasap/auth"
	"hasap/demo"
	"hasap/web"
)

// TestBrowserControl drives chromium through the lock date and
// verification page and the audit log as the demo's owner: the demo's
// month close locked its year, the owner opens the second half of it
// again, verifies the books, and finds both acts in the audit log.
// HASAP_SCREENSHOTS=1 saves docs/screenshots/control.png and audit.png.
// Skipped without chromium, as TestBrowser is.
func TestBrowserControl(t *testing.T) {
	ctx := needBrowser(t)
	a := newBooks(t, ctx, true)
	const ownerEmail = "ayna@demo.example"
	addMember(t, ctx, a, demo.Code, ownerEmail, "Aýna Berdiýewa", auth.Owner)
	b := newBrowser(t, ctx, serveBooks(t, a, web.Options{}).URL)
	b.logIn(ownerEmail, `/o/demo/$`)

	// The page from the menu: the lock date the close of December moved
	// to the year's end, the chain's head.
	b.click(`nav.menu a[href="/o/demo/control"]`)
	b.see("main h1", "Запрет изменений и проверка")
	b.see("dl.control-state", "31.12.2025", "Операций в цепочке")

	// Open the second half of the year again: the lock date moves back.
	b.setValue(`form[action="/o/demo/control/lock-date"] input[name="date"]`, "2025-06-30")
	b.click(`form[action="/o/demo/control/lock-date"] button.primary`)
	b.seeURL(`/o/demo/control\?saved=lock$`)
	b.see("main .notice", "Дата запрета изменений сохранена.")
	b.see("dl.control-state", "30.06.2025")

	// Verify: the figures, and the verification as the last one.
	b.click(`form[action="/o/demo/control/verify"] button.primary`)
	b.see(".verify-result.ok", "Проверка пройдена", "Проводки")
	b.see("dl.control-state", "Последняя проверка", "пройдена", ownerEmail)
	b.shot("control")

	// The audit log has both acts, newest first, in Russian.
	b.click(`nav.menu a[href="/o/demo/audit"]`)
	b.see("main h1", "Журнал аудита")
	b.seeCell(`table.audit tbody tr:nth-child(1)`, 3, "Проверка")
	b.seeCell(`table.audit tbody tr:nth-child(2)`, 3, "Изменена дата запрета изменений")
	b.see(`table.audit tbody tr:nth-child(2)`, "2025-12-31 → 2025-06-30", ownerEmail)
	b.see(`table.audit tbody`, "система", "Проведён документ") // the demo's documents
	b.shot("audit")

	// The filter by action, without JavaScript's help.
	b.setValue(`form.filters select[name="action"]`, "lock_date")
	b.click(`form.filters button`)
	b.seeURL(`/o/demo/audit\?action=lock_date`)
	b.seeCell(`table.audit tbody tr:nth-child(1)`, 3, "Изменена дата запрета изменений")
	b.noPageErrors()
}
