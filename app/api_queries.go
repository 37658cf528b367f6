package app

import (
	"context"

	"hasap/auth"
	"hasap/ledger"
)

// The reads the JSON API needs besides those of the pages. Each checks
// tenant and role first (auth.ReadBooks).

// MaxAnalyticsLimit bounds a page of SearchAnalytics.
const MaxAnalyticsLimit = 1000

// SearchAnalytics lists the catalog kind, ordered by code: the entries
// whose code or name contains search (case-insensitively; "" for all), at
// most limit of them (capped at MaxAnalyticsLimit).
func (a *App) SearchAnalytics(ctx context.Context, actor Actor, orgCode string, kind ledger.AnalyticKind, search string, limit int) ([]ledger.Analytic, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return nil, err
	}
	if !kind.Valid() {
		return nil, ledger.Errorf(ledger.EInvalid, "unknown analytics catalog %q", kind)
	}
	limit = max(1, min(limit, MaxAnalyticsLimit))
	return a.Store.Analytics(ctx, org.ID, kind, search, limit)
}
