package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"hasap/auth"
	"hasap/ledger"
)

// The chart of accounts and the analytics catalogs as the people who keep
// them edit them: new accounts and sub-accounts, changes to an account
// that has no postings, new names for one that has, deactivation; new
// catalog entries and their names. Reading needs auth.ReadBooks, every
// change auth.EditCatalogs, and every change is audited.

// FieldError is a rule broken by one field of a form. Field names it:
// "code", "parent", "names", "kind", "class", "currency", "quantity",
// "group", "analytics" for an account; "code", "names", "owner" for a
// catalog entry. A use case that finds several returns them joined
// (errors.Join), so that a form can show each at its field; ledger.ErrorCode
// and i18n.Error see the first.
type FieldError struct {
	Field string
	Err   error
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Err.Error() }

// Unwrap returns the rule broken.
func (e *FieldError) Unwrap() error { return e.Err }

// FieldErrors returns the field errors in err, in order.
func FieldErrors(err error) []*FieldError {
	var out []*FieldError
	var walk func(error)
	walk = func(err error) {
		if fe, ok := err.(*FieldError); ok {
			out = append(out, fe)
			return
		}
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
		}
	}
	walk(err)
	return out
}

// fields collects the problems of a form.
type fields []error

func (f *fields) add(field string, err error) { *f = append(*f, &FieldError{Field: field, Err: err}) }

func (f fields) err() error { return errors.Join(f...) }

// Account audit actions and catalog ones.
const (
	ActAccountCreate     = "account_create"
	ActAccountDeactivate = "account_deactivate"
	ActAccountReactivate = "account_reactivate"
	ActAnalyticCreate    = "analytic_create"
	ActAnalyticEdit      = "analytic_edit"
)

// AccountState is an account with what its edit form needs to know.
type AccountState struct {
	ledger.Account
	// InUse: the account has postings, so only its names and its active
	// state may change.
	InUse bool
	// Subs lists the codes of its sub-accounts.
	Subs []ledger.AccountCode
}

// AccountForEdit returns the account code of the chart with what may
// still change about it.
func (a *App) AccountForEdit(ctx context.Context, actor Actor, orgCode string, code ledger.AccountCode) (AccountState, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.EditCatalogs)
	if err != nil {
		return AccountState{}, err
	}
	chart, err := a.Store.Chart(ctx, org.ID)
	if err != nil {
		return AccountState{}, err
	}
	return a.accountState(ctx, org.ID, chart, code)
}

func (a *App) accountState(ctx context.Context, org ledger.OrgID, chart ledger.Chart, code ledger.AccountCode) (AccountState, error) {
	acc, err := chart.Get(code)
	if err != nil {
		return AccountState{}, err
	}
	st := AccountState{Account: *acc, Subs: subAccounts(chart, code)}
	st.InUse, err = a.Store.AccountInUse(ctx, org, code)
	return st, err
}

func subAccounts(chart ledger.Chart, code ledger.AccountCode) []ledger.AccountCode {
	var out []ledger.AccountCode
	for _, a := range chart {
		if a.Parent == code {
			out = append(out, a.Code)
		}
	}
	slices.Sort(out)
	return out
}

// CreateAccount adds an account to the chart. A sub-account's parent must
// exist; a parent that is not yet a group becomes one, unless it has
// postings of its own (a posting-level account with postings cannot get
// sub-accounts: its balance would belong to none of them).
func (a *App) CreateAccount(ctx context.Context, actor Actor, orgCode string, acc ledger.Account) error {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.EditCatalogs)
	if err != nil {
		return err
	}
	chart, err := a.Store.Chart(ctx, org.ID)
	if err != nil {
		return err
	}
	var fs fields
	if err := ledger.ValidateCode(acc.Code); err != nil {
		fs.add("code", err)
	} else if chart[acc.Code] != nil {
		fs.add("code", ledger.Errorf(ledger.EConflict, "account %s already exists", acc.Code))
	}
	checkAccountFields(&fs, acc)
	if err := a.checkParent(ctx, org.ID, chart, acc, &fs); err != nil {
		return err
	}
	if len(fs) > 0 {
		return fs.err()
	}
	if err := a.groupParent(ctx, org.ID, chart, acc.Parent); err != nil {
		return err
	}
	if err := a.Store.PutAccount(ctx, org.ID, acc); err != nil {
		return err
	}
	return a.audit(ctx, actor, org.ID, ActAccountCreate, "account "+describeAccount(acc))
}

