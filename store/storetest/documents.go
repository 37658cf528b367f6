package storetest

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"hasap/ledger"
	"hasap/store"
)

// newDoc is a draft of typ dated d with a body that names it.
func newDoc(typ string, d ledger.Date, f *fixture) *store.Document {
	return &store.Document{Type: typ, Status: store.DocDraft, Date: d, Counterparty: f.buyer, Contract: f.sale,
		Body: []byte(fmt.Sprintf(`{"type":%q,"lines":[{"qty":"1.000"}]}`, typ)), Author: "clerk@example"}
}

// testDocuments: numbering per type and year from 1 without gaps, ids per
// organisation, reading back, saving with the version read, the rules of
// what a save may change, cancelling, listing with filters and a cursor,
// and nothing of another organisation.
func testDocuments(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	f := newFixture(t, s, "docs")
	o := newFixture(t, s, "other")
	d24, d25 := ledger.DateOf(2024, 12, 30), ledger.DateOf(2025, 1, 2)

	var made []store.Document
	for i, c := range []struct {
		typ  string
		date ledger.Date
		num  int64
	}{
		{"sales_invoice", d24, 1}, {"sales_invoice", d24, 2}, {"sales_invoice", d25, 1},
		{"cash_receipt", d25, 1}, {"sales_invoice", d25, 2}, {"cash_receipt", d25, 2},
	} {
		d := newDoc(c.typ, c.date, f)
		ok(t, s.CreateDocument(ctx, f.org.ID, d), "create "+c.typ)
		if d.ID != int64(i+1) || d.Number != c.num || d.Year != c.date.Year() || d.Version != 1 || d.Status != store.DocDraft {
			t.Fatalf("document %d: id %d, %s %d/%d, version %d, %s; want id %d, number %d of %d",
				i, d.ID, d.Type, d.Year, d.Number, d.Version, d.Status, i+1, c.num, c.date.Year())
		}
		made = append(made, *d)
	}
	// Another organisation numbers on its own.
	od := newDoc("sales_invoice", d25, o)
	ok(t, s.CreateDocument(ctx, o.org.ID, od), "create in other")
	if od.ID != 1 || od.Number != 1 {
		t.Fatalf("other organisation's first document: id %d, number %d", od.ID, od.Number)
	}

	got, err := s.Document(ctx, f.org.ID, 5)
	ok(t, err, "read back")
	want := made[4]
	if got.Type != want.Type || got.Number != 2 || got.Date != d25 || got.Counterparty != f.buyer || got.Contract != f.sale ||
		string(got.Body) != string(want.Body) || got.Author != "clerk@example" || got.Created.IsZero() {
		t.Fatalf("read back %+v, want %+v", got, want)
	}
	byNum, err := s.DocumentByNumber(ctx, f.org.ID, "cash_receipt", 2025, 2)
	ok(t, err, "by number")
	if byNum.ID != 6 {
		t.Fatalf("cash_receipt 2025/2 is id %d, want 6", byNum.ID)
	}
	_, err = s.Document(ctx, o.org.ID, 5)
	wantCode(t, err, ledger.ENotFound, "another organisation's document by id")
	_, err = s.DocumentByNumber(ctx, o.org.ID, "cash_receipt", 2025, 2)
	wantCode(t, err, ledger.ENotFound, "another organisation's document by number")

	// Saving: with the version read; a stale version is a conflict.
	first, stale := got, got
	first.Body, first.Date = []byte(`{"edited":true}`), ledger.DateOf(2025, 6, 30)
	ok(t, s.SaveDocument(ctx, f.org.ID, &first), "save")
	if first.Version != 2 {
		t.Fatalf("version after a save %d, want 2", first.Version)
	}
	stale.Body = []byte(`{"lost":true}`)
	wantCode(t, s.SaveDocument(ctx, f.org.ID, &stale), ledger.EConflict, "save of a stale version")
	if again, _ := s.Document(ctx, f.org.ID, 5); string(again.Body) != `{"edited":true}` || again.Date != ledger.DateOf(2025, 6, 30) {
		t.Fatalf("after the saves: %s on %s", again.Body, again.Date)
	}
	for name, change := range map[string]func(d *store.Document){
		"type":                     func(d *store.Document) { d.Type = "cash_receipt" },
		"number":                   func(d *store.Document) { d.Number = 9 },
		"year":                     func(d *store.Document) { d.Year = 2026 },
		"date of another year":     func(d *store.Document) { d.Date = ledger.DateOf(2026, 1, 1) },
		"posted without an entry":  func(d *store.Document) { d.Status = store.DocPosted },
		"posted outside a posting": func(d *store.Document) { d.Status, d.Entry = store.DocPosted, 1 },
		"unknown status":           func(d *store.Document) { d.Status = "archived" },
		"no date":                  func(d *store.Document) { d.Date = ledger.NoDate },
	} {
		d, err := s.Document(ctx, f.org.ID, 5)
		ok(t, err, "read")
		change(&d)
		wantCode(t, s.SaveDocument(ctx, f.org.ID, &d), ledger.EInvalid, "a save that changes the "+name)
	}
	// Cancelling keeps the number; a cancelled draft can come back.
	c, _ := s.Document(ctx, f.org.ID, 1)
	c.Status = store.DocCancelled
	ok(t, s.SaveDocument(ctx, f.org.ID, &c), "cancel")
	c.Status = store.DocDraft
	ok(t, s.SaveDocument(ctx, f.org.ID, &c), "restore")
	nd := newDoc("sales_invoice", d24, f)
	ok(t, s.CreateDocument(ctx, f.org.ID, nd), "after a cancel")
	if nd.Number != 3 {
		t.Fatalf("the number after a cancelled draft: %d, want 3 (a cancelled number is not given again)", nd.Number)
	}

	// Listing: newest first, filters, cursor, and only this organisation.
	ids := func(ds []store.Document) []int64 {
		var out []int64
		for _, d := range ds {
			out = append(out, d.ID)
		}
		return out
	}
	anyDay := ledger.NoDate
	list := func(f2 store.DocumentFilter) []int64 {
		ds, err := s.ListDocuments(ctx, f.org.ID, f2)
		ok(t, err, "list")
		return ids(ds)
	}
	for _, c := range []struct {
		name string
		f    store.DocumentFilter
		want []int64
	}{
		{"all", store.DocumentFilter{From: anyDay, To: anyDay}, []int64{7, 6, 5, 4, 3, 2, 1}},
		{"type", store.DocumentFilter{Type: "cash_receipt", From: anyDay, To: anyDay}, []int64{6, 4}},
		{"period", store.DocumentFilter{From: d25, To: d25}, []int64{6, 4, 3}},
		{"from", store.DocumentFilter{From: ledger.DateOf(2025, 6, 1), To: anyDay}, []int64{5}},
		{"cursor", store.DocumentFilter{BeforeID: 4, Limit: 2, From: anyDay, To: anyDay}, []int64{3, 2}},
		{"counterparty", store.DocumentFilter{Counterparty: f.supplier, From: anyDay, To: anyDay}, nil},
		{"status", store.DocumentFilter{Status: store.DocCancelled, From: anyDay, To: anyDay}, nil},
	} {
		if got := list(c.f); !slices.Equal(got, c.want) {
			t.Errorf("list %s: %v, want %v", c.name, got, c.want)
		}
	}
	if other, _ := s.ListDocuments(ctx, o.org.ID, store.DocumentFilter{From: anyDay, To: anyDay}); len(other) != 1 || other[0].ID != 1 {
		t.Fatalf("the other organisation lists %v", ids(other))
	}
}

