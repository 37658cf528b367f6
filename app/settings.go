package app

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"hasap/auth"
	"hasap/doc"
	"hasap/ledger"
	"hasap/store"
)

// An organisation's settings (issue 4): its details, which its printed
// forms show (legal name, tax id, address, bank, who signs), and its
// posting settings, which accounts its documents post to and how VAT is
// worked out. Anyone who reads the books reads them (auth.ReadBooks); the
// owner and the chief accountant change them (auth.EditSettings), and
// every change is audited with the fields it changed. A change applies to
// the documents posted after it: posted documents keep their entries.

// ActSettings is the audit action of a change of the settings.
const ActSettings = "settings"

// OrgDetails are an organisation's details (see store.OrgDetails).
type OrgDetails = store.OrgDetails

// OrgSettings are an organisation's settings as the application reads them.
type OrgSettings struct {
	Details OrgDetails
	// Posting is what documents post with: the posting settings saved,
	// over the defaults of the organisation's chart, so that a field added
	// to doc.Settings after they were saved takes its default.
	Posting doc.Settings
	// PostingSaved: the organisation has saved posting settings; until it
	// does, Posting holds the chart's defaults.
	PostingSaved bool
	// ChartDefaults: the chart has default posting settings (cis). An
	// organisation on another chart (ifrs, empty, its own) sets the
	// accounts itself before its documents can post.
	ChartDefaults bool
	// Version is what a save must name: it moves on every save, and a
	// save of an older version is refused (someone saved meanwhile).
	Version int64
	Author  string
	Updated time.Time
}

// OrgSettings returns the organisation's settings.
func (a *App) OrgSettings(ctx context.Context, actor Actor, orgCode string) (OrgSettings, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return OrgSettings{}, err
	}
	return a.orgSettings(ctx, org)
}

// orgSettings reads org's settings over its chart's defaults. A chart
// without defaults starts from no accounts, VAT at 15 % rounded per line.
func (a *App) orgSettings(ctx context.Context, org ledger.Org) (OrgSettings, error) {
	st, err := a.Store.OrgSettings(ctx, org.ID)
	if err != nil {
		return OrgSettings{}, err
	}
	out := OrgSettings{Details: st.Details, Version: st.Version, Author: st.Author, Updated: st.Updated}
	out.Posting, err = doc.DefaultSettings(org.Chart)
	out.ChartDefaults = err == nil
	if !out.ChartDefaults {
		out.Posting = doc.Settings{DefaultVAT: doc.VAT15, VATRounding: doc.PerLine, Closing: doc.DefaultClosing(org.Chart)}
	}
	if st.Posting != nil {
		if err := json.Unmarshal(st.Posting, &out.Posting); err != nil {
			return OrgSettings{}, ledger.Errorf(ledger.EInternal, "the stored posting settings of %s do not read: %v", org.Code, err)
		}
		out.PostingSaved = true
	}
	return out, nil
}

// postingSettings are what org's documents post with. A chart without
// defaults whose organisation has not chosen its accounts yet cannot post
// (but closing documents, whose accounts the ifrs chart has defaults for:
// see closingSettings).
func (a *App) postingSettings(ctx context.Context, org ledger.Org) (doc.Settings, error) {
	s, err := a.orgSettings(ctx, org)
	if err != nil {
		return doc.Settings{}, err
	}
	if !s.ChartDefaults && !s.PostingSaved {
		return doc.Settings{}, ledger.Errorf(ledger.EInvalid,
			"the chart %q has no default posting settings: choose the accounts documents post to on the organisation's settings page first", org.Chart)
	}
	return s.Posting, nil
}

// closingSettings are what org's closing documents post with: the saved
// posting settings, or the chart's defaults, which name the closing
// accounts of the ifrs chart too (doc.DefaultClosing).
func (a *App) closingSettings(ctx context.Context, org ledger.Org) (doc.Settings, error) {
	s, err := a.orgSettings(ctx, org)
	return s.Posting, err
}

