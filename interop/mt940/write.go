package mt940

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"hasap/interop/bankstmt"
	"hasap/ledger"
	"hasap/money"
)

// Write writes statements as MT940 without block wrappers, each ended by a
// "-" line, so that [Parse] reads them back as they are. It refuses a
// statement Parse could not have produced: one without an ID, an account or
// both balances, with text on several lines where one is wanted, with a
// date outside 1980–2079, or with lines in another currency.
func Write(w io.Writer, sts []bankstmt.Statement) error {
	bw := bufio.NewWriter(w)
	for i := range sts {
		if err := writeStatement(bw, &sts[i]); err != nil {
			return fmt.Errorf("mt940: write statement %d: %w", i+1, err)
		}
	}
	return bw.Flush()
}

func writeStatement(w *bufio.Writer, st *bankstmt.Statement) error {
	if !st.HasOpening || !st.HasClosing {
		return fmt.Errorf("statement %s: MT940 needs both balances", st.Name())
	}
	for _, v := range []string{st.ID, st.Account} {
		if !oneLine(v) || v == "" {
			return fmt.Errorf("statement %s: reference or account %q is not one line of text", st.Name(), v)
		}
	}
	if st.Number != "" && !oneLine(st.Number) {
		return fmt.Errorf("statement %s: number %q is not one line of text", st.Name(), st.Number)
	}
	fmt.Fprintf(w, ":20:%s\n:25:%s\n", st.ID, st.Account)
	if st.Number != "" {
		fmt.Fprintf(w, ":28C:%s\n", st.Number)
	}
	bal, err := balance(st.Opening, st.OpeningDate, st.Currency)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, ":60F:%s\n", bal)
	for i := range st.Lines {
		if err := writeLine(w, &st.Lines[i], st.Currency); err != nil {
			return fmt.Errorf("line %d: %w", i+1, err)
		}
	}
	if bal, err = balance(st.Closing, st.ClosingDate, st.Currency); err != nil {
		return err
	}
	fmt.Fprintf(w, ":62F:%s\n-\n", bal)
	return nil
}

func balance(a money.Amount, d ledger.Date, cur money.Currency) (string, error) {
	ds, err := yymmdd(d)
	if err != nil {
		return "", err
	}
	mark := "C"
	if a < 0 {
		mark = "D"
	}
	return mark + ds + cur.Code + amount(a, cur), nil
}

func writeLine(w *bufio.Writer, l *bankstmt.Line, cur money.Currency) error {
	if l.Currency != cur {
		return fmt.Errorf("currency %s is not the statement's %s", l.Currency.Code, cur.Code)
	}
	vd, err := yymmdd(l.ValueDate)
	if err != nil {
		return err
	}
	entry := ""
	if l.Date != l.ValueDate {
		e := l.Date.String()
		if got, err := entryDate(l.ValueDate, e[5:7]+e[8:10]); err != nil || got != l.Date {
			return fmt.Errorf("entry date %s is too far from the value date %s", l.Date, l.ValueDate)
		}
		entry = e[5:7] + e[8:10]
	}
	mark := "C"
	if l.Amount < 0 {
		mark = "D"
	}
	ref := l.Reference
	if ref == "" {
		ref = "NONREF"
	}
	if ref == "NONREF" && l.Reference != "" || !oneLine(ref) || strings.Contains(ref, "//") || ref != strings.TrimSpace(ref) ||
		!oneLine(l.BankRef) || l.BankRef != strings.TrimSpace(l.BankRef) {
		return fmt.Errorf("reference %q or bank reference %q cannot be written", l.Reference, l.BankRef)
	}
	fmt.Fprintf(w, ":61:%s%s%s%sNTRF%s", vd, entry, mark, amount(l.Amount, cur), ref)
	if l.BankRef != "" {
		fmt.Fprintf(w, "//%s", l.BankRef)
	}
	w.WriteByte('\n')
	return writeDescription(w, l.Description)
}

// writeDescription writes the description's text lines as :61:
// supplementary details and :86: lines. A line that cannot stand as a
// continuation line (":20:x", "-", "{...") goes right after the :86: tag,
// and the lines before it become supplementary details; Parse joins both
// back in order.
func writeDescription(w *bufio.Writer, desc string) error {
	if desc == "" {
		return nil
	}
	lines := strings.Split(desc, "\n")
	at := 0 // the line to write after :86:
	for i, s := range lines {
		if s == "" || s != strings.TrimRight(s, " \t\r") || !oneLine(s) {
			return fmt.Errorf("description line %q cannot be written", s)
		}
		if unsafeLine(s) {
			if at != 0 || i > 0 && unsafeLine(lines[0]) {
				return fmt.Errorf("description line %q cannot be written", s)
			}
			at = i
		}
	}
	for _, s := range lines[:at] {
		fmt.Fprintf(w, "%s\n", s)
	}
	fmt.Fprintf(w, ":86:%s\n", strings.Join(lines[at:], "\n"))
	return nil
}

// amount writes |a| with a decimal comma, as in "1234,56" or "12,".
func amount(a money.Amount, cur money.Currency) string {
	s := money.Decimal(a, cur.Exponent)
	s = strings.TrimPrefix(s, "-")
	if !strings.Contains(s, ".") {
		return s + ","
	}
	return strings.Replace(s, ".", ",", 1)
}

func yymmdd(d ledger.Date) (string, error) {
	y := d.Year()
	if d == ledger.NoDate || y < 1980 || y > 2079 {
		return "", fmt.Errorf("date %s is outside 1980–2079", d)
	}
	s := d.String()
	return s[2:4] + s[5:7] + s[8:10], nil
}

// oneLine reports whether s is text without line breaks or control characters.
func oneLine(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}
