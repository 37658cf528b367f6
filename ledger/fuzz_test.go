package ledger

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"testing"
	"time"

	"hasap/money"
)

// byteReader hands out fuzzed bytes as fields, and zeros once they run out.
type byteReader struct{ b []byte }

func (r *byteReader) byte() byte {
	if len(r.b) == 0 {
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *byteReader) int64() int64 {
	var buf [8]byte
	n := copy(buf[:], r.b)
	r.b = r.b[n:]
	return int64(binary.LittleEndian.Uint64(buf[:]))
}

func (r *byteReader) string() string {
	n := min(int(r.byte()%16), len(r.b))
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func (r *byteReader) side() Side {
	s := Side{Account: AccountCode(r.string()), Currency: r.string()}
	for i := range s.Analytics {
		s.Analytics[i] = AnalyticID(r.int64())
	}
	s.CurAmount, s.Qty = money.Amount(r.int64()), Quantity(r.int64())
	return s
}

// FuzzCanonical builds an entry from fuzzed input and checks that encoding
// never panics, appends, is deterministic, hashes as documented, tells
// neighbouring strings apart, and that a sealed one-entry chain verifies.
func FuzzCanonical(f *testing.F) {
	f.Add(int64(7), int64(1), 2024, int64(1), int32(19884), "Sale", "INV-1", "aman", "key", int64(1718011800123456), []byte("\x0562.01\x03USD\x0590.01"))
	f.Add(int64(0), int64(0), 0, int64(0), int32(0), "", "", "", "", int64(0), []byte{})
	f.Add(int64(-1), int64(1<<62), -1, int64(-1<<63), int32(-1<<31), "ab", "c", "\xff", "жж", int64(-1<<63), bytes.Repeat([]byte{0xff}, 300))
	f.Add(int64(1), int64(2), 1970, int64(3), int32(-1), "😀", "€", "\x00", "\t", int64(1<<62), []byte("\x03001\x00\x00\x00\x00\x00\x00\x00\x00\x01"))
	f.Add(int64(42), int64(9), 9999, int64(1), int32(2932896), "Storno of entry 2024/1: x", "", "system", "", int64(-1), bytes.Repeat([]byte("\x0250\x0251"), 40))
	f.Fuzz(func(t *testing.T, org, seq int64, year int, number int64, date int32, desc, doc, author, idem string, postedMicro int64, data []byte) {
		in := &byteReader{data}
		e := Entry{
			Org: OrgID(org), Seq: seq, Year: year, Number: number, Date: Date(date),
			Description: desc, Document: doc, Author: author, IdemKey: idem,
			PostedAt: time.UnixMicro(postedMicro), Reverses: in.int64(),
		}
		for i := 0; len(in.b) > 0 && i < 64; i++ {
			e.Postings = append(e.Postings, Posting{Debit: in.side(), Credit: in.side(), Amount: money.Amount(in.int64())})
		}

		enc := e.AppendCanonical(nil)
		if got := e.AppendCanonical([]byte("prefix")); !bytes.Equal(got, append([]byte("prefix"), enc...)) {
			t.Fatal("AppendCanonical does not append")
		}
		prev := Hash(sha256.Sum256(data))
		h1, buf := e.ComputeHash(prev, nil)
		h2, _ := e.ComputeHash(prev, buf)
		c := cloneEntry(e)
		h3, _ := c.ComputeHash(prev, []byte("scratch"))
		if h1 != h2 || h1 != h3 || h1 != Hash(sha256.Sum256(append(prev[:], enc...))) {
			t.Fatalf("ComputeHash not deterministic: %s %s %s", h1, h2, h3)
		}

		// Moving a byte from one string to its neighbour changes the encoding.
		if desc != "" {
			m := cloneEntry(e)
			m.Description, m.Document = desc[:len(desc)-1], desc[len(desc)-1:]+doc
			if bytes.Equal(m.AppendCanonical(nil), enc) {
				t.Fatalf("%q+%q encodes like %q+%q", desc, doc, m.Description, m.Document)
			}
		}

		// As the first link of a chain, the entry verifies unless its own
		// totals overflow.
		c.Seq, c.Number, c.Year = 1, 1, c.Date.Year()
		c.Seal(Hash{}, nil)
		v := NewVerifier(c.Org)
		err := v.Add(&c)
		if errTotals := NewDerived().AddEntry(&c); (err == nil) != (errTotals == nil) {
			t.Fatalf("Add: %v; totals: %v", err, errTotals)
		}
		if err != nil {
			wantCode(t, err, ETampered)
			return
		}
		if err := v.CheckHead(1, c.Hash, map[int]int64{c.Year: 1}); err != nil {
			t.Fatal(err)
		}
	})
}
