package demo

import (
	"fmt"
	"time"

	"hasap/doc"
	"hasap/ledger"
	"hasap/money"
)

// Goods: sales to customers, purchases from domestic suppliers, imports in
// US dollars and transfers from Ashgabat to Mary. Stock is valued at the
// weighted average cost per item and warehouse.

// sellDay makes the day's sales: one to three invoices.
func (s *sim) sellDay(d ledger.Date) error {
	n := 1 + s.rng.IntN(3)
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

// sell makes a sale to customer c from its warehouse, with 15 % VAT in
// the price: a hasap-faktura to a company, a goods waybill to a shop. The
// sales rule posts the revenue with VAT to the customer (Dt 62.01 Kt
// 90.01), the VAT out of revenue (Dt 90.03 Kt 68.02) and the goods at
// their moving average cost (Dt 90.02 Kt 41.01). A shop that pays cash
// pays at once at the desk (KO-1); a company pays to the bank within its
// terms.
func (s *sim) sell(d ledger.Date, c int) error {
	cu := &parties[c]
	lines := s.pickLines(cu)
	if len(lines) == 0 {
		return nil // nothing this customer buys is in stock
	}
	typ := doc.SalesInvoice
	if cu.role == cashCustomer {
		typ = doc.Waybill
	}
	sale := doc.Document{Type: typ, Date: d, Refs: s.withParty(c, doc.Refs{Warehouse: s.wh[cu.wh]}),
		PricesIncludeVAT: true, Comment: "Haryt satuwy: " + cu.names.TK}
	for _, l := range lines {
		sale.Lines = append(sale.Lines, doc.Line{Refs: doc.Refs{Item: s.item[l.item]},
			Qty: ledger.Quantity(l.units * qtyUnit), Price: s.price[l.item], VAT: doc.VAT15})
	}
	e, err := s.submit(sale)
	if err != nil {
		return err
	}
	gross := s.debited(e.entry, accCustomers)
	if cu.delivery {
		s.delivered[c]++
	}
	if cu.role == cashCustomer {
		_, err := s.submit(doc.Document{Type: doc.CashReceipt, Date: d, Refs: s.withParty(c, doc.Refs{CashFlow: s.cf[cfSales]}),
			Lines: []doc.Line{{Amount: gross}}, Comment: "Nagt töleg alyndy: " + cu.names.TK, BasedOn: e.id,
			Person: cu.names.TK, Basis: paidFor(e.entry.Description, 0)})
		return err
	}
	on := d + ledger.Date(cu.termDays)
	if s.rng.IntN(4) == 0 {
		on += ledger.Date(1 + s.rng.IntN(12)) // a quarter of the invoices are paid late
	}
	s.recv = append(s.recv, bill{doc: e.id, ref: e.entry.Description, party: c, account: accCustomers, on: on, amount: gross})
	return nil
}

// deliveryFee is the price of one delivery by the company's truck, VAT
// added on top.
const deliveryFee money.Amount = 35_000 // 350 TMT

// deliveries bills, early each month, the customers whose goods the
// company's truck carried last month: an act of completed work, a
// service at 15 % VAT (Dt 62.01 Kt 90.01, Dt 90.03 Kt 68.02).
func (s *sim) deliveries(d ledger.Date) error {
	if !s.once(d, "deliveries", 1) {
		return nil
	}
	for c := range parties {
		n := s.delivered[c]
		if n == 0 {
			continue
		}
		s.delivered[c] = 0
		act := doc.Document{Type: doc.Act, Date: d, Refs: s.withParty(c, doc.Refs{}),
			Comment: fmt.Sprintf("Harytlary eltip bermek, %d gezek: %s", n, parties[c].names.TK),
			Lines:   []doc.Line{{Service: true, Qty: ledger.Quantity(int64(n) * qtyUnit), Price: deliveryFee, VAT: doc.VAT15}}}
		e, err := s.submit(act)
		if err != nil {
			return err
		}
		s.recv = append(s.recv, bill{doc: e.id, ref: e.entry.Description, party: c, account: accCustomers,
			on: d + ledger.Date(parties[c].termDays), amount: s.debited(e.entry, accCustomers)})
	}
	return nil
}

// pickLines chooses one to five goods the customer deals in that are in
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
	k := min(len(cands), 1+s.rng.IntN(5))
	// The order size leans to the small end: the product of two uniform
	// draws, from 1 500 manat up to one and a half times the customer's
	// largest usual order.
	big := cu.bigTMT*3/2 - 1500
	target := money.Amount((1500 + big*s.rng.Int64N(1001)/1000*s.rng.Int64N(1001)/1000) * 100)
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

// stockCost returns the average cost of units taken from the stock on sd
// (the sales rule's moving average, for a transfer between warehouses);
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

// purchase receives goods from a domestic supplier into warehouse w: a
// goods receipt, or the supplier's hasap-faktura for those who send one
// with the goods. The purchase rule posts the goods net of VAT with their
// quantity (Dt 41.01 Kt 60.01), the input VAT (Dt 19.03 Kt 60.01) and its
// offset against output VAT (Dt 68.02 Kt 19.03).
func (s *sim) purchase(d ledger.Date, sup, w int) error {
	typ := doc.GoodsReceipt
	if sup%2 == 1 {
		typ = doc.SupplierInvoice
	}
	buy := doc.Document{Type: typ, Date: d, Refs: s.withParty(sup, doc.Refs{Warehouse: s.wh[w]}),
		Comment: fmt.Sprintf("Haryt kabul edildi (%s): %s", warehouses[w].Names.TK, parties[sup].names.TK)}
	for i, gd := range goods {
		have, want := s.units(i, w), s.base[i][w]
		if gd.supplier != sup || have*10 >= want*4 {
			continue
		}
		units := want - have + s.rng.Int64N(want/10+1)
		unit := s.ratio(s.cost[i], int64(97+s.rng.IntN(7)), 100) // prices move ±3 %
		buy.Lines = append(buy.Lines, doc.Line{Refs: doc.Refs{Item: s.item[i]},
			Qty: ledger.Quantity(units * qtyUnit), Price: unit, VAT: doc.VAT15})
	}
	if len(buy.Lines) == 0 {
		return nil
	}
	e, err := s.submit(buy)
	if err != nil {
		return err
	}
	owed, _ := s.credited(e.entry, accSuppliers)
	s.payb = append(s.payb, bill{doc: e.id, ref: e.entry.Description, party: sup, account: accSuppliers, on: d + ledger.Date(parties[sup].termDays), amount: owed})
	return nil
}

// importGoods receives a shipment from an importer every two months: from
// China in odd months, from Turkey in even ones, into the main warehouse.
// The supplier's invoice is in US dollars, converted at the rate of the
// day (Dt 41.01 Kt 60.21), and carries no Turkmen VAT; the import VAT is
// due to customs at once, on the customs value (Dt 19.03 Kt 76.09, a
// manual operation until customs declarations are documents).
func (s *sim) importGoods(d ledger.Date) error {
	_, m, _ := d.YMD()
	sup, from := supChina, 8
	if m%2 == 0 {
		sup, from = supTurkey, 12
	}
	if !s.once(d, "import", from) {
		return nil
	}
	inv := doc.Document{Type: doc.SupplierInvoice, Date: d, Refs: s.withParty(sup, doc.Refs{Warehouse: s.wh[0]}),
		Currency: "USD", Rate: usdRate, Comment: "Haryt importy: " + parties[sup].names.TK}
	for i, gd := range goods {
		have := s.units(i, 0) + s.units(i, 1)
		want := s.base[i][0] + s.base[i][1]
		if gd.supplier != sup || have*10 >= want*7 {
			continue
		}
		units := (want - have + 9) / 10 * 10 // whole cartons of ten
		// Whole even cents a unit, so that 3.50 converts every amount exactly.
		unit := s.ratio(gd.cost, int64(98+s.rng.IntN(5)), 100) / 2 * 2
		// review: a foreign supplier's invoice bears no Turkmen VAT: the
		// line is marked exempt so that the rule posts none; the VAT of
		// the import is the customs' (below).
		inv.Lines = append(inv.Lines, doc.Line{Refs: doc.Refs{Item: s.item[i]},
			Qty: ledger.Quantity(units * qtyUnit), Price: unit, VAT: doc.Exempt})
	}
	if len(inv.Lines) == 0 {
		return nil
	}
	e, err := s.submit(inv)
	if err != nil {
		return err
	}
	total, cents := s.credited(e.entry, accSuppliersCur)
	s.payb = append(s.payb, bill{doc: e.id, ref: e.entry.Description, party: sup, account: accSuppliersCur,
		on: d + ledger.Date(parties[sup].termDays), amount: total, cents: cents})
	vat := s.ratio(total, vatPct, 100)
	c := s.entry(d, fmt.Sprintf("Import GBS-y gümrükde: %s, %s USD", parties[sup].names.TK, money.Decimal(cents, 2)))
	add(c, s.side(accVATGoods, s.cp(ptCustoms)), s.side(accOtherSettle, s.cp(ptCustoms)), vat)
	if err := s.post(c); err != nil {
		return err
	}
	s.payb = append(s.payb, bill{ref: "Import GBS-y, " + e.entry.Description, party: ptCustoms, account: accOtherSettle, on: d, amount: vat})
	return nil
}

// transfer moves imported goods from Ashgabat to Mary on Wednesdays when
// Mary runs below half of what it aims at, at average cost: a manual
// operation until transfers between warehouses are documents.
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
			e = s.entry(d, "Harytlar Mary ammaryna geçirildi")
		}
		from := s.side(accGoods, s.stockRef(i, 0))
		add(e, withQty(s.side(accGoods, s.stockRef(i, 1)), units), withQty(from, units), s.stockCost(from, units))
	}
	if e == nil {
		return nil
	}
	return s.post(e)
}
