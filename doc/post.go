package doc

import (
	"fmt"
	"strconv"
	"strings"

	"hasap/ledger"
	"hasap/money"
)

// StockKey names the stock of one item in one warehouse.
type StockKey struct {
	Item, Warehouse ledger.AnalyticID
}

// Stock is what is on hand of an item in a warehouse before the document:
// its quantity and its cost (the balance of 41.01 for that item and
// warehouse).
type Stock struct {
	Qty    ledger.Quantity
	Amount money.Amount
}

// Inputs are what a posting rule needs from the books and may not read
// itself: the store or the application gathers them for the document's
// date and hands them to Post.
type Inputs struct {
	// Chart is the organisation's chart: it says which analytics, currency
	// and quantities each account takes.
	Chart ledger.Chart
	// Catalog, when set, lets Post check the finished entry with
	// ledger's Validate, analytics kinds included (the store checks again
	// before it posts).
	Catalog ledger.Catalog
	// Base is the organisation's base currency; the zero value means TMT.
	Base money.Currency
	// Stock holds the stock on hand of the items a sale takes out of
	// warehouses, for the average cost: the balance of the goods account
	// (quantity and amount) per item and warehouse at the end of the
	// document's date, without the document's own entries (which a
	// repost has stornoed anyway). An item missing from the map has none.
	Stock map[StockKey]Stock
	// Balances holds the balances of the settlement accounts Needs names,
	// per counterparty and contract, at the end of the document's date,
	// without the document's own entries (which a repost has stornoed
	// anyway): the debt a payment settles before the rest becomes an
	// advance, the advance a sale or a purchase offsets, the VAT charged on
	// it. A key missing from the map has a zero balance.
	Balances map[BalanceKey]Balance
	// Rate is the Central Bank rate of the document's currency on its date
	// (not needed by opening balances and manual operations, which give
	// base amounts themselves).
	Rate money.Rate
	// Lang is the organisation's language for the entry's description:
	// tk, ru or en (anything else is taken as ru).
	Lang string
	// Names are what messages call catalog entries (items, warehouses), in
	// the reader's language; an id without a name is written as its number.
	Names map[ledger.AnalyticID]string

	// Ledger holds, for a closing document, the balances at the end of its
	// date of the accounts its ClosingNeeds names, per analytics and
	// currency. Rates holds the Central Bank rate on that date of each
	// currency they keep (revaluation); Profit the year's profit before
	// tax and the tax accrued (profit tax).
	Ledger []AccountBalance
	Rates  map[string]money.Rate
	Profit ProfitToDate
}

// Post runs d's posting rule with settings s and returns the entry it
// makes: one balanced entry whose postings carry the analytics the chart
// requires, the currency amounts of currency accounts and the quantities
// of quantity accounts, dated d.Date, with a description naming the
// document in in.Lang and d.Ref() as its document reference. Post is a
// pure function: the same document, settings and inputs give the same
// entry. It returns EInvalid errors that name the field or line at fault
// (and for an order, which does not post), and EConflict for a document
// that is posted or cancelled.
func Post(d Document, s Settings, in Inputs) (ledger.Entry, error) {
	ps, err := Preview(d, s, in)
	if err != nil {
		return ledger.Entry{}, err
	}
	e := ledger.Entry{
		Date:        d.Date,
		Description: ledger.TruncateText(Describe(d, in.Lang), ledger.MaxTextLen),
		Document:    d.Ref(),
		Postings:    ps,
	}
	if len(e.Postings) == 0 && d.Type.Closing() {
		return ledger.Entry{}, ledger.Errorf(ledger.EInvalid, "there is nothing to close: the books are closed as this document would close them")
	}
	if len(e.Postings) == 0 {
		return ledger.Entry{}, ledger.Errorf(ledger.EInvalid, "the document posts nothing: its lines have no amounts")
	}
	if len(e.Postings) > ledger.MaxPostingsPerEntry {
		return ledger.Entry{}, ledger.Errorf(ledger.EInvalid, "an entry needs 1 to %d postings, this one has %d", ledger.MaxPostingsPerEntry, len(e.Postings))
	}
	if in.Catalog != nil {
		base := in.Base
		if base.Code == "" {
			base = money.MustLookup("TMT")
		}
		org := ledger.Org{Currency: base, LockDate: ledger.NoDate}
		if err := e.Validate(&org, in.Chart, in.Catalog); err != nil {
			return ledger.Entry{}, err
		}
	}
	return e, nil
}

