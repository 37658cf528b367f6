package ledgertext

import (
	"bytes"
	"io"
	"runtime"
	"strconv"
	"testing"
)

// benchJournal returns a journal of n transactions in a realistic mix of
// styles, and its line count.
func benchJournal(n int) ([]byte, int) {
	var b bytes.Buffer
	b.WriteString("; generated\naccount assets:bank:checking  ; type: A\ncommodity $1,000.00\n\n")
	accounts := []string{"expenses:food:groceries", "expenses:rent", "income:salary", "expenses:travel:hotel"}
	for i := range n {
		day := strconv.Itoa(1 + i%28)
		cents := strconv.Itoa(100 + i%100000)
		amount := cents[:len(cents)-2] + "." + cents[len(cents)-2:]
		b.WriteString("2024-03-" + day + " * (" + strconv.Itoa(i) + ") Payee number " + strconv.Itoa(i%5000))
		if i%4 == 0 {
			b.WriteString("  ; ref: " + strconv.Itoa(i))
		}
		b.WriteString("\n    " + accounts[i%len(accounts)])
		switch i % 3 {
		case 0:
			b.WriteString("  $" + amount + "\n    assets:bank:checking  -$" + amount + "\n")
		case 1:
			b.WriteString("  " + amount + " USD\n    ; note: split\n    assets:bank:checking  -" + amount + " USD\n")
		default:
			b.WriteString("  1,234.56 EUR @@ $" + amount + "\n    assets:bank:checking\n")
		}
		b.WriteByte('\n')
	}
	return b.Bytes(), bytes.Count(b.Bytes(), []byte{'\n'})
}

// BenchmarkParse parses a 100,000-transaction journal per iteration.
func BenchmarkParse(b *testing.B) {
	const txns = 100_000
	data, lines := benchJournal(txns)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		err := Parse(bytes.NewReader(data), func(it Item) error {
			if _, ok := it.(*Transaction); ok {
				n++
			}
			return nil
		})
		if err != nil || n != txns {
			b.Fatalf("parsed %d transactions: %v", n, err)
		}
	}
	perRun := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(perRun*1e9/txns, "ns/txn")
	b.ReportMetric(float64(lines)/perRun, "lines/s")
}

// BenchmarkWrite writes 100,000 transactions per iteration.
func BenchmarkWrite(b *testing.B) {
	const txns = 100_000
	data, _ := benchJournal(txns)
	var items []*Transaction
	if err := Parse(bytes.NewReader(data), func(it Item) error {
		if t, ok := it.(*Transaction); ok {
			items = append(items, t)
		}
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		w := NewWriter(io.Discard)
		for _, t := range items {
			if err := w.WriteTransaction(t); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Flush(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(b.N)/txns, "ns/txn")
}

// lazyJournal is an io.Reader that makes n transactions as they are read,
// so that a large journal never sits in memory.
type lazyJournal struct {
	n, i int
	buf  []byte
}

func (l *lazyJournal) Read(p []byte) (int, error) {
	for len(l.buf) == 0 {
		if l.i == l.n {
			return 0, io.EOF
		}
		cents := strconv.Itoa(100 + l.i%100000)
		l.buf = append(l.buf[:0], "2024-03-01 * ("+strconv.Itoa(l.i)+") Payee\n    expenses:food  $"+
			cents+"  ; ref: x\n    assets:bank  -$"+cents+"\n\n"...)
		l.i++
	}
	n := copy(p, l.buf)
	l.buf = l.buf[n:]
	return n, nil
}

// TestParseBoundedMemory streams 100,000 transactions and checks that the
// heap stays small when the callback keeps nothing.
func TestParseBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 100,000 transactions")
	}
	const txns = 100_000
	var peak uint64
	var ms runtime.MemStats
	n := 0
	err := Parse(&lazyJournal{n: txns}, func(Item) error {
		if n++; n%10_000 == 0 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
		return nil
	})
	if err != nil || n != txns {
		t.Fatalf("parsed %d: %v", n, err)
	}
	t.Logf("peak heap while streaming: %d KiB", peak>>10)
	const limit = 32 << 20
	if peak > limit {
		t.Errorf("heap reached %d bytes while streaming, want under %d", peak, limit)
	}
}
