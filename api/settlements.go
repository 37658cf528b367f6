package api

import (
	"net/http"
	"strconv"

	"hasap/app"
	"hasap/ledger"
	"hasap/money"
	"hasap/report/sheet"
	"hasap/settle"
)

// Counterparty settlements (issue 4): a counterparty's open items and its
// reconciliation act. Balances are debit balances of the settlement
// accounts (62, 60, 76): positive, the counterparty owes the organisation;
// negative, the organisation owes it.

// CounterpartyRef names a counterparty or a contract: its id, code and
// name in the caller's language.
type CounterpartyRef struct {
	ID   ledger.AnalyticID `json:"id"`
	Code string            `json:"code"`
	Name string            `json:"name"`
}

// DocumentRef names the document an item or a line came from.
type DocumentRef struct {
	ID     int64  `json:"id"`
	Type   string `json:"type"`
	Number int64  `json:"number"`
	Date   string `json:"date"`
	Ref    string `json:"ref"`
}

// SettlementBalance is where settlements stand, by kind.
type SettlementBalance struct {
	Receivable       string `json:"receivable"`
	Payable          string `json:"payable"`
	AdvancesReceived string `json:"advances_received"`
	AdvancesPaid     string `json:"advances_paid"`
	Net              string `json:"net"`
}

// OpenItem is an item not settled in full.
type OpenItem struct {
	Kind        string           `json:"kind"`
	Date        string           `json:"date"`
	Account     string           `json:"account"`
	Contract    *CounterpartyRef `json:"contract,omitempty"`
	Document    *DocumentRef     `json:"document,omitempty"`
	Description string           `json:"description"`
	Amount      string           `json:"amount"`
	Open        string           `json:"open"`
}

// OpenItems is a counterparty's open items.
type OpenItems struct {
	Counterparty CounterpartyRef   `json:"counterparty"`
	Contract     *CounterpartyRef  `json:"contract,omitempty"`
	Currency     string            `json:"currency"`
	Balance      SettlementBalance `json:"balance"`
	Items        []OpenItem        `json:"items"`
}

// ReconciliationLine is one line of the act.
type ReconciliationLine struct {
	Date        string       `json:"date"`
	Document    *DocumentRef `json:"document,omitempty"`
	Description string       `json:"description"`
	Debit       string       `json:"debit"`
	Credit      string       `json:"credit"`
}

// Reconciliation is the reconciliation act of a period.
type Reconciliation struct {
	Counterparty CounterpartyRef      `json:"counterparty"`
	Contract     *CounterpartyRef     `json:"contract,omitempty"`
	Currency     string               `json:"currency"`
	From         string               `json:"from"`
	To           string               `json:"to"`
	Opening      string               `json:"opening"`
	Debit        string               `json:"debit"`
	Credit       string               `json:"credit"`
	Closing      string               `json:"closing"`
	InFavourOf   string               `json:"in_favour_of"`
	Lines        []ReconciliationLine `json:"lines"`
}

// settlementQuery reads the counterparty of the path and ?contract=.
func settlementQuery(r *http.Request) (cp, contract ledger.AnalyticID, err error) {
	p := r.PathValue("id")
	id, err := strconv.ParseInt(p, 10, 64)
	if err != nil || id <= 0 {
		return 0, 0, ledger.Errorf(ledger.ENotFound, "counterparty %s does not exist", p)
	}
	if c := r.URL.Query().Get("contract"); c != "" {
		n, err := strconv.ParseInt(c, 10, 64)
		if err != nil || n <= 0 {
			return 0, 0, ledger.Errorf(ledger.EInvalid, "contract: %q is not a contract's id", c)
		}
		contract = ledger.AnalyticID(n)
	}
	return ledger.AnalyticID(id), contract, nil
}

