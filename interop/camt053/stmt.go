package camt053

import (
	"encoding/xml"
	"strconv"
	"strings"

	"hasap/interop/bankstmt"
	"hasap/ledger"
	"hasap/money"
)

// stmtState is a statement being read.
type stmtState struct {
	st       bankstmt.Statement
	path     string // "Stmt[2]"
	line     int    // line of the Stmt element
	hasCcy   bool   // st.Currency is set
	entries  int    // Ntry elements read, skipped ones too
	prcd     *balance
	lglSeqNb string
}

type balance struct {
	amt  money.Amount
	date ledger.Date
}

// stmt reads one Stmt element, just started.
func (p *parser) stmt() error {
	if len(p.out) >= MaxStatements {
		return errAt(p.line(), "Stmt", "a document holds at most %d statements", MaxStatements)
	}
	s := &stmtState{path: "Stmt[" + strconv.Itoa(len(p.out)+1) + "]", line: p.line()}
	s.st.OpeningDate, s.st.ClosingDate = ledger.NoDate, ledger.NoDate
	err := p.children("Stmt", func(se xml.StartElement) error {
		line := p.line()
		switch se.Name.Local {
		case "Id":
			return p.d.DecodeElement(&s.st.ID, &se)
		case "ElctrncSeqNb":
			return p.d.DecodeElement(&s.st.Number, &se)
		case "LglSeqNb":
			return p.d.DecodeElement(&s.lglSeqNb, &se)
		case "Acct":
			var a acctXML
			if err := p.d.DecodeElement(&a, &se); err != nil {
				return err
			}
			return s.account(&a, line)
		case "Bal":
			var b balXML
			if err := p.d.DecodeElement(&b, &se); err != nil {
				return err
			}
			return s.balance(&b, line)
		case "Ntry":
			s.entries++
			if s.entries > MaxEntries {
				return errAt(line, s.path+"/Ntry", "a statement holds at most %d entries", MaxEntries)
			}
			var n ntryXML
			if err := p.d.DecodeElement(&n, &se); err != nil {
				return err
			}
			return s.entry(&n, line)
		}
		return p.d.Skip()
	})
	if err != nil {
		return err
	}
	st, err := s.finish()
	if err != nil {
		return err
	}
	p.out = append(p.out, st)
	return nil
}

func (s *stmtState) finish() (bankstmt.Statement, error) {
	st := s.st
	st.ID, st.Number = strings.TrimSpace(st.ID), strings.TrimSpace(st.Number)
	if st.Number == "" {
		st.Number = strings.TrimSpace(s.lglSeqNb)
	}
	if st.Account == "" {
		return st, errAt(s.line, s.path+"/Acct", "the statement names no account (Acct/Id/IBAN or Acct/Id/Othr/Id)")
	}
	if !s.hasCcy {
		return st, errAt(s.line, s.path, "the statement gives no currency: no Acct/Ccy, balance or entry")
	}
	if !st.HasOpening && s.prcd != nil {
		st.Opening, st.OpeningDate, st.HasOpening = s.prcd.amt, s.prcd.date, true
	}
	if err := bankstmt.Check(&st); err != nil {
		return st, ledger.Errorf(ledger.EInvalid, "line %d: %s", s.line, err)
	}
	return st, nil
}

// currency checks a currency code against the statement's, and makes it
// the statement's when it has none yet.
func (s *stmtState) currency(code string, line int, path string) (money.Currency, error) {
	code = strings.TrimSpace(code)
	if code == "" {
		return money.Currency{}, errAt(line, path, "the amount has no Ccy attribute")
	}
	cur, err := money.Lookup(code)
	if err != nil || cur.Code != code {
		return money.Currency{}, errAt(line, path, "unknown currency %q", code)
	}
	if !s.hasCcy {
		s.st.Currency, s.hasCcy = cur, true
	} else if cur != s.st.Currency {
		return money.Currency{}, errAt(line, path, "currency %s differs from the statement's %s", cur.Code, s.st.Currency.Code)
	}
	return cur, nil
}

