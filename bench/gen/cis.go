package main

// The -chart cis model: the books of a trading company kept on the CIS
// chart of accounts (Hasap's built-in "cis" chart, with 26 and 44 split
// into sub-accounts so that exactly -accounts posting-level accounts are
// used), with the analytics the chart requires carried as hledger tags, the
// way Hasap's importer reads them: counterparty and contract on 60, 62, 66
// and 76, counterparty on 19 and 75, item and warehouse with a quantity
// ("qty:") on 10 and 41, employee on 70 and 71, fixed asset on 01 and 02,
// cash-flow item on 50, 51 and 52. The USD account 52 and the import
// suppliers' 60.21 carry USD at a total cost (@@) in TMT. Customers pay
// their invoices later, in full or in part, so receivables age; supplies are
// paid the same way. Each month ends with payroll per employee,
// depreciation per asset, the input VAT of the month offset per supplier,
// VAT and payroll taxes paid, and 26 and 44 closed to 90.08 and 90.07.
//
// The same file is a plain ledger/hledger journal: tags are comments to
// them, so `ledger bal` and `hledger bal` read it as it is.

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strconv"

	hchart "hasap/chart"
	"hasap/ledger"
)

// cisCore is the cis chart's posting-level accounts the model uses besides
// the sub-accounts of 26 and 44.
var cisCore = []string{
	"50.01", "51", "52", "62.01", "62.02", "60.01", "60.02", "60.21", "76.05",
	"19.03", "19.04", "41.01", "41.02", "10.01", "10.03", "10.06",
	"90.01", "90.02", "90.03", "90.07", "90.08", "91.01", "91.02",
	"68.01", "68.02", "68.04", "69.02", "70", "71.01",
	"01", "02", "80", "66.01", "99",
}

const (
	nEmployees   = 40
	nFixedAssets = 30
	nWarehouses  = 4
	nShops       = 5
	cisMinAccts  = 36 // cisCore and one sub-account each of 26 and 44
)

type cposting struct {
	acct int
	com  int
	amt  int64 // cents of com, debit positive
	cost int64 // @@ total in TMT cents; 0 = none
	qty  int64 // whole units; 0 = none
	tags string
}

type cisGen struct {
	w      *bufio.Writer
	r      *rng
	codes  []string
	idx    map[string]int
	admin  []int // 26.xx
	sell   []int // 44.xx
	cps    [][]byte
	nCust  int
	totals [][2]int64
	counts []int64
	ps     []cposting
	buf    []byte
	elide  float64
	code   int
	inv    int
	txns   int

	open      []int64 // receivable (customers) or payable (suppliers) per counterparty, TMT cents
	adv       []int64 // advances received (customers) or issued (suppliers)
	open76    []int64 // 76.05 payable per supplier
	openUSD   []int64 // 60.21 payable per supplier, USD cents
	vat1903   map[int]int64
	vat1904   map[int]int64
	unitCost  []int64 // per item, cents
	usdRateCt int64   // TMT cents per USD
}

func (g *cisGen) a(code string) int {
	i, ok := g.idx[code]
	if !ok {
		panic("generator bug: no account " + code)
	}
	return i
}

// cisChart returns the cis chart with nAcc-len(cisCore) sub-accounts of 26
// and 44, and the codes of every posting-level account the model uses.
func cisChart(nAcc int) ([]ledger.Account, []string, []string, []string, error) {
	accts, err := hchart.Builtin("cis")
	if err != nil {
		return nil, nil, nil, nil, err
	}
	subs := nAcc - len(cisCore)
	nAdmin := (subs + 1) / 2
	nSell := subs - nAdmin
	if nAdmin > 99 || nSell > 99 {
		return nil, nil, nil, nil, fmt.Errorf("-chart cis: at most %d accounts", len(cisCore)+198)
	}
	var admin, sell []string
	for _, grp := range []struct {
		parent string
		n      int
		names  []string
		out    *[]string
	}{{"26", nAdmin, adminExp, &admin}, {"44", nSell, sellingExp, &sell}} {
		var base ledger.Account
		for _, a := range accts {
			if string(a.Code) == grp.parent {
				base = a
			}
		}
		for i := 0; i < grp.n; i++ {
			code := grp.parent + "." + twoDigit(i+1)
			name := suffixed(grp.names, i)
			accts = append(accts, ledger.Account{Code: ledger.AccountCode(code), Parent: base.Code, Kind: base.Kind, Class: base.Class,
				Names: ledger.Names{TK: base.Names.TK + ": " + name, RU: base.Names.RU + ": " + name, EN: base.Names.EN + ": " + name}})
			*grp.out = append(*grp.out, code)
		}
	}
	codes := append(append(append([]string{}, cisCore...), admin...), sell...)
	return accts, codes, admin, sell, nil
}

