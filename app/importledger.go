package app

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"hasap/auth"
	"hasap/interop/ledgertext"
	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

// ImportStats says what an import did.
type ImportStats struct {
	Transactions    int
	Entries         int
	Postings        int
	AccountsCreated int
	Prices          int
	Assertions      int
}

// ImportOptions tune an import.
type ImportOptions struct {
	// Progress, if set, is called every ProgressEvery transactions and at the end.
	Progress      func(lines, transactions int)
	ProgressEvery int
}

// ImportLedger loads an hledger/ledger journal into the organisation as one
// transaction: every transaction of the file becomes one entry of Dt/Kt
// postings, or, at the first problem, nothing at all is kept and the error
// names the line.
//
// If r is also an io.Seeker, a first quick pass collects the P (price)
// directives so that, as in hledger, a price may appear later in the file
// than the transactions that use it.
func (a *App) ImportLedger(ctx context.Context, actor Actor, orgCode string, r io.Reader, opts ImportOptions) (ImportStats, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.PostEntries)
	if err != nil {
		return ImportStats{}, err
	}
	im := &importer{app: a, ctx: ctx, actor: actor, org: org, prices: priceBook{}, balances: map[balanceKey]money.Amount{}, analytics: map[analyticKey]ledger.AnalyticID{}}
	if rs, ok := r.(io.ReadSeeker); ok {
		if err := im.prescanPrices(rs); err != nil {
			return ImportStats{}, err
		}
	}
	p, err := a.Store.BeginPost(ctx, org.ID, store.PostOptions{Now: a.Now, Bulk: true})
	if err != nil {
		return ImportStats{}, err
	}
	defer p.Rollback()
	im.p = p
	if err := im.run(r, opts); err != nil {
		return ImportStats{}, err
	}
	detail := fmt.Sprintf("%d entries from %d transactions, %d accounts created", im.stats.Entries, im.stats.Transactions, im.stats.AccountsCreated)
	ev := a.auditEvent(actor, org.ID, ActImport, detail)
	if err := p.AppendAudit(&ev); err != nil {
		return ImportStats{}, err
	}
	if err := p.Commit(); err != nil {
		return ImportStats{}, err
	}
	if opts.Progress != nil {
		opts.Progress(im.lastLine, im.stats.Transactions)
	}
	return im.stats, nil
}

type balanceKey struct {
	account  string
	currency string
}

type analyticKey struct {
	kind ledger.AnalyticKind
	code string
}

type importer struct {
	app       *App
	ctx       context.Context
	actor     Actor
	org       ledger.Org
	p         store.Poster
	prices    priceBook
	balances  map[balanceKey]money.Amount // running balance per account and commodity, for assertions
	analytics map[analyticKey]ledger.AnalyticID
	stats     ImportStats
	lastLine  int
}

// run parses in one goroutine and converts and posts in this one, so that
// reading the file overlaps with hashing and writing.
func (im *importer) run(r io.Reader, opts ImportOptions) error {
	ctx, cancel := context.WithCancel(im.ctx)
	defer cancel()
	batches := make(chan []ledgertext.Item, 8)
	parseErr := make(chan error, 1)
	go func() {
		defer close(batches)
		batch := make([]ledgertext.Item, 0, 256)
		err := ledgertext.Parse(r, func(it ledgertext.Item) error {
			batch = append(batch, it)
			if len(batch) == cap(batch) {
				select {
				case batches <- batch:
				case <-ctx.Done():
					return ctx.Err()
				}
				batch = make([]ledgertext.Item, 0, 256)
			}
			return nil
		})
		if err == nil && len(batch) > 0 {
			select {
			case batches <- batch:
			case <-ctx.Done():
				err = ctx.Err()
			}
		}
		parseErr <- err
	}()
	every := opts.ProgressEvery
	if every <= 0 {
		every = 100000
	}
	for batch := range batches {
		for _, it := range batch {
			if err := im.item(it); err != nil {
				cancel()
				for range batches { // let the parser finish
				}
				return err
			}
			if opts.Progress != nil && im.stats.Transactions%every == 0 {
				if _, ok := it.(*ledgertext.Transaction); ok {
					opts.Progress(im.lastLine, im.stats.Transactions)
				}
			}
		}
	}
	if err := <-parseErr; err != nil {
		var pe *ledgertext.ParseError
		if errors.As(err, &pe) {
			return ledger.Errorf(ledger.EInvalid, "%s", pe.Error())
		}
		return err
	}
	return nil
}

