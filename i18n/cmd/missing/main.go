// Command missing prints the messages the code uses that the i18n catalog
// does not translate yet, as map entries to paste into i18n/messages.go and
// fill in:
//
//	go run ./i18n/cmd/missing
//
// An entry is missing when it is absent or empty; a translation whose fmt
// verbs differ from the English format's is listed too, with its current
// text in a comment. Calls whose format is not a literal (their message
// cannot be translated as written) and catalog entries no code uses any
// more are reported on standard error. The exit status is 1 when anything
// is missing.
package main

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"

	"hasap/i18n"
	"hasap/i18n/internal/msgscan"
)

func main() {
	root, err := msgscan.ModuleRoot(".")
	if err != nil {
		fatal(err)
	}
	res, err := msgscan.Scan(root)
	if err != nil {
		fatal(err)
	}
	formats := res.Formats()
	keys := make([]string, 0, len(formats))
	for f := range formats {
		if msgscan.NeedsTranslation(f) {
			keys = append(keys, f)
		}
	}
	slices.Sort(keys)

	missing := 0
	for _, lang := range i18n.Langs {
		if lang == "en" {
			continue
		}
		var out []string
		for _, f := range keys {
			u := formats[f]
			t, ok := i18n.Lookup(lang, f)
			switch {
			case !ok || t == "":
				out = append(out, fmt.Sprintf("\t\t%s: \"\", // %s:%d", strconv.Quote(f), u.Pos.Filename, u.Pos.Line))
			case !slices.Equal(msgscan.Verbs(f), msgscan.Verbs(t)):
				out = append(out, fmt.Sprintf("\t\t%s: \"\", // verbs differ from %s (%s:%d)", strconv.Quote(f), strconv.Quote(t), u.Pos.Filename, u.Pos.Line))
			}
		}
		if len(out) > 0 {
			fmt.Printf("\t// catalog[%q]: %d missing\n%s\n", lang, len(out), strings.Join(out, "\n"))
			missing += len(out)
		}
	}

	for _, d := range res.Dynamic {
		fmt.Fprintf(os.Stderr, "%s:%d: %s: format %s is not a literal; its message stays English\n", d.Pos.Filename, d.Pos.Line, d.Func, d.Expr)
	}
	for _, lang := range i18n.Langs {
		for _, f := range i18n.Keys(lang) {
			if _, used := formats[f]; !used {
				fmt.Fprintf(os.Stderr, "catalog[%q] has %s, which no code uses\n", lang, strconv.Quote(f))
			}
		}
	}
	if missing > 0 {
		os.Exit(1)
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "missing:", err)
	os.Exit(2)
}
