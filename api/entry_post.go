package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"

	"hasap/auth"
	"hasap/ledger"
	"hasap/money"
)

// entryInput is the body of a new entry.
type entryInput struct {
	Date        string         `json:"date"`
	Description string         `json:"description"`
	Document    string         `json:"document"`
	Postings    []postingInput `json:"postings"`
}

type postingInput struct {
	Debit  *sideInput `json:"debit"`
	Credit *sideInput `json:"credit"`
	Amount string     `json:"amount"`
}

type sideInput struct {
	Account        string            `json:"account"`
	Analytics      map[string]string `json:"analytics"` // catalog → code
	Currency       string            `json:"currency"`
	CurrencyAmount string            `json:"currency_amount"`
	Quantity       string            `json:"quantity"`
}

// idemPrefix keeps the API's idempotency keys apart from those of the
// entry form and of reversals in the ledger's one key space.
const idemPrefix = "api:"

// postEntry posts an entry. The Idempotency-Key header is required: the
// same key with the same entry returns the first result (201 and the same
// body) and posts nothing; the same key with another entry is refused
// (422). Only a posted entry is remembered: a request that failed may be
// sent again with its key.
func (s *server) postEntry(w http.ResponseWriter, r *http.Request, q *request) error {
	org, _, err := s.app.Authorize(r.Context(), q.actor, r.PathValue("org"), auth.PostEntries)
	if err != nil {
		return err
	}
	key, err := requiredIdemKey(r)
	if err != nil {
		return err
	}
	var in entryInput
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	e, err := s.buildEntry(r.Context(), q, org, in)
	if err != nil {
		return err
	}
	e.IdemKey = idemPrefix + key
	posted, err := s.app.Post(r.Context(), q.actor, org.Code, e)
	if isIdemClash(err) {
		return ledger.Errorf(ledger.EInvalid, "Idempotency-Key %q was already used for a different request", key)
	}
	if err != nil {
		return err
	}
	return s.writeEntry(w, r, q, org, posted, http.StatusCreated)
}

// isIdemClash reports whether err is the store's refusal of an
// idempotency key already used for other content.
func isIdemClash(err error) bool {
	var le *ledger.Error
	return errors.As(err, &le) && le.Code == ledger.EConflict && le.Format == "idempotency key %q was already used for a different entry"
}