func (im *importer) item(it ledgertext.Item) error {
	im.lastLine = it.SourceLine()
	var err error
	switch v := it.(type) {
	case *ledgertext.Transaction:
		err = im.transaction(v)
	case *ledgertext.Price:
		err = im.price(v)
	case *ledgertext.AccountDirective:
		err = im.accountDirective(v)
	}
	if err != nil {
		return lineError(it.SourceLine(), err)
	}
	return nil
}

// lineError prefixes err with the line, keeping its code.
func lineError(line int, err error) error {
	return ledger.Errorf(ledger.ErrorCode(err), "line %d: %s", line, err)
}

func (im *importer) accountDirective(d *ledgertext.AccountDirective) error {
	_, err := im.account(d.Name, d.Tags())
	return err
}

// account returns the chart account named code, creating it when the chart
// lacks it: kind from an hledger "type:" tag or the top-level name.
func (im *importer) account(name string, tags []ledgertext.Tag) (*ledger.Account, error) {
	code := ledger.AccountCode(name)
	if a, ok := im.p.Chart()[code]; ok {
		return a, nil
	}
	kind, class := ledger.KindForName(name)
	a := ledger.Account{Code: code, Kind: kind, Class: class, Currency: true,
		Names: ledger.Names{TK: name, RU: name, EN: name}}
	if err := applyAccountTags(&a, tags); err != nil {
		return nil, err
	}
	if err := im.p.AddAccount(a); err != nil {
		return nil, err
	}
	im.stats.AccountsCreated++
	return im.p.Chart()[code], nil
}

// applyAccountTags reads hledger's "type" tag and the tags Hasap's export
// writes (hasap-kind, hasap-class, hasap-flags, hasap-analytics).
func applyAccountTags(a *ledger.Account, tags []ledgertext.Tag) error {
	hasapFlags := false
	for _, t := range tags {
		switch t.Name {
		case "type":
			a.Kind, a.Class = kindForType(t.Value, a.Kind, a.Class)
		case "hasap-kind":
			a.Kind = ledger.Kind(t.Value)
		case "hasap-class":
			a.Class = ledger.Class(t.Value)
		case "hasap-flags":
			hasapFlags = true
			a.Currency, a.Quantity = false, false
			for _, f := range strings.Split(t.Value, "+") {
				switch f {
				case "currency":
					a.Currency = true
				case "quantity":
					a.Quantity = true
				case "none":
				default:
					return errf("unknown account flag %q", f)
				}
			}
		case "hasap-analytics":
			a.Analytics = nil
			for _, k := range strings.Split(t.Value, "+") {
				a.Analytics = append(a.Analytics, ledger.AnalyticKind(k))
			}
		}
	}
	if !hasapFlags && a.Class == ledger.OffBalance {
		a.Quantity = true
	}
	return a.Validate()
}

// kindForType reads hledger's account type letters and names.
func kindForType(t string, kind ledger.Kind, class ledger.Class) (ledger.Kind, ledger.Class) {
	switch t {
	case "A", "Asset", "C", "Cash":
		return ledger.Active, ledger.Asset
	case "L", "Liability":
		return ledger.Passive, ledger.Liability
	case "E", "Equity", "V", "Conversion":
		return ledger.Passive, ledger.Equity
	case "R", "Revenue":
		return ledger.Passive, ledger.Income
	case "X", "Expense":
		return ledger.Active, ledger.Expense
	}
	return kind, class
}

func (im *importer) currency(commodity string) (money.Currency, error) {
	if commodity == "" {
		return im.org.Currency, nil
	}
	c, err := money.FromSymbol(commodity)
	if err != nil {
		return money.Currency{}, ledger.Errorf(ledger.EInvalid, "commodity %q is not a currency Hasap knows (use an ISO 4217 code such as TMT, USD, EUR)", commodity)
	}
	return c, nil
}

