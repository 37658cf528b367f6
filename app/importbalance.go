package app

import (
	"strings"

	"hasap/interop/ledgertext"
	"hasap/ledger"
	"hasap/money"
)

// setBase gives every posting its amount in the base currency and checks
// that the transaction balances: per commodity, or, as hledger allows, with
// two commodities left over whose implied price balances them.
func (im *importer) setBase(ps []jposting, date ledger.Date) error {
	sums := map[string]money.Amount{}
	var open []money.Currency // commodities that do not balance on their own, in order
	for _, p := range ps {
		s, err := money.Add(sums[p.wcur.Code], p.weight)
		if err != nil {
			return errf("amounts out of range")
		}
		sums[p.wcur.Code] = s
	}
	seen := map[string]bool{}
	for _, p := range ps {
		if sums[p.wcur.Code] != 0 && !seen[p.wcur.Code] {
			seen[p.wcur.Code] = true
			open = append(open, p.wcur)
		}
	}
	var implied *money.Currency
	switch len(open) {
	case 0:
	case 2:
		// hledger infers the price of the first commodity in the second;
		// the base currency's side is the one that is known exactly.
		implied = &open[1]
		if open[1].Code == im.org.Currency.Code {
			implied = &open[0]
		}
	default:
		var left []string
		for _, c := range open {
			left = append(left, money.Decimal(sums[c.Code], c.Exponent)+" "+c.Code)
		}
		return errf("transaction does not balance: %s left over", strings.Join(left, ", "))
	}
	converted := 0
	for i := range ps {
		p := &ps[i]
		if p.fixed || (implied != nil && p.wcur.Code == implied.Code) {
			continue
		}
		if err := im.toBase(p, date); err != nil {
			return err
		}
		converted++
	}
	if implied != nil {
		return im.impliedBase(ps, *implied)
	}
	return im.absorbRounding(ps, converted)
}

// toBase converts a posting's weight into the base currency at the rate of
// the day.
func (im *importer) toBase(p *jposting, date ledger.Date) error {
	r, err := im.rate(p.wcur, date)
	if err != nil {
		return err
	}
	if p.base, err = r.Convert(p.weight, p.wcur, im.org.Currency); err != nil {
		return errf("converting %s %s: %v", money.Decimal(p.weight, p.wcur.Exponent), p.wcur.Code, err)
	}
	return nil
}

// impliedBase gives the postings in cur the base amount that balances the
// rest, split in proportion to their amounts.
func (im *importer) impliedBase(ps []jposting, cur money.Currency) error {
	var rest money.Amount
	var idx []int
	var weights []money.Amount
	for i, p := range ps {
		if p.wcur.Code == cur.Code && !p.fixed {
			idx = append(idx, i)
			weights = append(weights, p.weight)
			continue
		}
		var err error
		if rest, err = money.Add(rest, p.base); err != nil {
			return errf("amounts out of range")
		}
	}
	parts, err := money.Prorate(-rest, weights)
	if err != nil {
		return errf("cannot infer the price of %s here: give the postings explicit prices with @ or @@", cur.Code)
	}
	for k, i := range idx {
		ps[i].base = parts[k]
	}
	return nil
}

// absorbRounding puts the few minor units that converting each posting
// separately can leave over onto the largest converted posting.
func (im *importer) absorbRounding(ps []jposting, converted int) error {
	var total money.Amount
	for _, p := range ps {
		var err error
		if total, err = money.Add(total, p.base); err != nil {
			return errf("amounts out of range")
		}
	}
	if total == 0 {
		return nil
	}
	if converted > 0 && abs(total) <= money.Amount(converted) {
		best := -1
		for i, p := range ps {
			if !p.fixed && (best < 0 || abs(p.base) > abs(ps[best].base)) {
				best = i
			}
		}
		ps[best].base -= total
		return nil
	}
	return errf("transaction does not balance in %s after conversion: off by %s; give prices with @ or @@",
		im.org.Currency.Code, money.Decimal(total, im.org.Currency.Exponent))
}

// assertAndTrack adds the postings to the running balances and checks the
// transaction's balance assertions. Assertions are checked in file order;
// hledger checks them in date order, which is the same for journals sorted
// by date (as every exporter writes them).
func (im *importer) assertAndTrack(t *ledgertext.Transaction, ps []jposting) error {
	for _, p := range ps {
		k := balanceKey{string(p.account.Code), p.cur.Code}
		s, err := money.Add(im.balances[k], p.amount)
		if err != nil {
			return errf("balance of %s out of range", p.account.Code)
		}
		im.balances[k] = s
	}
	for i := range t.Postings {
		tp := &t.Postings[i]
		if tp.Assertion.Kind == ledgertext.NoAssertion {
			continue
		}
		im.stats.Assertions++
		if err := im.checkAssertion(tp); err != nil {
			return lineError(tp.Line, err)
		}
	}
	return nil
}

func (im *importer) checkAssertion(tp *ledgertext.Posting) error {
	cur, want, err := im.amount(tp.Assertion.Amount)
	if err != nil {
		return err
	}
	inclusive := tp.Assertion.Kind == ledgertext.AssertSingleInclusive || tp.Assertion.Kind == ledgertext.AssertSoleInclusive
	sole := tp.Assertion.Kind == ledgertext.AssertSole || tp.Assertion.Kind == ledgertext.AssertSoleInclusive
	got := map[string]money.Amount{}
	for k, v := range im.balances {
		if k.account == tp.Account || (inclusive && strings.HasPrefix(k.account, tp.Account+":")) {
			if got[k.currency], err = money.Add(got[k.currency], v); err != nil {
				return errf("balance of %s out of range", tp.Account)
			}
		}
	}
	if got[cur.Code] != want {
		return errf("balance assertion failed: %s is %s %s, the journal says %s %s", tp.Account,
			money.Decimal(got[cur.Code], cur.Exponent), cur.Code, money.Decimal(want, cur.Exponent), cur.Code)
	}
	if sole {
		for c, v := range got {
			if c != cur.Code && v != 0 {
				return errf("balance assertion failed: %s also holds %d minor units of %s", tp.Account, v, c)
			}
		}
	}
	return nil
}

