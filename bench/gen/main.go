// Command gen writes a deterministic, realistic hledger/ledger journal for
// benchmarks: the books of a Turkmen trading company kept in TMT, with sales,
// purchases, payments, payroll, expenses, USD bank accounts and imports at a
// total cost (`@@`), monthly USD price directives and occasionally elided
// posting amounts. Every transaction balances exactly (amounts are integer
// cents throughout).
//
//	go run ./bench/gen -n 1000000 -accounts 200 -counterparties 5000 -o FILE
//
// The output depends only on the flags (the random generator is our own
// splitmix64, so it does not change with the Go version). With -totals the
// expected closing balance of every account per commodity is written as CSV
// (account,commodity,amount), which is what `ledger bal` / `hledger bal`
// must report.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"
	"time"
)

// ---------------------------------------------------------------- random

type rng struct{ s uint64 }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns a value in [0, n) (n > 0).
func (r *rng) intn(n int) int {
	hi, _ := mul64(r.next(), uint64(n))
	return int(hi)
}

func mul64(a, b uint64) (hi, lo uint64) {
	const mask32 = 1<<32 - 1
	a0, a1 := a&mask32, a>>32
	b0, b1 := b&mask32, b>>32
	w0 := a0 * b0
	t := a1*b0 + w0>>32
	w1 := t&mask32 + a0*b1
	hi = a1*b1 + t>>32 + w1>>32
	lo = a * b
	return
}

// float returns a value in [0, 1).
func (r *rng) float() float64 { return float64(r.next()>>11) / (1 << 53) }

// chance reports true with probability p.
func (r *rng) chance(p float64) bool { return r.float() < p }

// skewed returns an index in [0, n) where low indexes are much more likely
// (a few big customers, a long tail).
func (r *rng) skewed(n int) int {
	u := r.float()
	i := int(float64(n) * u * u * u)
	if i >= n {
		i = n - 1
	}
	return i
}

// cents returns a log-uniform amount in [lo, hi] TMT, in cents, sometimes
// rounded to whole manats or hundreds the way real invoices often are.
func (r *rng) cents(lo, hi float64) int64 {
	v := math.Exp(math.Log(lo) + r.float()*(math.Log(hi)-math.Log(lo)))
	c := int64(v * 100)
	switch u := r.intn(20); {
	case u < 3:
		c = c / 10000 * 10000 // whole hundreds
	case u < 7:
		c = c / 100 * 100 // whole manats
	}
	if c < 100 {
		c = 100
	}
	return c
}

// ---------------------------------------------------------------- chart

const (
	tmt = 0
	usd = 1
)

var commodityName = [2]string{"TMT", "USD"}

type chart struct {
	names []string
	// indexes into names
	cash, bankTMT, bankUSD, recv, recvExport, advances, vatIn    []int
	fixed, inventory, sales, cogs, selling, admin, otherInc      []int
	otherExp, payLocal, payForeign, vatOut, incomeTax, socialTax []int
	profitTax, payroll, loans, capital, retained, bankFees       []int
	fxGain, fxLoss, depreciation, accDepr, taxExp, dividends     []int
	sellingNames, adminNames                                     []string
}

func (c *chart) add(dst *[]int, name string) {
	*dst = append(*dst, len(c.names))
	c.names = append(c.names, name)
}

var (
	banks        = []string{"halkbank", "dayhanbank", "turkmenbashy", "senagatbank", "rysgal", "turkmenistan-bank"}
	usdBanks     = []string{"vnesheconombank-usd", "halkbank-usd", "turkmenbashy-usd"}
	shops        = []string{"main-office", "ashgabat-shop", "mary-shop", "turkmenabat-shop", "dashoguz-shop", "balkanabat-shop"}
	regions      = []string{"ashgabat", "ahal", "balkan", "dashoguz", "lebap", "mary", "wholesale", "government", "retail-chains", "hotels"}
	supplierGrps = []string{"local", "manufacturers", "farms", "transport", "utilities", "services", "construction", "packaging"}
	goods        = []string{
		"flour", "sugar", "rice", "vegetable-oil", "tea", "cotton-yarn", "textiles", "carpets", "cement", "rebar",
		"tiles", "paint", "glass", "tyres", "lubricants", "electronics", "appliances", "furniture", "detergents", "paper",
		"pasta", "canned-goods", "dairy", "confectionery", "beverages", "footwear", "clothing", "cosmetics", "medicines", "stationery",
		"pipes", "cables", "tools", "auto-parts", "fertilizers", "seeds", "plastics", "lumber", "sanitary-ware", "lighting",
	}
	sellingExp = []string{
		"transport", "advertising", "packaging", "warehouse-rent", "fuel", "customs-fees", "loading", "commissions",
		"exhibitions", "samples", "shop-rent", "delivery", "certification", "marketing", "storage-losses", "insurance-goods",
	}
	adminExp = []string{
		"salaries", "office-rent", "utilities", "communication", "office-supplies", "travel", "audit", "insurance",
		"repairs", "security", "training", "legal", "software", "vehicles", "cleaning", "representation", "post", "subscriptions",
	}
)

