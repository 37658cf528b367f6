package web

import (
	"net/http"
	"slices"
	"strconv"

	"hasap/app"
	"hasap/app/sheets"
	"hasap/doc"
	"hasap/i18n"
	"hasap/ledger"
	"hasap/money"
	"hasap/report/sheet"
	"hasap/settle"
)

// Counterparty settlements: GET /o/{org}/settlements lists the
// counterparties with their balances (receivable, payable, advances
// received and paid), a page of settlementsPage at a time;
// GET /o/{org}/settlements/{id} shows one counterparty's open items per
// contract, each a link to its document, and the form of its
// reconciliation act, which …/{id}/act/print prints (reconciliation_print.go).

// settlementsPage is how many counterparties the list shows at a time.
const settlementsPage = 100

type settlementsData struct {
	*page
	Rows  []app.CounterpartyBalance
	Total settle.Balance
	Next  string // the address of the next page, "" on the last
	Prev  string
}

func (s *server) settlements(w http.ResponseWriter, r *http.Request, q *request) {
	p := s.newPage(r, q, i18n.T(q.lang, "Settlements with counterparties"))
	p.Nav = "settlements"
	all, err := s.app.CounterpartyBalances(r.Context(), q.actor, q.org.Code)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	d := &settlementsData{page: p}
	for _, b := range all {
		for _, pair := range [][2]*money.Amount{{&d.Total.Receivable, &b.Receivable}, {&d.Total.Payable, &b.Payable},
			{&d.Total.AdvancesReceived, &b.AdvancesReceived}, {&d.Total.AdvancesPaid, &b.AdvancesPaid}} {
			if *pair[0], err = money.Add(*pair[0], *pair[1]); err != nil {
				s.fail(w, r, q, ledger.Errorf(ledger.EInvalid, "settlement amounts out of range"))
				return
			}
		}
	}
	if s.exportSheet(w, r, q, "counterparty-balances", func() (*sheet.Sheet, error) { return sheets.CounterpartyBalances(all, q.org, q.lang) }) {
		return
	}
	from, _ := strconv.Atoi(r.URL.Query().Get("from"))
	from = max(0, min(from, len(all)))
	d.Rows = all[from:min(from+settlementsPage, len(all))]
	if next := from + settlementsPage; next < len(all) {
		d.Next = p.O("/settlements?from=" + strconv.Itoa(next))
	}
	if from > 0 {
		d.Prev = p.O("/settlements?from=" + strconv.Itoa(max(0, from-settlementsPage)))
	}
	s.render(w, r, http.StatusOK, "settlements", "", d)
}

// SettlementURL is the address of a counterparty's settlements.
func (p *page) SettlementURL(id ledger.AnalyticID) string {
	return p.O("/settlements/" + strconv.FormatInt(int64(id), 10))
}

// Net is a counterparty balance's net, debit positive.
func (p *page) Net(b settle.Balance) string {
	n, err := b.Net()
	if err != nil {
		return "—"
	}
	return p.Bal(n)
}

// ItemKind is what an open item is, in the page's language.
func (p *page) ItemKind(k settle.Kind) string {
	return p.T(kindWords[k])
}

var kindWords = map[settle.Kind]string{
	settle.Receivable:      word("Receivable"),
	settle.Payable:         word("Payable"),
	settle.AdvanceReceived: word("Advance received"),
	settle.AdvancePaid:     word("Advance paid"),
}

type settlementData struct {
	*page
	S         *app.Settlements
	Contracts []contractItems
	Contract  string // the contract filter as chosen: its id
	Choices   []ledger.Analytic
	Balance   settle.Balance // of the contract chosen, or of all
	// The act's form.
	FromISO, ToISO string
	ActLang        string
}

// contractItems are the open items of one contract.
type contractItems struct {
	Name  string // "" for items without a contract
	Items []itemRow
	Total settle.Balance
}

type itemRow struct {
	Date        ledger.Date
	Title, URL  string
	Kind        settle.Kind
	Amount, Due money.Amount
}