// writeEntry answers with a posted entry and its address.
func (s *server) writeEntry(w http.ResponseWriter, r *http.Request, q *request, org ledger.Org, e ledger.Entry, status int) error {
	n, err := s.entryNames(r.Context(), q, org.Code, []ledger.Entry{e})
	if err != nil {
		return err
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/orgs/%s/entries/%d/%d", org.Code, e.Year, e.Number))
	writeJSON(w, status, entryJSON(e, org.Currency, n))
	return nil
}

// buildEntry turns the body into an entry: dates and amounts parsed,
// analytics codes looked up in their catalogs. Whether the accounts take
// these postings is the ledger's to say when it is posted.
func (s *server) buildEntry(ctx context.Context, q *request, org ledger.Org, in entryInput) (ledger.Entry, error) {
	if in.Date == "" {
		return ledger.Entry{}, ledger.Errorf(ledger.EInvalid, "%s is required", "date")
	}
	date, err := ledger.ParseDate(in.Date)
	if err != nil {
		return ledger.Entry{}, err
	}
	if n := len(in.Postings); n == 0 || n > maxAPIPostings {
		return ledger.Entry{}, ledger.Errorf(ledger.EInvalid, "an entry needs 1 to %d postings, this one has %d", maxAPIPostings, n)
	}
	chart, err := s.app.Accounts(ctx, q.actor, org.Code)
	if err != nil {
		return ledger.Entry{}, err
	}
	b := builder{s: s, ctx: ctx, q: q, org: org, chart: chart, ids: map[analyticKey]ledger.AnalyticID{}}
	e := ledger.Entry{Date: date, Description: in.Description, Document: in.Document, Postings: make([]ledger.Posting, len(in.Postings))}
	for i, p := range in.Postings {
		if e.Postings[i], err = b.posting(p); err != nil {
			return ledger.Entry{}, ledger.Errorf(ledger.ErrorCode(err), "posting %d: %s", i+1, err)
		}
	}
	return e, nil
}

type analyticKey struct {
	kind ledger.AnalyticKind
	code string
}

// builder builds the postings of one request, looking each analytic up
// once.
type builder struct {
	s     *server
	ctx   context.Context
	q     *request
	org   ledger.Org
	chart ledger.Chart
	ids   map[analyticKey]ledger.AnalyticID
}

func (b *builder) posting(in postingInput) (ledger.Posting, error) {
	var p ledger.Posting
	if in.Amount == "" {
		return p, ledger.Errorf(ledger.EInvalid, "%s is required", "amount")
	}
	var err error
	if p.Amount, err = parseDecimal("amount", in.Amount, b.org.Currency.Exponent); err != nil {
		return p, err
	}
	if p.Debit, err = b.side("debit", in.Debit); err != nil {
		return p, err
	}
	p.Credit, err = b.side("credit", in.Credit)
	return p, err
}

// side builds one side ("debit" or "credit"); nil is an empty side.
func (b *builder) side(which string, in *sideInput) (ledger.Side, error) {
	var s ledger.Side
	if in == nil {
		return s, nil
	}
	s.Account = ledger.AccountCode(in.Account)
	if in.Account == "" {
		if len(in.Analytics) > 0 || in.Currency != "" || in.CurrencyAmount != "" || in.Quantity != "" {
			return s, ledger.Errorf(ledger.EInvalid, "%s side has no account but carries details", which)
		}
		return s, nil
	}
	acc := b.chart[s.Account]
	if acc == nil {
		return s, ledger.Errorf(ledger.EInvalid, "%s account %s does not exist", which, s.Account)
	}
	if err := b.analytics(acc, in.Analytics, &s); err != nil {
		return s, err
	}
	var err error
	if s.Currency = in.Currency; s.Currency != "" {
		c, lerr := money.Lookup(s.Currency)
		if lerr != nil || c.Code != s.Currency {
			return s, ledger.Errorf(ledger.EInvalid, "%s account %s: unknown currency %q", which, s.Account, s.Currency)
		}
		if in.CurrencyAmount == "" {
			return s, ledger.Errorf(ledger.EInvalid, "%s is required", "currency_amount")
		}
		if s.CurAmount, err = parseDecimal("currency_amount", in.CurrencyAmount, c.Exponent); err != nil {
			return s, err
		}
	} else if in.CurrencyAmount != "" {
		return s, ledger.Errorf(ledger.EInvalid, "%s account %s: currency amount without a currency", which, s.Account)
	}
	if in.Quantity != "" {
		qty, err := parseDecimal("quantity", in.Quantity, ledger.QuantityExp)
		if err != nil {
			return s, err
		}
		s.Qty = ledger.Quantity(qty)
	}
	return s, nil
}

// analytics puts each {catalog: code} into the slot of the account that
// wants that catalog. A missing one is the ledger's to report.
func (b *builder) analytics(acc *ledger.Account, in map[string]string, s *ledger.Side) error {
	kinds := make([]string, 0, len(in))
	for k := range in {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds) // the first problem is the same every time
	for _, k := range kinds {
		kind, code := ledger.AnalyticKind(k), in[k]
		if !kind.Valid() {
			return ledger.Errorf(ledger.EInvalid, "unknown analytics catalog %q", kind)
		}
		slot := slices.Index(acc.Analytics, kind)
		if slot < 0 {
			return ledger.Errorf(ledger.EInvalid, "account %s does not take %s", acc.Code, kind)
		}
		id, ok := b.ids[analyticKey{kind, code}]
		if !ok {
			an, err := b.s.app.AnalyticByCode(b.ctx, b.q.actor, b.org.Code, kind, code)
			if ledger.IsCode(err, ledger.ENotFound) {
				return ledger.Errorf(ledger.EInvalid, "%s %s does not exist", kind, code)
			}
			if err != nil {
				return err
			}
			id = an.ID
			b.ids[analyticKey{kind, code}] = id
		}
		s.Analytics[slot] = id
	}
	return nil
}
