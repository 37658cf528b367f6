package ledger

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestAccountValidate(t *testing.T) {
	ok := Account{Code: "62.01", Parent: "62", Kind: Active, Class: Asset, Analytics: []AnalyticKind{Counterparty, Contract, Project}}
	tests := []struct {
		name   string
		change func(a *Account)
		want   Code
	}{
		{"valid", func(a *Account) {}, ""},
		{"valid top-level", func(a *Account) { a.Parent = "" }, ""},
		{"valid no analytics", func(a *Account) { a.Analytics = nil }, ""},
		{"valid every kind AP", func(a *Account) { a.Kind = ActivePassive }, ""},
		{"valid passive", func(a *Account) { a.Kind = Passive }, ""},
		{"valid off-balance", func(a *Account) { a.Code, a.Parent, a.Class = "001", "", OffBalance }, ""},
		{"valid mixed", func(a *Account) { a.Class = Mixed }, ""},
		{"bad code", func(a *Account) { a.Code = "" }, EInvalid},
		{"code with tab", func(a *Account) { a.Code = "62\t01" }, EInvalid},
		{"empty kind", func(a *Account) { a.Kind = "" }, EInvalid},
		{"unknown kind", func(a *Account) { a.Kind = "X" }, EInvalid},
		{"lower-case kind", func(a *Account) { a.Kind = "a" }, EInvalid},
		{"empty class", func(a *Account) { a.Class = "" }, EInvalid},
		{"unknown class", func(a *Account) { a.Class = "assets" }, EInvalid},
		{"four analytics", func(a *Account) { a.Analytics = append(a.Analytics, Item) }, EInvalid},
		{"unknown analytic", func(a *Account) { a.Analytics = []AnalyticKind{"customer"} }, EInvalid},
		{"empty analytic", func(a *Account) { a.Analytics = []AnalyticKind{""} }, EInvalid},
		{"analytic twice", func(a *Account) { a.Analytics = []AnalyticKind{Item, Warehouse, Item} }, EInvalid},
		{"own parent", func(a *Account) { a.Parent = a.Code }, EInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := ok
			a.Analytics = append([]AnalyticKind(nil), ok.Analytics...)
			tt.change(&a)
			wantCode(t, a.Validate(), tt.want)
		})
	}
}

func TestAccountEveryAnalyticKindIsValid(t *testing.T) {
	for _, k := range AnalyticKinds {
		a := Account{Code: "1", Kind: Active, Class: Asset, Analytics: []AnalyticKind{k}}
		if err := a.Validate(); err != nil {
			t.Errorf("analytic %s: %v", k, err)
		}
	}
}

func TestValidateCode(t *testing.T) {
	tests := []struct {
		code AccountCode
		ok   bool
	}{
		{"51", true},
		{"62.01", true},
		{"1010", true},
		{"001", true},
		{"Assets:Bank:Checking", true},
		{"Активы:Касса", true},
		{"Aktiwler:Nagt pul", true}, // one space inside is fine
		{"Expenses:Food & Drink", true},
		{AccountCode(strings.Repeat("9", MaxAccountCodeLen)), true},
		{AccountCode(strings.Repeat("ж", MaxAccountCodeLen/2)), true},
		{"", false},
		{AccountCode(strings.Repeat("9", MaxAccountCodeLen+1)), false},
		{AccountCode(strings.Repeat("ж", MaxAccountCodeLen/2) + "9"), false},
		{" 51", false},
		{"51 ", false},
		{"51\n", false},
		{"\u00a051", false}, // no-break space counts as space for TrimSpace
		{"Assets:Bank  Checking", false},
		{"Assets:Bank\tChecking", false},
		{"Assets:Bank\x00", false},
		{"a\x1fb", false},
		{"a\x7fb", false},
		{"Assets;comment", false},
		{"\xff\xfe", false},
		{"62.\xd001", false}, // truncated two-byte sequence
	}
	for _, tt := range tests {
		err := ValidateCode(tt.code)
		if (err == nil) != tt.ok {
			t.Errorf("ValidateCode(%q) = %v, want ok=%v", tt.code, err, tt.ok)
		}
		if err != nil && !IsCode(err, EInvalid) {
			t.Errorf("ValidateCode(%q): code %q, want invalid", tt.code, ErrorCode(err))
		}
	}
}

