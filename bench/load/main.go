// Command load measures the throughput and latency of one page of a running
// `hasap serve`, the way a browser asks for it: it logs in through the real
// login form (POST /login with email and password, keeping the session
// cookie), then K clients, each on its own keep-alive connection, ask for
// the same path one request after another (a closed loop) for D seconds or
// N requests (whichever comes first when both are given), with Accept-Encoding: gzip. It prints requests per second,
// the latency percentiles (p50, p90, p99, max: from the request being sent
// to the last byte of the body read), the errors and the page's size on the
// wire (gzip) and uncompressed.
//
// With -rate R the load is an open loop instead: R requests a second are
// due at fixed intervals, whatever the answers, and a free client takes the
// next one due; latency then counts from when the request was due, so the
// time it waited behind a slow server is included. That is how K people
// who each click now and then load a server; the closed loop (the default)
// is K clients that never pause, a stress test whose mean latency is
// K / throughput by Little's law.
//
//	go run ./bench/load -url http://127.0.0.1:8080 -email demo@hasap.example \
//	    -password-file pw -path /o/demo/journal -c 100 -d 20s
//
// Only loopback addresses are accepted: it is a tool for this machine. Every
// loop is bounded by count and time: -d is at most 10 minutes, -n at most
// ten million, the warm-up also stops after -d, and the whole run stops at a
// hard deadline (2 × -d + one minute) whatever happens.
//
// A response counts as an error when the request fails, its status is not
// 200, a page (text/html) comes without Content-Encoding: gzip, or it is a
// login form (the session was not accepted). -pid names the server's
// process, whose CPU time (user+sys from /proc) is then reported per request:
// on a shared machine it shows the server's own cost beside the latency,
// which other jobs inflate. The client's own CPU time is reported too, since
// it runs on the same cores.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// Limits on every loop.
const (
	maxClients  = 1000
	maxDuration = 10 * time.Minute
	maxRequests = 10_000_000
	maxSessions = 100
	maxBody     = 64 << 20 // a response body larger than this is an error
	maxErrShown = 5
	graceAfter  = time.Minute
)

type config struct {
	base      *url.URL
	path      string
	email     string
	password  string
	clients   int
	duration  time.Duration
	requests  int
	warmup    int
	sessions  int
	timeout   time.Duration
	pid       int
	label     string
	lang      string
	expectRaw string
	rate      float64
}

