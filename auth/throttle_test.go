package auth

import (
	"fmt"
	"net/netip"
	"sync"
	"testing"
	"time"
)

var (
	victim   = LoginKey("merdan@example.tm", netip.MustParseAddr("192.0.2.10"))
	attacker = LoginKey("merdan@example.tm", netip.MustParseAddr("198.51.100.66"))
)

// failN makes n allowed-and-failed attempts, one per second from start,
// and returns the time of the last.
func failN(t *testing.T, th *Throttle, k ThrottleKey, n int, start time.Time) time.Time {
	t.Helper()
	now := start
	for i := range n {
		if wait := th.Allow(k, now); wait != 0 {
			t.Fatalf("attempt %d: wait %v, want none", i+1, wait)
		}
		th.Fail(k, now)
		if i < n-1 {
			now = now.Add(time.Second)
		}
	}
	return now
}

func TestThrottleBackoff(t *testing.T) {
	for _, tc := range []struct {
		failures int
		wait     time.Duration
	}{
		{1, 0}, {4, 0},
		{5, time.Second}, {6, 2 * time.Second}, {7, 4 * time.Second},
		{10, 32 * time.Second}, {14, 512 * time.Second},
		{15, 15 * time.Minute}, {40, 15 * time.Minute},
	} {
		t.Run(fmt.Sprint(tc.failures), func(t *testing.T) {
			th := NewThrottle(ThrottleConfig{})
			now := t0
			for i := range tc.failures {
				if i > 0 {
					// Wait out each delay exactly, so the count builds up.
					now = now.Add(th.Wait(attacker, now))
				}
				if w := th.Allow(attacker, now); w != 0 {
					t.Fatalf("failure %d: still %v to wait", i+1, w)
				}
				th.Fail(attacker, now)
			}
			if got := th.Wait(attacker, now); got != tc.wait {
				t.Fatalf("after %d failures: Wait %v, want %v", tc.failures, got, tc.wait)
			}
			if got := th.Allow(attacker, now); got != tc.wait {
				t.Fatalf("after %d failures: wait %v, want %v", tc.failures, got, tc.wait)
			}
			if tc.wait > 0 {
				if got := th.Allow(attacker, now.Add(tc.wait/2)); got != tc.wait-tc.wait/2 {
					t.Fatalf("halfway: wait %v, want %v", got, tc.wait-tc.wait/2)
				}
				if got := th.Allow(attacker, now.Add(tc.wait)); got != 0 {
					t.Fatalf("after the delay: wait %v, want 0", got)
				}
			}
			if got := th.Allow(victim, now); got != 0 {
				t.Fatalf("the real user, from their own address, waits %v", got)
			}
		})
	}
}

func TestThrottleSucceedResets(t *testing.T) {
	th := NewThrottle(ThrottleConfig{})
	last := failN(t, th, victim, 5, t0) // the real user mistyping
	if th.Allow(victim, last) == 0 {
		t.Fatal("no delay after 5 failures")
	}
	now := last.Add(time.Second)
	if w := th.Allow(victim, now); w != 0 {
		t.Fatalf("wait %v after the delay", w)
	}
	th.Succeed(victim)
	if th.Len() != 0 {
		t.Fatalf("%d keys after success", th.Len())
	}
	failN(t, th, victim, 5, now) // five free failures again
}

func TestThrottleDecay(t *testing.T) {
	th := NewThrottle(ThrottleConfig{})
	last := failN(t, th, attacker, 5, t0)
	for i := range 5 { // 10 failures in all
		last = last.Add(th.Wait(attacker, last))
		if th.Allow(attacker, last) != 0 {
			t.Fatalf("extra failure %d not allowed", i)
		}
		th.Fail(attacker, last)
	}
	if w := th.Allow(attacker, last); w != 32*time.Second {
		t.Fatalf("after 10 failures: wait %v, want 32s", w)
	}
	// Two quiet hours forgive 8 of the 10: two more failures are free, the
	// third is the fifth and brings back the first delay, not 64 s.
	now := last.Add(2 * time.Hour)
	now = failN(t, th, attacker, 3, now)
	if w := th.Allow(attacker, now); w != time.Second {
		t.Fatalf("after decay and 3 more failures: wait %v, want 1s", w)
	}
	// A day of quiet forgives everything.
	failN(t, th, attacker, 5, now.Add(24*time.Hour))
}

