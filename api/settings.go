package api

import (
	"net/http"
	"strings"
	"time"

	"hasap/app"
	"hasap/doc"
	"hasap/ledger"
)

// The organisation's settings: GET and PUT /orgs/{org}/settings. Anyone
// who reads the books reads them; the owner and the chief accountant
// replace them (app.SaveOrgSettings). The posting accounts are a map from
// their path in the posting settings ("Sales.Revenue") to the account, so
// an account added to the settings later shows without a new field here; a
// PUT replaces the accounts it names and keeps the others.

// OrgDetails are the organisation's details, as printed forms show them.
type OrgDetails struct {
	LegalName       string `json:"legal_name"`
	TaxID           string `json:"tax_id"`
	Address         string `json:"address"`
	Phone           string `json:"phone"`
	BankName        string `json:"bank_name"`
	BankAccount     string `json:"bank_account"`
	BankCode        string `json:"bank_code"`
	Director        string `json:"director"`
	ChiefAccountant string `json:"chief_accountant"`
	Cashier         string `json:"cashier"`
}

// PostingSettings are the posting settings as the API shows them.
type PostingSettings struct {
	Saved         bool              `json:"saved"`          // saved by the organisation (else the chart's defaults)
	ChartDefaults bool              `json:"chart_defaults"` // the chart has defaults
	DefaultVAT    string            `json:"default_vat"`
	VATRounding   string            `json:"vat_rounding"`
	VATOnAdvances bool              `json:"vat_on_advances"`
	OffsetVAT     bool              `json:"offset_vat"`
	Capital       []string          `json:"capital"`
	Accounts      map[string]string `json:"accounts"`
	// ProfitTaxRate is the profit tax rate of the close, a percentage as
	// a decimal string ("8", "8.5"); NotRevalued the accounts kept in a
	// currency that the revaluation leaves at their historical rate.
	ProfitTaxRate string   `json:"profit_tax_rate"`
	NotRevalued   []string `json:"not_revalued"`
}

// OrgSettings is the body of GET /orgs/{org}/settings.
type OrgSettings struct {
	Version int64           `json:"version"`
	Author  string          `json:"author,omitempty"`
	Updated string          `json:"updated,omitempty"`
	Details OrgDetails      `json:"details"`
	Posting PostingSettings `json:"posting"`
}

// postingSettingsInput is the posting settings of a PUT: every field but the
// accounts and the closing choices is required; the accounts named replace
// those stored, and a closing choice left out keeps the stored one (a
// client older than them keeps them).
type postingSettingsInput struct {
	DefaultVAT    *string           `json:"default_vat"`
	VATRounding   *string           `json:"vat_rounding"`
	VATOnAdvances *bool             `json:"vat_on_advances"`
	OffsetVAT     *bool             `json:"offset_vat"`
	Capital       []string          `json:"capital"`
	Accounts      map[string]string `json:"accounts"`
	ProfitTaxRate *string           `json:"profit_tax_rate"`
	NotRevalued   []string          `json:"not_revalued"`
}

// settingsInput is the body of PUT /orgs/{org}/settings.
type settingsInput struct {
	Version *int64                `json:"version"`
	Details *OrgDetails           `json:"details"`
	Posting *postingSettingsInput `json:"posting"`
}

func settingsJSON(s app.OrgSettings) OrgSettings {
	d := s.Details
	out := OrgSettings{Version: s.Version, Author: s.Author,
		Details: OrgDetails{LegalName: d.LegalName, TaxID: d.TaxID, Address: d.Address, Phone: d.Phone, BankName: d.BankName,
			BankAccount: d.BankAccount, BankCode: d.BankCode, Director: d.Director, ChiefAccountant: d.ChiefAccountant, Cashier: d.Cashier}}
	if !s.Updated.IsZero() {
		out.Updated = s.Updated.UTC().Format(time.RFC3339)
	}
	p := s.Posting
	out.Posting = PostingSettings{Saved: s.PostingSaved, ChartDefaults: s.ChartDefaults, DefaultVAT: string(p.DefaultVAT),
		VATRounding: string(p.VATRounding), VATOnAdvances: p.VATOnAdvances, OffsetVAT: p.Purchases.OffsetVAT,
		Capital: append([]string{}, p.Purchases.Capital...), Accounts: map[string]string{},
		ProfitTaxRate: strings.TrimSuffix(string(p.Closing.ProfitTaxRate), "%"), NotRevalued: append([]string{}, p.Closing.NotRevalued...)}
	for _, f := range p.AccountFields() {
		out.Posting.Accounts[f.Path] = string(*f.Code)
	}
	return out
}

