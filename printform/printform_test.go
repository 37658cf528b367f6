package printform

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"hasap/ledger"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// samples are the forms every test renders, by name.
func samples(t testing.TB) map[string]Form {
	return map[string]Form{
		"invoice-ru":      sampleInvoice(t, "ru", "118", sampleLines),
		"invoice-tk":      sampleInvoice(t, "tk", "118", sampleLinesTK),
		"ko1-ru":          sampleKO1(t),
		"payment-tk":      samplePaymentOrder(t),
		"invoice-long-ru": sampleLongInvoice(t, 60),
	}
}

func TestHTMLGolden(t *testing.T) {
	for name, f := range samples(t) {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := HTML(&b, f); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", name+".golden.html")
			if *update {
				if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./printform -update to write it)", err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("HTML of %s differs from %s (go test ./printform -update rewrites it; look at the page first)", name, path)
			}
		})
	}
}

// TestHTMLContent checks what the eye checks on the golden pages: the
// words a reader looks for are there, and the page needs nothing outside.
func TestHTMLContent(t *testing.T) {
	for name, f := range samples(t) {
		var b bytes.Buffer
		if err := HTML(&b, f); err != nil {
			t.Fatal(err)
		}
		page := b.String()
		want := []string{f.Title, "№ " + f.Number + " от 26.11.2026", f.Issuer.Name, f.AmountInWords, "@page", "size: A4"}
		if f.Lang == "tk" {
			want[1] = "№ " + f.Number + " sene 26.11.2026"
		}
		for _, r := range f.Table.Rows {
			want = append(want, r[len(r)-1])
		}
		for _, s := range f.Signatures {
			want = append(want, s.Role, s.Name)
		}
		for _, w := range want {
			if !strings.Contains(page, htmlEscape(w)) {
				t.Errorf("%s: the page lacks %q", name, w)
			}
		}
		for _, bad := range []string{"<script", "<link", "<img", "http:", "https:", "url(", "@import"} {
			if strings.Contains(page, bad) {
				t.Errorf("%s: the page has %q: it must be self-contained and script-free", name, bad)
			}
		}
	}
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

// hostile is text that would break out of its place if it were not escaped.
const hostile = `</td></tr></table><script>alert("x")</script><img src=x onerror=alert(1)> ' " & </style><style>body{display:none}</style>`

// hostileForm puts hostile text in every field of a form.
func hostileForm(s string) Form {
	p := Party{Role: s, Name: s, TaxID: s, Address: s, BankName: s, BankAccount: s, BIC: s}
	return Form{
		Lang: s, Title: s, Number: s, Date: ledger.DateOf(2026, 11, 26), Issuer: p, Recipient: p,
		Fields: []Field{{s, s}},
		Table: Table{
			Columns: []Column{{Header: s}, {Header: s, Align: AlignRight, Width: 2}, {Header: s, Align: AlignCenter}},
			Rows:    [][]string{{s, s, s}, {s}},
			Totals:  [][]string{{s, s}, {s, s, s}},
		},
		AmountInWords: s, Notes: s, Signatures: []Signature{{s, s}}, Stamp: true,
	}
}

func TestHTMLEscapesHostileText(t *testing.T) {
	var b bytes.Buffer
	if err := HTML(&b, hostileForm(hostile)); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, bad := range []string{"<script", "<img", "</table><", "<style>body", `alert("x")`} {
		if strings.Contains(page, bad) {
			t.Errorf("hostile text got through unescaped: the page has %q", bad)
		}
	}
	if n := strings.Count(page, "&lt;script&gt;"); n < 20 {
		t.Errorf("the hostile text is shown escaped %d times, want one per field", n)
	}
	if !strings.Contains(page, `<html lang="ru">`) {
		t.Errorf("an unknown language must fall back to ru in <html lang>")
	}
}

func TestLimits(t *testing.T) {
	long := strings.Repeat("a", MaxText+1)
	tooManyCols := make([]Column, MaxColumns+1)
	cases := map[string]Form{
		"text":    {Title: long},
		"columns": {Table: Table{Columns: tooManyCols}},
		"rows":    {Table: Table{Columns: []Column{{}}, Rows: make([][]string, MaxRows+1)}},
		"cells":   {Table: Table{Columns: []Column{{}}, Rows: [][]string{{"a", "b"}}}},
		"totals":  {Table: Table{Columns: []Column{{}}, Totals: [][]string{{"a", "b"}}}},
	}
	for name, f := range cases {
		for _, render := range []func() error{
			func() error { return HTML(&bytes.Buffer{}, f) },
			func() error { return PDF(&bytes.Buffer{}, f) },
		} {
			if err := render(); ledger.ErrorCode(err) != ledger.EInvalid {
				t.Errorf("%s: got %v, want an EInvalid error", name, err)
			}
		}
	}
}

var pageObj = regexp.MustCompile(`/Type /Page\b[^s]`)

func renderPDF(t testing.TB, f Form) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := PDF(&b, f); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestPDF(t *testing.T) {
	pages := map[string]int{"invoice-ru": 1, "invoice-tk": 1, "ko1-ru": 1, "payment-tk": 1, "invoice-long-ru": 2}
	for name, f := range samples(t) {
		t.Run(name, func(t *testing.T) {
			pdf := renderPDF(t, f)
			if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
				t.Fatalf("does not start with %%PDF-: %q", pdf[:min(len(pdf), 20)])
			}
			if n := len(pageObj.FindAll(pdf, -1)); n != pages[name] {
				t.Errorf("%d pages, want %d", n, pages[name])
			}
			for _, s := range []string{"/FontFile2", "/BaseFont /utf8liberationsans", "/ToUnicode"} {
				if !bytes.Contains(pdf, []byte(s)) {
					t.Errorf("the PDF lacks %s: the font is not embedded", s)
				}
			}
			if again := renderPDF(t, f); !bytes.Equal(pdf, again) {
				t.Errorf("two renders of the same form differ (%d and %d bytes)", len(pdf), len(again))
			}
			if os.Getenv("PRINTFORM_KEEP") != "" { // to look at: PRINTFORM_KEEP=/tmp/pf go test -run TestPDF
				dir := os.Getenv("PRINTFORM_KEEP")
				_ = os.MkdirAll(dir, 0o755)
				_ = os.WriteFile(filepath.Join(dir, name+".pdf"), pdf, 0o644)
				var h bytes.Buffer
				_ = HTML(&h, f)
				_ = os.WriteFile(filepath.Join(dir, name+".html"), h.Bytes(), 0o644)
			}
		})
	}
}

