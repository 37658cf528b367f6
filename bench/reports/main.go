// Command reports runs one of Hasap's reports on an existing database, the
// way the application computes it (the app service, from the store), for
// bench/reports.sh: one process per report, like `hasap report`, for the
// reports the command line does not offer yet.
//
//	reports -db DSN -org bench -report NAME [-from D] [-to D] [-account C] [-repeat N]
//
// It prints a one-line summary of the result (rows and a total, so a run
// can be checked) and, with -repeat N, runs the report N more times in the
// same process and prints the median, min and max of those calls in
// milliseconds and the CPU time (user+sys) per call: the cost of the
// report without the process start and the database open.
//
// Reports: balances, tb (trial balance), card (the first page of an
// account card: -account, -from, -to), card-all (every page, each asked
// for as the web page asks), card-export (the whole card as its export
// reads it: one opening, the balance carried across pages), ageing
// (customers as of -to), ageing-suppliers.
//
// With -mkdb postgres://... it creates a scratch database
// hasap_bench_<random hex> on that server and prints its URL; -dropdb URL
// drops it. Nothing else.
package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"math"
	"net/url"
	"os"
	"runtime/pprof"
	"sort"
	"strings"
	"syscall"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"hasap/app"
	"hasap/ledger"
	"hasap/report"
	"hasap/statement"
	"hasap/store"
	"hasap/store/open"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "reports:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("reports", flag.ContinueOnError)
	dsn := fs.String("db", "", "database: a path or postgres://...")
	org := fs.String("org", "bench", "organisation code")
	name := fs.String("report", "", "balances, tb, card, card-all, card-export, ageing, ageing-suppliers")
	fromS := fs.String("from", "", "first day YYYY-MM-DD")
	toS := fs.String("to", "", "last day YYYY-MM-DD (the day of an ageing)")
	account := fs.String("account", "", "account code (card, general ledger)")
	expand := fs.String("expand", "", "accounts to expand by analytics, comma-separated, or \"all\" (tb-expanded)")
	analytic := fs.String("counterparty", "", "counterparty code (analysis)")
	kind := fs.String("kind", "pnl", "statement: pnl, balance-sheet, cash-flow, equity")
	compare := fs.String("compare", "", "statement comparison: prev-month, prev-year, year-start")
	level := fs.String("level", "", "chessboard, account analysis: synthetic or sub")
	repeat := fs.Int("repeat", 0, "run the report this many more times in the process and print their median")
	mkdb := fs.String("mkdb", "", "create a scratch PostgreSQL database on this server and print its URL")
	dropdb := fs.String("dropdb", "", "drop this scratch PostgreSQL database (hasap_bench_...)")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the calls here")
	list := fs.Bool("list", false, "print the reports beyond the first ones as NAME|ARGUMENTS lines, for bench/reports.sh")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx := context.Background()
	if *list {
		names := make([]string, 0, len(later))
		for n := range later {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Println(n + "|" + later[n])
		}
		return nil
	}
	switch {
	case *mkdb != "":
		return makeDB(ctx, *mkdb)
	case *dropdb != "":
		return dropDB(ctx, *dropdb)
	}
	from, err := optDate(*fromS)
	if err != nil {
		return err
	}
	to, err := optDate(*toS)
	if err != nil {
		return err
	}
	t0 := time.Now()
	db, err := open.Open(ctx, *dsn, open.Options{})
	if err != nil {
		return err
	}
	opened := time.Since(t0)
	defer db.Close()
	a := app.New(db, "")
	q := query{org: *org, from: from, to: to, account: ledger.AccountCode(*account), counterparty: *analytic,
		kind: statement.Kind(*kind), compare: statement.Compare(*compare)}
	if q.level, err = report.ParseLevel(*level); err != nil {
		return err
	}
	if *expand == "all" {
		q.all = true
	} else if *expand != "" {
		for _, c := range strings.Split(*expand, ",") {
			q.expand = append(q.expand, ledger.AccountCode(c))
		}
	}
	f, ok := reports[*name]
	if !ok {
		return fmt.Errorf("unknown -report %q", *name)
	}
	if *cpuprofile != "" {
		pf, err := os.Create(*cpuprofile)
		if err != nil {
			return err
		}
		defer pf.Close()
		if err := pprof.StartCPUProfile(pf); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	t1 := time.Now()
	summary, err := f(ctx, a, q)
	if err != nil {
		return err
	}
	fmt.Println(summary)
	fmt.Fprintf(os.Stderr, "open %.1f ms, first call %.1f ms\n", ms(opened), ms(time.Since(t1)))
	if *repeat <= 0 {
		return nil
	}
	cpu0 := cpuTime()
	took := make([]float64, *repeat)
	for i := range took {
		t0 := time.Now()
		if _, err := f(ctx, a, q); err != nil {
			return err
		}
		took[i] = ms(time.Since(t0))
	}
	cpu := ms(cpuTime()-cpu0) / float64(len(took))
	sort.Float64s(took)
	fmt.Printf("in-process ms: median %.2f min %.2f max %.2f n %d cpu/call %.2f\n", took[(len(took)-1)/2], took[0], took[len(took)-1], len(took), cpu)
	return nil
}

