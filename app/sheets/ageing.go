package sheets

import (
	"strconv"

	"hasap/app"
	"hasap/i18n"
	"hasap/ledger"
	"hasap/money"
	"hasap/report/sheet"
	"hasap/settle"
)

// Ageing columns: the counterparty's code and name, one per bucket, the
// total and the advances.
const (
	AgeingCode = iota
	AgeingName
	AgeingFirstBucket
)

// BucketTitle names bucket i of limits in lang: "0–30", "31–60", "over 90".
func BucketTitle(limits []int, i int, lang string) string {
	switch {
	case i == len(limits):
		return i18n.Sprintf(lang, "over %d", limits[i-1])
	case i == 0:
		return "0–" + strconv.Itoa(limits[0])
	}
	return strconv.Itoa(limits[i-1]+1) + "–" + strconv.Itoa(limits[i])
}

// Ageing is the sheet of an ageing: a row per counterparty (code, name,
// its open receivables or payables by bucket, their total, its advances)
// and the totals. The columns of the buckets are AgeingFirstBucket on, the
// total and the advances the last two.
func Ageing(rep *app.AgeingReport, org ledger.Org, lang string) (*sheet.Sheet, error) {
	recv := rep.Side == app.AgeCustomers
	sh := &sheet.Sheet{Name: "ageing-payable", Title: i18n.T(lang, "Payables ageing"), Landscape: true}
	adv := i18n.T(lang, "Advances paid")
	if recv {
		sh.Name, sh.Title, adv = "ageing-receivable", i18n.T(lang, "Receivables ageing"), i18n.T(lang, "Advances received")
	}
	sh.Lines = []string{orgLine(org), i18n.Sprintf(lang, "As of %s", dateText(rep.AsOf, lang))}
	exp := org.Currency.Exponent
	sh.Columns = []sheet.Column{{Title: i18n.T(lang, "Code"), Width: 10}, {Title: i18n.T(lang, "Counterparty"), Width: 32}}
	group := i18n.T(lang, "Days since the date")
	limits := rep.Total.Limits
	for i := 0; i <= len(limits); i++ {
		sh.Columns = append(sh.Columns, sheet.Column{Title: BucketTitle(limits, i, lang), Group: group, Kind: sheet.Money, Exp: exp})
	}
	sh.Columns = append(sh.Columns, sheet.Column{Title: i18n.T(lang, "Total"), Kind: sheet.Money, Exp: exp},
		sheet.Column{Title: adv, Kind: sheet.Money, Exp: exp})
	row := func(style sheet.Style, code, title string, ag settleSums, err error) error {
		if err != nil {
			return err
		}
		cells := []sheet.Cell{sheet.T(code), sheet.T(title)}
		for _, v := range ag.buckets {
			cells = append(cells, sheet.NZ(v))
		}
		cells = append(cells, sheet.NZ(ag.total), sheet.NZ(ag.advances))
		if style == sheet.Total {
			for i := 2; i < len(cells); i++ {
				cells[i].Set = true
			}
		}
		sh.Add(style, 0, cells...)
		return nil
	}
	for _, r := range rep.Rows {
		c := r.Counterparty
		sums, err := sumsOf(r.Receivable, r.Payable, r.AdvancesReceived, r.AdvancesPaid, recv)
		if err := row(sheet.Plain, c.Code, name(c.Names, c.Code, lang), sums, err); err != nil {
			return nil, err
		}
	}
	t := rep.Total
	sums, err := sumsOf(t.Receivable, t.Payable, t.AdvancesReceived, t.AdvancesPaid, recv)
	if err := row(sheet.Total, i18n.T(lang, "Total"), "", sums, err); err != nil {
		return nil, err
	}
	return sh, nil
}

// settleSums are one row's numbers.
type settleSums struct {
	buckets         []money.Amount
	total, advances money.Amount
}

// sumsOf picks the side's buckets and advances and sums the buckets.
func sumsOf(recvB, payB []money.Amount, advRecv, advPaid money.Amount, recv bool) (settleSums, error) {
	s := settleSums{buckets: payB, advances: advPaid}
	if recv {
		s.buckets, s.advances = recvB, advRecv
	}
	var err error
	s.total, err = settle.Total(s.buckets)
	return s, err
}
