// Package archtest holds tests that keep Hasap's architecture as DESIGN.md
// draws it: the domain packages do no I/O and depend on no store, service,
// adapter or third-party module. Imports lets any package check its own
// files the same way in its tests.
package archtest
