package chart

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"hasap/ledger"
)

// Limits on a chart CSV file. A chart larger than this is not a chart.
const (
	// MaxRows is the most accounts a chart CSV file may hold.
	MaxRows = 10000
	// MaxNameLen bounds each account name in bytes of UTF-8.
	MaxNameLen = 500
	// MaxCSVBytes bounds a chart CSV file.
	MaxCSVBytes = 16 << 20
)

// columns is the header row of a chart CSV file; the optional column
// inactiveColumn may follow it.
var columns = []string{"code", "parent", "kind", "class", "currency", "quantity", "analytics", "name_tk", "name_ru", "name_en"}

const inactiveColumn = "inactive"

// LoadCSV reads a chart of accounts from CSV.
//
// The first row is the header, exactly
//
//	code,parent,kind,class,currency,quantity,analytics,name_tk,name_ru,name_en
//
// optionally followed by an inactive column; each further row is one
// account. Kind is A, P or AP (the Cyrillic А, П and АП are accepted too);
// class is one of asset, liability, equity, income, expense, mixed and
// off-balance; currency, quantity and inactive are 0 or 1 (also yes/no,
// true/false, да/нет, hawa/ýok; empty means 0); analytics lists up to three
// catalogs separated by semicolons ("counterparty;contract"). At least one
// name is required. Spaces around fields are dropped, as is a UTF-8 byte
// order mark, and blank lines are skipped.
//
// The loader sets Group on every account that is another account's parent,
// and checks that codes are unique, every parent exists, no account is its
// own ancestor, a sub-account is off-balance exactly when its parent is, each
// account passes ledger.Account.Validate, and the file holds at most MaxRows
// accounts in at most MaxCSVBytes bytes. Errors are *ledger.Error with code
// ledger.EInvalid and name the CSV line: `line 12: kind "X" is not A, P or
// AP`. Only a failure of r itself is returned as a plain error.
func LoadCSV(r io.Reader) ([]ledger.Account, error) {
	counted := &countingReader{r: io.LimitReader(r, MaxCSVBytes+1)}
	br := bufio.NewReader(counted)
	if bom, err := br.Peek(3); err == nil && string(bom) == "\uFEFF" {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	// A file cut at MaxCSVBytes may break in mid-row: say why, not how.
	fail := func(err error) error {
		if counted.n > MaxCSVBytes {
			return ledger.Errorf(ledger.EInvalid, "the chart file is larger than %d bytes", MaxCSVBytes)
		}
		return err
	}
	header, err := cr.Read()
	if err == io.EOF {
		return nil, ledger.Errorf(ledger.EInvalid, "line 1: the chart is empty: the header row is missing")
	}
	if err != nil {
		return nil, fail(readError(err))
	}
	hasInactive, err := parseHeader(header)
	if err != nil {
		return nil, err
	}
	var accounts []ledger.Account
	var lines []int
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fail(readError(err))
		}
		line, _ := cr.FieldPos(0)
		if len(accounts) == MaxRows {
			return nil, ledger.Errorf(ledger.EInvalid, "line %d: a chart holds at most %d accounts", line, MaxRows)
		}
		a, err := parseRow(rec, hasInactive)
		if err != nil {
			return nil, fail(atLine(line, err))
		}
		accounts = append(accounts, a)
		lines = append(lines, line)
	}
	if counted.n > MaxCSVBytes {
		return nil, fail(nil)
	}
	if err := link(accounts, lines); err != nil {
		return nil, err
	}
	return accounts, nil
}

