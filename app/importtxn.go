package app

import (
	"strings"

	"hasap/interop/ledgertext"
	"hasap/ledger"
	"hasap/money"
)

// jposting is one journal posting on its way to becoming Dt/Kt sides.
type jposting struct {
	line    int
	account *ledger.Account
	cur     money.Currency
	amount  money.Amount // in cur
	weight  money.Amount // what it contributes to balancing, in wcur
	wcur    money.Currency
	base    money.Amount // in the base currency
	fixed   bool         // base is exact (base currency, or a cost in base)
	side    ledger.Side  // account, analytics and quantity
}

func (im *importer) transaction(t *ledgertext.Transaction) error {
	im.stats.Transactions++
	date := toDate(t.Date)
	ps := make([]jposting, 0, len(t.Postings)+1)
	elided := -1
	txTags := t.Tags()
	var virtual []jposting
	for i := range t.Postings {
		tp := &t.Postings[i]
		if tp.Elided {
			elided = i
			continue
		}
		jp, err := im.posting(tp, txTags)
		if err != nil {
			return err
		}
		if tp.Virtual {
			virtual = append(virtual, jp)
			continue
		}
		ps = append(ps, jp)
	}
	if elided >= 0 {
		var err error
		if ps, err = im.fillElided(ps, &t.Postings[elided], txTags); err != nil {
			return err
		}
	}
	if err := im.setBase(ps, date); err != nil {
		return err
	}
	if err := im.setVirtualBase(virtual, date); err != nil {
		return err
	}
	if err := im.assertAndTrack(t, append(ps, virtual...)); err != nil {
		return err
	}
	e := ledger.Entry{
		Date:        date,
		Description: t.Description,
		Document:    t.Code,
		Author:      im.actor.Name,
	}
	var err error
	if e.Postings, err = pairUp(ps, im.org.Currency); err != nil {
		return err
	}
	e.Postings = append(e.Postings, singleEntry(virtual, im.org.Currency)...)
	if len(e.Postings) == 0 {
		return nil // a transaction of zero amounts moves nothing
	}
	if _, err := im.p.Post(&e); err != nil {
		return err
	}
	im.stats.Entries++
	im.stats.Postings += len(e.Postings)
	return nil
}

// posting converts a journal posting with an amount.
func (im *importer) posting(tp *ledgertext.Posting, txTags []ledgertext.Tag) (jposting, error) {
	jp := jposting{line: tp.Line}
	var err error
	tags := tp.Tags()
	if tp.Virtual {
		jp.account, err = im.offBalanceAccount(tp.Account)
	} else {
		jp.account, err = im.account(tp.Account, nil)
	}
	if err != nil {
		return jp, err
	}
	if jp.cur, jp.amount, err = im.amount(tp.Amount); err != nil {
		return jp, err
	}
	jp.weight, jp.wcur = jp.amount, jp.cur
	if jp.cur.Code == im.org.Currency.Code {
		jp.base, jp.fixed = jp.amount, true
	}
	if tp.Cost.Kind != ledgertext.NoCost {
		if err := im.cost(&jp, tp.Cost); err != nil {
			return jp, err
		}
	}
	if err := im.sideDetails(&jp, tags, txTags); err != nil {
		return jp, err
	}
	return jp, nil
}

// cost applies "@ UNIT" or "@@ TOTAL": the posting balances by its cost.
func (im *importer) cost(jp *jposting, c ledgertext.Cost) error {
	pcur, pamt, err := im.amount(c.Amount)
	if err != nil {
		return err
	}
	if pamt < 0 {
		return errf("a price cannot be negative")
	}
	total := pamt
	if c.Kind == ledgertext.UnitCost {
		unit, err := money.ParseRate(c.Amount.Number)
		if err != nil {
			if c.Amount.Number == "0" || strings.Trim(c.Amount.Number, "0.") == "" {
				unit = money.Rate{}
			} else {
				return errf("price %s: %v", c.Amount.Number, err)
			}
		}
		if unit.IsZero() {
			total = 0
		} else if total, err = unit.Convert(abs(jp.amount), jp.cur, pcur); err != nil {
			return errf("price %s: %v", c.Amount.Number, err)
		}
	}
	if jp.amount < 0 {
		total = -total
	}
	jp.weight, jp.wcur = total, pcur
	if pcur.Code == im.org.Currency.Code {
		jp.base, jp.fixed = total, true
	}
	return nil
}

func abs(a money.Amount) money.Amount {
	if a < 0 {
		return -a
	}
	return a
}

