// Command hasap is Hasap's one binary: the command line, and (with serve)
// the web application and JSON API. It is the only place where a store and
// a transport meet: flags → store → app → the command asked for.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"hasap/app"
	"hasap/i18n"
	"hasap/ledger"
	"hasap/store/open"
	"hasap/store/sqldb"
)

// env is what every command gets: the opened store, the use cases and the
// streams, so tests can run commands in-process.
type env struct {
	ctx    context.Context
	db     *sqldb.DB
	app    *app.App
	stdout io.Writer
	stderr io.Writer
	stdin  io.Reader
	lang   string
}

type command struct {
	name    string
	summary string
	run     func(e *env, args []string) error
	noStore bool
}

var commands []command

func init() {
	commands = []command{
		{name: "org", summary: "create and list organisations: org create --code C --name N [--chart cis|ifrs|empty] [--chart-file F.csv] [--currency TMT]; org list", run: cmdOrg},
		{name: "analytic", summary: "analytic add --org C --kind counterparty --code X --name N; analytic list --org C --kind K", run: cmdAnalytic},
		{name: "import", summary: "import --org C --format ledger FILE|-: load a journal as one transaction", run: cmdImport},
		{name: "export", summary: "export --org C --format ledger [--out FILE]: write the books as a journal", run: cmdExport},
		{name: "post", summary: "post --org C --date D --dt ACC --kt ACC --amount N [--dt-analytics kind=code,...] [--kt-analytics ...] [--desc T] [--key K]: post one entry", run: cmdPost},
		{name: "reverse", summary: "reverse --org C --entry YEAR/NUMBER [--date D] [--storno]: reverse an entry", run: cmdReverse},
		{name: "lock", summary: "lock --org C --date D: nothing may be posted on or before D (--date none to reopen)", run: cmdLock},
		{name: "close", summary: "close --org C --month YYYY-MM [--status] [--unpost STEP]: post the month's closing steps in order (revaluation, close_month, profit_tax, close_year in December), which moves the lock date to its end", run: cmdClose},
		{name: "reopen", summary: "reopen --org C --to D|none --reason R: move the lock date back, the reason kept in the audit log", run: cmdReopen},
		{name: "rate", summary: "rate --org C --currency USD --date D --rate 3.5: record an exchange rate", run: cmdRate},
		{name: "verify", summary: "verify --org C [--checkpoint FILE]: recompute the hash chain and all totals", run: cmdVerify},
		{name: "checkpoint", summary: "checkpoint --org C [--out FILE]: print a signed checkpoint of the chain head", run: cmdCheckpoint},
		{name: "report", summary: "report balances|trial-balance|general-ledger|analytic|ageing|counterparty-balances|vat|account-card|journal --org C [--from D] [--to D] [--date D] [--side receivable|payable] [--buckets 30,60,90] [--month YYYY-MM] [--account A] [--detail accounts|analytics] [--catalog K --code C] [--format text|csv|json | --out FILE.xlsx|.csv|.pdf]", run: cmdReport},
		{name: "user", summary: "user create --email E --name N [--lang ru] | reset-password --email E | reset-totp --email E | add-member --org C --email E --role R | remove-member --org C --email E | list --org C: users as the operator (passwords on standard input or --password-file)", run: cmdUser},
		{name: "demo", summary: "demo: create organisation demo with a year of activity", run: cmdDemo},
		{name: "serve", summary: "serve [--addr :8080] [--demo]: run the web application and JSON API", run: cmdServe},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes one command line and returns the exit code: 0 success,
// 1 failure (including books that fail verification), 2 bad usage.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("hasap", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := fs.String("db", envOr("HASAP_DB", open.DefaultDSN), "database: a path, sqlite:PATH or postgres://...")
	key := fs.String("key", os.Getenv("HASAP_KEY"), "checkpoint signing key file (default: beside the data)")
	lang := fs.String("lang", envOr("HASAP_LANG", "en"), "language of messages: tk, ru or en")
	fs.Usage = func() { usage(stderr, fs) }
	if err := fs.Parse(liftGlobals(args)); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		usage(stderr, fs)
		return 2
	}
	name, rest := fs.Arg(0), fs.Args()[1:]
	for _, c := range commands {
		if c.name != name {
			continue
		}
		e := &env{ctx: ctx, stdout: stdout, stderr: stderr, stdin: stdin, lang: *lang}
		if !c.noStore {
			db, err := open.Open(ctx, *dsn, open.Options{SQLiteCacheMiB: cacheFor(name)})
			if err != nil {
				fmt.Fprintln(stderr, "hasap:", i18n.Error(err, e.lang))
				return 1
			}
			defer db.Close()
			e.db = db
			e.app = app.New(db, keyPath(*key, *dsn))
		}
		err := c.run(e, rest)
		var ue usageError
		switch {
		case err == nil:
			return 0
		case errors.As(err, &ue):
			fmt.Fprintln(stderr, "hasap "+name+":", ue.msg)
			return 2
		default:
			fmt.Fprintln(stderr, "hasap "+name+":", i18n.Error(err, e.lang))
			return 1
		}
	}
	fmt.Fprintf(stderr, "hasap: unknown command %q\n", name)
	usage(stderr, fs)
	return 2
}

// cacheFor gives large imports a page cache big enough for their indexes.
func cacheFor(cmd string) int {
	if cmd == "import" || cmd == "demo" {
		return 1024
	}
	return 64
}

func usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintln(w, "usage: hasap [--db DSN] [--lang tk|ru|en] COMMAND [flags]")
	fmt.Fprintln(w, "\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-11s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nglobal flags:")
	fs.PrintDefaults()
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// keyPath puts the checkpoint key beside the SQLite file, or in
// ./hasap-data for PostgreSQL, unless --key says otherwise.
func keyPath(flagKey, dsn string) string {
	if flagKey != "" {
		return flagKey
	}
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return filepath.Join("hasap-data", "hasap-checkpoint.key")
	}
	return filepath.Join(filepath.Dir(strings.TrimPrefix(dsn, "sqlite:")), "hasap-checkpoint.key")
}

// liftGlobals moves the global flags (--db, --key, --lang) to the front,
// so that they may also be written after the command, as people do.
func liftGlobals(args []string) []string {
	var globals, rest []string
	for i := 0; i < len(args); i++ {
		name, _, hasValue := strings.Cut(strings.TrimLeft(args[i], "-"), "=")
		isFlag := strings.HasPrefix(args[i], "-") && args[i] != "-"
		if isFlag && (name == "db" || name == "key" || name == "lang") {
			globals = append(globals, args[i])
			if !hasValue && i+1 < len(args) {
				globals = append(globals, args[i+1])
				i++
			}
			continue
		}
		rest = append(rest, args[i])
	}
	return append(globals, rest...)
}

type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// parseFlags parses a subcommand's flags and refuses stray arguments
// beyond maxArgs.
func parseFlags(fs *flag.FlagSet, args []string, maxArgs int) error {
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		return usagef("%v", err)
	}
	if fs.NArg() > maxArgs {
		return usagef("unexpected arguments: %s", strings.Join(fs.Args()[maxArgs:], " "))
	}
	return nil
}

func required(name, value string) error {
	if value == "" {
		return usagef("--%s is required", name)
	}
	return nil
}

func parseOptDate(s string) (ledger.Date, error) {
	if s == "" || s == "none" {
		return ledger.NoDate, nil
	}
	return ledger.ParseDate(s)
}