// suffixed returns list[i] for the first round and list[i]-2, -3, ... after.
func suffixed(list []string, i int) string {
	if i < len(list) {
		return list[i]
	}
	return list[i%len(list)] + "-" + strconv.Itoa(i/len(list)+1)
}

func twoDigit(i int) string {
	if i < 10 {
		return "0" + strconv.Itoa(i)
	}
	return strconv.Itoa(i)
}

const minAccounts = 40

func buildChart(n int) *chart {
	c := &chart{}
	// Fixed core (29 accounts).
	for i := 0; i < 2; i++ {
		c.add(&c.cash, "assets:cash:50."+twoDigit(i+1)+":"+shops[i])
	}
	for i := 0; i < 3; i++ {
		c.add(&c.bankTMT, "assets:bank:51."+twoDigit(i+1)+":"+banks[i])
	}
	c.add(&c.bankUSD, "assets:bank:52.01:"+usdBanks[0])
	c.add(&c.recvExport, "assets:receivables:62.90:export-usd")
	c.add(&c.advances, "assets:advances:60.90:suppliers")
	c.add(&c.vatIn, "assets:vat-input:19.01")
	c.add(&c.fixed, "assets:fixed:01.01:buildings")
	c.add(&c.fixed, "assets:fixed:01.02:vehicles")
	c.add(&c.fixed, "assets:fixed:01.03:equipment")
	c.add(&c.accDepr, "assets:fixed:02.01:accumulated-depreciation")
	c.add(&c.payForeign, "liabilities:payables:60.90:foreign-usd")
	c.add(&c.vatOut, "liabilities:vat:68.02")
	c.add(&c.incomeTax, "liabilities:tax:68.01:income-tax")
	c.add(&c.profitTax, "liabilities:tax:68.04:profit-tax")
	c.add(&c.socialTax, "liabilities:social:69.01:pension-fund")
	c.add(&c.payroll, "liabilities:payroll:70.01")
	c.add(&c.loans, "liabilities:loans:66.01:halkbank")
	c.add(&c.capital, "equity:capital:80.01")
	c.add(&c.retained, "equity:retained:84.01")
	c.add(&c.otherInc, "income:other:91.01:interest")
	c.add(&c.fxGain, "income:other:91.01:fx-gain")
	c.add(&c.bankFees, "expenses:other:91.02:bank-fees")
	c.add(&c.fxLoss, "expenses:other:91.02:fx-loss")
	c.add(&c.depreciation, "expenses:admin:26.90:depreciation")
	c.add(&c.otherExp, "expenses:other:91.02:penalties")
	c.add(&c.taxExp, "expenses:tax:99.01:profit-tax")
	c.add(&c.dividends, "liabilities:dividends:75.02")

	// Variable part, round robin until exactly n accounts.
	type kind int
	const (
		kProduct kind = iota
		kSelling
		kAdmin
		kRecv
		kPay
		kCash
		kBank
		kUSDBank
	)
	pattern := []kind{kProduct, kSelling, kAdmin, kRecv, kProduct, kPay, kAdmin, kSelling, kProduct, kRecv, kCash, kBank, kProduct, kAdmin, kPay, kUSDBank}
	var nProd, nSell, nAdmin, nRecv, nPay int
	nCash, nBank, nUSD := len(c.cash), len(c.bankTMT), len(c.bankUSD)
	for i := 0; len(c.names) < n; i++ {
		k := pattern[i%len(pattern)]
		if k == kProduct && len(c.names)+3 > n {
			k = kAdmin
		}
		if (k == kCash && nCash >= len(shops)) || (k == kBank && nBank >= len(banks)) || (k == kUSDBank && nUSD >= len(usdBanks)) {
			k = kSelling
		}
		switch k {
		case kProduct:
			g := suffixed(goods, nProd)
			c.add(&c.inventory, "assets:inventory:41.01:"+g)
			c.add(&c.sales, "income:sales:90.01:"+g)
			c.add(&c.cogs, "expenses:cogs:90.02:"+g)
			nProd++
		case kSelling:
			s := suffixed(sellingExp, nSell)
			c.add(&c.selling, "expenses:selling:44."+twoDigit(nSell%100+1)+":"+s)
			c.sellingNames = append(c.sellingNames, s)
			nSell++
		case kAdmin:
			s := suffixed(adminExp, nAdmin)
			c.add(&c.admin, "expenses:admin:26."+twoDigit(nAdmin%89+1)+":"+s)
			c.adminNames = append(c.adminNames, s)
			nAdmin++
		case kRecv:
			c.add(&c.recv, "assets:receivables:62."+twoDigit(nRecv%89+1)+":"+suffixed(regions, nRecv))
			nRecv++
		case kPay:
			c.add(&c.payLocal, "liabilities:payables:60."+twoDigit(nPay%89+1)+":"+suffixed(supplierGrps, nPay))
			nPay++
		case kCash:
			c.add(&c.cash, "assets:cash:50."+twoDigit(nCash+1)+":"+shops[nCash])
			nCash++
		case kBank:
			c.add(&c.bankTMT, "assets:bank:51."+twoDigit(nBank+1)+":"+banks[nBank])
			nBank++
		case kUSDBank:
			c.add(&c.bankUSD, "assets:bank:52."+twoDigit(nUSD+1)+":"+usdBanks[nUSD])
			nUSD++
		}
	}
	return c
}

