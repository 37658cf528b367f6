package app_test

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"hasap/app"
	"hasap/auth"
	"hasap/doc"
	"hasap/internal/pgtest"
	"hasap/ledger"
	"hasap/money"
	"hasap/report"
	"hasap/statement"
	"hasap/store"
	"hasap/store/open"
)

// world is two organisations, a and b: a has a member of every role, b an
// owner ("foreign") with an API token; the actors come from real logins.
type world struct {
	a      *app.App
	actors map[string]app.Actor
	n      int // a counter for unique names
}

// columns are the actors of the access matrix, in order.
var columns = []string{"system", "owner", "chief", "accountant", "clerk", "auditor", "viewer", "foreign", "token_b", "token_a", "anonymous"}

var roleOf = map[string]auth.Role{
	"owner": auth.Owner, "chief": auth.ChiefAccountant, "accountant": auth.Accountant,
	"clerk": auth.Clerk, "auditor": auth.Auditor, "viewer": auth.Viewer,
}

func newWorld(t *testing.T) *world { return newWorldOn(t, newApp(t)) }

// eachStore runs f on a fresh SQLite store and on a fresh PostgreSQL
// database (skipped without HASAP_TEST_POSTGRES).
func eachStore(t *testing.T, f func(t *testing.T, a *app.App)) {
	t.Run("sqlite", func(t *testing.T) { f(t, newApp(t)) })
	t.Run("postgres", func(t *testing.T) {
		dsn := pgtest.Database(t)
		st, err := open.Open(context.Background(), dsn, open.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		a := app.New(st, filepath.Join(t.TempDir(), "key"))
		a.Now = func() time.Time { return time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC) } // as newApp
		f(t, a)
	})
}

func newWorldOn(t *testing.T, a *app.App) *world {
	t.Helper()
	ctx := context.Background()
	createOrg(t, a, "a", "cis")
	createOrg(t, a, "b", "cis")
	w := &world{a: a, actors: map[string]app.Actor{"system": app.System, "anonymous": {}}}
	for who, role := range roleOf {
		mustUser(t, a, who, "a", role)
		w.actors[who] = login(t, a, who)
	}
	mustUser(t, a, "foreign", "b", auth.Owner)
	w.actors["foreign"] = login(t, a, "foreign")
	mustUser(t, a, "victim", "a", auth.Viewer)
	for name, who := range map[string]string{"token_b": "foreign", "token_a": "accountant"} {
		org := strings.TrimPrefix(name, "token_")
		tok, err := a.CreateAPIToken(ctx, w.actors[who], org, "robot")
		if err != nil {
			t.Fatal(err)
		}
		actor, id, err := a.AuthenticateAPI(ctx, tok, "198.51.100.7")
		if err != nil {
			t.Fatal(err)
		}
		if o, _ := a.Org(ctx, app.System, org); id != o.ID {
			t.Fatalf("token of %s authenticates in org %d", org, id)
		}
		w.actors[name] = actor
	}
	for _, org := range []string{"a", "b"} {
		if _, err := a.Post(ctx, app.System, org, entryOf(100, ledger.DateOf(2025, 2, 1))); err != nil {
			t.Fatal(err)
		}
	}
	return w
}

func (w *world) next() int { w.n++; return w.n }

// useCase is one row of the access matrix: run it as actor; ok lists the
// roles of organisation a that may do it (System may always, unless
// overridden); credential marks acts on credentials and membership, which
// an API token may never do; except overrides any cell.
type useCase struct {
	name       string
	run        func(ctx context.Context, w *world, actor app.Actor) error
	ok         []string
	credential bool
	except     map[string]ledger.Code
}

// want returns the expected error code of uc for the actor in column col
// ("" for success).
func (uc useCase) want(col string) ledger.Code {
	if c, ok := uc.except[col]; ok {
		return c
	}
	switch col {
	case "system":
		return ""
	case "anonymous":
		return ledger.EUnauthorized
	case "foreign", "token_b":
		return ledger.ENotFound // organisation a "does not exist" for them
	case "token_a":
		if uc.credential {
			return ledger.EForbidden
		}
		col = "accountant" // the token acts with its user's role
	}
	if slices.Contains(uc.ok, col) {
		return ""
	}
	return ledger.EForbidden
}

var (
	everyRole = []string{"owner", "chief", "accountant", "clerk", "auditor", "viewer"}
	posters   = []string{"owner", "chief", "accountant"}
	drafters  = []string{"owner", "chief", "accountant", "clerk"}
)

