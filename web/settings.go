package web

import (
	"net/http"
	"strconv"
	"strings"
	"unicode"

	"hasap/app"
	"hasap/auth"
	"hasap/doc"
	"hasap/i18n"
	"hasap/ledger"
)

// The organisation's settings page, /o/{org}/settings: its details, which
// the printed forms show, and its posting settings, which accounts its
// documents post to and how VAT is worked out. Every member reads it; the
// owner and the chief accountant (auth.EditSettings) change it, and only
// they have it in the menu. The form carries the version it showed, so a
// save over someone else's is refused rather than lost. The accounts of
// the posting rules are listed from doc.Settings itself
// (Settings.AccountFields), so an account added there shows here, labelled
// by its path until accountLabels names it.

// accountLabels name the accounts of the posting settings by their path.
var accountLabels = map[string]string{
	"Sales.Receivable":           word("Receivables from customers"),
	"Sales.ReceivableCur":        word("Receivables from customers in foreign currency"),
	"Sales.Revenue":              word("Revenue"),
	"Sales.VAT":                  word("VAT on sales"),
	"Sales.VATPayable":           word("VAT payable"),
	"Sales.Cost":                 word("Cost of sales"),
	"Sales.Goods":                word("Goods sold"),
	"Sales.AdvancesReceived":     word("Advances received"),
	"Sales.AdvancesReceivedCur":  word("Advances received in foreign currency"),
	"Sales.AdvanceVAT":           word("VAT on advances received"),
	"Purchases.Payable":          word("Payables to suppliers"),
	"Purchases.PayableCur":       word("Payables to suppliers in foreign currency"),
	"Purchases.Goods":            word("Goods bought"),
	"Purchases.Services":         word("Services and works bought"),
	"Purchases.InputVATGoods":    word("Input VAT on goods"),
	"Purchases.InputVATServices": word("Input VAT on services"),
	"Purchases.VATPayable":       word("VAT payable, for the offset"),
	"Purchases.AdvancesPaid":     word("Advances paid"),
	"Purchases.AdvancesPaidCur":  word("Advances paid in foreign currency"),
	"Bank":                       word("Settlement account"),
	"BankCur":                    word("Foreign currency account"),
	"Cash":                       word("Cash desk"),
	"CashCur":                    word("Foreign currency cash desk"),
	"Accountable":                word("Accountable persons"),
	"AccountableCur":             word("Accountable persons in foreign currency"),
	"Opening":                    word("Opening balances"),
	"Closing.FXGain":             word("Exchange gains"),
	"Closing.FXLoss":             word("Exchange losses"),
	"Closing.SalesResult":        word("Result of sales"),
	"Closing.OtherResult":        word("Balance of other income and expenses"),
	"Closing.ProfitLoss":         word("Profit and loss"),
	"Closing.RetainedEarnings":   word("Retained earnings"),
	"Closing.ProfitTaxExpense":   word("Profit tax expense"),
	"Closing.ProfitTaxPayable":   word("Profit tax payable"),
}

// accountGroups title the groups of accounts by the first part of their
// path; accounts at the top of doc.Settings are the money accounts.
var accountGroups = map[string]string{
	"Sales":     word("Sales"),
	"Purchases": word("Purchases"),
	"Closing":   word("Month and year close"),
	"":          word("Money and other accounts"),
}

// settingsAccount is one account field of the form.
type settingsAccount struct {
	Name, Label string // the form's name ("posting.Sales.Revenue") and the label
	Value       string
	Default     string // the chart's, when the field differs from it
	Err         string
}

// settingsGroup is a fieldset of accounts.
type settingsGroup struct {
	Key      string // the first part of the paths ("Sales"; "" for the top)
	Title    string
	Accounts []settingsAccount
}

