package web

import (
	"net/http"

	"hasap/i18n"
)

// setLang remembers the language picked with the switcher on every page,
// and goes back to that page.
func (s *server) setLang(w http.ResponseWriter, r *http.Request) {
	if !parseForm(w, r) {
		return
	}
	if lang := r.PostForm.Get("lang"); i18n.Valid(lang) {
		http.SetCookie(w, s.langCookie(lang))
	}
	http.Redirect(w, r, localPath(r.PostForm.Get("back")), http.StatusSeeOther)
}