// SaveOrgSettings saves the organisation's details and posting settings,
// if s.Version is still the stored version (EConflict otherwise). Each
// problem is a FieldError: "legal_name", "tax_id", "address", "phone",
// "bank_name", "bank_account", "bank_code", "director",
// "chief_accountant", "cashier" for the details; "posting." and the path
// in doc.Settings for the posting settings ("posting.DefaultVAT",
// "posting.Sales.Revenue", "posting.Purchases.Capital",
// "posting.Closing.ProfitTaxRate", "posting.Closing.NotRevalued"). An
// account must be in the chart, active, and take postings (not a group);
// an empty account is allowed, and a document that needs it is refused
// when posted. The profit tax rate may come as typed ("8", "8,5", "8.5%"):
// it is saved as the rate the documents carry ("8.5%").
// Saving always stores the posting settings, so from then on they no
// longer follow the chart's defaults.
func (a *App) SaveOrgSettings(ctx context.Context, actor Actor, orgCode string, s OrgSettings) (OrgSettings, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.EditSettings)
	if err != nil {
		return OrgSettings{}, err
	}
	old, err := a.orgSettings(ctx, org)
	if err != nil {
		return OrgSettings{}, err
	}
	chart, err := a.Store.Chart(ctx, org.ID)
	if err != nil {
		return OrgSettings{}, err
	}
	s.Details = trimDetails(s.Details)
	var fs fields
	checkDetails(&fs, s.Details)
	checkPosting(&fs, &s.Posting, chart)
	if len(fs) > 0 {
		return OrgSettings{}, fs.err()
	}
	body, err := json.Marshal(s.Posting)
	if err != nil {
		return OrgSettings{}, fmt.Errorf("posting settings to JSON: %w", err)
	}
	st := store.OrgSettings{Details: s.Details, Posting: body, Version: s.Version, Author: actor.Name}
	if err := a.Store.SaveOrgSettings(ctx, org.ID, &st); err != nil {
		return OrgSettings{}, err
	}
	out, err := a.orgSettings(ctx, org)
	if err != nil {
		return OrgSettings{}, err
	}
	return out, a.audit(ctx, actor, org.ID, ActSettings, settingsChanges(old, out))
}

// detailFields lists the details with their form names.
func detailFields(d *OrgDetails) []struct {
	Name string
	Text *string
} {
	return []struct {
		Name string
		Text *string
	}{
		{"legal_name", &d.LegalName}, {"tax_id", &d.TaxID}, {"address", &d.Address}, {"phone", &d.Phone},
		{"bank_name", &d.BankName}, {"bank_account", &d.BankAccount}, {"bank_code", &d.BankCode},
		{"director", &d.Director}, {"chief_accountant", &d.ChiefAccountant}, {"cashier", &d.Cashier},
	}
}

func trimDetails(d OrgDetails) OrgDetails {
	for _, f := range detailFields(&d) {
		*f.Text = strings.TrimSpace(*f.Text)
	}
	return d
}

// maxCodeLike bounds the numbers among the details (tax id, account, bank
// code): an IBAN has at most 34 characters, and spaces group them.
const maxCodeLike = 50

func checkDetails(fs *fields, d OrgDetails) {
	for _, f := range detailFields(&d) {
		switch {
		case !utf8.ValidString(*f.Text):
			fs.add(f.Name, ledger.Errorf(ledger.EInvalid, "the text is not valid UTF-8"))
		case len(*f.Text) > store.MaxDetailText:
			fs.add(f.Name, ledger.Errorf(ledger.EInvalid, "the text is longer than %d bytes", store.MaxDetailText))
		case strings.ContainsAny(*f.Text, "\r\n\t"):
			fs.add(f.Name, ledger.Errorf(ledger.EInvalid, "one line, without tabs"))
		}
	}
	for _, c := range []struct{ name, text string }{{"tax_id", d.TaxID}, {"bank_account", d.BankAccount}, {"bank_code", d.BankCode}} {
		if !codeLike(c.text) {
			fs.add(c.name, ledger.Errorf(ledger.EInvalid, "only digits, Latin letters, spaces and dashes, at most %d of them", maxCodeLike))
		}
	}
}

// codeLike: a tax id, an account number or a bank code: digits, Latin
// letters (an IBAN's country), spaces and dashes.
func codeLike(s string) bool {
	if len(s) > maxCodeLike {
		return false
	}
	for _, r := range s {
		if !(r < unicode.MaxASCII && (unicode.IsDigit(r) || unicode.IsLetter(r)) || r == ' ' || r == '-') {
			return false
		}
	}
	return true
}