// UpdateAccount changes the account code to acc (acc.Code may be a new
// code). An account without postings may change in every respect; one with
// postings only in its names (deactivation is SetAccountActive). The
// active state is not changed here. Each refused change is a FieldError.
//
// A new code, a parent made a group and the account itself are written in
// that order, each in its own transaction: everything is checked first, so
// only a failing database can stop it half-way.
func (a *App) UpdateAccount(ctx context.Context, actor Actor, orgCode string, code ledger.AccountCode, acc ledger.Account) error {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.EditCatalogs)
	if err != nil {
		return err
	}
	chart, err := a.Store.Chart(ctx, org.ID)
	if err != nil {
		return err
	}
	old, err := a.accountState(ctx, org.ID, chart, code)
	if err != nil {
		return err
	}
	acc.Inactive = old.Inactive
	var fs fields
	if acc.Code != code {
		if err := ledger.ValidateCode(acc.Code); err != nil {
			fs.add("code", err)
		} else if chart[acc.Code] != nil {
			fs.add("code", ledger.Errorf(ledger.EConflict, "account %s already exists", acc.Code))
		}
	}
	checkAccountFields(&fs, acc)
	if old.Group && !acc.Group && len(old.Subs) > 0 {
		fs.add("group", ledger.Errorf(ledger.EInvalid, "account %s has sub-accounts: it stays a group", code))
	}
	if old.InUse {
		frozen(&fs, old.Account, acc)
	}
	if acc.Parent != old.Parent {
		moved := acc
		moved.Code = code // the chart still knows it by its old code
		if err := a.checkParent(ctx, org.ID, chart, moved, &fs); err != nil {
			return err
		}
	}
	if len(fs) > 0 {
		return fs.err()
	}
	if acc.Code != code {
		if err := a.Store.RenameAccount(ctx, org.ID, code, acc.Code); err != nil {
			return err
		}
	}
	if acc.Parent != old.Parent {
		if err := a.groupParent(ctx, org.ID, chart, acc.Parent); err != nil {
			return err
		}
	}
	if err := a.Store.PutAccount(ctx, org.ID, acc); err != nil {
		return err
	}
	return a.audit(ctx, actor, org.ID, ActAccount, "account "+string(code)+": "+accountChanges(old.Account, acc))
}

// SetAccountActive deactivates an account (it keeps its postings and
// balances and shows in every report, but takes no new postings) or makes
// it active again.
func (a *App) SetAccountActive(ctx context.Context, actor Actor, orgCode string, code ledger.AccountCode, active bool) error {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.EditCatalogs)
	if err != nil {
		return err
	}
	chart, err := a.Store.Chart(ctx, org.ID)
	if err != nil {
		return err
	}
	acc, err := chart.Get(code)
	if err != nil {
		return err
	}
	if acc.Inactive == !active {
		return nil
	}
	changed := *acc
	changed.Inactive = !active
	if err := a.Store.PutAccount(ctx, org.ID, changed); err != nil {
		return err
	}
	action := ActAccountDeactivate
	if active {
		action = ActAccountReactivate
	}
	return a.audit(ctx, actor, org.ID, action, "account "+string(code))
}

// checkAccountFields checks what an account says of itself.
func checkAccountFields(fs *fields, acc ledger.Account) {
	if strings.TrimSpace(acc.Names.TK+acc.Names.RU+acc.Names.EN) == "" {
		fs.add("names", ledger.Errorf(ledger.EInvalid, "give the name in at least one language"))
	}
	for _, n := range []string{acc.Names.TK, acc.Names.RU, acc.Names.EN} {
		if utf8.RuneCountInString(n) > maxCatalogName {
			fs.add("names", ledger.Errorf(ledger.EInvalid, "a name may have at most %d characters", maxCatalogName))
			break
		}
	}
	if !acc.Kind.Valid() {
		fs.add("kind", ledger.Errorf(ledger.EInvalid, "choose the kind: active, passive or active-passive"))
	}
	if !acc.Class.Valid() {
		fs.add("class", ledger.Errorf(ledger.EInvalid, "choose the section of the statements"))
	}
	if len(acc.Analytics) > ledger.MaxAnalytics {
		fs.add("analytics", ledger.Errorf(ledger.EInvalid, "an account takes at most %d analytics", ledger.MaxAnalytics))
	}
	seen := map[ledger.AnalyticKind]bool{}
	for _, k := range acc.Analytics {
		if !k.Valid() || seen[k] {
			fs.add("analytics", ledger.Errorf(ledger.EInvalid, "each analytic may be chosen once"))
			break
		}
		seen[k] = true
	}
}

