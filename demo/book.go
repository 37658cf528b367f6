package demo

import (
	"errors"
	"fmt"
	"math"
	"math/bits"

	"hasap/doc"
	"hasap/ledger"
	"hasap/money"
)

// The accounts of the cis chart the demo posts to.
const (
	accOpening      ledger.AccountCode = "000"
	accFixedAssets  ledger.AccountCode = "01"
	accDepreciation ledger.AccountCode = "02"
	accVATGoods     ledger.AccountCode = "19.03"
	accVATServices  ledger.AccountCode = "19.04"
	accAdmin        ledger.AccountCode = "26"
	accGoods        ledger.AccountCode = "41.01"
	accSelling      ledger.AccountCode = "44"
	accCash         ledger.AccountCode = "50.01"
	accBank         ledger.AccountCode = "51"
	accCurrency     ledger.AccountCode = "52"
	accSuppliers    ledger.AccountCode = "60.01"
	accSuppliersCur ledger.AccountCode = "60.21"
	accCustomers    ledger.AccountCode = "62.01"
	accIncomeTax    ledger.AccountCode = "68.01"
	accVAT          ledger.AccountCode = "68.02"
	accPension      ledger.AccountCode = "69.02"
	accPayroll      ledger.AccountCode = "70"
	accAccountable  ledger.AccountCode = "71.01"
	accOtherSettle  ledger.AccountCode = "76.09"
	accCapital      ledger.AccountCode = "80"
	accRetained     ledger.AccountCode = "84"
	accRevenue      ledger.AccountCode = "90.01"
	accCostOfSales  ledger.AccountCode = "90.02"
	accSalesVAT     ledger.AccountCode = "90.03"
	accSellingCost  ledger.AccountCode = "90.07"
	accAdminCost    ledger.AccountCode = "90.08"
	accSalesResult  ledger.AccountCode = "90.09"
	accOtherExpense ledger.AccountCode = "91.02"
	accOtherResult  ledger.AccountCode = "91.09"
	accProfit       ledger.AccountCode = "99"
)

// needs lists every account the demo posts to with the flags its postings
// rely on, so that a chart that changed under the demo is reported before
// anything is posted, naming every account that does not fit.
var needs = []struct {
	code          ledger.AccountCode
	quantity, cur bool
}{
	{accOpening, false, false}, {accFixedAssets, false, false}, {accDepreciation, false, false},
	{accVATGoods, false, false}, {accVATServices, false, false}, {accAdmin, false, false},
	{accGoods, true, false}, {accSelling, false, false}, {accCash, false, false},
	{accBank, false, false}, {accCurrency, false, true}, {accSuppliers, false, false},
	{accSuppliersCur, false, true}, {accCustomers, false, false}, {accIncomeTax, false, false},
	{accVAT, false, false}, {accPension, false, false}, {accPayroll, false, false},
	{accAccountable, false, false}, {accOtherSettle, false, false},
	{accCapital, false, false}, {accRetained, false, false}, {accRevenue, false, false},
	{accCostOfSales, false, false}, {accSalesVAT, false, false}, {accSellingCost, false, false},
	{accAdminCost, false, false}, {accSalesResult, false, false}, {accOtherExpense, false, false},
	{accOtherResult, false, false}, {accProfit, false, false},
}

// checkChart reports every account the demo needs that the chart lacks or
// keeps differently.
func checkChart(chart ledger.Chart) error {
	var errs []error
	for _, n := range needs {
		a, ok := chart[n.code]
		switch {
		case !ok:
			errs = append(errs, fmt.Errorf("account %s is missing", n.code))
		case a.Group || a.Inactive:
			errs = append(errs, fmt.Errorf("account %s takes no postings (group or inactive)", n.code))
		case n.quantity && !a.Quantity:
			errs = append(errs, fmt.Errorf("account %s is not kept in quantities", n.code))
		case n.cur && !a.Currency:
			errs = append(errs, fmt.Errorf("account %s is not kept in foreign currency", n.code))
		}
	}
	if errs != nil {
		return ledger.Errorf(ledger.EInternal, "demo: the cis chart does not fit the demo: %s", errors.Join(errs...).Error())
	}
	return nil
}

