package printform

import (
	"encoding/binary"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// coverage is the set of runes that both embedded fonts have a glyph for.
// fpdf indexes its width table by rune and has no entry past U+FFFF, and a
// rune without a glyph prints as nothing, so pdfText replaces every rune
// outside this set with "?".
var coverage = sync.OnceValue(func() *[1 << 16]bool {
	var set [1 << 16]bool
	reg, bold := cmapBMP(fontRegular), cmapBMP(fontBold)
	for r := range set {
		set[r] = reg[r] && bold[r]
	}
	return &set
})

// cmapBMP reads the Unicode BMP cmap subtable (platform 3, encoding 1,
// format 4) of a TrueType font and reports which runes have a glyph. A font
// it cannot read covers nothing (and the tests fail on it).
func cmapBMP(ttf []byte) []bool {
	has := make([]bool, 1<<16)
	u16 := func(off int) int {
		if off < 0 || off+2 > len(ttf) {
			return 0
		}
		return int(binary.BigEndian.Uint16(ttf[off:]))
	}
	u32 := func(off int) int {
		if off < 0 || off+4 > len(ttf) {
			return 0
		}
		return int(binary.BigEndian.Uint32(ttf[off:]))
	}
	cmap := 0
	for i, n := 0, u16(4); i < n; i++ {
		rec := 12 + 16*i
		if rec+16 <= len(ttf) && string(ttf[rec:rec+4]) == "cmap" {
			cmap = u32(rec + 8)
		}
	}
	if cmap == 0 {
		return has
	}
	sub := 0
	for i, n := 0, u16(cmap+2); i < n; i++ {
		rec := cmap + 4 + 8*i
		if u16(rec) == 3 && u16(rec+2) == 1 {
			sub = cmap + u32(rec+4)
		}
	}
	if sub == 0 || u16(sub) != 4 {
		return has
	}
	segs := u16(sub+6) / 2
	ends, starts := sub+14, sub+16+2*segs
	deltas, ranges := starts+2*segs, starts+4*segs
	for i := 0; i < segs; i++ {
		start, end := u16(starts+2*i), u16(ends+2*i)
		delta, ro := u16(deltas+2*i), u16(ranges+2*i)
		for c := start; c <= end && c < 0xFFFF; c++ {
			g := (c + delta) & 0xFFFF
			if ro != 0 {
				g = u16(ranges + 2*i + ro + 2*(c-start))
				if g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			has[c] = g != 0
		}
	}
	return has
}

// pdfText makes s printable with the embedded fonts: invalid UTF-8 and
// runes without a glyph become "?", tabs and other spaces a plain space,
// line breaks "\n", other control and format characters are dropped.
func pdfText(s string) string {
	cov := coverage()
	clean := true
	for _, r := range s {
		if r >= 0x10000 || !cov[r] || r == utf8.RuneError || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == 0x2028 || r == 0x2029 || r == 0x85:
			b.WriteByte('\n')
		case unicode.IsSpace(r):
			b.WriteByte(' ')
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			// dropped: invisible on paper
		case r < 0x10000 && cov[r] && r != utf8.RuneError:
			b.WriteRune(r)
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}
