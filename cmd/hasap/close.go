package main

import (
	"flag"
	"fmt"

	"hasap/app"
	"hasap/doc"
	"hasap/ledger"
	"hasap/money"
)

// cmdClose closes a month as the operator: every step to do in its order
// (revaluation, closing 90 and 91, profit tax, the year close in
// December), which moves the lock date to the month's end; with --status
// it only shows the steps, with --unpost STEP it unposts one.
func cmdClose(e *env, args []string) error {
	fs := flag.NewFlagSet("close", flag.ContinueOnError)
	org := fs.String("org", "", "organisation code")
	month := fs.String("month", "", "the month, YYYY-MM")
	status := fs.Bool("status", false, "only show the steps and what each would post")
	unpost := fs.String("unpost", "", "unpost this step (revaluation, close_month, profit_tax, close_year)")
	if err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	if err := required("org", *org); err != nil {
		return err
	}
	if err := required("month", *month); err != nil {
		return err
	}
	m, err := app.ParseMonth(*month)
	if err != nil {
		return err
	}
	actor := app.System
	actor.Lang = e.lang
	mc, err := e.app.MonthClose(e.ctx, actor, *org, m)
	switch {
	case err != nil:
	case *unpost != "":
		mc, err = e.app.UnpostCloseStep(e.ctx, actor, *org, m, doc.Type(*unpost))
	case !*status:
		for i := range mc.Steps {
			if st := mc.Steps[i]; st.State == app.StepToDo && err == nil {
				mc, err = e.app.PostCloseStep(e.ctx, actor, *org, m, st.Type)
			}
		}
		if err == nil && mc.Done && !mc.Locked && len(mc.Steps) > 0 {
			mc, err = e.app.PostCloseStep(e.ctx, actor, *org, m, mc.Steps[0].Type)
		}
	}
	if err != nil {
		return err
	}
	printClose(e, mc)
	return nil
}

func printClose(e *env, mc app.MonthClose) {
	exp := mc.Org.Currency.Exponent
	for _, st := range mc.Steps {
		fmt.Fprintf(e.stdout, "%-12s %-8s %s", st.Type, st.State, doc.Title(st.Type, e.lang))
		if d := st.Document; d != nil {
			fmt.Fprintf(e.stdout, " (%s, %s)", d.Ref(), d.Status)
		}
		fmt.Fprintln(e.stdout)
		for _, p := range st.Preview {
			fmt.Fprintf(e.stdout, "    Dt %s Kt %s %s\n", p.Debit.Account, p.Credit.Account, money.Format(p.Amount, exp, localeOf(e.lang)))
		}
		if st.Err != nil {
			fmt.Fprintf(e.stdout, "    %v\n", st.Err)
		}
	}
	lock := "none"
	if mc.Org.LockDate != ledger.NoDate {
		lock = mc.Org.LockDate.String()
	}
	fmt.Fprintf(e.stdout, "month %s: done %t, locked %t, lock date %s\n", mc.Start.String()[:7], mc.Done, mc.Locked, lock)
}

// cmdReopen moves the lock date back for a reason, as the operator; the
// audit log keeps the reason.
func cmdReopen(e *env, args []string) error {
	fs := flag.NewFlagSet("reopen", flag.ContinueOnError)
	org := fs.String("org", "", "organisation code")
	to := fs.String("to", "", "the new lock date YYYY-MM-DD, or none")
	reason := fs.String("reason", "", "why the period is reopened (kept in the audit log)")
	if err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	for _, f := range [][2]string{{"org", *org}, {"to", *to}, {"reason", *reason}} {
		if err := required(f[0], f[1]); err != nil {
			return err
		}
	}
	d, err := parseOptDate(*to)
	if err != nil {
		return err
	}
	if err := e.app.Reopen(e.ctx, app.System, *org, d, *reason); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "lock date of %s is now %s\n", *org, *to)
	return nil
}
