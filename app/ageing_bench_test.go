package app_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"hasap/app"
	"hasap/internal/apptest"
	"hasap/ledger"
)

// ageingJournal writes a year of a trading company's settlements with n
// customers and n/5 suppliers: each customer is sold to twice a month
// (62.01 / 90.01) and pays once a month a bit less than it bought
// (51 / 62.01), so each keeps open items of several ages; each supplier
// sends an invoice a month (41 / 60.01) and is paid most of it. It is
// 36·n + 24·n/5 transactions, about 41 per customer.
func ageingJournal(n int) string {
	var b strings.Builder
	b.Grow(n * 41 * 120)
	for m := 1; m <= 12; m++ {
		for c := range n {
			cp := fmt.Sprintf("C%05d", c)
			for _, day := range []int{3, 17} {
				fmt.Fprintf(&b, "2025-%02d-%02d Sale %s\n    62.01  %d.00 TMT ; counterparty: %s, contract: K%s\n    90.01\n\n",
					m, day+c%10, cp, 1000+c%700, cp, cp)
			}
			fmt.Fprintf(&b, "2025-%02d-%02d Payment %s\n    51  %d.00 TMT ; cashflow: CF01\n    62.01  ; counterparty: %s, contract: K%s\n\n",
				m, 25, cp, 1500+c%500, cp, cp)
		}
		for s := range n / 5 {
			sp := fmt.Sprintf("S%05d", s)
			fmt.Fprintf(&b, "2025-%02d-%02d Invoice %s\n    44  %d.00 TMT\n    60.01  ; counterparty: %s, contract: L%s\n\n",
				m, 5+s%20, sp, 2000+s%900, sp, sp)
			fmt.Fprintf(&b, "2025-%02d-28 Payment %s\n    60.01  %d.00 TMT ; counterparty: %s, contract: L%s\n    51  ; cashflow: CF01\n\n",
				m, sp, 1500+s%900, sp, sp)
		}
	}
	return b.String()
}

// BenchmarkAgeing times app.Ageing of the customers as of the year's end on
// books of HASAP_AGEING_CUSTOMERS customers (default 5 000; ~180 000
// entries, ~30 s to import once on SQLite):
//
//	go test ./app -run '^$' -bench BenchmarkAgeing -benchtime 5x
func BenchmarkAgeing(b *testing.B) {
	n := 5000
	if v := os.Getenv("HASAP_AGEING_CUSTOMERS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n <= 0 {
			b.Fatalf("HASAP_AGEING_CUSTOMERS=%q", v)
		}
	}
	a := apptest.New(b)
	ctx := context.Background()
	if _, err := a.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: "age", Name: "age", Chart: "cis"}); err != nil {
		b.Fatal(err)
	}
	st, err := a.ImportLedger(ctx, app.System, "age", strings.NewReader(ageingJournal(n)), app.ImportOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%d customers, %d entries", n, st.Entries)
	for _, side := range []app.AgeingSide{app.AgeCustomers, app.AgeSuppliers} {
		b.Run(string(side), func(b *testing.B) {
			for b.Loop() {
				rep, err := a.Ageing(ctx, app.System, "age", ledger.DateOf(2025, 12, 31), side)
				if err != nil {
					b.Fatal(err)
				}
				if len(rep.Rows) == 0 {
					b.Fatal("no rows")
				}
			}
		})
	}
}