func TestPDFHostileText(t *testing.T) {
	for _, s := range []string{hostile, "(unbalanced \\ ) parens (", "{nb} %PDF-1.3 endstream endobj", "emoji 😀 CJK 漢字 RTL שלום\x00\x01\t\r\n\u200b\ufeff", "\xff\xfe broken UTF-8 \xc3"} {
		pdf := renderPDF(t, hostileForm(s))
		if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
			t.Errorf("%q: not a PDF", s)
		}
	}
}

// TestPDFText reads the pages back with pdftotext (poppler-utils): every
// page carries the title, the first the parties, the last the amount in
// words, and every line's amount is somewhere.
func TestPDFText(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("HASAP_REQUIRE_TOOLS") == "1" {
			t.Fatal("pdftotext is not installed (Debian: poppler-utils) and HASAP_REQUIRE_TOOLS=1")
		}
		t.Skip("pdftotext is not installed (Debian: poppler-utils)")
	}
	wantWords := map[string]string{
		"invoice-ru":      "Одна тысяча сто пятьдесят манатов 00 тенге",
		"invoice-tk":      "Bir müň bir ýüz elli manat 00 teňňe",
		"ko1-ru":          "Одна тысяча сто пятьдесят манатов 00 тенге",
		"payment-tk":      "Iki million üç ýüz kyrk bäş müň alty ýüz ýetmiş sekiz manat 90 teňňe",
		"invoice-long-ru": "",
	}
	dir := t.TempDir()
	for name, f := range samples(t) {
		t.Run(name, func(t *testing.T) {
			file := filepath.Join(dir, name+".pdf")
			if err := os.WriteFile(file, renderPDF(t, f), 0o644); err != nil {
				t.Fatal(err)
			}
			pages := pdfPages(t, file)
			all := strings.Join(pages, "\n")
			for i, p := range pages {
				if !strings.Contains(p, f.Title) {
					t.Errorf("page %d lacks the title %q:\n%s", i+1, f.Title, p)
				}
				if len(pages) > 1 && !strings.Contains(p, itoa(i+1)+"/"+itoa(len(pages))) {
					t.Errorf("page %d lacks its number %d/%d", i+1, i+1, len(pages))
				}
			}
			first, last := pages[0], pages[len(pages)-1]
			for _, s := range []string{f.Issuer.Name, f.Recipient.Name, f.Issuer.TaxID, f.Issuer.Address} {
				if !strings.Contains(first, s) {
					t.Errorf("the first page lacks %q:\n%s", s, first)
				}
			}
			if w := wantWords[name]; w != "" && w != f.AmountInWords {
				t.Errorf("sample amount in words is %q, want %q", f.AmountInWords, w)
			}
			if !strings.Contains(oneLine(last), f.AmountInWords) {
				t.Errorf("the last page lacks the amount in words %q:\n%s", f.AmountInWords, last)
			}
			for i, r := range f.Table.Rows {
				if amount := r[len(r)-1]; amount != "" && !strings.Contains(all, amount) {
					t.Errorf("no page has line %d's amount %q", i+1, amount)
				}
				if sum := r[len(r)-2]; !strings.Contains(all, sum) {
					t.Errorf("no page has line %d's %q", i+1, sum)
				}
			}
			for _, s := range f.Signatures {
				if !strings.Contains(last, s.Role) || !strings.Contains(last, s.Name) {
					t.Errorf("the last page lacks the signature line %q %q", s.Role, s.Name)
				}
			}
			if f.Marks != "" && !strings.Contains(last, f.Marks) {
				t.Errorf("the last page lacks the box %q", f.Marks)
			}
			if to := f.TearOff; to != nil {
				// The tear-off comes after the cut line, whole.
				_, after, ok := strings.Cut(last, wordsFor(f.Lang).cut)
				if !ok {
					t.Fatalf("the last page has no cut line:\n%s", last)
				}
				for _, s := range []string{to.Title, to.Issuer.Name, to.Fields[0].Value, to.Signatures[1].Role, wordsFor(f.Lang).stamp} {
					if !strings.Contains(oneLine(after), s) {
						t.Errorf("the tear-off lacks %q:\n%s", s, after)
					}
				}
				if !strings.Contains(oneLine(after), to.AmountInWords) {
					t.Errorf("the tear-off lacks the amount in words %q", to.AmountInWords)
				}
			}
			if f.Lang == "tk" {
				for _, r := range "ÄäÇçŇňÖöŞşÜüÝýŽž" {
					if !strings.ContainsRune(all, r) && strings.ContainsRune(formText(f), r) {
						t.Errorf("the letter %c is lost", r)
					}
				}
			}
		})
	}
}

// pdfPages returns the text of each page of a PDF file.
func pdfPages(t *testing.T, file string) []string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", file, err)
	}
	pages := strings.Split(string(out), "\f")
	if len(pages) > 1 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	if !utf8.Valid(out) {
		t.Errorf("pdftotext gave invalid UTF-8")
	}
	return pages
}

// oneLine joins wrapped lines and squeezes spaces, so that a text the PDF
// wrapped can be found whole.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func formText(f Form) string { return strings.Join(f.texts(), " ") }

func itoa(i int) string { return strconv.Itoa(i) }
