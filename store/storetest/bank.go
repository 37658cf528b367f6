package storetest

import (
	"strings"
	"testing"

	"hasap/ledger"
	"hasap/store"
)

// testBank: saved CSV mappings (names unique per organisation, saved by the
// version read), statements stored once per file and never changed, the
// one document of each statement line, the bank accounts of
// counterparties, and nothing of another organisation.
func testBank(t *testing.T, open func(t *testing.T) Store) {
	s := open(t)
	ctx := t.Context()
	f := newFixture(t, s, "bank")
	o := newFixture(t, s, "other")

	m := store.BankMapping{Name: "Halkbank", Body: []byte(`{"date":1}`)}
	ok(t, s.SaveBankMapping(ctx, f.org.ID, &m), "save mapping")
	if m.ID != 1 || m.Version != 1 {
		t.Fatalf("mapping %+v", m)
	}
	dup := store.BankMapping{Name: "Halkbank", Body: []byte(`{}`)}
	wantCode(t, s.SaveBankMapping(ctx, f.org.ID, &dup), ledger.EConflict, "a second mapping of the same name")
	ok(t, s.SaveBankMapping(ctx, o.org.ID, &dup), "the same name in another organisation")
	m.Body = []byte(`{"date":2}`)
	ok(t, s.SaveBankMapping(ctx, f.org.ID, &m), "edit mapping")
	stale := m
	stale.Version = 1
	wantCode(t, s.SaveBankMapping(ctx, f.org.ID, &stale), ledger.EConflict, "a save of an older version")
	got, err := s.BankMapping(ctx, f.org.ID, m.ID)
	if err != nil || string(got.Body) != `{"date":2}` || got.Version != 2 {
		t.Fatalf("mapping read back: %+v, %v", got, err)
	}
	_, err = s.BankMapping(ctx, o.org.ID, 5)
	wantCode(t, err, ledger.ENotFound, "another organisation's mapping")
	if ms, _ := s.BankMappings(ctx, o.org.ID); len(ms) != 1 || string(ms[0].Body) != `{}` {
		t.Fatalf("other organisation's mappings: %+v", ms)
	}

	hash := strings.Repeat("ab", 32)
	day := ledger.DateOf(2025, 3, 3)
	mk := func(part int) *store.BankStatement {
		return &store.BankStatement{Format: "mt940", FileHash: hash, Part: part, BankID: "S1", Account: "TM001", Currency: "TMT",
			From: day, To: day + 1, Opening: 100, Closing: -50, HasOpening: true, HasClosing: true, Lines: 2,
			Body: []byte(`[{"amount":1},{"amount":2}]`), Author: "a@example"}
	}
	sts := []*store.BankStatement{mk(1), mk(2)}
	ok(t, s.CreateStatements(ctx, f.org.ID, sts), "create statements")
	if sts[0].ID != 1 || sts[1].ID != 2 {
		t.Fatalf("statement ids %d, %d", sts[0].ID, sts[1].ID)
	}
	wantCode(t, s.CreateStatements(ctx, f.org.ID, []*store.BankStatement{mk(3), mk(2)}), ledger.EConflict, "the same file again")
	if list, _ := s.ListStatements(ctx, f.org.ID, 0, 0); len(list) != 2 || list[0].ID != 2 {
		t.Fatalf("a refused file stored something: %+v", list)
	}
	ok(t, s.CreateStatements(ctx, o.org.ID, []*store.BankStatement{mk(1)}), "the same file in another organisation")
	st, err := s.Statement(ctx, f.org.ID, 1)
	want := *sts[0]
	want.Created = st.Created
	if err != nil || st.Opening != 100 || st.Closing != -50 || !st.HasOpening || st.From != day || string(st.Body) != string(want.Body) || st.Author != "a@example" {
		t.Fatalf("statement read back: %+v, %v", st, err)
	}
	if of, _ := s.StatementsOfFile(ctx, f.org.ID, hash); len(of) != 2 || of[1].Part != 2 {
		t.Fatalf("statements of the file: %+v", of)
	}
	if page, _ := s.ListStatements(ctx, f.org.ID, 2, 10); len(page) != 1 || page[0].ID != 1 {
		t.Fatalf("the page before 2: %+v", page)
	}

	d := newDoc("payment_in", day, f)
	ok(t, s.CreateDocument(ctx, f.org.ID, d), "create document")
	ok(t, s.LinkStatementLine(ctx, f.org.ID, 1, 2, d.ID), "link line")
	ok(t, s.LinkStatementLine(ctx, f.org.ID, 1, 2, d.ID), "link the line again to the same document")
	d2 := newDoc("payment_in", day, f)
	ok(t, s.CreateDocument(ctx, f.org.ID, d2), "create document")
	wantCode(t, s.LinkStatementLine(ctx, f.org.ID, 1, 2, d2.ID), ledger.EConflict, "a second document of a line")
	wantCode(t, s.LinkStatementLine(ctx, f.org.ID, 1, 3, d2.ID), ledger.EInvalid, "a line the statement has not")
	wantCode(t, s.LinkStatementLine(ctx, f.org.ID, 1, 1, 999), ledger.ENotFound, "a document that does not exist")
	wantCode(t, s.LinkStatementLine(ctx, o.org.ID, 1, 1, d2.ID), ledger.ENotFound, "a document of another organisation")
	if links, _ := s.StatementLinks(ctx, f.org.ID, 1); len(links) != 1 || links[2] != d.ID {
		t.Fatalf("links: %v", links)
	}
	if links, _ := s.StatementLinks(ctx, o.org.ID, 1); len(links) != 0 {
		t.Fatalf("another organisation sees links: %v", links)
	}

	ok(t, s.SetPartyAccount(ctx, f.org.ID, "TM99", f.buyer), "party account")
	ok(t, s.SetPartyAccount(ctx, f.org.ID, "TM99", f.supplier), "party account again")
	if pa, _ := s.PartyAccounts(ctx, f.org.ID); len(pa) != 1 || pa["TM99"] != f.supplier {
		t.Fatalf("party accounts: %v", pa)
	}
	if pa, _ := s.PartyAccounts(ctx, o.org.ID); len(pa) != 0 {
		t.Fatalf("another organisation's party accounts: %v", pa)
	}

	// The database itself keeps statements and their links.
	for _, q := range []string{
		`UPDATE bank_statements SET closing = 0 WHERE org_id = ? AND id = 1`,
		`DELETE FROM bank_statements WHERE org_id = ? AND id = 2`,
		`UPDATE bank_statement_lines SET document_id = 1 WHERE org_id = ?`,
		`DELETE FROM bank_statement_lines WHERE org_id = ?`,
	} {
		if _, err := s.Writer().ExecContext(ctx, rebind(s, q), f.org.ID); err == nil {
			t.Errorf("the database allowed %s", q)
		}
	}
}
