package app

import (
	"context"
	"sync"

	"hasap/auth"
	"hasap/ledger"
)

// A page calls several use cases, and each begins with Authorize: the
// organisation's row and the actor's membership, two queries, again and
// again within one request. WithRequestCache gives a request a memo of
// them: Authorize (and MyOrgs, which reads them all for the organisation
// switcher) fill it, later calls in the same request read it. The role is
// still checked on every call against the permission asked for; only the
// lookups are shared. A request that changes a membership and then acts
// again would see the old role: handlers redirect after a change (POST,
// then GET in a new request), so none does.

type reqCacheKey struct{}

type reqCache struct {
	mu   sync.Mutex
	user auth.UserID // the memo is the actor's: it answers no other
	orgs map[string]OrgRole
}

// WithRequestCache returns ctx with an empty memo of authorizations, for
// one request of one actor.
func WithRequestCache(ctx context.Context) context.Context {
	return context.WithValue(ctx, reqCacheKey{}, &reqCache{orgs: map[string]OrgRole{}})
}

// memoOf returns the request's memo if it may serve actor.
func memoOf(ctx context.Context, actor Actor) *reqCache {
	c, _ := ctx.Value(reqCacheKey{}).(*reqCache)
	if c == nil || actor.system || actor.User == 0 || actor.apiOrg != 0 {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	switch c.user {
	case 0:
		c.user = actor.User
	case actor.User:
	default:
		return nil
	}
	return c
}

func (c *reqCache) get(orgCode string) (OrgRole, bool) {
	if c == nil {
		return OrgRole{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	o, ok := c.orgs[orgCode]
	return o, ok
}

func (c *reqCache) put(o ledger.Org, role auth.Role) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.orgs[o.Code] = OrgRole{Org: o, Role: role}
}
