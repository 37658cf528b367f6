package app_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"hasap/app"
	"hasap/bankmatch"
	"hasap/doc"
	"hasap/i18n"
	"hasap/interop/bankcsv"
	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

// bankBooks is organisation a of a world with the catalogs a statement
// names and four posted invoices: acts № 1 (1 150.00) and № 2 (575.00), a
// supplier's invoice № 1 (230.00), all with VAT 15 %.
type bankBooks struct {
	w                          *world
	cust1, cust2, sup          ledger.AnalyticID
	ctr1, ctr2, ctrSup         ledger.AnalyticID
	act1, act2, bill1          app.Document
	accountant, clerk, foreign app.Actor
}

func newBankBooks(t *testing.T, a *app.App) *bankBooks {
	ctx := context.Background()
	b := &bankBooks{w: newWorldOn(t, a)}
	b.accountant, b.clerk, b.foreign = b.w.actors["accountant"], b.w.actors["clerk"], b.w.actors["foreign"]
	an := func(kind ledger.AnalyticKind, code, name string, owner ledger.AnalyticID) ledger.AnalyticID {
		x := ledger.Analytic{Kind: kind, Code: code, Names: ledger.Names{TK: name, RU: name}, Owner: owner}
		if err := a.CreateAnalytic(ctx, app.System, "a", &x); err != nil {
			t.Fatal(err)
		}
		return x.ID
	}
	b.cust1, b.cust2 = an(ledger.Counterparty, "CUST1", "Gök Bazar HJ", 0), an(ledger.Counterparty, "CUST2", "Altyn Ýol", 0)
	b.sup = an(ledger.Counterparty, "123456789", "Nebit Gaz", 0)
	b.ctr1, b.ctr2 = an(ledger.Contract, "CUST1-1", "C1", b.cust1), an(ledger.Contract, "CUST2-1", "C2", b.cust2)
	b.ctrSup = an(ledger.Contract, "SUP-1", "S1", b.sup)
	an(ledger.CashFlowItem, "CF-IN", "In", 0)
	an(ledger.CashFlowItem, "CF-OUT", "Out", 0)
	b.act1 = b.invoice(t, doc.Act, b.cust1, b.ctr1, 100000)
	b.act2 = b.invoice(t, doc.Act, b.cust2, b.ctr2, 50000)
	b.bill1 = b.invoice(t, doc.SupplierInvoice, b.sup, b.ctrSup, 20000)
	return b
}

