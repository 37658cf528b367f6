package statement

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hasap/ledger"
)

const hdr = "code,level,source,name_tk,name_ru,name_en\n"

// Every refusal names the line of the file it is about (comments and the
// header count as lines).
func TestParseRefusesNamingTheLine(t *testing.T) {
	cases := []struct {
		name, kind, file, want string
	}{
		{"no header", "pnl", "1,0,KT:90,a,b,c\n", "template line 1: the header must be"},
		{"fields", "pnl", hdr + "1,0,KT:90,a,b\n", "template line 2: want 6 fields, got 5"},
		{"level", "pnl", hdr + "# a comment\n1,0,KT:90,a,b,c\n2,9,KT:91,a,b,c\n", "template line 4: level \"9\""},
		{"measure", "pnl", hdr + "1,0,Q:90,a,b,c\n", "template line 2: unknown measure \"Q\""},
		{"measure of another statement", "pnl", hdr + "1,0,D:62,a,b,c\n", "template line 2: measure D is not used"},
		{"not a term", "balance-sheet", hdr + "1,0,D62,a,b,c\n", "template line 2: term \"D62\""},
		{"star inside", "balance-sheet", hdr + "1,0,D:6*2,a,b,c\n", "template line 2: pattern \"6*2\""},
		{"no name", "balance-sheet", hdr + "1,0,D:62,,,\n", "template line 2: the line has no name"},
		{"amount without code", "balance-sheet", hdr + ",0,D:62,a,b,c\n", "template line 2: a line with an amount needs a code"},
		{"duplicate code", "balance-sheet", hdr + "1,0,D:62,a,b,c\n1,0,C:62,a,b,c\n", "template line 3: code 1 is also on line 2"},
		{"twice claimed", "balance-sheet", hdr + "1,0,D:62,a,b,c\n2,0,N:62,a,b,c\n", "template line 3: N:62 is already on line 2"},
		{"missing line", "balance-sheet", hdr + "1,0,D:62,a,b,c\n2,0,L:1 L:3,a,b,c\n", "template line 3: no line 3"},
		{"cycle", "balance-sheet", hdr + "1,0,L:2,a,b,c\n2,0,L:3,a,b,c\n3,0,L:1,a,b,c\n", "adds itself up"},
		{"bad quote", "balance-sheet", hdr + "1,0,D:62,\"a,b,c\n", "template line 2: not CSV"},
		{"empty", "balance-sheet", "", "the template is empty"},
		{"no lines", "balance-sheet", hdr, "the template has no lines"},
		{"unknown kind", "trial", hdr, "unknown statement"},
		{"movement mixed", "equity", hdr + "1,0,-N:80,a,b,c\nPL,0,MV:80/75 -N:84,a,b,c\n", "template line 3: a movement line has only MV terms"},
		{"movement mixed after", "equity", hdr + "1,0,-N:80 MV:80/75,a,b,c\n", "template line 2: a movement line has only MV terms"},
		{"movement not a pair", "equity", hdr + "1,0,-N:80,a,b,c\nPL,0,MV:80,a,b,c\n", "template line 3: term \"MV:80\" is not MV:ACCOUNT/COUNTER"},
		{"movement in the P&L", "pnl", hdr + "PL,0,MV:80/75,a,b,c\n", "template line 2: measure MV is not used"},
		{"movement added up", "equity", hdr + "1,0,-N:80,a,b,c\nPL,0,MV:80/75,a,b,c\n9,0,L:1 L:PL,a,b,c\n", "template line 4: line PL is a movement"},
		{"movement twice", "equity", hdr + "1,0,-N:80,a,b,c\nA,0,MV:80/75,a,b,c\nB,0,MV:80/75,a,b,c\n", "template line 4: MV:80/75 is already on line 3"},
	}
	for _, c := range cases {
		_, err := Parse(Kind(c.kind), []byte(c.file))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.want)
			continue
		}
		if !ledger.IsCode(err, ledger.EInvalid) {
			t.Errorf("%s: code %s", c.name, ledger.ErrorCode(err))
		}
	}
}

func TestParseReadsTerms(t *testing.T) {
	tp, err := Parse(BalanceSheet, []byte("\ufeff"+hdr+",0,,Aktiw,Актив,Assets\n1230,1,D:62 -n:02 +C:6*,a,b,c\n1600,0,L:1230,a,b,c\n"))
	if err != nil {
		t.Fatal(err)
	}
	l := tp.Line("1230")
	want := []Term{{1, Debit, "62"}, {-1, Net, "02"}, {1, Credit, "6*"}}
	if l == nil || len(l.Terms) != 3 || l.Terms[0] != want[0] || l.Terms[1] != want[1] || l.Terms[2] != want[2] || l.Level != 1 || l.Row != 3 {
		t.Fatalf("line 1230: %+v", l)
	}
	if !tp.Lines[0].Heading() || !tp.Line("1600").Formula() || l.Formula() {
		t.Fatal("heading or formula misread")
	}
}