// cpuTime is the user and system time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

type query struct {
	org          string
	from, to     ledger.Date
	account      ledger.AccountCode
	expand       []ledger.AccountCode
	all          bool
	counterparty string
	kind         statement.Kind
	compare      statement.Compare
	level        report.Level
}

// later are the reports added after the first ones (balances, tb, card,
// ageing), with the arguments bench/reports.sh runs them with.
var later = map[string]string{
	"tb-expanded 62, 2025-06":               "-report tb-expanded -expand 62 -from 2025-06-01 -to 2025-06-30",
	"tb-expanded 60+62+76, year 2025":       "-report tb-expanded -expand 60,62,76 -from 2025-01-01 -to 2025-12-31",
	"tb-expanded all, year 2025":            "-report tb-expanded -expand all -from 2025-01-01 -to 2025-12-31",
	"general ledger, year 2025":             "-report general-ledger -from 2025-01-01 -to 2025-12-31",
	"analysis of K00001, year 2025":         "-report analysis -counterparty K00001 -from 2025-01-01 -to 2025-12-31",
	"P&L, year 2025":                        "-report statement -kind pnl -from 2025-01-01 -to 2025-12-31",
	"P&L, year 2025 vs 2024":                "-report statement -kind pnl -from 2025-01-01 -to 2025-12-31 -compare prev-year",
	"P&L, 2025-06":                          "-report statement -kind pnl -from 2025-06-01 -to 2025-06-30",
	"balance sheet, 2025-12-31":             "-report statement -kind balance-sheet -from 2025-01-01 -to 2025-12-31",
	"cash flow, year 2025":                  "-report statement -kind cash-flow -from 2025-01-01 -to 2025-12-31",
	"chessboard, year 2025":                 "-report chessboard -from 2025-01-01 -to 2025-12-31",
	"chessboard by sub-account, part month": "-report chessboard -level sub -from 2025-06-10 -to 2025-06-20",
	"account analysis of 62, year 2025":     "-report account-analysis -account 62 -from 2025-01-01 -to 2025-12-31",
}

type reportFunc func(context.Context, *app.App, query) (string, error)

var reports = map[string]reportFunc{
	"balances": func(ctx context.Context, a *app.App, q query) (string, error) {
		bs, err := a.Balances(ctx, app.System, q.org, q.to)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("balances: %d rows", len(bs)), nil
	},
	"tb": func(ctx context.Context, a *app.App, q query) (string, error) {
		tb, err := a.TrialBalance(ctx, app.System, q.org, q.from, q.to)
		if err != nil {
			return "", err
		}
		if !tb.Balanced() {
			return "", errors.New("the trial balance does not balance")
		}
		return fmt.Sprintf("trial balance: %d rows, turnover %d", len(tb.Rows), tb.Total.Debit), nil
	},
	"tb-expanded": func(ctx context.Context, a *app.App, q query) (string, error) {
		tb, err := a.ExpandedTrialBalance(ctx, app.System, q.org, app.TrialBalanceQuery{From: q.from, To: q.to, Expand: q.expand, All: q.all})
		if err != nil {
			return "", err
		}
		if !tb.Balanced() {
			return "", errors.New("the trial balance does not balance")
		}
		return fmt.Sprintf("expanded trial balance: %d rows, turnover %d", len(tb.Rows), tb.Total.Debit), nil
	},
	"general-ledger": func(ctx context.Context, a *app.App, q query) (string, error) {
		gl, err := a.GeneralLedger(ctx, app.System, q.org, q.from, q.to, q.account)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("general ledger: %d accounts", len(gl.Accounts)), nil
	},
	"analysis": func(ctx context.Context, a *app.App, q query) (string, error) {
		org, err := a.Store.OrgByCode(ctx, q.org)
		if err != nil {
			return "", err
		}
		an, err := a.Store.AnalyticByCode(ctx, org.ID, ledger.Counterparty, q.counterparty)
		if err != nil {
			return "", err
		}
		tb, _, err := a.AnalyticAnalysis(ctx, app.System, q.org, an.ID, q.from, q.to)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("analysis of %s: %d rows, turnover %d", q.counterparty, len(tb.Rows), tb.Total.Debit), nil
	},
	"statement": func(ctx context.Context, a *app.App, q query) (string, error) {
		r, err := a.Statement(ctx, app.System, q.org, q.kind, statement.Period{From: q.from, To: q.to}, q.compare)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("statement %s %s: %s", q.kind, r.Period.String(), statementSummary(r.Current)), nil
	},
	"chessboard": func(ctx context.Context, a *app.App, q query) (string, error) {
		cb, err := a.Chessboard(ctx, app.System, q.org, q.from, q.to, q.level)
		if err != nil {
			return "", err
		}
		return "chessboard: " + chessSummary(cb), nil
	},
	"account-analysis": func(ctx context.Context, a *app.App, q query) (string, error) {
		an, err := a.AccountAnalysis(ctx, app.System, q.org, app.AnalysisQuery{Account: q.account, From: q.from, To: q.to, Level: q.level})
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("account analysis of %s: %T", q.account, an), nil
	},
	// corr-store is the chessboard's read alone (store.CorrTurnover).
	"corr-store": func(ctx context.Context, a *app.App, q query) (string, error) {
		org, err := a.Store.OrgByCode(ctx, q.org)
		if err != nil {
			return "", err
		}
		pairs, err := a.Store.CorrTurnover(ctx, org.ID, q.from, q.to, store.CorrFilter{Account: q.account})
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("correspondence: %d pairs", len(pairs)), nil
	},
	"card":     card(false),
	"card-all": card(true),
	"card-export": func(ctx context.Context, a *app.App, q query) (string, error) {
		c, err := a.AccountCardAll(ctx, app.System, q.org, app.CardQuery{Account: q.account, From: q.from, To: q.to}, math.MaxInt)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("card %s: %d lines, opening %d, debit %d, credit %d, closing %d", q.account, len(c.Lines), c.Opening, c.Debit, c.Credit, c.Closing), nil
	},
	"ageing": func(ctx context.Context, a *app.App, q query) (string, error) {
		return ageing(ctx, a, q, app.AgeCustomers)
	},
	"ageing-suppliers": func(ctx context.Context, a *app.App, q query) (string, error) {
		return ageing(ctx, a, q, app.AgeSuppliers)
	},
}

