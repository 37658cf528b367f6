package ledgertext

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

type blockKind uint8

const (
	blockNone blockKind = iota
	blockTransaction
	blockAccount
	blockCommodity
)

// commentSeg is one comment line of the open block, kept as a range of
// parser.commentBuf until the block ends. target is -1 for the transaction
// or directive itself, or the index of a posting.
type commentSeg struct {
	target     int
	start, end int
}

// parser is the state of one Parse call.
type parser struct {
	opt            Options
	fn             func(Item) error
	line           int
	block          blockKind
	inCommentBlock bool

	year           int             // from a year directive, 0 if none
	decimalMark    byte            // from a decimal-mark directive, 0 if none
	commodityMarks map[string]byte // decimal mark declared per commodity
	commodityDecl  string          // symbol of the open commodity directive
	intern         map[string]string

	txn        Transaction
	postings   []Posting
	elidedLine int // line of the elided posting of the open transaction
	acct       AccountDirective
	comments   []commentSeg
	commentBuf []byte
	num        []byte // scratch for normalising numbers
}

func newParser(opt Options, fn func(Item) error) *parser {
	return &parser{
		opt:            opt,
		fn:             fn,
		commodityMarks: map[string]byte{},
		intern:         map[string]string{},
	}
}

// header starts a transaction:
// DATE[=DATE2] [*|!] [(CODE)] DESCRIPTION [; COMMENT].
func (p *parser) header(line []byte) error {
	t := Transaction{Line: p.line}
	var err error
	var rest []byte
	if t.Date, rest, err = parseDate(line, p.year); err != nil {
		return err
	}
	if len(rest) > 0 && rest[0] == '=' {
		if t.Date2, rest, err = parseDate(rest[1:], t.Date.Year); err != nil {
			return err
		}
	}
	if len(rest) > 0 && rest[0] != ' ' && rest[0] != '\t' {
		return errMsg("expected a space after the date, found " + quote(rest))
	}
	spaced := len(rest) > 0
	rest = trimLeft(rest)
	if len(rest) > 0 && (rest[0] == '*' || rest[0] == '!') {
		t.Status = statusOf(rest[0])
		rest = rest[1:]
		spaced = len(rest) > 0 && (rest[0] == ' ' || rest[0] == '\t')
		rest = trimLeft(rest)
	}
	if spaced && len(rest) > 0 && rest[0] == '(' {
		end := bytes.IndexByte(rest, ')')
		if end < 0 {
			return errMsg("transaction code has no closing parenthesis")
		}
		t.Code = string(trimSpace(rest[1:end]))
		rest = rest[end+1:]
	}
	desc, comment, hasComment := bytes.Cut(rest, []byte{';'})
	t.Description = string(trimSpace(desc))
	p.txn, p.block, p.elidedLine = t, blockTransaction, 0
	p.postings = p.postings[:0]
	if hasComment {
		return p.addComment(trimSpace(comment))
	}
	return nil
}

func statusOf(c byte) Status {
	if c == '*' {
		return Cleared
	}
	return Pending
}