// maxCatalogName bounds an account's or catalog entry's name.
const maxCatalogName = 300

// frozen refuses each change to an account with postings but its names.
func frozen(fs *fields, old, acc ledger.Account) {
	no := func(field string) {
		fs.add(field, ledger.Errorf(ledger.EConflict, "the account has postings: this cannot change"))
	}
	for _, f := range []struct {
		name string
		same bool
	}{
		{"code", acc.Code == old.Code}, {"parent", acc.Parent == old.Parent},
		{"kind", acc.Kind == old.Kind}, {"class", acc.Class == old.Class},
		{"currency", acc.Currency == old.Currency}, {"quantity", acc.Quantity == old.Quantity},
		{"group", acc.Group == old.Group},
	} {
		if !f.same {
			no(f.name)
		}
	}
	if !slices.Equal(acc.Analytics, old.Analytics) {
		no("analytics")
	}
}

// checkParent checks the parent of acc: it exists, is not acc nor below
// it, and can take sub-accounts (a group, or an account without postings
// that will become one).
func (a *App) checkParent(ctx context.Context, org ledger.OrgID, chart ledger.Chart, acc ledger.Account, fs *fields) error {
	if acc.Parent == "" {
		return nil
	}
	p := chart[acc.Parent]
	if p == nil {
		fs.add("parent", ledger.Errorf(ledger.EInvalid, "parent account %s of %s does not exist", acc.Parent, acc.Code))
		return nil
	}
	for c, depth := acc.Parent, 0; c != "" && depth <= 64; depth++ {
		if c == acc.Code {
			fs.add("parent", ledger.Errorf(ledger.EInvalid, "account %s would be its own ancestor", acc.Code))
			return nil
		}
		if chart[c] == nil {
			break
		}
		c = chart[c].Parent
	}
	if p.Group {
		return nil
	}
	used, err := a.Store.AccountInUse(ctx, org, p.Code)
	if err != nil {
		return err
	}
	if used {
		fs.add("parent", ledger.Errorf(ledger.EConflict, "account %s has postings of its own and cannot take sub-accounts", p.Code))
	}
	return nil
}

// groupParent makes the parent a group, if it is not one yet.
func (a *App) groupParent(ctx context.Context, org ledger.OrgID, chart ledger.Chart, parent ledger.AccountCode) error {
	p := chart[parent]
	if p == nil || p.Group {
		return nil
	}
	g := *p
	g.Group = true
	return a.Store.PutAccount(ctx, org, g)
}

// describeAccount is an account for the audit log.
func describeAccount(acc ledger.Account) string {
	s := fmt.Sprintf("%s %q kind %s class %s", acc.Code, acc.Names.In("ru"), acc.Kind, acc.Class)
	if acc.Parent != "" {
		s += " under " + string(acc.Parent)
	}
	if len(acc.Analytics) > 0 {
		s += " analytics " + joinAnalytics(acc.Analytics)
	}
	return s
}

// accountChanges says what changed, for the audit log.
func accountChanges(old, acc ledger.Account) string {
	var ch []string
	diff := func(what string, from, to any) {
		if fmt.Sprint(from) != fmt.Sprint(to) {
			ch = append(ch, fmt.Sprintf("%s %v → %v", what, from, to))
		}
	}
	diff("code", old.Code, acc.Code)
	diff("parent", old.Parent, acc.Parent)
	diff("name tk", fmt.Sprintf("%q", old.Names.TK), fmt.Sprintf("%q", acc.Names.TK))
	diff("name ru", fmt.Sprintf("%q", old.Names.RU), fmt.Sprintf("%q", acc.Names.RU))
	diff("name en", fmt.Sprintf("%q", old.Names.EN), fmt.Sprintf("%q", acc.Names.EN))
	diff("kind", old.Kind, acc.Kind)
	diff("class", old.Class, acc.Class)
	diff("currency", old.Currency, acc.Currency)
	diff("quantity", old.Quantity, acc.Quantity)
	diff("group", old.Group, acc.Group)
	diff("analytics", joinAnalytics(old.Analytics), joinAnalytics(acc.Analytics))
	if len(ch) == 0 {
		return "no change"
	}
	return strings.Join(ch, "; ")
}