// Preview runs d's posting rule as Post does and returns its postings,
// without checking that there are any: a closing document whose books are
// already where it would bring them previews no postings.
func Preview(d Document, s Settings, in Inputs) ([]ledger.Posting, error) {
	if !d.Type.Posts() {
		return nil, ledger.Errorf(ledger.EInvalid, "an order does not post: create an invoice from it")
	}
	b, err := newBuilder(d, s, in)
	if err != nil {
		return nil, err
	}
	rule, ok := rules[d.Type]
	if !ok {
		return nil, ledger.Errorf(ledger.EInvalid, "unknown document type %q", string(d.Type))
	}
	if err := rule(b); err != nil {
		return nil, err
	}
	if d.Type == Manual {
		return b.postings, nil
	}
	return merge(b.postings), nil
}

// Ref is the reference an entry keeps of the document it came from:
// "sales_invoice/2025/12". It is stable, machine-readable and unique per
// organisation.
func (d Document) Ref() string {
	return fmt.Sprintf("%s/%d/%d", d.Type, d.Year, d.Number)
}

// ParseRef reads a reference Ref wrote: the document's type, year and
// number. ok is false for anything else (an entry typed by hand may carry
// any text there).
func ParseRef(ref string) (t Type, year int, number int64, ok bool) {
	parts := strings.Split(ref, "/")
	if len(parts) != 3 || !Type(parts[0]).Valid() {
		return "", 0, 0, false
	}
	y, err1 := strconv.Atoi(parts[1])
	n, err2 := strconv.ParseInt(parts[2], 10, 64)
	if err1 != nil || err2 != nil || y <= 0 || n <= 0 || fmt.Sprintf("%s/%d/%d", parts[0], y, n) != ref {
		return "", 0, 0, false
	}
	return Type(parts[0]), y, n, true
}

// builder collects the postings of one document.
type builder struct {
	d        Document
	s        Settings
	in       Inputs
	base     money.Currency
	cur      money.Currency // the document's currency when foreign
	foreign  bool
	rate     money.Rate
	streams  map[string]*stream
	stock    map[StockKey]Stock     // what is left as the rule takes goods out
	bal      map[BalanceKey]Balance // what is left as the rule settles and offsets
	owed     dues                   // what a sale or a purchase makes owed, per contract
	postings []ledger.Posting
}

// stream converts a sequence of amounts to the base currency by running
// totals, so that the converted amounts add up to the conversion of their
// sum exactly (an invoice of 1 000.00 USD at 3.5 is 3 500.00 TMT on 62
// however many lines it has).
type stream struct{ sum, sumBase money.Amount }

func newBuilder(d Document, s Settings, in Inputs) (*builder, error) {
	if err := d.check(); err != nil {
		return nil, err
	}
	if in.Chart == nil {
		return nil, ledger.Errorf(ledger.EInternal, "posting a document needs the chart of accounts")
	}
	b := &builder{d: d, s: s, in: in, base: in.Base, streams: map[string]*stream{}, stock: map[StockKey]Stock{}, bal: map[BalanceKey]Balance{}}
	if b.base.Code == "" {
		b.base = money.MustLookup("TMT")
	}
	if d.Currency == "" {
		return b, nil
	}
	c, err := money.Lookup(d.Currency)
	if err != nil || c.Code != d.Currency {
		return nil, ledger.Errorf(ledger.EInvalid, "unknown currency %q", d.Currency)
	}
	if c == b.base {
		return nil, ledger.Errorf(ledger.EInvalid, "%s is the base currency: leave the currency empty", c.Code)
	}
	b.cur, b.foreign, b.rate = c, true, in.Rate
	if b.rate.IsZero() {
		b.rate = d.Rate
	}
	return b, nil
}

