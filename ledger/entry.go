package ledger

import (
	"time"
	"unicode/utf8"

	"hasap/money"
)

// Limits on what one entry may hold (TigerBeetle style: a limit on everything).
const (
	MaxPostingsPerEntry = 10000
	MaxTextLen          = 2000 // bytes of a description, document reference or author
	MaxIdemKeyLen       = 200
)

// QuantityExp is the number of decimals a quantity keeps: thousandths.
const QuantityExp = 3

// Quantity is an exact count of thousandths of a unit (kg, pieces, m³).
type Quantity int64

// AnalyticID identifies an entry of an analytics catalog within an
// organisation. Zero means none.
type AnalyticID int64

// Analytic is an entry of an analytics catalog: a counterparty, a contract,
// an item, a warehouse, an employee...
type Analytic struct {
	ID    AnalyticID
	Kind  AnalyticKind
	Code  string
	Names Names
	// Owner links a contract to its counterparty (0 for other kinds).
	Owner AnalyticID
}

// Org is an organisation (tenant).
type Org struct {
	ID       OrgID
	Code     string
	Name     string
	Currency money.Currency // base currency
	Chart    string         // the built-in chart it started from: cis, ifrs, empty, csv
	LockDate Date           // nothing may be posted on or before it; NoDate for none
	Created  time.Time
	// RequireTOTP: the organisation's owners must use two-factor
	// authentication; app refuses an owner who has it off.
	RequireTOTP bool
}

// Side is one side (debit or credit) of a posting.
type Side struct {
	Account   AccountCode
	Analytics [MaxAnalytics]AnalyticID
	// Currency is the foreign currency code of CurAmount, "" when none.
	Currency  string
	CurAmount money.Amount
	Qty       Quantity
}

// Posting moves Amount (base currency, minor units) from the credit side to
// the debit side. A negative Amount is a red storno.
type Posting struct {
	Debit  Side
	Credit Side
	Amount money.Amount
}

// Entry is a group of postings made atomically. The store fills Seq, Year,
// Number, PostedAt, PrevHash and Hash when it posts the entry.
type Entry struct {
	Org         OrgID
	Seq         int64 // position in the organisation's hash chain, from 1
	Year        int   // fiscal year of Number
	Number      int64 // gapless per organisation per fiscal year, from 1
	Date        Date
	Description string
	Document    string // reference of the document the entry came from
	Author      string
	PostedAt    time.Time
	IdemKey     string
	Reverses    int64 // Seq of the entry this one reverses or stornos, 0 for none
	Postings    []Posting
	PrevHash    Hash
	Hash        Hash
}

// Catalog answers what an analytic id is, for validation.
type Catalog interface {
	AnalyticKind(id AnalyticID) (AnalyticKind, bool)
}

// Validate checks an entry before posting: limits, accounts, analytics,
// currency and quantity flags, the lock date. It does not look at Seq,
// Number or hashes, which the store assigns.
func (e *Entry) Validate(org *Org, chart Chart, cat Catalog) error {
	if n := len(e.Postings); n == 0 || n > MaxPostingsPerEntry {
		return Errorf(EInvalid, "an entry needs 1 to %d postings, this one has %d", MaxPostingsPerEntry, n)
	}
	if org.LockDate != NoDate && e.Date <= org.LockDate {
		return Errorf(ELocked, "date %s is on or before the lock date %s", e.Date, org.LockDate)
	}
	if y := e.Date.Year(); y < 1900 || y > 9999 {
		return Errorf(EInvalid, "date %s is out of range", e.Date)
	}
	for _, s := range []string{e.Description, e.Document, e.Author} {
		if len(s) > MaxTextLen || !utf8.ValidString(s) {
			return Errorf(EInvalid, "text longer than %d bytes or not UTF-8", MaxTextLen)
		}
	}
	if len(e.IdemKey) > MaxIdemKeyLen {
		return Errorf(EInvalid, "idempotency key longer than %d bytes", MaxIdemKeyLen)
	}
	for i := range e.Postings {
		if err := e.Postings[i].validate(org, chart, cat); err != nil {
			return Errorf(ErrorCode(err), "posting %d: %s", i+1, err)
		}
	}
	return nil
}