type settingsData struct {
	*page
	S        app.OrgSettings // as the form has them (typed or stored)
	Capital  string          // the capital prefixes as typed, comma-separated
	Groups   []settingsGroup
	Errs     map[string]string
	Conflict bool // someone saved meanwhile
	Saved    bool
	CanEdit  bool
	Accounts []accountOption // the postable accounts, for the datalist

	// ProfitTaxRate is the profit tax rate as a percentage without its
	// sign ("8", "8.5"), or as typed; NotRevalued the accounts not
	// revalued, comma-separated, as typed.
	ProfitTaxRate, NotRevalued string
}

// DetailFields are the details in form order with their labels.
func (d *settingsData) DetailFields() []settingsAccount {
	x := d.S.Details
	return []settingsAccount{
		{Name: "legal_name", Label: word("Full legal name"), Value: x.LegalName},
		{Name: "tax_id", Label: word("Taxpayer number (INN)"), Value: x.TaxID},
		{Name: "address", Label: word("Legal address"), Value: x.Address},
		{Name: "phone", Label: word("Phone"), Value: x.Phone},
		{Name: "bank_name", Label: word("Bank"), Value: x.BankName},
		{Name: "bank_account", Label: word("Settlement account number (IBAN)"), Value: x.BankAccount},
		{Name: "bank_code", Label: word("Bank code (BIC, MFO)"), Value: x.BankCode},
		{Name: "director", Label: word("Director"), Value: x.Director},
		{Name: "chief_accountant", Label: word("Chief accountant"), Value: x.ChiefAccountant},
		{Name: "cashier", Label: word("Cashier"), Value: x.Cashier},
	}
}

// RoundingOptions are the VAT roundings to choose from.
func (d *settingsData) RoundingOptions() []option {
	return []option{{string(doc.PerLine), d.T("per line")}, {string(doc.PerDocument), d.T("per document")}}
}

// orgSettings shows the settings, as a form to those who may change them.
func (s *server) orgSettings(w http.ResponseWriter, r *http.Request, q *request) {
	st, err := s.app.OrgSettings(r.Context(), q.actor, q.org.Code)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	d := &settingsData{S: st, Capital: strings.Join(st.Posting.Purchases.Capital, ", "), Saved: r.URL.Query().Get("saved") == "1",
		ProfitTaxRate: strings.TrimSuffix(string(st.Posting.Closing.ProfitTaxRate), "%"), NotRevalued: strings.Join(st.Posting.Closing.NotRevalued, ", ")}
	s.renderSettings(w, r, q, http.StatusOK, d)
}

