package app_test

import (
	"context"
	"math/rand/v2"
	"reflect"
	"strconv"
	"testing"

	"hasap/app"
	"hasap/doc"
	"hasap/ledger"
	"hasap/money"
	"hasap/settle"
	"hasap/store"
)

func TestAgeingKeptStates(t *testing.T) { eachStore(t, testAgeingKeptStates) }

// testAgeingKeptStates is the property of the kept settlement states
// (settlestates.go): whatever is posted, unposted and posted again, in any
// date order, the ageing of either side as of any day equals the ageing
// worked out from every counterparty's history (AgeingFromHistory, the
// reference), whether the states were worked out afresh, brought up to
// date from the entries posted since, or made stale by a change of the
// rules' key; and verify finds them right.
func testAgeingKeptStates(t *testing.T, a *app.App) {
	ctx := context.Background()
	w := newWorldOn(t, a)
	accountant, viewer := w.actors["accountant"], w.actors["viewer"]
	rnd := rand.New(rand.NewPCG(agreementSeed(t), 17))
	an := analyticMaker(t, a, "a")
	cf := an(ledger.CashFlowItem, "CF", 0)
	var cps []ledger.AnalyticID
	contracts := map[ledger.AnalyticID][]ledger.AnalyticID{}
	for i := range 5 {
		cp := an(ledger.Counterparty, "CP"+strconv.Itoa(i), 0)
		cps = append(cps, cp)
		for j := range 1 + i%2 {
			contracts[cp] = append(contracts[cp], an(ledger.Contract, "K"+strconv.Itoa(i)+strconv.Itoa(j), cp))
		}
	}
	type posted struct {
		id, version int64
		typ         doc.Type
		cp          ledger.AnalyticID
		live        bool // posted now
	}
	var docs []*posted
	start := ledger.DateOf(2025, 3, 1)
	date := func() ledger.Date { return start + ledger.Date(rnd.IntN(90)) }
	last := start
	check := func(step int) {
		t.Helper()
		asOf := start - 5 + ledger.Date(rnd.IntN(int(last-start)+40))
		for _, side := range []app.AgeingSide{app.AgeCustomers, app.AgeSuppliers} {
			got, err := a.AgeingBuckets(ctx, viewer, "a", asOf, side, nil)
			if err != nil {
				t.Fatalf("step %d: %v", step, err)
			}
			want, err := a.AgeingFromHistory(ctx, "a", asOf, side, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("step %d, %s as of %s:\n got %+v\nwant %+v", step, side, asOf, got, want)
			}
		}
	}
	types := []doc.Type{doc.Act, doc.PaymentIn, doc.SupplierInvoice, doc.PaymentOut}
	checks := 0
	for step := range 120 {
		switch r := rnd.IntN(10); {
		case r < 6 || len(docs) == 0: // a new document, sometimes based on an earlier one of its counterparty
			typ := types[rnd.IntN(len(types))]
			cp := cps[rnd.IntN(len(cps))]
			d := doc.Document{Type: typ, Date: date(), Refs: doc.Refs{Counterparty: cp, Contract: contracts[cp][rnd.IntN(len(contracts[cp]))], CashFlow: cf},
				Lines: []doc.Line{{Amount: money.Amount(100 * (1 + rnd.IntN(500)))}}}
			if typ == doc.Act || typ == doc.SupplierInvoice {
				d.Lines[0].Service = true
			}
			if typ == doc.PaymentIn || typ == doc.PaymentOut {
				for _, p := range docs {
					if p.cp == cp && rnd.IntN(3) == 0 && (p.typ == doc.Act) == (typ == doc.PaymentIn) && (p.typ == doc.SupplierInvoice) == (typ == doc.PaymentOut) {
						d.BasedOn = p.id
						break
					}
				}
			}
			made, err := a.CreateDocument(ctx, accountant, "a", d)
			if err != nil {
				t.Fatal(err)
			}
			made, _, err = a.PostDocument(ctx, accountant, "a", made.ID, made.Version)
			if err != nil {
				t.Fatalf("post %s: %v", made.Ref(), err)
			}
			docs = append(docs, &posted{id: made.ID, version: made.Version, typ: typ, cp: cp, live: true})
			last = max(last, d.Date)
		case r < 8: // unpost a posted one, or post an unposted one again
			p := docs[rnd.IntN(len(docs))]
			var made app.Document
			var err error
			if p.live {
				made, _, err = a.UnpostDocument(ctx, accountant, "a", p.id, p.version)
			} else {
				if rnd.IntN(2) == 0 { // moved to another day first: its item then spans both days
					d, err := a.GetDocument(ctx, accountant, "a", p.id)
					if err != nil {
						t.Fatal(err)
					}
					d.Date = date()
					if d, err = a.SaveDocument(ctx, accountant, "a", d); err != nil {
						t.Fatalf("step %d: move %d: %v", step, p.id, err)
					}
					p.version = d.Version
					last = max(last, d.Date)
				}
				made, _, err = a.PostDocument(ctx, accountant, "a", p.id, p.version)
			}
			if err != nil {
				t.Fatalf("step %d: (un)post %d: %v", step, p.id, err)
			}
			p.version, p.live = made.Version, !p.live
		case r < 9: // the rules' key changes: every state is worked out again
			org, _ := a.Store.OrgByCode(ctx, "a")
			for _, role := range []int{int(settle.Customer), int(settle.Supplier)} {
				mark, _, err := a.Store.SettlementStates(ctx, org.ID, role)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := a.Store.PutSettlementStates(ctx, org.ID, role, mark, store.SettlementMark{Head: mark.Head, Key: "old rules"}, nil, false); err != nil {
					t.Fatal(err)
				}
			}
		default:
			check(step)
			checks++
		}
		if rnd.IntN(4) == 0 {
			check(step)
			checks++
		}
	}
	check(-1)
	res, err := a.Verify(ctx, app.System, "a", nil)
	if err != nil || res.Settlements == 0 {
		t.Fatalf("verify: %v %+v", err, res)
	}
	// A state changed behind the application's back (here through the
	// store, keeping the mark): verify names it.
	org, _ := a.Store.OrgByCode(ctx, "a")
	mark, kept, err := a.Store.SettlementStates(ctx, org.ID, int(settle.Customer))
	if err != nil || len(kept) == 0 {
		t.Fatalf("kept states: %v %d", err, len(kept))
	}
	forged := kept[0]
	forged.Body = settle.EncodeItems([]settle.Item{{Counterparty: forged.Counterparty, Role: settle.Customer, Ref: "forged", Date: start, Debit: true, Amount: 1, Open: 1}})
	if done, err := a.Store.PutSettlementStates(ctx, org.ID, int(settle.Customer), mark, mark, []store.SettlementState{forged}, false); err != nil || !done {
		t.Fatalf("forge: %v %v", done, err)
	}
	if _, err := a.Verify(ctx, app.System, "a", nil); !ledger.IsCode(err, ledger.ETampered) {
		t.Fatalf("verify after a forged state: %v, want ETampered", err)
	}
	t.Logf("%d documents, %d checks", len(docs), checks)
}