func useCases() []useCase {
	d := ledger.DateOf
	return []useCase{
		{name: "Org", ok: everyRole, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.Org(ctx, x, "a")
			return err
		}},
		{name: "Balances", ok: everyRole, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.Balances(ctx, x, "a", ledger.NoDate)
			return err
		}},
		{name: "Chessboard", ok: everyRole, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.Chessboard(ctx, x, "a", d(2025, 1, 1), d(2025, 12, 31), report.SubAccount)
			return err
		}},
		{name: "AccountAnalysis", ok: everyRole, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.AccountAnalysis(ctx, x, "a", app.AnalysisQuery{Account: "62", From: d(2025, 1, 1), To: d(2025, 3, 31), ByMonth: true})
			return err
		}},
		{name: "AccountCardOfCorrespondence", ok: everyRole, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.AccountCard(ctx, x, "a", app.CardQuery{Account: "51", Corr: "62"})
			return err
		}},
		{name: "TrialBalance", ok: everyRole, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.TrialBalance(ctx, x, "a", d(2025, 1, 1), d(2025, 12, 31))
			return err
		}},
		{name: "ExpandedTrialBalance", ok: everyRole, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.ExpandedTrialBalance(ctx, x, "a", app.TrialBalanceQuery{From: d(2025, 1, 1), To: d(2025, 12, 31), All: true})
			return err
		}},
		{name: "GeneralLedger", ok: everyRole, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.GeneralLedger(ctx, x, "a", d(2025, 1, 1), d(2025, 12, 31), "")
			return err
		}},
		{name: "AnalyticAnalysis", ok: everyRole, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, _, err := w.a.AnalyticAnalysis(ctx, x, "a", counterpartyOf(w), d(2025, 1, 1), d(2025, 12, 31))
			return err
		}},
		{name: "CashBook", ok: everyRole, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.CashBook(ctx, x, "a", app.CashBookQuery{Account: "50.01", Date: d(2025, 2, 1)})
			return err
		}},
		{name: "CreateDocument", ok: drafters, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.CreateDocument(ctx, x, "a", manualDoc(w))
			return err
		}},
		{name: "GetDocument", ok: everyRole, run: func(ctx context.Context, w *world, x app.Actor) error {
			d, err := w.a.CreateDocument(ctx, app.System, "a", manualDoc(w))
			if err != nil {
				return err
			}
			_, err = w.a.GetDocument(ctx, x, "a", d.ID)
			return err
		}},
		{name: "CounterpartyBalances", ok: everyRole, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.CounterpartyBalances(ctx, x, "a")
			return err
		}},
		{name: "Ageing", ok: everyRole, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.Ageing(ctx, x, "a", d(2025, 3, 31), app.AgeCustomers)
			return err
		}},
		{name: "VATBooks", ok: everyRole, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.VATBooks(ctx, x, "a", 2025, 3)
			return err
		}},
		{name: "AgeingBuckets", ok: everyRole, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.AgeingBuckets(ctx, x, "a", d(2025, 3, 31), app.AgeSuppliers, []int{10, 20})
			return err
		}},
		{name: "OpenItems", ok: everyRole, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.OpenItems(ctx, x, "a", counterpartyOf(w), 0)
			return err
		}},
		{name: "Reconciliation", ok: everyRole, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.Reconciliation(ctx, x, "a", counterpartyOf(w), 0, d(2025, 1, 1), d(2025, 3, 31))
			return err
		}},
		{name: "ListDocuments", ok: everyRole, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.ListDocuments(ctx, x, "a", store.DocumentFilter{From: ledger.NoDate, To: ledger.NoDate})
			return err
		}},
		{name: "SaveDocument", ok: drafters, run: func(ctx context.Context, w *world, x app.Actor) error {
			d, err := w.a.CreateDocument(ctx, app.System, "a", manualDoc(w))
			if err != nil {
				return err
			}
			d.Comment = "changed"
			_, err = w.a.SaveDocument(ctx, x, "a", d)
			return err
		}},
		{name: "PostDocument", ok: posters, run: func(ctx context.Context, w *world, x app.Actor) error {
			d, err := w.a.CreateDocument(ctx, app.System, "a", manualDoc(w))
			if err != nil {
				return err
			}
			_, _, err = w.a.PostDocument(ctx, x, "a", d.ID, d.Version)
			return err
		}},
		{name: "CreateAndPostDocument", ok: posters, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, _, err := w.a.CreateAndPostDocument(ctx, x, "a", manualDoc(w))
			return err
		}},
		{name: "UnpostDocument", ok: posters, run: func(ctx context.Context, w *world, x app.Actor) error {
			d, err := w.a.CreateDocument(ctx, app.System, "a", manualDoc(w))
			if err != nil {
				return err
			}
			if d, _, err = w.a.PostDocument(ctx, app.System, "a", d.ID, d.Version); err != nil {
				return err
			}
			_, _, err = w.a.UnpostDocument(ctx, x, "a", d.ID, d.Version)
			return err
		}},
		{name: "DeriveDocument", ok: drafters, run: func(ctx context.Context, w *world, x app.Actor) error {
			o, err := w.a.CreateDocument(ctx, app.System, "a", orderDoc())
			if err != nil {
				return err
			}
			_, err = w.a.DeriveDocument(ctx, x, "a", "", o.ID, doc.PaymentIn, ledger.NoDate)
			return err
		}},
		{name: "DocumentsBasedOn", ok: everyRole, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.DocumentsBasedOn(ctx, x, "a", 1)
			return err
		}},
		{name: "DocumentTransitionKey", ok: everyRole, run: func(ctx context.Context, w *world, x app.Actor) error {
			d, err := w.a.CreateDocument(ctx, app.System, "a", manualDoc(w))
			if err != nil {
				return err
			}
			key := fmt.Sprint("matrix-key-", w.next())
			if _, _, err := w.a.PostDocumentOnce(ctx, app.System, "a", key, d.ID, d.Version); err != nil {
				return err
			}
			_, err = w.a.DocumentTransitionKey(ctx, x, "a", key)
			return err
		}},
		{name: "Post", ok: posters, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.Post(ctx, x, "a", entryOf(money.Amount(w.next()), d(2025, 3, 1)))
			return err
		}},
		{name: "Reverse", ok: posters, run: func(ctx context.Context, w *world, x app.Actor) error {
			e, err := w.a.Post(ctx, app.System, "a", entryOf(money.Amount(w.next()), d(2025, 3, 2)))
			if err != nil {
				return fmt.Errorf("setup: %w", err)
			}
			_, err = w.a.Reverse(ctx, x, "a", e.Year, e.Number, e.Date, w.n%2 == 0)
			return err
		}},
		{name: "ImportLedger", ok: posters, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.ImportLedger(ctx, x, "a", strings.NewReader("2025-02-03 * imported\n    26   1.00 TMT\n    80\n"), app.ImportOptions{})
			return err
		}},
		{name: "CreateAnalytic", ok: posters, run: func(ctx context.Context, w *world, x app.Actor) error {
			return w.a.CreateAnalytic(ctx, x, "a", &ledger.Analytic{Kind: ledger.Counterparty, Code: fmt.Sprint("C", w.next()), Names: ledger.Names{EN: "Client"}})
		}},
		{name: "PutRate", ok: posters, run: func(ctx context.Context, w *world, x app.Actor) error {
			return w.a.PutRate(ctx, x, "a", "EUR", d(2025, 1, 1)+ledger.Date(w.next()), money.MustRate("3.8"))
		}},
		{name: "PutAccount", ok: posters, run: func(ctx context.Context, w *world, x app.Actor) error {
			return w.a.PutAccount(ctx, x, "a", ledger.Account{Code: ledger.AccountCode(fmt.Sprint("26.", 10+w.next())), Parent: "26",
				Names: ledger.Names{EN: "Overheads"}, Kind: ledger.Active, Class: ledger.Asset})
		}},
		// The chart of accounts and catalog pages (app/catalogs.go).
		{name: "AccountForEdit", ok: posters, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.AccountForEdit(ctx, x, "a", "62.01")
			return err
		}},
		{name: "CreateAccount", ok: posters, run: func(ctx context.Context, w *world, x app.Actor) error {
			return w.a.CreateAccount(ctx, x, "a", ledger.Account{Code: ledger.AccountCode(fmt.Sprint("62.", 50+w.next())), Parent: "62",
				Names: ledger.Names{RU: "Расчёты"}, Kind: ledger.ActivePassive, Class: ledger.Asset})
		}},
		{name: "UpdateAccount", ok: posters, run: func(ctx context.Context, w *world, x app.Actor) error {
			st, err := w.a.AccountForEdit(ctx, app.System, "a", "26")
			if err != nil {
				return fmt.Errorf("setup: %w", err)
			}
			st.Names.EN = fmt.Sprint("Overheads ", w.next())
			return w.a.UpdateAccount(ctx, x, "a", "26", st.Account)
		}},
		{name: "SetAccountActive", ok: posters, run: func(ctx context.Context, w *world, x app.Actor) error {
			code := ledger.AccountCode(fmt.Sprint("Z", w.next()))
			if err := w.a.CreateAccount(ctx, app.System, "a", ledger.Account{Code: code, Names: ledger.Names{EN: "z"}, Kind: ledger.Active, Class: ledger.Asset}); err != nil {
				return fmt.Errorf("setup: %w", err)
			}
			return w.a.SetAccountActive(ctx, x, "a", code, false)
		}},
		{name: "Catalogs", ok: everyRole, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.Catalogs(ctx, x, "a")
			return err
		}},
		{name: "AnalyticByID", ok: everyRole, run: func(ctx context.Context, w *world, x app.Actor) error {
			an, err := w.a.AddAnalytic(ctx, app.System, "a", app.AnalyticInput{Kind: ledger.Item, Code: fmt.Sprint("I", w.next()), Names: ledger.Names{EN: "Item"}})
			if err != nil {
				return fmt.Errorf("setup: %w", err)
			}
			_, err = w.a.AnalyticByID(ctx, x, "a", ledger.Item, an.ID)
			return err
		}},
		// the pickers (pickers.go)
		{name: "FindAnalytic", ok: everyRole, run: func(ctx context.Context, w *world, x app.Actor) error {
			code := fmt.Sprint("F", w.next())
			if _, err := w.a.AddAnalytic(ctx, app.System, "a", app.AnalyticInput{Kind: ledger.Counterparty, Code: code, Names: ledger.Names{RU: "Поиск"}}); err != nil {
				return fmt.Errorf("setup: %w", err)
			}
			_, err := w.a.FindAnalytic(ctx, x, "a", ledger.Counterparty, code)
			return err
		}},
		{name: "AnalyticChoices", ok: everyRole, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.AnalyticChoices(ctx, x, "a", ledger.Counterparty, "a")
			return err
		}},
		{name: "AddAnalytic", ok: posters, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.AddAnalytic(ctx, x, "a", app.AnalyticInput{Kind: ledger.Employee, Code: fmt.Sprint("E", w.next()), Names: ledger.Names{TK: "Işgär"}})
			return err
		}},
		{name: "RenameAnalytic", ok: posters, run: func(ctx context.Context, w *world, x app.Actor) error {
			an, err := w.a.AddAnalytic(ctx, app.System, "a", app.AnalyticInput{Kind: ledger.Project, Code: fmt.Sprint("P", w.next()), Names: ledger.Names{EN: "Project"}})
			if err != nil {
				return fmt.Errorf("setup: %w", err)
			}
			return w.a.RenameAnalytic(ctx, x, "a", ledger.Project, an.ID, ledger.Names{EN: "Renamed"})
		}},
		{name: "OrgSettings", ok: everyRole, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.OrgSettings(ctx, x, "a")
			return err
		}},
		{name: "SaveOrgSettings", ok: []string{"owner", "chief"}, run: func(ctx context.Context, w *world, x app.Actor) error {
			s, err := w.a.OrgSettings(ctx, app.System, "a")
			if err != nil {
				return err
			}
			s.Details.Phone = fmt.Sprintf("+993 12 %d", w.next())
			_, err = w.a.SaveOrgSettings(ctx, x, "a", s)
			return err
		}},
		{name: "Statement", ok: everyRole, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.Statement(ctx, x, "a", statement.BalanceSheet, statement.Months(2025, 2, 1), statement.ComparePrevYear)
			return err
		}},
		{name: "StatementTemplate", ok: everyRole, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.StatementTemplate(ctx, x, "a", statement.ProfitLoss)
			return err
		}},
		{name: "PutStatementTemplate", ok: []string{"owner", "chief"}, run: func(ctx context.Context, w *world, x app.Actor) error {
			body, err := statement.BuiltinCSV("cis", statement.ProfitLoss)
			if err != nil {
				return err
			}
			return w.a.PutStatementTemplate(ctx, x, "a", statement.ProfitLoss, body)
		}},
		{name: "ResetStatementTemplate", ok: []string{"owner", "chief"}, run: func(ctx context.Context, w *world, x app.Actor) error {
			return w.a.ResetStatementTemplate(ctx, x, "a", statement.ProfitLoss)
		}},
		{name: "SetLockDate", ok: []string{"owner", "chief"}, run: func(ctx context.Context, w *world, x app.Actor) error {
			if err := w.a.SetLockDate(ctx, app.System, "a", d(2019, 1, 1)); err != nil {
				return fmt.Errorf("setup: %w", err)
			}
			return w.a.SetLockDate(ctx, x, "a", d(2019, 6, 1))
		}},
		{name: "SetLockDate back (reopen)", ok: []string{"owner"}, run: func(ctx context.Context, w *world, x app.Actor) error {
			if err := w.a.SetLockDate(ctx, app.System, "a", d(2019, 6, 1)); err != nil {
				return fmt.Errorf("setup: %w", err)
			}
			return w.a.SetLockDate(ctx, x, "a", d(2019, 1, 1))
		}},
		{name: "SetLockDate none (reopen)", ok: []string{"owner"}, run: func(ctx context.Context, w *world, x app.Actor) error {
			if err := w.a.SetLockDate(ctx, app.System, "a", d(2019, 6, 1)); err != nil {
				return fmt.Errorf("setup: %w", err)
			}
			return w.a.SetLockDate(ctx, x, "a", ledger.NoDate)
		}},
		{name: "MonthClose", ok: everyRole, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.MonthClose(ctx, x, "a", d(2019, 1, 1))
			return err
		}},
		{name: "PostCloseStep", ok: []string{"owner", "chief"}, run: func(ctx context.Context, w *world, x app.Actor) error {
			// January 2019 has nothing to close: posting its first step
			// locks it; the lock is cleared for the next actor.
			if err := w.a.SetLockDate(ctx, app.System, "a", ledger.NoDate); err != nil {
				return fmt.Errorf("setup: %w", err)
			}
			_, err := w.a.PostCloseStep(ctx, x, "a", d(2019, 1, 1), doc.Revaluation)
			if err == nil {
				err = w.a.SetLockDate(ctx, app.System, "a", ledger.NoDate)
			}
			return err
		}},
		{name: "UnpostCloseStep", ok: []string{"owner", "chief"}, run: func(ctx context.Context, w *world, x app.Actor) error {
			// A month of its own (2041, 2042...) with other income closed
			// to 99 and its profit tax not posted, so not locked.
			month := d(2040+w.next(), 1, 1)
			e := ledger.Entry{Date: month + 14, Description: "income", Postings: []ledger.Posting{{
				Debit: ledger.Side{Account: "50.03"}, Credit: ledger.Side{Account: "91.01"}, Amount: 100}}}
			if _, err := w.a.Post(ctx, app.System, "a", e); err != nil {
				return fmt.Errorf("setup: %w", err)
			}
			if _, err := w.a.PostCloseStep(ctx, app.System, "a", month, doc.CloseMonth); err != nil {
				return fmt.Errorf("setup: %w", err)
			}
			_, err := w.a.UnpostCloseStep(ctx, x, "a", month, doc.CloseMonth)
			return err
		}},
		{name: "Reopen", ok: []string{"owner"}, run: func(ctx context.Context, w *world, x app.Actor) error {
			if err := w.a.SetLockDate(ctx, app.System, "a", d(2019, 6, 1)); err != nil {
				return fmt.Errorf("setup: %w", err)
			}
			return w.a.Reopen(ctx, x, "a", d(2019, 1, 1), "a correction")
		}},
		{name: "Verify", ok: []string{"owner", "chief", "auditor"}, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.Verify(ctx, x, "a", nil)
			return err
		}},
		{name: "MakeCheckpoint", ok: []string{"owner", "chief", "auditor"}, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.MakeCheckpoint(ctx, x, "a")
			return err
		}},
		{name: "ExportLedger", ok: []string{"owner", "chief", "accountant", "auditor"}, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.ExportLedger(ctx, x, "a", io.Discard)
			return err
		}},
		{name: "Audit", ok: []string{"owner", "auditor"}, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.Audit(ctx, x, "a", 0, 10)
			return err
		}},
		{name: "Control", ok: everyRole, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.Control(ctx, x, "a")
			return err
		}},
		{name: "AuditLog", ok: []string{"owner", "auditor"}, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.AuditLog(ctx, x, "a", app.AuditQuery{Action: app.ActPost, Email: email("owner")})
			return err
		}},
		{name: "Members", ok: []string{"owner", "auditor"}, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.Members(ctx, x, "a")
			return err
		}},
		{name: "AddMember", ok: []string{"owner"}, credential: true, run: func(ctx context.Context, w *world, x app.Actor) error {
			return w.a.AddMember(ctx, x, "a", email("victim"), auth.Roles[w.next()%len(auth.Roles)])
		}},
		{name: "RemoveMember", ok: []string{"owner"}, credential: true, run: func(ctx context.Context, w *world, x app.Actor) error {
			if err := w.a.AddMember(ctx, app.System, "a", email("victim"), auth.Viewer); err != nil {
				return fmt.Errorf("setup: %w", err)
			}
			return w.a.RemoveMember(ctx, x, "a", email("victim"))
		}},
		{name: "CreateAPIToken", ok: posters, credential: true, except: map[string]ledger.Code{"system": ledger.EInvalid},
			run: func(ctx context.Context, w *world, x app.Actor) error {
				_, err := w.a.CreateAPIToken(ctx, x, "a", "robot")
				return err
			}},
		{name: "APITokens", ok: everyRole, credential: true, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.APITokens(ctx, x, "a")
			return err
		}},
		// The token to delete is the accountant's: the accountant and the
		// owner may delete it, nobody else.
		{name: "DeleteAPIToken", ok: []string{"owner", "accountant"}, credential: true, run: func(ctx context.Context, w *world, x app.Actor) error {
			if _, err := w.a.CreateAPIToken(ctx, w.actors["accountant"], "a", fmt.Sprint("t", w.next())); err != nil {
				return fmt.Errorf("setup: %w", err)
			}
			ts, err := w.a.APITokens(ctx, app.System, "a")
			if err != nil {
				return fmt.Errorf("setup: %w", err)
			}
			return w.a.DeleteAPIToken(ctx, x, "a", ts[len(ts)-1].ID)
		}},
		// The members page (app/members.go).
		{name: "MembersToManage", ok: []string{"owner"}, credential: true, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.MembersToManage(ctx, x, "a")
			return err
		}},
		{name: "AddNewMember", ok: []string{"owner"}, credential: true, run: func(ctx context.Context, w *world, x app.Actor) error {
			if err := w.a.RemoveMember(ctx, app.System, "a", email("victim")); err != nil {
				return fmt.Errorf("setup: %w", err)
			}
			err := w.a.AddNewMember(ctx, x, "a", email("victim"), auth.Viewer)
			if err != nil {
				if err := w.a.AddMember(ctx, app.System, "a", email("victim"), auth.Viewer); err != nil {
					return fmt.Errorf("cleanup: %w", err)
				}
			}
			return err
		}},
		{name: "CreateMember", ok: []string{"owner"}, credential: true, run: func(ctx context.Context, w *world, x app.Actor) error {
			who := fmt.Sprint("member", w.next())
			_, err := w.a.CreateMember(ctx, x, "a", email(who), who, "ru", auth.Viewer)
			return err
		}},
		{name: "SetRole", ok: []string{"owner"}, credential: true, run: func(ctx context.Context, w *world, x app.Actor) error {
			return w.a.SetRole(ctx, x, "a", victimID(ctx, w), auth.Roles[1+w.next()%(len(auth.Roles)-1)])
		}},
		{name: "RemoveMemberID", ok: []string{"owner"}, credential: true, run: func(ctx context.Context, w *world, x app.Actor) error {
			if err := w.a.AddMember(ctx, app.System, "a", email("victim"), auth.Viewer); err != nil {
				return fmt.Errorf("setup: %w", err)
			}
			err := w.a.RemoveMemberID(ctx, x, "a", victimID(ctx, w))
			if err := w.a.AddMember(ctx, app.System, "a", email("victim"), auth.Viewer); err != nil {
				return fmt.Errorf("cleanup: %w", err)
			}
			return err
		}},
		{name: "ResetMemberPassword", ok: []string{"owner"}, credential: true, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.ResetMemberPassword(ctx, x, "a", victimID(ctx, w))
			return err
		}},
		{name: "SetRequireTOTP", ok: []string{}, credential: true,
			except: map[string]ledger.Code{"owner": ledger.EConflict}, // the owner has no two-factor: it would lock them out
			run: func(ctx context.Context, w *world, x app.Actor) error {
				err := w.a.SetRequireTOTP(ctx, x, "a", true)
				if err := w.a.SetRequireTOTP(ctx, app.System, "a", false); err != nil {
					return fmt.Errorf("cleanup: %w", err)
				}
				return err
			}},
		// Not scoped by an organisation.
		{name: "CreateUser", ok: []string{"owner"}, credential: true, except: map[string]ledger.Code{"foreign": "", "token_b": ledger.EForbidden},
			run: func(ctx context.Context, w *world, x app.Actor) error {
				who := fmt.Sprint("new", w.next())
				_, err := w.a.CreateUser(ctx, x, email(who), who, pw(who), "tk")
				return err
			}},
		{name: "ResetPassword", ok: []string{"owner"}, credential: true, except: map[string]ledger.Code{"token_b": ledger.EForbidden},
			run: func(ctx context.Context, w *world, x app.Actor) error {
				return w.a.ResetPassword(ctx, x, email("victim"), pw(fmt.Sprint("victim", w.next())))
			}},
		{name: "CreateOrg", ok: everyRole, credential: true, except: map[string]ledger.Code{"foreign": "", "token_b": ledger.EForbidden},
			run: func(ctx context.Context, w *world, x app.Actor) error {
				_, err := w.a.CreateOrg(ctx, x, app.CreateOrgInput{Code: fmt.Sprint("new", w.next()), Name: "New", Chart: "empty"})
				return err
			}},
		{name: "MyOrgs", ok: everyRole, except: map[string]ledger.Code{"foreign": "", "token_b": ""},
			run: func(ctx context.Context, w *world, x app.Actor) error {
				_, err := w.a.MyOrgs(ctx, x)
				return err
			}},
	}
}