// piece is part of a debit posting matched with part of a credit posting.
type piece struct {
	d, c   int
	amount money.Amount
}

// pairUp turns balanced journal postings into Dt/Kt postings: debits and
// credits are matched in order, splitting a posting over several pairs where
// needed, so that every account's balance (in base, in currency and in
// quantity) stays exact.
func pairUp(ps []jposting, base money.Currency) ([]ledger.Posting, error) {
	var debits, credits, zeros []int
	for i, p := range ps {
		switch {
		case p.base > 0:
			debits = append(debits, i)
		case p.base < 0:
			credits = append(credits, i)
		case p.amount != 0 || p.side.Qty != 0:
			zeros = append(zeros, i)
		}
	}
	var pieces []piece
	di, ci := 0, 0
	var remD, remC money.Amount
	if len(debits) > 0 && len(credits) > 0 {
		remD, remC = ps[debits[0]].base, -ps[credits[0]].base
	}
	for di < len(debits) && ci < len(credits) {
		m := min(remD, remC)
		pieces = append(pieces, piece{debits[di], credits[ci], m})
		remD, remC = remD-m, remC-m
		if remD == 0 {
			if di++; di < len(debits) {
				remD = ps[debits[di]].base
			}
		}
		if remC == 0 {
			if ci++; ci < len(credits) {
				remC = -ps[credits[ci]].base
			}
		}
	}
	if di != len(debits) || ci != len(credits) {
		return nil, errf("transaction does not balance in %s", base.Code)
	}
	out, err := buildPairs(ps, pieces, base)
	if err != nil {
		return nil, err
	}
	return appendZeroBase(out, ps, zeros, debits, credits, base), nil
}

// buildPairs makes the postings of the pieces, sharing each journal
// posting's currency amount and quantity among its pieces in proportion.
func buildPairs(ps []jposting, pieces []piece, base money.Currency) ([]ledger.Posting, error) {
	byPosting := map[int][]int{} // journal posting → indexes into pieces
	for k, pc := range pieces {
		byPosting[pc.d] = append(byPosting[pc.d], k)
		byPosting[pc.c] = append(byPosting[pc.c], k)
	}
	out := make([]ledger.Posting, len(pieces))
	for k, pc := range pieces {
		out[k].Amount = pc.amount
		out[k].Debit.Account = ps[pc.d].side.Account
		out[k].Debit.Analytics = ps[pc.d].side.Analytics
		out[k].Credit.Account = ps[pc.c].side.Account
		out[k].Credit.Analytics = ps[pc.c].side.Analytics
	}
	for i, ks := range byPosting {
		p := &ps[i]
		weights := make([]money.Amount, len(ks))
		for n, k := range ks {
			weights[n] = pieces[k].amount
		}
		var cur []money.Amount
		var err error
		if p.cur.Code != base.Code {
			if cur, err = money.Prorate(abs(p.amount), weights); err != nil {
				return nil, errf("cannot split %s: %v", p.account.Code, err)
			}
		}
		var qty []money.Amount
		if p.side.Qty != 0 {
			if qty, err = money.Prorate(abs(money.Amount(p.side.Qty)), weights); err != nil {
				return nil, errf("cannot split the quantity of %s: %v", p.account.Code, err)
			}
		}
		for n, k := range ks {
			side := &out[k].Credit
			if pieces[k].d == i {
				side = &out[k].Debit
			}
			if cur != nil {
				side.Currency, side.CurAmount = p.cur.Code, cur[n]
			}
			if qty != nil {
				side.Qty = ledger.Quantity(qty[n])
			}
		}
	}
	return out, nil
}

// appendZeroBase keeps postings whose base amount rounds to zero but whose
// currency amount or quantity does not, paired with a zero amount against
// the transaction's first posting of the other side.
func appendZeroBase(out []ledger.Posting, ps []jposting, zeros, debits, credits []int, base money.Currency) []ledger.Posting {
	for _, i := range zeros {
		p := &ps[i]
		side := p.side
		if p.cur.Code != base.Code {
			side.Currency, side.CurAmount = p.cur.Code, abs(p.amount)
		}
		side.Qty = ledger.Quantity(abs(money.Amount(side.Qty)))
		var other ledger.Side
		if p.amount >= 0 {
			if len(credits) > 0 {
				other = ledger.Side{Account: ps[credits[0]].side.Account, Analytics: ps[credits[0]].side.Analytics}
			} else {
				other = ledger.Side{Account: side.Account, Analytics: side.Analytics}
			}
			out = append(out, ledger.Posting{Debit: side, Credit: other})
		} else {
			if len(debits) > 0 {
				other = ledger.Side{Account: ps[debits[0]].side.Account, Analytics: ps[debits[0]].side.Analytics}
			} else {
				other = ledger.Side{Account: side.Account, Analytics: side.Analytics}
			}
			out = append(out, ledger.Posting{Debit: other, Credit: side})
		}
	}
	return out
}
