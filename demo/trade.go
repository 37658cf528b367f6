package demo

import (
	"fmt"
	"time"

	"hasap/ledger"
	"hasap/money"
)

// Goods: sales to customers, purchases from domestic suppliers, imports in
// US dollars and transfers from Ashgabat to Mary. Stock is valued at the
// weighted average cost per item and warehouse.

// sellDay makes the day's sales: one to five invoices.
func (s *sim) sellDay(d ledger.Date) error {
	n := 1 + s.rng.IntN(5)
	for range n {
		if err := s.sell(d, s.pickCustomer()); err != nil {
			return err
		}
	}
	return nil
}

// pickCustomer draws a customer by its weight.
func (s *sim) pickCustomer() int {
	total := 0
	for _, p := range parties {
		total += p.weight
	}
	r := s.rng.IntN(total)
	for i, p := range parties {
		if r < p.weight {
			return i
		}
		r -= p.weight
	}
	panic("demo: customer weights") // unreachable: r < total
}

// line is one line of a sales invoice.
type line struct {
	item  int
	units int64
}

// sell posts a sales invoice: revenue with VAT to the customer
// (Dt 62.01 Kt 90.01), the VAT out of revenue (Dt 90.03 Kt 68.02) and the
// goods at average cost (Dt 90.02 Kt 41.01). A shop that pays cash pays at
// once at the desk.
func (s *sim) sell(d ledger.Date, c int) error {
	cu := &parties[c]
	lines := s.pickLines(cu)
	if len(lines) == 0 {
		return nil // nothing this customer buys is in stock
	}
	e := s.entry(d, "HF", "Haryt satuwy: "+cu.names.TK)
	var gross, vat money.Amount
	for _, l := range lines {
		sum := s.times(s.price[l.item], l.units)
		gross = s.plus(gross, sum)
		// VAT is taken out of each line's price with VAT, 15/115, rounded
		// half away from zero per line as the invoice prints it.
		vat = s.plus(vat, s.ratio(sum, vatPct, 100+vatPct))
	}
	add(e, s.side(accCustomers, s.cp(c)), s.side(accRevenue, s.cp(c)), gross)
	add(e, s.side(accSalesVAT, s.cp(c)), s.side(accVAT, s.cp(c)), vat)
	for _, l := range lines {
		at := s.stockRef(l.item, cu.wh)
		cost := s.stockCost(s.side(accGoods, at), l.units)
		add(e, s.side(accCostOfSales, at), withQty(s.side(accGoods, at), l.units), cost)
	}
	if err := s.post(e); err != nil {
		return err
	}
	if cu.role == cashCustomer {
		r := s.entry(d, "KO1", "Nagt töleg alyndy: "+cu.names.TK)
		add(r, s.side(accCash, s.flow(cfSales)), s.side(accCustomers, s.cp(c)), gross)
		return s.post(r)
	}
	on := d + ledger.Date(cu.termDays)
	if s.rng.IntN(4) == 0 {
		on += ledger.Date(1 + s.rng.IntN(12)) // a quarter of the invoices are paid late
	}
	s.recv = append(s.recv, bill{party: c, account: accCustomers, on: on, amount: gross})
	return nil
}

// pickLines chooses one to four goods the customer deals in that are in
// stock in its warehouse, and how many of each, for an order of a size
// typical of the customer.
func (s *sim) pickLines(cu *party) []line {
	var cands []int
	for i, gd := range goods {
		if gd.cat&cu.buys != 0 && s.units(i, cu.wh) > 0 {
			cands = append(cands, i)
		}
	}
	s.rng.Shuffle(len(cands), func(i, j int) { cands[i], cands[j] = cands[j], cands[i] })
	k := min(len(cands), 1+s.rng.IntN(4))
	// The order size leans to the small end: the product of two uniform
	// draws, from 1 000 manat up to the customer's largest usual order.
	big := cu.bigTMT - 1000
	target := money.Amount((1000 + big*s.rng.Int64N(1001)/1000*s.rng.Int64N(1001)/1000) * 100)
	per := target / money.Amount(max(k, 1))
	lines := make([]line, 0, k)
	for _, i := range cands[:k] {
		units := max(1, int64(per/s.price[i]))
		lines = append(lines, line{item: i, units: min(units, s.units(i, cu.wh))})
	}
	return lines
}

// units returns the whole units of an item in a warehouse.
func (s *sim) units(item, w int) int64 {
	return int64(s.books.at(s.side(accGoods, s.stockRef(item, w))).qty) / qtyUnit
}

// stockCost returns the average cost of units taken from the stock on sd;
// the last units take what value is left, so nothing lingers.
func (s *sim) stockCost(sd ledger.Side, units int64) money.Amount {
	p := s.books.at(sd)
	take := units * qtyUnit
	if take >= int64(p.qty) {
		return p.amount
	}
	return s.ratio(p.amount, take, int64(p.qty))
}

// restock orders from each domestic supplier once a week, on its own
// weekday, what has run below 40 % of the stock each warehouse aims at.
func (s *sim) restock(d ledger.Date) error {
	wd := int(d.Time().Weekday()) // 1 Monday … 6 Saturday on shop days
	for sup, p := range parties {
		if p.role != supplier || sup%6+1 != wd {
			continue
		}
		for w := range warehouses {
			if err := s.purchase(d, sup, w); err != nil {
				return err
			}
		}
	}
	return nil
}

