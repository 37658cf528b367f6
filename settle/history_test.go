package settle

import (
	"reflect"
	"testing"

	"hasap/ledger"
)

// TestHistoryOpenOn: on random books, for every day around them, the items
// a history says were there and open on the day are what settling only
// the movements up to the day gives; where it cannot tell, an item's
// movements do straddle the day. The history survives its encoding.
func TestHistoryOpenOn(t *testing.T) {
	rnd := newRand(t)
	told, straddled := 0, 0
	for run := 0; run < 300; run++ {
		ms := randomBooks(rnd)
		h, err := NewHistory(ms)
		if err != nil {
			t.Fatal(err)
		}
		back, err := DecodeHistory(EncodeHistory(h))
		if err != nil {
			t.Fatal(err)
		}
		if len(h.Items) > 0 && !reflect.DeepEqual(back, h) {
			t.Fatalf("run %d: history round trip:\n got %+v\nwant %+v", run, back, h)
		}
		for day := ledger.DateOf(2025, 1, 1) - 1; day <= ledger.DateOf(2025, 1, 1)+75; day++ {
			var upTo []Movement
			for _, m := range ms {
				if m.Date <= day {
					upTo = append(upTo, m)
				}
			}
			want, err := Settle(upTo)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := back.OpenOn(day)
			fast, fastOK, err := OpenOnEncoded(EncodeHistory(h), day)
			if err != nil || fastOK != ok || !reflect.DeepEqual(fast, openOnly(got)) {
				t.Fatalf("run %d, day %s: OpenOnEncoded %v %v %+v, OpenOn %v %+v", run, day, err, fastOK, fast, ok, openOnly(got))
			}
			if !ok {
				straddled++
				continue
			}
			told++
			if len(got) != len(want.Items) || (len(got) > 0 && !reflect.DeepEqual(got, want.Items)) {
				t.Fatalf("run %d, day %s:\n got %+v\nwant %+v", run, day, got, want.Items)
			}
		}
	}
	if told == 0 || straddled == 0 {
		t.Fatalf("told %d days, could not tell %d: the books do not try both", told, straddled)
	}
	t.Logf("told %d days, could not tell %d", told, straddled)
}

// openOnly returns the items with something open.
func openOnly(items []Item) []Item {
	var out []Item
	for _, it := range items {
		if it.Open > 0 {
			out = append(out, it)
		}
	}
	return out
}

// FuzzDecodeHistory: whatever the bytes, DecodeHistory and OpenOnEncoded
// return or refuse without panicking; where DecodeHistory reads a history,
// OpenOnEncoded gives the open items OpenOn gives, and every item either
// returns is within its amount.
func FuzzDecodeHistory(f *testing.F) {
	f.Add([]byte{})
	f.Add(EncodeHistory(History{}))
	rnd := newRand(f)
	for range 4 {
		h, err := NewHistory(randomBooks(rnd))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(EncodeHistory(h))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		h, err := DecodeHistory(b)
		for _, day := range []ledger.Date{ledger.NoDate, 0, ledger.DateOf(2025, 1, 20), ledger.DateOf(9999, 1, 1)} {
			fast, fastOK, fastErr := OpenOnEncoded(b, day)
			for _, it := range fast {
				if it.Open <= 0 || it.Open > it.Amount {
					t.Fatalf("OpenOnEncoded: item %+v open beyond its amount", it)
				}
			}
			if err != nil {
				continue
			}
			items, ok := h.OpenOn(day)
			for _, it := range items {
				if it.Open < 0 || it.Open > it.Amount {
					t.Fatalf("item %+v open beyond its amount", it)
				}
			}
			if fastErr != nil || fastOK != ok || !reflect.DeepEqual(fast, openOnly(items)) {
				t.Fatalf("day %s: OpenOnEncoded %v %v %+v, OpenOn %v %+v", day, fastErr, fastOK, fast, ok, openOnly(items))
			}
		}
		if err != nil {
			return
		}
		back, err := DecodeHistory(EncodeHistory(h))
		if err != nil || len(back.Items) != len(h.Items) || len(back.Matches) != len(h.Matches) {
			t.Fatalf("re-encoding: %v", err)
		}
	})
}