// testDocumentPosting: a document is posted and unposted only with its
// entry, in one transaction: a rollback leaves both as they were; outside
// a posting, a posted document cannot be saved.
func testDocumentPosting(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	f := newFixture(t, s, "post")
	day := ledger.DateOf(2025, 3, 3)
	d := newDoc("sales_invoice", day, f)
	ok(t, s.CreateDocument(ctx, f.org.ID, d), "create")

	postWith := func(commit bool, change func(d *store.Document, e ledger.Entry)) error {
		p, err := s.BeginPost(ctx, f.org.ID, store.PostOptions{})
		ok(t, err, "begin")
		defer p.Rollback()
		e := entry(day, "sale", f.posting(1, 115000, 0, 0))
		if _, err := p.Post(&e); err != nil {
			return err
		}
		cur, err := s.Document(ctx, f.org.ID, d.ID)
		ok(t, err, "read")
		change(&cur, e)
		if err := p.SaveDocument(&cur); err != nil {
			return err
		}
		if !commit {
			return p.Rollback()
		}
		return p.Commit()
	}
	post := func(d *store.Document, e ledger.Entry) { d.Status, d.Entry = store.DocPosted, e.Seq }

	// Rolled back: neither the entry nor the document moved.
	ok(t, postWith(false, post), "post and roll back")
	if cur, _ := s.Document(ctx, f.org.ID, d.ID); cur.Status != store.DocDraft || cur.Entry != 0 || cur.Version != 1 {
		t.Fatalf("after a rolled-back posting: %s, entry %d, version %d", cur.Status, cur.Entry, cur.Version)
	}
	if h := f.head(); h.Seq != 0 {
		t.Fatalf("after a rolled-back posting the chain is at %d", h.Seq)
	}
	// A posting that names an entry not posted is refused.
	err := postWith(true, func(d *store.Document, e ledger.Entry) { d.Status, d.Entry = store.DocPosted, e.Seq+5 })
	wantCode(t, err, ledger.EInvalid, "a document naming an entry not posted")

	ok(t, postWith(true, post), "post")
	cur, err := s.Document(ctx, f.org.ID, d.ID)
	ok(t, err, "read posted")
	if cur.Status != store.DocPosted || cur.Entry != 1 {
		t.Fatalf("posted document: %s, entry %d", cur.Status, cur.Entry)
	}
	cur.Body = []byte(`{"changed":true}`)
	wantCode(t, s.SaveDocument(ctx, f.org.ID, &cur), ledger.EInvalid, "save a posted document as posted")
	cur.Status, cur.Entry = store.DocDraft, 0
	wantCode(t, s.SaveDocument(ctx, f.org.ID, &cur), ledger.EConflict, "unpost without a reversal")

	// Unposting: the reversal and the document back to draft, together.
	p, err := s.BeginPost(ctx, f.org.ID, store.PostOptions{})
	ok(t, err, "begin unpost")
	orig := scanAll(t, s, f.org.ID)[0]
	rev, err := orig.Reversal(day, true)
	ok(t, err, "storno")
	_, err = p.Post(&rev)
	ok(t, err, "post storno")
	back, _ := s.Document(ctx, f.org.ID, d.ID)
	back.Status, back.Entry = store.DocDraft, 0
	ok(t, p.SaveDocument(&back), "unpost in the posting")
	ok(t, p.Commit(), "commit unpost")
	if cur, _ := s.Document(ctx, f.org.ID, d.ID); cur.Status != store.DocDraft || cur.Entry != 0 || cur.Version != 3 {
		t.Fatalf("unposted document: %s, entry %d, version %d", cur.Status, cur.Entry, cur.Version)
	}
	// A draft again: it may change and be posted again.
	again, _ := s.Document(ctx, f.org.ID, d.ID)
	again.Body = []byte(`{"edited":true}`)
	ok(t, s.SaveDocument(ctx, f.org.ID, &again), "edit after unposting")
	ok(t, postWith(true, post), "post again")
	if cur, _ := s.Document(ctx, f.org.ID, d.ID); cur.Status != store.DocPosted || cur.Entry != 3 || string(cur.Body) != `{"edited":true}` {
		t.Fatalf("reposted document: %s, entry %d, %s", cur.Status, cur.Entry, cur.Body)
	}
	ok(t, Verify(ctx, s, f.org.ID), "verify")
}