// maxCapital bounds the prefixes of capital expenditure accounts.
const maxCapital = 20

func checkPosting(fs *fields, s *doc.Settings, chart ledger.Chart) {
	if s.DefaultVAT == "" {
		fs.add("posting.DefaultVAT", ledger.Errorf(ledger.EInvalid, "the default VAT rate is required"))
	} else if err := s.DefaultVAT.Check(); err != nil {
		fs.add("posting.DefaultVAT", err)
	}
	if s.VATRounding != doc.PerLine && s.VATRounding != doc.PerDocument {
		fs.add("posting.VATRounding", ledger.Errorf(ledger.EInvalid, "VAT is rounded per line or per document, not %q", string(s.VATRounding)))
	}
	for _, f := range s.AccountFields() {
		*f.Code = ledger.AccountCode(strings.TrimSpace(string(*f.Code)))
		if *f.Code == "" {
			continue
		}
		a, ok := chart[*f.Code]
		switch {
		case !ok:
			fs.add("posting."+f.Path, ledger.Errorf(ledger.EInvalid, "account %s does not exist", *f.Code))
		case a.Group:
			fs.add("posting."+f.Path, ledger.Errorf(ledger.EInvalid, "account %s has sub-accounts: choose one of them", *f.Code))
		case a.Inactive:
			fs.add("posting."+f.Path, ledger.Errorf(ledger.EInvalid, "account %s is deactivated", *f.Code))
		}
	}
	capital := s.Purchases.Capital[:0:0]
	for _, p := range s.Purchases.Capital {
		if p = strings.TrimSpace(p); p != "" {
			capital = append(capital, p)
		}
	}
	s.Purchases.Capital = capital
	if len(capital) > maxCapital {
		fs.add("posting.Purchases.Capital", ledger.Errorf(ledger.EInvalid, "at most %d accounts", maxCapital))
	}
	for _, p := range capital {
		if chart[ledger.AccountCode(p)] == nil {
			fs.add("posting.Purchases.Capital", ledger.Errorf(ledger.EInvalid, "account %s does not exist", p))
			break
		}
	}
	checkClosing(fs, &s.Closing, chart)
}

// checkClosing checks the choices of the closing documents beyond their
// accounts: the profit tax rate, read as a percentage as typed ("8",
// "8.5", "8,5" or "8%") into the rate the documents carry ("8.5%"), and
// the accounts not revalued, each a posting account of the chart (listed
// once, in the order given).
func checkClosing(fs *fields, c *doc.ClosingAccounts, chart ledger.Chart) {
	if r, err := percentRate(string(c.ProfitTaxRate)); err != nil {
		fs.add("posting.Closing.ProfitTaxRate", err)
	} else {
		c.ProfitTaxRate = r
	}
	var kept []string
	for _, p := range c.NotRevalued {
		if p = strings.TrimSpace(p); p != "" && !slices.Contains(kept, p) {
			kept = append(kept, p)
		}
	}
	c.NotRevalued = kept
	if len(kept) > maxCapital {
		fs.add("posting.Closing.NotRevalued", ledger.Errorf(ledger.EInvalid, "at most %d accounts", maxCapital))
		return
	}
	for _, p := range kept {
		a, ok := chart[ledger.AccountCode(p)]
		var err error
		switch {
		case !ok:
			err = ledger.Errorf(ledger.EInvalid, "account %s does not exist", p)
		case a.Group:
			err = ledger.Errorf(ledger.EInvalid, "account %s has sub-accounts: choose one of them", p)
		case a.Inactive:
			err = ledger.Errorf(ledger.EInvalid, "account %s is deactivated", p)
		}
		if err != nil {
			fs.add("posting.Closing.NotRevalued", err)
			return
		}
	}
}

// maxRateText bounds a percentage as typed.
const maxRateText = 20

