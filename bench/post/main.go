// Command post measures the latency of posting single entries one by one
// through app.Post, each its own durable transaction, the way the command
// line, the JSON API and the web pages post.
//
//	go run ./bench/post [-db sqlite|PATH|postgres://...] [-n 2000] [-concurrency K] [-warmup 20]
//
// With -db sqlite (the default) a fresh SQLite file is created in a new
// directory under -dir (default: the bench directory, on the same disk as
// the repository) with the store's default options: WAL, synchronous=FULL,
// one writer connection. With -db PATH that file is used (it must not hold an
// organisation "bench" yet). With -db postgres://USER@HOST:PORT/DB?... a
// scratch database hasap_bench_<random hex> is created through that server,
// used and dropped at the end (DB itself is only used to connect).
//
// The organisation gets the built-in cis chart. Every entry has one posting
// Dt 26 (general and administrative expenses) Kt 80 (charter capital), two
// accounts that take no analytics, dated over 2025, with varying amounts.
// -dt and -kt choose other accounts that take no analytics.
//
// With -concurrency K, K goroutines post N entries between them (N/K each)
// at the same time; every call's latency is recorded. Posts/s is N divided
// by the wall time of the measured phase. All goroutines post to the one
// organisation, whose hash chain serialises its postings; with -orgs M
// (M ≤ K) goroutine g posts to organisation g mod M instead, so up to M
// postings can be in flight at once where the store allows it.
//
// The first -warmup posts (default 20) are made before measuring and not
// counted: they open connections and warm caches.
package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"hasap/app"
	"hasap/ledger"
	"hasap/money"
	"hasap/store/postgres"
	"hasap/store/sqldb"
	"hasap/store/sqlite"
)

func main() {
	dbFlag := flag.String("db", "sqlite", "sqlite (a fresh file under -dir), a SQLite file path, or postgres://... (a scratch database is created and dropped)")
	dir := flag.String("dir", "", "where the fresh SQLite database goes (default: bench/ of the repository, else the current directory)")
	n := flag.Int("n", 2000, "entries to post (measured)")
	k := flag.Int("concurrency", 1, "goroutines posting at the same time")
	warmup := flag.Int("warmup", 20, "entries posted before measuring")
	dt := flag.String("dt", "26", "debit account (must take no analytics)")
	kt := flag.String("kt", "80", "credit account (must take no analytics)")
	keep := flag.Bool("keep", false, "keep the fresh SQLite database / PostgreSQL scratch database")
	orgs := flag.Int("orgs", 1, "organisations to spread the goroutines over (goroutine g posts to org g mod M)")
	out := flag.String("out", "", "write every measured call as CSV (i,start_ms,latency_ms) to this file")
	flag.Parse()
	if *n < 1 || *k < 1 || *orgs < 1 {
		fatalf("-n, -concurrency and -orgs must be at least 1")
	}
	ctx := context.Background()

	st, where, cleanup, err := openStore(ctx, *dbFlag, *dir, *keep)
	if err != nil {
		fatalf("%v", err)
	}
	a := app.New(st, filepath.Join(os.TempDir(), "hasap-bench-post.key"))
	codes := make([]string, *orgs)
	for o := range codes {
		codes[o] = "bench"
		if o > 0 {
			codes[o] = fmt.Sprintf("bench%d", o+1)
		}
		if _, err := a.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: codes[o], Name: "Bench", Chart: "cis"}); err != nil {
			cleanup()
			fatalf("create org: %v", err)
		}
	}

	base := ledger.DateOf(2025, time.January, 1)
	entry := func(i int) ledger.Entry {
		return ledger.Entry{
			Date:        base + ledger.Date(i%365),
			Description: fmt.Sprintf("bench entry %d", i),
			Postings: []ledger.Posting{{
				Debit:  ledger.Side{Account: ledger.AccountCode(*dt)},
				Credit: ledger.Side{Account: ledger.AccountCode(*kt)},
				Amount: money.Amount(100 + (i*7919)%1000000),
			}},
		}
	}
	for i := 0; i < *warmup**orgs; i++ {
		if _, err := a.Post(ctx, app.System, codes[i%*orgs], entry(i)); err != nil {
			cleanup()
			fatalf("warm-up post %d: %v", i, err)
		}
	}

	lat := make([]time.Duration, *n)
	began := make([]time.Duration, *n)
	var next int64 = 0
	var mu sync.Mutex
	var firstErr error
	var wg sync.WaitGroup
	start := time.Now()
	for g := 0; g < *k; g++ {
		wg.Add(1)
		code := codes[g%*orgs]
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				stop := firstErr != nil
				mu.Unlock()
				if stop || i >= int64(*n) {
					return
				}
				e := entry(*warmup + int(i))
				t0 := time.Now()
				_, err := a.Post(ctx, app.System, code, e)
				lat[i] = time.Since(t0)
				began[i] = t0.Sub(start)
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = fmt.Errorf("post %d: %w", i, err)
					}
					mu.Unlock()
					return
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	if firstErr != nil {
		cleanup()
		fatalf("%v", firstErr)
	}

	if *out != "" {
		var b strings.Builder
		b.WriteString("i,start_ms,latency_ms\n")
		for i := range lat {
			fmt.Fprintf(&b, "%d,%.3f,%.3f\n", i, float64(began[i])/1e6, float64(lat[i])/1e6)
		}
		if err := os.WriteFile(*out, []byte(b.String()), 0o644); err != nil {
			fmt.Fprintf(os.Stderr, "post: %v\n", err)
		}
	}

	// The books must hold every entry: verify recomputes chain and totals.
	var verified []string
	var verr error
	for _, c := range codes {
		res, err := a.Verify(ctx, app.System, c, nil)
		if err != nil {
			verr = fmt.Errorf("%s: %w", c, err)
			break
		}
		verified = append(verified, res.String())
	}

	sorted := append([]time.Duration(nil), lat...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	q := func(p float64) time.Duration {
		i := int(p*float64(len(sorted))+0.5) - 1 // nearest rank
		if i < 0 {
			i = 0
		}
		if i >= len(sorted) {
			i = len(sorted) - 1
		}
		return sorted[i]
	}
	var sum time.Duration
	for _, d := range sorted {
		sum += d
	}
	ms := func(d time.Duration) string { return fmt.Sprintf("%.2f", float64(d)/1e6) }
	load, _ := os.ReadFile("/proc/loadavg")
	fmt.Printf("store: %s\n", where)
	fmt.Printf("entries: %d measured (+%d warm-up), concurrency %d, %d org(s), Dt %s Kt %s; GOMAXPROCS %d; load average %s\n",
		*n, *warmup**orgs, *k, *orgs, *dt, *kt, runtime.GOMAXPROCS(0), strings.Join(strings.Fields(string(load))[:3], " "))
	fmt.Printf("latency ms: p50 %s  p90 %s  p99 %s  max %s  mean %s  min %s\n",
		ms(q(0.50)), ms(q(0.90)), ms(q(0.99)), ms(sorted[len(sorted)-1]), ms(sum/time.Duration(len(sorted))), ms(sorted[0]))
	fmt.Printf("throughput: %.0f posts/s (%d in %.2fs)\n", float64(*n)/elapsed.Seconds(), *n, elapsed.Seconds())
	if verr != nil {
		fmt.Printf("verify: FAILED: %v\n", verr)
	} else {
		for _, v := range verified {
			fmt.Printf("verify: %s\n", v)
		}
	}
	fmt.Printf("| %s | %d | %d | %d | %s | %s | %s | %s | %.0f |\n", kindOf(*dbFlag), *n, *k, *orgs, ms(q(0.50)), ms(q(0.90)), ms(q(0.99)), ms(sorted[len(sorted)-1]), float64(*n)/elapsed.Seconds())
	cleanup()
	if verr != nil {
		os.Exit(1)
	}
}

