// Package chart holds Hasap's built-in charts of accounts and the CSV format
// they are written in.
//
// The built-in charts are templates, not law: "cis" is the classic CIS chart
// (synthetic accounts 01–99 with 1C-style sub-accounts, off-balance accounts
// 001–011 and the auxiliary account 000) that Turkmen and 1C-trained
// accountants know; "ifrs" is a compact four-digit IFRS-style chart; "empty"
// has no accounts. Each chart is an embedded CSV file read by LoadCSV, the
// same loader an organisation uses to bring its own chart, so a built-in chart
// can be exported with WriteCSV, edited and loaded back.
//
// The package imports only the standard library and hasap/ledger. Like
// ledger, it does no I/O of its own beyond the io.Reader and io.Writer it is
// handed: it must never import database/sql, net/http or a store.
package chart

import (
	"embed"
	"strings"

	"hasap/ledger"
)

//go:embed data/cis.csv data/ifrs.csv
var data embed.FS

// builtins lists the built-in charts in the order Names reports them; an
// empty file means a chart with no accounts.
var builtins = []struct{ name, file string }{
	{"cis", "data/cis.csv"},
	{"ifrs", "data/ifrs.csv"},
	{"empty", ""},
}

// Names returns the names of the built-in charts, the default ("cis") first.
func Names() []string {
	names := make([]string, len(builtins))
	for i, b := range builtins {
		names[i] = b.name
	}
	return names
}

// Builtin returns a fresh copy of the built-in chart called name, in the
// order of its file: parents before their sub-accounts. An unknown name is a
// *ledger.Error with code ledger.EInvalid that lists the valid names.
func Builtin(name string) ([]ledger.Account, error) {
	for _, b := range builtins {
		if b.name != name {
			continue
		}
		if b.file == "" {
			return []ledger.Account{}, nil
		}
		f, err := data.Open(b.file)
		if err != nil {
			return nil, ledger.Errorf(ledger.EInternal, "built-in chart %s: %s", name, err)
		}
		defer f.Close()
		accounts, err := LoadCSV(f)
		if err != nil {
			// The embedded files are tested; reaching this is a bug.
			return nil, ledger.Errorf(ledger.EInternal, "built-in chart %s: %s", name, err)
		}
		return accounts, nil
	}
	return nil, ledger.Errorf(ledger.EInvalid, "unknown chart %q: the built-in charts are %s", name, strings.Join(Names(), ", "))
}
