package web

import (
	"io/fs"
	"regexp"
	"slices"
	"testing"
)

// TestTemplateWords keeps templateWords and the templates in step: every
// {{.T "..."}} of a template is listed (so the i18n catalog test requires
// its translations), and every listed word is still used somewhere.
func TestTemplateWords(t *testing.T) {
	used := map[string]bool{}
	call := regexp.MustCompile(`\.T "([^"]+)"`)
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		b, err := templateFS.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range call.FindAllStringSubmatch(string(b), -1) {
			used[m[1]] = true
			if !slices.Contains(templateWords, m[1]) {
				t.Errorf("%s: %q is not in templateWords (words.go)", n, m[1])
			}
		}
	}
	// Words the Go code picks for templates (Dt, Kt in balances and labels).
	for _, w := range []string{"Dt", "Kt"} {
		used[w] = true
	}
	for _, w := range templateWords {
		if !used[w] {
			t.Errorf("templateWords has %q, which no template uses", w)
		}
	}
}
