package api

// RoutePatterns lists the patterns of the routing table, for the test that
// holds the OpenAPI document to it.
func RoutePatterns() []string {
	var out []string
	for _, r := range (&server{}).routes() {
		out = append(out, r.pattern)
	}
	return out
}