func writeChart(path string, accts []ledger.Account) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := hchart.WriteCSV(f, accts); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// runCIS writes the -chart cis journal.
func runCIS(w *bufio.Writer, o genOptions) error {
	if o.nAcc < cisMinAccts {
		return usageError{fmt.Errorf("-chart cis needs -accounts >= %d", cisMinAccts)}
	}
	if o.nCP < 10 {
		return usageError{fmt.Errorf("-chart cis needs -counterparties >= 10")}
	}
	accts, codes, admin, sell, err := cisChart(o.nAcc)
	if err != nil {
		return usageError{err}
	}
	if o.chartOut != "" {
		if err := writeChart(o.chartOut, accts); err != nil {
			return err
		}
	}
	r := &rng{s: o.seed}
	g := &cisGen{w: w, r: r, codes: codes, idx: map[string]int{}, cps: buildCounterparties(o.nCP, r),
		nCust: o.nCP * 7 / 10, totals: make([][2]int64, len(codes)), counts: make([]int64, len(codes)),
		elide: o.elide, vat1903: map[int]int64{}, vat1904: map[int]int64{}, usdRateCt: 350}
	for i, c := range codes {
		g.idx[c] = i
	}
	for _, c := range admin {
		g.admin = append(g.admin, g.idx[c])
	}
	for _, c := range sell {
		g.sell = append(g.sell, g.idx[c])
	}
	g.open = make([]int64, o.nCP)
	g.adv = make([]int64, o.nCP)
	g.open76 = make([]int64, o.nCP)
	g.openUSD = make([]int64, o.nCP)
	g.unitCost = make([]int64, len(goods))
	for i := range g.unitCost {
		g.unitCost[i] = r.cents(2, 400)
	}

	fmt.Fprintf(w, "; Hasap benchmark journal on the cis chart: gen -chart cis -seed %d -n %d -accounts %d -counterparties %d -start %s -years %d\n",
		o.seed, o.n, o.nAcc, o.nCP, o.start.Format("2006-01-02"), o.years)
	w.WriteString("; Analytics are tags (counterparty, contract, item, warehouse, employee, fixed_asset, cashflow; qty is a quantity).\n")
	w.WriteString("; Import into an organisation made with the chart this run wrote (-chart-out): hasap org create --chart-file FILE.\n\n")
	w.WriteString("commodity TMT\n    format 1000.00 TMT\ncommodity USD\n    format 1000.00 USD\n\n")
	sorted := append([]string{}, codes...)
	sort.Strings(sorted)
	for _, c := range sorted {
		w.WriteString("account " + c + "\n")
	}
	fmt.Fprintf(w, "\nP %s USD 3.50 TMT\n", o.start.Format("2006-01-02"))

	ds := days(o.start, o.years)
	lastYM, lastDate := "", []byte(nil)
	for i, d := range ds {
		if d.ym != lastYM {
			if lastYM != "" {
				g.monthEnd(lastDate, lastYM)
			} else {
				g.opening(d.date)
			}
			lastYM = d.ym
		}
		target := int(int64(o.n) * int64(i+1) / int64(len(ds)))
		for g.txns < target {
			g.one(d.date)
		}
		lastDate = d.date
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if o.totals != "" {
		if err := writeTotals(o.totals, codes, g.totals); err != nil {
			return err
		}
	}
	if o.counts != "" {
		return writeCounts(o.counts, codes, g.counts)
	}
	return nil
}

// writeCounts writes account,postings: how many journal postings each
// account has (the busiest account's card is a benchmark).
func writeCounts(path string, codes []string, counts []int64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	w.WriteString("account,postings\n")
	order := make([]int, len(codes))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return counts[order[a]] > counts[order[b]] })
	for _, i := range order {
		fmt.Fprintf(w, "%s,%d\n", codes[i], counts[i])
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// ---------------------------------------------------------------- tags

func cpCode(k int) string { return "K" + fmt.Sprintf("%05d", k+1) }

// contract: customers sell on "-S", suppliers buy on "-P", services on
// "-U", imports on "-I"; a tenth of the counterparties have a second
// contract of the kind.
func (g *cisGen) contract(k int, kind string) string {
	c := cpCode(k) + "-" + kind + "1"
	if k%10 == 3 && g.r.intn(2) == 0 {
		c = cpCode(k) + "-" + kind + "2"
	}
	return c
}

func cpTags(k int, contract string) string {
	return "counterparty: " + cpCode(k) + ", contract: " + contract
}
func cfTags(item string) string { return "cashflow: " + item }
func empTags(e int) string      { return "employee: E" + fmt.Sprintf("%03d", e+1) }
func faTags(f int) string       { return "fixed_asset: FA" + fmt.Sprintf("%03d", f+1) }
func itemTags(it int, wh string, qty int64) string {
	return "item: " + goods[it] + ", warehouse: " + wh + ", qty: " + strconv.FormatInt(qty, 10)
}
func whCode(i int) string   { return "WH" + strconv.Itoa(i+1) }
func shopCode(i int) string { return shops[1+i%(len(shops)-1)] }

// ---------------------------------------------------------------- writing

func (g *cisGen) header(date []byte, payee []byte, memo string, num int) {
	b := g.buf[:0]
	b = append(b, '\n')
	b = append(b, date...)
	b = append(b, " *"...)
	g.code++
	b = append(b, " ("...)
	b = strconv.AppendInt(b, int64(g.code), 10)
	b = append(b, ") "...)
	b = append(b, payee...)
	if memo != "" {
		b = append(b, " | "...)
		b = append(b, memo...)
		if num > 0 {
			b = append(b, ' ')
			b = strconv.AppendInt(b, int64(num), 10)
		}
	}
	b = append(b, '\n')
	g.buf = b
	g.ps = g.ps[:0]
}

func (g *cisGen) post(acct int, amt int64, tags string) {
	g.ps = append(g.ps, cposting{acct: acct, com: tmt, amt: amt, tags: tags})
}

func (g *cisGen) postQty(acct int, amt, qty int64, tags string) {
	g.ps = append(g.ps, cposting{acct: acct, com: tmt, amt: amt, qty: qty, tags: tags})
}

func (g *cisGen) postUSD(acct int, usdCents int64, tags string) {
	cost := (abs64(usdCents)*g.usdRateCt + 50) / 100
	g.ps = append(g.ps, cposting{acct: acct, com: usd, amt: usdCents, cost: cost, tags: tags})
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// flush checks the transaction balances and writes it; a two-posting
// transaction in TMT has its second amount elided now and then.
func (g *cisGen) flush() {
	var sum int64
	for i := range g.ps {
		p := &g.ps[i]
		switch {
		case p.cost != 0 && p.amt < 0:
			sum -= p.cost
		case p.cost != 0:
			sum += p.cost
		default:
			sum += p.amt
		}
		g.totals[p.acct][p.com] += p.amt
		g.counts[p.acct]++
	}
	if sum != 0 {
		panic(fmt.Sprintf("generator bug: unbalanced transaction %q %d", g.buf, sum))
	}
	elide := -1
	if len(g.ps) == 2 && g.ps[0].cost == 0 && g.ps[1].cost == 0 && g.r.float() < g.elide {
		elide = 1
	}
	b := g.buf
	for i := range g.ps {
		p := &g.ps[i]
		b = append(b, "    "...)
		b = append(b, g.codes[p.acct]...)
		if i != elide {
			b = append(b, "  "...)
			b = appendCents(b, p.amt)
			b = append(b, ' ')
			b = append(b, commodityName[p.com]...)
			if p.cost != 0 {
				b = append(b, " @@ "...)
				b = appendCents(b, p.cost)
				b = append(b, " TMT"...)
			}
		}
		if p.tags != "" {
			b = append(b, "  ; "...)
			b = append(b, p.tags...)
		}
		b = append(b, '\n')
	}
	g.w.Write(b)
	g.buf = b[:0]
	g.txns++
}

// ---------------------------------------------------------------- business

func (g *cisGen) customer() int { return g.r.skewed(g.nCust) }
func (g *cisGen) supplier() int { return g.nCust + g.r.skewed(len(g.cps)-g.nCust) }
func (g *cisGen) item() int     { return g.r.skewed(len(goods)) }

func (g *cisGen) opening(date []byte) {
	g.header(date, []byte("Founders"), "charter capital", 0)
	g.post(g.a("51"), 50_000_000_00, cfTags("capital"))
	g.post(g.a("80"), -50_000_000_00, "")
	g.flush()
	for f := 0; f < nFixedAssets; f++ {
		v := g.r.cents(20000, 2000000)
		g.header(date, []byte("Founders"), "fixed asset contributed", 0)
		g.post(g.a("01"), v, faTags(f))
		g.post(g.a("80"), -v, "")
		g.flush()
	}
	for it := range goods {
		q := int64(500 + g.r.intn(2000))
		g.header(date, []byte("Founders"), "opening stock", 0)
		g.postQty(g.a("41.01"), q*g.unitCost[it], q, itemTags(it, whCode(it%nWarehouses), q))
		g.post(g.a("80"), -q*g.unitCost[it], "")
		g.flush()
	}
	bank := g.nCust // the first supplier is the bank
	g.header(date, g.cps[bank], "credit line", 0)
	g.post(g.a("51"), 10_000_000_00, cfTags("loans"))
	g.post(g.a("66.01"), -10_000_000_00, cpTags(bank, cpCode(bank)+"-L1"))
	g.flush()
}

func vatOf(net int64) int64 { return (net*15 + 50) / 100 }

// one writes one ordinary business transaction (sometimes two: an advance
// offset before a sale or a supply).
func (g *cisGen) one(date []byte) {
	r := g.r
	switch u := r.intn(1000); {
	case u < 280:
		g.creditSale(date)
	case u < 360:
		g.retailSale(date)
	case u < 560:
		g.customerPayment(date)
	case u < 680:
		g.purchase(date, "41.01")
	case u < 800:
		g.supplierPayment(date)
	case u < 860:
		g.service(date)
	case u < 900:
		g.servicePayment(date)
	case u < 920:
		it := g.item()
		q := int64(5 + r.intn(100))
		g.header(date, []byte("Warehouse"), "transfer to shop", 0)
		g.postQty(g.a("41.02"), q*g.unitCost[it], q, itemTags(it, shopCode(r.intn(nShops)), q))
		g.postQty(g.a("41.01"), -q*g.unitCost[it], q, itemTags(it, whCode(r.intn(nWarehouses)), q))
		g.flush()
	case u < 935:
		cash := g.totals[g.a("50.01")][tmt]
		v := r.cents(1000, 50000)
		if cash > 0 && cash < v {
			v = cash
		}
		g.header(date, []byte("Cash desk"), "takings to the bank", 0)
		g.post(g.a("51"), v, cfTags("cash-transfer"))
		g.post(g.a("50.01"), -v, cfTags("cash-transfer"))
		g.flush()
	case u < 950:
		e := r.intn(nEmployees)
		v := r.cents(100, 3000)
		if r.intn(2) == 0 {
			g.header(date, []byte("Cash desk"), "advance to accountable person", 0)
			g.post(g.a("71.01"), v, empTags(e))
			g.post(g.a("50.01"), -v, cfTags("accountable"))
		} else {
			acct := g.sell[r.intn(len(g.sell))]
			if r.intn(2) == 0 {
				acct = g.admin[r.intn(len(g.admin))]
			}
			g.header(date, []byte("Advance report"), "expenses of accountable person", 0)
			g.post(acct, v, "")
			g.post(g.a("71.01"), -v, empTags(e))
		}
		g.flush()
	case u < 965:
		if r.intn(2) == 0 {
			g.purchase(date, []string{"10.01", "10.03", "10.06"}[r.intn(3)])
		} else {
			mat := []string{"10.01", "10.03", "10.06"}[r.intn(3)]
			it := g.item()
			q := int64(1 + r.intn(50))
			g.header(date, []byte("Warehouse"), "materials used", 0)
			g.post(g.admin[r.intn(len(g.admin))], q*g.unitCost[it], "")
			g.postQty(g.a(mat), -q*g.unitCost[it], q, itemTags(it, whCode(r.intn(nWarehouses)), q))
			g.flush()
		}
	case u < 980:
		v := r.cents(5, 500)
		if r.intn(3) == 0 {
			g.header(date, []byte("Halkbank"), "interest on balances", 0)
			g.post(g.a("51"), v, cfTags("interest"))
			g.post(g.a("91.01"), -v, "")
		} else {
			g.header(date, []byte("Halkbank"), "bank fee", 0)
			g.post(g.a("91.02"), v, "")
			g.post(g.a("51"), -v, cfTags("bank-fees"))
		}
		g.flush()
	case u < 985:
		u := r.cents(1000, 50000)
		g.header(date, []byte("Halkbank"), "USD bought", 0)
		g.postUSD(g.a("52"), u, cfTags("fx"))
		cost := g.ps[0].cost
		g.post(g.a("51"), -cost, cfTags("fx"))
		g.flush()
	case u < 992:
		g.importPurchase(date)
	default:
		g.importPayment(date)
	}
}

func (g *cisGen) creditSale(date []byte) {
	r := g.r
	k := g.customer()
	ct := g.contract(k, "S")
	it := g.item()
	q := int64(1 + r.intn(60))
	net := q * g.unitCost[it] * int64(120+r.intn(30)) / 100
	v := vatOf(net)
	gross := net + v
	cost := q * g.unitCost[it]
	g.inv++
	g.header(date, g.cps[k], "sales invoice", g.inv)
	g.post(g.a("62.01"), gross, cpTags(k, ct))
	g.post(g.a("90.01"), -gross, "")
	g.post(g.a("90.03"), v, "")
	g.post(g.a("68.02"), -v, "")
	g.post(g.a("90.02"), cost, "")
	g.postQty(g.a("41.01"), -cost, q, itemTags(it, whCode(r.intn(nWarehouses)), q))
	g.flush()
	g.open[k] += gross
	if v := min(g.adv[k], gross); v > 0 {
		// the advance received is offset against the sale
		g.header(date, g.cps[k], "advance offset", 0)
		g.post(g.a("62.02"), v, cpTags(k, ct))
		g.post(g.a("62.01"), -v, cpTags(k, ct))
		g.flush()
		g.adv[k] -= v
		g.open[k] -= v
	}
}

func (g *cisGen) retailSale(date []byte) {
	r := g.r
	it := g.item()
	q := int64(1 + r.intn(10))
	net := q * g.unitCost[it] * int64(130+r.intn(30)) / 100
	v := vatOf(net)
	cost := q * g.unitCost[it]
	g.header(date, []byte("Retail"), "cash sales", 0)
	g.post(g.a("50.01"), net+v, cfTags("retail"))
	g.post(g.a("90.01"), -(net + v), "")
	g.post(g.a("90.03"), v, "")
	g.post(g.a("68.02"), -v, "")
	g.post(g.a("90.02"), cost, "")
	g.postQty(g.a("41.02"), -cost, q, itemTags(it, shopCode(r.intn(nShops)), q))
	g.flush()
}

// part returns what is paid of an open amount: all of it mostly, else a
// part of it.
func (g *cisGen) part(open int64) int64 {
	if g.r.intn(10) < 6 {
		return open
	}
	p := open * int64(20+g.r.intn(70)) / 100
	if p <= 0 {
		return open
	}
	return p
}

func (g *cisGen) customerPayment(date []byte) {
	k := g.customer()
	for i := 0; i < 4 && g.open[k] <= 0; i++ { // mostly those who owe pay
		k = g.customer()
	}
	ct := g.contract(k, "S")
	if g.open[k] <= 0 {
		v := g.r.cents(100, 20000)
		g.header(date, g.cps[k], "advance received", 0)
		g.post(g.a("51"), v, cfTags("sales"))
		g.post(g.a("62.02"), -v, cpTags(k, ct))
		g.flush()
		g.adv[k] += v // offset at the next sale
		return
	}
	v := g.part(g.open[k])
	g.header(date, g.cps[k], "payment received", 0)
	g.post(g.a("51"), v, cfTags("sales"))
	g.post(g.a("62.01"), -v, cpTags(k, ct))
	g.flush()
	g.open[k] -= v
}

func (g *cisGen) purchase(date []byte, stock string) {
	r := g.r
	k := g.supplier()
	ct := g.contract(k, "P")
	it := g.item()
	q := int64(20 + r.intn(300))
	net := q * g.unitCost[it] * int64(95+r.intn(10)) / 100
	v := vatOf(net)
	g.header(date, g.cps[k], "goods received", 0)
	g.postQty(g.a(stock), net, q, itemTags(it, whCode(r.intn(nWarehouses)), q))
	g.post(g.a("19.03"), v, "counterparty: "+cpCode(k))
	g.post(g.a("60.01"), -(net + v), cpTags(k, ct))
	g.flush()
	g.open[k] += net + v
	g.vat1903[k] += v
	if a := min(g.adv[k], net+v); a > 0 {
		// the advance paid is offset against the supply
		g.header(date, g.cps[k], "advance offset", 0)
		g.post(g.a("60.01"), a, cpTags(k, ct))
		g.post(g.a("60.02"), -a, cpTags(k, ct))
		g.flush()
		g.adv[k] -= a
		g.open[k] -= a
	}
}

func (g *cisGen) supplierPayment(date []byte) {
	k := g.supplier()
	for i := 0; i < 4 && g.open[k] <= 0; i++ { // mostly those owed are paid
		k = g.supplier()
	}
	ct := g.contract(k, "P")
	if g.open[k] <= 0 {
		v := g.r.cents(1000, 50000)
		g.header(date, g.cps[k], "advance paid", 0)
		g.post(g.a("60.02"), v, cpTags(k, ct))
		g.post(g.a("51"), -v, cfTags("suppliers"))
		g.flush()
		g.adv[k] += v // offset at the next supply
		return
	}
	v := g.part(g.open[k])
	g.header(date, g.cps[k], "payment to supplier", 0)
	g.post(g.a("60.01"), v, cpTags(k, ct))
	g.post(g.a("51"), -v, cfTags("suppliers"))
	g.flush()
	g.open[k] -= v
}

func (g *cisGen) service(date []byte) {
	r := g.r
	k := g.supplier()
	acct := g.admin[r.intn(len(g.admin))]
	if r.intn(2) == 0 {
		acct = g.sell[r.intn(len(g.sell))]
	}
	net := r.cents(50, 20000)
	v := vatOf(net)
	g.header(date, g.cps[k], "services act", 0)
	g.post(acct, net, "")
	g.post(g.a("19.04"), v, "counterparty: "+cpCode(k))
	g.post(g.a("76.05"), -(net + v), cpTags(k, cpCode(k)+"-U1"))
	g.flush()
	g.open76[k] += net + v
	g.vat1904[k] += v
}

func (g *cisGen) servicePayment(date []byte) {
	k := g.supplier()
	if g.open76[k] <= 0 {
		g.service(date)
		return
	}
	v := g.part(g.open76[k])
	g.header(date, g.cps[k], "payment for services", 0)
	g.post(g.a("76.05"), v, cpTags(k, cpCode(k)+"-U1"))
	g.post(g.a("51"), -v, cfTags("services"))
	g.flush()
	g.open76[k] -= v
}

// importPurchase: goods bought abroad in USD on 60.21 (a sixth of the
// suppliers import).
func (g *cisGen) importer() int {
	return g.nCust + 6*g.r.skewed(max(1, (len(g.cps)-g.nCust)/6))
}

func (g *cisGen) importPurchase(date []byte) {
	r := g.r
	k := g.importer()
	it := g.item()
	q := int64(100 + r.intn(1000))
	u := q * g.unitCost[it] * 100 / g.usdRateCt
	g.header(date, g.cps[k], "import of goods", 0)
	g.postUSD(g.a("60.21"), -u, cpTags(k, cpCode(k)+"-I1"))
	cost := g.ps[0].cost
	g.ps = append([]cposting{{acct: g.a("41.01"), com: tmt, amt: cost, qty: q, tags: itemTags(it, whCode(r.intn(nWarehouses)), q)}}, g.ps...)
	g.flush()
	g.openUSD[k] += u
}

func (g *cisGen) importPayment(date []byte) {
	r := g.r
	k := g.importer()
	if g.openUSD[k] <= 0 {
		g.importPurchase(date)
		return
	}
	u := g.openUSD[k]
	if bank := g.totals[g.a("52")][usd]; bank < u {
		// buy what is missing first
		g.header(date, []byte("Halkbank"), "USD bought", 0)
		g.postUSD(g.a("52"), u-bank+r.cents(100, 1000), cfTags("fx"))
		cost := g.ps[0].cost
		g.post(g.a("51"), -cost, cfTags("fx"))
		g.flush()
	}
	g.header(date, g.cps[k], "payment abroad", 0)
	g.postUSD(g.a("60.21"), u, cpTags(k, cpCode(k)+"-I1"))
	g.postUSD(g.a("52"), -u, cfTags("suppliers"))
	g.flush()
	g.openUSD[k] = 0
}

// monthEnd writes the month's closing routine, dated its last working day.
func (g *cisGen) monthEnd(date []byte, ym string) {
	r := g.r
	salaries := g.admin[0]
	gross := make([]int64, nEmployees)
	var total, tax, pension int64
	for e := range gross {
		gross[e] = r.cents(3000, 12000)
		total += gross[e]
		tax += gross[e] / 10
	}
	pension = total / 5
	g.header(date, []byte("Payroll"), "salaries "+ym, 0)
	g.post(salaries, total, "")
	for e, v := range gross {
		g.post(g.a("70"), -v, empTags(e))
	}
	g.flush()
	g.header(date, []byte("Payroll"), "income tax withheld "+ym, 0)
	for e, v := range gross {
		g.post(g.a("70"), v/10, empTags(e))
	}
	g.post(g.a("68.01"), -tax, "")
	g.flush()
	g.header(date, []byte("Payroll"), "pension contributions "+ym, 0)
	g.post(salaries, pension, "")
	g.post(g.a("69.02"), -pension, "")
	g.flush()
	g.header(date, []byte("Payroll"), "salaries paid "+ym, 0)
	for e, v := range gross {
		g.post(g.a("70"), v-v/10, empTags(e))
	}
	g.post(g.a("51"), -(total - tax), cfTags("payroll"))
	g.flush()
	for _, code := range []string{"68.01", "69.02"} {
		due := -g.totals[g.a(code)][tmt]
		if due <= 0 {
			continue
		}
		g.header(date, []byte("Tax service"), "paid "+code+" "+ym, 0)
		g.post(g.a(code), due, "")
		g.post(g.a("51"), -due, cfTags("taxes"))
		g.flush()
	}
	g.header(date, []byte("Fixed assets"), "depreciation "+ym, 0)
	var dep int64
	for f := 0; f < nFixedAssets; f++ {
		d := r.cents(50, 2000)
		dep += d
		g.post(g.a("02"), -d, faTags(f))
	}
	g.post(g.admin[1%len(g.admin)], dep, "")
	g.flush()
	g.offsetVAT(date, ym, "19.03", g.vat1903)
	g.offsetVAT(date, ym, "19.04", g.vat1904)
	if due := -g.totals[g.a("68.02")][tmt]; due > 0 {
		g.header(date, []byte("Tax service"), "VAT paid "+ym, 0)
		g.post(g.a("68.02"), due, "")
		g.post(g.a("51"), -due, cfTags("taxes"))
		g.flush()
	}
	g.closeTo(date, ym, "90.08", g.admin)
	g.closeTo(date, ym, "90.07", g.sell)
	if m := ym[5:]; m == "03" || m == "06" || m == "09" || m == "12" {
		t := r.cents(50000, 300000)
		g.header(date, []byte("Tax service"), "profit tax "+ym, 0)
		g.post(g.a("99"), t, "")
		g.post(g.a("68.04"), -t, "")
		g.flush()
		g.header(date, []byte("Tax service"), "profit tax paid "+ym, 0)
		g.post(g.a("68.04"), t, "")
		g.post(g.a("51"), -t, cfTags("taxes"))
		g.flush()
	}
}

// offsetVAT moves the month's input VAT to 68.02, per supplier, 50
// suppliers to a transaction.
func (g *cisGen) offsetVAT(date []byte, ym, acct string, by map[int]int64) {
	ks := make([]int, 0, len(by))
	for k, v := range by {
		if v != 0 {
			ks = append(ks, k)
		}
	}
	sort.Ints(ks)
	for len(ks) > 0 {
		n := min(50, len(ks))
		g.header(date, []byte("Tax service"), "input VAT offset "+acct+" "+ym, 0)
		var sum int64
		for _, k := range ks[:n] {
			sum += by[k]
		}
		g.post(g.a("68.02"), sum, "")
		for _, k := range ks[:n] {
			g.post(g.a(acct), -by[k], "counterparty: "+cpCode(k))
		}
		g.flush()
		ks = ks[n:]
	}
	clear(by)
}

// closeTo closes the month's balances of accts to the account to.
func (g *cisGen) closeTo(date []byte, ym, to string, accts []int) {
	var sum int64
	g.header(date, []byte("Month close"), "closing to "+to+" "+ym, 0)
	g.post(g.a(to), 0, "")
	for _, a := range accts {
		if v := g.totals[a][tmt]; v != 0 {
			g.post(a, -v, "")
			sum += v
		}
	}
	if sum == 0 {
		g.ps = g.ps[:0]
		return
	}
	g.ps[0].amt = sum
	g.flush()
}
