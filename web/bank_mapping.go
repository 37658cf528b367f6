package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"hasap/app"
	"hasap/auth"
	"hasap/i18n"
	"hasap/interop/bankcsv"
	"hasap/ledger"
)

// The mapping editor names its fields as bankcsv.Mapping's JSON does
// (date, date_layout, amount, debit, credit, ...), plus name and version.

// mappingColumns are the column fields of the editor, in its order.
var mappingColumns = []string{"date", "value_date", "amount", "debit", "credit", "currency_column",
	"counterparty", "counterparty_account", "reference", "description", "bank_ref"}

// mappingForm is the editor's form as typed.
type mappingForm struct {
	ID, Version            int64
	Name                   string
	Encoding, Delimiter    string
	HeaderRows, FooterRows string
	Account, DateLayout    string
	DecimalComma           bool
	ThousandsSep, Currency string
	Columns                map[string]string
}

func formOfMapping(m app.BankMapping) *mappingForm {
	mm := m.Mapping
	f := &mappingForm{ID: m.ID, Version: m.Version, Name: m.Name, Encoding: mm.Encoding, HeaderRows: itoa(mm.HeaderRows),
		FooterRows: itoa(mm.FooterRows), Account: mm.Account, DateLayout: mm.DateLayout, DecimalComma: mm.DecimalComma,
		ThousandsSep: mm.ThousandsSep, Currency: mm.Currency, Columns: map[string]string{}}
	if mm.Delimiter != 0 {
		f.Delimiter = string(rune(mm.Delimiter))
	}
	for name, col := range map[string]int{"date": mm.Date, "value_date": mm.ValueDate, "amount": mm.Amount, "debit": mm.Debit,
		"credit": mm.Credit, "currency_column": mm.CurrencyColumn, "counterparty": mm.Counterparty,
		"counterparty_account": mm.CounterpartyAccount, "reference": mm.Reference, "description": mm.Description, "bank_ref": mm.BankRef} {
		if col != 0 {
			f.Columns[name] = itoa(col)
		}
	}
	return f
}

// mapping reads the form into a mapping; the error names the field.
func (f *mappingForm) mapping() (app.BankMapping, error) {
	m := app.BankMapping{ID: f.ID, Version: f.Version, Name: f.Name}
	mm := &m.Mapping
	num := func(name, v string) (int, error) {
		if v = strings.TrimSpace(v); v == "" {
			return 0, nil
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return 0, ledger.Errorf(ledger.EInvalid, "%s: %q is not a column number", name, v)
		}
		return n, nil
	}
	var err error
	if mm.HeaderRows, err = num("header_rows", f.HeaderRows); err != nil {
		return m, err
	}
	if mm.FooterRows, err = num("footer_rows", f.FooterRows); err != nil {
		return m, err
	}
	cols := map[string]*int{"date": &mm.Date, "value_date": &mm.ValueDate, "amount": &mm.Amount, "debit": &mm.Debit,
		"credit": &mm.Credit, "currency_column": &mm.CurrencyColumn, "counterparty": &mm.Counterparty,
		"counterparty_account": &mm.CounterpartyAccount, "reference": &mm.Reference, "description": &mm.Description, "bank_ref": &mm.BankRef}
	for _, name := range mappingColumns {
		if *cols[name], err = num(name, f.Columns[name]); err != nil {
			return m, err
		}
	}
	if d := f.Delimiter; d == `\t` || d == "tab" {
		mm.Delimiter = '\t'
	} else if d != "" {
		if err := mm.Delimiter.UnmarshalText([]byte(d)); err != nil {
			return m, ledger.Errorf(ledger.EInvalid, "delimiter: %q is not one character", d)
		}
	}
	mm.Encoding, mm.Account, mm.DateLayout = f.Encoding, strings.TrimSpace(f.Account), strings.TrimSpace(f.DateLayout)
	mm.DecimalComma, mm.ThousandsSep, mm.Currency = f.DecimalComma, f.ThousandsSep, strings.TrimSpace(f.Currency)
	return m, nil
}

func readMappingForm(v url.Values, id int64) *mappingForm {
	f := &mappingForm{ID: id, Name: v.Get("name"), Encoding: v.Get("encoding"), Delimiter: v.Get("delimiter"),
		HeaderRows: v.Get("header_rows"), FooterRows: v.Get("footer_rows"), Account: v.Get("account"),
		DateLayout: v.Get("date_layout"), DecimalComma: v.Get("decimal_comma") == "1", ThousandsSep: v.Get("thousands_sep"),
		Currency: v.Get("currency"), Columns: map[string]string{}}
	f.Version, _ = strconv.ParseInt(v.Get("version"), 10, 64)
	for _, name := range mappingColumns {
		f.Columns[name] = v.Get(name)
	}
	return f
}

