// Package camt053 reads ISO 20022 bank-to-customer statements (camt.053,
// message BkToCstmrStmt, versions 001.02 and later) into
// [bankstmt.Statement]s.
//
// [Parse] streams the document with encoding/xml: each Stmt is read child
// by child, and each balance and entry is decoded on its own, so memory
// holds one statement. Elements are matched by local name, so any camt.053
// namespace version (or none) is read; a document in another namespace
// (a camt.052 report, a pain message) is refused.
//
// What is read, per Stmt:
//
//	Id, ElctrncSeqNb (else LglSeqNb)   → Statement.ID, Number
//	Acct/Id/IBAN or Acct/Id/Othr/Id    → Account
//	Acct/Ccy                            → Currency (else the balances')
//	Bal with Tp/CdOrPrtry/Cd OPBD       → Opening, OpeningDate (PRCD, the
//	                                      previous closing, when no OPBD)
//	Bal with Tp/CdOrPrtry/Cd CLBD       → Closing, ClosingDate
//	Ntry                                → a Line
//
// and per Ntry: Amt with its Ccy and CdtDbtInd (CRDT is money in, DBIT
// money out, whatever RvslInd says: a reversal already carries the side it
// moves money to), BookgDt and ValDt (Dt, or the date part of DtTm as
// written), AcctSvcrRef → BankRef, and from NtryDtls/TxDtls, when the entry
// has exactly one: Refs/EndToEndId (else RmtInf/Strd/CdtrRefInf/Ref) →
// Reference, the other party (RltdPties/Dbtr for money in, Cdtr for money
// out; Nm or Pty/Nm) and its account → Counterparty and
// CounterpartyAccount, RmtInf/Ustrd → Description (else AddtlTxInf, else
// the entry's AddtlNtryInf). An entry whose status is not BOOK (pending,
// information only) is skipped: it moves no booked balance. Other balance
// types and elements are skipped.
//
// Amounts are decimal strings read exactly ([money.ParseDecimal]); more
// decimals than the currency allows, an amount in another currency than
// the statement's, a missing date or side are errors. When both balances
// are given they must add up ([bankstmt.Check]).
//
// Every error is a *ledger.Error naming the line and the element path
// ("Stmt[1]/Ntry[4]/Amt"); Parse returns no statement when it returns an
// error. The document may be UTF-8 or declare windows-1251. Limits:
// [MaxBytes] of input, [MaxStatements] statements, [MaxEntries] entries in
// one statement.
package camt053
