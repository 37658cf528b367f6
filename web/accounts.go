package web

import (
	"cmp"
	"net/http"
	"slices"

	"hasap/i18n"
	"hasap/ledger"
)

type accountsData struct {
	*page
	Rows  []accountRow
	Saved ledger.AccountCode // the account just added or changed, to mark
}

type accountRow struct {
	*ledger.Account
	Depth int
}

// accounts shows the chart of accounts as a tree: codes, names, kinds,
// classes, flags and the analytics each account requires. Those who may
// edit the chart get a link to a new account and to each account's form;
// ?saved= marks the account a form just saved.
func (s *server) accounts(w http.ResponseWriter, r *http.Request, q *request) {
	chart, err := s.app.Accounts(r.Context(), q.actor, q.org.Code)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	p := s.newPage(r, q, i18n.T(q.lang, "Chart of accounts"))
	p.Nav = "accounts"
	d := &accountsData{page: p, Rows: chartTree(chart)}
	if saved := ledger.AccountCode(r.URL.Query().Get("saved")); chart[saved] != nil {
		d.Saved = saved
	}
	s.render(w, r, http.StatusOK, "accounts", "", d)
}

// chartTree orders the chart as a tree: each account followed by its
// sub-accounts, siblings by code, off-balance accounts last (as in the
// trial balance). An account whose parent is missing is a root.
func chartTree(chart ledger.Chart) []accountRow {
	children := map[ledger.AccountCode][]*ledger.Account{}
	for _, a := range chart {
		parent := a.Parent
		if chart[parent] == nil {
			parent = ""
		}
		children[parent] = append(children[parent], a)
	}
	for _, list := range children {
		slices.SortFunc(list, func(a, b *ledger.Account) int {
			if a.OffBalance() != b.OffBalance() {
				if a.OffBalance() {
					return 1
				}
				return -1
			}
			return cmp.Compare(a.Code, b.Code)
		})
	}
	rows := make([]accountRow, 0, len(chart))
	var walk func(parent ledger.AccountCode, depth int)
	walk = func(parent ledger.AccountCode, depth int) {
		if depth > 16 {
			return
		}
		for _, a := range children[parent] {
			rows = append(rows, accountRow{Account: a, Depth: depth})
			walk(a.Code, depth+1)
		}
	}
	walk("", 0)
	return rows
}