// Catalog is one analytics catalog of an organisation.
type Catalog struct {
	Kind  ledger.AnalyticKind
	Count int // its entries
	// Accounts lists the accounts that take postings and require this
	// catalog, by code.
	Accounts []ledger.AccountCode
	// Posted lists those of Accounts that have postings: where the
	// movements of an entry are.
	Posted []ledger.AccountCode
}

// Used reports whether the organisation uses the catalog: it has entries,
// or an account requires it.
func (c Catalog) Used() bool { return c.Count > 0 || len(c.Accounts) > 0 }

// Catalogs returns every analytics catalog (ledger.AnalyticKinds order)
// with its size, the accounts that require it and those of them that have
// postings.
func (a *App) Catalogs(ctx context.Context, actor Actor, orgCode string) ([]Catalog, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return nil, err
	}
	counts, err := a.Store.AnalyticCounts(ctx, org.ID)
	if err != nil {
		return nil, err
	}
	chart, err := a.Store.Chart(ctx, org.ID)
	if err != nil {
		return nil, err
	}
	out := make([]Catalog, len(ledger.AnalyticKinds))
	for i, k := range ledger.AnalyticKinds {
		out[i] = Catalog{Kind: k, Count: counts[k]}
	}
	for _, acc := range chart {
		if acc.Group {
			continue
		}
		for _, k := range acc.Analytics {
			if i := slices.Index(ledger.AnalyticKinds, k); i >= 0 {
				out[i].Accounts = append(out[i].Accounts, acc.Code)
			}
		}
	}
	used, err := a.Store.AccountsInUse(ctx, org.ID)
	if err != nil {
		return nil, err
	}
	for i := range out {
		slices.Sort(out[i].Accounts)
		for _, code := range out[i].Accounts {
			if _, found := slices.BinarySearch(used, code); found {
				out[i].Posted = append(out[i].Posted, code)
			}
		}
	}
	return out, nil
}

// AnalyticByID returns the entry id of the catalog kind; ENotFound when
// the organisation has no such entry in that catalog.
func (a *App) AnalyticByID(ctx context.Context, actor Actor, orgCode string, kind ledger.AnalyticKind, id ledger.AnalyticID) (ledger.Analytic, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return ledger.Analytic{}, err
	}
	return a.analyticByID(ctx, org.ID, kind, id)
}

func (a *App) analyticByID(ctx context.Context, org ledger.OrgID, kind ledger.AnalyticKind, id ledger.AnalyticID) (ledger.Analytic, error) {
	missing := ledger.Errorf(ledger.ENotFound, "analytic %d does not exist", id)
	if id <= 0 {
		return ledger.Analytic{}, missing
	}
	m, err := a.Store.AnalyticsByID(ctx, org, []ledger.AnalyticID{id})
	if ledger.IsCode(err, ledger.ENotFound) {
		return ledger.Analytic{}, missing
	}
	if err != nil {
		return ledger.Analytic{}, err
	}
	an, ok := m[id]
	if !ok || an.Kind != kind {
		return ledger.Analytic{}, missing
	}
	return an, nil
}

// AnalyticInput is a new catalog entry as a person types it.
type AnalyticInput struct {
	Kind  ledger.AnalyticKind
	Code  string
	Names ledger.Names
	// Owner is the code of a contract's counterparty; a contract must have
	// one, no other entry may.
	Owner string
}

// maxAnalyticCode bounds a catalog entry's code, as the store does.
const maxAnalyticCode = 100

