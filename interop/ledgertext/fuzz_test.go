package ledgertext

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"
)

// FuzzParse checks that Parse never panics, that every rejection names a
// line of the input, and that whatever it accepts the Writer writes and
// Parse reads back to the same items. The seed corpus is in
// testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	f.Add([]byte("2024-01-05 * (1) Shop  ; a: b\n    assets  $-1,000.50 @@ 900 EUR = $0\n    expenses\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		// A hang would otherwise only stall the fuzzer; panicking makes
		// it save the input as a failure.
		done := make(chan struct{})
		defer close(done)
		go func() {
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				panic(fmt.Sprintf("hang on %q", data))
			}
		}()
		items, err := parseAll(string(data), Options{})
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Line < 1 || pe.Line > bytes.Count(data, []byte{'\n'})+1 {
				t.Fatalf("error without a valid line: %v", err)
			}
			return
		}
		text := writeAll(t, items)
		again, err := parseAll(string(text), Options{})
		if err != nil {
			t.Fatalf("written journal does not parse: %v\n%s", err, text)
		}
		if got, want := withoutLines(again), withoutLines(items); !reflect.DeepEqual(got, want) {
			t.Fatalf("round trip changed items:\n%s\ngot  %s\nwant %s", text, dump(got), dump(want))
		}
	})
}
