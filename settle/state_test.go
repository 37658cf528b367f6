package settle

import (
	"reflect"
	"testing"
)

// TestEncodeItemsRoundTrip: what EncodeItems writes of random books'
// items, all or only the open ones, DecodeItems reads back equal.
func TestEncodeItemsRoundTrip(t *testing.T) {
	rnd := newRand(t)
	for range 300 {
		res, err := Settle(randomBooks(rnd))
		if err != nil {
			t.Fatal(err)
		}
		for _, items := range [][]Item{res.Items, res.Open(), nil} {
			got, err := DecodeItems(EncodeItems(items))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(items) || (len(items) > 0 && !reflect.DeepEqual(got, items)) {
				t.Fatalf("round trip:\n got %+v\nwant %+v", got, items)
			}
		}
	}
}

// TestDecodeItemsRefuses: truncated, padded or out-of-range input is an
// error.
func TestDecodeItemsRefuses(t *testing.T) {
	item := Item{Counterparty: 7, Role: Customer, Ref: "sales_invoice/2025/1", Document: "sales_invoice/2025/1",
		Date: 20000, Seq: 3, Debit: true, Amount: 100, Open: 40, Account: "62.01", Description: "Satuw"}
	good := EncodeItems([]Item{item})
	if _, err := DecodeItems(good); err != nil {
		t.Fatal(err)
	}
	cases := map[string][]byte{
		"empty":    nil,
		"version":  append([]byte{9}, good[1:]...),
		"short":    good[:len(good)-1],
		"trailing": append(append([]byte(nil), good...), 0),
	}
	for name, it := range map[string]Item{
		"no counterparty": func() Item { i := item; i.Counterparty = 0; return i }(),
		"no role":         func() Item { i := item; i.Role = 0; return i }(),
		"zero amount":     func() Item { i := item; i.Amount, i.Open = 0, 0; return i }(),
		"open over":       func() Item { i := item; i.Open = 101; return i }(),
		"open negative":   func() Item { i := item; i.Open = -1; return i }(),
		"bad text":        func() Item { i := item; i.Description = "\xff"; return i }(),
	} {
		cases[name] = EncodeItems([]Item{it})
	}
	for name, b := range cases {
		if got, err := DecodeItems(b); err == nil {
			t.Errorf("%s: decoded %+v", name, got)
		}
	}
}

// FuzzDecodeItems: whatever the bytes, DecodeItems returns items or an
// error without panicking, and what it returns encodes back to the same
// bytes.
func FuzzDecodeItems(f *testing.F) {
	f.Add([]byte{})
	f.Add(EncodeItems(nil))
	f.Add(EncodeItems([]Item{{Counterparty: 1, Role: Supplier, Ref: "entry/4", Date: 1, Seq: 4, Amount: 5, Open: 5, Account: "60.01"}}))
	f.Add([]byte{1, 0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, b []byte) {
		items, err := DecodeItems(b)
		if err != nil {
			return
		}
		if again := EncodeItems(items); string(again) != string(b) {
			// Varints have one shortest form; a longer one decodes the
			// same and is accepted, so compare by decoding.
			back, err := DecodeItems(again)
			if err != nil || !reflect.DeepEqual(back, items) {
				t.Fatalf("re-encoding %x gives %x (%v)", b, again, err)
			}
		}
	})
}