type mappingData struct {
	*page
	Form *mappingForm
}

// ColumnFields are the editor's column fields with their labels.
func (p *page) ColumnFields() []option {
	labels := map[string]string{"date": "Booking date", "value_date": "Value date", "amount": "Amount (signed)",
		"debit": "Debit (money out)", "credit": "Credit (money in)", "currency_column": "Currency", "counterparty": "Counterparty",
		"counterparty_account": "Counterparty's account", "reference": "Reference", "description": "Payment details", "bank_ref": "Bank's reference"}
	out := make([]option, 0, len(mappingColumns))
	for _, name := range mappingColumns {
		out = append(out, option{Value: name, Label: p.T(labels[name])})
	}
	return out
}

// mappingWords are the labels ColumnFields translates.
var mappingWords = []string{word("Booking date"), word("Value date"), word("Amount (signed)"), word("Debit (money out)"),
	word("Credit (money in)"), word("Counterparty's account"), word("Reference"), word("Payment details"), word("Bank's reference")}

// bankMappingNew shows an empty mapping editor.
func (s *server) bankMappingNew(w http.ResponseWriter, r *http.Request, q *request) {
	if _, _, err := s.app.Authorize(r.Context(), q.actor, q.org.Code, auth.EditCatalogs); err != nil {
		s.fail(w, r, q, err)
		return
	}
	f := formOfMapping(app.BankMapping{Mapping: bankcsv.Mapping{Delimiter: ';', HeaderRows: 1, DateLayout: "02.01.2006",
		DecimalComma: true, Currency: q.org.Currency.Code}})
	s.renderMapping(w, r, q, http.StatusOK, f)
}

// bankMappingEdit shows a saved mapping in the editor.
func (s *server) bankMappingEdit(w http.ResponseWriter, r *http.Request, q *request) {
	if _, _, err := s.app.Authorize(r.Context(), q.actor, q.org.Code, auth.EditCatalogs); err != nil {
		s.fail(w, r, q, err)
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	m, err := s.app.GetBankMapping(r.Context(), q.actor, q.org.Code, id)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	s.renderMapping(w, r, q, http.StatusOK, formOfMapping(m))
}

// bankMappingSave saves the editor's mapping, new or edited, and goes back
// to the bank page.
func (s *server) bankMappingSave(w http.ResponseWriter, r *http.Request, q *request) {
	if _, _, err := s.app.Authorize(r.Context(), q.actor, q.org.Code, auth.EditCatalogs); err != nil {
		s.fail(w, r, q, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, q, ledger.Errorf(ledger.EInvalid, "the form does not read"))
		return
	}
	var id int64
	if v := r.PathValue("id"); v != "" {
		id, _ = strconv.ParseInt(v, 10, 64)
		if id <= 0 {
			s.fail(w, r, q, ledger.Errorf(ledger.ENotFound, "mapping %d does not exist", id))
			return
		}
	}
	f := readMappingForm(r.PostForm, id)
	m, err := f.mapping()
	if err == nil {
		_, err = s.app.SaveBankMapping(r.Context(), q.actor, q.org.Code, m)
	}
	if err != nil {
		if c := ledger.ErrorCode(err); c != ledger.EInvalid && c != ledger.EConflict {
			s.fail(w, r, q, err)
			return
		}
		p := s.newPage(r, q, i18n.T(q.lang, "Bank statement mapping"))
		p.Nav, p.Error = "bank", i18n.Error(err, q.lang)
		s.render(w, r, bankStatus(ledger.ErrorCode(err)), "bank_mapping", "", &mappingData{page: p, Form: f})
		return
	}
	http.Redirect(w, r, "/o/"+url.PathEscape(q.org.Code)+"/bank", http.StatusSeeOther)
}

func (s *server) renderMapping(w http.ResponseWriter, r *http.Request, q *request, status int, f *mappingForm) {
	p := s.newPage(r, q, i18n.T(q.lang, "Bank statement mapping"))
	p.Nav = "bank"
	s.render(w, r, status, "bank_mapping", "", &mappingData{page: p, Form: f})
}

// ThousandsSeps are the thousands separators to choose from.
func (p *page) ThousandsSeps() map[string]string {
	return map[string]string{"": p.T("none"), " ": p.T("space"), ".": ".", ",": ",", "'": "'"}
}