// WriteCSV writes accounts in the format LoadCSV reads, in their order, so
// that LoadCSV gives them back (Group is recomputed, and spaces around fields
// are not kept). The inactive column is written only when an account is
// inactive. Accounts that LoadCSV would refuse are refused before anything is
// written, with the line the account would have had.
func WriteCSV(w io.Writer, accounts []ledger.Account) error {
	if len(accounts) > MaxRows {
		return ledger.Errorf(ledger.EInvalid, "a chart holds at most %d accounts", MaxRows)
	}
	anyInactive := false
	lines := make([]int, len(accounts))
	for i, a := range accounts {
		lines[i] = i + 2 // after the header, one line per account
		if err := checkAccount(a); err != nil {
			return atLine(lines[i], err)
		}
		anyInactive = anyInactive || a.Inactive
	}
	// link sets Group; work on a copy so the caller's accounts stay as given.
	if err := link(append([]ledger.Account(nil), accounts...), lines); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	header := columns
	if anyInactive {
		header = append(append([]string(nil), columns...), inactiveColumn)
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, a := range accounts {
		if err := cw.Write(formatRow(a, anyInactive)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func formatRow(a ledger.Account, withInactive bool) []string {
	kinds := make([]string, len(a.Analytics))
	for i, k := range a.Analytics {
		kinds[i] = string(k)
	}
	rec := []string{
		string(a.Code), string(a.Parent), string(a.Kind), string(a.Class),
		formatBool(a.Currency), formatBool(a.Quantity), strings.Join(kinds, ";"),
		a.Names.TK, a.Names.RU, a.Names.EN,
	}
	if withInactive {
		rec = append(rec, formatBool(a.Inactive))
	}
	return rec
}

func formatBool(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// parseHeader checks the header row and reports whether it has the optional
// inactive column.
func parseHeader(header []string) (hasInactive bool, err error) {
	got := make([]string, len(header))
	for i, h := range header {
		got[i] = strings.ToLower(strings.TrimSpace(h))
	}
	n := len(columns)
	ok := len(got) == n || len(got) == n+1 && got[n] == inactiveColumn
	for i := 0; ok && i < n; i++ {
		ok = got[i] == columns[i]
	}
	if !ok {
		return false, ledger.Errorf(ledger.EInvalid, "line 1: the header must be %q, optionally followed by %q; got %q",
			strings.Join(columns, ","), ","+inactiveColumn, strings.Join(header, ","))
	}
	return len(got) == n+1, nil
}

// parseRow turns one record into an account, without looking at the others.
func parseRow(rec []string, hasInactive bool) (ledger.Account, error) {
	want := len(columns)
	if hasInactive {
		want++
	}
	if len(rec) != want {
		return ledger.Account{}, ledger.Errorf(ledger.EInvalid, "%d fields, want %d", len(rec), want)
	}
	for i := range rec {
		rec[i] = strings.TrimSpace(rec[i])
	}
	a := ledger.Account{
		Code:   ledger.AccountCode(rec[0]),
		Parent: ledger.AccountCode(rec[1]),
		Names:  ledger.Names{TK: rec[7], RU: rec[8], EN: rec[9]},
	}
	var err error
	if a.Kind, err = parseKind(rec[2]); err != nil {
		return a, err
	}
	if a.Class, err = parseClass(rec[3]); err != nil {
		return a, err
	}
	if a.Currency, err = parseBool("currency", rec[4]); err != nil {
		return a, err
	}
	if a.Quantity, err = parseBool("quantity", rec[5]); err != nil {
		return a, err
	}
	if a.Analytics, err = parseAnalytics(rec[6]); err != nil {
		return a, err
	}
	if hasInactive {
		if a.Inactive, err = parseBool(inactiveColumn, rec[10]); err != nil {
			return a, err
		}
	}
	return a, checkAccount(a)
}

func parseKind(s string) (ledger.Kind, error) {
	switch strings.ToUpper(s) {
	case "A", "А": // Latin, Cyrillic
		return ledger.Active, nil
	case "P", "П":
		return ledger.Passive, nil
	case "AP", "АП":
		return ledger.ActivePassive, nil
	}
	return "", ledger.Errorf(ledger.EInvalid, "kind %q is not A, P or AP", s)
}

func parseClass(s string) (ledger.Class, error) {
	c := ledger.Class(strings.ToLower(s))
	if !c.Valid() {
		return "", ledger.Errorf(ledger.EInvalid, "class %q is not asset, liability, equity, income, expense, mixed or off-balance", s)
	}
	return c, nil
}

func parseBool(column, s string) (bool, error) {
	switch strings.ToLower(s) {
	case "1", "yes", "true", "да", "hawa":
		return true, nil
	case "", "0", "no", "false", "нет", "ýok", "yok":
		return false, nil
	}
	return false, ledger.Errorf(ledger.EInvalid, "%s %q is not 0 or 1", column, s)
}

// parseAnalytics reads "counterparty;contract"; empty items are skipped.
// The count and duplicates are left to ledger.Account.Validate.
func parseAnalytics(s string) ([]ledger.AnalyticKind, error) {
	var kinds []ledger.AnalyticKind
	for part := range strings.SplitSeq(s, ";") {
		part = strings.ToLower(strings.TrimSpace(part))
		if part == "" {
			continue
		}
		k := ledger.AnalyticKind(part)
		if !k.Valid() {
			return nil, ledger.Errorf(ledger.EInvalid, "unknown analytic %q", part)
		}
		kinds = append(kinds, k)
		if len(kinds) > ledger.MaxAnalytics {
			break // Validate reports it; no need to read a million more
		}
	}
	return kinds, nil
}

// checkAccount checks what can be checked of one account alone: the
// ledger's rules and the names.
func checkAccount(a ledger.Account) error {
	if err := a.Validate(); err != nil {
		return err
	}
	if a.Parent != "" {
		if err := ledger.ValidateCode(a.Parent); err != nil {
			return ledger.Errorf(ledger.EInvalid, "parent of account %s: %s", a.Code, err)
		}
	}
	names := []struct{ column, name string }{{"name_tk", a.Names.TK}, {"name_ru", a.Names.RU}, {"name_en", a.Names.EN}}
	for _, n := range names {
		if err := checkName(n.column, n.name); err != nil {
			return err
		}
	}
	if a.Names == (ledger.Names{}) {
		return ledger.Errorf(ledger.EInvalid, "account %s has no name", a.Code)
	}
	return nil
}

func checkName(column, s string) error {
	switch {
	case len(s) > MaxNameLen:
		return ledger.Errorf(ledger.EInvalid, "%s is longer than %d bytes", column, MaxNameLen)
	case !utf8.ValidString(s):
		return ledger.Errorf(ledger.EInvalid, "%s is not valid UTF-8", column)
	case strings.IndexFunc(s, unicode.IsControl) >= 0:
		return ledger.Errorf(ledger.EInvalid, "%s has a control character or a line break", column)
	}
	return nil
}

// link checks the accounts against each other and sets Group. lines[i] is
// the CSV line of accounts[i], for messages.
func link(accounts []ledger.Account, lines []int) error {
	index := make(map[ledger.AccountCode]int, len(accounts))
	for i, a := range accounts {
		if j, dup := index[a.Code]; dup {
			return ledger.Errorf(ledger.EInvalid, "line %d: account %s is already on line %d", lines[i], a.Code, lines[j])
		}
		index[a.Code] = i
	}
	parent := make([]int, len(accounts)) // index of the parent, -1 for none
	for i := range accounts {
		a := &accounts[i]
		parent[i] = -1
		if a.Parent == "" {
			continue
		}
		j, ok := index[a.Parent]
		if !ok {
			return ledger.Errorf(ledger.EInvalid, "line %d: parent %s of account %s does not exist", lines[i], a.Parent, a.Code)
		}
		if a.OffBalance() != accounts[j].OffBalance() {
			return ledger.Errorf(ledger.EInvalid, "line %d: account %s and its parent %s must both be off-balance or both not", lines[i], a.Code, a.Parent)
		}
		parent[i] = j
		accounts[j].Group = true
	}
	return checkCycles(accounts, lines, parent)
}

// checkCycles walks up from every account; each account is walked once.
func checkCycles(accounts []ledger.Account, lines, parent []int) error {
	const (
		unseen = iota
		onPath
		done
	)
	state := make([]uint8, len(accounts))
	var path []int
	for i := range accounts {
		path = path[:0]
		j := i
		for j >= 0 && state[j] == unseen {
			state[j] = onPath
			path = append(path, j)
			j = parent[j]
		}
		if j >= 0 && state[j] == onPath {
			return ledger.Errorf(ledger.EInvalid, "line %d: account %s is its own ancestor", lines[j], accounts[j].Code)
		}
		for _, k := range path {
			state[k] = done
		}
	}
	return nil
}

// atLine puts the CSV line in front of a domain error's message, keeping its
// code; the inner error stays a translatable argument.
func atLine(line int, err error) error {
	var e *ledger.Error
	if errors.As(err, &e) {
		return ledger.Errorf(e.Code, "line %d: %s", line, e)
	}
	return fmt.Errorf("line %d: %w", line, err)
}

// readError turns a CSV syntax error into a domain error; anything else is a
// failure of the reader and passes through.
func readError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return ledger.Errorf(ledger.EInvalid, "line %d: %s", pe.Line, pe.Err.Error())
	}
	return fmt.Errorf("read chart: %w", err)
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