// ---------------------------------------------------------------- counterparties

var (
	words1 = []string{"Altyn", "Ak", "Gök", "Täze", "Beýik", "Parahat", "Bereketli", "Ýaşyl", "Nurly", "Arzuwly",
		"Döwletli", "Bagtly", "Oguz", "Watan", "Asuda", "Ylham", "Serdar", "Röwşen", "Merdana", "Gül",
		"Mert", "Arkadag", "Ajaýyp", "Belent", "Güneşli", "Dost", "Halkly", "Ynamly", "Şatlyk", "Zerli"}
	words2 = []string{"Ýol", "Döwür", "Zaman", "Gülüstan", "Ýyldyz", "Merjen", "Söwda", "Gurluşyk", "Önüm", "Senagat",
		"Hyzmat", "Nusga", "Sapar", "Derýa", "Depe", "Bazar", "Ussat", "Kerwen", "Menzil", "Çeşme",
		"Dünýä", "Gaýa", "Akar", "Baýdak", "Meýdan", "Gala", "Köşk", "Ülke", "Nesil", "Ojak"}
	forms    = []string{"HJ", "HK", "AGPJ", "PJ", "DB"}
	surnames = []string{"Berdiýew", "Annaýew", "Orazow", "Gurbanow", "Hojaýew", "Amanow", "Saparow", "Ataýew", "Myradow", "Durdyýew",
		"Nurmuhammedow", "Çaryýew", "Allaberdiýew", "Öwezow", "Rejepow", "Hallyýew", "Baýramow", "Garaýew", "Kakaýew", "Tagandurdyýew"}
	initials = []string{"A.", "B.", "Ç.", "D.", "E.", "G.", "H.", "J.", "K.", "M.", "N.", "O.", "P.", "R.", "S.", "T.", "Ý.", "Z."}
)

func buildCounterparties(n int, r *rng) [][]byte {
	var all []string
	for _, a := range words1 {
		for _, b := range words2 {
			for _, f := range forms {
				all = append(all, "\""+a+" "+b+"\" "+f)
			}
		}
	}
	for _, s := range surnames {
		for _, i := range initials {
			all = append(all, s+" "+i+" TI")
			all = append(all, s+"a "+i+" TI") // -ow/-ew → -owa/-ewa
		}
	}
	// Fisher–Yates with our generator.
	for i := len(all) - 1; i > 0; i-- {
		j := r.intn(i + 1)
		all[i], all[j] = all[j], all[i]
	}
	out := make([][]byte, n)
	for i := range out {
		s := all[i%len(all)]
		if i >= len(all) {
			s += " No" + strconv.Itoa(i/len(all)+1)
		}
		out[i] = []byte(s)
	}
	return out
}

// ---------------------------------------------------------------- journal

type posting struct {
	acct int
	com  int   // commodity of the amount
	amt  int64 // cents
	cost int64 // total cost in TMT cents for `@@`; 0 = none
}

type gen struct {
	w      *bufio.Writer
	r      *rng
	c      *chart
	cps    [][]byte
	nCust  int
	totals [][2]int64
	buf    []byte
	ps     [4]posting
	np     int
	code   int
	inv    int
	rate   int64 // TMT cents per 100 USD: 350 means 3.50 TMT per USD
	elide  float64
	noUSD  bool
	pad    [64]byte
}

