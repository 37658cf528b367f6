package settle

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"hasap/ledger"
	"hasap/money"
)

const (
	cust  ledger.AnalyticID = 100 // a customer who is also a supplier
	k1    ledger.AnalyticID = 201 // its contracts
	k2    ledger.AnalyticID = 202
	other ledger.AnalyticID = 101
)

func day(m, d int) ledger.Date { return ledger.DateOf(2025, time.Month(m), d) }

// book builds the movements of a test, one entry after another.
type book struct{ ms []Movement }

// post adds entry seq's movement: amount on the debit (dt) or credit side
// of the counterparty's account of role r under contract k, from document
// ref (id, based on) or typed by hand (ref "").
func (b *book) post(seq int64, date ledger.Date, r Role, k ledger.AnalyticID, dt bool, amount money.Amount, ref string, id, basedOn int64) {
	acct := map[Role]ledger.AccountCode{Customer: "62.01", Supplier: "60.01", Other: "76.05"}[r]
	b.ms = append(b.ms, Movement{Counterparty: cust, Contract: k, Role: r, Account: acct, Date: date, Seq: seq, Line: 1,
		Debit: dt, Amount: amount, Document: ref, DocID: id, BasedOn: basedOn, Description: ref})
}

// summary writes the items as "ref side amount/open", one per line.
func summary(r Result) string {
	var sb strings.Builder
	for _, it := range r.Items {
		side := "Kt"
		if it.Debit {
			side = "Dt"
		}
		fmt.Fprintf(&sb, "%s k%d %s %s %d/%d\n", it.Ref, it.Contract, it.Date, side, it.Amount, it.Open)
	}
	return sb.String()
}