// refs are the analytics a document knows about; side takes from them the
// ones the account asks for, in the chart's order. A document can so name
// its counterparty once and let each account pick what it keeps.
type refs struct {
	party, contract, item, warehouse, employee, asset, cashflow ledger.AnalyticID
}

func (r refs) of(k ledger.AnalyticKind) ledger.AnalyticID {
	switch k {
	case ledger.Counterparty:
		return r.party
	case ledger.Contract:
		return r.contract
	case ledger.Item:
		return r.item
	case ledger.Warehouse:
		return r.warehouse
	case ledger.Employee:
		return r.employee
	case ledger.FixedAsset:
		return r.asset
	case ledger.CashFlowItem:
		return r.cashflow
	}
	return 0
}

// side builds one side of a posting to account code with the analytics the
// chart requires for it. A required analytic the document does not know is
// a bug of the demo: it is recorded and the entry is never posted.
func (s *sim) side(code ledger.AccountCode, r refs) ledger.Side {
	sd := ledger.Side{Account: code}
	a, ok := s.chart[code]
	if !ok {
		s.fail(fmt.Errorf("account %s is not in the chart", code))
		return sd
	}
	for i, k := range a.Analytics {
		id := r.of(k)
		if id == 0 {
			s.fail(fmt.Errorf("account %s requires a %s the document does not name", code, k))
		}
		sd.Analytics[i] = id
	}
	return sd
}

// withQty returns sd carrying q units (whole units, not thousandths).
func withQty(sd ledger.Side, units int64) ledger.Side {
	sd.Qty = ledger.Quantity(units * qtyUnit)
	return sd
}

// withUSD returns sd carrying a US dollar amount in cents.
func withUSD(sd ledger.Side, cents money.Amount) ledger.Side {
	sd.Currency, sd.CurAmount = "USD", cents
	return sd
}

// qtyUnit is one whole unit in ledger.Quantity (thousandths).
const qtyUnit = 1000

// entry starts a manual operation: the postings of what has no document
// type yet (payroll, depreciation, a transfer between warehouses...), with
// description as its comment.
func (s *sim) entry(date ledger.Date, description string) *ledger.Entry {
	return &ledger.Entry{Date: date, Description: description}
}

// add appends the posting Dt dt Kt kt amount to e.
func add(e *ledger.Entry, dt, kt ledger.Side, amount money.Amount) {
	e.Postings = append(e.Postings, ledger.Posting{Debit: dt, Credit: kt, Amount: amount})
}

// post posts e as a manual operation, after checking that no cash, bank,
// currency or stock balance would go below zero.
func (s *sim) post(e *ledger.Entry) error {
	if s.err != nil {
		return fmt.Errorf("demo: %s: %w", e.Description, s.err)
	}
	if err := s.books.check(e); err != nil {
		return fmt.Errorf("demo: %s: %w", e.Description, err)
	}
	_, err := s.submit(doc.Document{Type: doc.Manual, Date: e.Date, Postings: e.Postings, Comment: e.Description})
	return err
}

// submit drafts d and posts it at once through the app
// (CreateAndPostDocument: numbering, the role check, the posting rule and
// the audit log as for a user who saves and posts, in one commit), and
// brings the sim's own view of the balances up to date from the entry the
// posting rule made. It returns the document's id and entry. The rules
// refuse a sale of goods that are not in stock; money the sim pays out is
// checked before (haveFunds, bank), and once more here: an entry that took
// cash, the bank or a stock below zero stops the demo.
func (s *sim) submit(d doc.Document) (posted, error) {
	what := fmt.Sprintf("%s %s %s", d.Type, d.Date, d.Comment)
	if s.err != nil {
		return posted{}, fmt.Errorf("demo: %s: %w", what, s.err)
	}
	made, e, err := s.app.CreateAndPostDocument(s.ctx, s.actor, Code, d)
	if err != nil {
		return posted{}, fmt.Errorf("demo: post %s: %w", what, err)
	}
	if err := s.books.apply(&e); err != nil {
		return posted{}, fmt.Errorf("demo: %s: %w", made.Ref(), err)
	}
	if err := s.books.negative(&e); err != nil {
		return posted{}, fmt.Errorf("demo: %s: %w", made.Ref(), err)
	}
	s.stats.Documents++
	s.stats.Entries++
	s.stats.Postings += len(e.Postings)
	return posted{id: made.ID, entry: e}, nil
}

