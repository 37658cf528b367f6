package report

import (
	"reflect"
	"testing"

	"hasap/ledger"
	"hasap/money"
	"hasap/report/sheet"
)

func ct(dt, kt ledger.AccountCode, a money.Amount) ledger.CorrTurnover {
	return ledger.CorrTurnover{Debit: dt, Credit: kt, Amount: a}
}

// corrPeriod is the hand-worked period of the correspondence tests, on
// exampleChart (60 is a group of 60.01 and 60.02; 62.01 and 90.01 are
// top-level there). Minor units.
//
//	Dt 62.01 Kt 90.01   1150  sale
//	Dt 62.01 Kt 90.01   −150  red storno of part of it
//	Dt 51    Kt 62.01   1000  customer pays
//	Dt 60.01 Kt 51       100  we pay a supplier         (January)
//	Dt 60.02 Kt 51        50  advance to a supplier     (February)
//	Dt 60.01 Kt 60.02     50  the advance offset        (February)
//	Dt 50    Kt 51       200  cash drawn
//	Dt 001              5000  single-sided, off-balance: no correspondent
var corrPeriod = []ledger.CorrTurnover{
	ct("001", "", 5000), ct("50", "51", 200), ct("51", "62.01", 1000), ct("60.01", "51", 100),
	ct("60.01", "60.02", 50), ct("60.02", "51", 50), ct("62.01", "90.01", 1000),
}

// TestChessboardByHand: at the synthetic level 60.01 and 60.02 are 60.
//
//	Dt \ Kt   51    60   62.01  90.01 | total
//	50       200                      |   200
//	51                1000            |  1000
//	60       150    50                |   200   (100 + 50 to 51; 50 60.01×60.02)
//	62.01                       1000  |  1000   (1150 − 150)
//	total    350    50  1000    1000  |  2400
func TestChessboardByHand(t *testing.T) {
	ch := exampleChart()
	c, err := BuildChessboard(ch, tmt, ledger.NoDate, ledger.NoDate, Synthetic, corrPeriod)
	if err != nil {
		t.Fatal(err)
	}
	want := map[[2]ledger.AccountCode]money.Amount{
		{"50", "51"}: 200, {"51", "62.01"}: 1000, {"60", "51"}: 150, {"60", "60"}: 50, {"62.01", "90.01"}: 1000}
	if !reflect.DeepEqual(c.Cells, want) {
		t.Errorf("cells %v, want %v", c.Cells, want)
	}
	if got, want := c.Debits, []ledger.AccountCode{"50", "51", "60", "62.01"}; !reflect.DeepEqual(got, want) {
		t.Errorf("rows %v, want %v", got, want)
	}
	if got, want := c.Credits, []ledger.AccountCode{"51", "60", "62.01", "90.01"}; !reflect.DeepEqual(got, want) {
		t.Errorf("columns %v, want %v", got, want)
	}
	wantRows := map[ledger.AccountCode]money.Amount{"50": 200, "51": 1000, "60": 200, "62.01": 1000}
	wantCols := map[ledger.AccountCode]money.Amount{"51": 350, "60": 50, "62.01": 1000, "90.01": 1000}
	if !reflect.DeepEqual(c.RowTotals, wantRows) || !reflect.DeepEqual(c.ColTotals, wantCols) || c.Total != 2400 {
		t.Errorf("totals: rows %v, columns %v, all %d", c.RowTotals, c.ColTotals, c.Total)
	}

	// by sub-accounts: 60.01 pays 51 100 and takes 60.02's 50; 60.02 pays 51 50
	c, err = BuildChessboard(ch, tmt, ledger.NoDate, ledger.NoDate, SubAccount, corrPeriod)
	if err != nil {
		t.Fatal(err)
	}
	if c.Cell("60.01", "51") != 100 || c.Cell("60.01", "60.02") != 50 || c.Cell("60.02", "51") != 50 || c.RowTotals["60.01"] != 150 || c.ColTotals["60.02"] != 50 {
		t.Errorf("sub-accounts: cells %v", c.Cells)
	}
	sh := c.Sheet("ru", "Acme")
	if err := sh.Check(); err != nil {
		t.Fatal(err)
	}
	// the row label, 5 columns (51, 60.02, 62.01, 90.01) and the total
	if len(sh.Columns) != 6 || len(sh.Rows) != 6 || !sh.Landscape || sh.Rows[5].Style != sheet.Total || sh.Rows[5].Cells[5].N != 2400 {
		t.Errorf("sheet: %d columns, %d rows, %+v", len(sh.Columns), len(sh.Rows), sh.Rows[len(sh.Rows)-1])
	}
}

