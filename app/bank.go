package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"hasap/auth"
	"hasap/interop/bankcsv"
	"hasap/interop/bankstmt"
	"hasap/interop/camt053"
	"hasap/interop/mt940"
	"hasap/ledger"
	"hasap/money"
	"hasap/store"
)

// Bank statements (issue 4): a statement file (MT940, camt.053, or a CSV
// export read through a mapping saved per bank) is imported once: its
// statements are kept with the hash of the file, and the same file again is
// refused. Importing changes no books. The accountant then reviews what
// matching proposes for each line (StatementReview), corrects it, and
// confirms (ConfirmStatement): a payment document is drafted from each line
// taken, and posted if asked; a line makes one document, ever.

// Statement formats.
const (
	FormatMT940   = "mt940"
	FormatCAMT053 = "camt053"
	FormatCSV     = "csv"
)

// StatementFormats lists the formats in the order offered to users.
var StatementFormats = []string{FormatMT940, FormatCAMT053, FormatCSV}

// Limits of statement import.
const (
	MaxStatementFile  = 32 << 20 // bytes of a statement file
	MaxStatementLines = 5000     // lines of one statement
)

// Audit actions of bank statements.
const (
	ActBankImport  = "bank.import"
	ActBankMapping = "bank.mapping"
	ActBankConfirm = "bank.confirm"
)

// BankMapping is a saved column mapping of one bank's CSV export.
type BankMapping struct {
	ID      int64
	Name    string
	Mapping bankcsv.Mapping
	Version int64
	Updated time.Time
}

func mappingFromStore(m store.BankMapping) (BankMapping, error) {
	out := BankMapping{ID: m.ID, Name: m.Name, Version: m.Version, Updated: m.Updated}
	if err := json.Unmarshal(m.Body, &out.Mapping); err != nil {
		return BankMapping{}, ledger.Errorf(ledger.EInternal, "mapping %d: its stored body does not read: %v", m.ID, err)
	}
	return out, nil
}

// BankMappings lists the organisation's saved CSV mappings by name.
func (a *App) BankMappings(ctx context.Context, actor Actor, orgCode string) ([]BankMapping, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return nil, err
	}
	ms, err := a.Store.BankMappings(ctx, org.ID)
	if err != nil {
		return nil, err
	}
	out := make([]BankMapping, 0, len(ms))
	for _, m := range ms {
		bm, err := mappingFromStore(m)
		if err != nil {
			return nil, err
		}
		out = append(out, bm)
	}
	return out, nil
}

// GetBankMapping returns one saved mapping.
func (a *App) GetBankMapping(ctx context.Context, actor Actor, orgCode string, id int64) (BankMapping, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return BankMapping{}, err
	}
	m, err := a.Store.BankMapping(ctx, org.ID, id)
	if err != nil {
		return BankMapping{}, err
	}
	return mappingFromStore(m)
}

// SaveBankMapping saves a new mapping (ID 0) or changes one, by the
// version read. The mapping must be valid (bankcsv.Mapping.Validate).
func (a *App) SaveBankMapping(ctx context.Context, actor Actor, orgCode string, m BankMapping) (BankMapping, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.EditCatalogs)
	if err != nil {
		return BankMapping{}, err
	}
	m.Name = strings.TrimSpace(m.Name)
	if m.Name == "" {
		return BankMapping{}, ledger.Errorf(ledger.EInvalid, "the mapping needs a name, such as the bank's")
	}
	if err := m.Mapping.Validate(); err != nil {
		return BankMapping{}, err
	}
	m.Mapping.Bank = m.Name
	body, err := json.Marshal(m.Mapping)
	if err != nil {
		return BankMapping{}, fmt.Errorf("mapping to JSON: %w", err)
	}
	sm := store.BankMapping{ID: m.ID, Name: m.Name, Body: body, Version: m.Version}
	if err := a.Store.SaveBankMapping(ctx, org.ID, &sm); err != nil {
		return BankMapping{}, err
	}
	out, err := mappingFromStore(sm)
	if err != nil {
		return BankMapping{}, err
	}
	return out, a.audit(ctx, actor, org.ID, ActBankMapping, fmt.Sprintf("mapping %d %q", out.ID, out.Name))
}

