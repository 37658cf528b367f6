package storetest

import (
	"strings"
	"testing"

	"hasap/ledger"
	"hasap/store"
)

// testStatementTemplates: an organisation has no template of its own until
// it puts one; a put replaces the one before; templates belong to one
// organisation and one statement; delete brings the shipped one back;
// a body too large or not UTF-8, and a template of no organisation, are
// refused.
func testStatementTemplates(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	f := newFixture(t, s, "stmts")
	o := newFixture(t, s, "other")

	_, err := s.StatementTemplate(ctx, f.org.ID, "pnl")
	wantCode(t, err, ledger.ENotFound, "no template yet")
	first := store.StatementTemplate{Kind: "pnl", Body: []byte("code,level,source,name_tk,name_ru,name_en\n2110,0,KT:90.01,Girdeji,Выручка,Revenue\n"), Author: "owner@example"}
	ok(t, s.PutStatementTemplate(ctx, f.org.ID, &first), "put")
	if first.Updated.IsZero() {
		t.Fatal("put did not set Updated")
	}
	got, err := s.StatementTemplate(ctx, f.org.ID, "pnl")
	ok(t, err, "read back")
	if string(got.Body) != string(first.Body) || got.Author != "owner@example" || !got.Updated.Equal(first.Updated) || got.Kind != "pnl" {
		t.Fatalf("read back %+v, want %+v", got, first)
	}
	second := store.StatementTemplate{Kind: "pnl", Body: []byte("replaced"), Author: "chief@example"}
	ok(t, s.PutStatementTemplate(ctx, f.org.ID, &second), "replace")
	got, _ = s.StatementTemplate(ctx, f.org.ID, "pnl")
	if string(got.Body) != "replaced" || got.Author != "chief@example" {
		t.Fatalf("after replace %+v", got)
	}
	_, err = s.StatementTemplate(ctx, f.org.ID, "balance-sheet")
	wantCode(t, err, ledger.ENotFound, "another statement")
	_, err = s.StatementTemplate(ctx, o.org.ID, "pnl")
	wantCode(t, err, ledger.ENotFound, "another organisation's")
	ok(t, s.DeleteStatementTemplate(ctx, o.org.ID, "pnl"), "delete of another organisation's (none)")
	if _, err := s.StatementTemplate(ctx, f.org.ID, "pnl"); err != nil {
		t.Fatalf("another organisation's delete removed ours: %v", err)
	}

	big := store.StatementTemplate{Kind: "pnl", Body: []byte(strings.Repeat("x", store.MaxStatementTemplate+1)), Author: "a"}
	wantCode(t, s.PutStatementTemplate(ctx, f.org.ID, &big), ledger.EInvalid, "too large")
	bad := store.StatementTemplate{Kind: "pnl", Body: []byte{0xff, 0xfe}, Author: "a"}
	wantCode(t, s.PutStatementTemplate(ctx, f.org.ID, &bad), ledger.EInvalid, "not UTF-8")
	none := store.StatementTemplate{Kind: "pnl", Body: []byte("x"), Author: "a"}
	wantCode(t, s.PutStatementTemplate(ctx, ledger.OrgID(9999), &none), ledger.ENotFound, "no organisation")
	got, _ = s.StatementTemplate(ctx, f.org.ID, "pnl")
	if string(got.Body) != "replaced" {
		t.Fatalf("a refused put changed the template: %q", got.Body)
	}

	ok(t, s.DeleteStatementTemplate(ctx, f.org.ID, "pnl"), "delete")
	_, err = s.StatementTemplate(ctx, f.org.ID, "pnl")
	wantCode(t, err, ledger.ENotFound, "after delete")
	ok(t, s.DeleteStatementTemplate(ctx, f.org.ID, "pnl"), "delete again")
}
