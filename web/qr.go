package web

import (
	"fmt"
	"html/template"
	"strings"

	qrcode "github.com/skip2/go-qrcode"
)

// maxQRText bounds what qrSVG encodes: an otpauth:// URI is well within it.
const maxQRText = 512

// qrSVG draws text as a QR code in inline SVG: one path of dark modules,
// one rectangle per run of dark modules in a row, on a white square with
// the quiet zone the standard asks for. No script, no style attribute and
// no external image: the page's Content-Security-Policy allows it as it
// is. Errors (text too long) give "".
func qrSVG(text, label string) template.HTML {
	if len(text) > maxQRText {
		return ""
	}
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return ""
	}
	bm := q.Bitmap() // with the 4-module quiet zone
	n := len(bm)
	var d strings.Builder
	for y, row := range bm {
		for x := 0; x < len(row); {
			if !row[x] {
				x++
				continue
			}
			run := 1
			for x+run < len(row) && row[x+run] {
				run++
			}
			fmt.Fprintf(&d, "M%d %dh%dv1h-%dz", x, y, run, run)
			x += run
		}
	}
	svg := fmt.Sprintf(`<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" `+
		`shape-rendering="crispEdges" role="img" aria-label="%s"><rect width="%d" height="%d" fill="#fff"/>`+
		`<path fill="#000" d="%s"/></svg>`,
		n, n, n*5, n*5, template.HTMLEscapeString(label), n, n, d.String())
	return template.HTML(svg)
}
