package sqldb

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

// Day totals are stored one row per account, currency and month, the days of
// the month packed in a text column: "5:1000,0;17:0,2500,0,0,3000" is day 5
// with debit 1000, and day 17 with credit 2500 and credit quantity 3000. The
// six numbers are debit, credit, debit and credit in currency, debit and
// credit quantity, trailing zeros dropped; days ascend. One row a month
// instead of one a day keeps bulk imports from writing almost a row per
// entry, while a period can still end on any day without reading postings.

type monthKey struct {
	account  ledger.AccountCode
	currency string
	month    int
}

// dayVector holds one month's days, index 1..31.
type dayVector [32]ledger.Turnover

func encodeDays(v *dayVector) string {
	var b []byte
	for d := 1; d < len(v); d++ {
		t := v[d]
		if t.IsZero() {
			continue
		}
		if len(b) > 0 {
			b = append(b, ';')
		}
		b = strconv.AppendInt(b, int64(d), 10)
		b = append(b, ':')
		f := [6]int64{int64(t.Debit), int64(t.Credit), int64(t.DebitCur), int64(t.CreditCur), int64(t.DebitQty), int64(t.CreditQty)}
		n := len(f)
		for n > 1 && f[n-1] == 0 {
			n--
		}
		for i := 0; i < n; i++ {
			if i > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, f[i], 10)
		}
	}
	return string(b)
}

func decodeDays(s string, v *dayVector) error {
	*v = dayVector{}
	if s == "" {
		return nil
	}
	bad := ledger.Errorf(ledger.ETampered, "day totals %q are malformed", s)
	last := 0
	for _, part := range strings.Split(s, ";") {
		ds, nums, ok := strings.Cut(part, ":")
		d, err := strconv.Atoi(ds)
		if !ok || err != nil || d <= last || d > 31 || strconv.Itoa(d) != ds {
			return bad
		}
		last = d
		fields := strings.Split(nums, ",")
		if len(fields) > 6 {
			return bad
		}
		var f [6]int64
		for i, x := range fields {
			if f[i], err = strconv.ParseInt(x, 10, 64); err != nil || strconv.FormatInt(f[i], 10) != x {
				return bad
			}
		}
		v[d] = ledger.Turnover{Debit: money.Amount(f[0]), Credit: money.Amount(f[1]), DebitCur: money.Amount(f[2]),
			CreditCur: money.Amount(f[3]), DebitQty: ledger.Quantity(f[4]), CreditQty: ledger.Quantity(f[5])}
		if v[d].IsZero() {
			return bad
		}
	}
	return nil
}

// writeDays merges the accumulated day totals into the stored month rows.
// The writer must be idle (synced): it reads rows earlier batches wrote.
func (p *poster) writeDays() error {
	if len(p.derived.Days) == 0 {
		return nil
	}
	months := map[monthKey]*dayVector{}
	for k, t := range p.derived.Days {
		mk := monthKey{k.Account, k.Currency, k.Day.Month()}
		v := months[mk]
		if v == nil {
			v = &dayVector{}
			months[mk] = v
		}
		_, _, d := k.Day.YMD()
		v[d] = t
	}
	stored, err := p.storedDays(months)
	if err != nil {
		return err
	}
	org := int64(p.org.ID)
	for mk, v := range months {
		if old, ok := stored[mk]; ok {
			for d := range v {
				sum, err := old[d].Add(v[d])
				if err != nil {
					return ledger.Errorf(ledger.EInvalid, "turnover of %s out of range", mk.account)
				}
				v[d] = sum
			}
		}
		if err := p.days.add(org, string(mk.account), mk.currency, mk.month, encodeDays(v)); err != nil {
			return err
		}
	}
	return nil
}

