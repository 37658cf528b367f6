package app_test

import (
	"context"
	"fmt"
	"strings"

	"hasap/app"
	"hasap/interop/bankcsv"
)

// matrixStatement is the statement of organisation a the access matrix
// reads and confirms: imported by System the first time it is asked for.
func matrixStatement(ctx context.Context, w *world) (int64, error) {
	sts, err := w.a.ListStatements(ctx, app.System, "a", 0, 1)
	if err != nil || len(sts) > 0 {
		if err != nil {
			return 0, err
		}
		return sts[0].ID, nil
	}
	made, err := w.a.ImportStatement(ctx, app.System, "a", app.ImportInput{Format: app.FormatMT940, File: strings.NewReader(statementFile("MATRIX"))})
	if err != nil {
		return 0, fmt.Errorf("setup: %w", err)
	}
	return made[0].ID, nil
}

// statementFile is an MT940 statement of one line whose reference is ref,
// so that each ref makes a file of its own.
func statementFile(ref string) string {
	return ":20:" + ref + "\n:25:TM0001\n:60F:C250302TMT0,00\n:61:2503030303C10,00NTRFNONREF\n:86:x\n:62F:C250303TMT10,00\n"
}

// matrixMapping is a saved CSV mapping of a, made the first time.
func matrixMapping(ctx context.Context, w *world) (int64, error) {
	ms, err := w.a.BankMappings(ctx, app.System, "a")
	if err != nil || len(ms) > 0 {
		if err != nil {
			return 0, err
		}
		return ms[0].ID, nil
	}
	m, err := w.a.SaveBankMapping(ctx, app.System, "a", app.BankMapping{Name: "matrix", Mapping: bankcsv.Mapping{Date: 1,
		DateLayout: "02.01.2006", Amount: 2, Currency: "TMT"}})
	return m.ID, err
}

// bankUseCases are the access matrix's rows of bank statements.
func bankUseCases() []useCase {
	editors := []string{"owner", "chief", "accountant"}
	withStatement := func(f func(ctx context.Context, w *world, x app.Actor, id int64) error) func(ctx context.Context, w *world, x app.Actor) error {
		return func(ctx context.Context, w *world, x app.Actor) error {
			id, err := matrixStatement(ctx, w)
			if err != nil {
				return err
			}
			return f(ctx, w, x, id)
		}
	}
	return []useCase{
		{name: "ImportStatement", ok: drafters, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.ImportStatement(ctx, x, "a", app.ImportInput{Format: app.FormatMT940,
				File: strings.NewReader(statementFile(fmt.Sprint("S", w.next())))})
			return err
		}},
		{name: "ListStatements", ok: everyRole, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.ListStatements(ctx, x, "a", 0, 0)
			return err
		}},
		{name: "GetStatement", ok: everyRole, run: withStatement(func(ctx context.Context, w *world, x app.Actor, id int64) error {
			_, err := w.a.GetStatement(ctx, x, "a", id)
			return err
		})},
		{name: "StatementReview", ok: everyRole, run: withStatement(func(ctx context.Context, w *world, x app.Actor, id int64) error {
			_, err := w.a.StatementReview(ctx, x, "a", id, app.ReviewQuery{})
			return err
		})},
		{name: "ConfirmStatement", ok: drafters, run: withStatement(func(ctx context.Context, w *world, x app.Actor, id int64) error {
			_, err := w.a.ConfirmStatement(ctx, x, "a", id, app.ConfirmInput{})
			return err
		})},
		{name: "ConfirmStatement post", ok: posters, run: withStatement(func(ctx context.Context, w *world, x app.Actor, id int64) error {
			_, err := w.a.ConfirmStatement(ctx, x, "a", id, app.ConfirmInput{Post: true})
			return err
		})},
		{name: "BankMappings", ok: everyRole, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.BankMappings(ctx, x, "a")
			return err
		}},
		{name: "GetBankMapping", ok: everyRole, run: func(ctx context.Context, w *world, x app.Actor) error {
			id, err := matrixMapping(ctx, w)
			if err != nil {
				return fmt.Errorf("setup: %w", err)
			}
			_, err = w.a.GetBankMapping(ctx, x, "a", id)
			return err
		}},
		{name: "SaveBankMapping", ok: editors, run: func(ctx context.Context, w *world, x app.Actor) error {
			_, err := w.a.SaveBankMapping(ctx, x, "a", app.BankMapping{Name: fmt.Sprint("bank ", w.next()), Mapping: bankcsv.Mapping{Date: 1,
				DateLayout: "02.01.2006", Amount: 2, Currency: "TMT"}})
			return err
		}},
	}
}
