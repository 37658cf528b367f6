package api

import (
	"net/http"
	"slices"

	"hasap/app"
	"hasap/i18n"
	"hasap/interop/export"
	"hasap/ledger"
	"hasap/report"
	"hasap/report/sheet"
)

// trialBalance is the CIS trial balance for ?from= .. ?to= (either open),
// account names in the caller's language. ?detail=analytics expands the
// accounts named by ?account= (repeated; a group account expands the
// accounts below it), or every account that keeps analytics when none is
// named, by their analytics (see report.BuildTB). ?format=csv|xlsx|pdf (or
// the Accept header) returns it as a file.
func (s *server) trialBalance(w http.ResponseWriter, r *http.Request, q *request) error {
	org, err := s.app.Org(r.Context(), q.actor, r.PathValue("org"))
	if err != nil {
		return err
	}
	v := r.URL.Query()
	from, to, err := optPeriod(v)
	if err != nil {
		return err
	}
	tq := app.TrialBalanceQuery{From: from, To: to}
	switch d := v.Get("detail"); d {
	case "", "accounts":
	case "analytics":
		for _, c := range v["account"] {
			if c != "" && !slices.Contains(tq.Expand, ledger.AccountCode(c)) {
				tq.Expand = append(tq.Expand, ledger.AccountCode(c))
			}
		}
		tq.All = len(tq.Expand) == 0
	default:
		return ledger.Errorf(ledger.EInvalid, "unknown detail %q (accounts, analytics)", d)
	}
	tb, err := s.app.ExpandedTrialBalance(r.Context(), q.actor, org.Code, tq)
	if err != nil {
		return err
	}
	return writeReport(w, r, q, export.BaseName("trial-balance", from, to), TrialBalanceJSON(tb, q.lang), func() (*sheet.Sheet, error) {
		return report.TrialBalanceSheet(tb, report.Heading{Org: org.Name, Lang: q.lang}, i18n.T(q.lang, "Trial balance"))
	})
}

// GeneralLedger is the general ledger as JSON.
type GeneralLedger struct {
	From     string      `json:"from"`
	To       string      `json:"to"`
	Currency string      `json:"currency"`
	Accounts []GLAccount `json:"accounts"`
}

// GLAccount is one account of the general ledger: the period, then its
// months.
type GLAccount struct {
	Account string    `json:"account"`
	Name    string    `json:"name,omitempty"`
	Period  Amounts6  `json:"period"`
	Months  []GLMonth `json:"months"`
}

// GLMonth is one month (or the part of it in the period) of an account.
type GLMonth struct {
	From string `json:"from"`
	To   string `json:"to"`
	Amounts6
}

// GeneralLedgerJSON converts a general ledger for JSON, names in lang.
func GeneralLedgerJSON(gl *report.GeneralLedger, lang string) GeneralLedger {
	exp := gl.Currency.Exponent
	out := GeneralLedger{From: gl.From.String(), To: gl.To.String(), Currency: gl.Currency.Code, Accounts: []GLAccount{}}
	for _, a := range gl.Accounts {
		ga := GLAccount{Account: string(a.Account), Name: a.Name.In(lang), Period: amounts6(a.Period, exp), Months: []GLMonth{}}
		for _, m := range a.Months {
			ga.Months = append(ga.Months, GLMonth{From: m.From.String(), To: m.To.String(), Amounts6: amounts6(m.Amounts, exp)})
		}
		out.Accounts = append(out.Accounts, ga)
	}
	return out
}

// generalLedger is the general ledger of ?from= .. ?to= (both needed):
// per synthetic account, or ?account= alone (its analysis by months), per
// month the opening balance, the turnover and the closing balance.
func (s *server) generalLedger(w http.ResponseWriter, r *http.Request, q *request) error {
	org, err := s.app.Org(r.Context(), q.actor, r.PathValue("org"))
	if err != nil {
		return err
	}
	v := r.URL.Query()
	from, to, err := optPeriod(v)
	if err != nil {
		return err
	}
	gl, err := s.app.GeneralLedger(r.Context(), q.actor, org.Code, from, to, ledger.AccountCode(v.Get("account")))
	if err != nil {
		return err
	}
	return writeReport(w, r, q, export.BaseName("general-ledger", from, to), GeneralLedgerJSON(gl, q.lang), func() (*sheet.Sheet, error) {
		return report.GeneralLedgerSheet(gl, report.Heading{Org: org.Name, Lang: q.lang}, i18n.T(q.lang, "General ledger")), nil
	})
}

// AnalyticAnalysis is the analysis by analytic as JSON: the analytic, and
// the trial balance of the accounts that keep it.
type AnalyticAnalysis struct {
	Analytic Analytic `json:"analytic"`
	TrialBalance
}

// analyticAnalysis is one catalog entry (?catalog=KIND&code=CODE) across
// every account that keeps its catalog, for ?from= .. ?to=.
func (s *server) analyticAnalysis(w http.ResponseWriter, r *http.Request, q *request) error {
	org, err := s.app.Org(r.Context(), q.actor, r.PathValue("org"))
	if err != nil {
		return err
	}
	v := r.URL.Query()
	kind := ledger.AnalyticKind(v.Get("catalog"))
	if !kind.Valid() {
		return ledger.Errorf(ledger.EInvalid, "unknown analytics catalog %q", kind)
	}
	from, to, err := optPeriod(v)
	if err != nil {
		return err
	}
	an, err := s.app.AnalyticByCode(r.Context(), q.actor, org.Code, kind, v.Get("code"))
	if err != nil {
		return err
	}
	tb, an, err := s.app.AnalyticAnalysis(r.Context(), q.actor, org.Code, an.ID, from, to)
	if err != nil {
		return err
	}
	owners, err := s.app.AnalyticsByID(r.Context(), q.actor, org.Code, []ledger.AnalyticID{an.Owner})
	if err != nil {
		return err
	}
	out := AnalyticAnalysis{Analytic: analyticJSON(an, owners, q.lang), TrialBalance: TrialBalanceJSON(tb, q.lang)}
	return writeReport(w, r, q, export.BaseName("analytic-analysis-"+an.Code, from, to), out, func() (*sheet.Sheet, error) {
		sh, err := report.TrialBalanceSheet(tb, report.Heading{Org: org.Name, Lang: q.lang}, i18n.T(q.lang, "Analysis by analytic")+": "+an.Code+" "+an.Names.In(q.lang))
		if sh != nil {
			sh.Name = "analytic-analysis"
		}
		return sh, err
	})
}
