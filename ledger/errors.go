package ledger

import (
	"errors"
	"fmt"
)

// Code is one of a small closed set of error kinds. Adapters map each code
// to an HTTP status or an exit code in exactly one table.
type Code string

// The error codes.
const (
	EInvalid      Code = "invalid"      // the input breaks a rule; the message says which
	ENotFound     Code = "not_found"    // no such object (in this organisation)
	EConflict     Code = "conflict"     // the object exists, or the request clashes with state
	ELocked       Code = "locked"       // the date is on or before the lock date
	EForbidden    Code = "forbidden"    // the actor may not do this
	ETampered     Code = "tampered"     // stored data fails verification
	EInternal     Code = "internal"     // a bug or an unexpected failure
	EUnauthorized Code = "unauthorized" // no valid identity
)

// Error is a domain error: a code, and a message built from a format and its
// arguments. The format doubles as the key for translating the message into
// the user's language (see package i18n), so keep formats stable.
type Error struct {
	Code   Code
	Format string
	Args   []any
}

// Errorf builds an *Error.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Format: format, Args: args}
}

// Error returns the English message.
func (e *Error) Error() string { return fmt.Sprintf(e.Format, e.Args...) }

// ErrorCode returns the code of the first *Error in err's chain, EInternal
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// IsCode reports whether err carries code.
func IsCode(err error, code Code) bool { return ErrorCode(err) == code }
