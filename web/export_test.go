package web

// RoutePatterns lists the patterns of the routing table, for the access
// matrix test to check that it covers every route.
func RoutePatterns() []string {
	s := &server{}
	var ps []string
	for _, r := range s.routes() {
		ps = append(ps, r.pattern)
	}
	return ps
}
