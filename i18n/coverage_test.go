package i18n

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"hasap/i18n/internal/msgscan"
	"hasap/ledger"
)

// TestCatalogCoversEveryMessage keeps the catalog exact: every literal
// format the module's code gives ledger.Errorf, i18n.T, i18n.Sprintf or a
// wrapper of them (app's errf, ...) has a translation in every language,
// with the same fmt verbs in the same order, and every catalog entry is
// still used. `go run ./i18n/cmd/missing` prints stubs for what is missing.
func TestCatalogCoversEveryMessage(t *testing.T) {
	root, err := msgscan.ModuleRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	res, err := msgscan.Scan(root)
	if err != nil {
		t.Fatal(err)
	}
	formats := res.Formats()
	if len(formats) < 50 {
		t.Fatalf("found only %d formats under %s: is the scanner broken?", len(formats), root)
	}
	for _, d := range res.Dynamic {
		t.Logf("%s:%d: %s: format %s is not a literal; its message stays English", d.Pos.Filename, d.Pos.Line, d.Func, d.Expr)
	}

	var problems []string
	for lang := range catalog {
		if lang == "en" || !Valid(lang) {
			problems = append(problems, fmt.Sprintf("catalog has language %q, which is not one of Langs (minus en)", lang))
		}
	}
	for _, lang := range Langs {
		if lang == "en" {
			continue
		}
		for f, use := range formats {
			if !msgscan.NeedsTranslation(f) {
				continue
			}
			where := fmt.Sprintf("%s:%d", use.Pos.Filename, use.Pos.Line)
			tr, ok := catalog[lang][f]
			if !ok || tr == "" {
				problems = append(problems, fmt.Sprintf("%s: no %s translation of %q", where, lang, f))
				continue
			}
			if want, got := msgscan.Verbs(f), msgscan.Verbs(tr); !slices.Equal(want, got) {
				problems = append(problems, fmt.Sprintf("%s: %s translation of %q has verbs %v, want %v: %q", where, lang, f, got, want, tr))
			}
		}
		for f := range catalog[lang] {
			if _, used := formats[f]; !used || !msgscan.NeedsTranslation(f) {
				problems = append(problems, fmt.Sprintf("catalog[%q] has %q, which no code uses: remove it", lang, f))
			}
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		t.Errorf("the catalog does not match the code (%d problems; `go run ./i18n/cmd/missing` prints stubs):\n%s",
			len(problems), strings.Join(problems, "\n"))
	}

	// The formats whose arguments include words to translate are in use,
	// and those arguments are printed with %s or %v.
	for f, idx := range termArgs {
		if _, used := formats[f]; !used {
			t.Errorf("termArgs has %q, which no code uses: remove it", f)
			continue
		}
		verbs := msgscan.Verbs(f)
		for _, i := range idx {
			if i >= len(verbs) || !strings.HasSuffix(verbs[i], "s") && !strings.HasSuffix(verbs[i], "v") {
				t.Errorf("termArgs[%q]: argument %d is not printed with %%s or %%v", f, i)
			}
		}
	}
}

// TestTerms checks that the words given as message arguments are exactly
// the two sides of a posting and the analytics catalogs, in every language.
func TestTerms(t *testing.T) {
	want := []string{"credit", "debit"}
	for _, k := range ledger.AnalyticKinds {
		want = append(want, string(k))
	}
	slices.Sort(want)
	for _, lang := range Langs {
		if lang == "en" {
			continue
		}
		var got []string
		for k, v := range terms[lang] {
			got = append(got, k)
			if v == "" || strings.Contains(v, "%") {
				t.Errorf("terms[%q][%q] = %q", lang, k, v)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("terms[%q] has %v, want %v", lang, got, want)
		}
	}
}

// TestTranslateNested shows that an error wrapping another comes out
// wholly in the user's language, the argument words included.
func TestTranslateNested(t *testing.T) {
	inner := ledger.Errorf(ledger.ENotFound, "account %s does not exist", "62")
	outer := ledger.Errorf(ledger.EInvalid, "line %d: %s", 12, inner)
	deep := ledger.Errorf(ledger.EInvalid, "line %d: %s", 3,
		ledger.Errorf(ledger.EInvalid, "posting %d: %s", 1,
			ledger.Errorf(ledger.ENotFound, "%s account %s does not exist", "debit", "62")))
	analytic := ledger.Errorf(ledger.EInvalid, "posting %d: %s", 2,
		ledger.Errorf(ledger.EInvalid, "%s account %s requires %s", "credit", "60", ledger.Counterparty))
	wrongKind := ledger.Errorf(ledger.EInvalid, "%s account %s: analytic %d is not a %s", "debit", "41.01", 7, ledger.Warehouse)
	wrapped := fmt.Errorf("import: %w", outer)

	for _, c := range []struct {
		err  error
		lang string
		want string
	}{
		{outer, "en", "line 12: account 62 does not exist"},
		{outer, "ru", "строка 12: счёт 62 не существует"},
		{outer, "tk", "setir 12: 62 hasaby ýok"},
		{deep, "en", "line 3: posting 1: debit account 62 does not exist"},
		{deep, "ru", "строка 3: проводка 1: счёт дебета 62 не существует"},
		{deep, "tk", "setir 3: geçiriş 1: debet tarapyndaky 62 hasaby ýok"},
		{analytic, "en", "posting 2: credit account 60 requires counterparty"},
		{analytic, "ru", "проводка 2: для счёта кредита 60 требуется субконто «Контрагенты»"},
		{analytic, "tk", "geçiriş 2: kredit tarapyndaky 60 hasaby üçin «Kontragentler» analitikasy hökmany"},
		{wrongKind, "ru", "счёт дебета 41.01: субконто с номером 7 не из справочника «Склады»"},
		{wrongKind, "tk", "debet tarapyndaky 41.01 hasaby: 7 belgili analitika «Ammarlar» sanawyndan däl"},
		{wrapped, "ru", "строка 12: счёт 62 не существует"},
	} {
		got := Error(c.err, c.lang)
		if got != c.want {
			t.Errorf("Error(%v, %q)\n got %q\nwant %q", c.err, c.lang, got, c.want)
		}
		if c.lang == "ru" && strings.ContainsFunc(got, func(r rune) bool { return r < 0x80 && ('a' <= r|0x20 && r|0x20 <= 'z') }) {
			t.Errorf("Error(%v, ru) = %q keeps Latin letters", c.err, got)
		}
	}
	// The English text stays what the code wrote.
	if got, want := outer.Error(), "line 12: account 62 does not exist"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

// TestTermsOnlyWhereMarked checks that data which happens to spell a term
// (an account or organisation called "debit") is not translated.
func TestTermsOnlyWhereMarked(t *testing.T) {
	err := ledger.Errorf(ledger.EConflict, "organisation %s already exists", "debit")
	if got, want := Error(err, "ru"), "организация debit уже существует"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// An argument in a term position that is not a known word stays as it is.
	err = ledger.Errorf(ledger.ENotFound, "%s %s does not exist", ledger.AnalyticKind("vehicle"), "A1")
	if got, want := Error(err, "ru"), "в справочнике «vehicle» нет элемента с кодом A1"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestVerbs(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"line %d: %s", []string{"%d", "%s"}},
		{"%-10s|%02d|%5.2f|%+q|%#x|%%|%[2]v", []string{"%-10s", "%02d", "%5.2f", "%+q", "%#x", "%%", "%[2]v"}},
		{"100%", []string{"%!(NOVERB)"}},
		{"no verbs", nil},
	} {
		if got := msgscan.Verbs(c.in); !slices.Equal(got, c.want) {
			t.Errorf("Verbs(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for in, want := range map[string]bool{"%s": false, "%d/%d": false, "%s: %v": false, "line %d": true, "%s шт": true} {
		if got := msgscan.NeedsTranslation(in); got != want {
			t.Errorf("NeedsTranslation(%q) = %v, want %v", in, got, want)
		}
	}
}
