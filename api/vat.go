package api

import (
	"net/http"
	"strconv"

	"hasap/app"
	"hasap/doc"
	"hasap/ledger"
	"hasap/money"
)

// VATBooksJSON are a month's VAT books and the return's summary.
type VATBooksJSON struct {
	From      string      `json:"from"`
	To        string      `json:"to"`
	Currency  string      `json:"currency"`
	Sales     VATBookJSON `json:"sales"`
	Purchases VATBookJSON `json:"purchases"`
	Output    string      `json:"output_vat"`
	Input     string      `json:"input_vat"`
	Payable   string      `json:"payable"`
}

// VATBookJSON is a book: a row per document and the totals.
type VATBookJSON struct {
	Rows  []VATRowJSON `json:"rows"`
	Total VATSums      `json:"total"`
}

// VATRowJSON is one document of a book.
type VATRowJSON struct {
	Document     DocumentRef      `json:"document"`
	Counterparty *CounterpartyRef `json:"counterparty,omitempty"`
	VATSums
}

// VATSums are the net amounts by rate, the VAT and the total with VAT.
type VATSums struct {
	Net15     string `json:"net_15"`
	Net0      string `json:"net_0"`
	NetExempt string `json:"net_exempt"`
	VAT       string `json:"vat"`
	Gross     string `json:"gross"`
}

// VATBooksToJSON is the answer of GET /orgs/{org}/vat-books for b.
func VATBooksToJSON(b *app.VATBooks, org ledger.Org, lang string) VATBooksJSON {
	d := func(a money.Amount) string { return money.Decimal(a, org.Currency.Exponent) }
	sums := func(r app.VATRow) VATSums {
		return VATSums{d(r.Net15), d(r.Net0), d(r.NetExempt), d(r.VAT), d(r.Gross)}
	}
	book := func(bk app.VATBook) VATBookJSON {
		out := VATBookJSON{Rows: []VATRowJSON{}, Total: sums(bk.Total)}
		for _, r := range bk.Rows {
			row := VATRowJSON{Document: DocumentRef{ID: r.DocID, Type: string(r.DocType), Number: r.Number, Date: r.Date.String(),
				Ref: doc.Document{Type: r.DocType, Year: r.Date.Year(), Number: r.Number}.Ref()}, VATSums: sums(r)}
			if c, ok := b.Counterparties[r.Counterparty]; ok {
				row.Counterparty = refOf(c, lang)
			}
			out.Rows = append(out.Rows, row)
		}
		return out
	}
	return VATBooksJSON{From: b.From.String(), To: b.To.String(), Currency: org.Currency.Code, Sales: book(b.Sales), Purchases: book(b.Purchase),
		Output: d(b.Output), Input: d(b.Input), Payable: d(b.Payable)}
}

// vatBooks answers GET /orgs/{org}/vat-books?year=&month=.
func (s *server) vatBooks(w http.ResponseWriter, r *http.Request, q *request) error {
	var ym [2]int
	for i, name := range []string{"year", "month"} {
		n, err := strconv.Atoi(r.URL.Query().Get(name))
		if err != nil {
			return ledger.Errorf(ledger.EInvalid, "the month is invalid")
		}
		ym[i] = n
	}
	org, err := s.app.Org(r.Context(), q.actor, r.PathValue("org"))
	if err != nil {
		return err
	}
	b, err := s.app.VATBooks(r.Context(), q.actor, org.Code, ym[0], ym[1])
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, VATBooksToJSON(b, org, q.lang))
	return nil
}