// TestAccountAnalysisByHand analyses 60 over January and February.
//
// Opening (exampleOpening): 60.01 Dt 700 Kt 1000, 60.02 Dt 100 → 700 − 1000 + 100 = −200: Kt 200.
//
//	January:  Dt 60.01 Kt 51 100           → 51 Dt 100; closing −200 + 100 = −100: Kt 100
//	February: Dt 60.02 Kt 51 50            → 51 Dt 50
//	          Dt 60.01 Kt 60.02 50         → 60 Dt 50 and 60 Kt 50 (both sides are under 60)
//	          closing −100 + 100 − 50 = −50: Kt 50
//	period:   51 Dt 150; 60 Dt 50 Kt 50; turnover Dt 200 Kt 50; closing Kt 50
func TestAccountAnalysisByHand(t *testing.T) {
	ch := exampleChart()
	opening := []ledger.AccountTurnover{turn("60.01", "", 700, 1000), turn("60.02", "", 100, 0), turn("51", "", 1500, 800)}
	jan := AnalysisSpan{ledger.DateOf(2025, 1, 1), ledger.DateOf(2025, 1, 31), []ledger.CorrTurnover{ct("50", "51", 200), ct("60.01", "51", 100)}}
	feb := AnalysisSpan{ledger.DateOf(2025, 2, 1), ledger.DateOf(2025, 2, 28), []ledger.CorrTurnover{ct("60.02", "51", 50), ct("60.01", "60.02", 50)}}
	an, err := BuildAccountAnalysis(ch, tmt, "60", Synthetic, opening, []AnalysisSpan{jan, feb})
	if err != nil {
		t.Fatal(err)
	}
	line := func(code ledger.AccountCode, dt, kt money.Amount) CorrLine {
		l := CorrLine{Account: code, Debit: dt, Credit: kt}
		if a := ch[code]; a != nil {
			l.Name = a.Names
		}
		return l
	}
	if len(an.Months) != 2 {
		t.Fatalf("%d months", len(an.Months))
	}
	m1, m2 := an.Months[0], an.Months[1]
	if m1.OpeningCredit != 200 || m1.Debit != 100 || m1.ClosingCredit != 100 || !reflect.DeepEqual(m1.Lines, []CorrLine{line("51", 100, 0)}) {
		t.Errorf("January: %+v", m1)
	}
	if m2.OpeningCredit != 100 || m2.Debit != 100 || m2.Credit != 50 || m2.ClosingCredit != 50 ||
		!reflect.DeepEqual(m2.Lines, []CorrLine{line("51", 50, 0), line("60", 50, 50)}) {
		t.Errorf("February: %+v", m2)
	}
	p := an.AnalysisPart
	if p.OpeningCredit != 200 || p.OpeningDebit != 0 || p.Debit != 200 || p.Credit != 50 || p.ClosingCredit != 50 || p.ClosingDebit != 0 ||
		!reflect.DeepEqual(p.Lines, []CorrLine{line("51", 150, 0), line("60", 50, 50)}) || p.From != jan.From || p.To != feb.To {
		t.Errorf("period: %+v", p)
	}

	// one span, correspondents by sub-account: 60.01 and 60.02 apart
	an, err = BuildAccountAnalysis(ch, tmt, "60", SubAccount, opening, []AnalysisSpan{{jan.From, feb.To, append(jan.Turnover, feb.Turnover...)}})
	if err != nil {
		t.Fatal(err)
	}
	if want := []CorrLine{line("51", 150, 0), line("60.01", 0, 50), line("60.02", 50, 0)}; an.Months != nil || !reflect.DeepEqual(an.Lines, want) {
		t.Errorf("by sub-account: %+v, want lines %+v", an, want)
	}
	sh := an.Sheet("tk", "Acme")
	if err := sh.Check(); err != nil {
		t.Fatal(err)
	}
	// opening, 3 lines, turnover, closing
	if len(sh.Rows) != 6 || sh.Rows[4].Cells[2].N != 200 || sh.Rows[5].Cells[3].N != 50 {
		t.Errorf("sheet rows %+v", sh.Rows)
	}
}

