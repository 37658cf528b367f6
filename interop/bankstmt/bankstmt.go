// Package bankstmt is the common model of a bank statement that the
// statement importers (interop/mt940, interop/camt053, interop/bankcsv)
// produce and that matching of statement lines to open invoices consumes.
//
// Signs are those of the organisation that owns the account: a positive
// amount is money in (a credit to our account, as the bank books it), a
// negative amount is money out. Balances are signed the same way: an
// overdrawn account has a negative balance.
//
// The package knows money and dates (hasap/money, hasap/ledger) and nothing
// else of Hasap; it does no I/O beyond the reader helpers in cp1251.go.
package bankstmt

import (
	"hasap/ledger"
	"hasap/money"
)

// Statement is one account statement: the balances at its two ends and the
// booked lines between them.
type Statement struct {
	// ID is the bank's reference of the statement (MT940 :20:, camt.053
	// Stmt/Id); may be empty for CSV.
	ID string
	// Number is the statement's sequence number as the bank writes it
	// (MT940 :28C: "5/1", camt.053 ElctrncSeqNb or LglSeqNb); may be empty.
	Number string
	// Account is the account the statement is for: an IBAN or the bank's
	// account number, as the bank writes it.
	Account string
	// Currency is the currency of the account, of the balances and of
	// every line.
	Currency money.Currency

	// Opening and Closing are the booked balances before the first line
	// and after the last, signed (negative is overdrawn). They count only
	// when HasOpening and HasClosing say the statement gives them; CSV
	// exports usually give neither.
	Opening, Closing       money.Amount
	HasOpening, HasClosing bool
	// OpeningDate and ClosingDate are the dates of the balances, or
	// ledger.NoDate when the statement gives no balance.
	OpeningDate, ClosingDate ledger.Date

	// Lines are the booked lines in the order of the statement.
	Lines []Line
}

// Line is one booked movement on the account.
type Line struct {
	// Date is the booking (entry) date; ValueDate the date the money
	// counts from for interest. When a format gives one, both are it.
	Date, ValueDate ledger.Date
	// Amount is positive for money in (a credit to our account) and
	// negative for money out.
	Amount money.Amount
	// Currency is the currency of Amount, the statement's currency.
	Currency money.Currency
	// Counterparty is the name of the other party: the payer of money in,
	// the payee of money out. CounterpartyAccount is its IBAN or account
	// number. Either may be empty when the format does not say.
	Counterparty, CounterpartyAccount string
	// Reference is the payer's reference: the end-to-end id, or the
	// payment reference or invoice number given with the payment.
	Reference string
	// Description is the free text of the line (remittance information,
	// MT940 :86:); it may hold several lines separated by "\n".
	Description string
	// BankRef is the bank's own reference of the line (MT940 "//" bank
	// reference, camt.053 AcctSvcrRef).
	BankRef string
}

// Name names the statement in messages: its ID, or else its account and
// closing date.
func (st *Statement) Name() string {
	if st.ID != "" {
		return st.ID
	}
	name := st.Account
	if st.HasClosing && st.ClosingDate != ledger.NoDate {
		name += " " + st.ClosingDate.String()
	}
	if name == "" {
		return "-"
	}
	return name
}

// Total returns the sum of the lines' amounts, or an error when a line is
// in another currency or the sum leaves the range of an amount.
func (st *Statement) Total() (money.Amount, error) {
	var total money.Amount
	for i, l := range st.Lines {
		if l.Currency != st.Currency {
			return 0, ledger.Errorf(ledger.EInvalid, "statement %s: line %d is in %s, not in the statement's currency %s",
				st.Name(), i+1, l.Currency.Code, st.Currency.Code)
		}
		var err error
		if total, err = money.Add(total, l.Amount); err != nil {
			return 0, ledger.Errorf(ledger.EInvalid, "statement %s: the lines add up beyond the range of an amount", st.Name())
		}
	}
	return total, nil
}

// Check verifies that every line is in the statement's currency and, when
// the statement gives both balances, that the opening balance plus the
// lines makes the closing balance. The error names the statement.
func Check(st *Statement) error {
	total, err := st.Total()
	if err != nil {
		return err
	}
	if !st.HasOpening || !st.HasClosing {
		return nil
	}
	sum, err := money.Add(st.Opening, total)
	if err != nil {
		return ledger.Errorf(ledger.EInvalid, "statement %s: the lines add up beyond the range of an amount", st.Name())
	}
	if sum != st.Closing {
		exp := st.Currency.Exponent
		return ledger.Errorf(ledger.EInvalid,
			"statement %s: opening balance %s plus the lines' total %s makes %s, not the closing balance %s",
			st.Name(), money.Decimal(st.Opening, exp), money.Decimal(total, exp),
			money.Decimal(sum, exp), money.Decimal(st.Closing, exp))
	}
	return nil
}
