package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"hasap/app"
	"hasap/chart"
	"hasap/i18n"
	"hasap/ledger"
	"hasap/money"
)

func cmdOrg(e *env, args []string) error {
	if len(args) == 0 {
		return usagef("org create|list")
	}
	switch args[0] {
	case "list":
		orgs, err := e.app.MyOrgs(e.ctx, app.System)
		if err != nil {
			return err
		}
		for _, or := range orgs {
			o := or.Org
			fmt.Fprintf(e.stdout, "%s\t%s\t%s\t%s\n", o.Code, o.Currency.Code, o.Chart, o.Name)
		}
		return nil
	case "create":
		fs := flag.NewFlagSet("org create", flag.ContinueOnError)
		code := fs.String("code", "", "organisation code")
		name := fs.String("name", "", "organisation name")
		chartName := fs.String("chart", "cis", "built-in chart: "+strings.Join(chart.Names(), ", "))
		chartFile := fs.String("chart-file", "", "load the chart from this CSV file instead")
		cur := fs.String("currency", "TMT", "base currency")
		if err := parseFlags(fs, args[1:], 0); err != nil {
			return err
		}
		if err := required("code", *code); err != nil {
			return err
		}
		if *name == "" {
			*name = *code
		}
		in := app.CreateOrgInput{Code: *code, Name: *name, Chart: *chartName, Currency: *cur}
		if *chartFile != "" {
			f, err := os.Open(*chartFile)
			if err != nil {
				return err
			}
			defer f.Close()
			if in.Accounts, err = chart.LoadCSV(f); err != nil {
				return err
			}
		}
		org, err := e.app.CreateOrg(e.ctx, app.System, in)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "created organisation %s (%s, chart %s, base currency %s)\n", org.Code, org.Name, org.Chart, org.Currency.Code)
		return nil
	}
	return usagef("org create|list")
}

func cmdImport(e *env, args []string) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	org := fs.String("org", "", "organisation code")
	format := fs.String("format", "ledger", "input format: ledger (hledger/ledger journal)")
	quiet := fs.Bool("quiet", false, "no progress on stderr")
	if err := parseFlags(fs, args, 1); err != nil {
		return err
	}
	if err := required("org", *org); err != nil {
		return err
	}
	if *format != "ledger" && *format != "hledger" {
		return usagef("unknown format %q (known: ledger)", *format)
	}
	if fs.NArg() != 1 {
		return usagef("name the journal file (or - for standard input)")
	}
	var r io.Reader = e.stdin
	if name := fs.Arg(0); name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	start := time.Now()
	opts := app.ImportOptions{}
	if !*quiet {
		opts.Progress = func(lines, txns int) {
			fmt.Fprintf(e.stderr, "\rimport: %d transactions, line %d, %.1fs", txns, lines, time.Since(start).Seconds())
		}
	}
	st, err := e.app.ImportLedger(e.ctx, app.System, *org, r, opts)
	if !*quiet {
		fmt.Fprintln(e.stderr)
	}
	if err != nil {
		fmt.Fprintln(e.stderr, i18n.T(e.lang, "Nothing was imported: the books are as they were."))
		return err
	}
	fmt.Fprintf(e.stdout, "imported %d transactions as %d entries with %d postings; %d accounts created, %d prices, %d balance assertions checked (%.1fs)\n",
		st.Transactions, st.Entries, st.Postings, st.AccountsCreated, st.Prices, st.Assertions, time.Since(start).Seconds())
	return nil
}

func cmdExport(e *env, args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	org := fs.String("org", "", "organisation code")
	format := fs.String("format", "ledger", "output format: ledger")
	out := fs.String("out", "", "output file (default standard output)")
	if err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	if err := required("org", *org); err != nil {
		return err
	}
	if *format != "ledger" && *format != "hledger" {
		return usagef("unknown format %q (known: ledger)", *format)
	}
	w := e.stdout
	var f *os.File
	if *out != "" {
		var err error
		if f, err = os.Create(*out); err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	n, err := e.app.ExportLedger(e.ctx, app.System, *org, bw)
	if err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if f != nil {
		if err := f.Sync(); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "exported %d entries to %s\n", n, *out)
	}
	return nil
}

