package web

import (
	"html/template"
	"strconv"

	"hasap/app"
	"hasap/ledger"
	"hasap/money"
	"hasap/report"
)

// The long tables — journal rows, account card lines, trial balance rows,
// the account picker's options — are written by the Go code below instead
// of html/template. A template calls its escaper and its helpers through
// reflection for every cell: for a page of 200 card lines that was two
// thirds of the page's CPU, and these are the pages people open all day
// (BENCHMARKS.md section 4). The markup is the same the templates wrote;
// every value from the books goes through esc, and only literal markup
// through raw. TestFragmentsEscape feeds them hostile names.

// frag builds a fragment of a page.
type frag struct{ b []byte }

// raw appends literal markup.
func (f *frag) raw(s string) { f.b = append(f.b, s...) }

// esc appends text escaped for an HTML text node or a quoted attribute
// value, as html/template does: & < > " ' escaped, NUL replaced.
func (f *frag) esc(s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch s[i] {
		case '&':
			rep = "&amp;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		case '"':
			rep = "&#34;"
		case '\'':
			rep = "&#39;"
		case 0:
			rep = "\uFFFD"
		default:
			continue
		}
		f.b = append(f.b, s[last:i]...)
		f.b = append(f.b, rep...)
		last = i + 1
	}
	f.b = append(f.b, s[last:]...)
}

func (f *frag) int(n int64) { f.b = strconv.AppendInt(f.b, n, 10) }

// html returns the fragment for a template; it is safe by construction.
func (f *frag) html() template.HTML { return template.HTML(f.b) }

// amountCell appends <td class="n">amount</td>, with class neg for a red
// storno amount.
func (f *frag) amountCell(p *page, a money.Amount) {
	if a < 0 {
		f.raw(`<td class="n neg">`)
	} else {
		f.raw(`<td class="n">`)
	}
	f.esc(p.Money(a))
	f.raw(`</td>`)
}

// side appends a posting side: the account code linked to its card (with
// its name after it when named, else as the link's title), the analytics,
// and the currency amount and quantity if any.
func (n names) side(f *frag, s ledger.Side, named bool) {
	if s.Account == "" {
		return
	}
	name := n.AccountName(s.Account)
	f.raw(`<a href="`)
	f.esc(n.p.AccountURL(s.Account))
	if named {
		f.raw(`">`)
		f.esc(string(s.Account))
		f.raw(`</a> <span class="name">`)
		f.esc(name)
		f.raw(`</span>`)
	} else {
		f.raw(`" title="`)
		f.esc(name)
		f.raw(`">`)
		f.esc(string(s.Account))
		f.raw(`</a>`)
	}
	n.analyticsOf(f, s)
	if s.Currency != "" {
		f.raw(`<small class="cur">`)
		f.esc(n.p.Cur(s.CurAmount, s.Currency))
		f.raw(`</small>`)
	}
	if s.Qty != 0 {
		f.raw(`<small class="qty">`)
		f.esc(n.p.Qty(s.Qty))
		f.raw(`</small>`)
	}
}

// analyticsOf appends the analytics of a side, each a <small> with its
// code as the title.
func (n names) analyticsOf(f *frag, s ledger.Side) {
	for _, a := range n.Analytics(s) {
		f.raw(`<small title="`)
		f.esc(a.Code)
		f.raw(`">`)
		if a.Name != "" {
			f.esc(a.Name)
		} else {
			f.esc(a.Code)
		}
		f.raw(`</small>`)
	}
}

// SideNamed is a posting side with the account's name written out (the
// entry page).
func (n names) SideNamed(s ledger.Side) template.HTML {
	var f frag
	n.side(&f, s, true)
	return f.html()
}

// Datalist is the <datalist id="accounts-list"> of an account picker.
func (n names) Datalist(postable bool) template.HTML {
	f := frag{b: make([]byte, 0, 64*len(n.chart))}
	f.raw(`<datalist id="accounts-list">`)
	for _, o := range n.AccountOptions(postable) {
		f.raw(`<option value="`)
		f.esc(string(o.Code))
		f.raw(`">`)
		f.esc(o.Name)
		f.raw(`</option>`)
	}
	f.raw(`</datalist>`)
	return f.html()
}