func TestSettleHandWorked(t *testing.T) {
	tests := []struct {
		name  string
		build func(b *book)
		want  string // summary
		bal   Balance
	}{{
		// Invoice 1 000.00 on 3 Feb; a payment of 400.00 created from it on
		// 10 Feb: 600.00 of the invoice stays open.
		name: "part payment of an invoice",
		build: func(b *book) {
			b.post(1, day(2, 3), Customer, k1, true, 100000, "sales_invoice/2025/1", 1, 0)
			b.post(2, day(2, 10), Customer, k1, false, 40000, "payment_in/2025/1", 2, 1)
		},
		want: "sales_invoice/2025/1 k201 2025-02-03 Dt 100000/60000\npayment_in/2025/1 k201 2025-02-10 Kt 40000/0\n",
		bal:  Balance{Receivable: 60000},
	}, {
		// 500.00 received on 1 Feb before anything was sold; the invoice of
		// 300.00 on 5 Feb takes 300.00 of it; 200.00 stays an advance.
		name: "advance received, then an invoice",
		build: func(b *book) {
			b.post(1, day(2, 1), Customer, k1, false, 50000, "payment_in/2025/1", 1, 0)
			b.post(2, day(2, 5), Customer, k1, true, 30000, "sales_invoice/2025/1", 2, 0)
		},
		want: "payment_in/2025/1 k201 2025-02-01 Kt 50000/20000\nsales_invoice/2025/1 k201 2025-02-05 Dt 30000/0\n",
		bal:  Balance{AdvancesReceived: 20000},
	}, {
		// Invoices A 100, B 200, C 300; a payment of 250 based on nothing
		// pays the oldest: A in full, B 150 of 200.
		name: "FIFO",
		build: func(b *book) {
			b.post(1, day(1, 1), Customer, k1, true, 100, "sales_invoice/2025/1", 1, 0)
			b.post(2, day(1, 5), Customer, k1, true, 200, "sales_invoice/2025/2", 2, 0)
			b.post(3, day(1, 10), Customer, k1, true, 300, "sales_invoice/2025/3", 3, 0)
			b.post(4, day(1, 20), Customer, k1, false, 250, "payment_in/2025/1", 4, 0)
		},
		want: "sales_invoice/2025/1 k201 2025-01-01 Dt 100/0\nsales_invoice/2025/2 k201 2025-01-05 Dt 200/50\n" +
			"sales_invoice/2025/3 k201 2025-01-10 Dt 300/300\npayment_in/2025/1 k201 2025-01-20 Kt 250/0\n",
		bal: Balance{Receivable: 350},
	}, {
		// The same invoices; a payment of 350 created from C pays C first
		// (300), then the oldest, A, 50 of 100.
		name: "a payment created from an invoice pays it first",
		build: func(b *book) {
			b.post(1, day(1, 1), Customer, k1, true, 100, "sales_invoice/2025/1", 1, 0)
			b.post(2, day(1, 5), Customer, k1, true, 200, "sales_invoice/2025/2", 2, 0)
			b.post(3, day(1, 10), Customer, k1, true, 300, "sales_invoice/2025/3", 3, 0)
			b.post(4, day(1, 20), Customer, k1, false, 350, "payment_in/2025/1", 4, 3)
		},
		want: "sales_invoice/2025/1 k201 2025-01-01 Dt 100/50\nsales_invoice/2025/2 k201 2025-01-05 Dt 200/200\n" +
			"sales_invoice/2025/3 k201 2025-01-10 Dt 300/0\npayment_in/2025/1 k201 2025-01-20 Kt 350/0\n",
		bal: Balance{Receivable: 250},
	}, {
		// Posted on 1 Mar for 1 000.00, unposted (red storno, same date),
		// edited and posted again on 5 Mar for 1 200.00: one item.
		name: "posted, unposted and posted again",
		build: func(b *book) {
			b.post(1, day(3, 1), Customer, k1, true, 100000, "sales_invoice/2025/1", 1, 0)
			b.post(2, day(3, 1), Customer, k1, true, -100000, "sales_invoice/2025/1", 1, 0)
			b.post(3, day(3, 5), Customer, k1, true, 120000, "sales_invoice/2025/1", 1, 0)
		},
		want: "sales_invoice/2025/1 k201 2025-03-05 Dt 120000/120000\n",
		bal:  Balance{Receivable: 120000},
	}, {
		name: "posted and unposted: nothing",
		build: func(b *book) {
			b.post(1, day(3, 1), Customer, k1, true, 100000, "sales_invoice/2025/1", 1, 0)
			b.post(2, day(3, 2), Customer, k1, true, -100000, "sales_invoice/2025/1", 1, 0)
		},
		want: "",
	}, {
		// A payment under another contract does not pay the invoice.
		name: "contracts settle apart",
		build: func(b *book) {
			b.post(1, day(4, 1), Customer, k1, true, 700, "sales_invoice/2025/1", 1, 0)
			b.post(2, day(4, 2), Customer, k2, false, 700, "payment_in/2025/1", 2, 1)
		},
		want: "sales_invoice/2025/1 k201 2025-04-01 Dt 700/700\npayment_in/2025/1 k202 2025-04-02 Kt 700/700\n",
		bal:  Balance{Receivable: 700, AdvancesReceived: 700},
	}, {
		// The supplier's invoice of 800 (Kt 60), our payment order of 1 000
		// created from it: 200 paid in advance. The same counterparty's
		// customer side stays apart.
		name: "supplier: overpaid",
		build: func(b *book) {
			b.post(1, day(3, 1), Supplier, k1, false, 800, "supplier_invoice/2025/1", 1, 0)
			b.post(2, day(3, 2), Supplier, k1, true, 1000, "payment_out/2025/1", 2, 1)
			b.post(3, day(3, 3), Customer, k1, true, 50, "sales_invoice/2025/1", 3, 0)
		},
		want: "sales_invoice/2025/1 k201 2025-03-03 Dt 50/50\nsupplier_invoice/2025/1 k201 2025-03-01 Kt 800/0\npayment_out/2025/1 k201 2025-03-02 Dt 1000/200\n",
		bal:  Balance{Receivable: 50, AdvancesPaid: 200},
	}, {
		// An entry typed by hand and its reversal (Reverses) net to nothing;
		// another one stays open on 76 as a payable.
		name: "entries without a document",
		build: func(b *book) {
			b.post(10, day(5, 1), Other, 0, true, 50, "", 0, 0)
			b.post(11, day(5, 2), Other, 0, false, 50, "", 0, 0)
			b.ms[len(b.ms)-1].Reverses = 10
			b.post(12, day(5, 3), Other, 0, false, 70, "", 0, 0)
		},
		want: "entry/12 k0 2025-05-03 Kt 70/70\n",
		bal:  Balance{Payable: 70},
	}, {
		// Two payments created from one invoice of 900: 500 and 600; the
		// second pays the 400 left and 200 remains an advance.
		name: "two payments of one invoice",
		build: func(b *book) {
			b.post(1, day(6, 1), Customer, k1, true, 900, "sales_invoice/2025/1", 1, 0)
			b.post(2, day(6, 2), Customer, k1, false, 500, "payment_in/2025/1", 2, 1)
			b.post(3, day(6, 3), Customer, k1, false, 600, "payment_in/2025/2", 3, 1)
		},
		want: "sales_invoice/2025/1 k201 2025-06-01 Dt 900/0\npayment_in/2025/1 k201 2025-06-02 Kt 500/0\npayment_in/2025/2 k201 2025-06-03 Kt 600/200\n",
		bal:  Balance{AdvancesReceived: 200},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b book
			tt.build(&b)
			r, err := Settle(b.ms)
			if err != nil {
				t.Fatal(err)
			}
			if got := summary(r); got != tt.want {
				t.Errorf("items:\n%s\nwant:\n%s", got, tt.want)
			}
			bal, err := r.Balances()
			if err != nil {
				t.Fatal(err)
			}
			if bal[cust] != tt.bal {
				t.Errorf("balance %+v, want %+v", bal[cust], tt.bal)
			}
		})
	}
}

