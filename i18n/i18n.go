// Package i18n puts Hasap's messages into the user's language: Turkmen
// (tk), Russian (ru) or English (en). A domain error's format string is its
// message key; the catalog maps it to the same format in another language.
// It imports only the standard library and hasap/ledger.
package i18n

import (
	"errors"
	"fmt"
	"slices"

	"hasap/ledger"
)

// Langs lists the languages Hasap speaks, in the order offered to users.
var Langs = []string{"tk", "ru", "en"}

// Valid reports whether lang is one of Langs.
func Valid(lang string) bool {
	for _, l := range Langs {
		if l == lang {
			return true
		}
	}
	return false
}

// Error renders err for a user in lang. A *ledger.Error is translated,
// arguments that are themselves errors too, and so are the words termArgs
// marks ("debit", an analytics catalog); any other error is shown as it is
// (it is a bug or an outside failure, and its detail helps the operator).
func Error(err error, lang string) string {
	if err == nil {
		return ""
	}
	var e *ledger.Error
	if !errors.As(err, &e) {
		return err.Error()
	}
	return Sprintf(lang, e.Format, translateArgs(e.Format, e.Args, lang)...)
}

// translateArgs puts the arguments of a message with format into lang:
// errors, recursively, and the words that termArgs marks as such (a
// posting's side, an analytics catalog). Any other argument is data and is
// shown as it is.
func translateArgs(format string, args []any, lang string) []any {
	out := make([]any, len(args))
	for i, a := range args {
		if err, ok := a.(error); ok {
			out[i] = Error(err, lang)
			continue
		}
		out[i] = a
		if slices.Contains(termArgs[format], i) {
			if t, ok := term(lang, a); ok {
				out[i] = t
			}
		}
	}
	return out
}

// term translates a word given as a message argument.
func term(lang string, a any) (string, bool) {
	var s string
	switch v := a.(type) {
	case string:
		s = v
	case ledger.AnalyticKind:
		s = string(v)
	default:
		return "", false
	}
	t, ok := terms[lang][s]
	return t, ok
}

// Sprintf formats a message in lang, falling back to the English format.
func Sprintf(lang, format string, args ...any) string {
	return fmt.Sprintf(T(lang, format), args...)
}

// T returns the translation of the format (or text) in lang, or the
// format itself when there is none.
func T(lang, format string) string {
	if m, ok := catalog[lang]; ok {
		if s, ok := m[format]; ok {
			return s
		}
	}
	return format
}

// Lookup returns the translation of format in lang, and whether the catalog
// has one. English has none: its formats are the keys.
func Lookup(lang, format string) (string, bool) {
	s, ok := catalog[lang][format]
	return s, ok
}

// Keys returns the formats the catalog translates into lang, sorted.
func Keys(lang string) []string {
	keys := make([]string, 0, len(catalog[lang]))
	for k := range catalog[lang] {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