// victimID is the user id of the victim, a viewer of a.
func victimID(ctx context.Context, w *world) auth.UserID {
	ms, _ := w.a.Members(ctx, app.System, "a")
	for _, m := range ms {
		if m.User.Email == email("victim") {
			return m.User.ID
		}
	}
	return 0
}

// TestAccessMatrix runs every use case as every kind of actor and checks
// the outcome exactly: allowed, EForbidden (a member whose role lacks the
// permission), ENotFound (not a member: the organisation "does not exist"),
// EUnauthorized (anonymous).
func TestAccessMatrix(t *testing.T) { eachStore(t, testAccessMatrix) }

func testAccessMatrix(t *testing.T, a *app.App) {
	ctx := context.Background()
	w := newWorldOn(t, a)
	for _, uc := range append(useCases(), bankUseCases()...) {
		t.Run(strings.ReplaceAll(uc.name, " ", "_"), func(t *testing.T) {
			for _, col := range columns {
				err := uc.run(ctx, w, w.actors[col])
				if got, want := code(err), uc.want(col); got != want {
					t.Errorf("%s as %s: got %q (%v), want %q", uc.name, col, got, err, want)
				}
			}
		})
	}
}

// TestNotFoundSaysNothing: for a user of a, organisation b and an
// organisation that does not exist are refused in the same words.
func TestNotFoundSaysNothing(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	for _, col := range []string{"owner", "viewer", "token_a"} {
		x := w.actors[col]
		_, errB := w.a.Balances(ctx, x, "b", ledger.NoDate)
		_, errNone := w.a.Balances(ctx, x, "nosuch", ledger.NoDate)
		same := func(b, none error) bool { return b.Error() == strings.ReplaceAll(none.Error(), "nosuch", "b") }
		if code(errB) != ledger.ENotFound || !same(errB, errNone) {
			t.Errorf("%s: org b: %v; missing org: %v", col, errB, errNone)
		}
		_, errB = w.a.Audit(ctx, x, "b", 0, 10)
		_, errNone = w.a.Audit(ctx, x, "nosuch", 0, 10)
		if !same(errB, errNone) {
			t.Errorf("%s: audit of b: %v; of a missing org: %v", col, errB, errNone)
		}
	}
}