// posted is a document the sim posted: its id, and its entry, whose
// description names it as on paper ("Hasap-faktura № 12, 03.02.2025").
type posted struct {
	id    int64
	entry ledger.Entry
}

// credited returns what e credits to account acc (what a purchase owes
// the supplier), in manat and in the currency.
func (s *sim) credited(e ledger.Entry, acc ledger.AccountCode) (amount, cur money.Amount) {
	for _, p := range e.Postings {
		if p.Credit.Account == acc {
			amount, cur = s.plus(amount, p.Amount), s.plus(cur, p.Credit.CurAmount)
		}
	}
	return amount, cur
}

// debited returns what e debits to account acc (what a sale is owed).
func (s *sim) debited(e ledger.Entry, acc ledger.AccountCode) money.Amount {
	var amount money.Amount
	for _, p := range e.Postings {
		if p.Debit.Account == acc {
			amount = s.plus(amount, p.Amount)
		}
	}
	return amount
}

// withParty returns r with counterparty i and its contract.
func (s *sim) withParty(i int, r doc.Refs) doc.Refs {
	r.Counterparty, r.Contract = s.party[i], s.contract[i]
	return r
}

// fail records the first error of the simulation; post then refuses.
func (s *sim) fail(err error) {
	if s.err == nil {
		s.err = err
	}
}

// Checked arithmetic for the simulation: an overflow is recorded by fail and
// stops the next post, so that the document code can read straight down.

func (s *sim) plus(a, b money.Amount) money.Amount {
	c, err := money.Add(a, b)
	if err != nil {
		s.fail(err)
	}
	return c
}

func (s *sim) minus(a, b money.Amount) money.Amount {
	c, err := money.Sub(a, b)
	if err != nil {
		s.fail(err)
	}
	return c
}

func (s *sim) times(a money.Amount, n int64) money.Amount {
	c, err := money.Mul(a, n)
	if err != nil {
		s.fail(err)
	}
	return c
}

// ratio returns a×num/den rounded half away from zero.
func (s *sim) ratio(a money.Amount, num, den int64) money.Amount {
	c, err := ratio(a, num, den)
	if err != nil {
		s.fail(err)
	}
	return c
}

// ratio returns a×num/den rounded half away from zero (num ≥ 0, den > 0).
// This is the rounding of every tax and cost the demo computes: VAT of a
// document line, income tax and pension of a salary, the cost of goods
// sold from the average cost.
func ratio(a money.Amount, num, den int64) (money.Amount, error) {
	if num < 0 || den <= 0 {
		return 0, fmt.Errorf("ratio %d/%d: need num ≥ 0 and den > 0", num, den)
	}
	neg := a < 0
	ua := uint64(a)
	if neg {
		ua = uint64(-(a + 1)) + 1
	}
	hi, lo := bits.Mul64(ua, uint64(num))
	if hi >= uint64(den) {
		return 0, money.ErrOverflow
	}
	q, r := bits.Div64(hi, lo, uint64(den))
	if r >= uint64(den)-r { // 2r ≥ den: half or more rounds away from zero
		q++
	}
	if q > math.MaxInt64 {
		return 0, money.ErrOverflow
	}
	if neg {
		return -money.Amount(q), nil
	}
	return money.Amount(q), nil
}

// convertUSD returns the manat value of cents at the demo's fixed rate,
// rounded half away from zero.
func (s *sim) convertUSD(cents money.Amount) money.Amount {
	v, err := usdRate.Convert(cents, usd, tmt)
	if err != nil {
		s.fail(err)
	}
	return v
}

var (
	usdRate = money.MustRate("3.50")
	usd     = money.MustLookup("USD")
	tmt     = money.MustLookup("TMT")
)
