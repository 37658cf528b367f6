package api

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"

	"hasap/ledger"
	"hasap/money"
)

// decodeBody reads the request body, one JSON object, into v: unknown
// fields, a JSON number where a string is wanted (amounts are decimal
// strings), trailing data and a body over maxBodyBytes are refused, each
// with a message that says which.
func decodeBody(r *http.Request, v any) error {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return bodyError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return bodyError(err)
		}
		return ledger.Errorf(ledger.EInvalid, "the request body must be a single JSON object")
	}
	return nil
}

// bodyError explains why the body could not be decoded.
func bodyError(err error) error {
	var (
		tooBig    *http.MaxBytesError
		syntax    *json.SyntaxError
		wrongType *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &tooBig):
		return ledger.Errorf(ledger.EInvalid, "the request body is larger than %d bytes", tooBig.Limit)
	case errors.Is(err, io.EOF):
		return ledger.Errorf(ledger.EInvalid, "the request body is empty: send a JSON object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return ledger.Errorf(ledger.EInvalid, "the request body is not valid JSON: it ends too early")
	case errors.As(err, &syntax):
		return ledger.Errorf(ledger.EInvalid, "the request body is not valid JSON (at byte %d)", syntax.Offset)
	case errors.As(err, &wrongType):
		field := wrongType.Field
		if field == "" {
			return ledger.Errorf(ledger.EInvalid, "the request body must be a single JSON object")
		}
		if wrongType.Value == "number" && wrongType.Type.Kind() == reflect.String {
			return ledger.Errorf(ledger.EInvalid, "%s must be a string: amounts are decimal strings such as \"1150.00\", never JSON numbers", field)
		}
		return ledger.Errorf(ledger.EInvalid, "%s has the wrong JSON type (%s)", field, wrongType.Value)
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return ledger.Errorf(ledger.EInvalid, "unknown field %s in the request body", name)
	}
	return ledger.Errorf(ledger.EInvalid, "the request body is not valid JSON (at byte %d)", 0)
}

// isDecimal reports whether s is a canonical decimal: -?[0-9]+(\.[0-9]+)?
func isDecimal(s string) bool {
	s = strings.TrimPrefix(s, "-")
	whole, frac, dot := strings.Cut(s, ".")
	return digits(whole) && (!dot || digits(frac))
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseDecimal reads the decimal string s of field into an amount with exp
// decimals; more decimals than exp (other than trailing zeros) is refused,
// never rounded.
func parseDecimal(field, s string, exp int) (money.Amount, error) {
	if !isDecimal(s) {
		return 0, ledger.Errorf(ledger.EInvalid, "%s: %q is not a decimal string such as \"1150.00\"", field, s)
	}
	a, err := money.ParseDecimal(s, exp)
	switch {
	case errors.Is(err, money.ErrPrecision):
		return 0, ledger.Errorf(ledger.EInvalid, "%s: %q has more than %d decimals", field, s, exp)
	case err != nil:
		return 0, ledger.Errorf(ledger.EInvalid, "%s: %q is out of range", field, s)
	}
	return a, nil
}

// optDate reads an optional YYYY-MM-DD query parameter.
func optDate(s string) (ledger.Date, error) {
	if s == "" {
		return ledger.NoDate, nil
	}
	return ledger.ParseDate(s)
}

// optPeriod reads the optional ?from= and ?to= of a report or a list.
func optPeriod(v url.Values) (from, to ledger.Date, err error) {
	if from, err = optDate(v.Get("from")); err != nil {
		return
	}
	to, err = optDate(v.Get("to"))
	return
}

// limitParam reads ?limit=: a whole number from 1 to max, def when absent.
func limitParam(r *http.Request, def, max int) (int, error) {
	s := r.URL.Query().Get("limit")
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > max {
		return 0, ledger.Errorf(ledger.EInvalid, "limit must be a whole number from 1 to %d", max)
	}
	return n, nil
}

// textParam reads a free-text query parameter of at most maxQueryTextBytes.
func textParam(r *http.Request, name string) (string, error) {
	s := strings.TrimSpace(r.URL.Query().Get(name))
	if len(s) > maxQueryTextBytes {
		return "", ledger.Errorf(ledger.EInvalid, "%s is longer than %d bytes", name, maxQueryTextBytes)
	}
	return s, nil
}

// requiredIdemKey is idemKey for a request that posts: the header must be
// there.
func requiredIdemKey(r *http.Request) (string, error) {
	k, err := idemKey(r)
	if err == nil && k == "" {
		err = ledger.Errorf(ledger.EInvalid, "the Idempotency-Key header is required: a retry with the same key and body returns the first result")
	}
	return k, err
}

// draftKey is the optional Idempotency-Key of a request that makes a
// draft, kept apart from the pages' form keys by idemPrefix; "" when the
// header is absent.
func draftKey(r *http.Request) (string, error) {
	k, err := idemKey(r)
	if err != nil || k == "" {
		return "", err
	}
	return idemPrefix + k, nil
}

// idemKey reads the Idempotency-Key header: 1 to maxIdemKeyBytes visible
// ASCII characters, or "" when absent.
func idemKey(r *http.Request) (string, error) {
	k := r.Header.Get("Idempotency-Key")
	if k == "" {
		return "", nil
	}
	if len(k) > maxIdemKeyBytes {
		return "", errBadIdemKey()
	}
	for i := 0; i < len(k); i++ {
		if k[i] <= ' ' || k[i] > '~' {
			return "", errBadIdemKey()
		}
	}
	return k, nil
}

func errBadIdemKey() error {
	return ledger.Errorf(ledger.EInvalid, "the Idempotency-Key header must be 1 to %d visible ASCII characters", maxIdemKeyBytes)
}
