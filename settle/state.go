package settle

import (
	"encoding/binary"
	"unicode/utf8"

	"hasap/ledger"
	"hasap/money"
)

// Version names the rules of Settle. Results worked out once and kept
// (the application keeps each counterparty's open items so that an ageing
// need not read its history again) name the version they were worked out
// under; bump it with any change that alters a result, so that they are
// worked out again.
const Version = 1

// EncodeItems writes items compactly, for keeping: DecodeItems reads them
// back equal. The format is private to this package and versioned by its
// first byte.
func EncodeItems(items []Item) []byte {
	b := make([]byte, 0, 16+len(items)*64)
	b = append(b, encodingV1)
	b = binary.AppendUvarint(b, uint64(len(items)))
	for i := range items {
		it := &items[i]
		for _, v := range []int64{int64(it.Counterparty), int64(it.Contract), int64(it.Role), it.DocID, it.BasedOn,
			int64(it.Date), it.Seq, int64(it.Amount), int64(it.Open)} {
			b = binary.AppendVarint(b, v)
		}
		debit := byte(0)
		if it.Debit {
			debit = 1
		}
		b = append(b, debit)
		for _, s := range []string{it.Ref, it.Document, it.Description, string(it.Account)} {
			b = binary.AppendUvarint(b, uint64(len(s)))
			b = append(b, s...)
		}
	}
	return b
}

const encodingV1 = 1

// minEncodedItem is the fewest bytes an encoded item takes: nine varints,
// the debit byte and four string lengths.
const minEncodedItem = 9 + 1 + 4

// DecodeItems reads what EncodeItems wrote. Anything else is an EInvalid
// error, never a panic: an item must have a counterparty, a role, a
// positive amount, an open remainder within it and UTF-8 text.
func DecodeItems(b []byte) ([]Item, error) {
	bad := func(what string) ([]Item, error) {
		return nil, ledger.Errorf(ledger.EInvalid, "kept settlement items: %s", what)
	}
	if len(b) == 0 || b[0] != encodingV1 {
		return bad("unknown encoding")
	}
	d := newDecoder(b[1:])
	items, err := d.items()
	if err != nil {
		return nil, err
	}
	if len(d.b) != 0 {
		return bad("trailing bytes")
	}
	return items, nil
}

// items reads a count and the items EncodeItems wrote after its first byte.
func (d *decoder) items() ([]Item, error) {
	bad := func(what string) ([]Item, error) {
		return nil, ledger.Errorf(ledger.EInvalid, "kept settlement items: %s", what)
	}
	n := d.uvarint()
	if d.bad || n > uint64(len(d.b)/minEncodedItem) {
		return bad("count out of range")
	}
	items := make([]Item, n)
	for i := range items {
		var err error
		if items[i], err = d.item(); err != nil {
			return nil, err
		}
	}
	return items, nil
}

// item reads one item EncodeItems wrote.
func (d *decoder) item() (Item, error) {
	var it Item
	var v [9]int64
	for j := range v {
		v[j] = d.varint()
	}
	it.Counterparty, it.Contract, it.Role, it.DocID, it.BasedOn = ledger.AnalyticID(v[0]), ledger.AnalyticID(v[1]), Role(v[2]), v[3], v[4]
	if v[5] != int64(int32(v[5])) {
		d.bad = true
	}
	it.Date, it.Seq, it.Amount, it.Open = ledger.Date(v[5]), v[6], money.Amount(v[7]), money.Amount(v[8])
	switch d.byte() {
	case 0:
	case 1:
		it.Debit = true
	default:
		d.bad = true
	}
	var s [4]string
	for j := range s {
		s[j] = d.string()
	}
	it.Ref, it.Document, it.Description, it.Account = s[0], s[1], s[2], ledger.AccountCode(s[3])
	if d.bad {
		return it, ledger.Errorf(ledger.EInvalid, "kept settlement items: truncated")
	}
	if it.Counterparty == 0 || !it.Role.Valid() || it.Amount <= 0 || it.Open < 0 || it.Open > it.Amount {
		return it, ledger.Errorf(ledger.EInvalid, "kept settlement items: an item out of range")
	}
	return it, nil
}

// decoder reads varints and strings, setting bad instead of failing. The
// strings are cut from one copy of the whole input (src), so an item's
// text costs no allocation of its own.
type decoder struct {
	b   []byte
	src string // the input from which b is left, as a string
	bad bool
}

func newDecoder(b []byte) decoder { return decoder{b: b, src: string(b)} }

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.bad = true
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.bad = true
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) byte() byte {
	if len(d.b) == 0 {
		d.bad = true
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) string() string {
	n := d.uvarint()
	if d.bad || n > uint64(len(d.b)) {
		d.bad = true
		return ""
	}
	at := len(d.src) - len(d.b)
	s := d.src[at : at+int(n)]
	d.b = d.b[n:]
	if !utf8.ValidString(s) {
		d.bad = true
	}
	return s
}