func main() {
	cfg, err := parseFlags(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(2)
	}
	if err := run(cfg, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

func parseFlags(args []string) (*config, error) {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	base := fs.String("url", "http://127.0.0.1:8080", "the server's base address (a loopback IP only)")
	path := fs.String("path", "", "the path (and query) to ask for, e.g. /o/demo/journal")
	email := fs.String("email", "", "login email")
	password := fs.String("password", "", "login password (or -password-file, or $HASAP_LOAD_PASSWORD)")
	pwFile := fs.String("password-file", "", "read the login password from this file's first line")
	clients := fs.Int("c", 100, "concurrent clients, each with its own connection")
	duration := fs.Duration("d", 20*time.Second, "how long to measure (with -n: at most this long)")
	requests := fs.Int("n", 0, "measure this many requests in all (or fewer, if -d runs out first)")
	warmup := fs.Int("warmup", 0, "requests made by the clients before measuring, not counted")
	sessions := fs.Int("sessions", 1, "log in this many times; client i uses session i mod S")
	timeout := fs.Duration("timeout", 30*time.Second, "timeout of one request")
	pid := fs.Int("pid", 0, "the server's process id, to report its CPU time per request")
	label := fs.String("label", "", `"org | page": also print a markdown row org | page | clients | req/s | p50 | p90 | p99 | max | KB gzip`)
	lang := fs.String("lang", "", "language cookie to send (tk, ru, en; default: the one the login sets)")
	expect := fs.String("expect", "", "a string the uncompressed first page must contain (checks it is the page meant)")
	rate := fs.Float64("rate", 0, "open loop: start this many requests per second in all (for -d), served by the -c clients; 0: closed loop, each client asks again as soon as it has its answer")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	u, err := url.Parse(*base)
	if err != nil {
		return nil, fmt.Errorf("-url: %v", err)
	}
	if u.Scheme != "http" {
		return nil, errors.New("-url must be http://127.0.0.1:PORT")
	}
	if ip := net.ParseIP(u.Hostname()); ip == nil || !ip.IsLoopback() {
		return nil, fmt.Errorf("-url host %q is not a loopback IP address: this tool only loads this machine", u.Hostname())
	}
	if *path == "" || (*path)[0] != '/' {
		return nil, errors.New("-path must be given and start with /")
	}
	pw := *password
	if *pwFile != "" {
		b, err := os.ReadFile(*pwFile)
		if err != nil {
			return nil, err
		}
		pw, _, _ = strings.Cut(string(b), "\n")
		pw = strings.TrimRight(pw, "\r")
	}
	if pw == "" {
		pw = os.Getenv("HASAP_LOAD_PASSWORD")
	}
	if *email == "" || pw == "" {
		return nil, errors.New("-email and a password (-password, -password-file or $HASAP_LOAD_PASSWORD) are required")
	}
	switch {
	case *clients < 1 || *clients > maxClients:
		return nil, fmt.Errorf("-c must be 1..%d", maxClients)
	case *duration <= 0 || *duration > maxDuration:
		return nil, fmt.Errorf("-d must be in (0, %v]", maxDuration)
	case *requests < 0 || *requests > maxRequests:
		return nil, fmt.Errorf("-n must be 0..%d", maxRequests)
	case *warmup < 0 || *warmup > maxRequests:
		return nil, fmt.Errorf("-warmup must be 0..%d", maxRequests)
	case *sessions < 1 || *sessions > maxSessions || *sessions > *clients:
		return nil, fmt.Errorf("-sessions must be 1..min(-c, %d)", maxSessions)
	case *rate < 0 || *rate > 100_000:
		return nil, errors.New("-rate must be 0..100000")
	case *timeout <= 0 || *timeout > maxDuration:
		return nil, fmt.Errorf("-timeout must be in (0, %v]", maxDuration)
	}
	return &config{base: u, path: *path, email: *email, password: pw, clients: *clients, duration: *duration,
		requests: *requests, warmup: *warmup, sessions: *sessions, timeout: *timeout, pid: *pid,
		label: *label, lang: *lang, expectRaw: *expect, rate: *rate}, nil
}

// result is what one client saw.
type result struct {
	lat       []time.Duration
	bytes     int64
	minBody   int
	maxBody   int
	errs      int
	errSample []string
}

func (r *result) fail(msg string) {
	r.errs++
	if len(r.errSample) < maxErrShown {
		r.errSample = append(r.errSample, msg)
	}
}

func run(cfg *config, out io.Writer) error {
	target := cfg.base.ResolveReference(&url.URL{Path: "/"}).String()
	target = strings.TrimSuffix(target, "/") + cfg.path
	tr := &http.Transport{
		Proxy:               nil, // never through a proxy: loopback only
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        cfg.clients + 10,
		MaxIdleConnsPerHost: cfg.clients + 10,
		IdleConnTimeout:     90 * time.Second,
		DisableCompression:  true, // we ask for gzip ourselves and read the bytes as they travel
		ForceAttemptHTTP2:   false,
	}
	defer tr.CloseIdleConnections()
	noRedirect := func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

	// Log in through the form, as a browser does.
	cookies := make([]string, cfg.sessions)
	for i := range cookies {
		c, err := login(cfg, tr, noRedirect)
		if err != nil {
			return fmt.Errorf("login %d: %w", i+1, err)
		}
		cookies[i] = c
	}

	hc := &http.Client{Transport: tr, CheckRedirect: noRedirect, Timeout: cfg.timeout}
	// The hard deadline: the warm-up and the run take at most -d each.
	ctx, cancel := context.WithTimeout(context.Background(), 2*cfg.duration+graceAfter)
	defer cancel()

	// One request, checked; the same function serves warm-up and measuring.
	// due, if not zero, is when the request was due (open loop): its latency
	// counts from then.
	do := func(cookie string, r *result, keepBody bool, due time.Time) ([]byte, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Accept-Encoding", "gzip")
		req.Header.Set("Accept", "text/html")
		req.Header.Set("Cookie", cookie)
		t0 := due
		if t0.IsZero() {
			t0 = time.Now()
		}
		res, err := hc.Do(req)
		if err != nil {
			r.fail(err.Error())
			return nil, err
		}
		var body []byte
		var n int64
		if keepBody {
			body, err = io.ReadAll(io.LimitReader(res.Body, maxBody+1))
			n = int64(len(body))
		} else {
			n, err = io.Copy(io.Discard, io.LimitReader(res.Body, maxBody+1))
		}
		res.Body.Close()
		lat := time.Since(t0)
		switch {
		case err != nil:
			r.fail("reading the body: " + err.Error())
			return nil, err
		case n > maxBody:
			r.fail("body over the limit")
			return nil, errors.New("body too large")
		case res.StatusCode != http.StatusOK:
			msg := fmt.Sprintf("status %d", res.StatusCode)
			if loc := res.Header.Get("Location"); loc != "" {
				msg += " to " + loc
			}
			r.fail(msg)
			return nil, errors.New(msg)
		case strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") && res.Header.Get("Content-Encoding") != "gzip":
			r.fail("page not gzip-compressed")
			return nil, errors.New("not gzip")
		}
		r.lat = append(r.lat, lat)
		r.bytes += n
		if r.minBody == 0 || int(n) < r.minBody {
			r.minBody = int(n)
		}
		if int(n) > r.maxBody {
			r.maxBody = int(n)
		}
		return body, nil
	}

	// Check the page once: 200, gzip, and not the login form.
	var first result
	body, err := do(cookies[0], &first, true, time.Time{})
	if err != nil {
		return fmt.Errorf("first request to %s: %w", target, err)
	}
	raw, err := gunzip(body)
	if err != nil {
		return fmt.Errorf("first response: %w", err)
	}
	if bytes.Contains(raw, []byte(`name="password"`)) {
		return errors.New("first response is the login form: the session was not accepted")
	}
	if cfg.expectRaw != "" && !bytes.Contains(raw, []byte(cfg.expectRaw)) {
		return fmt.Errorf("first response does not contain %q", cfg.expectRaw)
	}
	wire, rawLen := len(body), len(raw)

	// Warm-up: not counted.
	if cfg.warmup > 0 {
		var left atomic.Int64
		left.Store(int64(cfg.warmup))
		var wg sync.WaitGroup
		warm := make([]result, cfg.clients)
		warmEnd := time.Now().Add(cfg.duration)
		for i := 0; i < cfg.clients; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				for k := 0; k < maxRequests && left.Add(-1) >= 0 && ctx.Err() == nil && time.Now().Before(warmEnd); k++ {
					do(cookies[i%len(cookies)], &warm[i], false, time.Time{})
				}
			}(i)
		}
		wg.Wait()
		for i := range warm {
			if warm[i].errs > 0 {
				return fmt.Errorf("warm-up: %d errors, e.g. %s", warm[i].errs, warm[i].errSample[0])
			}
		}
	}

	load0 := loadAvg()
	cpu0, cpuErr := procCPU(cfg.pid)
	self0 := selfCPU()
	results := make([]result, cfg.clients)
	var left atomic.Int64
	left.Store(int64(cfg.requests))
	start := time.Now()
	deadline := start.Add(cfg.duration)
	var wg sync.WaitGroup
	if cfg.rate > 0 {
		// Open loop: requests are due at fixed intervals whatever the
		// answers; a free client takes the next one due, and its latency
		// counts from when it was due, so time spent queued behind a slow
		// server is counted (no coordinated omission).
		total := int(cfg.rate * cfg.duration.Seconds())
		if cfg.requests > 0 {
			total = min(total, cfg.requests)
		}
		total = max(1, min(total, maxRequests))
		due := make(chan time.Time, total)
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(due)
			interval := time.Duration(float64(time.Second) / cfg.rate)
			for k := 0; k < total && ctx.Err() == nil; k++ {
				t := start.Add(time.Duration(k) * interval)
				if d := time.Until(t); d > 0 {
					time.Sleep(d)
				}
				due <- t
			}
		}()
		for i := 0; i < cfg.clients; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				r := &results[i]
				for k := 0; k < maxRequests && ctx.Err() == nil; k++ {
					t, ok := <-due
					if !ok {
						return
					}
					do(cookies[i%len(cookies)], r, false, t)
				}
			}(i)
		}
	} else {
		for i := 0; i < cfg.clients; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				r := &results[i]
				for k := 0; k < maxRequests && ctx.Err() == nil; k++ {
					if !time.Now().Before(deadline) || (cfg.requests > 0 && left.Add(-1) < 0) {
						return
					}
					do(cookies[i%len(cookies)], r, false, time.Time{})
				}
			}(i)
		}
	}
	wg.Wait()
	elapsed := time.Since(start)
	cpu1, _ := procCPU(cfg.pid)
	self1 := selfCPU()
	load1 := loadAvg()
	if ctx.Err() != nil {
		fmt.Fprintln(out, "WARNING: the hard deadline stopped the run")
	}

	var all []time.Duration
	var total result
	for i := range results {
		r := &results[i]
		all = append(all, r.lat...)
		total.bytes += r.bytes
		total.errs += r.errs
		if r.minBody != 0 && (total.minBody == 0 || r.minBody < total.minBody) {
			total.minBody = r.minBody
		}
		total.maxBody = max(total.maxBody, r.maxBody)
		for _, e := range r.errSample {
			if len(total.errSample) < maxErrShown {
				total.errSample = append(total.errSample, e)
			}
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	n := len(all)
	rps := float64(n) / elapsed.Seconds()

	fmt.Fprintf(out, "target   GET %s\n", target)
	fmt.Fprintf(out, "clients  %d (sessions %d), %s, warm-up %d requests; load average %s before, %s after\n",
		cfg.clients, cfg.sessions, runDesc(cfg, elapsed), cfg.warmup, load0, load1)
	fmt.Fprintf(out, "requests %d ok, %d errors, %.1f req/s\n", n, total.errs, rps)
	for _, e := range total.errSample {
		fmt.Fprintf(out, "  error: %s\n", e)
	}
	if n == 0 {
		return errors.New("no request succeeded")
	}
	var sum time.Duration
	for _, d := range all {
		sum += d
	}
	fmt.Fprintf(out, "latency  p50 %s  p90 %s  p99 %s  max %s  (min %s, mean %s) ms\n",
		ms(pct(all, 50)), ms(pct(all, 90)), ms(pct(all, 99)), ms(all[n-1]), ms(all[0]), ms(sum/time.Duration(n)))
	fmt.Fprintf(out, "size     %.1f KB gzip (%d bytes; %d–%d over the run), %.1f KB uncompressed\n",
		kb(wire), wire, total.minBody, total.maxBody, kb(rawLen))
	selfSec := self1 - self0
	if cfg.pid > 0 && cpuErr == nil {
		srv := cpu1 - cpu0
		fmt.Fprintf(out, "cpu      server %.2f s (%.2f ms/request, %.2f cores), client %.2f s (%.2f cores)\n",
			srv, 1000*srv/float64(n), srv/elapsed.Seconds(), selfSec, selfSec/elapsed.Seconds())
	} else {
		if cpuErr != nil {
			fmt.Fprintf(out, "cpu      server: %v\n", cpuErr)
		}
		fmt.Fprintf(out, "cpu      client %.2f s (%.2f cores)\n", selfSec, selfSec/elapsed.Seconds())
	}
	if cfg.label != "" {
		clients := strconv.Itoa(cfg.clients)
		if cfg.rate > 0 {
			clients += fmt.Sprintf(" @ %g/s", cfg.rate)
		}
		fmt.Fprintf(out, "| %s | %s | %s | %s | %s | %s | %s | %.1f |\n", cfg.label, clients,
			commas(rps), ms(pct(all, 50)), ms(pct(all, 90)), ms(pct(all, 99)), ms(all[n-1]), kb(wire))
	}
	if total.errs > 0 {
		return fmt.Errorf("%d errors", total.errs)
	}
	return nil
}

// login posts the login form and returns the Cookie header that carries the
// session (and the language cookie the login sets).
func login(cfg *config, tr http.RoundTripper, noRedirect func(*http.Request, []*http.Request) error) (string, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Transport: tr, Jar: jar, CheckRedirect: noRedirect, Timeout: cfg.timeout}
	loginURL := cfg.base.ResolveReference(&url.URL{Path: "/login"})
	// The form first, as a browser would (and to see the server answers).
	res, err := c.Get(loginURL.String())
	if err != nil {
		return "", err
	}
	io.Copy(io.Discard, io.LimitReader(res.Body, maxBody))
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return "", fmt.Errorf("GET /login: status %d", res.StatusCode)
	}
	form := url.Values{"email": {cfg.email}, "password": {cfg.password}, "next": {"/"}}
	req, err := http.NewRequest(http.MethodPost, loginURL.String(), strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err = c.Do(req)
	if err != nil {
		return "", err
	}
	io.Copy(io.Discard, io.LimitReader(res.Body, maxBody))
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		return "", fmt.Errorf("POST /login: status %d (wrong email or password, or throttled?)", res.StatusCode)
	}
	var parts []string
	var session bool
	for _, ck := range jar.Cookies(loginURL) {
		if ck.Name == "hasap_lang" && cfg.lang != "" {
			continue
		}
		if strings.Contains(ck.Name, "session") {
			session = true
		}
		parts = append(parts, ck.Name+"="+ck.Value)
	}
	for _, ck := range res.Cookies() { // a Secure cookie the jar refused over http
		if strings.Contains(ck.Name, "session") && !session {
			return "", fmt.Errorf("the session cookie %s is Secure: serve on a loopback address (or --insecure-cookies=true)", ck.Name)
		}
	}
	if !session {
		return "", errors.New("POST /login set no session cookie")
	}
	if cfg.lang != "" {
		parts = append(parts, "hasap_lang="+cfg.lang)
	}
	return strings.Join(parts, "; "), nil
}