// check validates what every document needs, whatever its type.
func (d Document) check() error {
	switch {
	case !d.Type.Valid():
		return ledger.Errorf(ledger.EInvalid, "unknown document type %q", string(d.Type))
	case d.Status == Posted:
		return ledger.Errorf(ledger.EConflict, "the document is posted already: unpost it first")
	case d.Status == Cancelled:
		return ledger.Errorf(ledger.EConflict, "a cancelled document cannot be posted: restore it to a draft first")
	case d.Status != Draft && d.Status != "":
		return ledger.Errorf(ledger.EInvalid, "unknown document status %q", string(d.Status))
	case d.Number <= 0:
		return ledger.Errorf(ledger.EInvalid, "the document has no number: save it first")
	case d.Date == ledger.NoDate || d.Date.Year() < 1900 || d.Date.Year() > 9999:
		return ledger.Errorf(ledger.EInvalid, "the date is required")
	case d.Date.Year() != d.Year:
		return ledger.Errorf(ledger.EInvalid, "the date %s is outside the year %d of the document's number", d.Date.String(), d.Year)
	case len(d.Lines) > MaxLines:
		return ledger.Errorf(ledger.EInvalid, "a document holds at most %d lines", MaxLines)
	case d.VATRounding != "" && d.VATRounding != PerLine && d.VATRounding != PerDocument:
		return ledger.Errorf(ledger.EInvalid, "unknown VAT rounding %q", string(d.VATRounding))
	case len(d.Comment) > MaxComment:
		return ledger.Errorf(ledger.EInvalid, "the comment is longer than %d bytes", MaxComment)
	case len(d.Basis) > MaxText:
		return ledger.Errorf(ledger.EInvalid, "the basis is longer than %d bytes", MaxText)
	case len(d.Person) > MaxText:
		return ledger.Errorf(ledger.EInvalid, "the person's name is longer than %d bytes", MaxText)
	case len(d.Attachment) > MaxText:
		return ledger.Errorf(ledger.EInvalid, "the attachment is longer than %d bytes", MaxText)
	}
	for i, l := range d.Lines {
		if len(l.Supporting) > MaxText {
			return lineErr(i, ledger.Errorf(ledger.EInvalid, "the supporting document is longer than %d bytes", MaxText))
		}
	}
	return nil
}

// toBase converts a of the document's currency to the base currency along
// the named stream; in the base currency it returns a as it is.
func (b *builder) toBase(name string, a money.Amount) (money.Amount, error) {
	if !b.foreign {
		return a, nil
	}
	if b.rate.IsZero() {
		return 0, ledger.Errorf(ledger.EInvalid, "no exchange rate of %s on %s", b.cur.Code, b.d.Date.String())
	}
	st := b.streams[name]
	if st == nil {
		st = &stream{}
		b.streams[name] = st
	}
	sum, err := money.Add(st.sum, a)
	if err != nil {
		return 0, errRange
	}
	sumBase, err := b.rate.Convert(sum, b.cur, b.base)
	if err != nil {
		return 0, errRange
	}
	out, err := money.Sub(sumBase, st.sumBase)
	if err != nil {
		return 0, errRange
	}
	st.sum, st.sumBase = sum, sumBase
	return out, nil
}

// side builds the debit or credit side (which) of a posting to account
// acct: its analytics from refs in the order the chart requires, qty when
// the account is kept in quantities, cur (the document's currency amount)
// when the account is a currency one and the document is in a foreign
// currency.
func (b *builder) side(which string, acct ledger.AccountCode, refs Refs, qty ledger.Quantity, cur money.Amount) (ledger.Side, error) {
	a, err := b.account(which, acct)
	if err != nil {
		return ledger.Side{}, err
	}
	s := ledger.Side{Account: acct}
	for i, k := range a.Analytics {
		if i >= ledger.MaxAnalytics {
			break
		}
		if s.Analytics[i] = refs.get(k); s.Analytics[i] == 0 {
			return ledger.Side{}, ledger.Errorf(ledger.EInvalid, "%s account %s requires %s", which, acct, k)
		}
	}
	if a.Quantity {
		s.Qty = qty
	}
	if a.Currency && b.foreign {
		s.Currency, s.CurAmount = b.cur.Code, cur
	}
	return s, nil
}

// account looks acct up in the chart and checks that it takes postings.
func (b *builder) account(which string, acct ledger.AccountCode) (*ledger.Account, error) {
	if acct == "" {
		return nil, ledger.Errorf(ledger.EInvalid, "the posting settings name no %s account for this document", which)
	}
	a, ok := b.in.Chart[acct]
	switch {
	case !ok:
		return nil, ledger.Errorf(ledger.ENotFound, "%s account %s does not exist", which, acct)
	case a.Group:
		return nil, ledger.Errorf(ledger.EInvalid, "%s account %s has sub-accounts; post to one of them", which, acct)
	case a.Inactive:
		return nil, ledger.Errorf(ledger.EInvalid, "%s account %s is deactivated", which, acct)
	}
	return a, nil
}

// add appends a posting unless it moves nothing.
func (b *builder) add(dt, kt ledger.Side, amount money.Amount) {
	if amount == 0 && dt.CurAmount == 0 && kt.CurAmount == 0 && dt.Qty == 0 && kt.Qty == 0 {
		return
	}
	b.postings = append(b.postings, ledger.Posting{Debit: dt, Credit: kt, Amount: amount})
}