func kindOf(db string) string {
	if strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://") {
		return "PostgreSQL"
	}
	return "SQLite"
}

// openStore opens the store the -db flag names and returns a cleanup that
// closes it and removes what was created for the run.
func openStore(ctx context.Context, db, dir string, keep bool) (*sqldb.DB, string, func(), error) {
	if kindOf(db) == "PostgreSQL" {
		return openPostgres(ctx, db, keep)
	}
	path := db
	var tmp string
	if db == "sqlite" {
		if dir == "" {
			dir = benchDir()
		}
		var err error
		if tmp, err = os.MkdirTemp(dir, "post-sqlite-"); err != nil {
			return nil, "", nil, err
		}
		path = filepath.Join(tmp, "hasap.db")
	}
	path = strings.TrimPrefix(path, "sqlite:")
	st, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		if tmp != "" {
			os.RemoveAll(tmp)
		}
		return nil, "", nil, err
	}
	var mode, sync string
	st.Writer().QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode)
	st.Writer().QueryRowContext(ctx, "PRAGMA synchronous").Scan(&sync)
	where := fmt.Sprintf("SQLite %s (journal_mode=%s, synchronous=%s)", path, mode, syncName(sync))
	return st, where, func() {
		st.Close()
		if tmp != "" && !keep {
			os.RemoveAll(tmp)
		}
	}, nil
}

func syncName(s string) string {
	switch s {
	case "0":
		return "OFF"
	case "1":
		return "NORMAL"
	case "2":
		return "FULL"
	case "3":
		return "EXTRA"
	}
	return s
}

// benchDir is bench/ of the repository when run from it, else ".".
func benchDir() string {
	if fi, err := os.Stat("bench/post"); err == nil && fi.IsDir() {
		return "bench"
	}
	return "."
}

func openPostgres(ctx context.Context, dsn string, keep bool) (*sqldb.DB, string, func(), error) {
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, "", nil, err
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "hasap_bench_" + hex.EncodeToString(b)
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		admin.Close()
		return nil, "", nil, fmt.Errorf("create database %s: %w", name, err)
	}
	drop := func() {
		if keep {
			fmt.Fprintf(os.Stderr, "post: kept database %s\n", name)
		} else if _, err := admin.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			fmt.Fprintf(os.Stderr, "post: drop database %s: %v\n", name, err)
		}
		admin.Close()
	}
	u, err := url.Parse(dsn)
	if err != nil {
		drop()
		return nil, "", nil, err
	}
	u.Path = "/" + name
	st, err := postgres.Open(ctx, u.String())
	if err != nil {
		drop()
		return nil, "", nil, err
	}
	var syncCommit, fsync, version string
	admin.QueryRowContext(ctx, "SHOW synchronous_commit").Scan(&syncCommit)
	admin.QueryRowContext(ctx, "SHOW fsync").Scan(&fsync)
	admin.QueryRowContext(ctx, "SHOW server_version").Scan(&version)
	where := fmt.Sprintf("PostgreSQL %s at %s, scratch database %s (synchronous_commit=%s, fsync=%s)", version, u.Host, name, syncCommit, fsync)
	return st, where, func() {
		st.Close()
		drop()
	}, nil
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "post: "+format+"\n", args...)
	os.Exit(1)
}
