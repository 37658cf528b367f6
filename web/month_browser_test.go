package web_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"hasap/app"
	"hasap/auth"
	"hasap/ledger"
	"hasap/web"
)

// TestBrowserMonth walks February 2026 of a small trading company through
// the pages, as its accountant does it, in Russian: the opening balances,
// a purchase, a sale, a payment out, a cash receipt, the bank statement
// imported and its line matched to the sale's invoice, and the trial
// balance of the month at the end, which must be the one worked out here
// by hand. Every document is typed into its form and posted there; only
// the catalogs (counterparties, contracts, the item, the warehouse, the
// cash-flow items) are set up beforehand, as the catalog pages do (tested
// by TestBrowserCatalogs). The posting settings are the cis defaults:
// prices without VAT, VAT 15 % per line, input VAT offset on receipt.
//
// The month, worked by hand (amounts in manat):
//
//	02.02 opening balances (through 000):
//	      51 Dt 20 000,00; 80 Kt 20 000,00
//	03.02 supplier invoice from Ak Ýol, 100 bags of flour at 50,00:
//	      Dt 41.01 Kt 60.01   5 000,00
//	      Dt 19.03 Kt 60.01     750,00   (15 % of 5 000,00)
//	      Dt 68.02 Kt 19.03     750,00   (offset on receipt)
//	10.02 sales invoice to Gül, 60 bags at 80,00:
//	      Dt 62.01 Kt 90.01   5 520,00   (4 800,00 + 720,00 VAT)
//	      Dt 90.03 Kt 68.02     720,00
//	      Dt 90.02 Kt 41.01   3 000,00   (60 × the average cost 50,00)
//	12.02 payment order to Ak Ýol, its whole debt:
//	      Dt 60.01 Kt 51      5 750,00
//	16.02 cash receipt order KO-1 from Gül:
//	      Dt 50.01 Kt 62.01   1 520,00
//	20.02 bank statement (MT940): opening 14 250,00 (= 20 000,00 −
//	      5 750,00, the books' 51), one credit from Gül of 4 000,00 with
//	      "invoice 1" in its reference, closing 18 250,00; the line is
//	      matched to sales invoice № 1 and posted as an incoming payment:
//	      Dt 51 Kt 62.01      4 000,00
//
// Closing balances on 28.02:
//
//	50.01 Dt  1 520,00   1 520,00
//	51    Dt 18 250,00   20 000,00 − 5 750,00 + 4 000,00
//	41.01 Dt  2 000,00   5 000,00 − 3 000,00
//	19.03        —       750,00 − 750,00
//	60.01        —       5 750,00 − 5 750,00
//	62.01        —       5 520,00 − 1 520,00 − 4 000,00
//	68.02 Dt     30,00   750,00 offset − 720,00 charged
//	80    Kt 20 000,00
//	90.01 Kt  5 520,00
//	90.02 Dt  3 000,00
//	90.03 Dt    720,00
//	000          —       20 000,00 − 20 000,00
//
// Debits 1 520 + 18 250 + 2 000 + 30 + 3 000 + 720 = 25 520,00 = credits
// 20 000 + 5 520; the month's turnover on each side is 67 010,00 (000
// 20 000, 19.03 750, 41.01 5 000, 50.01 1 520, 51 24 000, 60.01 5 750,
// 62.01 5 520, 68.02 750, 90.02 3 000, 90.03 720). HASAP_SCREENSHOTS=1 saves month-statement.png and
// month-trial-balance.png.
func TestBrowserMonth(t *testing.T) {
	ctx := needBrowser(t)
	a := newBooks(t, ctx, false)
	const org, email = "month", "aman@month.example"
	if _, err := a.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: org, Name: "Ak Tam Söwda HJ", Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	an := catalogMaker(t, a, org)
	sup := an(ledger.Counterparty, "P01", ledger.Names{TK: "Ak Ýol HJ", RU: "ХО «Ак Ёл»"}, 0)
	cust := an(ledger.Counterparty, "C01", ledger.Names{TK: "Gül HK", RU: "ХК «Гюль»"}, 0)
	an(ledger.Contract, "P01/3", ledger.Names{RU: "Договор поставки № 3"}, sup)
	an(ledger.Contract, "C01/9", ledger.Names{RU: "Договор купли-продажи № 9"}, cust)
	an(ledger.Item, "T01", ledger.Names{RU: "Мука пшеничная, мешок 50 кг"}, 0)
	an(ledger.Warehouse, "S1", ledger.Names{RU: "Основной склад"}, 0)
	an(ledger.CashFlowItem, "DDS-00", ledger.Names{RU: "Остаток на начало"}, 0)
	an(ledger.CashFlowItem, "DDS-01", ledger.Names{RU: "Поступления от покупателей"}, 0)
	an(ledger.CashFlowItem, "DDS-02", ledger.Names{RU: "Оплата поставщикам"}, 0)
	addMember(t, ctx, a, org, email, "Aman Berdiýew", auth.Accountant)
	b := newBrowser(t, ctx, serveBooks(t, a, web.Options{}).URL)
	b.logIn(email, `/$`)

	newDoc := func(typ, heading string) {
		t.Helper()
		b.navigate("/o/month/documents")
		b.setValue(`form.new-doc select[name="type"]`, typ)
		b.click(`form.new-doc button`)
		b.see("main h1", heading)
	}
	posted := func(heading string) {
		t.Helper()
		b.seeURL(`/o/month/documents/[0-9]+$`)
		b.see("main h1", heading, "проведён")
	}

	// 02.02: the opening balances, the bank's money and the charter capital.
	newDoc("opening_balances", "Ввод начальных остатков")
	b.setValue(`input[name="date"]`, "02.02.2026")
	b.typeIn("#ac0", "51\t")
	b.typeIn("#ac0_1", "DDS-00")
	b.typeIn(`input[name="deb0"]`, "20 000,00")
	b.typeIn("#ac1", "80\t")
	b.typeIn(`input[name="cred1"]`, "20 000,00")
	b.click(`button[name="post"]`)
	posted("Ввод начальных остатков № 1 от 02.02.2026")

	// 03.02: the supplier's invoice for 100 bags of flour at 50,00.
	newDoc("supplier_invoice", "Счёт-фактура поставщика")
	b.setValue(`input[name="date"]`, "03.02.2026")
	b.typeIn(`input[name="counterparty"]`, "P01")
	b.typeIn(`input[name="contract"]`, "P01/3")
	b.typeIn(`input[name="warehouse"]`, "S1")
	b.typeIn(`input[name="item0"]`, "T01")
	b.typeIn(`input[name="qty0"]`, "100")
	b.typeIn(`input[name="price0"]`, "50,00")
	b.click(`button[name="post"]`)
	posted("Счёт-фактура поставщика № 1 от 03.02.2026")
	b.see("table.doc-lines tfoot", "5 000,00", "750,00", "5 750,00")

	// 10.02: 60 bags sold to Gül at 80,00.
	newDoc("sales_invoice", "Счёт-фактура")
	b.setValue(`input[name="date"]`, "10.02.2026")
	b.typeIn(`input[name="counterparty"]`, "C01")
	b.typeIn(`input[name="contract"]`, "C01/9")
	b.typeIn(`input[name="warehouse"]`, "S1")
	b.typeIn(`input[name="item0"]`, "T01")
	b.typeIn(`input[name="qty0"]`, "60")
	b.typeIn(`input[name="price0"]`, "80,00")
	b.click(`button[name="post"]`)
	posted("Счёт-фактура № 1 от 10.02.2026")
	b.see("table.doc-lines tfoot", "4 800,00", "720,00", "5 520,00")
	b.see("table.postings", "90.02", "41.01", "3 000,00")

	// 12.02: the supplier paid in full from the bank.
	newDoc("payment_out", "Платёжное поручение")
	b.setValue(`input[name="date"]`, "12.02.2026")
	b.typeIn(`input[name="counterparty"]`, "P01")
	b.typeIn(`input[name="contract"]`, "P01/3")
	b.typeIn(`input[name="cashflow"]`, "DDS-02")
	b.typeIn(`input[name="basis"]`, "Оплата по счёт-фактуре № 1 от 03.02.2026, в т.ч. НДС 15 % 750,00")
	b.typeIn(`input[name="amt0"]`, "5 750,00")
	b.click(`button[name="post"]`)
	posted("Платёжное поручение исходящее № 1 от 12.02.2026")
	b.see("table.postings", "60.01", "51", "5 750,00")

	// 16.02: Gül brings 1 520,00 to the cash desk.
	newDoc("cash_receipt", "Приходный кассовый ордер")
	b.setValue(`input[name="date"]`, "16.02.2026")
	b.typeIn(`input[name="counterparty"]`, "C01")
	b.typeIn(`input[name="contract"]`, "C01/9")
	b.typeIn(`input[name="cashflow"]`, "DDS-01")
	b.typeIn(`input[name="person"]`, "Гельдыев Мерген")
	b.typeIn(`input[name="basis"]`, "Оплата по счёт-фактуре № 1 от 10.02.2026")
	b.typeIn(`input[name="amt0"]`, "1 520,00")
	b.click(`button[name="post"]`)
	posted("Приходный кассовый ордер № 1 от 16.02.2026")
	b.see("table.postings", "50.01", "62.01", "1 520,00")

	// 20.02: the bank's statement, with Gül's 4 000,00.
	stmt := filepath.Join(t.TempDir(), "statement.sta")
	if err := os.WriteFile(stmt, []byte(monthStatement), 0o600); err != nil {
		t.Fatal(err)
	}
	importStatement(t, b, stmt)

	// The trial balance of the month.
	b.navigate("/o/month/trial-balance?from=2026-02-01&to=2026-02-28")
	b.see("main h1", "Оборотно-сальдовая ведомость")
	got := b.closingBalances()
	want := map[string]string{
		"50.01": "Dt 1 520,00",
		"51":    "Dt 18 250,00",
		"41.01": "Dt 2 000,00",
		"68.02": "Dt 30,00",
		"80":    "Kt 20 000,00",
		"90.01": "Kt 5 520,00",
		"90.02": "Dt 3 000,00",
		"90.03": "Dt 720,00",
	}
	for acct, w := range want {
		if got[acct] != w {
			t.Errorf("closing balance of %s: %q, want %q", acct, got[acct], w)
		}
	}
	for acct, g := range got {
		if _, ok := want[acct]; !ok && g != "" {
			t.Errorf("closing balance of %s: %q, want none", acct, g)
		}
	}
	b.see("table.tb tfoot", "67 010,00", "25 520,00")
	b.shot("month-trial-balance")
	b.noPageErrors()
}

