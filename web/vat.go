package web

import (
	"net/http"
	"strconv"

	"hasap/app/sheets"
	"hasap/ledger"
)

// The VAT books of a month: GET /o/{org}/vat?year=&month= shows the sales
// book, the purchases book and the return's summary by rate, each
// document a link to it; ?format=csv|xlsx|pdf exports the same sheet.
// Without a month it is the month of today, or of the newest entry when
// nothing was posted since.

type vatData struct {
	*page
	Year, Month int
	Months      []monthOption
	Lines       []string
	Table       *sheetView
}

type monthOption struct {
	Value    int
	Title    string
	Selected bool
}

func (s *server) vat(w http.ResponseWriter, r *http.Request, q *request) {
	v := r.URL.Query()
	day, err := s.reportDay(r, q, "")
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	year, m, _ := day.YMD()
	month := int(m)
	for _, f := range []struct {
		name string
		to   *int
	}{{"year", &year}, {"month", &month}} {
		if x := v.Get(f.name); x != "" {
			n, err := strconv.Atoi(x)
			if err != nil || n < 1 || n > 9999 {
				s.fail(w, r, q, ledger.Errorf(ledger.EInvalid, "the month is invalid"))
				return
			}
			*f.to = n
		}
	}
	b, err := s.app.VATBooks(r.Context(), q.actor, q.org.Code, year, month)
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	sh, refs := sheets.VAT(b, q.org, q.lang)
	if f := exportFormat(r); f != "" {
		s.writeSheet(w, r, q, sh, f, sh.Name)
		return
	}
	p := s.newPage(r, q, sh.Title)
	p.Nav = "vat"
	d := &vatData{page: p, Year: year, Month: month, Lines: sh.Lines[1:]}
	for m := 1; m <= 12; m++ {
		d.Months = append(d.Months, monthOption{Value: m, Title: p.MonthShort(m), Selected: m == month})
	}
	docs := map[int]int64{}
	for _, x := range refs {
		docs[x.Row] = x.DocID
	}
	d.Table = newSheetView(p, sh, "vat", 0, len(sh.Rows), func(row, col int) string {
		if id, ok := docs[row]; ok && col == sheets.VATDocument {
			return p.DocumentURL(id)
		}
		return ""
	})
	s.render(w, r, http.StatusOK, "vat", "", d)
}
