package web

import (
	"testing"

	"hasap/doc"
)

// TestEveryAccountFieldLabelled: every account of the posting settings has
// a name on the settings page, not its path.
func TestEveryAccountFieldLabelled(t *testing.T) {
	var s doc.Settings
	for _, f := range s.AccountFields() {
		if accountLabels[f.Path] == "" {
			t.Errorf("the settings page names %s by its path: add it to accountLabels", f.Path)
		}
	}
}