// percentRate reads a percentage as typed on the settings page or sent by
// the API: a decimal from 0 to 100 with at most two decimal places, with a
// point or a comma, and a percent sign or none ("8", "8.5", "8,5 %"). It
// returns the rate the documents carry ("8%", "8.5%": no leading or
// trailing zeros), or an error that says what is wrong with it.
func percentRate(typed string) (doc.Rate, error) {
	s := strings.TrimSpace(typed)
	if len(s) > maxRateText {
		return "", ledger.Errorf(ledger.EInvalid, "the profit tax rate is longer than %d characters", maxRateText)
	}
	s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	neg := strings.HasPrefix(s, "-") || strings.HasPrefix(s, "−")
	num := strings.TrimPrefix(strings.TrimPrefix(s, "-"), "−")
	whole, frac, _ := strings.Cut(strings.Replace(num, ",", ".", 1), ".")
	if whole+frac == "" || !allDigits(whole) || !allDigits(frac) || strings.HasSuffix(num, ".") || strings.HasSuffix(num, ",") {
		return "", ledger.Errorf(ledger.EInvalid, "the profit tax rate %q is not a number: write the percentage as a decimal such as 8 or 8.5", typed)
	}
	whole, frac = strings.TrimLeft(whole, "0"), strings.TrimRight(frac, "0")
	switch {
	case neg && whole+frac != "":
		return "", ledger.Errorf(ledger.EInvalid, "the profit tax rate %s %% is negative", s)
	case len(frac) > 2:
		return "", ledger.Errorf(ledger.EInvalid, "the profit tax rate %s %% has more than two decimal places", s)
	case len(whole) > 3 || whole > "100" && len(whole) == 3 || whole == "100" && frac != "":
		return "", ledger.Errorf(ledger.EInvalid, "the profit tax rate %s %% is over 100 %%", s)
	}
	if whole == "" {
		whole = "0"
	}
	r := doc.Rate(whole + "%")
	if frac != "" {
		r = doc.Rate(whole + "." + frac + "%")
	}
	if err := r.Check(); err != nil { // cannot happen: the checks above are Check's
		return "", err
	}
	return r, nil
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// settingsChanges describes for the audit log what a save changed.
func settingsChanges(old, new OrgSettings) string {
	var ch []string
	od, nd := detailFields(&old.Details), detailFields(&new.Details)
	for i := range od {
		if *od[i].Text != *nd[i].Text {
			ch = append(ch, nd[i].Name)
		}
	}
	if old.Posting.DefaultVAT != new.Posting.DefaultVAT {
		ch = append(ch, fmt.Sprintf("DefaultVAT %s→%s", old.Posting.DefaultVAT, new.Posting.DefaultVAT))
	}
	if old.Posting.VATRounding != new.Posting.VATRounding {
		ch = append(ch, fmt.Sprintf("VATRounding %s→%s", old.Posting.VATRounding, new.Posting.VATRounding))
	}
	if old.Posting.VATOnAdvances != new.Posting.VATOnAdvances {
		ch = append(ch, fmt.Sprintf("VATOnAdvances %t→%t", old.Posting.VATOnAdvances, new.Posting.VATOnAdvances))
	}
	if old.Posting.Purchases.OffsetVAT != new.Posting.Purchases.OffsetVAT {
		ch = append(ch, fmt.Sprintf("Purchases.OffsetVAT %t→%t", old.Posting.Purchases.OffsetVAT, new.Posting.Purchases.OffsetVAT))
	}
	if !slices.Equal(old.Posting.Purchases.Capital, new.Posting.Purchases.Capital) {
		ch = append(ch, fmt.Sprintf("Purchases.Capital %v→%v", old.Posting.Purchases.Capital, new.Posting.Purchases.Capital))
	}
	if oc, nc := old.Posting.Closing, new.Posting.Closing; oc.ProfitTaxRate != nc.ProfitTaxRate || !slices.Equal(oc.NotRevalued, nc.NotRevalued) {
		ch = append(ch, fmt.Sprintf("Closing.ProfitTaxRate %s→%s, Closing.NotRevalued %v→%v", oc.ProfitTaxRate, nc.ProfitTaxRate, oc.NotRevalued, nc.NotRevalued))
	}
	of, nf := old.Posting.AccountFields(), new.Posting.AccountFields()
	for i := range nf {
		if *of[i].Code != *nf[i].Code {
			ch = append(ch, fmt.Sprintf("%s %s→%s", nf[i].Path, *of[i].Code, *nf[i].Code))
		}
	}
	if len(ch) == 0 {
		return "nothing changed"
	}
	return strings.Join(ch, ", ")
}