func (im *importer) amount(a ledgertext.Amount) (money.Currency, money.Amount, error) {
	c, err := im.currency(a.Commodity)
	if err != nil {
		return c, 0, err
	}
	v, err := money.ParseDecimal(a.Number, c.Exponent)
	if err != nil {
		if errors.Is(err, money.ErrPrecision) {
			return c, 0, ledger.Errorf(ledger.EInvalid, "amount %s has more decimals than %s allows (%d)", a.Number, c.Code, c.Exponent)
		}
		return c, 0, ledger.Errorf(ledger.EInvalid, "amount %s %s: %v", a.Number, c.Code, err)
	}
	return c, v, nil
}

func (im *importer) price(p *ledgertext.Price) error {
	im.stats.Prices++
	return im.prices.add(im, p)
}

// prescanPrices reads the P directives of a seekable file, then rewinds it.
func (im *importer) prescanPrices(rs io.ReadSeeker) error {
	var buf bytes.Buffer
	sc := bufio.NewScanner(rs)
	sc.Buffer(make([]byte, 1<<20), ledgertext.DefaultMaxLineBytes+2)
	for sc.Scan() {
		line := sc.Bytes()
		if len(line) > 2 && line[0] == 'P' && (line[1] == ' ' || line[1] == '\t') {
			buf.Write(line)
			buf.WriteByte('\n')
		}
	}
	if _, err := rs.Seek(0, io.SeekStart); err != nil {
		return err
	}
	if sc.Err() != nil || buf.Len() == 0 {
		return nil // the real pass reports any problem with its line
	}
	// Problems with these lines (and their line numbers) are reported by
	// the real pass; here a bad price line just ends the collection.
	_ = ledgertext.Parse(&buf, func(it ledgertext.Item) error {
		if p, ok := it.(*ledgertext.Price); ok {
			_ = im.prices.add(im, p)
		}
		return nil
	})
	return nil
}

// priceBook holds the journal's prices in the base currency, by currency
// and date.
type priceBook map[string][]datedRate

type datedRate struct {
	date ledger.Date
	rate money.Rate
}

func (pb priceBook) add(im *importer, p *ledgertext.Price) error {
	c, err := im.currency(p.Commodity)
	if err != nil {
		return err
	}
	pc, err := im.currency(p.Amount.Commodity)
	if err != nil {
		return err
	}
	if pc.Code != im.org.Currency.Code || c.Code == pc.Code {
		return nil // only prices in the base currency convert; others are kept by no one
	}
	rate, err := money.ParseRate(p.Amount.Number)
	if err != nil {
		return ledger.Errorf(ledger.EInvalid, "price of %s: %v", c.Code, err)
	}
	d := toDate(p.Date)
	list := pb[c.Code]
	i := sort.Search(len(list), func(i int) bool { return list[i].date >= d })
	if i < len(list) && list[i].date == d {
		list[i].rate = rate // the later directive wins, as in hledger
	} else {
		list = append(list, datedRate{})
		copy(list[i+1:], list[i:])
		list[i] = datedRate{d, rate}
	}
	pb[c.Code] = list
	return nil
}

func (pb priceBook) on(cur string, d ledger.Date) (money.Rate, bool) {
	list := pb[cur]
	i := sort.Search(len(list), func(i int) bool { return list[i].date > d })
	if i == 0 {
		return money.Rate{}, false
	}
	return list[i-1].rate, true
}

// rate finds the rate of cur on d: the journal's prices first, then the
// organisation's rates.
func (im *importer) rate(cur money.Currency, d ledger.Date) (money.Rate, error) {
	if r, ok := im.prices.on(cur.Code, d); ok {
		return r, nil
	}
	r, err := im.app.rateOn(im.ctx, im.org, cur.Code, d) // the organisation's rates, else the official default
	if err != nil {
		if ledger.IsCode(err, ledger.ENotFound) {
			return r, ledger.Errorf(ledger.EInvalid, "no rate of %s to %s on or before %s: add a P directive or a rate", cur.Code, im.org.Currency.Code, d)
		}
		return r, err
	}
	return r, nil
}

func toDate(d ledgertext.Date) ledger.Date { return ledger.DateOf(d.Year, d.Month, d.Day) }

// errf is shorthand for an invalid-input error.
func errf(format string, args ...any) error { return ledger.Errorf(ledger.EInvalid, format, args...) }

var _ = fmt.Sprint