// testDocumentGuards: the database itself refuses what the store's rules
// refuse: deleting a document, changing its number, changing a posted
// document, moving a number back.
func testDocumentGuards(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	f := newFixture(t, s, "guard")
	day := ledger.DateOf(2025, 3, 3)
	draft, posted := newDoc("act", day, f), newDoc("act", day, f)
	ok(t, s.CreateDocument(ctx, f.org.ID, draft), "create draft")
	ok(t, s.CreateDocument(ctx, f.org.ID, posted), "create to post")
	p, err := s.BeginPost(ctx, f.org.ID, store.PostOptions{})
	ok(t, err, "begin")
	e := entry(day, "act", f.posting(1, 5000, 0, 0))
	_, err = p.Post(&e)
	ok(t, err, "post")
	posted.Status, posted.Entry = store.DocPosted, e.Seq
	ok(t, p.SaveDocument(posted), "post document")
	ok(t, p.Commit(), "commit")

	w := s.Writer()
	org := fmt.Sprint(int64(f.org.ID))
	for _, attack := range []string{
		"DELETE FROM documents WHERE org_id = " + org + " AND id = 1",
		"UPDATE documents SET number = 7 WHERE org_id = " + org + " AND id = 1",
		"UPDATE documents SET type = 'waybill' WHERE org_id = " + org + " AND id = 1",
		"UPDATE documents SET body = '{}' WHERE org_id = " + org + " AND id = 2",
		"UPDATE documents SET day = day + 1 WHERE org_id = " + org + " AND id = 2",
		"UPDATE documents SET status = 'cancelled', entry_seq = 0 WHERE org_id = " + org + " AND id = 2",
		"UPDATE documents SET status = 'posted' WHERE org_id = " + org + " AND id = 1",
		"UPDATE document_numbers SET last = last - 1 WHERE org_id = " + org,
		"DELETE FROM document_numbers WHERE org_id = " + org,
	} {
		if _, err := w.ExecContext(ctx, attack); err == nil {
			t.Errorf("the database allowed: %s", attack)
		} else if !strings.Contains(err.Error(), "hasap:") && !strings.Contains(strings.ToLower(err.Error()), "constraint") {
			t.Errorf("%s: refused for an unexpected reason: %v", attack, err)
		}
	}
	if d, _ := s.Document(ctx, f.org.ID, 2); d.Status != store.DocPosted || d.Entry != e.Seq {
		t.Fatalf("the posted document after the attacks: %s, entry %d", d.Status, d.Entry)
	}
}