func cmdPost(e *env, args []string) error {
	fs := flag.NewFlagSet("post", flag.ContinueOnError)
	org := fs.String("org", "", "organisation code")
	date := fs.String("date", "", "date YYYY-MM-DD (default today)")
	dt := fs.String("dt", "", "debit account")
	kt := fs.String("kt", "", "credit account")
	amount := fs.String("amount", "", "amount in the base currency")
	desc := fs.String("desc", "", "description")
	key := fs.String("key", "", "idempotency key")
	dtAn := fs.String("dt-analytics", "", "debit analytics: kind=code,... (e.g. counterparty=C001,contract=K-1)")
	ktAn := fs.String("kt-analytics", "", "credit analytics: kind=code,...")
	if err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	for _, f := range [][2]string{{"org", *org}, {"dt", *dt}, {"kt", *kt}, {"amount", *amount}} {
		if err := required(f[0], f[1]); err != nil {
			return err
		}
	}
	o, err := e.app.Org(e.ctx, app.System, *org)
	if err != nil {
		return err
	}
	d := ledger.DateOf(time.Now().Date())
	if *date != "" {
		if d, err = ledger.ParseDate(*date); err != nil {
			return err
		}
	}
	amt, err := money.Parse(*amount, o.Currency.Exponent, localeOf(e.lang))
	if err != nil {
		return ledger.Errorf(ledger.EInvalid, "amount %q: %v", *amount, err)
	}
	dside, err := e.side(o, *dt, *dtAn)
	if err != nil {
		return err
	}
	kside, err := e.side(o, *kt, *ktAn)
	if err != nil {
		return err
	}
	entry := ledger.Entry{Date: d, Description: *desc, IdemKey: *key, Postings: []ledger.Posting{{Debit: dside, Credit: kside, Amount: amt}}}
	posted, err := e.app.Post(e.ctx, app.System, *org, entry)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "posted entry %d/%d (seq %d): Dt %s Kt %s %s\n", posted.Year, posted.Number, posted.Seq, *dt, *kt, money.Format(amt, o.Currency.Exponent, localeOf(e.lang)))
	return nil
}

// side builds a posting side, placing the named analytics in the order the
// account requires them.
func (e *env) side(o ledger.Org, account, analytics string) (ledger.Side, error) {
	s := ledger.Side{Account: ledger.AccountCode(account)}
	if analytics == "" {
		return s, nil
	}
	chart, err := e.app.Store.Chart(e.ctx, o.ID)
	if err != nil {
		return s, err
	}
	a, err := chart.Get(s.Account)
	if err != nil {
		return s, err
	}
	for _, pair := range strings.Split(analytics, ",") {
		kind, code, ok := strings.Cut(strings.TrimSpace(pair), "=")
		if !ok {
			return s, usagef("analytics must be kind=code, got %q", pair)
		}
		slot := -1
		for i, k := range a.Analytics {
			if string(k) == kind {
				slot = i
			}
		}
		if slot < 0 {
			return s, ledger.Errorf(ledger.EInvalid, "account %s does not take %s", account, kind)
		}
		an, err := e.app.Store.AnalyticByCode(e.ctx, o.ID, ledger.AnalyticKind(kind), code)
		if err != nil {
			return s, err
		}
		s.Analytics[slot] = an.ID
	}
	return s, nil
}

func cmdAnalytic(e *env, args []string) error {
	if len(args) == 0 || (args[0] != "add" && args[0] != "list") {
		return usagef("analytic add --org C --kind K --code X --name N | analytic list --org C --kind K [--search S]")
	}
	fs := flag.NewFlagSet("analytic", flag.ContinueOnError)
	org := fs.String("org", "", "organisation code")
	kind := fs.String("kind", "", "catalog: counterparty, contract, item, warehouse, employee, fixed_asset, cashflow, project")
	code := fs.String("code", "", "code in the catalog")
	name := fs.String("name", "", "name")
	search := fs.String("search", "", "filter by code or name")
	if err := parseFlags(fs, args[1:], 0); err != nil {
		return err
	}
	if err := required("org", *org); err != nil {
		return err
	}
	if err := required("kind", *kind); err != nil {
		return err
	}
	if args[0] == "list" {
		o, err := e.app.Org(e.ctx, app.System, *org)
		if err != nil {
			return err
		}
		list, err := e.app.Store.Analytics(e.ctx, o.ID, ledger.AnalyticKind(*kind), *search, 1000)
		if err != nil {
			return err
		}
		for _, a := range list {
			fmt.Fprintf(e.stdout, "%s\t%s\n", a.Code, a.Names.In(e.lang))
		}
		return nil
	}
	if err := required("code", *code); err != nil {
		return err
	}
	an := ledger.Analytic{Kind: ledger.AnalyticKind(*kind), Code: *code, Names: ledger.Names{TK: *name, RU: *name, EN: *name}}
	if err := e.app.CreateAnalytic(e.ctx, app.System, *org, &an); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "created %s %s\n", *kind, *code)
	return nil
}

func localeOf(lang string) money.Locale {
	switch lang {
	case "tk":
		return money.Turkmen
	case "ru":
		return money.Russian
	}
	return money.English
}