func TestKindForName(t *testing.T) {
	tests := []struct {
		name  string
		kind  Kind
		class Class
	}{
		{"Assets:Bank:Checking", Active, Asset},
		{"assets", Active, Asset},
		{"Asset:Cash", Active, Asset},
		{"Активы:Касса", Active, Asset},
		{"AKTIWLER:Nagt", Active, Asset},
		{"A:Cash", Active, Asset},
		{"Liabilities:Payable", Passive, Liability},
		{"liability", Passive, Liability},
		{"ОБЯЗАТЕЛЬСТВА:Поставщики", Passive, Liability},
		{"Borçlar:Üpjün ediji", Passive, Liability},
		{"BORÇLAR", Passive, Liability},
		{"L:x", Passive, Liability},
		{"Equity:Opening Balances", Passive, Equity},
		{"Капитал", Passive, Equity},
		{"Kapital:Esasy", Passive, Equity},
		{"E", Passive, Equity},
		{"Income:Sales", Passive, Income},
		{"Revenue:Sales", Passive, Income},
		{"revenues", Passive, Income},
		{"Доходы:Продажи", Passive, Income},
		{"Girdeji", Passive, Income},
		{"Girdejiler:Satuw", Passive, Income},
		{"I:x", Passive, Income},
		{"R", Passive, Income},
		{"Expenses:Food", Active, Expense},
		{"expense", Active, Expense},
		{"Расходы:Аренда", Active, Expense},
		{"Çykdajy", Active, Expense},
		{"ÇYKDAJYLAR:Kärende", Active, Expense},
		{"X:x", Active, Expense},
		{"", ActivePassive, Mixed},
		{"Budget:Food", ActivePassive, Mixed},
		{"Assetsx:Cash", ActivePassive, Mixed},
		{" Assets:Cash", ActivePassive, Mixed}, // names are not trimmed
		{":Assets", ActivePassive, Mixed},
		{"Bank:Assets", ActivePassive, Mixed}, // only the top level counts
	}
	for _, tt := range tests {
		k, c := KindForName(tt.name)
		if k != tt.kind || c != tt.class {
			t.Errorf("KindForName(%q) = %s, %s; want %s, %s", tt.name, k, c, tt.kind, tt.class)
		}
		a := Account{Code: "x", Kind: k, Class: c}
		if err := a.Validate(); err != nil {
			t.Errorf("KindForName(%q) gives an invalid account: %v", tt.name, err)
		}
	}
}

func TestKindAndClassValid(t *testing.T) {
	for _, k := range []Kind{Active, Passive, ActivePassive} {
		if !k.Valid() {
			t.Errorf("%q not valid", k)
		}
	}
	for _, k := range []Kind{"", "PA", "ap", "A "} {
		if k.Valid() {
			t.Errorf("%q valid", k)
		}
	}
	for _, c := range []Class{Asset, Liability, Equity, Income, Expense, Mixed, OffBalance} {
		if !c.Valid() {
			t.Errorf("%q not valid", c)
		}
	}
	for _, c := range []Class{"", "Asset", "offbalance"} {
		if c.Valid() {
			t.Errorf("%q valid", c)
		}
	}
	if AnalyticKind("").Valid() || AnalyticKind("Item").Valid() {
		t.Error("unknown analytic kinds valid")
	}
}

func TestNamesIn(t *testing.T) {
	all := Names{TK: "Kassa", RU: "Касса", EN: "Cash"}
	tests := []struct {
		n    Names
		lang string
		want string
	}{
		{all, "tk", "Kassa"},
		{all, "ru", "Касса"},
		{all, "en", "Cash"},
		{all, "de", "Касса"},
		{all, "", "Касса"},
		{Names{RU: "Касса", EN: "Cash"}, "tk", "Касса"},
		{Names{TK: "Kassa", EN: "Cash"}, "ru", "Cash"},
		{Names{TK: "Kassa"}, "en", "Kassa"},
		{Names{TK: "Kassa"}, "ru", "Kassa"},
		{Names{EN: "Cash"}, "tk", "Cash"},
		{Names{}, "ru", ""},
	}
	for _, tt := range tests {
		if got := tt.n.In(tt.lang); got != tt.want {
			t.Errorf("%+v.In(%q) = %q, want %q", tt.n, tt.lang, got, tt.want)
		}
	}
}

func TestChartGetAndString(t *testing.T) {
	ch := testChart()
	a, err := ch.Get("62.01")
	if err != nil || a.Code != "62.01" {
		t.Fatalf("Get(62.01) = %v, %v", a, err)
	}
	_, err = ch.Get("62.02")
	wantCode(t, err, ENotFound)
	b := Account{Code: "50", Names: Names{RU: "Касса", EN: "Cash"}}
	if got := b.String(); got != "50 Касса" {
		t.Errorf("String() = %q", got)
	}
	if !ch["001"].OffBalance() || ch["50"].OffBalance() {
		t.Error("OffBalance wrong")
	}
}

func TestErrorCode(t *testing.T) {
	e := Errorf(ELocked, "date %s is locked", "2024-01-01")
	if e.Error() != "date 2024-01-01 is locked" {
		t.Errorf("Error() = %q", e.Error())
	}
	wrapped := fmt.Errorf("post entry: %w", e)
	tests := []struct {
		err  error
		want Code
	}{
		{nil, ""},
		{e, ELocked},
		{wrapped, ELocked},
		{fmt.Errorf("outer: %w", wrapped), ELocked},
		{errors.New("disk full"), EInternal},
		{errors.Join(errors.New("x"), Errorf(ENotFound, "y")), ENotFound},
	}
	for _, tt := range tests {
		if got := ErrorCode(tt.err); got != tt.want {
			t.Errorf("ErrorCode(%v) = %q, want %q", tt.err, got, tt.want)
		}
		if tt.want != "" && !IsCode(tt.err, tt.want) {
			t.Errorf("IsCode(%v, %q) false", tt.err, tt.want)
		}
	}
}
