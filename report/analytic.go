package report

import (
	"hasap/ledger"
)

// AnalyticAnalysis is the analysis by one analytic (a counterparty, an
// item, an employee, a project) across every account that keeps it: the
// trial balance of those accounts with the analytic's turnover only, each
// account expanded by its other analytics (62.01 by the counterparty's
// contracts, 41.01 by the warehouse's items). in.Keys are the analytic's
// keys (store.AnalyticFilter.Analytic), in.Expanded is ignored. The
// analytic's own level is left out: every row would repeat it. The total
// adds up the rows as they are; it balances only by chance.
func AnalyticAnalysis(in TBInput, id ledger.AnalyticID) (*TrialBalance, error) {
	seen := map[ledger.AccountCode]bool{}
	in.Expanded = nil
	for _, k := range in.Keys {
		if !seen[k.Account] {
			seen[k.Account] = true
			in.Expanded = append(in.Expanded, k.Account)
		}
	}
	in.Opening, in.Period = nil, nil
	tb, err := BuildTB(in)
	if err != nil {
		return nil, err
	}
	// Drop the analytic's own rows; the rows below one move up a level.
	out := tb.Rows[:0]
	cut := -1 // the depth of the dropped row whose subtree is being lifted
	for _, r := range tb.Rows {
		if cut >= 0 && r.Depth <= cut {
			cut = -1
		}
		if r.Level > 0 && !r.CurrencyRow && r.Analytics[r.Level-1] == id && cut < 0 {
			cut = r.Depth
			continue
		}
		if cut >= 0 {
			r.Depth--
		}
		out = append(out, r)
	}
	tb.Rows = out
	return tb, nil
}