// AddAnalytic adds an entry to a catalog: its code is unique in the
// catalog, it has a name in at least one language, and a contract names
// its counterparty by code. Each problem is a FieldError.
func (a *App) AddAnalytic(ctx context.Context, actor Actor, orgCode string, in AnalyticInput) (ledger.Analytic, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.EditCatalogs)
	if err != nil {
		return ledger.Analytic{}, err
	}
	if !in.Kind.Valid() {
		return ledger.Analytic{}, ledger.Errorf(ledger.ENotFound, "unknown analytics catalog %q", in.Kind)
	}
	an := ledger.Analytic{Kind: in.Kind, Code: strings.TrimSpace(in.Code), Names: trimNames(in.Names)}
	var fs fields
	switch {
	case an.Code == "":
		fs.add("code", ledger.Errorf(ledger.EInvalid, "enter the code"))
	case utf8.RuneCountInString(an.Code) > maxAnalyticCode || len(an.Code) > maxAnalyticCode || !utf8.ValidString(an.Code):
		fs.add("code", ledger.Errorf(ledger.EInvalid, "%s code must be 1 to 100 characters", an.Kind))
	default:
		if _, err := a.Store.AnalyticByCode(ctx, org.ID, an.Kind, an.Code); err == nil {
			fs.add("code", ledger.Errorf(ledger.EConflict, "%s %s already exists", an.Kind, an.Code))
		} else if !ledger.IsCode(err, ledger.ENotFound) {
			return ledger.Analytic{}, err
		}
	}
	checkNames(&fs, an.Names)
	owner := strings.TrimSpace(in.Owner)
	switch {
	case an.Kind != ledger.Contract && owner != "":
		fs.add("owner", ledger.Errorf(ledger.EInvalid, "only a contract has an owner (its counterparty)"))
	case an.Kind == ledger.Contract && owner == "":
		fs.add("owner", ledger.Errorf(ledger.EInvalid, "a contract needs its counterparty"))
	case owner != "":
		o, err := a.Store.AnalyticByCode(ctx, org.ID, ledger.Counterparty, owner)
		if ledger.IsCode(err, ledger.ENotFound) {
			fs.add("owner", ledger.Errorf(ledger.EInvalid, "%s %s does not exist", ledger.Counterparty, owner))
		} else if err != nil {
			return ledger.Analytic{}, err
		}
		an.Owner = o.ID
	}
	if len(fs) > 0 {
		return ledger.Analytic{}, fs.err()
	}
	if err := a.Store.CreateAnalytic(ctx, org.ID, &an); err != nil {
		if ledger.IsCode(err, ledger.EConflict) {
			return ledger.Analytic{}, fields{&FieldError{Field: "code", Err: err}}.err()
		}
		return ledger.Analytic{}, err
	}
	detail := fmt.Sprintf("%s %s %q", an.Kind, an.Code, an.Names.In("ru"))
	if owner != "" {
		detail += " of counterparty " + owner
	}
	return an, a.audit(ctx, actor, org.ID, ActAnalyticCreate, detail)
}

// RenameAnalytic gives the entry id of catalog kind new names; its code
// stays, as imports and people find it by its code.
func (a *App) RenameAnalytic(ctx context.Context, actor Actor, orgCode string, kind ledger.AnalyticKind, id ledger.AnalyticID, names ledger.Names) error {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.EditCatalogs)
	if err != nil {
		return err
	}
	an, err := a.analyticByID(ctx, org.ID, kind, id)
	if err != nil {
		return err
	}
	names = trimNames(names)
	var fs fields
	checkNames(&fs, names)
	if len(fs) > 0 {
		return fs.err()
	}
	old := an.Names
	an.Names = names
	if err := a.Store.UpdateAnalytic(ctx, org.ID, an); err != nil {
		return err
	}
	return a.audit(ctx, actor, org.ID, ActAnalyticEdit, fmt.Sprintf("%s %s: names %q/%q/%q → %q/%q/%q",
		kind, an.Code, old.TK, old.RU, old.EN, names.TK, names.RU, names.EN))
}

func trimNames(n ledger.Names) ledger.Names {
	return ledger.Names{TK: strings.TrimSpace(n.TK), RU: strings.TrimSpace(n.RU), EN: strings.TrimSpace(n.EN)}
}

func checkNames(fs *fields, n ledger.Names) {
	if n.TK == "" && n.RU == "" && n.EN == "" {
		fs.add("names", ledger.Errorf(ledger.EInvalid, "give the name in at least one language"))
		return
	}
	for _, s := range []string{n.TK, n.RU, n.EN} {
		if utf8.RuneCountInString(s) > maxCatalogName {
			fs.add("names", ledger.Errorf(ledger.EInvalid, "a name may have at most %d characters", maxCatalogName))
			return
		}
	}
}