// StatementLine is one line of an imported statement, as kept.
type StatementLine struct {
	Date                ledger.Date  `json:"date"`
	ValueDate           ledger.Date  `json:"value_date"`
	Amount              money.Amount `json:"amount"` // positive in, negative out
	Counterparty        string       `json:"counterparty,omitempty"`
	CounterpartyAccount string       `json:"counterparty_account,omitempty"`
	Reference           string       `json:"reference,omitempty"`
	Description         string       `json:"description,omitempty"`
	BankRef             string       `json:"bank_ref,omitempty"`
}

// Statement is an imported statement.
type Statement struct {
	ID                     int64
	Format                 string
	BankID, Account        string
	Currency               money.Currency
	From, To               ledger.Date
	Opening, Closing       money.Amount
	HasOpening, HasClosing bool
	Lines                  []StatementLine
	Author                 string
	Created                time.Time
}

func statementFromStore(s store.BankStatement) (Statement, error) {
	cur, err := money.Lookup(s.Currency)
	if err != nil {
		return Statement{}, ledger.Errorf(ledger.EInternal, "statement %d: unknown currency %q", s.ID, s.Currency)
	}
	out := Statement{ID: s.ID, Format: s.Format, BankID: s.BankID, Account: s.Account, Currency: cur, From: s.From, To: s.To,
		Opening: s.Opening, Closing: s.Closing, HasOpening: s.HasOpening, HasClosing: s.HasClosing, Author: s.Author, Created: s.Created}
	if err := json.Unmarshal(s.Body, &out.Lines); err != nil {
		return Statement{}, ledger.Errorf(ledger.EInternal, "statement %d: its stored lines do not read: %v", s.ID, err)
	}
	return out, nil
}

// ImportInput is a statement file to import.
type ImportInput struct {
	Format  string // FormatMT940, FormatCAMT053 or FormatCSV
	Mapping int64  // the saved mapping of a CSV file
	File    io.Reader
}