func (g *gen) post(acct, com int, amt, cost int64) {
	g.ps[g.np] = posting{acct, com, amt, cost}
	g.np++
}

func appendCents(b []byte, c int64) []byte {
	if c < 0 {
		b = append(b, '-')
		c = -c
	}
	b = strconv.AppendInt(b, c/100, 10)
	f := c % 100
	return append(b, '.', byte('0'+f/10), byte('0'+f%10))
}

func (g *gen) pick(list []int) int { return list[g.r.intn(len(list))] }

// header writes "DATE [STATUS] [(CODE)] DESCRIPTION" and resets postings.
func (g *gen) header(date []byte, cp []byte, memo string, num int) {
	b := g.buf[:0]
	b = append(b, '\n')
	b = append(b, date...)
	switch u := g.r.intn(100); {
	case u < 88:
		b = append(b, " *"...)
	case u < 91:
		b = append(b, " !"...)
	}
	if g.r.intn(100) < 60 {
		g.code++
		b = append(b, " ("...)
		b = strconv.AppendInt(b, int64(g.code), 10)
		b = append(b, ')')
	}
	b = append(b, ' ')
	b = append(b, cp...)
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
	g.np = 0
}

// comment adds an indented transaction comment line (a tag for hledger,
// metadata for ledger).
func (g *gen) comment(s string) {
	g.buf = append(g.buf, "    ; "...)
	g.buf = append(g.buf, s...)
	g.buf = append(g.buf, '\n')
}

// flush checks that the postings balance, elides at most one amount, and
// writes the postings.
func (g *gen) flush() {
	var sum [2]int64
	for i := 0; i < g.np; i++ {
		p := &g.ps[i]
		if p.cost != 0 {
			if p.amt < 0 {
				sum[tmt] -= p.cost
			} else {
				sum[tmt] += p.cost
			}
		} else {
			sum[p.com] += p.amt
		}
		g.totals[p.acct][p.com] += p.amt
	}
	if sum[tmt] != 0 || sum[usd] != 0 {
		panic(fmt.Sprintf("generator bug: unbalanced transaction %q %v", g.buf, sum))
	}
	elide := -1
	if g.r.float() < g.elide {
		// Elide the last posting that has no cost.
		for i := g.np - 1; i >= 0; i-- {
			if g.ps[i].cost == 0 {
				elide = i
				break
			}
		}
	}
	b := g.buf
	for i := 0; i < g.np; i++ {
		p := &g.ps[i]
		name := g.c.names[p.acct]
		b = append(b, "    "...)
		b = append(b, name...)
		if i == elide {
			b = append(b, '\n')
			continue
		}
		// Right-align the number (not the commodity) at column 60.
		start := len(b)
		b = append(b, "  "...)
		b = appendCents(b, p.amt)
		if w := 4 + len(name) + (len(b) - start); w < 60 {
			n := 60 - w
			b = append(b, g.pad[:n]...)
			copy(b[start+n:], b[start:len(b)-n])
			copy(b[start:start+n], g.pad[:n])
		}
		b = append(b, ' ')
		b = append(b, commodityName[p.com]...)
		if p.cost != 0 {
			b = append(b, " @@ "...)
			b = appendCents(b, p.cost)
			b = append(b, " TMT"...)
		}
		b = append(b, '\n')
	}
	g.w.Write(b)
	g.buf = b[:0]
}

func vat(net int64) int64 { return (net*15 + 50) / 100 } // 15% VAT

func (g *gen) usdCost(usdCents int64) int64 {
	if usdCents < 0 {
		usdCents = -usdCents
	}
	// rate is TMT cents per USD; round half up to whole cents.
	return (usdCents*g.rate + 50) / 100
}

func (g *gen) customer() []byte { return g.cps[g.r.skewed(g.nCust)] }
func (g *gen) supplier() []byte { return g.cps[g.nCust+g.r.skewed(len(g.cps)-g.nCust)] }

