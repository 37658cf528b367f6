package api

import (
	"net/http"

	"hasap/auth"
)

// orgs lists the caller's organisations: for an API token, its own alone.
func (s *server) orgs(w http.ResponseWriter, r *http.Request, q *request) error {
	rs, err := s.app.MyOrgs(r.Context(), q.actor)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, List[Org]{Items: orgRolesJSON(rs)})
	return nil
}

// org shows one organisation and the caller's role in it.
func (s *server) org(w http.ResponseWriter, r *http.Request, q *request) error {
	org, role, err := s.app.Authorize(r.Context(), q.actor, r.PathValue("org"), auth.ReadBooks)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, orgJSON(org, string(role)))
	return nil
}