// posting parses an indented posting line; rest is the line without its
// indentation.
func (p *parser) posting(rest []byte) error {
	if len(p.postings) >= p.opt.MaxPostings {
		return errMsg("more than " + itoa(p.opt.MaxPostings) + " postings in one transaction")
	}
	ps := Posting{Line: p.line}
	if rest[0] == '*' || rest[0] == '!' {
		ps.Status = statusOf(rest[0])
		rest = trimLeft(rest[1:])
	}
	if len(rest) == 0 || rest[0] == ';' {
		return errMsg("posting has no account name")
	}
	if rest[0] == '[' {
		return errMsg("balanced virtual posting " + quote(rest[:accountEnd(rest)]) + " is not supported")
	}
	end := accountEnd(rest)
	name := rest[:end]
	if rest[0] == '(' {
		if len(name) < 3 || name[len(name)-1] != ')' || bytes.IndexAny(name[1:len(name)-1], "()") >= 0 || name[1] == '[' {
			return errMsg("virtual posting " + quote(name) + " must be written (ACCOUNT)")
		}
		ps.Virtual, name = true, name[1:len(name)-1]
	}
	ps.Account = p.accountName(name)
	if ps.Virtual {
		if err := checkAccountName(ps.Account); err != nil || strings.IndexAny(ps.Account, "*!") == 0 {
			return errMsg("virtual posting (" + ps.Account + ") must name an account")
		}
	}
	rest = trimLeft(rest[end:])
	var err error
	switch {
	case len(rest) == 0 || rest[0] == ';':
		if ps.Virtual {
			return errMsg("a virtual posting needs an amount")
		}
		if p.elidedLine != 0 {
			return errMsg("second posting without an amount in one transaction (the first is on line " + itoa(p.elidedLine) + ")")
		}
		p.elidedLine, ps.Elided = p.line, true
	case rest[0] == '=':
		return errMsg("balance assignment (an assertion with no amount) is not supported")
	case rest[0] == '@':
		return errMsg("cost without an amount")
	default:
		if rest, err = p.postingAmounts(&ps, rest); err != nil {
			return err
		}
	}
	p.postings = append(p.postings, ps)
	if len(rest) > 0 { // rest starts with ';'
		return p.addComment(trimSpace(rest[1:]))
	}
	return nil
}

// postingAmounts parses AMOUNT [@ COST | @@ COST] [= ASSERTION] and
// returns what follows, which is empty or starts with ';'.
func (p *parser) postingAmounts(ps *Posting, rest []byte) ([]byte, error) {
	var err error
	if ps.Amount, rest, err = p.amount(rest); err != nil {
		return nil, err
	}
	rest = trimLeft(rest)
	if len(rest) > 0 && rest[0] == '@' {
		ps.Cost.Kind, rest = UnitCost, rest[1:]
		if len(rest) > 0 && rest[0] == '@' {
			ps.Cost.Kind, rest = TotalCost, rest[1:]
		}
		if ps.Cost.Amount, rest, err = p.amount(trimLeft(rest)); err != nil {
			return nil, err
		}
		rest = trimLeft(rest)
	}
	if len(rest) > 0 && rest[0] == '=' {
		ps.Assertion.Kind, rest = assertionKind(rest)
		if ps.Assertion.Amount, rest, err = p.amount(trimLeft(rest)); err != nil {
			return nil, err
		}
		rest = trimLeft(rest)
	}
	switch {
	case len(rest) == 0 || rest[0] == ';':
		return rest, nil
	case rest[0] == '{':
		return nil, errMsg("lot price " + quote(rest) + " is not supported")
	}
	return nil, errMsg("unexpected text after the amount: " + quote(rest))
}

// assertionKind reads "=", "==", "=*" or "==*" at the start of b.
func assertionKind(b []byte) (AssertionKind, []byte) {
	kind, n := AssertSingle, 1
	if len(b) > 1 && b[1] == '=' {
		kind, n = AssertSole, 2
	}
	if len(b) > n && b[n] == '*' {
		kind, n = kind+2, n+1
	}
	return kind, b[n:]
}

// accountEnd returns where an account name at the start of b ends: at a
// tab, at two white space characters in a row (Unicode spaces count, as
// in hledger), or at the end of b.
func accountEnd(b []byte) int {
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == '\t' {
			return i
		}
		if c != ' ' && c < utf8.RuneSelf {
			continue
		}
		if n := spaceAt(b[i:]); n > 0 && spaceAt(b[i+n:]) > 0 {
			return i
		}
	}
	return len(b)
}

