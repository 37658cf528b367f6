package demo

import (
	"context"
	"math/rand/v2"
	"time"

	"hasap/app"
	"hasap/ledger"
	"hasap/money"
)

// sim runs the demo company through its year, one calendar day at a time,
// and posts what happens through the app.
type sim struct {
	ctx   context.Context
	app   *app.App
	chart ledger.Chart
	rng   *rand.Rand
	// first and last are the first and last day of activity; year is
	// first's, the year of the contracts.
	first, last ledger.Date
	year        int
	actor       app.Actor // who drafts and posts: the system, writing in Turkmen
	err         error     // the first arithmetic or chart error; post refuses after it
	books       *books
	stats       Stats
	done        map[string]int // monthly chores: the month (YYYYMM) each was last done

	// Analytic ids, indexed like the catalogs.
	party, contract []ledger.AnalyticID
	item            []ledger.AnalyticID
	wh              [2]ledger.AnalyticID
	emp, asset      []ledger.AnalyticID
	cf              [nCashflow]ledger.AnalyticID

	price []money.Amount // sale price of one unit with VAT, TMT
	cost  []money.Amount // usual purchase cost of one unit without VAT, TMT
	base  [][2]int64     // stock each warehouse aims to hold, whole units

	delivered []int // deliveries to each customer this month, billed next month

	recv  []bill // customers' invoices not yet paid
	payb  []bill // what the company owes: suppliers, services, customs
	wages []wage // net salaries to pay
	taxes []tax  // taxes to pay
}

// bill is an invoice to be settled on or after date on.
type bill struct {
	doc     int64  // the invoice's document, 0 for an opening balance
	ref     string // the invoice as on paper, "" for an opening balance
	party   int
	account ledger.AccountCode
	on      ledger.Date
	amount  money.Amount // TMT
	cents   money.Amount // USD, for 60.21
	paid    bool
}

type wage struct {
	emp    int
	on     ledger.Date
	amount money.Amount
	paid   bool
}

type tax struct {
	account ledger.AccountCode
	what    string
	on      ledger.Date
	amount  money.Amount
	paid    bool
}

// seed fixes the demo: the same seed and year give the same books.
const seed1, seed2 = 0x4861736170, 0x416b596f6c // "Hasap", "AkYol"

func newSim(ctx context.Context, a *app.App, chart ledger.Chart, first, last ledger.Date) *sim {
	actor := app.System
	actor.Lang = "tk" // the entries' descriptions are written in the organisation's language
	s := &sim{
		ctx: ctx, app: a, chart: chart, first: first, last: last, year: first.Year(), actor: actor,
		rng:   rand.New(rand.NewPCG(seed1, seed2)),
		books: newBooks(),
		done:  map[string]int{},
		party: make([]ledger.AnalyticID, len(parties)), contract: make([]ledger.AnalyticID, len(parties)),
		item: make([]ledger.AnalyticID, len(goods)), delivered: make([]int, len(parties)),
		emp: make([]ledger.AnalyticID, len(staff)), asset: make([]ledger.AnalyticID, len(assets)),
		price: make([]money.Amount, len(goods)), cost: make([]money.Amount, len(goods)),
		base: make([][2]int64, len(goods)),
	}
	for i, gd := range goods {
		c := gd.cost
		if parties[gd.supplier].usd {
			c = s.convertUSD(c)
		}
		s.cost[i] = c
		s.price[i] = s.ratio(s.ratio(c, 100+gd.markupPct, 100), 100+vatPct, 100)
		// Each warehouse aims at a stock worth about a month of sales:
		// 25 000 TMT of an item in Ashgabat, 10 000 in Mary (minor units).
		// Imported goods come every two months, so more of them is held.
		value := [2]int64{2_500_000, 1_000_000}
		if parties[gd.supplier].usd {
			value = [2]int64{4_500_000, 1_500_000}
		}
		for w := range value {
			s.base[i][w] = max(5, value[w]/int64(c))
		}
	}
	return s
}

// vatPct is the VAT rate, 15 %: the rate of the demo year, fixed here
// because the demo is data, not the tax engine.
const vatPct = 15

// run posts the opening balances and then every day of the period. The
// month's end is run for the months that end within it: the current month
// of a demo ending today is still open.
func (s *sim) run() error {
	if err := s.opening(s.first); err != nil {
		return err
	}
	for d := s.first; d <= s.last; d++ {
		if err := s.ctx.Err(); err != nil {
			return err
		}
		if err := s.day(d); err != nil {
			return err
		}
	}
	return nil
}

// day runs the chores of one day in the order an accountant would: money
// in and out of the bank first, then goods, then the cash desk, then the
// month's end.
func (s *sim) day(d ledger.Date) error {
	var steps []func(ledger.Date) error
	if bankDay(d) {
		steps = append(steps, s.collect, s.payWages, s.payTaxes, s.payBills, s.fuelAdvance)
	}
	if shopDay(d) {
		steps = append(steps, s.services, s.deliveries, s.restock, s.importGoods, s.transfer, s.sellDay)
	}
	if bankDay(d) {
		steps = append(steps, s.depositCash)
		if lastBankDay(d) {
			steps = append(steps, s.bankFee)
		}
	}
	if d+1 == (d + 1).MonthStart() {
		steps = append(steps, s.closeMonth)
	}
	for _, step := range steps {
		if err := step(d); err != nil {
			return err
		}
	}
	return nil
}

// once reports whether the monthly chore name is due on d (on or after day
// from of the month and not yet done this month) and marks it done.
func (s *sim) once(d ledger.Date, name string, from int) bool {
	_, _, dom := d.YMD()
	if dom < from || s.done[name] == d.Month() {
		return false
	}
	s.done[name] = d.Month()
	return true
}

// Public holidays of Turkmenistan on fixed dates (month, day). The lunar
// holidays (Oraza and Gurban baýramy) move every year and are left out.
var holidays = [][2]int{{1, 1}, {3, 8}, {3, 21}, {3, 22}, {5, 9}, {5, 18}, {9, 27}, {10, 6}, {12, 12}}

func holiday(d ledger.Date) bool {
	_, m, dom := d.YMD()
	for _, h := range holidays {
		if h[0] == int(m) && h[1] == dom {
			return true
		}
	}
	return false
}

// shopDay: the warehouses work Monday to Saturday.
func shopDay(d ledger.Date) bool {
	return d.Time().Weekday() != time.Sunday && !holiday(d)
}

// bankDay: banks work Monday to Friday.
func bankDay(d ledger.Date) bool {
	return shopDay(d) && d.Time().Weekday() != time.Saturday
}

// lastBankDay reports whether d is the month's last bank day.
func lastBankDay(d ledger.Date) bool {
	for x := d + 1; x.MonthStart() == d.MonthStart(); x++ {
		if bankDay(x) {
			return false
		}
	}
	return true
}

// nextMonthDay returns day dom of the month after d's.
func nextMonthDay(d ledger.Date, dom int) ledger.Date {
	y, m, _ := d.YMD()
	return ledger.DateOf(y, m+1, dom)
}

// between returns a random amount in [lo, hi] whole manat, in minor units.
func (s *sim) between(lo, hi int64) money.Amount {
	return money.Amount((lo + s.rng.Int64N(hi-lo+1)) * 100)
}

// refs helpers for the common cases.
func (s *sim) cp(i int) refs   { return refs{party: s.party[i], contract: s.contract[i]} }
func (s *sim) flow(i int) refs { return refs{cashflow: s.cf[i]} }
func (s *sim) stockRef(item, w int) refs {
	return refs{item: s.item[item], warehouse: s.wh[w]}
}