func TestSettleMatches(t *testing.T) {
	var b book
	b.post(1, day(1, 1), Customer, k1, true, 100, "sales_invoice/2025/1", 1, 0)
	b.post(2, day(1, 5), Customer, k1, true, 200, "sales_invoice/2025/2", 2, 0)
	b.post(3, day(1, 20), Customer, k1, false, 250, "payment_in/2025/1", 3, 2)
	r, err := Settle(b.ms)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range r.Matches {
		got = append(got, fmt.Sprintf("%s←%s %d", r.Items[m.Debit].Ref, r.Items[m.Credit].Ref, m.Amount))
	}
	want := "sales_invoice/2025/2←payment_in/2025/1 200, sales_invoice/2025/1←payment_in/2025/1 50"
	if s := strings.Join(got, ", "); s != want {
		t.Errorf("matches %s, want %s", s, want)
	}
	if open := r.Open(); len(open) != 1 || open[0].Ref != "sales_invoice/2025/1" || open[0].Open != 50 || open[0].Kind() != Receivable {
		t.Errorf("open %+v", open)
	}
}

func TestSettleRefusesBadMovements(t *testing.T) {
	for name, m := range map[string]Movement{
		"no counterparty": {Role: Customer, Amount: 1, Seq: 1, Line: 2},
		"no role":         {Counterparty: 1, Amount: 1, Seq: 1, Line: 2},
	} {
		if _, err := Settle([]Movement{m}); ledger.ErrorCode(err) != ledger.EInvalid || !strings.Contains(err.Error(), "entry 1 line 2") {
			t.Errorf("%s: %v", name, err)
		}
	}
	big := []Movement{
		{Counterparty: 1, Role: Customer, Debit: true, Amount: money.MaxAmount, Seq: 1},
		{Counterparty: 1, Role: Customer, Debit: true, Amount: 1, Seq: 1},
	}
	if _, err := Settle(big); ledger.ErrorCode(err) != ledger.EInvalid {
		t.Errorf("overflow: %v", err)
	}
	if _, err := Reconcile(big, ledger.NoDate, ledger.NoDate); ledger.ErrorCode(err) != ledger.EInvalid {
		t.Errorf("act overflow: %v", err)
	}
}

