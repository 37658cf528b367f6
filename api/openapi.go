package api

import (
	_ "embed"
	"net/http"
)

// openAPIDoc is the OpenAPI 3.0 description of this API, written by hand;
// the tests check every endpoint's real answers against its schemas.
//
//go:embed openapi.json
var openAPIDoc []byte

// openAPI serves the document. It is public: it holds no one's data.
func openAPI(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "public, max-age=3600")
	w.Write(openAPIDoc)
}
