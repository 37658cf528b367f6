package api

import (
	"net/http"
	"strings"

	"hasap/app"
	"hasap/auth"
	"hasap/ledger"
)

// catalogKind reads the {kind} of the path: an unknown catalog is a
// resource that does not exist.
func catalogKind(r *http.Request) (ledger.AnalyticKind, error) {
	k := ledger.AnalyticKind(r.PathValue("kind"))
	if !k.Valid() {
		return "", ledger.Errorf(ledger.ENotFound, "unknown analytics catalog %q", k)
	}
	return k, nil
}

// analytics lists a catalog ordered by code: ?search= filters by a
// substring of the code or a name, ?limit= (default 50) bounds the list.
func (s *server) analytics(w http.ResponseWriter, r *http.Request, q *request) error {
	org, err := s.app.Org(r.Context(), q.actor, r.PathValue("org"))
	if err != nil {
		return err
	}
	kind, err := catalogKind(r)
	if err != nil {
		return err
	}
	search, err := textParam(r, "search")
	if err != nil {
		return err
	}
	limit, err := limitParam(r, defaultAnalytics, app.MaxAnalyticsLimit)
	if err != nil {
		return err
	}
	list, err := s.app.SearchAnalytics(r.Context(), q.actor, org.Code, kind, search, limit)
	if err != nil {
		return err
	}
	var ownerIDs []ledger.AnalyticID
	for _, a := range list {
		if a.Owner != 0 {
			ownerIDs = append(ownerIDs, a.Owner)
		}
	}
	owners, err := s.app.AnalyticsByID(r.Context(), q.actor, org.Code, ownerIDs)
	if err != nil {
		return err
	}
	out := List[Analytic]{Items: make([]Analytic, len(list))}
	for i, a := range list {
		out.Items[i] = analyticJSON(a, owners, q.lang)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// analyticInput is the body of a new catalog entry. Owner is the code of
// a contract's counterparty.
type analyticInput struct {
	Code  string       `json:"code"`
	Names ledger.Names `json:"names"`
	Owner string       `json:"owner"`
}

// createAnalytic adds an entry to a catalog.
func (s *server) createAnalytic(w http.ResponseWriter, r *http.Request, q *request) error {
	org, _, err := s.app.Authorize(r.Context(), q.actor, r.PathValue("org"), auth.EditCatalogs)
	if err != nil {
		return err
	}
	kind, err := catalogKind(r)
	if err != nil {
		return err
	}
	var in analyticInput
	if err := decodeBody(r, &in); err != nil {
		return err
	}
	an := ledger.Analytic{Kind: kind, Code: strings.TrimSpace(in.Code), Names: in.Names}
	owners := map[ledger.AnalyticID]ledger.Analytic{}
	if in.Owner != "" {
		if kind != ledger.Contract {
			return ledger.Errorf(ledger.EInvalid, "only a contract has an owner (its counterparty)")
		}
		owner, err := s.app.AnalyticByCode(r.Context(), q.actor, org.Code, ledger.Counterparty, in.Owner)
		if ledger.IsCode(err, ledger.ENotFound) {
			return ledger.Errorf(ledger.EInvalid, "%s %s does not exist", ledger.Counterparty, in.Owner)
		}
		if err != nil {
			return err
		}
		an.Owner, owners[owner.ID] = owner.ID, owner
	}
	if err := s.app.CreateAnalytic(r.Context(), q.actor, org.Code, &an); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, analyticJSON(an, owners, q.lang))
	return nil
}