// closingBalances reads the trial balance page's leaf rows: account →
// "Dt 1 520,00", "Kt …", or "" for a closed account.
func (b *browser) closingBalances() map[string]string {
	b.t.Helper()
	// The code is the cell's link to the card (beside it, the expand
	// toggle); an amount is its link (under it, a quantity or a currency).
	const js = `[...document.querySelectorAll('table.tb tbody tr:not(.group)')].map(tr => {
		const t = c => { const a = c.querySelector('a:not(.tg)'); return a ? a.textContent : ''; };
		return [t(tr.cells[0]), t(tr.cells[6]), t(tr.cells[7])].join('|'); }).join('\n')`
	ctx, cancel := context.WithTimeout(b.ctx, browserStep)
	defer cancel()
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil {
		b.t.Fatalf("read the trial balance: %v", err)
	}
	out := map[string]string{}
	for _, r := range strings.Split(rows, "\n") {
		f := strings.Split(normSpace(r), "|")
		if len(f) != 3 {
			continue
		}
		acct, dt, kt := strings.TrimSpace(f[0]), strings.TrimSpace(f[1]), strings.TrimSpace(f[2])
		switch {
		case dt != "":
			out[acct] = "Dt " + dt
		case kt != "":
			out[acct] = "Kt " + kt
		default:
			out[acct] = ""
		}
	}
	keys := make([]string, 0, len(out))
	for k := range out {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	b.t.Logf("trial balance, closing: %v", keys)
	return out
}

// monthStatement is the bank's MT940 statement of 20.02.2026: the balance
// the books show after the payment of 12.02, and Gül's payment for its
// invoice.
const monthStatement = `:20:FEB-20
:25:TM52TNB0000000000012345
:28C:38/1
:60F:C260219TMT14250,00
:61:2602200220C4000,00NTRFGUL-0220//TNB2002
:86:Gül HK
Tolenyan hasap-faktura 1 ot 10.02.2026
:62F:C260220TMT18250,00
-
`

// importStatement uploads the statement, checks the proposal for its one
// line (Gül, found by name; sales invoice № 1, found by its number in the
// payment details), confirms it with the cash-flow item of customers'
// money posting left ticked, and checks the reconciliation with 51.
func importStatement(t *testing.T, b *browser, file string) {
	t.Helper()
	b.navigate("/o/month/bank")
	b.see("main h1", "Банковские выписки")
	b.setValue(`form.bank-upload select[name="format"]`, "mt940")
	b.run("choose the statement", chromedp.SetUploadFiles(`form.bank-upload input[name="file"]`, []string{file}))
	b.click(`form.bank-upload button`)
	b.seeURL(`/o/month/bank/[0-9]+$`)
	b.see("main h1", "FEB-20")
	// Before: the statement opens at the books' balance of 51 and closes
	// 4 000,00 above it.
	b.see("table.recon", "14 250,00", "18 250,00", "4 000,00")
	b.seeValue(`input[name="cp_1"]`, "C01")
	b.seeValue(`input[name="contract_1"]`, "C01/9")
	if got := b.chosen(`select[name="invoice_1"]`); !strings.HasPrefix(got, "№ 1 ") {
		t.Fatalf("the invoice proposed for line 1: %q, want sales invoice № 1", got)
	}
	b.shot("month-statement")
	b.typeIn(`input[name="cashflow_in"]`, "DDS-01")
	// "Post the documents" comes ticked for whoever may post.
	b.seeAttr(`input[name="post"]`, "checked", "")
	b.click(`button[name="action"][value="confirm"]`)
	b.see("main", "Создано документов: 1; проведено: 1.")
	// After: the books agree with the bank.
	b.seeCell("table.recon tbody tr:nth-child(2)", 2, "18 250,00")
	b.seeCell("table.recon tbody tr:nth-child(2)", 3, "0,00")
	b.click(`table.bank-lines a[href*="/documents/"]`)
	b.see("main h1", "проведён")
	b.see("table.postings", "51", "62.01", "4 000,00")
}

// chosen is the text of the option chosen in the select sel.
func (b *browser) chosen(sel string) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, browserStep)
	defer cancel()
	js := fmt.Sprintf(`(s => s && s.selectedOptions.length ? s.selectedOptions[0].text : "")(document.querySelector(%q))`, sel)
	text, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil {
		b.t.Fatalf("%s: %v", sel, err)
	}
	return normSpace(text)
}
