package sheets

import (
	"hasap/app"
	"hasap/i18n"
	"hasap/ledger"
	"hasap/money"
	"hasap/report/sheet"
	"hasap/settle"
)

// CounterpartyBalances is the sheet of every counterparty's balance on
// the settlement accounts: code, name, receivable, payable, advances
// received and paid, the net (debit positive), and the totals.
func CounterpartyBalances(bs []app.CounterpartyBalance, org ledger.Org, lang string) (*sheet.Sheet, error) {
	exp := org.Currency.Exponent
	m := func(title string) sheet.Column {
		return sheet.Column{Title: i18n.T(lang, title), Kind: sheet.Money, Exp: exp}
	}
	sh := &sheet.Sheet{Name: "counterparty-balances", Title: i18n.T(lang, "Settlements with counterparties"), Lines: []string{orgLine(org)},
		Columns: []sheet.Column{{Title: i18n.T(lang, "Code"), Width: 10}, {Title: i18n.T(lang, "Counterparty"), Width: 32},
			m(i18n.T(lang, "Receivable")), m(i18n.T(lang, "Payable")),
			m(i18n.T(lang, "Advances received")), m(i18n.T(lang, "Advances paid")), m(i18n.T(lang, "Balance"))}, Landscape: true}
	var total settle.Balance
	add := func(style sheet.Style, code, title string, b settle.Balance) error {
		net, err := b.Net()
		if err != nil {
			return err
		}
		sh.Add(style, 0, sheet.T(code), sheet.T(title), sheet.NZ(b.Receivable), sheet.NZ(b.Payable), sheet.NZ(b.AdvancesReceived),
			sheet.NZ(b.AdvancesPaid), sheet.M(net))
		return nil
	}
	for _, b := range bs {
		c := b.Counterparty
		if err := add(sheet.Plain, c.Code, name(c.Names, c.Code, lang), b.Balance); err != nil {
			return nil, err
		}
		for _, p := range [][2]*money.Amount{{&total.Receivable, &b.Receivable}, {&total.Payable, &b.Payable},
			{&total.AdvancesReceived, &b.AdvancesReceived}, {&total.AdvancesPaid, &b.AdvancesPaid}} {
			var err error
			if *p[0], err = money.Add(*p[0], *p[1]); err != nil {
				return nil, ledger.Errorf(ledger.EInvalid, "settlement amounts out of range")
			}
		}
	}
	if err := add(sheet.Total, i18n.T(lang, "Total"), "", total); err != nil {
		return nil, err
	}
	return sh, nil
}
