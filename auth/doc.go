// Package auth is Hasap's security foundation for the web application and
// the JSON API: password hashing and policy (argon2id), random tokens for
// sessions and API access, session lifetimes and rotation, the session
// cookie, TOTP two-factor codes (RFC 6238) and login throttling.
//
// It is pure Go over small interfaces: it keeps no state on disk and does no
// I/O of its own. Where it needs storage it defines the interface
// (SessionStore) and the store packages implement it; where it needs the time
// it takes a clock or a time.Time argument, so tests never wait.
//
// It must not import database/sql, hasap/store or any store implementation,
// hasap/app, hasap/api, hasap/web or hasap/cmd: the services and adapters
// import auth, never the other way round. Its only non-standard dependency is
// golang.org/x/crypto (for argon2), and its only use of net/http is the
// cookie type in cookie.go. deps_test.go keeps it that way.
//
// Secrets never leave this package in a form that a stolen database could
// replay: passwords are stored as salted argon2id hashes, session and API
// tokens as their SHA-256 (TokenHash). TOTP secrets must be stored as they
// are (the server needs them to compute codes); encrypting them at rest is
// the store's business.
package auth
