package ledger

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
)

// Hash is a SHA-256 digest of an entry in the chain.
type Hash [32]byte

// String writes the hash in hex.
func (h Hash) String() string { return hex.EncodeToString(h[:]) }

// ParseHash reads a hash written by String.
func ParseHash(s string) (Hash, error) {
	var h Hash
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != len(h) {
		return h, Errorf(EInvalid, "%q is not a hash", s)
	}
	copy(h[:], b)
	return h, nil
}

// encodingVersion tags the canonical encoding so that it can evolve without
// making old chains unverifiable.
const encodingVersion = "hasap-entry-v1"

// AppendCanonical appends the canonical encoding of e: every field that
// means something, in a fixed order, integers as fixed-width big-endian,
// strings with a length prefix, so that two different entries never encode
// alike. PrevHash and Hash are not part of it.
func (e *Entry) AppendCanonical(b []byte) []byte {
	b = appendString(b, encodingVersion)
	b = binary.BigEndian.AppendUint64(b, uint64(e.Org))
	b = binary.BigEndian.AppendUint64(b, uint64(e.Seq))
	b = binary.BigEndian.AppendUint32(b, uint32(e.Year))
	b = binary.BigEndian.AppendUint64(b, uint64(e.Number))
	b = binary.BigEndian.AppendUint32(b, uint32(e.Date))
	b = appendString(b, e.Description)
	b = appendString(b, e.Document)
	b = appendString(b, e.Author)
	b = binary.BigEndian.AppendUint64(b, uint64(e.PostedAt.UnixMicro()))
	b = appendString(b, e.IdemKey)
	b = binary.BigEndian.AppendUint64(b, uint64(e.Reverses))
	b = binary.BigEndian.AppendUint32(b, uint32(len(e.Postings)))
	for i := range e.Postings {
		p := &e.Postings[i]
		b = appendSide(b, &p.Debit)
		b = appendSide(b, &p.Credit)
		b = binary.BigEndian.AppendUint64(b, uint64(p.Amount))
	}
	return b
}

func appendSide(b []byte, s *Side) []byte {
	b = appendString(b, string(s.Account))
	for _, id := range s.Analytics {
		b = binary.BigEndian.AppendUint64(b, uint64(id))
	}
	b = appendString(b, s.Currency)
	b = binary.BigEndian.AppendUint64(b, uint64(s.CurAmount))
	return binary.BigEndian.AppendUint64(b, uint64(s.Qty))
}

func appendString(b []byte, s string) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(len(s)))
	return append(b, s...)
}

// ComputeHash returns SHA-256(prev ‖ canonical(e)). buf is scratch space
// that may be reused between calls; the grown buffer is returned.
func (e *Entry) ComputeHash(prev Hash, buf []byte) (Hash, []byte) {
	buf = append(buf[:0], prev[:]...)
	buf = e.AppendCanonical(buf)
	return sha256.Sum256(buf), buf
}

// Seal sets PrevHash and Hash of e, which must already carry its Seq,
// Number and PostedAt, as the next link after prev.
func (e *Entry) Seal(prev Hash, buf []byte) []byte {
	e.PrevHash = prev
	e.Hash, buf = e.ComputeHash(prev, buf)
	return buf
}
