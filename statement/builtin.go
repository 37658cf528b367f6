package statement

import (
	"embed"

	"hasap/ledger"
)

//go:embed data
var data embed.FS

// BuiltinCharts lists the charts that ship with templates.
var BuiltinCharts = []string{"cis", "ifrs"}

// BuiltinFor names the shipped templates an organisation of chart uses:
// its own chart's when there are, else the cis ones.
func BuiltinFor(chart string) string {
	for _, c := range BuiltinCharts {
		if c == chart {
			return c
		}
	}
	return "cis"
}

// BuiltinCSV returns the shipped template file of a statement for a chart
// (see BuiltinFor).
func BuiltinCSV(chart string, k Kind) ([]byte, error) {
	if !k.Valid() {
		return nil, ledger.Errorf(ledger.EInvalid, "unknown statement %q", string(k))
	}
	b, err := data.ReadFile("data/" + BuiltinFor(chart) + "/" + string(k) + ".csv")
	if err != nil {
		return nil, ledger.Errorf(ledger.EInternal, "shipped template %s/%s: %s", chart, k, err)
	}
	return b, nil
}

// Builtin returns the shipped template of a statement for a chart.
func Builtin(chart string, k Kind) (*Template, error) {
	b, err := BuiltinCSV(chart, k)
	if err != nil {
		return nil, err
	}
	t, err := Parse(k, b)
	if err != nil {
		// The shipped files are tested; reaching this is a bug.
		return nil, ledger.Errorf(ledger.EInternal, "shipped template %s/%s: %s", chart, k, err)
	}
	return t, nil
}
