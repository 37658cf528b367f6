package app_test

import (
	"context"
	"fmt"
	"testing"

	"hasap/app"
	"hasap/ledger"
)

func TestFindAnalytic(t *testing.T) { eachStore(t, testFindAnalytic) }

// testFindAnalytic: a code, a part of a name in any case and any of the
// three languages find the one entry meant; an exact code or name wins
// over parts; several matches are offered, closest first; nothing of
// another organisation is ever found.
func testFindAnalytic(t *testing.T, a *app.App) {
	ctx := context.Background()
	createOrg(t, a, "one", "cis")
	createOrg(t, a, "two", "cis")
	add := func(org, code, tk, ru string) {
		t.Helper()
		an := &ledger.Analytic{Kind: ledger.Counterparty, Code: code, Names: ledger.Names{TK: tk, RU: ru}}
		if err := a.CreateAnalytic(ctx, app.System, org, an); err != nil {
			t.Fatal(err)
		}
	}
	add("one", "K1", `"Türkmen Ýüpek" HJ`, "ХО «Туркмен Юпек»")
	add("one", "K2", `"Türkmen Nebit" HJ`, "ХО «Туркмен Небит»")
	add("one", "K20", "Ýüpek", "Юпек")
	add("one", "Ýüpek", "Başga", "Другой")
	for i := range 30 {
		add("one", fmt.Sprintf("P%02d", i), fmt.Sprintf("Üpjünçi %d", i), fmt.Sprintf("Поставщик %d", i))
	}
	add("two", "Z1", "Gök Bazar", "Гёк Базар")

	found := func(typed, want string) {
		t.Helper()
		m, err := a.FindAnalytic(ctx, app.System, "one", ledger.Counterparty, typed)
		if err != nil || m.Found.Code != want {
			t.Errorf("%q: found %q, %v; want %s", typed, m.Found.Code, err, want)
		}
	}
	found("K1", "K1")
	found("k2", "K2")              // a code in another case, among several that hold it
	found("НЕБИТ", "K2")           // a part of the Russian name, in capitals
	found("nebit", "K2")           // of the Turkmen name
	found("Ýüpek", "Ýüpek")        // an exact code wins over names that hold it
	found("юпек", "K20")           // a name equal to it wins over names that hold it
	found("  поставщик 7 ", "P07") // trimmed

	m, err := a.FindAnalytic(ctx, app.System, "one", ledger.Counterparty, "поставщик")
	if !ledger.IsCode(err, ledger.EInvalid) || len(m.Choices) != app.MaxAnalyticChoices || m.Found.ID != 0 {
		t.Errorf("поставщик: %v, %d choices", err, len(m.Choices))
	}
	m, err = a.FindAnalytic(ctx, app.System, "one", ledger.Counterparty, "туркмен")
	if !ledger.IsCode(err, ledger.EInvalid) || len(m.Choices) != 2 {
		t.Errorf("туркмен: %v, %v", err, m.Choices)
	}
	for _, typed := range []string{"Z1", "Gök", "нет", ""} {
		if _, err := a.FindAnalytic(ctx, app.System, "one", ledger.Counterparty, typed); !ledger.IsCode(err, ledger.ENotFound) {
			t.Errorf("%q: %v, want ENotFound", typed, err)
		}
	}
	if _, err := a.FindAnalytic(ctx, app.System, "one", "customer", "K1"); !ledger.IsCode(err, ledger.EInvalid) {
		t.Errorf("an unknown catalog: %v", err)
	}

	// Choices: the code first, then codes that start with the text.
	list, err := a.AnalyticChoices(ctx, app.System, "one", ledger.Counterparty, "k2")
	if err != nil || len(list) != 2 || list[0].Code != "K2" || list[1].Code != "K20" {
		t.Errorf("k2: %v %v", list, err)
	}
	list, err = a.AnalyticChoices(ctx, app.System, "one", ledger.Counterparty, "ýüpek")
	if err != nil || len(list) != 3 || list[0].Code != "Ýüpek" || list[1].Code != "K20" {
		t.Errorf("ýüpek: %v %v", list, err)
	}
	if list, _ := a.AnalyticChoices(ctx, app.System, "one", ledger.Counterparty, ""); len(list) != app.MaxAnalyticChoices {
		t.Errorf("everything: %d choices", len(list))
	}
	if list, _ := a.AnalyticChoices(ctx, app.System, "two", ledger.Counterparty, "K1"); len(list) != 0 {
		t.Errorf("two is offered one's: %v", list)
	}
}
