package app_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"hasap/app"
	"hasap/ledger"
)

// fieldsOf lists the fields an error of a form names, in order.
func fieldsOf(err error) []string {
	var out []string
	for _, fe := range app.FieldErrors(err) {
		out = append(out, fe.Field)
	}
	return out
}

func wantFields(t *testing.T, err error, what string, fields ...string) {
	t.Helper()
	if got := fieldsOf(err); !slices.Equal(got, fields) {
		t.Fatalf("%s: error fields %v (%v), want %v", what, got, err, fields)
	}
}

func auditLines(t *testing.T, a *app.App, org string) []string {
	t.Helper()
	evs, err := a.Audit(context.Background(), app.System, org, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range evs {
		out = append(out, e.Action+" "+e.Detail)
	}
	return out
}

func TestAccountEditRules(t *testing.T) { eachStore(t, testAccountEditRules) }

func testAccountEditRules(t *testing.T, a *app.App) {
	ctx := context.Background()
	createOrg(t, a, "one", "cis")
	createOrg(t, a, "two", "cis")
	if _, err := a.Post(ctx, app.System, "one", entryOf(100, ledger.DateOf(2025, 2, 1))); err != nil {
		t.Fatal(err)
	}
	sys := app.System
	acc := func(code, parent string) ledger.Account {
		return ledger.Account{Code: ledger.AccountCode(code), Parent: ledger.AccountCode(parent), Names: ledger.Names{RU: "Счёт " + code},
			Kind: ledger.Active, Class: ledger.Asset}
	}

	// New accounts: the fields are checked all at once.
	bad := ledger.Account{Code: " 99.x", Parent: "nope", Kind: "Z", Class: "planet", Analytics: []ledger.AnalyticKind{ledger.Item, ledger.Item}}
	wantFields(t, a.CreateAccount(ctx, sys, "one", bad), "a bad new account", "code", "names", "kind", "class", "analytics", "parent")
	wantFields(t, a.CreateAccount(ctx, sys, "one", acc("51", "")), "an existing code", "code")
	if err := a.CreateAccount(ctx, sys, "one", acc("51", "")); !ledger.IsCode(err, ledger.EConflict) {
		t.Fatalf("an existing code: %v, want a conflict", err)
	}
	wantFields(t, a.CreateAccount(ctx, sys, "one", acc("26.01", "26")), "a sub-account of an account with postings", "parent")

	// A new sub-account of a posting-level account without postings makes
	// it a group; the sub-account is in one organisation only.
	for _, x := range []ledger.Account{acc("X1", ""), acc("X1.1", "X1")} {
		if err := a.CreateAccount(ctx, sys, "one", x); err != nil {
			t.Fatalf("create %s: %v", x.Code, err)
		}
	}
	x1, err := a.AccountForEdit(ctx, sys, "one", "X1")
	if err != nil || !x1.Group || x1.InUse || !slices.Equal(x1.Subs, []ledger.AccountCode{"X1.1"}) {
		t.Fatalf("X1 after its first sub-account: %+v, %v", x1, err)
	}
	if _, err := a.AccountForEdit(ctx, sys, "two", "X1"); !ledger.IsCode(err, ledger.ENotFound) {
		t.Fatalf("X1 in another organisation: %v", err)
	}

	// Without postings everything may change, the code too: the
	// sub-accounts follow a group's new code.
	y := x1.Account
	y.Code, y.Kind, y.Class, y.Names = "Y1", ledger.ActivePassive, ledger.Liability, ledger.Names{TK: "Ýörite", EN: "Special"}
	if err := a.UpdateAccount(ctx, sys, "one", "X1", y); err != nil {
		t.Fatal(err)
	}
	sub, err := a.AccountForEdit(ctx, sys, "one", "X1.1")
	if err != nil || sub.Parent != "Y1" {
		t.Fatalf("X1.1 after its parent became Y1: %+v, %v", sub, err)
	}
	noGroup := y
	noGroup.Group = false
	wantFields(t, a.UpdateAccount(ctx, sys, "one", "Y1", noGroup), "a group with sub-accounts made posting-level", "group")
	loop := y
	loop.Parent = "X1.1"
	wantFields(t, a.UpdateAccount(ctx, sys, "one", "Y1", loop), "a group under its own sub-account", "parent")

	// With postings only the names (and the active state) change.
	st, err := a.AccountForEdit(ctx, sys, "one", "26")
	if err != nil || !st.InUse {
		t.Fatalf("account 26 with a posting: %+v, %v", st, err)
	}
	all := st.Account
	all.Code, all.Parent, all.Kind, all.Class = "26.9", "20", ledger.Passive, ledger.OffBalance
	all.Currency, all.Quantity, all.Group, all.Analytics = !all.Currency, !all.Quantity, !all.Group, []ledger.AnalyticKind{ledger.Project}
	wantFields(t, a.UpdateAccount(ctx, sys, "one", "26", all), "every change to an account with postings",
		"code", "parent", "kind", "class", "currency", "quantity", "group", "analytics")
	renamed := st.Account
	renamed.Names = ledger.Names{TK: "Umumy çykdajylar", RU: "Общехозяйственные расходы (новое)", EN: "Overheads"}
	if err := a.UpdateAccount(ctx, sys, "one", "26", renamed); err != nil {
		t.Fatalf("renaming an account with postings: %v", err)
	}
	if got, _ := a.AccountForEdit(ctx, sys, "one", "26"); got.Names != renamed.Names {
		t.Fatalf("names of 26 = %+v", got.Names)
	}

	// Deactivated, it keeps its history and refuses new postings.
	if err := a.SetAccountActive(ctx, sys, "one", "26", false); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Post(ctx, sys, "one", entryOf(5, ledger.DateOf(2025, 2, 2))); !ledger.IsCode(err, ledger.EInvalid) || !strings.Contains(err.Error(), "deactivated") {
		t.Fatalf("posting to a deactivated account: %v", err)
	}
	if bs := balancesCSV(t, a, "one"); !strings.Contains(bs, "26,TMT,100\n") {
		t.Fatalf("the deactivated account lost its balance:\n%s", bs)
	}
	if err := a.UpdateAccount(ctx, sys, "one", "26", renamed); err != nil {
		t.Fatal(err)
	}
	if got, _ := a.AccountForEdit(ctx, sys, "one", "26"); !got.Inactive {
		t.Fatal("UpdateAccount reactivated the account")
	}
	if err := a.SetAccountActive(ctx, sys, "one", "26", true); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Post(ctx, sys, "one", entryOf(5, ledger.DateOf(2025, 2, 2))); err != nil {
		t.Fatalf("posting to a reactivated account: %v", err)
	}

	acts := strings.Join(auditLines(t, a, "one"), "\n")
	for _, want := range []string{app.ActAccountCreate + " account X1.1", app.ActAccount + " account X1: code X1 → Y1",
		app.ActAccount + " account 26: name tk", app.ActAccountDeactivate + " account 26", app.ActAccountReactivate + " account 26"} {
		if !strings.Contains(acts, want) {
			t.Errorf("audit log lacks %q:\n%s", want, acts)
		}
	}
}

func TestCatalogEntries(t *testing.T) { eachStore(t, testCatalogEntries) }

func testCatalogEntries(t *testing.T, a *app.App) {
	ctx := context.Background()
	createOrg(t, a, "one", "cis")
	createOrg(t, a, "two", "cis")
	sys := app.System
	in := app.AnalyticInput{Kind: ledger.Counterparty, Code: " ROMA ", Names: ledger.Names{RU: "ООО «Ромашка»", TK: "Romaşka HJ"}}
	roma, err := a.AddAnalytic(ctx, sys, "one", in)
	if err != nil || roma.Code != "ROMA" || roma.ID == 0 {
		t.Fatalf("AddAnalytic = %+v, %v", roma, err)
	}
	_, err = a.AddAnalytic(ctx, sys, "one", in)
	wantFields(t, err, "a duplicate code", "code")
	if !ledger.IsCode(err, ledger.EConflict) {
		t.Fatalf("a duplicate code: %v", err)
	}
	if _, err := a.AddAnalytic(ctx, sys, "two", in); err != nil {
		t.Fatalf("the same code in another organisation: %v", err)
	}
	_, err = a.AddAnalytic(ctx, sys, "one", app.AnalyticInput{Kind: ledger.Contract, Code: "K1"})
	wantFields(t, err, "a contract without name and counterparty", "names", "owner")
	_, err = a.AddAnalytic(ctx, sys, "one", app.AnalyticInput{Kind: ledger.Contract, Code: "K1", Names: ledger.Names{RU: "Договор"}, Owner: "NOPE"})
	wantFields(t, err, "a contract of a missing counterparty", "owner")
	_, err = a.AddAnalytic(ctx, sys, "one", app.AnalyticInput{Kind: ledger.Item, Code: "I1", Names: ledger.Names{RU: "Цемент"}, Owner: "ROMA"})
	wantFields(t, err, "an item with an owner", "owner")
	k1, err := a.AddAnalytic(ctx, sys, "one", app.AnalyticInput{Kind: ledger.Contract, Code: "K1", Names: ledger.Names{RU: "Договор 1"}, Owner: "ROMA"})
	if err != nil || k1.Owner != roma.ID {
		t.Fatalf("contract = %+v, %v", k1, err)
	}
	if _, err := a.AddAnalytic(ctx, sys, "one", app.AnalyticInput{Kind: "planet", Code: "P", Names: ledger.Names{EN: "Mars"}}); !ledger.IsCode(err, ledger.ENotFound) {
		t.Fatalf("an unknown catalog: %v", err)
	}

	// Search is case-insensitive in Cyrillic and Turkmen letters.
	for _, q := range []string{"ромашка", "РОМАШКА", "ROMAŞKA", "roma"} {
		got, err := a.SearchAnalytics(ctx, sys, "one", ledger.Counterparty, q, 10)
		if err != nil || len(got) != 1 || got[0].ID != roma.ID {
			t.Fatalf("search %q = %+v, %v", q, got, err)
		}
	}

	cats, err := a.Catalogs(ctx, sys, "one")
	if err != nil || len(cats) != len(ledger.AnalyticKinds) {
		t.Fatalf("Catalogs = %+v, %v", cats, err)
	}
	if c := cats[0]; c.Kind != ledger.Counterparty || c.Count != 1 || !slices.Contains(c.Accounts, "62.01") || !c.Used() {
		t.Fatalf("counterparty catalog = %+v", c)
	}
	if c := cats[1]; c.Kind != ledger.Contract || c.Count != 1 {
		t.Fatalf("contract catalog = %+v", c)
	}

	names := ledger.Names{TK: "Romaşka", RU: "ООО «Ромашка-2»", EN: "Romashka LLC"}
	if err := a.RenameAnalytic(ctx, sys, "one", ledger.Counterparty, roma.ID, names); err != nil {
		t.Fatal(err)
	}
	got, err := a.AnalyticByID(ctx, sys, "one", ledger.Counterparty, roma.ID)
	if err != nil || got.Names != names || got.Code != "ROMA" {
		t.Fatalf("after RenameAnalytic = %+v, %v", got, err)
	}
	wantFields(t, a.RenameAnalytic(ctx, sys, "one", ledger.Counterparty, roma.ID, ledger.Names{RU: "  "}), "no name", "names")
	if _, err := a.AnalyticByID(ctx, sys, "one", ledger.Contract, roma.ID); !ledger.IsCode(err, ledger.ENotFound) {
		t.Fatalf("an entry asked for in the wrong catalog: %v", err)
	}
	if err := a.RenameAnalytic(ctx, sys, "two", ledger.Contract, k1.ID, names); !ledger.IsCode(err, ledger.ENotFound) {
		t.Fatalf("renaming an id of another organisation: %v", err)
	}
	acts := strings.Join(auditLines(t, a, "one"), "\n")
	for _, want := range []string{app.ActAnalyticCreate + " contract K1", app.ActAnalyticEdit + " counterparty ROMA"} {
		if !strings.Contains(acts, want) {
			t.Errorf("audit log lacks %q:\n%s", want, acts)
		}
	}
}
