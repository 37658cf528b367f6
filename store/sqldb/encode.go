package sqldb

import (
	"strconv"
	"strings"

	"hasap/ledger"
	"hasap/money"
)

// A posting row keeps what nearly every posting has in plain columns
// (accounts, amount) and what few have in two compact text columns, NULL
// when empty: the analytics of each side ("12" or "12,7,3"), and the
// currency amounts and quantities ("dc=USD;da=10000;kq=1500": d/k for the
// side, c currency, a currency amount, q quantity). Fewer columns mean fewer
// values bound per row, which is what bulk imports spend their time on;
// the text stays readable to an auditor with a SQL prompt.

// encodeAnalytics returns nil for no analytics, else the ids joined by ",",
// trailing zeros dropped.
func encodeAnalytics(a [ledger.MaxAnalytics]ledger.AnalyticID) any {
	n := len(a)
	for n > 0 && a[n-1] == 0 {
		n--
	}
	if n == 0 {
		return nil
	}
	b := make([]byte, 0, 24)
	for i := 0; i < n; i++ {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(a[i]), 10)
	}
	return string(b)
}

func decodeAnalytics(s string) ([ledger.MaxAnalytics]ledger.AnalyticID, error) {
	var a [ledger.MaxAnalytics]ledger.AnalyticID
	if s == "" {
		return a, nil
	}
	parts := strings.Split(s, ",")
	if len(parts) > ledger.MaxAnalytics {
		return a, ledger.Errorf(ledger.ETampered, "posting analytics %q are malformed", s)
	}
	for i, p := range parts {
		v, err := strconv.ParseInt(p, 10, 64)
		if err != nil || v < 0 || strconv.FormatInt(v, 10) != p {
			return a, ledger.Errorf(ledger.ETampered, "posting analytics %q are malformed", s)
		}
		a[i] = ledger.AnalyticID(v)
	}
	return a, nil
}

// encodeDetail returns nil when neither side has a currency amount or a
// quantity.
func encodeDetail(d, k *ledger.Side) any {
	if d.Currency == "" && d.CurAmount == 0 && d.Qty == 0 && k.Currency == "" && k.CurAmount == 0 && k.Qty == 0 {
		return nil
	}
	b := make([]byte, 0, 48)
	add := func(key string, v string) {
		if len(b) > 0 {
			b = append(b, ';')
		}
		b = append(b, key...)
		b = append(b, '=')
		b = append(b, v...)
	}
	for _, s := range []struct {
		p    string
		side *ledger.Side
	}{{"d", d}, {"k", k}} {
		if s.side.Currency != "" {
			add(s.p+"c", s.side.Currency)
		}
		if s.side.CurAmount != 0 {
			add(s.p+"a", strconv.FormatInt(int64(s.side.CurAmount), 10))
		}
		if s.side.Qty != 0 {
			add(s.p+"q", strconv.FormatInt(int64(s.side.Qty), 10))
		}
	}
	return string(b)
}

func decodeDetail(s string, d, k *ledger.Side) error {
	if s == "" {
		return nil
	}
	for _, f := range strings.Split(s, ";") {
		key, v, ok := strings.Cut(f, "=")
		if !ok || len(key) != 2 || (key[0] != 'd' && key[0] != 'k') {
			return ledger.Errorf(ledger.ETampered, "posting detail %q is malformed", s)
		}
		side := d
		if key[0] == 'k' {
			side = k
		}
		switch key[1] {
		case 'c':
			if _, err := money.Lookup(v); err != nil || v != strings.ToUpper(v) {
				return ledger.Errorf(ledger.ETampered, "posting detail %q is malformed", s)
			}
			side.Currency = v
		case 'a', 'q':
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || strconv.FormatInt(n, 10) != v {
				return ledger.Errorf(ledger.ETampered, "posting detail %q is malformed", s)
			}
			if key[1] == 'a' {
				side.CurAmount = money.Amount(n)
			} else {
				side.Qty = ledger.Quantity(n)
			}
		default:
			return ledger.Errorf(ledger.ETampered, "posting detail %q is malformed", s)
		}
	}
	return nil
}