// ImportStatement reads a statement file and keeps its statements for
// review, once: a file imported before is refused (EConflict) and so is a
// file that does not read, with the line at fault named; either way nothing
// is stored. Importing drafts nothing and posts nothing.
func (a *App) ImportStatement(ctx context.Context, actor Actor, orgCode string, in ImportInput) ([]Statement, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.DraftEntries)
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(in.File, MaxStatementFile+1))
	if err != nil {
		return nil, fmt.Errorf("read statement file: %w", err)
	}
	if len(data) > MaxStatementFile {
		return nil, ledger.Errorf(ledger.EInvalid, "the file is larger than %d bytes", MaxStatementFile)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, ledger.Errorf(ledger.EInvalid, "the file is empty")
	}
	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:])
	if old, err := a.Store.StatementsOfFile(ctx, org.ID, hash); err != nil {
		return nil, err
	} else if len(old) > 0 {
		return nil, ledger.Errorf(ledger.EConflict, "this file was imported already on %s, as statement %d",
			old[0].Created.Format("2006-01-02 15:04"), old[0].ID)
	}
	sts, err := a.parseStatements(ctx, org.ID, in.Format, in.Mapping, data)
	if err != nil {
		return nil, err
	}
	rows := make([]*store.BankStatement, 0, len(sts))
	for i := range sts {
		row, err := statementRow(&sts[i], in.Format, hash, i+1, actor.Name)
		if err != nil {
			return nil, err
		}
		rows = append(rows, row)
	}
	if err := a.Store.CreateStatements(ctx, org.ID, rows); err != nil {
		return nil, err
	}
	out := make([]Statement, 0, len(rows))
	for _, r := range rows {
		st, err := statementFromStore(*r)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
		if err := a.audit(ctx, actor, org.ID, ActBankImport, fmt.Sprintf("statement %d (%s, %s, %d lines)", r.ID, r.Format, r.Account, r.Lines)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// parseStatements reads data in format; the errors name the line.
func (a *App) parseStatements(ctx context.Context, org ledger.OrgID, format string, mapping int64, data []byte) ([]bankstmt.Statement, error) {
	var sts []bankstmt.Statement
	var err error
	switch format {
	case FormatMT940:
		sts, err = mt940.Parse(bytes.NewReader(data))
	case FormatCAMT053:
		sts, err = camt053.Parse(bytes.NewReader(data))
	case FormatCSV:
		if mapping == 0 {
			return nil, ledger.Errorf(ledger.EInvalid, "choose the mapping of the bank's CSV export")
		}
		sm, err := a.Store.BankMapping(ctx, org, mapping)
		if err != nil {
			return nil, err
		}
		m, err := mappingFromStore(sm)
		if err != nil {
			return nil, err
		}
		st, err := bankcsv.Parse(bytes.NewReader(data), m.Mapping)
		if err != nil {
			return nil, err
		}
		sts = []bankstmt.Statement{st}
	default:
		return nil, ledger.Errorf(ledger.EInvalid, "unknown statement format %q: choose mt940, camt053 or csv", format)
	}
	if err != nil {
		return nil, err
	}
	if len(sts) == 0 {
		return nil, ledger.Errorf(ledger.EInvalid, "the file holds no statement")
	}
	for i := range sts {
		if err := bankstmt.Check(&sts[i]); err != nil {
			return nil, err
		}
		if len(sts[i].Lines) > MaxStatementLines {
			return nil, ledger.Errorf(ledger.EInvalid, "statement %s has more than %d lines", sts[i].Name(), MaxStatementLines)
		}
	}
	return sts, nil
}

// statementRow is st as the store keeps it.
func statementRow(st *bankstmt.Statement, format, hash string, part int, author string) (*store.BankStatement, error) {
	if st.Currency.Code == "" {
		return nil, ledger.Errorf(ledger.EInvalid, "statement %s does not say its currency", st.Name())
	}
	from, to := st.OpeningDate, st.ClosingDate
	lines := make([]StatementLine, len(st.Lines))
	for i, l := range st.Lines {
		lines[i] = StatementLine{Date: l.Date, ValueDate: l.ValueDate, Amount: l.Amount, Counterparty: l.Counterparty,
			CounterpartyAccount: l.CounterpartyAccount, Reference: l.Reference, Description: l.Description, BankRef: l.BankRef}
		if from == ledger.NoDate || l.Date < from {
			from = l.Date
		}
		if to == ledger.NoDate || l.Date > to {
			to = l.Date
		}
	}
	if from == ledger.NoDate || to == ledger.NoDate {
		return nil, ledger.Errorf(ledger.EInvalid, "statement %s has neither lines nor dated balances", st.Name())
	}
	if to < from {
		from, to = to, from
	}
	body, err := json.Marshal(lines)
	if err != nil {
		return nil, fmt.Errorf("statement lines to JSON: %w", err)
	}
	return &store.BankStatement{Format: format, FileHash: hash, Part: part, BankID: ledger.TruncateText(st.ID, ledger.MaxTextLen),
		Account: ledger.TruncateText(st.Account, ledger.MaxTextLen), Currency: st.Currency.Code, From: from, To: to,
		Opening: st.Opening, Closing: st.Closing, HasOpening: st.HasOpening, HasClosing: st.HasClosing,
		Lines: len(lines), Body: body, Author: author}, nil
}

// GetStatement returns an imported statement.
func (a *App) GetStatement(ctx context.Context, actor Actor, orgCode string, id int64) (Statement, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return Statement{}, err
	}
	s, err := a.Store.Statement(ctx, org.ID, id)
	if err != nil {
		return Statement{}, err
	}
	return statementFromStore(s)
}

// StatementSummary is a statement as a list shows it: without its lines.
type StatementSummary struct {
	Statement
	LineCount int
}

// ListStatements lists imported statements newest first (ids below
// beforeID when it is above 0).
func (a *App) ListStatements(ctx context.Context, actor Actor, orgCode string, beforeID int64, limit int) ([]StatementSummary, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return nil, err
	}
	rows, err := a.Store.ListStatements(ctx, org.ID, beforeID, limit)
	if err != nil {
		return nil, err
	}
	out := make([]StatementSummary, 0, len(rows))
	for _, r := range rows {
		r.Body = []byte("[]")
		st, err := statementFromStore(r)
		if err != nil {
			return nil, err
		}
		out = append(out, StatementSummary{Statement: st, LineCount: r.Lines})
	}
	return out, nil
}
