package web

import (
	"html/template"
	"math/bits"
	"strings"

	"hasap/app"
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
// SVG written here, no chart library and no script. Each bar has a <title>,
// which browsers show on hover; the table beside it has the same numbers
// for screen readers and copying.
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
	b.WriteString(`<svg class="bars" viewBox="0 0 ` + itoa(chartW) + ` ` + itoa(chartH) + `" role="img" aria-label="`)
	b.WriteString(template.HTMLEscapeString(p.T("Revenue and expenses by month")))
	b.WriteString(`">`)
	base := chartH - chartBottom
	b.WriteString(`<line class="axis" x1="0" x2="` + itoa(chartW) + `" y1="` + itoa(base) + `" y2="` + itoa(base) + `"/>`)
	if top > 0 {
		b.WriteString(`<text class="scale" x="` + itoa(chartW-2) + `" y="10" text-anchor="end">` + template.HTMLEscapeString(p.Money(top)) + `</text>`)
	}
	for i, m := range months {
		x := chartLeft + i*slot + 2
		bar(&b, "rev", x, base, barW, scale(m.Revenue, top, plotH), p.T("Revenue")+" "+p.Month(m.Month)+": "+p.Money(m.Revenue))
		bar(&b, "exp", x+barW+1, base, barW, scale(m.Expenses, top, plotH), p.T("Expenses")+" "+p.Month(m.Month)+": "+p.Money(m.Expenses))
		b.WriteString(`<text class="label" x="` + itoa(x+barW) + `" y="` + itoa(chartH-6) + `" text-anchor="middle">`)
		b.WriteString(template.HTMLEscapeString(p.MonthShort(m.Month % 100)))
		b.WriteString(`</text>`)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
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