// one writes one ordinary transaction of a random kind.
func (g *gen) one(date []byte) {
	c, r := g.c, g.r
	kinds := 1000
	if g.noUSD {
		kinds = 950 // the USD kinds are the last ones
	}
	switch u := r.intn(kinds); {
	case u < 300: // credit sale with VAT, one or two product lines
		g.inv++
		g.header(date, g.customer(), "sales invoice", g.inv)
		p1 := r.intn(len(c.sales))
		n1 := r.cents(50, 250000)
		var n2 int64
		p2 := -1
		if r.chance(0.3) && len(c.sales) > 1 {
			p2 = (p1 + 1 + r.intn(len(c.sales)-1)) % len(c.sales)
			n2 = r.cents(50, 100000)
		}
		v := vat(n1 + n2)
		g.post(g.pick(c.recv), tmt, n1+n2+v, 0)
		g.post(c.sales[p1], tmt, -n1, 0)
		if p2 >= 0 {
			g.post(c.sales[p2], tmt, -n2, 0)
		}
		g.post(c.vatOut[0], tmt, -v, 0)
	case u < 380: // cash sale in a shop
		g.header(date, []byte("Retail"), "cash sales", 0)
		p := r.intn(len(c.sales))
		n := r.cents(20, 20000)
		v := vat(n)
		g.post(g.pick(c.cash), tmt, n+v, 0)
		g.post(c.sales[p], tmt, -n, 0)
		g.post(c.vatOut[0], tmt, -v, 0)
	case u < 480: // cost of goods sold
		g.header(date, []byte("Warehouse"), "cost of goods sold", 0)
		p := r.intn(len(c.sales))
		n := r.cents(50, 150000)
		g.post(c.cogs[p], tmt, n, 0)
		g.post(c.inventory[p], tmt, -n, 0)
	case u < 640: // customer pays
		g.header(date, g.customer(), "payment received", 0)
		n := r.cents(100, 300000)
		g.post(g.pick(c.bankTMT), tmt, n, 0)
		g.post(g.pick(c.recv), tmt, -n, 0)
	case u < 740: // purchase of goods with input VAT
		g.header(date, g.supplier(), "goods receipt", 0)
		p := r.intn(len(c.inventory))
		n := r.cents(100, 200000)
		v := vat(n)
		g.post(c.inventory[p], tmt, n, 0)
		g.post(c.vatIn[0], tmt, v, 0)
		g.post(g.pick(c.payLocal), tmt, -(n + v), 0)
	case u < 830: // pay a supplier
		g.header(date, g.supplier(), "payment", 0)
		n := r.cents(100, 250000)
		g.post(g.pick(c.payLocal), tmt, n, 0)
		g.post(g.pick(c.bankTMT), tmt, -n, 0)
	case u < 920: // operating expense, paid from bank or cash
		var acct int
		var memo string
		if r.chance(0.5) {
			i := r.intn(len(c.selling))
			acct, memo = c.selling[i], c.sellingNames[i]
		} else {
			i := r.intn(len(c.admin))
			acct, memo = c.admin[i], c.adminNames[i]
		}
		g.header(date, g.supplier(), memo, 0)
		n := r.cents(10, 20000)
		from := g.pick(c.bankTMT)
		if n < 100000 && r.chance(0.3) {
			from = g.pick(c.cash)
		}
		if r.chance(0.5) {
			v := vat(n)
			g.post(acct, tmt, n, 0)
			g.post(c.vatIn[0], tmt, v, 0)
			g.post(from, tmt, -(n + v), 0)
		} else {
			g.post(acct, tmt, n, 0)
			g.post(from, tmt, -n, 0)
		}
	case u < 935: // cash collected from shops to the bank
		g.header(date, []byte("Cash collection"), "deposit", 0)
		n := r.cents(500, 30000)
		g.post(g.pick(c.bankTMT), tmt, n, 0)
		g.post(g.pick(c.cash), tmt, -n, 0)
	case u < 940: // advance to a supplier
		g.header(date, g.supplier(), "prepayment", 0)
		n := r.cents(1000, 100000)
		g.post(c.advances[0], tmt, n, 0)
		g.post(g.pick(c.bankTMT), tmt, -n, 0)
	case u < 945: // goods received against an advance
		g.header(date, g.supplier(), "goods against prepayment", 0)
		n := r.cents(1000, 100000)
		v := vat(n)
		g.post(c.inventory[r.intn(len(c.inventory))], tmt, n, 0)
		g.post(c.vatIn[0], tmt, v, 0)
		g.post(c.advances[0], tmt, -(n + v), 0)
	case u < 947: // a fine
		g.header(date, []byte("Tax service"), "penalty", 0)
		n := r.cents(100, 5000)
		g.post(c.otherExp[0], tmt, n, 0)
		g.post(g.pick(c.bankTMT), tmt, -n, 0)
	case u < 950: // bank fees
		g.header(date, []byte("Bank"), "service fee", 0)
		n := r.cents(5, 500)
		g.post(c.bankFees[0], tmt, n, 0)
		g.post(g.pick(c.bankTMT), tmt, -n, 0)
	case u < 965: // buy USD for TMT
		g.header(date, []byte("Halkbank"), "currency purchase", 0)
		d := r.cents(1000, 50000) / 100 * 100
		t := g.usdCost(d)
		g.post(g.pick(c.bankUSD), usd, d, t)
		g.post(g.pick(c.bankTMT), tmt, -t, 0)
	case u < 978: // import of goods on credit, in USD
		g.header(date, g.supplier(), "import contract", 0)
		d := r.cents(500, 60000)
		t := g.usdCost(d)
		p := r.intn(len(c.inventory))
		if r.chance(0.4) {
			fee := r.cents(50, 2000)
			g.post(c.inventory[p], tmt, t, 0)
			g.post(g.pick(c.selling), tmt, fee, 0) // customs, transport
			g.post(g.pick(c.bankTMT), tmt, -fee, 0)
			g.post(c.payForeign[0], usd, -d, t)
		} else {
			g.post(c.inventory[p], tmt, t, 0)
			g.post(c.payForeign[0], usd, -d, t)
		}
	case u < 984: // pay the foreign supplier from the USD account
		g.header(date, g.supplier(), "import payment", 0)
		d := r.cents(500, 40000)
		g.post(c.payForeign[0], usd, d, 0)
		g.post(g.pick(c.bankUSD), usd, -d, 0)
	case u < 988: // the same, booked at both rates with the exchange difference
		g.header(date, g.supplier(), "import payment", 0)
		d := r.cents(500, 40000)
		t1 := g.usdCost(d)
		t2 := (d*(345+int64(r.intn(11))) + 50) / 100
		g.post(c.payForeign[0], usd, d, t1)
		g.post(g.pick(c.bankUSD), usd, -d, t2)
		if t2 > t1 {
			g.post(c.fxLoss[0], tmt, t2-t1, 0)
		} else if t1 > t2 {
			g.post(c.fxGain[0], tmt, t2-t1, 0)
		}
	case u < 994: // export sale in USD
		g.inv++
		g.header(date, g.customer(), "export invoice", g.inv)
		d := r.cents(500, 50000)
		t := g.usdCost(d)
		g.post(c.recvExport[0], usd, d, t)
		g.post(c.sales[r.intn(len(c.sales))], tmt, -t, 0)
	default: // export customer pays in USD
		g.header(date, g.customer(), "export payment", 0)
		d := r.cents(500, 40000)
		g.post(g.pick(c.bankUSD), usd, d, 0)
		g.post(c.recvExport[0], usd, -d, 0)
	}
	if r.intn(100) < 4 {
		g.comment("source: bench-gen")
	}
	g.flush()
}