// TestCorrAgreesWithTrialBalance: on random charts and postings (red
// stornos, off-balance single-sided amounts, parents missing from the
// chart), every chessboard row total is its account's debit turnover in the
// trial balance and every column total its credit turnover, at both
// levels; and the analysis of each synthetic account has the trial
// balance's turnover and closing balance.
func TestCorrAgreesWithTrialBalance(t *testing.T) {
	r := newRand(t)
	for trial := 0; trial < 300; trial++ {
		ch, balance, offBalance := randomChart(r)
		var corr []ledger.CorrTurnover
		var period, opening []ledger.AccountTurnover
		post := func(list *[]ledger.AccountTurnover, dt, kt ledger.AccountCode, a money.Amount) {
			if dt != "" {
				*list = append(*list, turn(dt, "", a, 0))
			}
			if kt != "" {
				*list = append(*list, turn(kt, "", 0, a))
			}
		}
		for n := r.IntN(5); n > 0; n-- {
			dt, kt := balance[r.IntN(len(balance))], balance[r.IntN(len(balance))]
			post(&opening, dt, kt, money.Amount(r.IntN(50_000)))
		}
		for n := r.IntN(40); n > 0; n-- {
			dt, kt := balance[r.IntN(len(balance))], balance[r.IntN(len(balance))]
			a := money.Amount(r.IntN(100_000) - 10_000) // a few red stornos
			if r.IntN(8) == 0 && len(offBalance) > 0 {
				if r.IntN(2) == 0 {
					dt, kt = offBalance[r.IntN(len(offBalance))], ""
				} else {
					dt, kt = "", offBalance[r.IntN(len(offBalance))]
				}
			}
			corr = append(corr, ct(dt, kt, a))
			post(&period, dt, kt, a)
		}
		tb, err := BuildTrialBalance(ch, tmt, ledger.NoDate, ledger.NoDate, opening, period)
		if err != nil {
			t.Fatal(err)
		}
		tbRows := map[ledger.AccountCode]TBRow{}
		for _, row := range tb.Rows {
			tbRows[row.Account] = row
		}
		for _, level := range []Level{Synthetic, SubAccount} {
			c, err := BuildChessboard(ch, tmt, ledger.NoDate, ledger.NoDate, level, corr)
			if err != nil {
				t.Fatal(err)
			}
			accounts := map[ledger.AccountCode]bool{}
			for _, code := range balance {
				accounts[level.At(ch, code)] = true
			}
			for code := range accounts {
				row := tbRows[code]
				if c.RowTotals[code] != row.Debit || c.ColTotals[code] != row.Credit {
					t.Fatalf("trial %d, level %s, account %s: chessboard Dt %d Kt %d, trial balance Dt %d Kt %d\ncorr %v",
						trial, level, code, c.RowTotals[code], c.ColTotals[code], row.Debit, row.Credit, corr)
				}
			}
			for _, code := range append(append([]ledger.AccountCode{}, c.Debits...), c.Credits...) {
				if !accounts[code] {
					t.Fatalf("trial %d: chessboard has %s, which is no balance-sheet account at level %s", trial, code, level)
				}
			}
			if c.Total != tb.Total.Debit || c.Total != tb.Total.Credit {
				t.Fatalf("trial %d: chessboard total %d, trial balance %d/%d", trial, c.Total, tb.Total.Debit, tb.Total.Credit)
			}
		}
		for _, row := range tb.Rows {
			if row.Depth != 0 || row.OffBalance {
				continue
			}
			an, err := BuildAccountAnalysis(ch, tmt, row.Account, SubAccount, opening, []AnalysisSpan{{ledger.NoDate, ledger.NoDate, corr}})
			if err != nil {
				t.Fatal(err)
			}
			net := row.ClosingDebit - row.ClosingCredit
			if an.Debit != row.Debit || an.Credit != row.Credit || an.ClosingDebit-an.ClosingCredit != net {
				t.Fatalf("trial %d: analysis of %s: Dt %d Kt %d closing %d; trial balance Dt %d Kt %d closing %d",
					trial, row.Account, an.Debit, an.Credit, an.ClosingDebit-an.ClosingCredit, row.Debit, row.Credit, net)
			}
		}
	}
}