// addComment records one comment line for the open block: for the last
// posting when there is one, else for the transaction or directive.
func (p *parser) addComment(text []byte) error {
	if len(p.comments) >= p.opt.MaxCommentLines {
		return errMsg("more than " + itoa(p.opt.MaxCommentLines) + " comment lines in one entry")
	}
	target := -1
	if p.block == blockTransaction {
		target = len(p.postings) - 1
	}
	if target >= 0 {
		if err := checkPostingDate(text); err != nil {
			return err
		}
	}
	start := len(p.commentBuf)
	p.commentBuf = append(p.commentBuf, text...)
	p.comments = append(p.comments, commentSeg{target: target, start: start, end: len(p.commentBuf)})
	return nil
}

// checkPostingDate rejects a posting comment that gives the posting its
// own date, a "date:" or "date2:" tag or a "[DATE]", which hledger obeys:
// ignoring it would move the posting to another day.
func checkPostingDate(text []byte) error {
	for i := bytes.IndexByte(text, ':'); i >= 0; {
		head := text[:i]
		name := head[bytes.LastIndexAny(head, " \t")+1:]
		if string(name) == "date" || string(name) == "date2" {
			return errMsg("posting dates (" + string(name) + ": tag) are not supported")
		}
		next := bytes.IndexByte(text[i+1:], ':')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	for i := bytes.IndexByte(text, '['); i >= 0; {
		rest := text[i+1:]
		if len(rest) > 0 && rest[0] == '=' {
			rest = rest[1:]
		}
		if _, after, err := parseDate(rest, 1); err == nil && len(after) > 0 && (after[0] == ']' || after[0] == '=') {
			return errMsg("posting dates ([DATE] in a comment) are not supported")
		}
		next := bytes.IndexByte(text[i+1:], '[')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return nil
}

// eachComment calls fn with the comment of each target that has comment
// lines in the open block, the lines joined by "\n". The lines of one
// target are contiguous in p.comments: a comment line belongs to the last
// posting read, or to the entry itself before any posting.
func (p *parser) eachComment(fn func(target int, text string)) {
	for i := 0; i < len(p.comments); {
		j := i + 1
		for j < len(p.comments) && p.comments[j].target == p.comments[i].target {
			j++
		}
		fn(p.comments[i].target, p.joinRun(p.comments[i:j]))
		i = j
	}
	p.comments, p.commentBuf = p.comments[:0], p.commentBuf[:0]
}

func (p *parser) joinRun(segs []commentSeg) string {
	if len(segs) == 1 {
		return string(p.commentBuf[segs[0].start:segs[0].end])
	}
	size := 0
	for _, c := range segs {
		size += c.end - c.start + 1
	}
	var sb strings.Builder
	sb.Grow(size)
	for k, c := range segs {
		if k > 0 {
			sb.WriteByte('\n')
		}
		sb.Write(p.commentBuf[c.start:c.end])
	}
	return sb.String()
}

// finishTransaction builds the open transaction as a fresh value.
func (p *parser) finishTransaction() *Transaction {
	t := new(Transaction)
	*t = p.txn
	t.Postings = make([]Posting, len(p.postings))
	copy(t.Postings, p.postings)
	p.eachComment(func(target int, text string) {
		if target < 0 {
			t.Comment = text
		} else {
			t.Postings[target].Comment = text
		}
	})
	return t
}

// accountName returns the account name b, ended by accountEnd, with each
// Unicode space in it turned into a plain space, as hledger does: "a\u00a0b"
// and "a b" are one account.
func (p *parser) accountName(b []byte) string {
	if isASCII(b) || bytes.IndexFunc(b, func(r rune) bool { return r >= utf8.RuneSelf && unicode.IsSpace(r) }) < 0 {
		return p.internBytes(b)
	}
	var norm []byte
	for len(b) > 0 {
		if n := spaceAt(b); n > 0 {
			norm, b = append(norm, ' '), b[n:]
			continue
		}
		_, n := utf8.DecodeRune(b)
		norm, b = append(norm, b[:n]...), b[n:]
	}
	return p.internBytes(norm)
}

// internBytes returns b as a string, shared with earlier equal names.
func (p *parser) internBytes(b []byte) string {
	if s, ok := p.intern[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(p.intern) < maxInterned {
		p.intern[s] = s
	}
	return s
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