// orgSettings answers the organisation's settings.
func (s *server) orgSettings(w http.ResponseWriter, r *http.Request, q *request) error {
	st, err := s.app.OrgSettings(r.Context(), q.actor, r.PathValue("org"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, settingsJSON(st))
	return nil
}

// saveOrgSettings replaces the organisation's settings with the body, at
// the version it names.
func (s *server) saveOrgSettings(w http.ResponseWriter, r *http.Request, q *request) error {
	st, err := s.app.OrgSettings(r.Context(), q.actor, r.PathValue("org"))
	if err != nil {
		return err
	}
	var in settingsInput
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	switch {
	case in.Version == nil:
		return ledger.Errorf(ledger.EInvalid, "%s is required", "version")
	case in.Details == nil:
		return ledger.Errorf(ledger.EInvalid, "%s is required", "details")
	case in.Posting == nil:
		return ledger.Errorf(ledger.EInvalid, "%s is required", "posting")
	}
	p := in.Posting
	for _, c := range []struct {
		name    string
		missing bool
	}{{"posting.default_vat", p.DefaultVAT == nil}, {"posting.vat_rounding", p.VATRounding == nil},
		{"posting.vat_on_advances", p.VATOnAdvances == nil}, {"posting.offset_vat", p.OffsetVAT == nil}, {"posting.capital", p.Capital == nil}} {
		if c.missing {
			return ledger.Errorf(ledger.EInvalid, "%s is required", c.name)
		}
	}
	d := in.Details
	st.Version = *in.Version
	st.Details = app.OrgDetails{LegalName: d.LegalName, TaxID: d.TaxID, Address: d.Address, Phone: d.Phone, BankName: d.BankName,
		BankAccount: d.BankAccount, BankCode: d.BankCode, Director: d.Director, ChiefAccountant: d.ChiefAccountant, Cashier: d.Cashier}
	ps := &st.Posting
	ps.DefaultVAT, ps.VATRounding = doc.Rate(*p.DefaultVAT), doc.Rounding(*p.VATRounding)
	ps.VATOnAdvances, ps.Purchases.OffsetVAT, ps.Purchases.Capital = *p.VATOnAdvances, *p.OffsetVAT, p.Capital
	if p.ProfitTaxRate != nil { // app.SaveOrgSettings reads and checks it
		ps.Closing.ProfitTaxRate = doc.Rate(*p.ProfitTaxRate)
	}
	if p.NotRevalued != nil {
		ps.Closing.NotRevalued = p.NotRevalued
	}
	fields := map[string]*ledger.AccountCode{}
	for _, f := range ps.AccountFields() {
		fields[f.Path] = f.Code
	}
	for path, code := range p.Accounts {
		dst, ok := fields[path]
		if !ok {
			return ledger.Errorf(ledger.EInvalid, "posting.accounts has no account %q", path)
		}
		*dst = ledger.AccountCode(code)
	}
	saved, err := s.app.SaveOrgSettings(r.Context(), q.actor, r.PathValue("org"), st)
	if err != nil {
		return fieldsError(err)
	}
	writeJSON(w, http.StatusOK, settingsJSON(saved))
	return nil
}

// fieldsError puts the problems of the fields into one error that names
// each field as the API calls it ("posting.accounts.Sales.Revenue").
func fieldsError(err error) error {
	fes := app.FieldErrors(err)
	if len(fes) == 0 {
		return err
	}
	var format []string
	var args []any
	for _, fe := range fes {
		name := fe.Field
		if path, ok := strings.CutPrefix(name, "posting."); ok {
			name = "posting." + apiPostingField(path)
		} else {
			name = "details." + name
		}
		format = append(format, "%s: %v")
		args = append(args, name, fe.Err)
	}
	return ledger.Errorf(ledger.ErrorCode(fes[0].Err), strings.Join(format, "; "), args...)
}

// apiPostingField is the API's name of a field of the posting settings,
// given its path in doc.Settings.
func apiPostingField(path string) string {
	switch path {
	case "DefaultVAT":
		return "default_vat"
	case "VATRounding":
		return "vat_rounding"
	case "Purchases.Capital":
		return "capital"
	case "Closing.ProfitTaxRate":
		return "profit_tax_rate"
	case "Closing.NotRevalued":
		return "not_revalued"
	}
	return "accounts." + path
}
