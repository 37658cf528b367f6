package auth

import (
	"container/list"
	"net/netip"
	"strings"
	"sync"
	"time"
)

// ThrottleKey is what login attempts are counted by: the account tried and
// the client's address. Keying by the pair slows an attacker's guesses at
// an account from their addresses without locking the real user out from
// theirs. Build keys with LoginKey.
type ThrottleKey struct {
	Account string
	IP      netip.Addr
}

// LoginKey returns the throttle key of an attempt at account (an email,
// compared case-insensitively) from ip. An IPv6 address counts as its /64,
// the block one subscriber gets, so an attacker cannot hop addresses within
// it; an IPv4-mapped IPv6 address counts as the IPv4 one.
func LoginKey(account string, ip netip.Addr) ThrottleKey {
	ip = ip.Unmap().WithZone("")
	if ip.Is6() {
		if p, err := ip.Prefix(64); err == nil {
			ip = p.Addr()
		}
	}
	return ThrottleKey{Account: strings.ToLower(strings.TrimSpace(account)), IP: ip}
}

// ThrottleConfig tunes a Throttle. A zero field means its default.
type ThrottleConfig struct {
	FreeFailures int           // failures before any delay; default 5
	BaseDelay    time.Duration // delay after FreeFailures; default 1 s, doubling after each further failure
	MaxDelay     time.Duration // cap on the delay; default 15 min
	DecayEvery   time.Duration // one failure is forgiven per this much quiet; default 15 min
	MaxKeys      int           // keys kept, least recently used dropped first; default 100 000
}

// Defaults of ThrottleConfig.
const (
	DefaultFreeFailures = 5
	DefaultBaseDelay    = time.Second
	DefaultMaxDelay     = 15 * time.Minute
	DefaultDecayEvery   = 15 * time.Minute
	DefaultMaxKeys      = 100_000
)

// Throttle slows down password guessing with exponential backoff per key:
// after FreeFailures failures each attempt must wait BaseDelay, doubling per
// further failure up to MaxDelay. Failures decay (one per DecayEvery of
// quiet), a success clears the key, and there is never a hard lockout: at
// worst one attempt per MaxDelay per key. Memory is bounded by MaxKeys.
//
// Use it as: wait := t.Allow(key, now); if wait > 0, refuse ("try again in
// wait") without checking the password; else check it and call Succeed(key)
// or Fail(key, now). An allowed attempt counts as a failure until then, so
// that a burst of concurrent requests cannot all slip through at once.
//
// A second Throttle with a higher FreeFailures, keyed by address alone
// (empty Account), can slow one address trying many accounts; an office
// behind one NAT address is why that threshold must be higher. Use another
// Throttle, keyed by user, for TOTP codes.
//
// A Throttle is safe for concurrent use. Its state lives in memory, per
// process: a restart forgives everyone, which costs an attacker little and
// needs no store.
type Throttle struct {
	cfg ThrottleConfig

	mu      sync.Mutex
	entries map[ThrottleKey]*list.Element // of *throttleEntry
	lru     *list.List                    // front: most recently used
}

type throttleEntry struct {
	key      ThrottleKey
	failures int       // counted failures, allowed attempts in flight included
	inflight int       // allowed attempts not yet reported by Fail or Succeed
	last     time.Time // of the last allowed attempt or failure
}

// NewThrottle returns an empty Throttle.
func NewThrottle(cfg ThrottleConfig) *Throttle {
	if cfg.FreeFailures <= 0 {
		cfg.FreeFailures = DefaultFreeFailures
	}
	cfg.BaseDelay = orDefault(cfg.BaseDelay, DefaultBaseDelay)
	cfg.MaxDelay = orDefault(cfg.MaxDelay, DefaultMaxDelay)
	cfg.DecayEvery = orDefault(cfg.DecayEvery, DefaultDecayEvery)
	if cfg.MaxKeys <= 0 {
		cfg.MaxKeys = DefaultMaxKeys
	}
	return &Throttle{cfg: cfg, entries: make(map[ThrottleKey]*list.Element), lru: list.New()}
}

// Allow returns how long the attempt for key must wait: 0 means go ahead,
// and the attempt is counted (see Throttle).
func (t *Throttle) Allow(key ThrottleKey, now time.Time) (wait time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	e := t.entry(key)
	n := t.decayed(e, now)
	if n >= t.cfg.FreeFailures {
		if wait := e.last.Add(t.delay(n)).Sub(now); wait > 0 {
			return wait
		}
	}
	e.failures, e.inflight, e.last = n+1, min(e.inflight, n)+1, now
	return 0
}

// Wait returns how long an attempt for key would wait at now, counting
// nothing: for a page that says "try again in a minute" before the form is
// sent. Gate the attempt itself with Allow.
func (t *Throttle) Wait(key ThrottleKey, now time.Time) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	el, ok := t.entries[key]
	if !ok {
		return 0
	}
	e := el.Value.(*throttleEntry)
	n := t.decayed(e, now)
	if n < t.cfg.FreeFailures {
		return 0
	}
	return max(0, e.last.Add(t.delay(n)).Sub(now))
}

// Fail records a failed attempt for key at now.
func (t *Throttle) Fail(key ThrottleKey, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	e := t.entry(key)
	n := t.decayed(e, now)
	e.inflight = min(e.inflight, n)
	if e.inflight > 0 {
		e.inflight-- // Allow counted it already
	} else {
		n++
	}
	e.failures, e.last = n, now
}

// Succeed forgets key's failures: the real user is never kept waiting by
// the attempts before their own success.
func (t *Throttle) Succeed(key ThrottleKey) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if el, ok := t.entries[key]; ok {
		t.lru.Remove(el)
		delete(t.entries, key)
	}
}

// Len returns the number of keys held.
func (t *Throttle) Len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.entries)
}

// entry returns key's entry, made most recently used, creating it (and
// dropping the least recently used beyond MaxKeys) when missing.
func (t *Throttle) entry(key ThrottleKey) *throttleEntry {
	if el, ok := t.entries[key]; ok {
		t.lru.MoveToFront(el)
		return el.Value.(*throttleEntry)
	}
	for len(t.entries) >= t.cfg.MaxKeys {
		oldest := t.lru.Back()
		t.lru.Remove(oldest)
		delete(t.entries, oldest.Value.(*throttleEntry).key)
	}
	e := &throttleEntry{key: key}
	t.entries[key] = t.lru.PushFront(e)
	return e
}

// decayed returns e's failures less one per DecayEvery since e.last.
func (t *Throttle) decayed(e *throttleEntry, now time.Time) int {
	if !now.After(e.last) {
		return e.failures
	}
	forgiven := now.Sub(e.last) / t.cfg.DecayEvery
	if forgiven >= time.Duration(e.failures) {
		return 0
	}
	return e.failures - int(forgiven)
}

// delay returns the wait after n failures (n >= FreeFailures) since the last.
func (t *Throttle) delay(n int) time.Duration {
	d := t.cfg.BaseDelay
	for i := t.cfg.FreeFailures; i < n && d < t.cfg.MaxDelay; i++ {
		d *= 2
	}
	return min(d, t.cfg.MaxDelay)
}