// TestNothingOfBInA: nothing of organisation b appears in what a user of a
// gets: their organisations, balances, audit log, members, tokens.
func TestNothingOfBInA(t *testing.T) { eachStore(t, testNothingOfBInA) }

func testNothingOfBInA(t *testing.T, on *app.App) {
	ctx := context.Background()
	w := newWorldOn(t, on)
	const marker = 777777 // only b has this amount
	if _, err := w.a.Post(ctx, app.System, "b", entryOf(marker, ledger.DateOf(2025, 2, 2))); err != nil {
		t.Fatal(err)
	}
	a, _ := w.a.Org(ctx, app.System, "a")
	foreign := w.actors["foreign"].User
	for _, col := range []string{"owner", "auditor", "viewer", "token_a"} {
		x := w.actors[col]
		orgs, err := w.a.MyOrgs(ctx, x)
		if err != nil || len(orgs) != 1 || orgs[0].Org.Code != "a" {
			t.Errorf("%s: MyOrgs = %+v, %v", col, orgs, err)
		}
		bals, err := w.a.Balances(ctx, x, "a", ledger.NoDate)
		if err != nil {
			t.Fatal(err)
		}
		for _, bal := range bals {
			if bal.Amount == marker || bal.Amount == -marker {
				t.Errorf("%s: a's balances show b's posting: %+v", col, bal)
			}
		}
	}
	evs, err := w.a.Audit(ctx, w.actors["owner"], "a", 0, app.MaxAuditPage)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range evs {
		if e.Org != a.ID || e.User == foreign || strings.Contains(e.Detail, "foreign") {
			t.Errorf("a's audit log shows %+v", e)
		}
	}
	ms, err := w.a.Members(ctx, w.actors["owner"], "a")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.User.ID == foreign || m.User.PasswordHash != "" || m.User.TOTPSecret != "" {
			t.Errorf("a's members show %+v", m)
		}
	}
	ts, err := w.a.APITokens(ctx, w.actors["owner"], "a")
	if err != nil {
		t.Fatal(err)
	}
	for _, tok := range ts {
		if tok.Org != a.ID || tok.User == foreign || tok.Hash != [32]byte{} {
			t.Errorf("a's tokens show %+v", tok)
		}
	}
	// The foreign owner sees only b, and an API token of a only a.
	orgs, _ := w.a.MyOrgs(ctx, w.actors["foreign"])
	if len(orgs) != 1 || orgs[0].Org.Code != "b" || orgs[0].Role != auth.Owner {
		t.Errorf("foreign: MyOrgs = %+v", orgs)
	}
}