func TestKindOf(t *testing.T) {
	for _, c := range []struct {
		r     Role
		debit bool
		want  Kind
	}{{Customer, true, Receivable}, {Customer, false, AdvanceReceived}, {Supplier, false, Payable},
		{Supplier, true, AdvancePaid}, {Other, true, Receivable}, {Other, false, Payable}} {
		if got := KindOf(c.r, c.debit); got != c.want {
			t.Errorf("KindOf(%d, %v) = %s, want %s", c.r, c.debit, got, c.want)
		}
	}
}

// TestReconcileHandWorked: before the period an invoice of 1 000.00 and a
// payment of 400.00 (opening 600.00 owed to us); in February a sale of
// 300.00, a purchase of 2 000.00 from the same counterparty, a payment of
// 600.00 received, and an invoice posted and unposted within the month (no
// line); in March (after the period) a payment. Closing: 600 + 300 − 2 000
// − 600 = −1 700.00, in the counterparty's favour.
func TestReconcileHandWorked(t *testing.T) {
	var b book
	b.post(1, day(1, 10), Customer, k1, true, 100000, "sales_invoice/2025/1", 1, 0)
	b.post(2, day(1, 20), Customer, k1, false, 40000, "payment_in/2025/1", 2, 1)
	b.post(3, day(2, 3), Customer, k2, true, 30000, "sales_invoice/2025/2", 3, 0)
	b.post(4, day(2, 4), Supplier, k1, false, 200000, "supplier_invoice/2025/1", 4, 0)
	b.post(5, day(2, 5), Customer, k1, false, 60000, "payment_in/2025/2", 5, 1)
	b.post(6, day(2, 6), Customer, k1, true, 5000, "sales_invoice/2025/3", 6, 0)
	b.post(7, day(2, 7), Customer, k1, true, -5000, "sales_invoice/2025/3", 6, 0)
	b.post(8, day(3, 1), Customer, k1, false, 30000, "payment_in/2025/3", 7, 0)
	act, err := Reconcile(b.ms, day(2, 1), day(2, 28))
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range act.Lines {
		lines = append(lines, fmt.Sprintf("%s %s %d %d", l.Date, l.Ref, l.Debit, l.Credit))
	}
	want := "2025-02-03 sales_invoice/2025/2 30000 0|2025-02-04 supplier_invoice/2025/1 0 200000|2025-02-05 payment_in/2025/2 0 60000"
	if got := strings.Join(lines, "|"); got != want {
		t.Errorf("lines %s\nwant  %s", got, want)
	}
	if act.Opening != 60000 || act.Debit != 30000 || act.Credit != 260000 || act.Closing != -170000 {
		t.Errorf("opening %d debit %d credit %d closing %d", act.Opening, act.Debit, act.Credit, act.Closing)
	}
	if InFavourOf(act.Closing) != FavourCounterparty || InFavourOf(act.Opening) != FavourUs || InFavourOf(0) != FavourNobody {
		t.Error("InFavourOf")
	}
	// A storno in the period of a document posted before it: a negative line;
	// the opening is 600 + 300 − 2 000 − 600 + 50 = −1 650.00.
	act, err = Reconcile(b.ms, day(2, 7), day(2, 7))
	if err != nil {
		t.Fatal(err)
	}
	if len(act.Lines) != 1 || act.Lines[0].Debit != -5000 || act.Opening != -165000 || act.Closing != -170000 {
		t.Errorf("storno act %+v", act)
	}
	b.ms = append(b.ms, Movement{Counterparty: other, Role: Customer, Seq: 9, Amount: 1})
	if _, err := Reconcile(b.ms, ledger.NoDate, ledger.NoDate); ledger.ErrorCode(err) != ledger.EInvalid {
		t.Errorf("two counterparties: %v", err)
	}
}
