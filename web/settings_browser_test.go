package web_test

import (
	"testing"

	"hasap/app"
	"hasap/auth"
	"hasap/web"
)

// TestBrowserSettings drives chromium through the settings page as a
// chief accountant: from the menu, a revenue account that is not in the
// chart is marked at its field, then the details and another revenue
// account are saved. HASAP_SCREENSHOTS=1 saves docs/screenshots/settings.png
// and settings-error.png. Skipped without chromium, as TestBrowser is.
func TestBrowserSettings(t *testing.T) {
	ctx := needBrowser(t)
	a := newBooks(t, ctx, false)
	if _, err := a.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: "sazlama", Name: "Sazlama", Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	const chief = "chief@sazlama.example"
	addMember(t, ctx, a, "sazlama", chief, "Ogulgerek Annaýewa", auth.ChiefAccountant)
	b := newBrowser(t, ctx, serveBooks(t, a, web.Options{}).URL)
	b.logIn(chief, `/o/sazlama/$`)

	b.click(`nav.menu a[href="/o/sazlama/settings"]`)
	b.see("main h1", "Настройки организации")
	b.see("main", "Реквизиты для печатных форм", "Выручка", "проведённые документы сохраняют свои операции")
	b.seeValue(`input[name="posting.Sales.Revenue"]`, "90.01")

	b.setValue(`input[name="legal_name"]`, "«Sazlama» hojalyk jemgyýeti")
	b.setValue(`input[name="tax_id"]`, "101234567890")
	b.setValue(`input[name="bank_account"]`, "TM12 3456 7890 1234 5678 90")
	b.setValue(`input[name="director"]`, "Annaýew A. B.")
	b.setValue(`input[name="posting.Sales.Revenue"]`, "90.99")
	b.click(`form.settings-form button.primary`)
	b.see("main .alert", "Исправьте отмеченные поля")
	b.see(`label:has(input[name="posting.Sales.Revenue"]) .err`, "счёт 90.99 не существует")
	b.seeValue(`input[name="director"]`, "Annaýew A. B.")
	b.shot("settings-error")

	b.setValue(`input[name="posting.Sales.Revenue"]`, "90.01")
	b.setValue(`input[name="posting.Sales.Cost"]`, "90.07")
	b.click(`form.settings-form button.primary`)
	b.seeURL(`/o/sazlama/settings\?saved=1$`)
	b.see("main .notice", "Настройки сохранены.")
	b.seeValue(`input[name="posting.Sales.Cost"]`, "90.07")
	b.see(`label:has(input[name="posting.Sales.Cost"])`, "по умолчанию 90.02")
	b.shot("settings")
	b.noPageErrors()
}
