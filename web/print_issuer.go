package web

import (
	"net/http"

	"hasap/app"
	"hasap/doc"
	"hasap/ledger"
	"hasap/printform"
)

// signers are the people whose names the forms print beside the lines.
type signers struct {
	Director, ChiefAccountant, Cashier string
}

// issuerOf turns the organisation's details into what every printed form
// prints of it: the party with its legal name (its short name while none
// is set), tax id, legal address, bank, settlement account and bank code,
// and the names of its director, chief accountant and cashier (empty ones
// leave a blank line to sign on). The caller sets the party's Role.
func issuerOf(org ledger.Org, d app.OrgDetails) (printform.Party, signers) {
	name := d.LegalName
	if name == "" {
		name = org.Name
	}
	return printform.Party{Name: name, TaxID: d.TaxID, Address: d.Address,
			BankName: d.BankName, BankAccount: d.BankAccount, BIC: d.BankCode},
		signers{Director: d.Director, ChiefAccountant: d.ChiefAccountant, Cashier: d.Cashier}
}

// issuer is the organisation of the request as its printed forms show it,
// labelled role ("Поставщик", "Плательщик"), and who signs for it: its
// stored details through issuerOf.
func (s *server) issuer(r *http.Request, q *request, role string) (printform.Party, signers, error) {
	st, err := s.app.OrgSettings(r.Context(), q.actor, q.org.Code)
	if err != nil {
		return printform.Party{}, signers{}, err
	}
	p, who := issuerOf(q.org, st.Details)
	p.Role = role
	return p, who, nil
}

// postingSettings are the organisation's posting settings, with which the
// pages work out a document's totals (its VAT rate and rounding).
func (s *server) postingSettings(r *http.Request, q *request) (doc.Settings, error) {
	st, err := s.app.OrgSettings(r.Context(), q.actor, q.org.Code)
	return st.Posting, err
}
