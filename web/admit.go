package web

import (
	"net/http"
	"runtime"
	"strings"
)

// admit lets at most n requests work at once and queues the others in the
// order they came: a Go channel wakes the senders blocked on it first come,
// first served. Without it, a burst of requests all wait on the database's
// connection pool, which hands a freed connection to any waiter; under
// load a few unlucky requests then waited seconds while the median took
// tens of milliseconds (BENCHMARKS.md section 4). A queued request whose
// client goes away leaves the queue.
//
// Static files, journal uploads and journal exports pass by: the first
// need no database, the others stream for minutes on a slow line and
// would hold a place the whole time.
func admit(n int, next http.Handler) http.Handler {
	slots := make(chan struct{}, n)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if bypassesQueue(r) {
			next.ServeHTTP(w, r)
			return
		}
		select {
		case slots <- struct{}{}:
		case <-r.Context().Done():
			return
		}
		defer func() { <-slots }()
		next.ServeHTTP(w, r)
	})
}

// activeRequests is how many requests work at once: enough to keep every
// core busy while some wait on the disk (a posting's fsync).
func activeRequests() int { return max(8, 4*runtime.GOMAXPROCS(0)) }

func bypassesQueue(r *http.Request) bool {
	p := r.URL.Path
	switch {
	case strings.HasPrefix(p, "/static/"):
		return true
	case r.Method == http.MethodPost && (isImportUpload(p) || strings.HasSuffix(p, "/control/export")):
		return true
	}
	return false
}
