package doc

import (
	"reflect"

	"hasap/ledger"
)

// AccountField is one account of the posting settings: its path in
// Settings ("Sales.Revenue") and where it is kept.
type AccountField struct {
	Path string
	Code *ledger.AccountCode
}

var accountCodeType = reflect.TypeFor[ledger.AccountCode]()

// AccountFields lists the accounts s names, in the order Settings declares
// them, so that the settings page and its checks cover an account added to
// Settings (or to one of its groups) without more code.
func (s *Settings) AccountFields() []AccountField {
	var out []AccountField
	var walk func(v reflect.Value, prefix string)
	walk = func(v reflect.Value, prefix string) {
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			switch {
			case f.Type == accountCodeType:
				out = append(out, AccountField{Path: prefix + f.Name, Code: v.Field(i).Addr().Interface().(*ledger.AccountCode)})
			case f.Type.Kind() == reflect.Struct:
				walk(v.Field(i), prefix+f.Name+".")
			}
		}
	}
	walk(reflect.ValueOf(s).Elem(), "")
	return out
}

// Check reports whether r is a rate a document may carry: "exempt" or a
// percentage from 0 % to 100 % with up to two decimals.
func (r Rate) Check() error {
	_, err := r.basisPoints()
	return err
}
