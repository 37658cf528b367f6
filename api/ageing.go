package api

import (
	"net/http"

	"hasap/app"
	"hasap/app/sheets"
	"hasap/ledger"
	"hasap/money"
	"hasap/settle"
)

// Registers of issue 5 over settlements: the receivables and payables
// ageing and every counterparty's balance. Amounts are decimal strings in
// the organisation's base currency.

// Ageing is an ageing as of a day: the buckets' titles, a row per
// counterparty with open items of the side, and the totals.
type Ageing struct {
	AsOf     string      `json:"as_of"`
	Side     string      `json:"side"` // receivable or payable
	Currency string      `json:"currency"`
	Buckets  []string    `json:"buckets"` // "0–30", "31–60", "61–90", "over 90" in the caller's language
	Rows     []AgeingRow `json:"rows"`
	Total    AgeingSums  `json:"total"`
}

// AgeingRow is one counterparty's ageing.
type AgeingRow struct {
	Counterparty CounterpartyRef `json:"counterparty"`
	AgeingSums
}

// AgeingSums are the open amounts by bucket (in the order of Buckets),
// their total and the advances (received from customers, paid to
// suppliers), which are apart.
type AgeingSums struct {
	Buckets  []string `json:"buckets"`
	Total    string   `json:"total"`
	Advances string   `json:"advances"`
}

// AgeingSides maps the side of the API and the command line to the app's.
var AgeingSides = map[string]app.AgeingSide{"receivable": app.AgeCustomers, "payable": app.AgeSuppliers}

// AgeingJSON is the answer of GET /orgs/{org}/ageing for rep.
func AgeingJSON(rep *app.AgeingReport, org ledger.Org, lang string) (Ageing, error) {
	out := Ageing{AsOf: rep.AsOf.String(), Side: "payable", Currency: org.Currency.Code, Rows: []AgeingRow{}}
	recv := rep.Side == app.AgeCustomers
	if recv {
		out.Side = "receivable"
	}
	for i := 0; i <= len(rep.Total.Limits); i++ {
		out.Buckets = append(out.Buckets, sheets.BucketTitle(rep.Total.Limits, i, lang))
	}
	sums := func(a settle.Ageing) (AgeingSums, error) {
		b, adv := a.Payable, a.AdvancesPaid
		if recv {
			b, adv = a.Receivable, a.AdvancesReceived
		}
		t, err := settle.Total(b)
		if err != nil {
			return AgeingSums{}, err
		}
		s := AgeingSums{Total: money.Decimal(t, org.Currency.Exponent), Advances: money.Decimal(adv, org.Currency.Exponent)}
		for _, v := range b {
			s.Buckets = append(s.Buckets, money.Decimal(v, org.Currency.Exponent))
		}
		return s, nil
	}
	for _, r := range rep.Rows {
		s, err := sums(r.Ageing)
		if err != nil {
			return Ageing{}, err
		}
		out.Rows = append(out.Rows, AgeingRow{Counterparty: cpRef(r.Counterparty, lang), AgeingSums: s})
	}
	var err error
	out.Total, err = sums(rep.Total)
	return out, err
}

// ageing answers GET /orgs/{org}/ageing?date=&side=receivable|payable[&buckets=30,60,90].
func (s *server) ageing(w http.ResponseWriter, r *http.Request, q *request) error {
	v := r.URL.Query()
	sideName := v.Get("side")
	if sideName == "" {
		sideName = "receivable"
	}
	side, ok := AgeingSides[sideName]
	if !ok {
		return ledger.Errorf(ledger.EInvalid, "the side of the ageing is receivable or payable, not %q", sideName)
	}
	on, err := optDate(v.Get("date"))
	if err != nil {
		return err
	}
	limits, err := settle.ParseLimits(v.Get("buckets"))
	if err != nil {
		return err
	}
	org, err := s.app.Org(r.Context(), q.actor, r.PathValue("org"))
	if err != nil {
		return err
	}
	rep, err := s.app.AgeingBuckets(r.Context(), q.actor, org.Code, on, side, limits)
	if err != nil {
		return err
	}
	out, err := AgeingJSON(rep, org, q.lang)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// CounterpartyBalanceJSON is one counterparty's balance on the settlement
// accounts.
type CounterpartyBalanceJSON struct {
	Counterparty CounterpartyRef   `json:"counterparty"`
	Balance      SettlementBalance `json:"balance"`
}

// CounterpartyBalances is every counterparty's balance and their total.
type CounterpartyBalances struct {
	Currency string                    `json:"currency"`
	Items    []CounterpartyBalanceJSON `json:"items"`
	Total    SettlementBalance         `json:"total"`
}

// CounterpartyBalancesJSON is the answer of GET /orgs/{org}/counterparty-balances.
func CounterpartyBalancesJSON(bs []app.CounterpartyBalance, org ledger.Org, lang string) (CounterpartyBalances, error) {
	exp := org.Currency.Exponent
	d := func(a money.Amount) string { return money.Decimal(a, exp) }
	bal := func(b settle.Balance) (SettlementBalance, error) {
		net, err := b.Net()
		return SettlementBalance{d(b.Receivable), d(b.Payable), d(b.AdvancesReceived), d(b.AdvancesPaid), d(net)}, err
	}
	out := CounterpartyBalances{Currency: org.Currency.Code, Items: []CounterpartyBalanceJSON{}}
	var total settle.Balance
	for _, b := range bs {
		sb, err := bal(b.Balance)
		if err != nil {
			return out, err
		}
		out.Items = append(out.Items, CounterpartyBalanceJSON{Counterparty: cpRef(b.Counterparty, lang), Balance: sb})
		for _, p := range [][2]*money.Amount{{&total.Receivable, &b.Receivable}, {&total.Payable, &b.Payable},
			{&total.AdvancesReceived, &b.AdvancesReceived}, {&total.AdvancesPaid, &b.AdvancesPaid}} {
			if *p[0], err = money.Add(*p[0], *p[1]); err != nil {
				return out, ledger.Errorf(ledger.EInvalid, "settlement amounts out of range")
			}
		}
	}
	var err error
	out.Total, err = bal(total)
	return out, err
}

// counterpartyBalances answers GET /orgs/{org}/counterparty-balances.
func (s *server) counterpartyBalances(w http.ResponseWriter, r *http.Request, q *request) error {
	org, err := s.app.Org(r.Context(), q.actor, r.PathValue("org"))
	if err != nil {
		return err
	}
	bs, err := s.app.CounterpartyBalances(r.Context(), q.actor, org.Code)
	if err != nil {
		return err
	}
	out, err := CounterpartyBalancesJSON(bs, org, q.lang)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}