func (s *server) settlement(w http.ResponseWriter, r *http.Request, q *request) {
	id, ok := documentID(r)
	if !ok {
		s.notFoundPage(w, r, q)
		return
	}
	cp := ledger.AnalyticID(id)
	var contract ledger.AnalyticID
	if c := r.URL.Query().Get("contract"); c != "" {
		n, err := strconv.ParseInt(c, 10, 64)
		if err != nil || n <= 0 {
			s.notFoundPage(w, r, q)
			return
		}
		contract = ledger.AnalyticID(n)
	}
	st, err := s.app.OpenItems(r.Context(), q.actor, q.org.Code, cp, 0)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	p := s.newPage(r, q, st.Counterparty.Names.In(q.lang))
	if p.Title == "" {
		p.Title = st.Counterparty.Code
	}
	p.Nav = "settlements"
	from, to, err := s.period(r, q)
	if err != nil {
		from, to = ledger.NoDate, ledger.NoDate
	}
	d := &settlementData{page: p, S: st, FromISO: isoDate(from), ToISO: isoDate(to), ActLang: q.lang}
	for _, c := range st.Contracts {
		d.Choices = append(d.Choices, c)
	}
	slices.SortFunc(d.Choices, func(a, b ledger.Analytic) int { return cmpStr(a.Code, b.Code) })
	if contract != 0 {
		if _, ok := st.Contracts[contract]; !ok {
			s.notFoundPage(w, r, q)
			return
		}
		d.Contract = strconv.FormatInt(int64(contract), 10)
	}
	if d.Contracts, d.Balance, err = openByContract(p, st, contract); err != nil {
		s.fail(w, r, q, err)
		return
	}
	if s.exportSheet(w, r, q, "open-items-"+st.Counterparty.Code, func() (*sheet.Sheet, error) { return app.OpenItemsSheet(st, q.org, contract, q.lang) }) {
		return
	}
	s.render(w, r, http.StatusOK, "settlement", "", d)
}

func cmpStr(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// openByContract groups the open items by contract (only contract's when
// it is not 0), in the order of the contracts' codes (items without a
// contract last), and sums them.
func openByContract(p *page, st *app.Settlements, contract ledger.AnalyticID) ([]contractItems, settle.Balance, error) {
	by := map[ledger.AnalyticID]*contractItems{}
	var ids []ledger.AnalyticID
	var total settle.Balance
	for _, it := range st.Open() {
		if contract != 0 && it.Contract != contract {
			continue
		}
		if err := total.Add(it); err != nil {
			return nil, total, err
		}
		g := by[it.Contract]
		if g == nil {
			g = &contractItems{}
			if c, ok := st.Contracts[it.Contract]; ok {
				g.Name = c.Names.In(p.Lang)
				if g.Name == "" {
					g.Name = c.Code
				}
			}
			by[it.Contract] = g
			ids = append(ids, it.Contract)
		}
		row := itemRow{Date: it.Date, Kind: it.Kind(), Amount: it.Amount, Due: it.Open, Title: it.Description}
		if x, ok := st.Documents[it.DocID]; ok {
			row.Title = docLabel(x.Document, p.Lang)
			row.URL = p.DocumentURL(x.ID)
		}
		g.Items = append(g.Items, row)
		if err := g.Total.Add(it); err != nil {
			return nil, total, err
		}
	}
	slices.SortFunc(ids, func(a, b ledger.AnalyticID) int {
		switch {
		case a == 0 || b == 0:
			return cmpStr(strconv.FormatBool(a == 0), strconv.FormatBool(b == 0))
		}
		return cmpStr(st.Contracts[a].Code, st.Contracts[b].Code)
	})
	out := make([]contractItems, 0, len(ids))
	for _, id := range ids {
		out = append(out, *by[id])
	}
	return out, total, nil
}

// docLabel names a document by its title and number in lang: "Акт
// выполненных работ № 1", "Act of completed work No. 1".
func docLabel(d doc.Document, lang string) string {
	sign := "№"
	if lang == "en" {
		sign = "No."
	}
	return doc.Title(d.Type, lang) + " " + sign + " " + strconv.FormatInt(d.Number, 10)
}
