package web

import (
	"fmt"
	"image/color"
	"regexp"
	"strings"
	"testing"

	qrcode "github.com/skip2/go-qrcode"
)

// TestQRSVGMatchesTheCode: the dark modules the SVG path draws are exactly
// the dark pixels of the library's own one-pixel-per-module image, the
// markup carries no style attribute or script (the CSP refuses them), and
// the label is escaped.
func TestQRSVGMatchesTheCode(t *testing.T) {
	const uri = "otpauth://totp/Hasap:ayna%40akyol.example?secret=KERAX7CYAIA6IZFVPHVHR5B2WT2267LT&issuer=Hasap&algorithm=SHA1&digits=6&period=30"
	svg := string(qrSVG(uri, `QR <"code">`))
	if strings.Contains(svg, "style") || strings.Contains(svg, "<script") || !strings.Contains(svg, `aria-label="QR &lt;&#34;code&#34;&gt;"`) {
		t.Fatalf("markup: %.300s", svg)
	}
	q, err := qrcode.New(uri, qrcode.Medium)
	if err != nil {
		t.Fatal(err)
	}
	img := q.Image(-1)
	n := img.Bounds().Dx()
	if !strings.Contains(svg, fmt.Sprintf(`viewBox="0 0 %d %d"`, n, n)) {
		t.Fatalf("viewBox is not %d modules: %.200s", n, svg)
	}
	drawn := make([][]bool, n)
	for i := range drawn {
		drawn[i] = make([]bool, n)
	}
	d := regexp.MustCompile(` d="([^"]*)"`).FindStringSubmatch(svg)[1]
	for _, m := range regexp.MustCompile(`M(\d+) (\d+)h(\d+)v1h-(\d+)z`).FindAllStringSubmatch(d, -1) {
		var x, y, run, back int
		fmt.Sscan(m[1], &x)
		fmt.Sscan(m[2], &y)
		fmt.Sscan(m[3], &run)
		fmt.Sscan(m[4], &back)
		if run != back || run < 1 {
			t.Fatalf("segment %s", m[0])
		}
		for i := x; i < x+run; i++ {
			drawn[y][i] = true
		}
	}
	dark := 0
	for y := range n {
		for x := range n {
			r, g, b, _ := img.At(x, y).RGBA()
			want := color.GrayModel.Convert(color.RGBA64{uint16(r), uint16(g), uint16(b), 0xffff}).(color.Gray).Y < 128
			if drawn[y][x] != want {
				t.Fatalf("module (%d, %d): drawn %v, want %v", x, y, drawn[y][x], want)
			}
			if want {
				dark++
			}
		}
	}
	if dark < n*n/4 {
		t.Fatalf("only %d dark modules of %d", dark, n*n)
	}
	if qrSVG(strings.Repeat("x", maxQRText+1), "") != "" {
		t.Error("an over-long text is drawn")
	}
}
