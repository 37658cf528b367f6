package web_test

import (
	"context"
	"strconv"
	"testing"

	"hasap/app"
	"hasap/auth"
	"hasap/doc"
	"hasap/ledger"
)

// TestPaymentPageNamesTheOrganisationsAccount: a payment line that names
// no account shows the account the organisation's posting settings post
// it to, here receivables kept on 76.06 instead of the chart's 62.01.
func TestPaymentPageNamesTheOrganisationsAccount(t *testing.T) {
	f := books(t)
	ctx := context.Background()
	const org, email = "rule-web", "accountant@rule.example"
	if _, err := f.app.CreateOrg(ctx, app.System, app.CreateOrgInput{Code: org, Name: "Düzgün HJ", Chart: "cis"}); err != nil {
		t.Fatal(err)
	}
	s, err := f.app.OrgSettings(ctx, app.System, org)
	if err != nil {
		t.Fatal(err)
	}
	s.Posting.Sales.Receivable = "76.06"
	if _, err := f.app.SaveOrgSettings(ctx, app.System, org, s); err != nil {
		t.Fatal(err)
	}
	an := catalogMaker(t, f.app, org)
	cust := an(ledger.Counterparty, "CUST", ledger.Names{RU: "Покупатель"}, 0)
	d, err := f.app.CreateDocument(ctx, app.System, org, doc.Document{Type: doc.PaymentIn, Date: ledger.DateOf(2026, 2, 11),
		Refs: doc.Refs{Counterparty: cust}, Lines: []doc.Line{{Amount: 1000_00}}})
	if err != nil {
		t.Fatal(err)
	}
	addMember(t, ctx, f.app, org, email, "Rule", auth.Accountant)
	_, body := f.login(t, email, "ru").get("/o/" + org + "/documents/" + strconv.FormatInt(d.ID, 10))
	mustHave(t, "the payment's page", body, `76.06 <small class="hint">по правилу`)
}
