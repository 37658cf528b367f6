package sqldb

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

// Journal browsing: the journal filtered and paged newest first, the account
// card and its opening balance. Each read is bounded by a page and an index
// range (0004_browse.sql), never by the size of the ledger, except a search
// by text, analytic or amount alone, which has no index and walks the
// entries newest first until the page is full.

// ListEntries returns a page of the entries matching f, newest first.
func (db *DB) ListEntries(ctx context.Context, org ledger.OrgID, f store.EntryFilter) ([]ledger.Entry, error) {
	return db.rd().ListEntries(ctx, org, f)
}

// AccountCard returns a page of an account's movements in date order.
func (db *DB) AccountCard(ctx context.Context, org ledger.OrgID, account ledger.AccountCode, analytic ledger.AnalyticID, corr ledger.AccountCode,
	from, to ledger.Date, afterDate ledger.Date, afterSeq int64, afterLine int, limit int) ([]store.CardLine, error) {
	return db.rd().AccountCard(ctx, org, account, analytic, corr, from, to, afterDate, afterSeq, afterLine, limit)
}

// AccountOpening returns an account's turnover before date.
func (db *DB) AccountOpening(ctx context.Context, org ledger.OrgID, account ledger.AccountCode, analytic ledger.AnalyticID, date ledger.Date) (ledger.Turnover, error) {
	return db.rd().AccountOpening(ctx, org, account, analytic, date)
}

// AccountDays implements store.Reader.
func (db *DB) AccountDays(ctx context.Context, org ledger.OrgID, account ledger.AccountCode, from, to ledger.Date) ([]store.DayTurnover, error) {
	return db.rd().AccountDays(ctx, org, account, from, to)
}

// AnalyticsOpening implements store.Reader.
func (db *DB) AnalyticsOpening(ctx context.Context, org ledger.OrgID, account ledger.AccountCode, date ledger.Date, match [ledger.MaxAnalytics]ledger.AnalyticID) (map[[ledger.MaxAnalytics]ledger.AnalyticID]ledger.Turnover, error) {
	return db.rd().AnalyticsOpening(ctx, org, account, date, match)
}

// recentWindow is how many of the newest entries below the cursor
// ListEntries first tests one by one through the primary key, before it
// turns to the account and date indexes. A filter that matches often
// (account 51, this month) fills its page there; a rare one costs the
// window and then only its index range.
const recentWindow = 4096

// SetBrowseWindow replaces recentWindow for this store (n ≤ 0 restores
// it). The conformance suite sets a small window so that a small ledger
// takes both ways through ListEntries.
func (db *DB) SetBrowseWindow(n int) { db.window.Store(int64(n)) }

func (db *DB) browseWindow() int64 {
	if n := db.window.Load(); n > 0 {
		return n
	}
	return recentWindow
}

// where collects SQL conditions and their arguments.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) sql() string { return strings.Join(w.conds, " AND ") }