// testDocumentNumbersConcurrent: drafts created at once take the numbers
// 1..n exactly once.
func testDocumentNumbersConcurrent(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	f := newFixture(t, s, "conc")
	const workers, each = 8, 10
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				errs <- s.CreateDocument(ctx, f.org.ID, newDoc("payment_out", ledger.DateOf(2025, 5, 5), f))
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		ok(t, err, "create at once")
	}
	ds, err := s.ListDocuments(ctx, f.org.ID, store.DocumentFilter{From: ledger.NoDate, To: ledger.NoDate, Limit: store.MaxDocumentLimit})
	ok(t, err, "list")
	var nums []int64
	for _, d := range ds {
		nums = append(nums, d.Number)
	}
	slices.Sort(nums)
	if len(nums) != workers*each || nums[0] != 1 || nums[len(nums)-1] != workers*each {
		t.Fatalf("numbers %v, want 1..%d", nums, workers*each)
	}
	for i := range nums {
		if nums[i] != int64(i+1) {
			t.Fatalf("numbers %v have a gap or a repeat at %d", nums, i+1)
		}
	}
}

// testAnalyticsOpening: an account's turnover before a date per
// combination of analytics (the stock of each item in each warehouse)
// equals what its postings add up to, for dates at month starts and in the
// middle of months, and so does the part of it that a match selects (one
// analytic of a slot, or two, or one that no posting carries).
func testAnalyticsOpening(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	f := newFixture(t, s, "stock")
	o := newFixture(t, s, "other")
	r := rand.New(rand.NewPCG(21, 22))
	randomBooks(t, o, r, 20)
	posted := randomBooks(t, f, r, 150)
	for _, acc := range []ledger.AccountCode{"41.01", "62.01", "51"} {
		for i := 0; i < 25; i++ {
			date := randomDate(r, f.first, f.last+40)
			if i%5 == 0 {
				date = date.MonthStart()
			}
			var match [ledger.MaxAnalytics]ledger.AnalyticID
			switch i % 4 {
			case 1, 2: // the analytics of a random posting of the account, from slot i%4 on zeroed
				for _, e := range posted {
					for _, p := range e.Postings {
						for _, sd := range []ledger.Side{p.Debit, p.Credit} {
							if sd.Account == acc && r.IntN(3) == 0 {
								match = sd.Analytics
							}
						}
					}
				}
				for j := i % 4; j < ledger.MaxAnalytics; j++ {
					match[j] = 0
				}
			case 3: // an analytic no posting carries
				match[0] = 999999
			}
			want := modelAnalyticsOpening(t, posted, acc, date, match)
			got, err := s.AnalyticsOpening(ctx, f.org.ID, acc, date, match)
			ok(t, err, "AnalyticsOpening")
			for k, v := range got {
				if v.IsZero() {
					delete(got, k)
				}
			}
			for k, v := range want {
				if v.IsZero() {
					delete(want, k)
				}
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("AnalyticsOpening(%s, %s, %v):\n got  %v\n want %v", acc, date, match, got, want)
			}
		}
	}
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

// testDocumentKeys: a creation with a key already used for the same
// content gives back that document, with other content it is a conflict;
// keys are per organisation.
func testDocumentKeys(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	f := newFixture(t, s, "keys")
	o := newFixture(t, s, "other")
	day := ledger.DateOf(2025, 4, 4)
	first := newDoc("sales_invoice", day, f)
	first.Key = "form-7f3a"
	ok(t, s.CreateDocument(ctx, f.org.ID, first), "create with a key")
	if first.Replayed || first.Key != "form-7f3a" {
		t.Fatalf("first creation: replayed %v, key %q", first.Replayed, first.Key)
	}
	again := newDoc("sales_invoice", day, f)
	again.Key = "form-7f3a"
	ok(t, s.CreateDocument(ctx, f.org.ID, again), "the same creation again")
	if !again.Replayed || again.ID != first.ID || again.Number != first.Number {
		t.Fatalf("the same key and content: id %d № %d replayed %v, want the first (id %d)", again.ID, again.Number, again.Replayed, first.ID)
	}
	other := newDoc("sales_invoice", day+1, f)
	other.Key = "form-7f3a"
	wantCode(t, s.CreateDocument(ctx, f.org.ID, other), ledger.EConflict, "the key with another document")
	elsewhere := newDoc("sales_invoice", day+1, o)
	elsewhere.Key = "form-7f3a"
	ok(t, s.CreateDocument(ctx, o.org.ID, elsewhere), "the same key in another organisation")
	plain := newDoc("sales_invoice", day, f)
	ok(t, s.CreateDocument(ctx, f.org.ID, plain), "without a key")
	if plain.Number != first.Number+1 {
		t.Fatalf("the next number %d, want %d (a replay takes none)", plain.Number, first.Number+1)
	}
	if got, _ := s.Document(ctx, f.org.ID, first.ID); got.Key != "form-7f3a" {
		t.Fatalf("the key reads back as %q", got.Key)
	}
}

// testDocumentLinks: the documents created from one are listed by its id
// (newest first, of that organisation only); a client's key of a post or
// unpost is kept with the request in the posting transaction (a rollback
// keeps nothing), reads back, and is refused for another request.
func testDocumentLinks(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	f := newFixture(t, s, "links")
	o := newFixture(t, s, "other")
	day := ledger.DateOf(2025, 5, 5)
	src := newDoc("sales_order", day, f)
	ok(t, s.CreateDocument(ctx, f.org.ID, src), "create the order")
	var based []int64
	for _, typ := range []string{"sales_invoice", "payment_in", "waybill"} {
		d := newDoc(typ, day, f)
		d.BasedOn = src.ID
		ok(t, s.CreateDocument(ctx, f.org.ID, d), "create "+typ)
		based = append(based, d.ID)
		ok(t, s.CreateDocument(ctx, f.org.ID, newDoc(typ, day, f)), "create an unrelated "+typ)
	}
	elsewhere := newDoc("sales_invoice", day, o)
	elsewhere.BasedOn = src.ID
	ok(t, s.CreateDocument(ctx, o.org.ID, elsewhere), "create in another organisation")
	got, err := s.ListDocuments(ctx, f.org.ID, store.DocumentFilter{BasedOn: src.ID, From: ledger.NoDate, To: ledger.NoDate})
	ok(t, err, "list based on")
	var ids []int64
	for _, d := range got {
		ids = append(ids, d.ID)
		if d.BasedOn != src.ID {
			t.Errorf("document %d is based on %d", d.ID, d.BasedOn)
		}
	}
	slices.Reverse(based)
	if !slices.Equal(ids, based) {
		t.Fatalf("documents based on %d: %v, want %v", src.ID, ids, based)
	}
	if got, err := s.ListDocuments(ctx, f.org.ID, store.DocumentFilter{BasedOn: based[0], From: ledger.NoDate, To: ledger.NoDate}); err != nil || len(got) != 0 {
		t.Fatalf("documents based on one with none: %v, %v", got, err)
	}

	// Keys of posts and unposts.
	inv, err := s.Document(ctx, f.org.ID, based[len(based)-1])
	ok(t, err, "read the invoice")
	transition := func(key string, commit bool, change func(d *store.Document, e ledger.Entry)) error {
		p, err := s.BeginPost(ctx, f.org.ID, store.PostOptions{})
		ok(t, err, "begin")
		defer p.Rollback()
		e := entry(day, "sale", f.posting(1, 1000, 0, 0))
		if _, err := p.Post(&e); err != nil {
			return err
		}
		cur, err := s.Document(ctx, f.org.ID, inv.ID)
		ok(t, err, "read")
		change(&cur, e)
		cur.TransitionKey = key
		if err := p.SaveDocument(&cur); err != nil {
			return err
		}
		if !commit {
			return p.Rollback()
		}
		return p.Commit()
	}
	post := func(d *store.Document, e ledger.Entry) { d.Status, d.Entry = store.DocPosted, e.Seq }
	unpost := func(d *store.Document, _ ledger.Entry) { d.Status, d.Entry = store.DocDraft, 0 }
	ok(t, transition("k-post", false, post), "post, rolled back")
	_, err = s.DocumentTransitionKey(ctx, f.org.ID, "k-post")
	wantCode(t, err, ledger.ENotFound, "the key of a rolled-back post")
	ok(t, transition("k-post", true, post), "post")
	k, err := s.DocumentTransitionKey(ctx, f.org.ID, "k-post")
	ok(t, err, "read the key")
	if want := (store.TransitionKey{Document: inv.ID, Version: inv.Version}); k != want {
		t.Fatalf("the post's key: %+v, want %+v", k, want)
	}
	wantCode(t, transition("k-post", true, unpost), ledger.EConflict, "the post's key for the unpost")
	ok(t, transition("k-unpost", true, unpost), "unpost")
	if k, err := s.DocumentTransitionKey(ctx, f.org.ID, "k-unpost"); err != nil || k != (store.TransitionKey{Document: inv.ID, Version: inv.Version + 1, Unpost: true}) {
		t.Fatalf("the unpost's key: %+v, %v", k, err)
	}
	_, err = s.DocumentTransitionKey(ctx, o.org.ID, "k-post")
	wantCode(t, err, ledger.ENotFound, "the key in another organisation")
	if cur, _ := s.Document(ctx, f.org.ID, inv.ID); cur.Status != store.DocDraft || cur.Version != inv.Version+2 {
		t.Fatalf("after post and unpost: %s, version %d", cur.Status, cur.Version)
	}
}