// openItems answers GET /orgs/{org}/counterparties/{id}/open-items.
func (s *server) openItems(w http.ResponseWriter, r *http.Request, q *request) error {
	cp, contract, err := settlementQuery(r)
	if err != nil {
		return err
	}
	org, err := s.app.Org(r.Context(), q.actor, r.PathValue("org"))
	if err != nil {
		return err
	}
	st, err := s.app.OpenItems(r.Context(), q.actor, org.Code, cp, contract)
	if err != nil {
		return err
	}
	exp := org.Currency.Exponent
	d := func(a money.Amount) string { return money.Decimal(a, exp) }
	out := OpenItems{Counterparty: cpRef(st.Counterparty, q.lang), Currency: org.Currency.Code, Items: []OpenItem{}}
	if c, ok := st.Contracts[contract]; ok {
		out.Contract = refOf(c, q.lang)
	}
	net, err := st.Balance.Net()
	if err != nil {
		return err
	}
	out.Balance = SettlementBalance{d(st.Balance.Receivable), d(st.Balance.Payable), d(st.Balance.AdvancesReceived), d(st.Balance.AdvancesPaid), d(net)}
	for _, it := range st.Open() {
		o := OpenItem{Kind: string(it.Kind()), Date: it.Date.String(), Account: string(it.Account), Description: it.Description,
			Amount: d(it.Amount), Open: d(it.Open), Document: docRef(st.Documents, it.DocID)}
		if c, ok := st.Contracts[it.Contract]; ok {
			o.Contract = refOf(c, q.lang)
		}
		out.Items = append(out.Items, o)
	}
	return writeReport(w, r, q, "open-items-"+st.Counterparty.Code, out, func() (*sheet.Sheet, error) {
		return app.OpenItemsSheet(st, org, contract, q.lang)
	})
}

// reconciliation answers GET /orgs/{org}/counterparties/{id}/reconciliation.
func (s *server) reconciliation(w http.ResponseWriter, r *http.Request, q *request) error {
	cp, contract, err := settlementQuery(r)
	if err != nil {
		return err
	}
	from, to, err := optPeriod(r.URL.Query())
	if err != nil {
		return err
	}
	org, err := s.app.Org(r.Context(), q.actor, r.PathValue("org"))
	if err != nil {
		return err
	}
	act, err := s.app.Reconciliation(r.Context(), q.actor, org.Code, cp, contract, from, to)
	if err != nil {
		return err
	}
	d := func(a money.Amount) string { return money.Decimal(a, org.Currency.Exponent) }
	out := Reconciliation{Counterparty: cpRef(act.Counterparty, q.lang), Currency: org.Currency.Code, From: act.From.String(), To: act.To.String(),
		Opening: d(act.Opening), Debit: d(act.Debit), Credit: d(act.Credit), Closing: d(act.Closing),
		InFavourOf: favourNames[settle.InFavourOf(act.Closing)], Lines: []ReconciliationLine{}}
	if act.Contract.ID != 0 {
		out.Contract = refOf(act.Contract, q.lang)
	}
	for _, l := range act.Lines {
		out.Lines = append(out.Lines, ReconciliationLine{Date: l.Date.String(), Document: docRef(act.Documents, l.DocID),
			Description: l.Description, Debit: d(l.Debit), Credit: d(l.Credit)})
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

var favourNames = map[settle.Favour]string{settle.FavourNobody: "nobody", settle.FavourUs: "organisation", settle.FavourCounterparty: "counterparty"}

func cpRef(a ledger.Analytic, lang string) CounterpartyRef {
	return CounterpartyRef{ID: a.ID, Code: a.Code, Name: a.Names.In(lang)}
}

func refOf(a ledger.Analytic, lang string) *CounterpartyRef {
	r := cpRef(a, lang)
	return &r
}

// docRef names document id of docs, nil when it is not one of them.
func docRef(docs map[int64]app.Document, id int64) *DocumentRef {
	x, ok := docs[id]
	if !ok {
		return nil
	}
	return &DocumentRef{ID: x.ID, Type: string(x.Type), Number: x.Number, Date: x.Date.String(), Ref: x.Ref()}
}