// entryQuery is an EntryFilter turned into SQL pieces.
type entryQuery struct {
	org      ledger.OrgID
	f        store.EntryFilter
	accounts []string // the filter account and its sub-accounts
	posting  bool     // some condition is on postings
	// nativeLike: the database's LIKE ignores the case of ASCII letters
	// (SQLite's does; PostgreSQL's does not).
	nativeLike bool
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// postingConds adds the conditions one posting (alias p) must meet: the
// account on either side (sides ""), on one side ("dt", "kt") or not at all
// ("-"), then the analytic and the amount range.
func (q *entryQuery) postingConds(w *where, sides string) {
	if len(q.accounts) > 0 && sides != "-" {
		in, args := placeholders(len(q.accounts)), anys(q.accounts)
		if sides == "" {
			w.add("(p.dt_account IN ("+in+") OR p.kt_account IN ("+in+"))", append(args, args...)...)
		} else {
			w.add("p."+sides+"_account IN ("+in+")", args...)
		}
	}
	if q.f.Analytic != 0 {
		like := analyticLike(q.f.Analytic)
		w.add(`((',' || p.dt_analytics || ',') LIKE ? OR (',' || p.kt_analytics || ',') LIKE ?)`, like, like)
	}
	if q.f.MinAmount != 0 {
		w.add("p.amount >= ?", int64(q.f.MinAmount))
	}
	if q.f.MaxAmount != 0 {
		w.add("p.amount <= ?", int64(q.f.MaxAmount))
	}
}

// analyticLike matches an analytic id in a stored list "12,7,3" wrapped in
// commas.
func analyticLike(id ledger.AnalyticID) string {
	return "%," + strconv.FormatInt(int64(id), 10) + ",%"
}

// likePattern is a LIKE pattern for a substring, in lower case.
func likePattern(s string) string {
	return "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(strings.ToLower(s)) + "%"
}

// entryConds adds the conditions on entry e. With indexDays false the
// date conditions are written so that no index serves them ("+e.day"),
// which keeps a primary-key window scan on its key.
func (q *entryQuery) entryConds(w *where, indexDays bool) {
	w.add("e.org_id = ?", int64(q.org))
	day := "+e.day"
	if indexDays {
		day = "e.day"
	}
	if q.f.From != ledger.NoDate {
		w.add(day+" >= ?", int64(q.f.From))
	}
	if q.f.To != ledger.NoDate {
		w.add(day+" <= ?", int64(q.f.To))
	}
	if q.f.Text != "" {
		like := likePattern(q.f.Text)
		if q.nativeLike && isASCII(like) {
			// SQLite's own LIKE folds ASCII case, in C; lower() is a Go
			// callback (store/sqlite), ten times slower over a long scan.
			w.add(`(e.description LIKE ? ESCAPE '\' OR e.document LIKE ? ESCAPE '\')`, like, like)
		} else {
			w.add(`(lower(e.description) LIKE ? ESCAPE '\' OR lower(e.document) LIKE ? ESCAPE '\')`, like, like)
		}
	}
}

// existsPosting adds "some posting of e meets the posting conditions".
func (q *entryQuery) existsPosting(w *where) {
	if !q.posting {
		return
	}
	var pw where
	pw.add("p.org_id = e.org_id")
	pw.add("p.seq = e.seq")
	q.postingConds(&pw, "")
	w.add("EXISTS (SELECT 1 FROM postings p WHERE "+pw.sql()+")", pw.args...)
}

// ListEntries pages through the entries that match f, newest first.
func (r reader) ListEntries(ctx context.Context, org ledger.OrgID, f store.EntryFilter) ([]ledger.Entry, error) {
	if f.From != ledger.NoDate && f.To != ledger.NoDate && f.From > f.To {
		return nil, nil
	}
	limit := clampLimit(f.Limit, store.DefaultEntryLimit, store.MaxEntryLimit)
	before := f.BeforeSeq
	if before <= 0 {
		before = math.MaxInt64
	}
	q := &entryQuery{org: org, f: f, posting: f.Account != "" || f.Analytic != 0 || f.MinAmount != 0 || f.MaxAmount != 0,
		nativeLike: r.db.d.Name == "sqlite"}
	if f.Account != "" {
		var err error
		if q.accounts, err = r.subAccounts(ctx, org, f.Account); err != nil {
			return nil, fmt.Errorf("list entries: %w", err)
		}
	}
	seqs, err := r.matchingSeqs(ctx, q, before, limit)
	if err != nil {
		return nil, fmt.Errorf("list entries: %w", err)
	}
	es, err := r.loadEntries(ctx, org, seqs)
	if err != nil {
		return nil, fmt.Errorf("list entries: %w", err)
	}
	return es, nil
}

// matchingSeqs finds up to limit matching seqs below before, descending.
func (r reader) matchingSeqs(ctx context.Context, q *entryQuery, before int64, limit int) ([]int64, error) {
	indexed := len(q.accounts) > 0 || q.f.From != ledger.NoDate || q.f.To != ledger.NoDate
	if !indexed {
		// Nothing to narrow by: walk the primary key down until the page is full.
		var w where
		q.entryConds(&w, false)
		w.add("e.seq < ?", before)
		q.existsPosting(&w)
		return r.seqs(ctx, nil, `SELECT e.seq FROM entries e WHERE `+w.sql()+` ORDER BY e.seq DESC LIMIT ?`, append(w.args, limit)...)
	}
	var head int64
	if err := r.q.QueryRowContext(ctx, r.db.q(`SELECT seq FROM chain_heads WHERE org_id = ?`), int64(q.org)).Scan(&head); err != nil {
		return nil, notFound(err, "organisation %d does not exist", q.org)
	}
	hi := min(before, head+1)
	lo := max(hi-r.db.browseWindow(), 1)
	var w where
	q.entryConds(&w, false)
	w.add("e.seq >= ?", lo)
	w.add("e.seq < ?", hi)
	q.existsPosting(&w)
	seqs, err := r.seqs(ctx, nil, `SELECT e.seq FROM entries e WHERE `+w.sql()+` ORDER BY e.seq DESC LIMIT ?`, append(w.args, limit)...)
	if err != nil || len(seqs) == limit || lo <= 1 {
		return seqs, err
	}
	return r.indexedSeqs(ctx, q, seqs, lo, limit-len(seqs))
}

// indexedSeqs appends to seqs up to n matching seqs below hi, found through
// the account indexes when the filter names an account, else through the
// entries' date index.
func (r reader) indexedSeqs(ctx context.Context, q *entryQuery, seqs []int64, hi int64, n int) ([]int64, error) {
	var w where
	if len(q.accounts) == 0 {
		q.entryConds(&w, true)
		w.add("+e.seq < ?", hi)
		q.existsPosting(&w)
		// "+e.seq": sort the date index's range rather than walk the
		// primary key down in order.
		return r.seqs(ctx, seqs, `SELECT e.seq FROM entries e WHERE `+w.sql()+` ORDER BY +e.seq DESC LIMIT ?`, append(w.args, n)...)
	}
	// Each side's account index gives the postings of the accounts in the
	// period (c, read from the index alone); the other conditions are
	// tested on the posting row (p) they point to. Written as a CROSS JOIN,
	// which SQLite takes as the join order: left to choose, without
	// statistics, it would rather walk every posting of the organisation
	// than look rows up from an index.
	var union []string
	var uargs []any
	other := q.f.Analytic != 0 || q.f.MinAmount != 0 || q.f.MaxAmount != 0
	for _, side := range []string{"dt", "kt"} {
		var cw where
		cw.add("c.org_id = ?", int64(q.org))
		cw.add("c."+side+"_account IN ("+placeholders(len(q.accounts))+")", anys(q.accounts)...)
		if q.f.From != ledger.NoDate {
			cw.add("c.day >= ?", int64(q.f.From))
		}
		if q.f.To != ledger.NoDate {
			cw.add("c.day <= ?", int64(q.f.To))
		}
		cw.add("+c.seq < ?", hi) // a filter: the account index gives the range
		if !other {
			union = append(union, "SELECT c.seq FROM postings c WHERE "+cw.sql())
			uargs = append(uargs, cw.args...)
			continue
		}
		cw.add("p.org_id = c.org_id")
		cw.add("p.seq = c.seq")
		cw.add("p.line = c.line")
		q.postingConds(&cw, "-")
		union = append(union, "SELECT c.seq FROM postings c CROSS JOIN postings p WHERE "+cw.sql())
		uargs = append(uargs, cw.args...)
	}
	// The matching postings' seqs drive: "+e.seq" keeps the planner from
	// walking the primary key down instead and testing each entry against
	// them, which for an old period would pass every newer entry first.
	q.entryConds(&w, false)
	w.add("+e.seq < ?", hi)
	w.add("e.seq IN ("+strings.Join(union, " UNION ALL ")+")", uargs...)
	return r.seqs(ctx, seqs, `SELECT e.seq FROM entries e WHERE `+w.sql()+` ORDER BY +e.seq DESC LIMIT ?`, append(w.args, n)...)
}

// seqs runs a query of one seq column and appends the results to dst.
func (r reader) seqs(ctx context.Context, dst []int64, query string, args ...any) ([]int64, error) {
	rows, err := r.q.QueryContext(ctx, r.db.qOnce(query), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var s int64
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		dst = append(dst, s)
	}
	return dst, rows.Err()
}

// subAccounts returns code and the codes of the chart below it: by Parent,
// or continuing it after "." or ":".
func (r reader) subAccounts(ctx context.Context, org ledger.OrgID, code ledger.AccountCode) ([]string, error) {
	ch, err := r.chart(ctx, org)
	if err != nil {
		return nil, err
	}
	out := []string{string(code)}
	for c := range ch {
		if c != code && isUnder(ch, c, code) {
			out = append(out, string(c))
		}
	}
	sort.Strings(out)
	return out, nil
}

// isUnder reports whether account c is below code in the chart.
func isUnder(ch ledger.Chart, c, code ledger.AccountCode) bool {
	s, p := string(c), string(code)
	if strings.HasPrefix(s, p+".") || strings.HasPrefix(s, p+":") {
		return true
	}
	// the parent chain; bounded, in case a stored chart has a cycle
	for i := 0; i < 64; i++ {
		a := ch[c]
		if a == nil || a.Parent == "" || a.Parent == c {
			return false
		}
		if a.Parent == code {
			return true
		}
		c = a.Parent
	}
	return false
}

// chart returns the organisation's chart through the shared cache, checked
// against the chart's version as this reader sees it.
func (r reader) chart(ctx context.Context, org ledger.OrgID) (ledger.Chart, error) {
	var version int64
	if err := r.q.QueryRowContext(ctx, r.db.q(`SELECT chart_version FROM orgs WHERE id = ?`), int64(org)).Scan(&version); err != nil {
		return nil, notFound(err, "organisation %d does not exist", org)
	}
	r.db.mu.Lock()
	cached, ok := r.db.charts[org]
	r.db.mu.Unlock()
	if ok && cached.version == version {
		return cached.chart, nil
	}
	ch, err := r.db.loadChart(ctx, r.q, org)
	if err != nil {
		return nil, err
	}
	r.db.mu.Lock()
	if cur, ok := r.db.charts[org]; !ok || cur.version < version {
		r.db.charts[org] = cachedChart{version, ch}
	}
	r.db.mu.Unlock()
	return ch, nil
}

// loadEntries reads the entries with the given seqs, in that order, with
// their postings: one query for the headers and one for the postings.
func (r reader) loadEntries(ctx context.Context, org ledger.OrgID, seqs []int64) ([]ledger.Entry, error) {
	if len(seqs) == 0 {
		return nil, nil
	}
	args := make([]any, 0, len(seqs)+1)
	args = append(args, int64(org))
	for _, s := range seqs {
		args = append(args, s)
	}
	in := placeholders(len(seqs))
	rows, err := r.q.QueryContext(ctx, r.db.qOnce(`SELECT seq, year, number, day, description, document, author, posted_us, idem_key, reverses, prev_hash, hash
		FROM entries WHERE org_id = ? AND seq IN (`+in+`)`), args...)
	if err != nil {
		return nil, err
	}
	byseq := make(map[int64]*ledger.Entry, len(seqs))
	out := make([]ledger.Entry, len(seqs))
	for i, s := range seqs {
		byseq[s] = &out[i]
	}
	for rows.Next() {
		var e ledger.Entry
		if err := scanEntryRow(rows, &e); err != nil {
			rows.Close()
			return nil, err
		}
		e.Org = org
		if p := byseq[e.Seq]; p != nil {
			*p = e
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = r.q.QueryContext(ctx, r.db.qOnce(`SELECT seq, line, dt_account, kt_account, amount, COALESCE(dt_analytics, ''), COALESCE(kt_analytics, ''), COALESCE(detail, '')
		FROM postings WHERE org_id = ? AND seq IN (`+in+`) ORDER BY seq, line`), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var pr postingRow
	for rows.Next() {
		if err := pr.scan(rows); err != nil {
			return nil, err
		}
		if e := byseq[pr.seq]; e != nil {
			e.Postings = append(e.Postings, pr.p)
		}
	}
	return out, rows.Err()
}

// AccountCard pages through one account's movements in (date, seq, line)
// order. It reads up to limit+1 movements from each side's index, merges
// them, and cuts the page so that the two lines of a posting with the
// account on both sides stay together.
func (r reader) AccountCard(ctx context.Context, org ledger.OrgID, account ledger.AccountCode, analytic ledger.AnalyticID, corr ledger.AccountCode,
	from, to ledger.Date, afterDate ledger.Date, afterSeq int64, afterLine int, limit int) ([]store.CardLine, error) {
	limit = clampLimit(limit, store.DefaultCardLimit, store.MaxCardLimit)
	if account == "" || (from != ledger.NoDate && to != ledger.NoDate && from > to) {
		return nil, nil
	}
	// One query: the debit and the credit movements, each read in order
	// from its index and merged by the database, which stops at the
	// limit (SQLite: MERGE (UNION ALL); PostgreSQL: Merge Append).
	var others []string // corr and the accounts below it
	if corr != "" {
		var err error
		if others, err = r.subAccounts(ctx, org, corr); err != nil {
			return nil, err
		}
	}
	var arms [2]string
	var args []any
	for i, side := range []string{"dt", "kt"} {
		var w where
		w.add("p.org_id = ?", int64(org))
		w.add("p."+side+"_account = ?", string(account))
		if from != ledger.NoDate {
			w.add("p.day >= ?", int64(from))
		}
		if to != ledger.NoDate {
			w.add("p.day <= ?", int64(to))
		}
		if afterDate != ledger.NoDate {
			w.add("(p.day, p.seq, p.line) > (?, ?, ?)", int64(afterDate), afterSeq, int64(afterLine))
		}
		if analytic != 0 {
			w.add("(',' || p."+side+"_analytics || ',') LIKE ?", analyticLike(analytic))
		}
		if others != nil {
			w.add("p."+[]string{"kt", "dt"}[i]+"_account IN ("+placeholders(len(others))+")", anys(others)...)
		}
		arms[i] = `SELECT ` + strconv.Itoa(1-i) + ` AS is_dt, p.day, p.seq, p.line, e.year, e.number, e.description, e.document,
			p.dt_account, p.kt_account, p.amount, COALESCE(p.dt_analytics, ''), COALESCE(p.kt_analytics, ''), COALESCE(p.detail, '')
			FROM postings p JOIN entries e ON e.org_id = p.org_id AND e.seq = p.seq
			WHERE ` + w.sql()
		args = append(args, w.args...)
	}
	query := arms[0] + ` UNION ALL ` + arms[1] + ` ORDER BY 2, 3, 4, 1 DESC LIMIT ?`
	lines, err := r.cardLines(ctx, query, append(args, limit+1)...)
	if err != nil {
		return nil, fmt.Errorf("account card %s: %w", account, err)
	}
	return pageOfCard(lines, limit), nil
}

// cardLines reads card lines: is_dt, then the posting's and the entry's
// columns.
func (r reader) cardLines(ctx context.Context, query string, args ...any) ([]store.CardLine, error) {
	rows, err := r.q.QueryContext(ctx, r.db.q(query), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.CardLine
	for rows.Next() {
		var l store.CardLine
		var isDt, day, year, line, amount int64
		var dacc, kacc, dan, kan, detail string
		var d, k ledger.Side
		if err := rows.Scan(&isDt, &day, &l.Seq, &line, &year, &l.Number, &l.Description, &l.Document, &dacc, &kacc, &amount, &dan, &kan, &detail); err != nil {
			return nil, err
		}
		if d.Analytics, err = decodeAnalytics(dan); err != nil {
			return nil, err
		}
		if k.Analytics, err = decodeAnalytics(kan); err != nil {
			return nil, err
		}
		if err := decodeDetail(detail, &d, &k); err != nil {
			return nil, err
		}
		d.Account, k.Account = ledger.AccountCode(dacc), ledger.AccountCode(kacc)
		debit := isDt == 1
		l.Date, l.Year, l.Line, l.Amount, l.Debit = ledger.Date(day), int(year), int(line), money.Amount(amount), debit
		l.Side, l.Other = d, k
		if !debit {
			l.Side, l.Other = k, d
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// pageOfCard takes the first limit of the ordered lines, never ending
// between the two lines of one posting (an account on both of its sides)
// unless the page would otherwise be empty.
func pageOfCard(all []store.CardLine, limit int) []store.CardLine {
	if len(all) <= limit {
		return all
	}
	page := all[:limit]
	last, next := page[limit-1], all[limit]
	if last.Date == next.Date && last.Seq == next.Seq && last.Line == next.Line {
		if limit == 1 {
			return all[:2]
		}
		page = all[:limit-1]
	}
	return page
}

// AccountOpening sums an account's turnover before date: the monthly totals
// of the months before date's, and the days of date's month before it: from
// the day totals, or with an analytic (which they do not keep) from the
// account's postings of those days.
func (r reader) AccountOpening(ctx context.Context, org ledger.OrgID, account ledger.AccountCode, analytic ledger.AnalyticID, date ledger.Date) (ledger.Turnover, error) {
	var t ledger.Turnover
	if date == ledger.NoDate || account == "" {
		return t, nil
	}
	var w where
	w.add("org_id = ?", int64(org))
	// The whole months before: of every analytic from the account months
	// (migration 0018, a row a month and currency), of one from the
	// account's totals rows that carry it.
	table := "account_months"
	if analytic != 0 {
		table = "totals"
		w.add("account = ?", string(account))
		w.add("+month < ?", date.Month()) // the account's key range, not all months' rows
		w.add("(a1 = ? OR a2 = ? OR a3 = ?)", int64(analytic), int64(analytic), int64(analytic))
	} else {
		w.add("month < ?", date.Month())
		w.add("account = ?", string(account))
	}
	err := r.q.QueryRowContext(ctx, r.db.q(`SELECT COALESCE(sum(debit), 0), COALESCE(sum(credit), 0), COALESCE(sum(debit_cur), 0), COALESCE(sum(credit_cur), 0),
		COALESCE(sum(debit_qty), 0), COALESCE(sum(credit_qty), 0) FROM `+table+` WHERE `+w.sql()), w.args...).
		Scan(&t.Debit, &t.Credit, &t.DebitCur, &t.CreditCur, &t.DebitQty, &t.CreditQty)
	if err != nil {
		return ledger.Turnover{}, fmt.Errorf("opening of %s: %w", account, err)
	}
	start := date.MonthStart()
	if start == date {
		return t, nil
	}
	if analytic == 0 {
		return r.addDays(ctx, org, account, start, date, t)
	}
	for i, side := range []string{"dt", "kt"} {
		var w where
		w.add("p.org_id = ?", int64(org))
		w.add("p."+side+"_account = ?", string(account))
		w.add("p.day >= ?", int64(start))
		w.add("p.day < ?", int64(date))
		w.add("(',' || p."+side+"_analytics || ',') LIKE ?", analyticLike(analytic))
		lines, err := r.cardLines(ctx, `SELECT `+strconv.Itoa(1-i)+`, p.day, p.seq, p.line, 0, 0, '', '',
			p.dt_account, p.kt_account, p.amount, COALESCE(p.dt_analytics, ''), COALESCE(p.kt_analytics, ''), COALESCE(p.detail, '')
			FROM postings p WHERE `+w.sql(), w.args...)
		if err != nil {
			return ledger.Turnover{}, fmt.Errorf("opening of %s: %w", account, err)
		}
		for _, l := range lines {
			u := ledger.Turnover{Debit: l.Amount, DebitCur: l.Side.CurAmount, DebitQty: l.Side.Qty}
			if !l.Debit {
				u = ledger.Turnover{Credit: l.Amount, CreditCur: l.Side.CurAmount, CreditQty: l.Side.Qty}
			}
			if t, err = t.Add(u); err != nil {
				return ledger.Turnover{}, err
			}
		}
	}
	return t, nil
}

// AnalyticsOpening implements store.Reader.
func (r reader) AnalyticsOpening(ctx context.Context, org ledger.OrgID, account ledger.AccountCode, date ledger.Date, match [ledger.MaxAnalytics]ledger.AnalyticID) (map[[ledger.MaxAnalytics]ledger.AnalyticID]ledger.Turnover, error) {
	out := map[[ledger.MaxAnalytics]ledger.AnalyticID]ledger.Turnover{}
	if date == ledger.NoDate || account == "" {
		return out, nil
	}
	add := func(k [ledger.MaxAnalytics]ledger.AnalyticID, t ledger.Turnover) error {
		sum, err := out[k].Add(t)
		out[k] = sum
		return err
	}
	// The match's slots narrow the primary key's (org, account, a1, a2,
	// a3) range; whole years come from the year totals (keyRows).
	m := date.Month()
	books, err := r.bookYears(ctx, org)
	if err != nil {
		return nil, err
	}
	src, args := keyRows(org, account, match, nil, analyticPeriod{openBefore: m, p1: m, p2: prevMonth(m), last: prevMonth(m)}, books)
	rows, err := r.q.QueryContext(ctx, r.db.q(`SELECT a1, a2, a3, sum(debit), sum(credit), sum(debit_cur), sum(credit_cur), sum(debit_qty), sum(credit_qty)
		FROM (`+src+`) k WHERE cls = 0 GROUP BY a1, a2, a3`), args...)
	if err != nil {
		return nil, fmt.Errorf("opening of %s by analytics: %w", account, err)
	}
	err = eachRow(rows, func() error {
		var k [ledger.MaxAnalytics]int64
		var t ledger.Turnover
		if err := rows.Scan(&k[0], &k[1], &k[2], &t.Debit, &t.Credit, &t.DebitCur, &t.CreditCur, &t.DebitQty, &t.CreditQty); err != nil {
			return err
		}
		return add([ledger.MaxAnalytics]ledger.AnalyticID{ledger.AnalyticID(k[0]), ledger.AnalyticID(k[1]), ledger.AnalyticID(k[2])}, t)
	})
	if err != nil {
		return nil, fmt.Errorf("opening of %s by analytics: %w", account, err)
	}
	start := date.MonthStart()
	for i, side := range []string{"dt", "kt"} {
		lines, err := r.cardLines(ctx, `SELECT `+strconv.Itoa(1-i)+`, p.day, p.seq, p.line, 0, 0, '', '',
			p.dt_account, p.kt_account, p.amount, COALESCE(p.dt_analytics, ''), COALESCE(p.kt_analytics, ''), COALESCE(p.detail, '')
			FROM postings p WHERE p.org_id = ? AND p.`+side+`_account = ? AND p.day >= ? AND p.day < ?`,
			int64(org), string(account), int64(start), int64(date))
		if err != nil {
			return nil, fmt.Errorf("opening of %s by analytics: %w", account, err)
		}
		for _, l := range lines {
			if !matches(l.Side.Analytics, match) {
				continue
			}
			u := ledger.Turnover{Debit: l.Amount, DebitCur: l.Side.CurAmount, DebitQty: l.Side.Qty}
			if !l.Debit {
				u = ledger.Turnover{Credit: l.Amount, CreditCur: l.Side.CurAmount, CreditQty: l.Side.Qty}
			}
			if err := add(l.Side.Analytics, u); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// matches reports whether analytics carry every non-zero analytic of
// match in the same slot.
func matches(analytics, match [ledger.MaxAnalytics]ledger.AnalyticID) bool {
	for i, id := range match {
		if id != 0 && analytics[i] != id {
			return false
		}
	}
	return true
}

// addDays adds to t the account's day totals (every currency) of the days
// from start, a month's first day, to before end, in the same month.
func (r reader) addDays(ctx context.Context, org ledger.OrgID, account ledger.AccountCode, start, end ledger.Date, t ledger.Turnover) (ledger.Turnover, error) {
	rows, err := r.q.QueryContext(ctx, r.db.q(`SELECT days FROM day_totals WHERE org_id = ? AND month = ? AND account = ?`),
		int64(org), start.Month(), string(account))
	if err != nil {
		return ledger.Turnover{}, fmt.Errorf("opening of %s: %w", account, err)
	}
	defer rows.Close()
	var v dayVector
	for rows.Next() {
		var packed string
		if err := rows.Scan(&packed); err != nil {
			return ledger.Turnover{}, fmt.Errorf("opening of %s: %w", account, err)
		}
		if err := decodeDays(packed, &v); err != nil {
			return ledger.Turnover{}, err
		}
		for d := 1; d <= int(end-start); d++ {
			if t, err = t.Add(v[d]); err != nil {
				return ledger.Turnover{}, err
			}
		}
	}
	return t, rows.Err()
}
