package camt053

import (
	"strconv"
	"strings"

	"hasap/interop/bankstmt"
	"hasap/ledger"
)

// entry reads an Ntry into a line of the statement; an entry not booked
// is skipped.
func (s *stmtState) entry(n *ntryXML, line int) error {
	path := s.path + "/Ntry[" + strconv.Itoa(s.entries) + "]"
	status := strings.TrimSpace(n.Sts.Cd)
	if status == "" {
		status = strings.TrimSpace(n.Sts.Value)
	}
	if status != "" && status != "BOOK" {
		return nil
	}
	amt, err := s.amount(n.Amt, n.CdtDbtInd, line, path)
	if err != nil {
		return err
	}
	l := bankstmt.Line{Amount: amt, Currency: s.st.Currency, BankRef: strings.TrimSpace(n.AcctSvcrRef)}
	if l.Date, err = dateOf(n.BookgDt, line, path+"/BookgDt"); err != nil {
		return err
	}
	if l.ValueDate, err = dateOf(n.ValDt, line, path+"/ValDt"); err != nil {
		return err
	}
	switch {
	case l.Date == ledger.NoDate && l.ValueDate == ledger.NoDate:
		return errAt(line, path, "the entry has neither a booking date nor a value date")
	case l.Date == ledger.NoDate:
		l.Date = l.ValueDate
	case l.ValueDate == ledger.NoDate:
		l.ValueDate = l.Date
	}
	var txs []*txXML
	for i := range n.NtryDtls {
		for j := range n.NtryDtls[i].TxDtls {
			txs = append(txs, &n.NtryDtls[i].TxDtls[j])
		}
	}
	if len(txs) == 1 {
		details(&l, txs[0], strings.TrimSpace(n.CdtDbtInd) == "DBIT")
	}
	if l.Description == "" {
		l.Description = strings.TrimSpace(n.AddtlNtryInf)
	}
	s.st.Lines = append(s.st.Lines, l)
	return nil
}

// details fills in a line from the one transaction of its entry.
func details(l *bankstmt.Line, tx *txXML, out bool) {
	if e2e := strings.TrimSpace(tx.Refs.EndToEndId); e2e != "NOTPROVIDED" {
		l.Reference = e2e
	}
	for _, s := range tx.RmtInf.Strd {
		if l.Reference == "" {
			l.Reference = strings.TrimSpace(s.CdtrRefInf.Ref)
		}
	}
	if l.BankRef == "" {
		l.BankRef = strings.TrimSpace(tx.Refs.AcctSvcrRef)
	}
	party, acct := &tx.RltdPties.Dbtr, &tx.RltdPties.DbtrAcct // who paid us
	if out {
		party, acct = &tx.RltdPties.Cdtr, &tx.RltdPties.CdtrAcct // whom we paid
	}
	l.Counterparty = strings.TrimSpace(party.Nm)
	if l.Counterparty == "" {
		l.Counterparty = strings.TrimSpace(party.Pty.Nm)
	}
	l.CounterpartyAccount = accountID(acct)
	var text []string
	for _, u := range tx.RmtInf.Ustrd {
		if u = strings.TrimSpace(u); u != "" {
			text = append(text, u)
		}
	}
	l.Description = strings.Join(text, "\n")
	if l.Description == "" {
		l.Description = strings.TrimSpace(tx.AddtlTxInf)
	}
}