func TestThrottleBurstCannotSlipThrough(t *testing.T) {
	th := NewThrottle(ThrottleConfig{})
	allowed := 0
	for range 100 { // concurrent requests: all Allow before any Fail
		if th.Allow(attacker, t0) == 0 {
			allowed++
		}
	}
	if allowed != 5 {
		t.Fatalf("%d of a burst of 100 allowed, want 5", allowed)
	}
	for range allowed {
		th.Fail(attacker, t0)
	}
	if w := th.Allow(attacker, t0); w != time.Second {
		t.Fatalf("after the burst failed: wait %v, want 1s (5 failures, not 10)", w)
	}
}

func TestThrottleFailWithoutAllowCounts(t *testing.T) {
	th := NewThrottle(ThrottleConfig{})
	for range 5 {
		th.Fail(attacker, t0)
	}
	if w := th.Allow(attacker, t0); w != time.Second {
		t.Fatalf("wait %v, want 1s", w)
	}
}

func TestThrottleMemoryBound(t *testing.T) {
	th := NewThrottle(ThrottleConfig{FreeFailures: 1, MaxKeys: 3})
	key := func(i int) ThrottleKey {
		return LoginKey(fmt.Sprintf("user%d@example.tm", i), netip.MustParseAddr("192.0.2.1"))
	}
	for i := 1; i <= 3; i++ {
		th.Fail(key(i), t0)
	}
	if th.Allow(key(1), t0) == 0 { // also makes key 1 the most recent
		t.Fatal("key 1 not throttled")
	}
	th.Fail(key(4), t0) // drops key 2, the least recently used
	if th.Len() != 3 {
		t.Fatalf("%d keys, want 3", th.Len())
	}
	for i, throttled := range map[int]bool{1: true, 2: false, 3: true, 4: true} {
		if got := th.Wait(key(i), t0) > 0; got != throttled {
			t.Errorf("key %d throttled = %v, want %v", i, got, throttled)
		}
	}
	for i := range 1000 {
		th.Fail(key(100+i), t0)
	}
	if th.Len() != 3 {
		t.Fatalf("%d keys after a flood, want 3", th.Len())
	}
}

func TestThrottleConcurrent(t *testing.T) {
	th := NewThrottle(ThrottleConfig{MaxKeys: 50})
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 500 {
				k := LoginKey(fmt.Sprintf("u%d", (g*7+i)%80), netip.MustParseAddr("192.0.2.1"))
				now := t0.Add(time.Duration(i) * time.Second)
				if th.Allow(k, now) == 0 {
					if i%10 == 0 {
						th.Succeed(k)
					} else {
						th.Fail(k, now)
					}
				}
			}
		})
	}
	wg.Wait()
	if n := th.Len(); n > 50 {
		t.Fatalf("%d keys, want at most 50", n)
	}
}

func TestLoginKey(t *testing.T) {
	for _, tc := range []struct {
		name       string
		a, b       ThrottleKey
		sameBucket bool
	}{
		{"email case and spaces", LoginKey(" Merdan@Example.TM ", ip("192.0.2.1")), LoginKey("merdan@example.tm", ip("192.0.2.1")), true},
		{"other IPv4", LoginKey("m", ip("192.0.2.1")), LoginKey("m", ip("192.0.2.2")), false},
		{"same IPv6 /64", LoginKey("m", ip("2001:db8:1:2::1")), LoginKey("m", ip("2001:db8:1:2:ffff:ffff:ffff:ffff")), true},
		{"other IPv6 /64", LoginKey("m", ip("2001:db8:1:2::1")), LoginKey("m", ip("2001:db8:1:3::1")), false},
		{"IPv4-mapped", LoginKey("m", ip("::ffff:192.0.2.1")), LoginKey("m", ip("192.0.2.1")), true},
		{"zone", LoginKey("m", ip("fe80::1%eth0")), LoginKey("m", ip("fe80::2")), true},
		{"other account", LoginKey("a", ip("192.0.2.1")), LoginKey("b", ip("192.0.2.1")), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if (tc.a == tc.b) != tc.sameBucket {
				t.Fatalf("%v and %v: same = %v, want %v", tc.a, tc.b, tc.a == tc.b, tc.sameBucket)
			}
		})
	}
}

func ip(s string) netip.Addr { return netip.MustParseAddr(s) }

func TestThrottleWaitCountsNothing(t *testing.T) {
	th := NewThrottle(ThrottleConfig{})
	if th.Wait(attacker, t0) != 0 || th.Len() != 0 {
		t.Fatal("Wait on an unknown key made an entry or a delay")
	}
	last := failN(t, th, attacker, 4, t0)
	for range 10 {
		if w := th.Wait(attacker, last); w != 0 {
			t.Fatalf("Wait after 4 failures = %v", w)
		}
	}
	failN(t, th, attacker, 1, last) // the fifth is still free
}