func card(all bool) reportFunc {
	return func(ctx context.Context, a *app.App, q query) (string, error) {
		cq := app.CardQuery{Account: q.account, From: q.from, To: q.to}
		lines, pages := 0, 0
		for {
			c, err := a.AccountCard(ctx, app.System, q.org, cq)
			if err != nil {
				return "", err
			}
			lines += len(c.Lines)
			pages++
			if !all || c.Next == nil {
				return fmt.Sprintf("card %s: %d lines in %d pages, opening %d, debit %d, credit %d, closing %d", q.account, lines, pages, c.Opening, c.Debit, c.Credit, c.Closing), nil
			}
			cq.After = *c.Next
		}
	}
}

func ageing(ctx context.Context, a *app.App, q query, side app.AgeingSide) (string, error) {
	rep, err := a.Ageing(ctx, app.System, q.org, q.to, side)
	if err != nil {
		return "", err
	}
	items := 0
	for _, r := range rep.Rows {
		items += len(r.Items)
	}
	return fmt.Sprintf("ageing %s: %d counterparties, %d open items", side, len(rep.Rows), items), nil
}

func optDate(s string) (ledger.Date, error) {
	if s == "" {
		return ledger.NoDate, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return ledger.NoDate, err
	}
	return ledger.DateOf(t.Year(), t.Month(), t.Day()), nil
}

func makeDB(ctx context.Context, dsn string) error {
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		return err
	}
	defer admin.Close()
	b := make([]byte, 6)
	rand.Read(b)
	name := "hasap_bench_" + hex.EncodeToString(b)
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		return err
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return err
	}
	u.Path = "/" + name
	fmt.Println(u.String())
	return nil
}

func dropDB(ctx context.Context, dsn string) error {
	u, err := url.Parse(dsn)
	if err != nil {
		return err
	}
	name := strings.TrimPrefix(u.Path, "/")
	if !strings.HasPrefix(name, "hasap_bench_") {
		return fmt.Errorf("refusing to drop %q: not a hasap_bench_ scratch database", name)
	}
	u.Path = "/postgres"
	admin, err := sql.Open("pgx", u.String())
	if err != nil {
		return err
	}
	defer admin.Close()
	_, err = admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	return err
}

func statementSummary(r *statement.Result) string {
	nonzero := 0
	for _, v := range r.Values {
		if v.Amount != 0 {
			nonzero++
		}
	}
	return fmt.Sprintf("%d lines, %d not zero, %d unplaced", len(r.Values), nonzero, len(r.Unplaced))
}

func chessSummary(cb *report.Chessboard) string {
	return fmt.Sprintf("%d × %d, %d cells, total %d", len(cb.Debits), len(cb.Credits), len(cb.Cells), cb.Total)
}
