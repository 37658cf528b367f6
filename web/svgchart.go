package web

import (
	"html/template"
	"math/bits"
	"strings"
	"time"

	"hasap/app"
	"hasap/ledger"
	"hasap/money"
)

type chartSVG = template.HTML

// Geometry of the home page's bar chart, in SVG user units.
const (
	chartW      = 640
	chartH      = 180
	chartTop    = 14 // room for the largest value's label
	chartBottom = 20 // room for the month names
	chartLeft   = 4
)

// barChart draws revenue and expenses per month as pairs of bars: an inline
// SVG written here, no chart library and no script. The SVG has a title and
// a description for screen readers; each bar has a <title>, which browsers
// show on hover, and is a link to the month's profit and loss statement;
// the table beside it has the same numbers for screen readers and copying.
func barChart(p *page, months []app.MonthResult) chartSVG {
	if len(months) == 0 {
		return ""
	}
	var top money.Amount
	for _, m := range months {
		top = max(top, m.Revenue, m.Expenses)
	}
	plotH := int64(chartH - chartTop - chartBottom)
	slot := (chartW - chartLeft) / len(months)
	barW := max(2, (slot-6)/2)
	var b strings.Builder
	svgHead(&b, "rev-chart", "bars", p.T("Revenue and expenses by month"),
		p.T("Revenue and expenses of each month; each bar opens the month's profit and loss statement. The table below has the numbers."))
	base := chartH - chartBottom
	b.WriteString(`<line class="axis" x1="0" x2="` + itoa(chartW) + `" y1="` + itoa(base) + `" y2="` + itoa(base) + `"/>`)
	if top > 0 {
		b.WriteString(`<text class="scale" x="` + itoa(chartW-2) + `" y="10" text-anchor="end">` + template.HTMLEscapeString(p.Money(top)) + `</text>`)
	}
	for i, m := range months {
		x := chartLeft + i*slot + 2
		link := p.O("/statements/pnl?period=" + monthISO(m.Month))
		barLink(&b, link, "rev", x, base, barW, scale(m.Revenue, top, plotH), p.T("Revenue")+" "+p.Month(m.Month)+": "+p.Money(m.Revenue))
		barLink(&b, link, "exp", x+barW+1, base, barW, scale(m.Expenses, top, plotH), p.T("Expenses")+" "+p.Month(m.Month)+": "+p.Money(m.Expenses))
		monthLabel(&b, p, x+barW, m.Month)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// cashChart draws the money at hand (50, 51, 52, 55) at the end of each
// month, the last as of the day shown, one bar a month, each a link to the
// trial balance of that month; a month that ends with less than nothing
// has no bar, and its number is in its title and in the table.
func cashChart(p *page, months []app.MonthResult, on ledger.Date) chartSVG {
	if len(months) == 0 {
		return ""
	}
	var top money.Amount
	for _, m := range months {
		top = max(top, m.Cash)
	}
	plotH := int64(chartH - chartTop - chartBottom)
	slot := (chartW - chartLeft) / len(months)
	barW := max(2, slot-8)
	var b strings.Builder
	svgHead(&b, "cash-chart", "bars", p.T("Money at hand at the end of each month"),
		p.T("Balance of the cash desk and the bank accounts at the end of each month, the last on the day shown; each bar opens the month's trial balance. The table below has the numbers."))
	base := chartH - chartBottom
	b.WriteString(`<line class="axis" x1="0" x2="` + itoa(chartW) + `" y1="` + itoa(base) + `" y2="` + itoa(base) + `"/>`)
	if top > 0 {
		b.WriteString(`<text class="scale" x="` + itoa(chartW-2) + `" y="10" text-anchor="end">` + template.HTMLEscapeString(p.Money(top)) + `</text>`)
	}
	for i, m := range months {
		x := chartLeft + i*slot + 4
		from := ledger.DateOf(m.Month/100, time.Month(m.Month%100), 1)
		to := nextMonthDay(from) - 1
		if i == len(months)-1 && on < to {
			to = on
		}
		link := p.O("/trial-balance?from=" + from.String() + "&to=" + to.String())
		barLink(&b, link, "cash", x, base, barW, scale(m.Cash, top, plotH), p.T("Money at hand")+" "+p.Date(to)+": "+p.Money(m.Cash))
		monthLabel(&b, p, x+barW/2, m.Month)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// svgHead opens a chart's SVG with its title and description, which
// screen readers read (aria-labelledby, aria-describedby).
func svgHead(b *strings.Builder, id, class, title, desc string) {
	b.WriteString(`<svg class="` + class + `" viewBox="0 0 ` + itoa(chartW) + ` ` + itoa(chartH) + `" role="img" aria-labelledby="` + id + `-t" aria-describedby="` + id + `-d">`)
	b.WriteString(`<title id="` + id + `-t">` + template.HTMLEscapeString(title) + `</title>`)
	b.WriteString(`<desc id="` + id + `-d">` + template.HTMLEscapeString(desc) + `</desc>`)
}

func monthLabel(b *strings.Builder, p *page, x, month int) {
	b.WriteString(`<text class="label" x="` + itoa(x) + `" y="` + itoa(chartH-6) + `" text-anchor="middle">`)
	b.WriteString(template.HTMLEscapeString(p.MonthShort(month % 100)))
	b.WriteString(`</text>`)
}

// monthISO writes a YYYYMM month as 2025-03.
func monthISO(m int) string {
	mm := m % 100
	return itoa(m/100) + "-" + itoa(mm/10) + itoa(mm%10)
}

func nextMonthDay(d ledger.Date) ledger.Date {
	y, m, _ := d.YMD()
	return ledger.DateOf(y, m+1, 1)
}

// barLink is a bar that is a link to href.
func barLink(b *strings.Builder, href, class string, x, base, w, h int, title string) {
	if h == 0 {
		return
	}
	b.WriteString(`<a href="` + template.HTMLEscapeString(href) + `">`)
	bar(b, class, x, base, w, h, title)
	b.WriteString(`</a>`)
}

func bar(b *strings.Builder, class string, x, base, w, h int, title string) {
	if h == 0 {
		return
	}
	b.WriteString(`<rect class="` + class + `" x="` + itoa(x) + `" y="` + itoa(base-h) + `" width="` + itoa(w) + `" height="` + itoa(h) + `"><title>`)
	b.WriteString(template.HTMLEscapeString(title))
	b.WriteString(`</title></rect>`)
}

// scale maps v in 0..top to 0..height pixels, exactly, in integers (v·height
// may not fit in 64 bits). A positive amount gets at least one pixel.
func scale(v, top money.Amount, height int64) int {
	if v <= 0 || top <= 0 {
		return 0
	}
	hi, lo := bits.Mul64(uint64(v), uint64(height))
	q, _ := bits.Div64(hi, lo, uint64(top)) // hi < top since v ≤ top
	return max(1, int(q))
}
