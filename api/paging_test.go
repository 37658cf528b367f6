package api_test

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"testing"

	"hasap/app"
	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

// walk follows next_cursor from the first page of query and returns the
// seqs visited, in order. between runs after each page.
func walk(t *testing.T, f *fixture, query url.Values, between func(page int)) []int64 {
	t.Helper()
	acct := f.callers["accountant"]
	var seqs []int64
	cursor := ""
	for page := 0; ; page++ {
		q := url.Values{}
		for k, v := range query {
			q[k] = v
		}
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		r := f.do(t, acct, call{method: "GET", path: entriesPath + "?" + q.Encode()})
		mustStatus(t, "page", r, 200)
		items, _ := field(r.json, "items").([]any)
		limit, _ := strconv.Atoi(query.Get("limit"))
		if len(items) > limit {
			t.Fatalf("page %d has %d entries, limit %d", page, len(items), limit)
		}
		for _, it := range items {
			n, _ := strconv.ParseInt(fmt.Sprint(field(it, "seq")), 10, 64)
			seqs = append(seqs, n)
		}
		next, _ := field(r.json, "next_cursor").(string)
		if next == "" {
			if len(items) == 0 && page > 0 {
				t.Errorf("page %d is empty: the page before promised more", page)
			}
			return seqs
		}
		if len(items) != limit {
			t.Errorf("page %d has %d entries and a next page", page, len(items))
		}
		cursor = next
		if between != nil {
			between(page)
		}
		if page > 10000 {
			t.Fatal("the walk does not end")
		}
	}
}

// expected lists the seqs of acme's entries matching f, newest first, as
// the use case reads them.
func expected(t *testing.T, f *fixture, filter store.EntryFilter) []int64 {
	t.Helper()
	var seqs []int64
	filter.Limit = store.MaxEntryLimit
	for {
		es, err := f.app.Journal(context.Background(), app.System, acme, filter)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			seqs = append(seqs, e.Seq)
		}
		if len(es) < filter.Limit {
			return seqs
		}
		filter.BeforeSeq = es[len(es)-1].Seq
	}
}

// TestCursorPaging: a walk visits every entry exactly once, newest first,
// at any page size, with filters, and while entries are being posted.
func TestCursorPaging(t *testing.T) {
	f := books(t)
	ctx := context.Background()
	for i := range 23 {
		e := ledger.Entry{Date: ledger.DateOf(2025, 6, 1+i%28), Description: fmt.Sprintf("Paging %d", i), Postings: []ledger.Posting{
			{Debit: ledger.Side{Account: "26"}, Credit: ledger.Side{Account: "80"}, Amount: 100 + money.Amount(i)}}}
		if _, err := f.app.Post(ctx, app.System, acme, e); err != nil {
			t.Fatal(err)
		}
	}
	all := expected(t, f, store.EntryFilter{From: ledger.NoDate, To: ledger.NoDate})
	for _, limit := range []int{1, 2, 7, 50, 500} {
		q := url.Values{"limit": {strconv.Itoa(limit)}}
		posted := 0
		got := walk(t, f, q, func(page int) {
			if page < 3 { // entries posted during the walk are not in it
				e := ledger.Entry{Date: ledger.DateOf(2025, 7, 1), Description: "Posted mid-walk", Postings: []ledger.Posting{
					{Debit: ledger.Side{Account: "26"}, Credit: ledger.Side{Account: "80"}, Amount: 1}}}
				if _, err := f.app.Post(ctx, app.System, acme, e); err != nil {
					t.Fatal(err)
				}
				posted++
			}
		})
		if fmt.Sprint(got) != fmt.Sprint(all) {
			t.Errorf("limit %d: visited %v\nwant %v", limit, got, all)
		}
		all = expected(t, f, store.EntryFilter{From: ledger.NoDate, To: ledger.NoDate})
	}

	// With filters: the walk visits what the use case selects.
	filter := store.EntryFilter{From: ledger.DateOf(2025, 1, 1), To: ledger.DateOf(2025, 6, 30), Account: "80", Text: "paging", MinAmount: 105, MaxAmount: 120}
	want := expected(t, f, filter)
	if len(want) < 5 {
		t.Fatalf("the filter selects %d entries: too few to page", len(want))
	}
	q := url.Values{"limit": {"2"}, "from": {"2025-01-01"}, "to": {"2025-06-30"}, "account": {"80"}, "text": {"paging"}, "min": {"1.05"}, "max": {"1.20"}}
	if got := walk(t, f, q, nil); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("filtered walk %v, want %v", got, want)
	}

	// A cursor belongs to its query.
	acct := f.callers["accountant"]
	r := f.do(t, acct, call{method: "GET", path: entriesPath + "?limit=1&account=80"})
	next, _ := field(r.json, "next_cursor").(string)
	if next == "" {
		t.Fatalf("no next page: %s", r.body)
	}
	mustStatus(t, "cursor with other filters", f.do(t, acct, call{method: "GET", path: entriesPath + "?limit=1&account=26&cursor=" + next}), 422)
	mustStatus(t, "cursor with another limit", f.do(t, acct, call{method: "GET", path: entriesPath + "?limit=3&account=80&cursor=" + next}), 200)
}