// invoice posts a document of one service line of net (VAT on top).
func (b *bankBooks) invoice(t *testing.T, typ doc.Type, cp, ctr ledger.AnalyticID, net money.Amount) app.Document {
	t.Helper()
	ctx := context.Background()
	d, err := b.w.a.CreateDocument(ctx, app.System, "a", doc.Document{Type: typ, Date: ledger.DateOf(2025, 3, 1),
		Refs: doc.Refs{Counterparty: cp, Contract: ctr}, Lines: []doc.Line{{Service: true, Amount: net}}})
	if err != nil {
		t.Fatal(err)
	}
	d, _, err = b.w.a.PostDocument(ctx, app.System, "a", d.ID, d.Version)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// counts are what a failed import must leave as it was.
func (b *bankBooks) counts(t *testing.T) [2]int {
	ctx := context.Background()
	sts, err := b.w.a.ListStatements(ctx, app.System, "a", 0, store.MaxDocumentLimit)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := b.w.a.ListDocuments(ctx, app.System, "a", store.DocumentFilter{Limit: store.MaxDocumentLimit, From: ledger.NoDate, To: ledger.NoDate})
	if err != nil {
		t.Fatal(err)
	}
	return [2]int{len(sts), len(docs)}
}

// A March statement of account TM0001: the customer pays act № 1 naming
// it, the second customer pays act № 2's amount, and we pay the supplier,
// whose tax id the bank writes.
const marchMT940 = `:20:STMT-0303
:25:TM0001
:28C:1/1
:60F:C250302TMT0,00
:61:2503030303C1150,00NTRFE2E-1//B1
:86:Payment for hasap-faktura № 1
:61:2503040304C575,00NTRFNONREF//B2
:86:Altyn Ýol
payment for services
:61:2503050305D230,00NTRFNONREF//B3
:86:Nebit Gaz INN 123456789
:62F:C250305TMT1495,00
`

func TestBankStatement(t *testing.T) { eachStore(t, testBankStatement) }

// testBankStatement imports an MT940 statement, reviews what matching
// proposes (one invoice by reference, one by amount), refuses the file
// again and a bad file without changing anything, confirms and posts the
// lines once, and reconciles 51 before and after.
func testBankStatement(t *testing.T, a *app.App) {
	ctx := context.Background()
	b := newBankBooks(t, a)
	before := b.counts(t)

	bad := strings.Replace(marchMT940, ":61:2503040304C575,00", ":61:2503040304C575,001", 1)
	_, err := a.ImportStatement(ctx, b.clerk, "a", app.ImportInput{Format: app.FormatMT940, File: strings.NewReader(bad)})
	if msg := i18n.Error(err, "ru"); !strings.HasPrefix(msg, "строка 7:") {
		t.Fatalf("a bad file: %q, want the line named in Russian", msg)
	}
	if got := b.counts(t); got != before {
		t.Fatalf("a bad file changed the counts of statements and documents from %v to %v", before, got)
	}
	if _, err := a.ImportStatement(ctx, b.w.actors["viewer"], "a", app.ImportInput{Format: app.FormatMT940, File: strings.NewReader(marchMT940)}); !ledger.IsCode(err, ledger.EForbidden) {
		t.Fatalf("a viewer imports: %v", err)
	}

	sts, err := a.ImportStatement(ctx, b.clerk, "a", app.ImportInput{Format: app.FormatMT940, File: strings.NewReader(marchMT940)})
	if err != nil {
		t.Fatal(err)
	}
	if len(sts) != 1 || len(sts[0].Lines) != 3 || sts[0].Closing != 149500 || sts[0].From != ledger.DateOf(2025, 3, 2) {
		t.Fatalf("imported: %+v", sts)
	}
	id := sts[0].ID
	_, err = a.ImportStatement(ctx, b.accountant, "a", app.ImportInput{Format: app.FormatMT940, File: strings.NewReader(marchMT940)})
	if !ledger.IsCode(err, ledger.EConflict) || !strings.Contains(i18n.Error(err, "ru"), fmt.Sprintf("выписка %d", id)) {
		t.Fatalf("the same file again: %v (%q)", err, i18n.Error(err, "ru"))
	}
	if got := b.counts(t); got != [2]int{before[0] + 1, before[1]} {
		t.Fatalf("counts after one import and a refused one: %v, from %v", got, before)
	}
	if _, err := a.StatementReview(ctx, b.foreign, "a", id, app.ReviewQuery{}); !ledger.IsCode(err, ledger.ENotFound) {
		t.Fatalf("another tenant reviews: %v", err)
	}

	rv, err := a.StatementReview(ctx, b.w.actors["viewer"], "a", id, app.ReviewQuery{})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		cp      ledger.AnalyticID
		invoice int64
		rule    bankmatch.Rule
		typ     doc.Type
	}{
		{b.cust1, b.act1.ID, bankmatch.ByReference, doc.PaymentIn},
		{b.cust2, b.act2.ID, bankmatch.ByAmount, doc.PaymentIn},
		{b.sup, b.bill1.ID, bankmatch.ByAmount, doc.PaymentOut},
	}
	for i, w := range want {
		l := rv.Page[i]
		if l.Counterparty.ID != w.cp || l.Invoice == nil || l.Invoice.ID != w.invoice || l.Proposal.InvoiceRule != w.rule || l.Type != w.typ {
			t.Errorf("line %d: proposal %+v (counterparty %d, invoice %v, %s), want %+v", i+1, l.Proposal, l.Counterparty.ID, l.Invoice, l.Type, w)
		}
	}
	r := rv.Recon
	if r.Account != "51" || r.BooksOpening != 0 || r.BooksClosing != 0 || r.ClosingDiff != 149500 || r.NotPosted != 149500 || r.NotPostedLines != 3 {
		t.Fatalf("reconciliation before posting: %+v", r)
	}

	var choices []app.LineChoice
	for _, l := range rv.Page {
		choices = append(choices, app.LineChoice{Line: l.No, Counterparty: l.Counterparty.Code, Contract: l.Contract.Code, Invoice: l.Invoice.ID})
	}
	in := app.ConfirmInput{Lines: choices, CashFlowIn: "CF-IN", CashFlowOut: "CF-OUT", Post: true}
	if _, err := a.ConfirmStatement(ctx, b.clerk, "a", id, in); !ledger.IsCode(err, ledger.EForbidden) {
		t.Fatalf("a clerk posts: %v", err)
	}
	if _, err := a.ConfirmStatement(ctx, b.foreign, "a", id, in); !ledger.IsCode(err, ledger.ENotFound) {
		t.Fatalf("another tenant confirms: %v", err)
	}
	wrong := in
	wrong.Lines = append([]app.LineChoice(nil), choices...)
	wrong.Lines[2].Counterparty = "NOBODY"
	if _, err := a.ConfirmStatement(ctx, b.accountant, "a", id, wrong); !strings.HasPrefix(i18n.Error(err, "ru"), "строка 3:") {
		t.Fatalf("an unknown code on line 3: %q", i18n.Error(err, "ru"))
	}
	if got := b.counts(t); got != [2]int{before[0] + 1, before[1]} {
		t.Fatalf("a refused confirmation made documents: %v", got)
	}

	res, err := a.ConfirmStatement(ctx, b.accountant, "a", id, in)
	if err != nil {
		t.Fatal(err)
	}
	if res.Made != 3 || res.Posted != 3 || res.Already != 0 {
		t.Fatalf("confirmed: %+v", res)
	}
	for i, w := range want {
		d, err := a.GetDocument(ctx, b.accountant, "a", res.Documents[i+1])
		if err != nil {
			t.Fatal(err)
		}
		if d.Type != w.typ || d.BasedOn != w.invoice || d.Counterparty != w.cp || d.Status != doc.Posted || d.Currency != "" {
			t.Errorf("line %d made %+v", i+1, d.Document)
		}
	}
	again, err := a.ConfirmStatement(ctx, b.accountant, "a", id, in)
	if err != nil || again.Made != 0 || again.Already != 3 {
		t.Fatalf("confirming again: %+v, %v", again, err)
	}
	if got := b.counts(t); got != [2]int{before[0] + 1, before[1] + 3} {
		t.Fatalf("documents after confirming twice: %v, from %v", got, before)
	}

	rv, err = a.StatementReview(ctx, b.accountant, "a", id, app.ReviewQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if r := rv.Recon; r.BooksClosing != 149500 || r.ClosingDiff != 0 || r.OpeningDiff != 0 || r.NotPostedLines != 0 || rv.Linked != 3 {
		t.Fatalf("reconciliation after posting: %+v", r)
	}
	if rv.Page[0].Document == nil || rv.Page[0].Document.BasedOn != b.act1.ID {
		t.Fatalf("line 1 after confirming: %+v", rv.Page[0].Document)
	}

	// The same customers pay again in April, in camt.053: act № 3 named in
	// the remittance text, act № 4 by its amount; the supplier's account,
	// learnt from March, finds nobody here since it is not on the file.
	act3 := b.invoice(t, doc.Act, b.cust1, b.ctr1, 30000) // 345.00
	act4 := b.invoice(t, doc.Act, b.cust2, b.ctr2, 40000) // 460.00
	sts, err = a.ImportStatement(ctx, b.accountant, "a", app.ImportInput{Format: app.FormatCAMT053, File: strings.NewReader(aprilCAMT)})
	if err != nil {
		t.Fatal(err)
	}
	rv, err = a.StatementReview(ctx, b.accountant, "a", sts[0].ID, app.ReviewQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if l := rv.Page[0]; l.Invoice == nil || l.Invoice.ID != act3.ID || l.Proposal.InvoiceRule != bankmatch.ByReference || l.Counterparty.ID != b.cust1 {
		t.Errorf("camt line 1: %+v %v", l.Proposal, l.Invoice)
	}
	if l := rv.Page[1]; l.Invoice == nil || l.Invoice.ID != act4.ID || l.Proposal.InvoiceRule != bankmatch.ByAmount || l.Counterparty.ID != b.cust2 {
		t.Errorf("camt line 2: %+v %v", l.Proposal, l.Invoice)
	}
	if r := rv.Recon; r.Opening != 149500 || r.BooksOpening != 149500 || r.OpeningDiff != 0 || r.ClosingDiff != 80500 {
		t.Errorf("camt reconciliation: %+v", r)
	}
}

const aprilCAMT = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
 <BkToCstmrStmt>
  <GrpHdr><MsgId>M1</MsgId><CreDtTm>2025-04-02T18:00:00</CreDtTm></GrpHdr>
  <Stmt>
   <Id>APR-1</Id>
   <Acct><Id><Othr><Id>TM0001</Id></Othr></Id><Ccy>TMT</Ccy></Acct>
   <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="TMT">1495.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2025-04-01</Dt></Dt></Bal>
   <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="TMT">2300.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2025-04-02</Dt></Dt></Bal>
   <Ntry><Amt Ccy="TMT">345.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2025-04-01</Dt></BookgDt>
    <NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Somebody Else</Nm></Dbtr></RltdPties><RmtInf><Ustrd>Invoice No 3</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
   <Ntry><Amt Ccy="TMT">460.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2025-04-02</Dt></BookgDt>
    <NtryDtls><TxDtls><RltdPties><Dbtr><Nm>ALTYN ÝOL</Nm><DbtrAcct><Id><Othr><Id>TM555</Id></Othr></Id></DbtrAcct></Dbtr></RltdPties><RmtInf><Ustrd>services</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
  </Stmt>
 </BkToCstmrStmt>
</Document>
`

func TestBankCurrencyStatement(t *testing.T) { eachStore(t, testBankCurrencyStatement) }

// testBankCurrencyStatement: a US dollar statement makes documents in
// dollars that post to 52, and its reconciliation reads 52 in dollars.
func testBankCurrencyStatement(t *testing.T, a *app.App) {
	ctx := context.Background()
	b := newBankBooks(t, a)
	if err := a.PutRate(ctx, app.System, "a", "USD", ledger.DateOf(2025, 1, 1), money.MustRate("3.5")); err != nil {
		t.Fatal(err)
	}
	usd := strings.NewReplacer("TMT", "USD", "TM0001", "TM0002").Replace(marchMT940)
	sts, err := a.ImportStatement(ctx, b.accountant, "a", app.ImportInput{Format: app.FormatMT940, File: strings.NewReader(usd)})
	if err != nil {
		t.Fatal(err)
	}
	id := sts[0].ID
	res, err := a.ConfirmStatement(ctx, b.accountant, "a", id, app.ConfirmInput{CashFlowIn: "CF-IN", Post: true,
		Lines: []app.LineChoice{{Line: 1, Counterparty: "CUST1", Contract: "CUST1-1"}}})
	if err != nil {
		t.Fatal(err)
	}
	d, err := a.GetDocument(ctx, b.accountant, "a", res.Documents[1])
	if err != nil {
		t.Fatal(err)
	}
	e, err := a.EntryBySeq(ctx, b.accountant, "a", d.Entry)
	if err != nil {
		t.Fatal(err)
	}
	p := e.Postings[0]
	if d.Currency != "USD" || p.Debit.Account != "52" || p.Debit.Currency != "USD" || p.Debit.CurAmount != 115000 || p.Amount != 402500 {
		t.Fatalf("a dollar line made %+v posted as %+v", d.Document, p)
	}
	rv, err := a.StatementReview(ctx, b.accountant, "a", id, app.ReviewQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if r := rv.Recon; r.Account != "52" || r.BooksClosing != 115000 || r.ClosingDiff != 34500 || r.NotPostedLines != 2 {
		t.Fatalf("dollar reconciliation: %+v", r)
	}
}

func TestBankCSV(t *testing.T) { eachStore(t, testBankCSV) }

// testBankCSV: a mapping saved per bank (by accountants, not clerks), a CSV
// statement read through it, the amount rule, and an edit of the mapping by
// the version read.
func testBankCSV(t *testing.T, a *app.App) {
	ctx := context.Background()
	b := newBankBooks(t, a)
	m := app.BankMapping{Name: "Halkbank", Mapping: bankcsv.Mapping{Delimiter: ';', HeaderRows: 1, Date: 1, DateLayout: "02.01.2006",
		Amount: 2, DecimalComma: true, Currency: "TMT", Counterparty: 3, Description: 4, Account: "TM0003"}}
	if _, err := a.SaveBankMapping(ctx, b.clerk, "a", m); !ledger.IsCode(err, ledger.EForbidden) {
		t.Fatalf("a clerk saves a mapping: %v", err)
	}
	bad := m
	bad.Mapping.Date = 0
	if _, err := a.SaveBankMapping(ctx, b.accountant, "a", bad); !ledger.IsCode(err, ledger.EInvalid) {
		t.Fatalf("a mapping without a date column: %v", err)
	}
	saved, err := a.SaveBankMapping(ctx, b.accountant, "a", m)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.GetBankMapping(ctx, b.foreign, "a", saved.ID); !ledger.IsCode(err, ledger.ENotFound) {
		t.Fatalf("another tenant reads the mapping: %v", err)
	}
	file := "Date;Amount;Payer;Details\n04.03.2025;575,00;Somebody;for services\n05.03.2025;-10,00;Bank;commission\n"
	if _, err := a.ImportStatement(ctx, b.clerk, "a", app.ImportInput{Format: app.FormatCSV, File: strings.NewReader(file)}); !ledger.IsCode(err, ledger.EInvalid) {
		t.Fatalf("a CSV file without a mapping: %v", err)
	}
	sts, err := a.ImportStatement(ctx, b.clerk, "a", app.ImportInput{Format: app.FormatCSV, Mapping: saved.ID, File: strings.NewReader(file)})
	if err != nil {
		t.Fatal(err)
	}
	if st := sts[0]; st.Account != "TM0003" || len(st.Lines) != 2 || st.HasClosing {
		t.Fatalf("CSV statement: %+v", st)
	}
	rv, err := a.StatementReview(ctx, b.clerk, "a", sts[0].ID, app.ReviewQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if l := rv.Page[0]; l.Invoice == nil || l.Invoice.ID != b.act2.ID || l.Proposal.InvoiceRule != bankmatch.ByAmount || l.Proposal.InvoiceSure != bankmatch.Low {
		t.Fatalf("CSV line 1: %+v %+v", l.Proposal, l)
	}
	// A clerk drafts without posting.
	res, err := a.ConfirmStatement(ctx, b.clerk, "a", sts[0].ID, app.ConfirmInput{Lines: []app.LineChoice{{Line: 1, Invoice: b.act2.ID}}})
	if err != nil || res.Made != 1 || res.Posted != 0 {
		t.Fatalf("a clerk's drafts: %+v, %v", res, err)
	}
	if d, _ := a.GetDocument(ctx, b.clerk, "a", res.Documents[1]); d.Counterparty != b.cust2 || d.Contract != b.ctr2 || d.Status != doc.Draft {
		t.Fatalf("the draft takes the invoice's counterparty and contract: %+v", d.Document)
	}

	saved.Mapping.DecimalComma = false
	edited, err := a.SaveBankMapping(ctx, b.accountant, "a", saved)
	if err != nil || edited.Version != 2 {
		t.Fatalf("edit: %+v, %v", edited, err)
	}
	if _, err := a.SaveBankMapping(ctx, b.accountant, "a", saved); !ledger.IsCode(err, ledger.EConflict) {
		t.Fatalf("a stale edit: %v", err)
	}
	if ms, _ := a.BankMappings(ctx, b.foreign, "b"); len(ms) != 0 {
		t.Fatalf("b sees a's mappings: %+v", ms)
	}
}