// orgSettingsSave saves the form: the details and the posting settings it
// shows over the stored ones (so that settings the form does not show
// stay as they are), at the version the form was shown with.
func (s *server) orgSettingsSave(w http.ResponseWriter, r *http.Request, q *request) {
	if !parseForm(w, r) {
		return
	}
	st, err := s.app.OrgSettings(r.Context(), q.actor, q.org.Code)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	v := r.PostForm
	t := func(name string) string { return strings.TrimSpace(v.Get(name)) }
	st.Version, err = strconv.ParseInt(v.Get("version"), 10, 64)
	if err != nil || st.Version < 0 {
		http.Error(w, http.StatusText(http.StatusBadRequest), http.StatusBadRequest)
		return
	}
	st.Details = app.OrgDetails{LegalName: t("legal_name"), TaxID: t("tax_id"), Address: t("address"), Phone: t("phone"),
		BankName: t("bank_name"), BankAccount: t("bank_account"), BankCode: t("bank_code"),
		Director: t("director"), ChiefAccountant: t("chief_accountant"), Cashier: t("cashier")}
	p := &st.Posting
	p.DefaultVAT, p.VATRounding = doc.Rate(t("posting.DefaultVAT")), doc.Rounding(t("posting.VATRounding"))
	p.VATOnAdvances, p.Purchases.OffsetVAT = v.Get("posting.VATOnAdvances") != "", v.Get("posting.Purchases.OffsetVAT") != ""
	for _, f := range p.AccountFields() {
		if _, ok := v["posting."+f.Path]; ok {
			*f.Code = ledger.AccountCode(t("posting." + f.Path))
		}
	}
	capital := t("posting.Purchases.Capital")
	p.Purchases.Capital = nil
	for _, c := range strings.Split(capital, ",") {
		if c = strings.TrimSpace(c); c != "" {
			p.Purchases.Capital = append(p.Purchases.Capital, c)
		}
	}
	// The closing choices, when the form has them (app.SaveOrgSettings
	// reads the rate as typed: "8", "8,5", "8.5%").
	rate, notRevalued := strings.TrimSuffix(string(p.Closing.ProfitTaxRate), "%"), strings.Join(p.Closing.NotRevalued, ", ")
	if _, ok := v["posting.Closing.ProfitTaxRate"]; ok {
		rate = t("posting.Closing.ProfitTaxRate")
		p.Closing.ProfitTaxRate = doc.Rate(rate)
	}
	if _, ok := v["posting.Closing.NotRevalued"]; ok {
		notRevalued = t("posting.Closing.NotRevalued")
		p.Closing.NotRevalued = strings.FieldsFunc(notRevalued, func(r rune) bool { return r == ',' || r == ';' || unicode.IsSpace(r) })
	}
	_, err = s.app.SaveOrgSettings(r.Context(), q.actor, q.org.Code, st)
	if err == nil {
		http.Redirect(w, r, s.newPage(r, q, "").O("/settings")+"?saved=1", http.StatusSeeOther)
		return
	}
	d := &settingsData{S: st, Capital: capital, ProfitTaxRate: rate, NotRevalued: notRevalued}
	fes := app.FieldErrors(err)
	switch {
	case len(fes) > 0:
		d.Errs = map[string]string{}
		for _, fe := range fes {
			if d.Errs[fe.Field] == "" {
				d.Errs[fe.Field] = i18n.Error(fe.Err, q.lang)
			}
		}
		s.renderSettings(w, r, q, http.StatusUnprocessableEntity, d)
	case ledger.IsCode(err, ledger.EConflict):
		d.Conflict = true
		s.renderSettings(w, r, q, http.StatusConflict, d)
	default:
		s.fail(w, r, q, err)
	}
}

func (s *server) renderSettings(w http.ResponseWriter, r *http.Request, q *request, status int, d *settingsData) {
	d.page = s.newPage(r, q, i18n.T(q.lang, "Organisation settings"))
	d.Nav = "settings"
	d.CanEdit = q.role.Can(auth.EditSettings)
	if d.CanEdit {
		chart, err := s.app.Accounts(r.Context(), q.actor, q.org.Code)
		if err != nil {
			s.fail(w, r, q, err)
			return
		}
		d.Accounts = names{p: d.page, lang: q.lang, chart: chart}.AccountOptions(true)
	}
	def, _ := doc.DefaultSettings(q.org.Chart)
	defaults := map[string]ledger.AccountCode{}
	for _, f := range def.AccountFields() {
		defaults[f.Path] = *f.Code
	}
	index := map[string]int{}
	for _, f := range d.S.Posting.AccountFields() {
		group, _, ok := strings.Cut(f.Path, ".")
		if !ok {
			group = ""
		}
		i, seen := index[group]
		if !seen {
			title := group
			if t, ok := accountGroups[group]; ok {
				title = i18n.T(q.lang, t)
			}
			i = len(d.Groups)
			index[group] = i
			d.Groups = append(d.Groups, settingsGroup{Key: group, Title: title})
		}
		label := f.Path
		if l, ok := accountLabels[f.Path]; ok {
			label = i18n.T(q.lang, l)
		}
		a := settingsAccount{Name: "posting." + f.Path, Label: label, Value: string(*f.Code), Err: d.Errs["posting."+f.Path]}
		if dc := defaults[f.Path]; dc != *f.Code {
			a.Default = string(dc)
		}
		d.Groups[i].Accounts = append(d.Groups[i].Accounts, a)
	}
	s.render(w, r, status, "settings", "", d)
}
