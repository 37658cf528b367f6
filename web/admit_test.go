package web

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// TestAdmitQueuesInOrder: with one place, requests run one at a time in
// the order they arrived; static files pass by the queue.
func TestAdmitQueuesInOrder(t *testing.T) {
	release := make(chan struct{})
	var mu sync.Mutex
	var order []string
	h := admit(1, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/first" {
			<-release
		}
		mu.Lock()
		order = append(order, r.URL.Path)
		mu.Unlock()
	}))
	var wg sync.WaitGroup
	serve := func(path string) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, path, nil))
		}()
	}
	serve("/first")
	time.Sleep(20 * time.Millisecond) // /first holds the place
	for _, p := range []string{"/a", "/b", "/c", "/d"} {
		serve(p)
		time.Sleep(20 * time.Millisecond) // each is queued before the next comes
	}
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/static/hasap.css", nil))
	close(release)
	wg.Wait()
	want := []string{"/static/hasap.css", "/first", "/a", "/b", "/c", "/d"}
	if len(order) != len(want) {
		t.Fatalf("served %v, want %v", order, want)
	}
	for i := range want {
		if order[i] != want[i] {
			t.Fatalf("served in the order %v, want %v", order, want)
		}
	}
}