func (s *stmtState) account(a *acctXML, line int) error {
	if s.st.Account != "" {
		return errAt(line, s.path+"/Acct", "the statement has this element already")
	}
	s.st.Account = accountID(a)
	if strings.TrimSpace(a.Ccy) != "" {
		if _, err := s.currency(a.Ccy, line, s.path+"/Acct/Ccy"); err != nil {
			return err
		}
	}
	return nil
}

func accountID(a *acctXML) string {
	if v := strings.TrimSpace(a.Id.IBAN); v != "" {
		return v
	}
	return strings.TrimSpace(a.Id.Othr.Id)
}

// balance reads a Bal: OPBD, PRCD and CLBD count, other types are skipped.
func (s *stmtState) balance(b *balXML, line int) error {
	path := s.path + "/Bal"
	code := strings.TrimSpace(b.Tp.CdOrPrtry.Cd)
	if code != "OPBD" && code != "PRCD" && code != "CLBD" {
		return nil
	}
	path += "[" + code + "]"
	amt, err := s.amount(b.Amt, b.CdtDbtInd, line, path)
	if err != nil {
		return err
	}
	date, err := dateOf(b.Dt, line, path+"/Dt")
	if err != nil {
		return err
	}
	if date == ledger.NoDate {
		return errAt(line, path+"/Dt", "the balance has no date")
	}
	switch {
	case code == "CLBD" && s.st.HasClosing, code == "OPBD" && s.st.HasOpening, code == "PRCD" && s.prcd != nil:
		return errAt(line, path, "the statement has this balance already")
	case code == "CLBD":
		s.st.Closing, s.st.ClosingDate, s.st.HasClosing = amt, date, true
	case code == "OPBD":
		s.st.Opening, s.st.OpeningDate, s.st.HasOpening = amt, date, true
	default:
		s.prcd = &balance{amt, date}
	}
	return nil
}

// amount reads an amount with its side: CRDT is positive, DBIT negative.
func (s *stmtState) amount(a amtXML, side string, line int, path string) (money.Amount, error) {
	cur, err := s.currency(a.Ccy, line, path+"/Amt")
	if err != nil {
		return 0, err
	}
	v := strings.TrimSpace(a.Value)
	digits, dots := 0, 0
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case '0' <= c && c <= '9':
			digits++
		case c == '.':
			dots++
		default:
			digits = -1 << 30
		}
	}
	if digits <= 0 || dots > 1 {
		return 0, errAt(line, path+"/Amt", "amount %q is not a decimal number", v)
	}
	amt, err := money.ParseDecimal(v, cur.Exponent)
	if err != nil {
		_, frac, _ := strings.Cut(v, ".")
		if len(strings.TrimRight(frac, "0")) > cur.Exponent {
			return 0, errAt(line, path+"/Amt", "amount %s has more decimals than %s allows (%d)", v, cur.Code, cur.Exponent)
		}
		return 0, errAt(line, path+"/Amt", "amount %q is out of range", v)
	}
	switch strings.TrimSpace(side) {
	case "CRDT":
		return amt, nil
	case "DBIT":
		return -amt, nil
	}
	return 0, errAt(line, path+"/CdtDbtInd", "the credit/debit indicator must be CRDT or DBIT, not %q", strings.TrimSpace(side))
}

// dateOf reads Dt, or the date part of DtTm as written; NoDate when
// neither is given.
func dateOf(d dateXML, line int, path string) (ledger.Date, error) {
	s, isTime := strings.TrimSpace(d.Dt), false
	if s == "" {
		s, isTime = strings.TrimSpace(d.DtTm), true
	}
	if s == "" {
		return ledger.NoDate, nil
	}
	day, rest := s, ""
	if len(s) > 10 {
		day, rest = s[:10], s[10:]
	}
	ok := rest == "" && !isTime || isTime && strings.HasPrefix(rest, "T") ||
		!isTime && rest != "" && strings.ContainsRune("Z+-", rune(rest[0]))
	date, err := ledger.ParseDate(day)
	if err != nil || !ok {
		return ledger.NoDate, errAt(line, path, "%q is not a date (YYYY-MM-DD)", s)
	}
	return date, nil
}
