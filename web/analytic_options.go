package web

import (
	"net/http"
	"regexp"
	"strings"

	"hasap/ledger"
)

// listID is the id of a <datalist> a picker asks for: a letter, then at
// most 47 letters, digits, "-" and "_" (what the form's field names make).
var listID = regexp.MustCompile(`^[a-z][a-z0-9_-]{0,47}$`)

type analyticOptionsData struct {
	*page
	ListID  string
	Choices []ledger.Analytic
}

// analyticOptions answers an analytic picker as its user types: a
// <datalist id=ID> of at most app.MaxAnalyticChoices entries of catalog
// {kind} whose code or name holds the text, the closest first, each an
// <option> whose value is the code and whose label the name. ?list= is ID;
// ?q= is the text, or ?field= names the parameter that holds it (htmx sends
// a field's value under the field's own name). A picker's input points its
// list attribute at the datalist, and htmx swaps the answer in its place:
// the whole catalog never reaches a page. Without JavaScript nobody asks,
// and a code typed in full works as ever.
func (s *server) analyticOptions(w http.ResponseWriter, r *http.Request, q *request) {
	kind, ok := catalogKind(r)
	if !ok {
		s.notFoundPage(w, r, q)
		return
	}
	v := r.URL.Query()
	id := v.Get("list")
	if !listID.MatchString(id) {
		http.Error(w, http.StatusText(http.StatusBadRequest), http.StatusBadRequest)
		return
	}
	typed := v.Get("q")
	if f := v.Get("field"); f != "" && !v.Has("q") {
		typed = v.Get(f)
	}
	choices, err := s.app.AnalyticChoices(r.Context(), q.actor, q.org.Code, kind, strings.TrimSpace(typed))
	if err != nil {
		s.fail(w, r, q, err)
		return
	}
	s.render(w, r, http.StatusOK, "analytic_options", "options", &analyticOptionsData{page: s.newPage(r, q, ""), ListID: id, Choices: choices})
}

// OptionsURL is the address a picker of catalog k asks for suggestions:
// the datalist list, the text in the parameter field.
func (p *page) OptionsURL(k ledger.AnalyticKind, list, field string) string {
	return withParam(withParam(p.CatalogURL(k)+"/options", "list", list), "field", field)
}
