package bankstmt

import (
	"bufio"
	"io"
	"unicode/utf8"
)

// cp1251High maps the bytes 0x80–0xBF of Windows-1251 to Unicode; 0xC0–0xFF
// are А–я (U+0410–U+044F) in order. 0x98, unassigned, maps to U+0098 as the
// WHATWG encoding standard has it, so that every byte decodes.
var cp1251High = [64]rune{
	0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, // 0x80
	0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F, // 0x88
	0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, // 0x90
	0x0098, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F, // 0x98
	0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7, // 0xA0
	0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407, // 0xA8
	0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7, // 0xB0
	0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457, // 0xB8
}

// DecodeWindows1251 returns a reader of the UTF-8 text whose Windows-1251
// bytes r gives: the code page most CIS banks export in.
func DecodeWindows1251(r io.Reader) io.Reader {
	return &cp1251Reader{src: bufio.NewReader(r)}
}

type cp1251Reader struct {
	src     *bufio.Reader
	pending []byte // encoded rune not yet handed out
}

func (c *cp1251Reader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(c.pending) > 0 {
			k := copy(p[n:], c.pending)
			c.pending = c.pending[k:]
			n += k
			continue
		}
		b, err := c.src.ReadByte()
		if err != nil {
			if n > 0 && err == io.EOF {
				return n, nil
			}
			return n, err
		}
		if b < 0x80 {
			p[n] = b
			n++
			continue
		}
		c.pending = utf8.AppendRune(c.pending[:0], decode1251(b))
	}
	return n, nil
}

func decode1251(b byte) rune {
	if b >= 0xC0 {
		return 0x0410 + rune(b-0xC0)
	}
	return cp1251High[b-0x80]
}

// EncodeWindows1251 writes s in Windows-1251 and reports false when s holds
// a character that code page lacks (Turkmen ň, ş, ý, ä ... among them).
func EncodeWindows1251(s string) ([]byte, bool) {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		switch {
		case r < 0x80:
			out = append(out, byte(r))
		case r >= 0x0410 && r <= 0x044F:
			out = append(out, byte(r-0x0410+0xC0))
		default:
			b, ok := encode1251[r]
			if !ok {
				return nil, false
			}
			out = append(out, b)
		}
	}
	return out, true
}

var encode1251 = func() map[rune]byte {
	m := make(map[rune]byte, len(cp1251High))
	for i, r := range cp1251High {
		m[r] = byte(0x80 + i)
	}
	return m
}()
