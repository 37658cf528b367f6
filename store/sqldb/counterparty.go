package sqldb

import (
	"context"
	"fmt"
	"strconv"

	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

// CounterpartyMovements implements store.Reader.
func (db *DB) CounterpartyMovements(ctx context.Context, org ledger.OrgID, cp ledger.AnalyticID, accounts []ledger.AccountCode,
	to ledger.Date, fn func(store.CounterpartyMovement) error) error {
	return db.rd().CounterpartyMovements(ctx, org, cp, accounts, to, fn)
}

// CounterpartyMovements reads the movements of the accounts that keep the
// counterparty first through the index by account and first analytic
// (postings_by_dt_first, postings_by_kt_first: one range a side and
// account), and those of the others through the index by account with the
// analytic matched in its list and then checked in its slot; the database
// merges the arms in order. store.MaxCounterpartyAccounts bounds the arms.
func (r reader) CounterpartyMovements(ctx context.Context, org ledger.OrgID, cp ledger.AnalyticID, accounts []ledger.AccountCode,
	to ledger.Date, fn func(store.CounterpartyMovement) error) error {
	if cp == 0 || len(accounts) == 0 {
		return nil
	}
	if len(accounts) > store.MaxCounterpartyAccounts {
		return ledger.Errorf(ledger.EInvalid, "more than %d settlement accounts", store.MaxCounterpartyAccounts)
	}
	ch, err := r.chart(ctx, org)
	if err != nil {
		return err
	}
	slots := map[ledger.AccountCode]int{}
	var codes []ledger.AccountCode
	for _, code := range accounts {
		a, ok := ch[code]
		if !ok {
			return ledger.Errorf(ledger.ENotFound, "account %s does not exist", code)
		}
		slot := -1
		for i, k := range a.Analytics {
			if k == ledger.Counterparty && i < ledger.MaxAnalytics {
				slot = i
				break
			}
		}
		if slot < 0 {
			return ledger.Errorf(ledger.EInvalid, "account %s keeps no counterparty", code)
		}
		if _, dup := slots[code]; dup {
			continue
		}
		slots[code] = slot
		codes = append(codes, code)
	}
	// One arm a side and account, each an equality on the index's leading
	// columns, so that each reads its range in (day, seq, line) order and
	// the database merges them: with "account IN (...)" SQLite's planner
	// (without statistics) walked the organisation's postings instead.
	var arms []string
	var args []any
	for i, side := range []string{"dt", "kt"} {
		for _, code := range codes {
			var w where
			w.add("p.org_id = ?", int64(org))
			w.add("p."+side+"_account = ?", string(code))
			if slots[code] == 0 {
				w.add("p." + side + "_analytics IS NOT NULL")
				w.add(fmt.Sprintf(r.db.d.FirstAnalytic, "p."+side+"_analytics")+" = ?", int64(cp))
			} else {
				w.add("(',' || p."+side+"_analytics || ',') LIKE ?", analyticLike(cp))
			}
			if to != ledger.NoDate {
				w.add("p.day <= ?", int64(to))
			}
			arms = append(arms, `SELECT `+strconv.Itoa(1-i)+` AS is_dt, p.day, p.seq, p.line, e.year, e.number, e.description,
				p.dt_account, p.kt_account, p.amount, COALESCE(p.dt_analytics, ''), COALESCE(p.kt_analytics, ''), COALESCE(p.detail, ''),
				e.document, e.reverses
				FROM postings p JOIN entries e ON e.org_id = p.org_id AND e.seq = p.seq
				WHERE `+w.sql())
			args = append(args, w.args...)
		}
	}
	query := arms[0]
	for _, a := range arms[1:] {
		query += ` UNION ALL ` + a
	}
	rows, err := r.q.QueryContext(ctx, r.db.q(query+` ORDER BY 2, 3, 4, 1 DESC`), args...)
	if err != nil {
		return fmt.Errorf("counterparty %d movements: %w", cp, err)
	}
	defer rows.Close()
	for rows.Next() {
		var m store.CounterpartyMovement
		var isDt, day, year, line, amount int64
		var dacc, kacc, dan, kan, detail string
		var d, k ledger.Side
		if err := rows.Scan(&isDt, &day, &m.Seq, &line, &year, &m.Number, &m.Description, &dacc, &kacc, &amount, &dan, &kan, &detail,
			&m.Document, &m.Reverses); err != nil {
			return fmt.Errorf("counterparty %d movements: %w", cp, err)
		}
		if d.Analytics, err = decodeAnalytics(dan); err != nil {
			return err
		}
		if k.Analytics, err = decodeAnalytics(kan); err != nil {
			return err
		}
		if err := decodeDetail(detail, &d, &k); err != nil {
			return err
		}
		d.Account, k.Account = ledger.AccountCode(dacc), ledger.AccountCode(kacc)
		m.Date, m.Year, m.Line, m.Amount, m.Debit = ledger.Date(day), int(year), int(line), money.Amount(amount), isDt == 1
		m.Side, m.Other = d, k
		if !m.Debit {
			m.Side, m.Other = k, d
		}
		if m.Side.Analytics[slots[m.Side.Account]] != cp {
			continue // the analytic is in the list, not in the counterparty's slot
		}
		if err := fn(m); err != nil {
			return err
		}
	}
	return rows.Err()
}