// opening writes the opening balances (counts as transactions).
func (g *gen) opening(date []byte) int {
	c, r := g.c, g.r
	n := 0
	g.header(date, []byte("Opening balances"), "", 0)
	a, b := r.cents(2e6, 5e6), r.cents(1e6, 3e6)
	g.post(c.fixed[0], tmt, a, 0)
	g.post(c.fixed[1], tmt, b, 0)
	g.post(c.fixed[2], tmt, 500000_00, 0)
	g.post(c.capital[0], tmt, -(a + b + 500000_00), 0)
	g.flush()
	n++
	for _, acct := range c.bankTMT {
		g.header(date, []byte("Opening balances"), "", 0)
		v := r.cents(2e5, 2e6)
		g.post(acct, tmt, v, 0)
		g.post(c.capital[0], tmt, -v, 0)
		g.flush()
		n++
	}
	g.header(date, []byte("Halkbank"), "credit line", 0)
	g.post(c.bankTMT[0], tmt, 5000000_00, 0)
	g.post(c.loans[0], tmt, -5000000_00, 0)
	g.flush()
	return n + 1
}

// monthEnd writes payroll, depreciation and tax transactions.
func (g *gen) monthEnd(date []byte, ym string) int {
	c, r := g.c, g.r
	gross := r.cents(150000, 250000)
	tax := gross / 10
	social := gross * 2 / 100
	g.header(date, []byte("Payroll"), "salaries "+ym, 0)
	g.post(c.admin[0], tmt, gross, 0)
	g.post(c.payroll[0], tmt, -(gross - tax - social), 0)
	g.post(c.incomeTax[0], tmt, -tax, 0)
	g.post(c.socialTax[0], tmt, -social, 0)
	g.flush()
	g.header(date, []byte("Payroll"), "salaries paid "+ym, 0)
	g.post(c.payroll[0], tmt, gross-tax-social, 0)
	g.post(c.bankTMT[0], tmt, -(gross - tax - social), 0)
	g.flush()
	g.header(date, []byte("Fixed assets"), "depreciation "+ym, 0)
	d := r.cents(20000, 40000)
	g.post(c.depreciation[0], tmt, d, 0)
	g.post(c.accDepr[0], tmt, -d, 0)
	g.flush()
	g.header(date, []byte("Halkbank"), "loan interest "+ym, 0)
	i := r.cents(30000, 60000)
	g.post(c.bankFees[0], tmt, i, 0)
	g.post(c.bankTMT[0], tmt, -i, 0)
	g.flush()
	g.header(date, []byte("Halkbank"), "interest on balances "+ym, 0)
	i = r.cents(1000, 5000)
	g.post(c.bankTMT[1], tmt, i, 0)
	g.post(c.otherInc[0], tmt, -i, 0)
	g.flush()
	// Settle VAT and pay payroll taxes: clear the accounts' balances.
	g.header(date, []byte("Tax service"), "VAT return "+ym, 0)
	out, in := g.totals[c.vatOut[0]][tmt], g.totals[c.vatIn[0]][tmt]
	g.post(c.vatOut[0], tmt, -out, 0)
	g.post(c.vatIn[0], tmt, -in, 0)
	g.post(c.bankTMT[0], tmt, out+in, 0)
	g.flush()
	g.header(date, []byte("Tax service"), "payroll taxes "+ym, 0)
	it, so := g.totals[c.incomeTax[0]][tmt], g.totals[c.socialTax[0]][tmt]
	g.post(c.incomeTax[0], tmt, -it, 0)
	g.post(c.socialTax[0], tmt, -so, 0)
	g.post(c.bankTMT[0], tmt, it+so, 0)
	g.flush()
	n := 7
	if ym[5:] == "03" || ym[5:] == "06" || ym[5:] == "09" || ym[5:] == "12" {
		g.header(date, []byte("Tax service"), "profit tax "+ym, 0)
		t := r.cents(50000, 200000)
		g.post(c.taxExp[0], tmt, t, 0)
		g.post(c.profitTax[0], tmt, -t, 0)
		g.flush()
		g.header(date, []byte("Tax service"), "profit tax paid "+ym, 0)
		g.post(c.profitTax[0], tmt, t, 0)
		g.post(c.bankTMT[0], tmt, -t, 0)
		g.flush()
		n += 2
	}
	if ym[5:] == "12" {
		g.header(date, []byte("Founders"), "dividends "+ym[:4], 0)
		t := r.cents(200000, 500000) / 100000 * 100000
		g.post(c.retained[0], tmt, t, 0)
		g.post(c.dividends[0], tmt, -t, 0)
		g.flush()
		g.header(date, []byte("Founders"), "dividends paid "+ym[:4], 0)
		g.post(c.dividends[0], tmt, t, 0)
		g.post(c.bankTMT[0], tmt, -t, 0)
		g.flush()
		n += 2
	}
	return n
}