// TestAPITokenOfItsOrgOnly: a token acts with its user's role in its own
// organisation, and loses it when the user leaves the organisation.
func TestAPITokenOfItsOrgOnly(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	// the accountant is also a viewer of b; their token of a still cannot read b
	if err := w.a.AddMember(ctx, app.System, "b", email("accountant"), auth.Viewer); err != nil {
		t.Fatal(err)
	}
	x := w.actors["token_a"]
	ts, _ := w.a.APITokens(ctx, w.actors["accountant"], "a")
	if len(ts) != 1 || !ts[0].LastUsed.Equal(w.a.Now()) {
		t.Fatalf("token use not recorded: %+v", ts)
	}
	if _, err := w.a.Balances(ctx, x, "b", ledger.NoDate); code(err) != ledger.ENotFound {
		t.Fatalf("token of a reads b: %v", err)
	}
	if _, err := w.a.Balances(ctx, w.actors["accountant"], "b", ledger.NoDate); err != nil {
		t.Fatalf("the accountant's session reads b: %v", err)
	}
	tok, err := w.a.CreateAPIToken(ctx, w.actors["accountant"], "a", "leaving")
	if err != nil {
		t.Fatal(err)
	}
	if err := w.a.RemoveMember(ctx, app.System, "a", email("accountant")); err != nil {
		t.Fatal(err)
	}
	if _, _, err := w.a.AuthenticateAPI(ctx, tok, ""); code(err) != ledger.EUnauthorized {
		t.Fatalf("token of a former member: %v", err)
	}
	if _, err := w.a.Post(ctx, x, "a", entryOf(5, ledger.DateOf(2025, 3, 3))); code(err) != ledger.ENotFound {
		t.Fatalf("token actor of a former member posts: %v", err)
	}
	if _, _, err := w.a.AuthenticateAPI(ctx, "hsp_not-a-token", ""); code(err) != ledger.EUnauthorized {
		t.Fatalf("malformed token: %v", err)
	}
}

