// Package msgscan finds the messages the module's code can show a user: the
// string-literal formats given to ledger.Errorf, i18n.T, i18n.Sprintf and to
// any function that passes its own format parameter straight on to one of
// them (app's errf, store/sqldb's notFound, ...). The i18n coverage test and
// i18n/cmd/missing use it to keep the catalog exact.
package msgscan

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Use is one call that shows a literal format.
type Use struct {
	Format string
	Pos    token.Position // file relative to the module root
	Func   string         // the called function, e.g. "ledger.Errorf"
}

// Dynamic is a call whose format is not a literal, so its message cannot
// be in the catalog as written (for example "line %d: "+e.Format): the user
// sees it in English.
type Dynamic struct {
	Pos  token.Position
	Func string
	Expr string // the format expression as written
}

// Result is what Scan found.
type Result struct {
	Uses    []Use     // in file and line order
	Dynamic []Dynamic // in file and line order
}

// Formats returns the distinct formats of r.Uses, each with its first use.
func (r *Result) Formats() map[string]Use {
	m := make(map[string]Use, len(r.Uses))
	for _, u := range r.Uses {
		if _, ok := m[u.Format]; !ok {
			m[u.Format] = u
		}
	}
	return m
}

// skipDirs are directories whose code is never shown to a user.
var skipDirs = map[string]bool{"testdata": true, "vendor": true, "bench": true}

// ModuleRoot returns the directory of the go.mod governing dir: found by
// walking up, or else by asking `go env GOMOD`.
func ModuleRoot(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := abs; ; {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		up := filepath.Dir(d)
		if up == d {
			break
		}
		d = up
	}
	cmd := exec.Command("go", "env", "GOMOD")
	cmd.Dir = abs
	out, err := cmd.Output()
	gomod := strings.TrimSpace(string(out))
	if err != nil || gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("no go.mod at or above %s", abs)
	}
	return filepath.Dir(gomod), nil
}

// modulePath reads the module path from root/go.mod.
func modulePath(root string) (string, error) {
	b, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return "", err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "module" {
			return strings.Trim(f[1], `"`), nil
		}
	}
	return "", errors.New("go.mod has no module line")
}

// funcKey names a function: the import path of its package and its name;
// methods are named ".Name", since without type checking a method call is
// matched by name within its package.
type funcKey struct{ pkg, name string }

type file struct {
	rel     string // path relative to root
	pkg     string // import path
	ast     *ast.File
	imports map[string]string // local name -> import path
}

// Scan parses every non-test .go file under root (skipping testdata, vendor,
// bench, hidden directories and nested modules) and collects the formats.
func Scan(root string) (*Result, error) {
	mod, err := modulePath(root)
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	var files []*file
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path == root {
				return nil
			}
			if skipDirs[name] || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		dir := filepath.ToSlash(filepath.Dir(rel))
		pkg := mod
		if dir != "." {
			pkg = mod + "/" + dir
		}
		fi := &file{rel: filepath.ToSlash(rel), pkg: pkg, ast: f, imports: map[string]string{}}
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			local := p[strings.LastIndex(p, "/")+1:]
			if im.Name != nil {
				local = im.Name.Name
			}
			fi.imports[local] = p
		}
		files = append(files, fi)
		return nil
	})
	if err != nil {
		return nil, err
	}

	// The functions that take a message format, and at which argument.
	formatArg := map[funcKey]int{
		{mod + "/ledger", "Errorf"}: 1,
		{mod + "/i18n", "T"}:        1,
		{mod + "/i18n", "Sprintf"}:  1,
	}
	// Add wrappers until none is new: a function that passes one of its
	// string parameters unchanged as the format of a known one.
	for changed := true; changed; {
		changed = false
		for _, f := range files {
			for _, decl := range f.ast.Decls {
				fd, ok := decl.(*ast.FuncDecl)
				if !ok || fd.Body == nil {
					continue
				}
				key := funcKey{f.pkg, fd.Name.Name}
				if fd.Recv != nil {
					key.name = "." + fd.Name.Name
				}
				if _, known := formatArg[key]; known {
					continue
				}
				params := paramIndex(fd.Type)
				ast.Inspect(fd.Body, func(n ast.Node) bool {
					call, ok := n.(*ast.CallExpr)
					if !ok {
						return true
					}
					i, ok := f.formatIndex(call, formatArg)
					if !ok || i >= len(call.Args) {
						return true
					}
					if id, ok := call.Args[i].(*ast.Ident); ok {
						if p, ok := params[id.Name]; ok {
							if _, known := formatArg[key]; !known {
								formatArg[key] = p
								changed = true
							}
						}
					}
					return true
				})
			}
		}
	}

	res := &Result{}
	for _, f := range files {
		for _, decl := range f.ast.Decls {
			var params map[string]int
			if fd, ok := decl.(*ast.FuncDecl); ok {
				params = paramIndex(fd.Type)
			}
			ast.Inspect(decl, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				i, ok := f.formatIndex(call, formatArg)
				if !ok || i >= len(call.Args) {
					return true
				}
				pos := fset.Position(call.Pos())
				pos.Filename = f.rel
				name := calleeName(call.Fun)
				arg := call.Args[i]
				if s, ok := constString(arg); ok {
					res.Uses = append(res.Uses, Use{Format: s, Pos: pos, Func: name})
					return true
				}
				if id, ok := arg.(*ast.Ident); ok {
					if _, ok := params[id.Name]; ok {
						return true // a wrapper passing its format on; its callers are scanned
					}
				}
				if f.pkg == mod+"/i18n" {
					return true // the translator itself, passing on a message's key
				}
				res.Dynamic = append(res.Dynamic, Dynamic{Pos: pos, Func: name, Expr: exprString(fset, arg)})
				return true
			})
		}
	}
	less := func(a, b token.Position) bool {
		if a.Filename != b.Filename {
			return a.Filename < b.Filename
		}
		return a.Offset < b.Offset
	}
	sort.SliceStable(res.Uses, func(i, j int) bool { return less(res.Uses[i].Pos, res.Uses[j].Pos) })
	sort.SliceStable(res.Dynamic, func(i, j int) bool { return less(res.Dynamic[i].Pos, res.Dynamic[j].Pos) })
	return res, nil
}

