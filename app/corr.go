package app

import (
	"context"

	"hasap/ledger"
	"hasap/money"
	"hasap/report"
	"hasap/store"
)

// MaxAnalysisMonths bounds an account analysis by month.
const MaxAnalysisMonths = 60

// Chessboard returns the Dt × Kt turnover matrix of from..to (either may be
// ledger.NoDate) at a level, read from the correspondence totals.
func (a *App) Chessboard(ctx context.Context, actor Actor, orgCode string, from, to ledger.Date, level report.Level) (*report.Chessboard, error) {
	org, chart, err := a.orgChart(ctx, actor, orgCode)
	if err != nil {
		return nil, err
	}
	turn, err := a.Store.CorrTurnover(ctx, org.ID, from, to, store.CorrFilter{})
	if err != nil {
		return nil, err
	}
	return report.BuildChessboard(chart, org.Currency, from, to, level, turn)
}

// AnalysisQuery asks for the analysis of one account.
type AnalysisQuery struct {
	Account  ledger.AccountCode // a synthetic code takes its sub-accounts in
	From, To ledger.Date        // either may be ledger.NoDate, not with ByMonth
	Level    report.Level       // of the correspondents
	ByMonth  bool               // cut the period at month ends (at most MaxAnalysisMonths)
}

// AccountAnalysis returns the analysis of an account (анализ счёта): its
// opening balance, its turnover by corresponding account on each side and
// its closing balance, read from totals.
func (a *App) AccountAnalysis(ctx context.Context, actor Actor, orgCode string, q AnalysisQuery) (*report.AccountAnalysis, error) {
	org, chart, err := a.orgChart(ctx, actor, orgCode)
	if err != nil {
		return nil, err
	}
	if _, err := chart.Get(q.Account); err != nil {
		return nil, err
	}
	spans, err := analysisSpans(q)
	if err != nil {
		return nil, err
	}
	var opening []ledger.AccountTurnover
	if q.From != ledger.NoDate {
		if opening, err = a.Store.Turnover(ctx, org.ID, ledger.NoDate, q.From-1); err != nil {
			return nil, err
		}
	}
	for i := range spans {
		s := &spans[i]
		if s.Turnover, err = a.Store.CorrTurnover(ctx, org.ID, s.From, s.To, store.CorrFilter{Account: q.Account}); err != nil {
			return nil, err
		}
	}
	return report.BuildAccountAnalysis(chart, org.Currency, q.Account, q.Level, opening, spans)
}

// analysisSpans cuts the period at month ends when asked to.
func analysisSpans(q AnalysisQuery) ([]report.AnalysisSpan, error) {
	if !q.ByMonth {
		return []report.AnalysisSpan{{From: q.From, To: q.To}}, nil
	}
	if q.From == ledger.NoDate || q.To == ledger.NoDate || q.From > q.To {
		return nil, ledger.Errorf(ledger.EInvalid, "an analysis by month needs a period with a start and an end")
	}
	var spans []report.AnalysisSpan
	for d := q.From; d <= q.To; {
		y, m, _ := d.YMD()
		end := ledger.DateOf(y, m+1, 1) - 1
		if end > q.To {
			end = q.To
		}
		if len(spans) == MaxAnalysisMonths {
			return nil, ledger.Errorf(ledger.EInvalid, "an analysis by month of more than %d months", MaxAnalysisMonths)
		}
		spans = append(spans, report.AnalysisSpan{From: d, To: end})
		d = end + 1
	}
	return spans, nil
}

// corrCard fills the card of one correspondence: its turnover from the
// correspondence totals, its lines with the net turnover run through them.
func (a *App) corrCard(ctx context.Context, org ledger.OrgID, chart ledger.Chart, q CardQuery, c *Card) (*Card, error) {
	if _, err := chart.Get(q.Corr); err != nil {
		return nil, err
	}
	if q.Analytic != 0 {
		return nil, ledger.Errorf(ledger.EInvalid, "a card narrowed to a correspondent cannot be narrowed to an analytic too")
	}
	var err error
	if c.Debit, c.Credit, err = a.corrTurnover(ctx, org, q, q.From, q.To); err != nil {
		return nil, err
	}
	if c.Closing, err = money.Sub(c.Debit, c.Credit); err != nil {
		return nil, ledger.Errorf(ledger.EInvalid, "turnover out of range")
	}
	if c.StartingBalance, err = a.balanceAtCursor(ctx, org, q, 0); err != nil {
		return nil, err
	}
	if err := a.cardLines(ctx, org, q, c); err != nil {
		return nil, err
	}
	return c, nil
}

// corrTurnover is the turnover of q.Account against q.Corr (and the
// accounts below it) over from..to: debited to the account, credited.
func (a *App) corrTurnover(ctx context.Context, org ledger.OrgID, q CardQuery, from, to ledger.Date) (dt, kt money.Amount, err error) {
	chart, err := a.Store.Chart(ctx, org)
	if err != nil {
		return 0, 0, err
	}
	turn, err := a.Store.CorrTurnover(ctx, org, from, to, store.CorrFilter{Account: q.Account})
	if err != nil {
		return 0, 0, err
	}
	for _, t := range turn {
		var err1, err2 error
		if t.Debit == q.Account && t.Credit != "" && report.Under(chart, t.Credit, q.Corr) {
			dt, err1 = money.Add(dt, t.Amount)
		}
		if t.Credit == q.Account && t.Debit != "" && report.Under(chart, t.Debit, q.Corr) {
			kt, err2 = money.Add(kt, t.Amount)
		}
		if err1 != nil || err2 != nil {
			return 0, 0, ledger.Errorf(ledger.EInvalid, "turnover out of range")
		}
	}
	return dt, kt, nil
}