// leg is one posting as a rule describes it: accounts with their refs,
// the base amount, the document-currency amount and the quantity (which go
// on whichever side takes them).
type leg struct {
	dt, kt         ledger.AccountCode
	dtRefs, ktRefs Refs
	amount, cur    money.Amount
	qty            ledger.Quantity
}

// post builds and appends the posting of l.
func (b *builder) post(l leg) error {
	dt, err := b.side("debit", l.dt, l.dtRefs, l.qty, l.cur)
	if err != nil {
		return err
	}
	kt, err := b.side("credit", l.kt, l.ktRefs, l.qty, l.cur)
	if err != nil {
		return err
	}
	b.add(dt, kt, l.amount)
	return nil
}

// mergeKey is what postings must share to be merged into one.
type mergeKey struct {
	dt, kt     sideKey
	neg        bool
	negQ, negC bool
}

type sideKey struct {
	acct     ledger.AccountCode
	an       [ledger.MaxAnalytics]ledger.AnalyticID
	currency string
}

// merge adds up postings with the same accounts, analytics and currency
// and amounts of the same sign, keeping the order of their first
// appearance: an invoice of forty lines makes one Dt 62 Kt 90.01 posting,
// while each item keeps its own cost posting and a return stays a
// separate (red) posting.
func merge(ps []ledger.Posting) []ledger.Posting {
	var out []ledger.Posting
	at := map[mergeKey]int{}
	for _, p := range ps {
		k := mergeKey{
			dt:   sideKey{p.Debit.Account, p.Debit.Analytics, p.Debit.Currency},
			kt:   sideKey{p.Credit.Account, p.Credit.Analytics, p.Credit.Currency},
			neg:  p.Amount < 0,
			negQ: p.Debit.Qty < 0 || p.Credit.Qty < 0,
			negC: p.Debit.CurAmount < 0 || p.Credit.CurAmount < 0,
		}
		i, ok := at[k]
		if ok {
			q := out[i]
			sum, err1 := money.Add(q.Amount, p.Amount)
			dc, err2 := money.Add(q.Debit.CurAmount, p.Debit.CurAmount)
			kc, err3 := money.Add(q.Credit.CurAmount, p.Credit.CurAmount)
			dq, err4 := money.Add(money.Amount(q.Debit.Qty), money.Amount(p.Debit.Qty))
			kq, err5 := money.Add(money.Amount(q.Credit.Qty), money.Amount(p.Credit.Qty))
			if err1 == nil && err2 == nil && err3 == nil && err4 == nil && err5 == nil {
				q.Amount, q.Debit.CurAmount, q.Credit.CurAmount = sum, dc, kc
				q.Debit.Qty, q.Credit.Qty = ledger.Quantity(dq), ledger.Quantity(kq)
				out[i] = q
				continue
			}
		}
		at[k] = len(out)
		out = append(out, p)
	}
	return out
}

// Needs is what Post needs from the books for a document beyond the chart.
type Needs struct {
	// Stock: the items in warehouses whose stock a sale takes out, for
	// the average cost (Inputs.Stock).
	Stock []StockKey
	// Balances: the settlement balances per counterparty and contract a
	// payment splits on or a sale or a purchase offsets (Inputs.Balances).
	Balances []BalanceKey
	// Rate: the Central Bank rate of the day of the document's currency.
	Rate bool
}

// Needs says what Post needs from the books for d with settings s: the
// stock of which items in which warehouses (for the cost of goods a sale
// takes out), the balances of which settlement accounts for which
// counterparties and contracts (the debt a payment settles, the advance a
// sale or a purchase offsets, the VAT on it), and whether the rate of the
// day of d's currency. The store reads just these before it calls Post.
func (d Document) Needs(s Settings) Needs {
	var n Needs
	switch d.Type {
	case SalesInvoice, Waybill, Act:
		seen := map[StockKey]bool{}
		for _, l := range d.Lines {
			refs := l.Refs.over(d.Refs)
			k := StockKey{refs.Item, refs.Warehouse}
			if !l.Service && !seen[k] {
				seen[k] = true
				n.Stock = append(n.Stock, k)
			}
		}
	}
	n.Balances = d.balancesNeeded(s)
	n.Rate = d.Currency != "" && d.Type != OpeningBalances && d.Type != Manual && d.Type.Posts()
	return n
}