func TestMatches(t *testing.T) {
	for _, c := range []struct {
		p, code string
		want    bool
	}{
		{"62", "62", true}, {"62", "62.01", true}, {"62", "62:x", true}, {"62", "620", false},
		{"62.0", "62.01", false}, {"6*", "620", true}, {"*", "", true}, {"10*", "1010", true}, {"10*", "1110", false},
	} {
		if got := Matches(c.p, c.code); got != c.want {
			t.Errorf("Matches(%q, %q) = %v", c.p, c.code, got)
		}
	}
}

func TestPeriods(t *testing.T) {
	for _, c := range []struct{ in, str, prevMonth, prevYear string }{
		{"2026-03", "2026-03", "2026-02", "2025-03"},
		{"2026-01", "2026-01", "2025-12", "2025-01"},
		{"2026", "2026", "2025", "2025"},
		{"2026-Q2", "2026-Q2", "2026-Q1", "2025-Q2"},
		{"2026-03-05..2026-03-31", "2026-03-05..2026-03-31", "2026-02-05..2026-02-28", "2025-03-05..2025-03-31"},
	} {
		p, err := ParsePeriod(c.in)
		if err != nil {
			t.Fatal(err)
		}
		pm, _ := p.Against(ComparePrevMonth)
		py, _ := p.Against(ComparePrevYear)
		if p.String() != c.str || pm.String() != c.prevMonth || py.String() != c.prevYear {
			t.Errorf("%s: %s, prev month %s, prev year %s", c.in, p, pm, py)
		}
	}
	p, _ := ParsePeriod("2026-05")
	ys, _ := p.Against(CompareYearStart)
	if ys.To != ledger.DateOf(2025, 12, 31) {
		t.Errorf("year start %s", ys.To)
	}
	for _, bad := range []string{"", "26", "2026-13", "2026-Q5", "2026-03-31..2026-03-01", "x..y", "2026-3"} {
		if _, err := ParsePeriod(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// FuzzParse: Parse never panics, refuses only with EInvalid naming a line
// or the whole file, and what it accepts WriteCSV writes and Parse reads
// back to the same lines. The seed corpus is in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	for _, c := range BuiltinCharts {
		for _, k := range Kinds {
			b, _ := BuiltinCSV(c, k)
			f.Add(string(k), b)
		}
	}
	f.Fuzz(func(t *testing.T, kind string, data []byte) {
		tp, err := Parse(Kind(kind), data)
		if err != nil {
			if !ledger.IsCode(err, ledger.EInvalid) {
				t.Fatalf("error %v has code %s", err, ledger.ErrorCode(err))
			}
			return
		}
		var b bytes.Buffer
		if err := tp.WriteCSV(&b); err != nil {
			t.Fatal(err)
		}
		again, err := Parse(Kind(kind), b.Bytes())
		if err != nil {
			t.Fatalf("Parse refused what WriteCSV wrote: %v\n%s", err, b.Bytes())
		}
		if len(again.Lines) != len(tp.Lines) {
			t.Fatalf("round trip: %d lines, then %d", len(tp.Lines), len(again.Lines))
		}
		for i := range tp.Lines {
			a, z := tp.Lines[i], again.Lines[i]
			a.Row, z.Row = 0, 0
			if a.Code != z.Code || a.Level != z.Level || a.Names != z.Names || len(a.Terms) != len(z.Terms) {
				t.Fatalf("round trip changed line %d: %+v, %+v", i, a, z)
			}
			for j := range a.Terms {
				if a.Terms[j] != z.Terms[j] {
					t.Fatalf("round trip changed line %d: %+v, %+v", i, a, z)
				}
			}
		}
		if _, err := Evaluate(tp, &Facts{}); err != nil {
			t.Fatalf("evaluate of nothing: %v", err)
		}
	})
}

// The seed corpus files exist and parse as fuzz inputs (a guard against
// an empty directory).
func TestFuzzCorpusCommitted(t *testing.T) {
	files, _ := filepath.Glob("testdata/fuzz/FuzzParse/*")
	if len(files) < 3 {
		t.Fatalf("%d seed files", len(files))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil || !bytes.HasPrefix(b, []byte("go test fuzz v1")) {
			t.Errorf("%s: %v", f, err)
		}
	}
}