// TestLastOwner: an organisation always keeps an owner.
func TestLastOwner(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	owner := w.actors["owner"]
	if err := w.a.AddMember(ctx, owner, "a", email("owner"), auth.Viewer); code(err) != ledger.EConflict {
		t.Fatalf("demoting the last owner: %v", err)
	}
	if err := w.a.RemoveMember(ctx, app.System, "a", email("owner")); code(err) != ledger.EConflict {
		t.Fatalf("removing the last owner: %v", err)
	}
	if err := w.a.AddMember(ctx, owner, "a", email("chief"), auth.Owner); err != nil {
		t.Fatal(err)
	}
	if err := w.a.AddMember(ctx, owner, "a", email("owner"), auth.Viewer); err != nil {
		t.Fatalf("demoting one of two owners: %v", err)
	}
	if err := w.a.AddMember(ctx, owner, "a", email("chief"), auth.Viewer); code(err) != ledger.EForbidden {
		t.Fatalf("a demoted owner still manages members: %v", err)
	}
	log := auditActions(t, w.a, "a")
	if !hasAction(log, "role chief@example.com: chief_accountant → owner") || !hasAction(log, "role owner@example.com: owner → viewer") {
		t.Fatalf("role changes not audited:\n%s", strings.Join(log, "\n"))
	}
}