// sideDetails reads analytics and quantity from the posting's tags (and the
// transaction's, as hledger lets postings inherit them).
func (im *importer) sideDetails(jp *jposting, tags, txTags []ledgertext.Tag) error {
	jp.side.Account = jp.account.Code
	find := func(name string) (string, bool) {
		for _, list := range [][]ledgertext.Tag{tags, txTags} {
			for _, t := range list {
				if t.Name == name {
					return t.Value, true
				}
			}
		}
		return "", false
	}
	for i, kind := range jp.account.Analytics {
		code, ok := find(string(kind))
		if !ok || code == "" {
			return errf("account %s requires %s: add a tag \"%s: CODE\" to the posting", jp.account.Code, kind, kind)
		}
		id, err := im.analytic(kind, code)
		if err != nil {
			return err
		}
		jp.side.Analytics[i] = id
	}
	if q, ok := find("qty"); ok {
		v, err := money.ParseDecimal(q, ledger.QuantityExp)
		if err != nil {
			return errf("quantity %q: %v", q, err)
		}
		jp.side.Qty = ledger.Quantity(v)
	}
	return nil
}

func (im *importer) analytic(kind ledger.AnalyticKind, code string) (ledger.AnalyticID, error) {
	k := analyticKey{kind, code}
	if id, ok := im.analytics[k]; ok {
		return id, nil
	}
	a := ledger.Analytic{Kind: kind, Code: code, Names: ledger.Names{TK: code, RU: code, EN: code}}
	if err := im.p.AddAnalytic(&a); err != nil {
		return 0, err
	}
	im.analytics[k] = a.ID
	return a.ID, nil
}

// fillElided gives the posting without an amount what balances the others:
// one posting per commodity left over, as hledger does.
func (im *importer) fillElided(ps []jposting, tp *ledgertext.Posting, txTags []ledgertext.Tag) ([]jposting, error) {
	acct, err := im.account(tp.Account, nil)
	if err != nil {
		return nil, err
	}
	sums := map[string]money.Amount{}
	var order []money.Currency
	for _, p := range ps {
		if _, ok := sums[p.wcur.Code]; !ok {
			order = append(order, p.wcur)
		}
		if sums[p.wcur.Code], err = money.Add(sums[p.wcur.Code], p.weight); err != nil {
			return nil, errf("amounts out of range")
		}
	}
	for _, c := range order {
		if sums[c.Code] == 0 {
			continue
		}
		jp := jposting{line: tp.Line, account: acct, cur: c, amount: -sums[c.Code], weight: -sums[c.Code], wcur: c}
		if c.Code == im.org.Currency.Code {
			jp.base, jp.fixed = jp.amount, true
		}
		if err := im.sideDetails(&jp, tp.Tags(), txTags); err != nil {
			return nil, err
		}
		ps = append(ps, jp)
	}
	return ps, nil
}

// offBalanceAccount returns the account a virtual posting "(name)" names,
// creating it as an off-balance account when the chart lacks it: virtual
// postings are single-entry, which only off-balance accounts allow.
func (im *importer) offBalanceAccount(name string) (*ledger.Account, error) {
	code := ledger.AccountCode(name)
	if a, ok := im.p.Chart()[code]; ok {
		return a, nil
	}
	a := ledger.Account{Code: code, Kind: ledger.ActivePassive, Class: ledger.OffBalance, Currency: true, Quantity: true,
		Names: ledger.Names{TK: name, RU: name, EN: name}}
	if err := im.p.AddAccount(a); err != nil {
		return nil, err
	}
	im.stats.AccountsCreated++
	return im.p.Chart()[code], nil
}

// setVirtualBase gives virtual postings their base amounts; they balance
// nothing, so each converts on its own.
func (im *importer) setVirtualBase(ps []jposting, date ledger.Date) error {
	for i := range ps {
		p := &ps[i]
		if p.fixed {
			continue
		}
		if err := im.toBase(p, date); err != nil {
			return err
		}
	}
	return nil
}

// singleEntry makes the one-sided postings of virtual journal postings: a
// positive amount debits the account, a negative one credits it.
func singleEntry(ps []jposting, base money.Currency) []ledger.Posting {
	out := make([]ledger.Posting, 0, len(ps))
	for _, p := range ps {
		side := p.side
		if p.cur.Code != base.Code {
			side.Currency, side.CurAmount = p.cur.Code, abs(p.amount)
		}
		side.Qty = ledger.Quantity(abs(money.Amount(side.Qty)))
		if p.amount >= 0 && p.base >= 0 {
			out = append(out, ledger.Posting{Debit: side, Amount: p.base})
		} else {
			out = append(out, ledger.Posting{Credit: side, Amount: -p.base})
		}
	}
	return out
}