// formatIndex reports whether call calls a function of formatArg, and the
// index of its format argument.
func (f *file) formatIndex(call *ast.CallExpr, formatArg map[funcKey]int) (int, bool) {
	var key funcKey
	switch fun := call.Fun.(type) {
	case *ast.Ident:
		key = funcKey{f.pkg, fun.Name}
	case *ast.SelectorExpr:
		if x, ok := fun.X.(*ast.Ident); ok {
			if p, ok := f.imports[x.Name]; ok {
				key = funcKey{p, fun.Sel.Name}
				break
			}
		}
		key = funcKey{f.pkg, "." + fun.Sel.Name}
	default:
		return 0, false
	}
	i, ok := formatArg[key]
	return i, ok
}

// paramIndex maps a function's parameter names to their positions.
func paramIndex(ft *ast.FuncType) map[string]int {
	m := map[string]int{}
	i := 0
	for _, field := range ft.Params.List {
		if len(field.Names) == 0 {
			i++
			continue
		}
		for _, n := range field.Names {
			m[n.Name] = i
			i++
		}
	}
	return m
}

// constString evaluates a string literal or a sum of them.
func constString(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.ParenExpr:
		return constString(e.X)
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		x, ok := constString(e.X)
		if !ok {
			return "", false
		}
		y, ok := constString(e.Y)
		return x + y, ok
	}
	return "", false
}

func calleeName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return calleeName(e.X) + "." + e.Sel.Name
	}
	return "?"
}

func exprString(fset *token.FileSet, e ast.Expr) string {
	var b strings.Builder
	if err := printer.Fprint(&b, fset, e); err != nil {
		return "?"
	}
	return b.String()
}

// Verbs returns the fmt verbs of format in order, each with its flags,
// width, precision and argument index ("%d", "%-10s", "%02d", "%[2]s",
// "%%"). A % at the end is returned as "%!(NOVERB)".
func Verbs(format string) []string {
	vs, _ := split(format)
	return vs
}

// NeedsTranslation reports whether format has any letter outside its verbs:
// "%s" or "%d/%d" read the same in every language.
func NeedsTranslation(format string) bool {
	_, text := split(format)
	return strings.IndexFunc(text, unicode.IsLetter) >= 0
}

// split separates format into its verbs and the text between them.
func split(format string) (verbs []string, text string) {
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			b.WriteByte(format[i])
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("+-# 0", format[j]) >= 0 {
			j++
		}
		for j < len(format) && strings.IndexByte("0123456789*.[]", format[j]) >= 0 {
			j++
		}
		if j >= len(format) {
			verbs = append(verbs, "%!(NOVERB)")
			break
		}
		_, size := utf8.DecodeRuneInString(format[j:])
		verbs = append(verbs, format[i:j+size])
		i = j + size - 1
	}
	return verbs, b.String()
}
