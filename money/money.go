package money

import (
	"encoding/json"
	"fmt"
)

// Money is an amount together with its currency.
type Money struct {
	Amount   Amount
	Currency Currency
}

// New pairs an amount of minor units with a currency.
func New(a Amount, c Currency) Money { return Money{Amount: a, Currency: c} }

// String writes the money canonically, e.g. "1150.00 TMT".
func (m Money) String() string {
	return Decimal(m.Amount, m.Currency.Exponent) + " " + m.Currency.Code
}

// Format writes the money in the locale's style, e.g. "1 150,00 TMT".
func (m Money) Format(loc Locale) string {
	return Format(m.Amount, m.Currency.Exponent, loc) + " " + m.Currency.Code
}

type moneyJSON struct {
	Amount   string `json:"amount"`
	Currency string `json:"currency"`
}

// MarshalJSON writes {"amount":"1150.00","currency":"TMT"}: the amount is a
// decimal string, never a JSON number.
func (m Money) MarshalJSON() ([]byte, error) {
	return json.Marshal(moneyJSON{Decimal(m.Amount, m.Currency.Exponent), m.Currency.Code})
}

// UnmarshalJSON reads the form MarshalJSON writes. An amount with more
// decimals than the currency allows is an error; null is a no-op, as for
// the types encoding/json knows.
func (m *Money) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	var v moneyJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return fmt.Errorf("money: %w", err)
	}
	c, err := Lookup(v.Currency)
	if err != nil {
		return err
	}
	a, err := ParseDecimal(v.Amount, c.Exponent)
	if err != nil {
		return fmt.Errorf("money: %w", err)
	}
	*m = Money{Amount: a, Currency: c}
	return nil
}