// JournalRows are the journal's entries, a <tbody> each, one row a posting.
func (n names) JournalRows(entries []ledger.Entry) template.HTML {
	p := n.p
	f := frag{b: make([]byte, 0, 2048*len(entries))}
	for i := range entries {
		e := &entries[i]
		f.raw("\n<tbody>")
		for j, ps := range e.Postings {
			f.raw("\n<tr>")
			if j == 0 {
				rows := strconv.Itoa(len(e.Postings))
				f.raw(`<td rowspan="` + rows + `" class="date">`)
				f.esc(p.Date(e.Date))
				f.raw(`</td><td rowspan="` + rows + `" class="no"><a href="`)
				f.esc(p.EntryURL(e.Year, e.Number))
				f.raw(`">`)
				f.int(e.Number)
				f.raw(`</a></td><td rowspan="` + rows + `" class="desc">`)
				f.esc(e.Description)
				if e.Document != "" {
					f.raw(` <small>`)
					f.esc(e.Document)
					f.raw(`</small>`)
				}
				f.raw(`</td>`)
			}
			f.raw("\n" + `<td class="acc">`)
			n.side(&f, ps.Debit, false)
			f.raw(`</td><td class="acc">`)
			n.side(&f, ps.Credit, false)
			f.raw(`</td>`)
			f.amountCell(p, ps.Amount)
			f.raw("\n</tr>")
		}
		f.raw("\n</tbody>")
	}
	return f.html()
}

// CardLines are the rows of an account card: date, entry, description,
// analytics of the account's side, the corresponding side, the amount in
// its column and the running balance.
func (n names) CardLines(lines []app.CardLine) template.HTML {
	p := n.p
	f := frag{b: make([]byte, 0, 700*len(lines))}
	for i := range lines {
		l := &lines[i]
		f.raw("\n" + `<tr><td class="date">`)
		f.esc(p.Date(l.Date))
		f.raw(`</td><td class="no"><a href="`)
		f.esc(p.EntryURL(l.Year, l.Number))
		f.raw(`">`)
		f.int(int64(l.Year))
		f.raw(`/`)
		f.int(l.Number)
		f.raw(`</a></td><td class="desc">`)
		f.esc(l.Description)
		f.raw("</td>\n" + `<td class="acc">`)
		n.analyticsOf(&f, l.Side)
		f.raw("</td>\n" + `<td class="acc">`)
		n.side(&f, l.Other, false)
		f.raw(`</td>`)
		if l.Debit {
			f.amountCell(p, l.Amount)
			f.raw(`<td></td>`)
		} else {
			f.raw(`<td></td>`)
			f.amountCell(p, l.Amount)
		}
		f.raw("\n" + `<td class="n">`)
		f.esc(p.Bal(l.Balance))
		f.raw(`</td></tr>`)
	}
	return f.html()
}

// TBRows are trial balance rows, each amount a link to the account's card
// for the period (links=false: plain amounts, as the sub-accounts of a
// card show them).
func (p *page) TBRows(rows []report.TBRow, from, to ledger.Date, links bool) template.HTML {
	f := frag{b: make([]byte, 0, 600*len(rows))}
	for i := range rows {
		r := &rows[i]
		u := p.CardURL(r.Account, from, to)
		f.raw("\n" + `<tr class="d`)
		f.int(int64(r.Depth))
		if r.Group {
			f.raw(` group`)
		}
		if links && r.OffBalance {
			f.raw(` off`)
		}
		f.raw(`"><td class="code"><a href="`)
		f.esc(u)
		f.raw(`">`)
		f.esc(string(r.Account))
		f.raw(`</a></td><td class="name">`)
		f.esc(p.Name(r.Name))
		f.raw(`</td>`)
		if links {
			f.raw("\n")
		}
		for _, a := range [...]money.Amount{r.OpeningDebit, r.OpeningCredit, r.Debit, r.Credit, r.ClosingDebit, r.ClosingCredit} {
			f.raw(`<td>`)
			if a != 0 {
				if links {
					f.raw(`<a href="`)
					f.esc(u)
					f.raw(`">`)
					f.esc(p.Money(a))
					f.raw(`</a>`)
				} else {
					f.esc(p.Money(a))
				}
			}
			f.raw(`</td>`)
		}
		f.raw(`</tr>`)
	}
	return f.html()
}