func (p *Posting) validate(org *Org, chart Chart, cat Catalog) error {
	if p.Amount == 0 && p.Debit.CurAmount == 0 && p.Credit.CurAmount == 0 && p.Debit.Qty == 0 && p.Credit.Qty == 0 {
		return Errorf(EInvalid, "amount is zero")
	}
	if p.Debit.Account == "" && p.Credit.Account == "" {
		return Errorf(EInvalid, "no account on either side")
	}
	dt, err := p.Debit.validate(org, chart, cat, "debit")
	if err != nil {
		return err
	}
	kt, err := p.Credit.validate(org, chart, cat, "credit")
	if err != nil {
		return err
	}
	// Single-entry postings (one side empty) are for off-balance accounts only,
	// and off-balance accounts never correspond with balance-sheet accounts.
	offDt, offKt := dt == nil || dt.OffBalance(), kt == nil || kt.OffBalance()
	if offDt != offKt {
		return Errorf(EInvalid, "an off-balance account can only correspond with off-balance accounts or none")
	}
	return nil
}

// validate checks one side; it returns the side's account, or nil for an
// empty side.
func (s *Side) validate(org *Org, chart Chart, cat Catalog, which string) (*Account, error) {
	if s.Account == "" {
		if s.Analytics != ([MaxAnalytics]AnalyticID{}) || s.Currency != "" || s.CurAmount != 0 || s.Qty != 0 {
			return nil, Errorf(EInvalid, "%s side has no account but carries details", which)
		}
		return nil, nil
	}
	a, ok := chart[s.Account]
	if !ok {
		return nil, Errorf(ENotFound, "%s account %s does not exist", which, s.Account)
	}
	switch {
	case a.Group:
		return nil, Errorf(EInvalid, "%s account %s has sub-accounts; post to one of them", which, s.Account)
	case a.Inactive:
		return nil, Errorf(EInvalid, "%s account %s is deactivated", which, s.Account)
	}
	if err := s.validateAmounts(org, a, which); err != nil {
		return nil, err
	}
	for i := 0; i < MaxAnalytics; i++ {
		id := s.Analytics[i]
		if i >= len(a.Analytics) {
			if id != 0 {
				return nil, Errorf(EInvalid, "%s account %s takes %d analytics, got more", which, s.Account, len(a.Analytics))
			}
			continue
		}
		want := a.Analytics[i]
		if id == 0 {
			return nil, Errorf(EInvalid, "%s account %s requires %s", which, s.Account, want)
		}
		if got, ok := cat.AnalyticKind(id); !ok || got != want {
			return nil, Errorf(EInvalid, "%s account %s: analytic %d is not a %s", which, s.Account, id, want)
		}
	}
	return a, nil
}

func (s *Side) validateAmounts(org *Org, a *Account, which string) error {
	if s.Currency != "" {
		if !a.Currency {
			return Errorf(EInvalid, "%s account %s is not kept in foreign currency", which, s.Account)
		}
		// Lookup forgives case and spaces; the code must be exactly the ISO
		// one, or "tmt" would pass as foreign and " USD" key its own totals.
		if c, err := money.Lookup(s.Currency); err != nil || c.Code != s.Currency {
			return Errorf(EInvalid, "%s account %s: unknown currency %q", which, s.Account, s.Currency)
		}
		if s.Currency == org.Currency.Code {
			return Errorf(EInvalid, "%s account %s: %s is the base currency, not a foreign one", which, s.Account, s.Currency)
		}
	} else if s.CurAmount != 0 {
		return Errorf(EInvalid, "%s account %s: currency amount without a currency", which, s.Account)
	}
	if s.Qty != 0 && !a.Quantity {
		return Errorf(EInvalid, "%s account %s is not kept in quantities", which, s.Account)
	}
	return nil
}