func cmdReverse(e *env, args []string) error {
	fs := flag.NewFlagSet("reverse", flag.ContinueOnError)
	org := fs.String("org", "", "organisation code")
	entry := fs.String("entry", "", "entry to reverse: YEAR/NUMBER")
	date := fs.String("date", "", "date of the reversal (default: the entry's date)")
	storno := fs.Bool("storno", false, "red storno (negative amounts) instead of a reversal")
	if err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	if err := required("org", *org); err != nil {
		return err
	}
	ys, ns, ok := strings.Cut(*entry, "/")
	year, err1 := strconv.Atoi(ys)
	number, err2 := strconv.ParseInt(ns, 10, 64)
	if !ok || err1 != nil || err2 != nil {
		return usagef("--entry must be YEAR/NUMBER, e.g. 2025/17")
	}
	o, err := e.app.Org(e.ctx, app.System, *org)
	if err != nil {
		return err
	}
	d := ledger.NoDate
	if *date != "" {
		if d, err = ledger.ParseDate(*date); err != nil {
			return err
		}
	} else {
		orig, err := e.app.Store.EntryByNumber(e.ctx, o.ID, year, number)
		if err != nil {
			return err
		}
		d = orig.Date
	}
	actor := app.System
	actor.Lang = e.lang
	r, err := e.app.Reverse(e.ctx, actor, *org, year, number, d, *storno)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "posted entry %d/%d reversing %d/%d\n", r.Year, r.Number, year, number)
	return nil
}

func cmdLock(e *env, args []string) error {
	fs := flag.NewFlagSet("lock", flag.ContinueOnError)
	org := fs.String("org", "", "organisation code")
	date := fs.String("date", "", "lock date YYYY-MM-DD, or none")
	if err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	if err := required("org", *org); err != nil {
		return err
	}
	if err := required("date", *date); err != nil {
		return err
	}
	d, err := parseOptDate(*date)
	if err != nil {
		return err
	}
	if err := e.app.SetLockDate(e.ctx, app.System, *org, d); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "lock date of %s is now %s\n", *org, *date)
	return nil
}

func cmdRate(e *env, args []string) error {
	fs := flag.NewFlagSet("rate", flag.ContinueOnError)
	org := fs.String("org", "", "organisation code")
	cur := fs.String("currency", "", "currency code")
	date := fs.String("date", "", "date YYYY-MM-DD")
	rate := fs.String("rate", "", "units of base currency per unit, e.g. 3.5")
	if err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	for _, f := range [][2]string{{"org", *org}, {"currency", *cur}, {"date", *date}, {"rate", *rate}} {
		if err := required(f[0], f[1]); err != nil {
			return err
		}
	}
	d, err := ledger.ParseDate(*date)
	if err != nil {
		return err
	}
	r, err := money.ParseRate(*rate)
	if err != nil {
		return ledger.Errorf(ledger.EInvalid, "rate %q: %v", *rate, err)
	}
	return e.app.PutRate(e.ctx, app.System, *org, strings.ToUpper(*cur), d, r)
}

func cmdVerify(e *env, args []string) error {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	org := fs.String("org", "", "organisation code")
	cpFile := fs.String("checkpoint", "", "a checkpoint file from `hasap checkpoint`")
	if err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	if err := required("org", *org); err != nil {
		return err
	}
	var cp *app.Checkpoint
	if *cpFile != "" {
		b, err := os.ReadFile(*cpFile)
		if err != nil {
			return err
		}
		if cp, err = app.ParseCheckpoint(b); err != nil {
			return err
		}
	}
	res, err := e.app.Verify(e.ctx, app.System, *org, cp)
	if err != nil {
		if ledger.IsCode(err, ledger.ETampered) {
			fmt.Fprintln(e.stderr, i18n.T(e.lang, "NOT INTACT: the books differ from what was posted."))
		}
		return err
	}
	line := res.String()
	if cp != nil {
		line += fmt.Sprintf("; checkpoint seq %d of %s holds", cp.Seq, cp.Time.Format(time.RFC3339))
	}
	fmt.Fprintln(e.stdout, line)
	return nil
}

func cmdCheckpoint(e *env, args []string) error {
	fs := flag.NewFlagSet("checkpoint", flag.ContinueOnError)
	org := fs.String("org", "", "organisation code")
	out := fs.String("out", "", "write to this file instead of standard output")
	if err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	if err := required("org", *org); err != nil {
		return err
	}
	cp, err := e.app.MakeCheckpoint(e.ctx, app.System, *org)
	if err != nil {
		return err
	}
	b, err := jsonIndent(cp)
	if err != nil {
		return err
	}
	if *out != "" {
		return os.WriteFile(*out, b, 0o644)
	}
	_, err = e.stdout.Write(b)
	return err
}
