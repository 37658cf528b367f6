package settle

import (
	"cmp"
	"encoding/binary"
	"slices"

	"hasap/ledger"
	"hasap/money"
)

// History is the settlements of some movements kept whole: every item,
// what settled what, and the dates of each item's earliest and latest
// movement. It tells where they stood on an earlier day without the
// movements (OpenOn), so a kept history answers an ageing of a past day.
type History struct {
	Result
	Spans [][2]ledger.Date // per item of Result.Items: its movements' first and last date
	// Netted are the spans of the items that net to zero (a document
	// posted and unposted), which are no item now but were one between
	// their first and last movement; only those over more than one day.
	Netted [][2]ledger.Date
}

// NewHistory settles ms (Settle) and notes each item's span of dates.
func NewHistory(ms []Movement) (History, error) {
	r, err := Settle(ms)
	if err != nil {
		return History{}, err
	}
	spans := map[itemKey][2]ledger.Date{}
	for i := range ms {
		m := &ms[i]
		k := itemKey{group{m.Counterparty, m.Contract, m.Role}, refOf(m)}
		s, ok := spans[k]
		if !ok {
			s = [2]ledger.Date{m.Date, m.Date}
		}
		s[0], s[1] = min(s[0], m.Date), max(s[1], m.Date)
		spans[k] = s
	}
	h := History{Result: r, Spans: make([][2]ledger.Date, len(r.Items))}
	for i, it := range r.Items {
		k := itemKey{groupOf(it), it.Ref}
		h.Spans[i] = spans[k]
		delete(spans, k)
	}
	for _, s := range spans {
		if s[0] < s[1] {
			h.Netted = append(h.Netted, s)
		}
	}
	slices.SortFunc(h.Netted, func(a, b [2]ledger.Date) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
	return h, nil
}

// OpenOn returns the items of the movements dated on or before day, with
// what was open of each after them: what Settle of only those movements
// returns as its Items. It can tell that only when no item has movements
// on both sides of the day (a document posted before the day and unposted
// after it, say); otherwise ok is false and the movements must be settled.
//
// It holds because Settle takes items in date order: those dated on or
// before the day come first, are the items of the earlier movements
// exactly (none straddles the day), and settle each other as they would
// alone; a match between two of them was made when the later came.
func (h History) OpenOn(day ledger.Date) (items []Item, ok bool) {
	for _, spans := range [][][2]ledger.Date{h.Spans, h.Netted} {
		for _, s := range spans {
			if s[0] <= day && day < s[1] {
				return nil, false
			}
		}
	}
	index := make([]int, len(h.Items)) // an item's index in items, -1 if after the day
	for i, it := range h.Items {
		index[i] = -1
		if h.Spans[i][1] <= day {
			index[i] = len(items)
			it.Open = it.Amount
			items = append(items, it)
		}
	}
	for _, m := range h.Matches {
		d, c := index[m.Debit], index[m.Credit]
		if d >= 0 && c >= 0 {
			items[d].Open -= m.Amount
			items[c].Open -= m.Amount
		}
	}
	return items, true
}

// EncodeHistory writes h compactly, for keeping; DecodeHistory reads it
// back equal.
func EncodeHistory(h History) []byte {
	b := EncodeItems(h.Items)
	b[0] = encodingHistoryV1
	for _, s := range h.Spans {
		b = binary.AppendVarint(b, int64(s[0]))
		b = binary.AppendVarint(b, int64(s[1]))
	}
	b = binary.AppendUvarint(b, uint64(len(h.Netted)))
	for _, s := range h.Netted {
		b = binary.AppendVarint(b, int64(s[0]))
		b = binary.AppendVarint(b, int64(s[1]))
	}
	b = binary.AppendUvarint(b, uint64(len(h.Matches)))
	for _, m := range h.Matches {
		b = binary.AppendUvarint(b, uint64(m.Debit))
		b = binary.AppendUvarint(b, uint64(m.Credit))
		b = binary.AppendVarint(b, int64(m.Amount))
	}
	return b
}

const encodingHistoryV1 = 2

// DecodeHistory reads what EncodeHistory wrote; anything else is an
// EInvalid error, never a panic.
func DecodeHistory(b []byte) (History, error) {
	bad := func(what string) (History, error) {
		return History{}, ledger.Errorf(ledger.EInvalid, "kept settlement history: %s", what)
	}
	if len(b) == 0 || b[0] != encodingHistoryV1 {
		return bad("unknown encoding")
	}
	d := newDecoder(b[1:])
	items, err := d.items()
	if err != nil {
		return History{}, err
	}
	h := History{Result: Result{Items: items}, Spans: make([][2]ledger.Date, len(items))}
	for i := range h.Spans {
		lo, hi := d.varint(), d.varint()
		if lo != int64(int32(lo)) || hi != int64(int32(hi)) || lo > hi || int64(items[i].Date) < lo || int64(items[i].Date) > hi {
			return bad("a span out of range")
		}
		h.Spans[i] = [2]ledger.Date{ledger.Date(lo), ledger.Date(hi)}
	}
	n := d.uvarint()
	if d.bad || n > uint64(len(d.b)/2) {
		return bad("count of netted items out of range")
	}
	if n > 0 {
		h.Netted = make([][2]ledger.Date, n)
	}
	for i := range h.Netted {
		lo, hi := d.varint(), d.varint()
		if lo != int64(int32(lo)) || hi != int64(int32(hi)) || lo >= hi {
			return bad("a span out of range")
		}
		h.Netted[i] = [2]ledger.Date{ledger.Date(lo), ledger.Date(hi)}
	}
	n = d.uvarint()
	if d.bad || n > uint64(len(d.b)/3) {
		return bad("count of matches out of range")
	}
	if n > 0 {
		h.Matches = make([]Match, n)
	}
	for i := range h.Matches {
		m := &h.Matches[i]
		dr, cr, amt := d.uvarint(), d.uvarint(), d.varint()
		if d.bad || dr >= uint64(len(items)) || cr >= uint64(len(items)) || !items[dr].Debit || items[cr].Debit ||
			amt <= 0 || amt > int64(items[dr].Amount) || amt > int64(items[cr].Amount) {
			return bad("a match out of range")
		}
		m.Debit, m.Credit, m.Amount = int(dr), int(cr), money.Amount(amt)
	}
	if len(d.b) != 0 {
		return bad("trailing bytes")
	}
	return h, nil
}

// OpenOnEncoded is DecodeHistory then OpenOn, keeping only the items with
// something open, without decoding what the day does not need: it reads
// the items' numbers, skips their text, and decodes in full only the items
// open on the day. An ageing of a past day
// reads the kept history of every counterparty, so this is its hot path.
// Input DecodeHistory refuses may be refused here too or, where the
// refusal is in an item not open on the day, not.
func OpenOnEncoded(b []byte, day ledger.Date) (items []Item, ok bool, err error) {
	bad := func(what string) ([]Item, bool, error) {
		return nil, false, ledger.Errorf(ledger.EInvalid, "kept settlement history: %s", what)
	}
	if len(b) == 0 || b[0] != encodingHistoryV1 {
		return bad("unknown encoding")
	}
	d := decoder{b: b[1:]} // no src: it cuts no strings
	n := d.uvarint()
	if d.bad || n > uint64(len(d.b)/minEncodedItem) {
		return bad("count out of range")
	}
	type brief struct {
		at, end int // offsets of the item and of what follows it in b
		date    ledger.Date
		amount  money.Amount
		debit   bool
		open    money.Amount
		in      bool // all its movements are on or before the day
	}
	all := make([]brief, n)
	for i := range all {
		x := &all[i]
		x.at = len(b) - len(d.b)
		for range 5 {
			d.varint()
		}
		date := d.varint()
		d.varint()
		x.amount = money.Amount(d.varint())
		d.varint()
		x.debit = d.byte() == 1
		for range 4 {
			if l := d.uvarint(); !d.bad && l <= uint64(len(d.b)) {
				d.b = d.b[l:]
			} else {
				d.bad = true
			}
		}
		if d.bad || date != int64(int32(date)) || x.amount <= 0 {
			return bad("an item out of range")
		}
		x.date, x.end = ledger.Date(date), len(b)-len(d.b)
	}
	told := true
	for i := range all {
		lo, hi := d.varint(), d.varint()
		if d.bad || lo > hi || int64(all[i].date) < lo || int64(all[i].date) > hi {
			return bad("a span out of range")
		}
		if lo <= int64(day) && int64(day) < hi {
			told = false
		}
		if hi <= int64(day) {
			all[i].in, all[i].open = true, all[i].amount
		}
	}
	nn := d.uvarint()
	if d.bad || nn > uint64(len(d.b)/2) {
		return bad("count of netted items out of range")
	}
	for range nn {
		lo, hi := d.varint(), d.varint()
		if d.bad || lo >= hi {
			return bad("a span out of range")
		}
		if lo <= int64(day) && int64(day) < hi {
			told = false
		}
	}
	if !told {
		return nil, false, nil
	}
	nm := d.uvarint()
	if d.bad || nm > uint64(len(d.b)/3) {
		return bad("count of matches out of range")
	}
	for range nm {
		dr, cr, amt := d.uvarint(), d.uvarint(), d.varint()
		if d.bad || dr >= n || cr >= n || !all[dr].debit || all[cr].debit || amt <= 0 ||
			amt > int64(all[dr].amount) || amt > int64(all[cr].amount) {
			return bad("a match out of range")
		}
		if all[dr].in && all[cr].in {
			all[dr].open -= money.Amount(amt)
			all[cr].open -= money.Amount(amt)
		}
	}
	if len(d.b) != 0 {
		return bad("trailing bytes")
	}
	for i := range all {
		x := &all[i]
		if !x.in || x.open == 0 {
			continue
		}
		one := newDecoder(b[x.at:x.end])
		it, err := one.item()
		if err != nil {
			return nil, false, err
		}
		it.Open = x.open
		if it.Open < 0 || it.Open > it.Amount {
			return bad("an item out of range")
		}
		items = append(items, it)
	}
	return items, true, nil
}
