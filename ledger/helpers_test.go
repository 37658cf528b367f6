package ledger

import (
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"

	"hasap/money"
)

// newRand returns a generator seeded from the clock, or from HASAP_SEED when
// set, and logs the seed so that a failing run can be repeated exactly.
func newRand(t testing.TB) *rand.Rand {
	t.Helper()
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("HASAP_SEED"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("HASAP_SEED=%q: %v", s, err)
		}
		seed = v
	}
	t.Logf("seed %d (repeat with HASAP_SEED=%d)", seed, seed)
	return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}

// fakeCatalog is a Catalog over a map.
type fakeCatalog map[AnalyticID]AnalyticKind

func (c fakeCatalog) AnalyticKind(id AnalyticID) (AnalyticKind, bool) {
	k, ok := c[id]
	return k, ok
}

// Analytic ids of the test catalog.
const (
	cpAlpha   AnalyticID = 1 // counterparty
	cpBeta    AnalyticID = 2 // counterparty
	contract1 AnalyticID = 10
	item1     AnalyticID = 20
	item2     AnalyticID = 21
	store1    AnalyticID = 30 // warehouse
	store2    AnalyticID = 31 // warehouse
	unknownID AnalyticID = 999
)

var testCatalog = fakeCatalog{
	cpAlpha: Counterparty, cpBeta: Counterparty, contract1: Contract,
	item1: Item, item2: Item, store1: Warehouse, store2: Warehouse,
}

// testChart is a small CIS chart with one account of each sort the rules
// care about.
func testChart() Chart {
	accounts := []Account{
		{Code: "41", Kind: Active, Class: Asset, Group: true},
		{Code: "41.01", Parent: "41", Kind: Active, Class: Asset, Quantity: true, Analytics: []AnalyticKind{Item, Warehouse}},
		{Code: "50", Kind: Active, Class: Asset},
		{Code: "51", Kind: Active, Class: Asset},
		{Code: "52", Kind: Active, Class: Asset, Currency: true},
		{Code: "58", Kind: Active, Class: Asset, Inactive: true},
		{Code: "60", Kind: ActivePassive, Class: Liability, Group: true},
		{Code: "60.01", Parent: "60", Kind: Passive, Class: Liability, Analytics: []AnalyticKind{Counterparty, Contract}},
		{Code: "62", Kind: ActivePassive, Class: Asset, Group: true},
		{Code: "62.01", Parent: "62", Kind: Active, Class: Asset, Currency: true, Analytics: []AnalyticKind{Counterparty}},
		{Code: "90", Kind: ActivePassive, Class: Mixed, Group: true},
		{Code: "90.01", Parent: "90", Kind: Passive, Class: Income},
		{Code: "001", Kind: Active, Class: OffBalance},
		{Code: "002", Kind: Active, Class: OffBalance, Quantity: true},
	}
	ch := Chart{}
	for i := range accounts {
		ch[accounts[i].Code] = &accounts[i]
	}
	return ch
}

func testOrg() *Org {
	return &Org{ID: 7, Code: "acme", Currency: money.MustLookup("TMT"), LockDate: DateOf(2024, 3, 31)}
}

// side builds a side with up to three analytics.
func side(acc AccountCode, an ...AnalyticID) Side {
	s := Side{Account: acc}
	copy(s.Analytics[:], an)
	return s
}

// randomText returns a short string drawn from ASCII, Cyrillic, Turkmen
// letters and emoji, sometimes empty.
func randomText(r *rand.Rand, maxRunes int) string {
	alphabet := []rune("ab ;:|\x00\tжЖёçäňöşüýž€😀")
	n := r.IntN(maxRunes + 1)
	out := make([]rune, n)
	for i := range out {
		out[i] = alphabet[r.IntN(len(alphabet))]
	}
	return string(out)
}

// randomInt64 draws from small values, boundaries and the whole range.
func randomInt64(r *rand.Rand) int64 {
	switch r.IntN(4) {
	case 0:
		return int64(r.IntN(2001)) - 1000
	case 1:
		edges := []int64{0, 1, -1, 1 << 31, -1 << 31, 1 << 32, 1<<63 - 1, -1 << 63}
		return edges[r.IntN(len(edges))]
	default:
		return int64(r.Uint64())
	}
}

// randomEntry builds an entry with every field random (not necessarily
// valid: the encoding must be injective over everything a store could hold).
// PostedAt is kept to whole microseconds, the precision the encoding and the
// stores keep; Year and Date to 32 bits, which every Date's year fits.
func randomEntry(r *rand.Rand) Entry {
	e := Entry{
		Org:         OrgID(randomInt64(r)),
		Seq:         randomInt64(r),
		Year:        int(int32(randomInt64(r))),
		Number:      randomInt64(r),
		Date:        Date(int32(randomInt64(r))),
		Description: randomText(r, 6),
		Document:    randomText(r, 4),
		Author:      randomText(r, 4),
		PostedAt:    time.UnixMicro(int64(r.Uint64()>>12) - 1<<51).UTC(),
		IdemKey:     randomText(r, 3),
		Reverses:    randomInt64(r),
	}
	n := r.IntN(4)
	for i := 0; i < n; i++ {
		e.Postings = append(e.Postings, Posting{
			Debit: randomSide(r), Credit: randomSide(r), Amount: money.Amount(randomInt64(r)),
		})
	}
	return e
}

func randomSide(r *rand.Rand) Side {
	codes := []AccountCode{"", "50", "51", "52", "60.01", "62.01", "001", "5", "0"}
	s := Side{Account: codes[r.IntN(len(codes))]}
	for i := range s.Analytics {
		if r.IntN(2) == 0 {
			s.Analytics[i] = AnalyticID(randomInt64(r))
		}
	}
	if r.IntN(3) == 0 {
		s.Currency = []string{"USD", "EUR", "US", "D"}[r.IntN(4)]
	}
	s.CurAmount = money.Amount(randomInt64(r))
	s.Qty = Quantity(randomInt64(r))
	return s
}

// cloneEntry copies e deeply enough that changing the copy's postings leaves
// e alone.
func cloneEntry(e Entry) Entry {
	c := e
	if e.Postings != nil {
		c.Postings = append([]Posting(nil), e.Postings...)
	}
	return c
}

// wantCode fails t unless err carries code ("" for nil).
func wantCode(t *testing.T, err error, code Code) {
	t.Helper()
	if got := ErrorCode(err); got != code {
		t.Fatalf("error %v has code %q, want %q", err, got, code)
	}
}