// purchase posts a supplier's invoice for goods received into warehouse w:
// Dt 41.01 Kt 60.01 net with quantity, and the input VAT Dt 19.03 Kt 60.01.
func (s *sim) purchase(d ledger.Date, sup, w int) error {
	var e *ledger.Entry
	var total, vat money.Amount
	for i, gd := range goods {
		have, want := s.units(i, w), s.base[i][w]
		if gd.supplier != sup || have*10 >= want*4 {
			continue
		}
		if e == nil {
			e = s.entry(d, "AF", fmt.Sprintf("Haryt kabul edildi (%s): %s", warehouses[w].Names.TK, parties[sup].names.TK))
		}
		units := want - have + s.rng.Int64N(want/10+1)
		unit := s.ratio(s.cost[i], int64(97+s.rng.IntN(7)), 100) // prices move ±3 %
		net := s.times(unit, units)
		total = s.plus(total, net)
		vat = s.plus(vat, s.ratio(net, vatPct, 100)) // per line, half away from zero
		add(e, withQty(s.side(accGoods, s.stockRef(i, w)), units), s.side(accSuppliers, s.cp(sup)), net)
	}
	if e == nil {
		return nil
	}
	add(e, s.side(accVATGoods, s.cp(sup)), s.side(accSuppliers, s.cp(sup)), vat)
	if err := s.post(e); err != nil {
		return err
	}
	s.payb = append(s.payb, bill{party: sup, account: accSuppliers, on: d + ledger.Date(parties[sup].termDays), amount: s.plus(total, vat)})
	return nil
}

// importGoods receives a shipment from an importer every two months: from
// China in odd months, from Turkey in even ones, into the main warehouse.
// The invoice is in US dollars on 60.21 (Dt 41.01 Kt 60.21 at 3.50), the
// import VAT is due to customs at once (Dt 19.03 Kt 76.09).
func (s *sim) importGoods(d ledger.Date) error {
	_, m, _ := d.YMD()
	sup, from := supChina, 8
	if m%2 == 0 {
		sup, from = supTurkey, 12
	}
	if !s.once(d, "import", from) {
		return nil
	}
	e := s.entry(d, "IM", "Haryt importy: "+parties[sup].names.TK)
	var cents, total, vat money.Amount
	for i, gd := range goods {
		have := s.units(i, 0) + s.units(i, 1)
		want := s.base[i][0] + s.base[i][1]
		if gd.supplier != sup || have*10 >= want*7 {
			continue
		}
		units := (want - have + 9) / 10 * 10 // whole cartons of ten
		// Whole even cents a unit, so that 3.50 converts every line exactly.
		unit := s.ratio(gd.cost, int64(98+s.rng.IntN(5)), 100) / 2 * 2
		lineUSD := s.times(unit, units)
		lineTMT := s.convertUSD(lineUSD)
		cents, total = s.plus(cents, lineUSD), s.plus(total, lineTMT)
		vat = s.plus(vat, s.ratio(lineTMT, vatPct, 100))
		add(e, withQty(s.side(accGoods, s.stockRef(i, 0)), units), withUSD(s.side(accSuppliersCur, s.cp(sup)), lineUSD), lineTMT)
	}
	if len(e.Postings) == 0 {
		return nil
	}
	e.Description += fmt.Sprintf(", %s USD", money.Decimal(cents, 2))
	if err := s.post(e); err != nil {
		return err
	}
	s.payb = append(s.payb, bill{party: sup, account: accSuppliersCur, on: d + ledger.Date(parties[sup].termDays), amount: total, cents: cents})
	c := s.entry(d, "GD", "Import GBS-y gümrükde: "+parties[sup].names.TK)
	add(c, s.side(accVATGoods, s.cp(ptCustoms)), s.side(accOtherSettle, s.cp(ptCustoms)), vat)
	if err := s.post(c); err != nil {
		return err
	}
	s.payb = append(s.payb, bill{party: ptCustoms, account: accOtherSettle, on: d, amount: vat})
	return nil
}

// transfer moves imported goods from Ashgabat to Mary on Wednesdays when
// Mary runs below half of what it aims at, at average cost.
func (s *sim) transfer(d ledger.Date) error {
	if d.Time().Weekday() != time.Wednesday {
		return nil
	}
	var e *ledger.Entry
	for i, gd := range goods {
		have, want, there := s.units(i, 1), s.base[i][1], s.units(i, 0)
		if !parties[gd.supplier].usd || have*2 >= want || there <= want {
			continue
		}
		units := min(want-have, there/2)
		if e == nil {
			e = s.entry(d, "AG", "Harytlar Mary ammaryna geçirildi")
		}
		from := s.side(accGoods, s.stockRef(i, 0))
		add(e, withQty(s.side(accGoods, s.stockRef(i, 1)), units), withQty(from, units), s.stockCost(from, units))
	}
	if e == nil {
		return nil
	}
	return s.post(e)
}