func gunzip(b []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(io.LimitReader(zr, maxBody))
}

// pct is the nearest-rank percentile of sorted durations.
func pct(sorted []time.Duration, p float64) time.Duration {
	i := int(math.Ceil(p/100*float64(len(sorted)))) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

func ms(d time.Duration) string {
	v := float64(d) / float64(time.Millisecond)
	switch {
	case v >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case v >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

func kb(n int) float64 { return float64(n) / 1024 }

func commas(v float64) string {
	s := strconv.FormatFloat(v, 'f', 0, 64)
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func runDesc(cfg *config, elapsed time.Duration) string {
	if cfg.rate > 0 {
		return fmt.Sprintf("open loop at %g req/s for %v: done in %.2f s", cfg.rate, cfg.duration, elapsed.Seconds())
	}
	if cfg.requests > 0 {
		return fmt.Sprintf("-n %d: done in %.2f s", cfg.requests, elapsed.Seconds())
	}
	return fmt.Sprintf("%.2f s", elapsed.Seconds())
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// procCPU is the user+sys CPU seconds of process pid (0: none asked).
func procCPU(pid int) (float64, error) {
	if pid <= 0 {
		return 0, nil
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, err
	}
	// The command name, in parentheses, may hold spaces: fields count from
	// after its closing parenthesis; utime and stime are fields 14 and 15.
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return 0, errors.New("short /proc stat")
	}
	u, err1 := strconv.ParseFloat(f[11], 64)
	st, err2 := strconv.ParseFloat(f[12], 64)
	if err1 != nil || err2 != nil {
		return 0, errors.New("bad /proc stat")
	}
	return (u + st) / 100, nil // USER_HZ is 100 on Linux
}

func selfCPU() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	tv := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return tv(ru.Utime) + tv(ru.Stime)
}
