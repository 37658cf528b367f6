package statement

import (
	"strings"
	"testing"

	"hasap/money"
	"hasap/report/sheet"
)

// periodFacts are the facts of a period: the balances before it (from
// before), at its end, its turnover and correspondence (from during).
func periodFacts(before, during []posting) *Facts {
	f := books(append(append([]posting{}, before...), during...))
	f.Opening = books(before).Closing
	p := books(during)
	f.Turnover, f.Corr = p.Turnover, p.Corr
	return f
}

// The changes in equity of a small cis ledger worked by hand (manat):
//
//	before the year   Dt 75    Kt 80     100 000  charter capital declared
//	                  Dt 51    Kt 75     100 000  and paid
//	in the year       Dt 75    Kt 83      20 000  additional capital contributed
//	                  Dt 51    Kt 75      20 000
//	                  Dt 62    Kt 90.01   50 000  revenue
//	                  Dt 90.02 Kt 41      30 000  cost of sales
//	                  Dt 90.09 Kt 99      20 000  result of sales (inside 3350: nothing)
//	                  Dt 99    Kt 68.04    1 600  profit tax
//	                  Dt 99    Kt 84      18 400  the year closed (inside 3350: nothing)
//	                  Dt 84    Kt 75       5 000  dividends to the founders
//	                  Dt 84    Kt 70       2 000  dividends to employees who are shareholders
//	                  Dt 84    Kt 82       1 000  reserve capital from profit
//
// opening  profit  owners  dividends  other  closing
// 3310 charter capital     100 000       0       0          0      0  100 000
// 3330 additional capital        0       0  20 000          0      0   20 000
// 3340 reserve capital           0       0       0          0  1 000    1 000
// 3350 retained earnings         0  18 400       0     −7 000 −1 000   10 400
// 3300 total               100 000  18 400  20 000     −7 000      0  131 400
// (profit 50 000 − 30 000 − 1 600 = 18 400).
func TestEquityMovementsWorked(t *testing.T) {
	eq, err := Builtin("cis", Equity)
	if err != nil {
		t.Fatal(err)
	}
	before := []posting{{"75", "80", 100_000_00}, {"51", "75", 100_000_00}}
	during := []posting{
		{"75", "83", 20_000_00}, {"51", "75", 20_000_00}, {"62", "90.01", 50_000_00}, {"90.02", "41", 30_000_00},
		{"90.09", "99", 20_000_00}, {"99", "68.04", 1_600_00}, {"99", "84", 18_400_00},
		{"84", "75", 5_000_00}, {"84", "70", 2_000_00}, {"84", "82", 1_000_00},
	}
	r, err := Evaluate(eq, periodFacts(before, during))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][6]money.Amount{ // opening, profit, owners, dividends, other, closing
		"3310": {100_000_00, 0, 0, 0, 0, 100_000_00},
		"3330": {0, 0, 20_000_00, 0, 0, 20_000_00},
		"3340": {0, 0, 0, 0, 1_000_00, 1_000_00},
		"3350": {0, 18_400_00, 0, -7_000_00, -1_000_00, 10_400_00},
		"3300": {100_000_00, 18_400_00, 20_000_00, -7_000_00, 0, 131_400_00},
	}
	for i, l := range eq.Lines {
		w, ok := want[l.Code]
		if !ok {
			continue
		}
		v := r.Values[i]
		got := [6]money.Amount{v.Open}
		copy(got[1:5], v.Moves)
		got[5] = v.Amount
		if len(v.Moves) != 4 || got != w {
			t.Errorf("line %s: %v (moves %v), want %v", l.Code, got, v.Moves, w)
		}
	}
	// The sheet: the movement lines are columns, not rows.
	rep := &Report{Kind: Equity, Currency: money.Currency{Code: "TMT", Exponent: 2}, Period: Months(2026, 1, 12), Current: r}
	sh, refs := rep.Sheet("en")
	if err := sh.Check(); err != nil {
		t.Fatal(err)
	}
	var heads []string
	for _, c := range sh.Columns[2:] {
		heads = append(heads, c.Title)
	}
	if got := strings.Join(heads, "|"); got != "Opening balance|Profit or loss for the period|Contributions by owners|Dividends and distributions|Other changes|Closing balance" {
		t.Errorf("columns %s", got)
	}
	for i, row := range sh.Rows {
		if row.Cells[0].Text == "PL" || refs[i].Line == "OWN" {
			t.Errorf("a movement line is a row: %v", row.Cells[:2])
		}
		if row.Cells[0].Text == "3350" {
			var got []string
			for j, c := range row.Cells[2:] {
				got = append(got, sheet.Format(c, sh.Columns[j+2], money.English))
			}
			if s := strings.Join(got, "|"); s != "0.00|18,400.00|0.00|-7,000.00|-1,000.00|10,400.00" {
				t.Errorf("row 3350: %s", s)
			}
		}
	}
	// A template of before the movements still reads, and shows the
	// increase and the decrease, account by account: 84 +10 400 and
	// 90.01 +50 000 up, 90.02 −30 000 and 90.09 −20 000 down.
	old, err := Parse(Equity, []byte(hdr+"3310,0,-N:80,a,b,Capital\n3350,0,-N:84 -N:99 -N:90,a,b,Retained\n3300,0,L:3310 L:3350,a,b,Total\n"))
	if err != nil {
		t.Fatal(err)
	}
	ro, err := Evaluate(old, periodFacts(before, during))
	if err != nil {
		t.Fatal(err)
	}
	if v := ro.Values[1]; v.Moves != nil || v.Open != 0 || v.Increase != 60_400_00 || v.Decrease != 50_000_00 || v.Amount != 10_400_00 {
		t.Errorf("old template, 3350: %+v", v)
	}
	sh, _ = (&Report{Kind: Equity, Currency: rep.Currency, Period: rep.Period, Current: ro}).Sheet("en")
	if sh.Columns[3].Title != "Increase" || len(sh.Columns) != 6 {
		t.Errorf("old template's columns: %+v", sh.Columns)
	}
}