// TestOwnerCannotResetForeignPassword: an owner of a may not reset the
// password of a member of a who also belongs to b, which would hand them b.
func TestOwnerCannotResetForeignPassword(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	if err := w.a.AddMember(ctx, app.System, "a", email("foreign"), auth.Viewer); err != nil {
		t.Fatal(err)
	}
	if err := w.a.ResetPassword(ctx, w.actors["owner"], email("foreign"), pw("taken over")); code(err) != ledger.EForbidden {
		t.Fatalf("owner of a resets a member of b: %v", err)
	}
	if err := w.a.ResetPassword(ctx, w.actors["owner"], email("nobody"), pw("x")); code(err) != ledger.ENotFound {
		t.Fatalf("unknown email: %v", err)
	}
}

// counterpartyOf makes a counterparty of organisation a.
func counterpartyOf(w *world) ledger.AnalyticID {
	x := ledger.Analytic{Kind: ledger.Counterparty, Code: fmt.Sprintf("CP-%d", w.next()), Names: ledger.Names{RU: "Контрагент"}}
	if err := w.a.CreateAnalytic(context.Background(), app.System, "a", &x); err != nil {
		panic(err)
	}
	return x.ID
}

// orderDoc is a customer order of one service of 100.00 + VAT.
func orderDoc() doc.Document {
	return doc.Document{Type: doc.Order, Date: ledger.DateOf(2025, 3, 5), Lines: []doc.Line{{Service: true, Amount: 10000, VAT: doc.VAT15}}}
}

// manualDoc is a manual operation of a distinct amount: Dt 26 Kt 80.
func manualDoc(w *world) doc.Document {
	e := entryOf(money.Amount(w.next()), ledger.DateOf(2025, 3, 5))
	return doc.Document{Type: doc.Manual, Date: e.Date, Postings: e.Postings}
}

// analyticMaker returns a function that adds a catalog entry of a kind,
// code and owner (0 for none) to organisation org, named by its code, and
// returns its id; a failure fails the test.
func analyticMaker(t *testing.T, a *app.App, org string) func(kind ledger.AnalyticKind, code string, owner ledger.AnalyticID) ledger.AnalyticID {
	return func(kind ledger.AnalyticKind, code string, owner ledger.AnalyticID) ledger.AnalyticID {
		t.Helper()
		x := ledger.Analytic{Kind: kind, Code: code, Names: ledger.Names{RU: code}, Owner: owner}
		if err := a.CreateAnalytic(context.Background(), app.System, org, &x); err != nil {
			t.Fatal(err)
		}
		return x.ID
	}
}