// day is one calendar day of the generated period.
type day struct {
	date []byte
	ym   string
}

func days(start time.Time, years int) []day {
	var out []day
	end := start.AddDate(years, 0, 0)
	for d := start; d.Before(end); d = d.AddDate(0, 0, 1) {
		if d.Weekday() == time.Sunday {
			continue
		}
		out = append(out, day{[]byte(d.Format("2006-01-02")), d.Format("2006-01")})
	}
	return out
}

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		fmt.Fprintln(os.Stderr, "gen:", err)
		if _, ok := err.(usageError); ok {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

type usageError struct{ error }

// genOptions are the flags the -chart cis model reads.
type genOptions struct {
	n, nAcc, nCP, years      int
	seed                     uint64
	start                    time.Time
	elide                    float64
	totals, chartOut, counts string
}

func (e usageError) Unwrap() error { return e.error }

// run is main with its arguments and standard output passed in (for tests).
func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	n := fs.Int("n", 100000, "number of transactions")
	nAcc := fs.Int("accounts", 200, fmt.Sprintf("number of accounts (at least %d)", minAccounts))
	nCP := fs.Int("counterparties", 5000, "number of counterparties (payees)")
	seed := fs.Uint64("seed", 1, "random seed")
	out := fs.String("o", "-", "output file (- for stdout)")
	startS := fs.String("start", "2022-01-01", "first date")
	years := fs.Int("years", 3, "number of years the transactions span")
	elide := fs.Float64("elide", 0.2, "fraction of transactions with one posting amount elided")
	useUSD := fs.Bool("usd", true, "include USD transactions (bank accounts, imports and exports at cost)")
	totals := fs.String("totals", "", "write the expected balances (account,commodity,amount CSV) here")
	chartName := fs.String("chart", "", `"cis": the books on Hasap's cis chart with analytics tags (see cis.go); "" for the plain hledger-style accounts`)
	chartOut := fs.String("chart-out", "", "with -chart cis: write the chart (Hasap's chart CSV, for org create --chart-file) here")
	counts := fs.String("counts", "", "with -chart cis: write the postings per account (account,postings CSV, busiest first) here")
	if err := fs.Parse(args); err != nil {
		return usageError{err}
	}
	if *nAcc < minAccounts || *nCP < 2 || *n < 1 || *years < 1 || fs.NArg() > 0 {
		return usageError{fmt.Errorf("need -accounts >= %d, -counterparties >= 2, -n >= 1, -years >= 1 and no arguments", minAccounts)}
	}
	start, err := time.Parse("2006-01-02", *startS)
	if err != nil {
		return usageError{fmt.Errorf("bad -start: %v", err)}
	}

	f := stdout
	var file *os.File
	if *out != "-" {
		file, err = os.Create(*out)
		if err != nil {
			return err
		}
		defer file.Close()
		f = file
	}
	w := bufio.NewWriterSize(f, 1<<20)

	switch *chartName {
	case "":
	case "cis":
		err := runCIS(w, genOptions{n: *n, nAcc: *nAcc, nCP: *nCP, seed: *seed, start: start, years: *years,
			elide: *elide, totals: *totals, chartOut: *chartOut, counts: *counts})
		if err == nil && file != nil {
			err = file.Close()
		}
		return err
	default:
		return usageError{fmt.Errorf("unknown -chart %q (cis or none)", *chartName)}
	}
	r := &rng{s: *seed}
	c := buildChart(*nAcc)
	cps := buildCounterparties(*nCP, r)
	g := &gen{w: w, r: r, c: c, cps: cps, nCust: *nCP * 7 / 10, totals: make([][2]int64, len(c.names)),
		rate: 350, elide: *elide, noUSD: !*useUSD, buf: make([]byte, 0, 4096)}
	if g.nCust < 1 {
		g.nCust = 1
	}
	for i := range g.pad {
		g.pad[i] = ' '
	}

	fmt.Fprintf(w, "; Hasap benchmark journal: gen -seed %d -n %d -accounts %d -counterparties %d -start %s -years %d\n",
		*seed, *n, *nAcc, *nCP, *startS, *years)
	fmt.Fprintf(w, "; \"Hasap Söwda\" HJ, Aşgabat. Base currency TMT; USD at the official rate.\n\n")
	// Declared commodities, tags and accounts let `ledger --pedantic` and
	// `hledger -s` (strict) accept the file too.
	w.WriteString("commodity TMT\n    format 1000.00 TMT\ncommodity USD\n    format 1000.00 USD\n\ntag source\n\n")
	sorted := append([]string(nil), c.names...)
	sort.Strings(sorted)
	for _, name := range sorted {
		w.WriteString("account ")
		w.WriteString(name)
		w.WriteByte('\n')
	}

	ds := days(start, *years)
	written := 0
	lastYM := ""
	for written < *n {
		// Transactions are spread evenly over the days, in date order.
		d := ds[int(int64(written)*int64(len(ds))/int64(*n))]
		if d.ym != lastYM {
			if lastYM != "" && written+11 <= *n {
				written += g.monthEnd(d.date, lastYM)
			}
			// The official rate is 3.50; banks trade within a small band.
			g.rate = 348 + int64(r.intn(5))
			w.WriteString("\nP ")
			w.Write(d.date)
			w.WriteString(" USD ")
			w.Write(appendCents(nil, g.rate))
			w.WriteString(" TMT\n")
			if lastYM == "" {
				written += g.opening(d.date)
			}
			lastYM = d.ym
			continue
		}
		g.one(d.date)
		written++
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if file != nil {
		if err := file.Close(); err != nil {
			return err
		}
	}
	if *totals != "" {
		return writeTotals(*totals, c.names, g.totals)
	}
	return nil
}

func writeTotals(path string, names []string, totals [][2]int64) error {
	idx := make([]int, len(names))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return names[idx[a]] < names[idx[b]] })
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	w.WriteString("account,commodity,amount\n")
	for _, i := range idx {
		for com := 0; com < 2; com++ {
			if totals[i][com] == 0 {
				continue
			}
			w.WriteString(names[i])
			w.WriteByte(',')
			w.WriteString(commodityName[com])
			w.WriteByte(',')
			w.Write(appendCents(nil, totals[i][com]))
			w.WriteByte('\n')
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
