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
	Rows []accountRow
}

type accountRow struct {
	*ledger.Account
	Depth int
}

// accounts shows the chart of accounts as a tree: codes, names, kinds,
// classes, flags and the analytics each account requires.
func (s *server) accounts(w http.ResponseWriter, r *http.Request, q *request) {
	chart, err := s.app.Accounts(r.Context(), q.actor, q.org.Code)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	p := s.newPage(r, q, i18n.T(q.lang, "Chart of accounts"))
	p.Nav = "accounts"
	s.render(w, r, http.StatusOK, "accounts", "", &accountsData{page: p, Rows: chartTree(chart)})
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