// storedDays reads the stored rows for the given month keys: one by one
// for a few (a single posting), by month range for many (a bulk import).
func (p *poster) storedDays(want map[monthKey]*dayVector) (map[monthKey]*dayVector, error) {
	out := map[monthKey]*dayVector{}
	org := int64(p.org.ID)
	if len(want) <= 16 {
		for mk := range want {
			var s string
			err := p.tx.QueryRowContext(p.ctx, p.db.q(`SELECT days FROM day_totals WHERE org_id = ? AND month = ? AND account = ? AND currency = ?`),
				org, mk.month, string(mk.account), mk.currency).Scan(&s)
			if err == nil {
				v := &dayVector{}
				if err := decodeDays(s, v); err != nil {
					return nil, err
				}
				out[mk] = v
			} else if err != sql.ErrNoRows {
				return nil, err
			}
		}
		return out, nil
	}
	lo, hi := 999912, 0
	for mk := range want {
		lo, hi = min(lo, mk.month), max(hi, mk.month)
	}
	rows, err := p.tx.QueryContext(p.ctx, p.db.q(`SELECT account, currency, month, days FROM day_totals WHERE org_id = ? AND month >= ? AND month <= ?`), org, lo, hi)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var mk monthKey
		var acc, s string
		if err := rows.Scan(&acc, &mk.currency, &mk.month, &s); err != nil {
			return nil, err
		}
		mk.account = ledger.AccountCode(acc)
		if _, ok := want[mk]; !ok {
			continue
		}
		v := &dayVector{}
		if err := decodeDays(s, v); err != nil {
			return nil, err
		}
		out[mk] = v
	}
	return out, rows.Err()
}

// dayRows reads day totals rows of months lo..hi and calls fn for each day.
func (r reader) dayRows(ctx context.Context, org ledger.OrgID, lo, hi int, fn func(k ledger.DayKey, t ledger.Turnover) error) error {
	rows, err := r.q.QueryContext(ctx, r.db.q(`SELECT account, currency, month, days FROM day_totals WHERE org_id = ? AND month >= ? AND month <= ?`), int64(org), lo, hi)
	if err != nil {
		return err
	}
	defer rows.Close()
	var v dayVector
	for rows.Next() {
		var acc, cur, s string
		var month int
		if err := rows.Scan(&acc, &cur, &month, &s); err != nil {
			return err
		}
		if err := decodeDays(s, &v); err != nil {
			return err
		}
		first := ledger.MonthFirstDay(month)
		for d := 1; d < len(v); d++ {
			if v[d].IsZero() {
				continue
			}
			if err := fn(ledger.DayKey{Account: ledger.AccountCode(acc), Currency: cur, Day: first + ledger.Date(d-1)}, v[d]); err != nil {
				return err
			}
		}
	}
	return rows.Err()
}

// AccountDays reads the account's day totals rows of the months of the
// period (one row a month and currency) and keeps the days within it.
func (r reader) AccountDays(ctx context.Context, org ledger.OrgID, account ledger.AccountCode, from, to ledger.Date) ([]store.DayTurnover, error) {
	if from == ledger.NoDate || to == ledger.NoDate || from > to || account == "" {
		return nil, nil
	}
	if int64(to)-int64(from) >= store.MaxAccountDays {
		return nil, ledger.Errorf(ledger.EInvalid, "a period of days of more than %d days", store.MaxAccountDays)
	}
	rows, err := r.q.QueryContext(ctx, r.db.q(`SELECT currency, month, days FROM day_totals
		WHERE org_id = ? AND month >= ? AND month <= ? AND account = ?`), int64(org), from.Month(), to.Month(), string(account))
	if err != nil {
		return nil, fmt.Errorf("days of %s: %w", account, err)
	}
	defer rows.Close()
	var out []store.DayTurnover
	var v dayVector
	for rows.Next() {
		var cur, packed string
		var month int
		if err := rows.Scan(&cur, &month, &packed); err != nil {
			return nil, err
		}
		if err := decodeDays(packed, &v); err != nil {
			return nil, err
		}
		first := ledger.MonthFirstDay(month)
		for d := 1; d < len(v); d++ {
			day := first + ledger.Date(d-1)
			if !v[d].IsZero() && day >= from && day <= to {
				out = append(out, store.DayTurnover{Day: day, Currency: cur, Turnover: v[d]})
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("days of %s: %w", account, err)
	}
	slices.SortFunc(out, func(a, b store.DayTurnover) int {
		if a.Day != b.Day {
			return cmp.Compare(a.Day, b.Day)
		}
		return strings.Compare(a.Currency, b.Currency)
	})
	return out, nil
}
