package app

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"hasap/auth"
	"hasap/ledger"
)

// Pickers: what a person types to name a catalog entry (a code, or a part
// of a name they remember) turned into the entry, for the journal's filter
// and the suggestions of the entry form. Both read (auth.ReadBooks), and
// neither ever lists a whole catalog: a catalog may hold thousands of
// counterparties.

// Limits of the pickers.
const (
	// MaxAnalyticChoices is how many entries a picker suggests, and how
	// many an ambiguous filter offers to choose from.
	MaxAnalyticChoices = 20
	// analyticScan is how many matches are ranked before the best
	// MaxAnalyticChoices are kept.
	analyticScan = 200
	// maxPickerText bounds the typed text, in characters.
	maxPickerText = 100
)

// AnalyticChoices suggests the entries of catalog kind that typed may
// mean: those whose code or name (in any language, any letter case)
// contains it, the closest first (the code itself, then codes and then
// names that start with it, then the rest, each by code), at most
// MaxAnalyticChoices. typed "" suggests the first entries by code.
func (a *App) AnalyticChoices(ctx context.Context, actor Actor, orgCode string, kind ledger.AnalyticKind, typed string) ([]ledger.Analytic, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return nil, err
	}
	if !kind.Valid() {
		return nil, ledger.Errorf(ledger.ENotFound, "unknown analytics catalog %q", kind)
	}
	typed = strings.TrimSpace(typed)
	if utf8.RuneCountInString(typed) > maxPickerText {
		return nil, nil // nothing is named so long
	}
	found, err := a.Store.Analytics(ctx, org.ID, kind, typed, analyticScan)
	if err != nil {
		return nil, err
	}
	rankChoices(found, typed)
	return found[:min(len(found), MaxAnalyticChoices)], nil
}

// rankChoices orders matches of typed closest first, keeping the order by
// code within a rank.
func rankChoices(list []ledger.Analytic, typed string) {
	low := strings.ToLower(typed)
	rank := func(an ledger.Analytic) int {
		code := strings.ToLower(an.Code)
		switch {
		case code == low:
			return 0
		case strings.HasPrefix(code, low):
			return 1
		}
		for _, n := range []string{an.Names.TK, an.Names.RU, an.Names.EN} {
			if strings.HasPrefix(strings.ToLower(n), low) {
				return 2
			}
		}
		return 3
	}
	slices.SortStableFunc(list, func(x, y ledger.Analytic) int { return rank(x) - rank(y) })
}

// AnalyticMatch is what FindAnalytic made of a typed text.
type AnalyticMatch struct {
	// Found is the entry meant (ID 0 when there is none or several).
	Found ledger.Analytic
	// Choices are the entries that match when several do (at most
	// MaxAnalyticChoices, the closest first), for the person to choose.
	Choices []ledger.Analytic
}

// FindAnalytic finds the one entry of catalog kind that typed names: the
// entry with that exact code; else the only entry whose code or name
// contains it (any language, any letter case), or among several the only
// one whose code or a name is typed itself, in any case. Nothing found is
// ENotFound "nothing in %s matches %q"; several are EInvalid "several
// entries of %s match %q: choose one from the list", and the match then
// carries them as Choices. An unknown kind is EInvalid.
func (a *App) FindAnalytic(ctx context.Context, actor Actor, orgCode string, kind ledger.AnalyticKind, typed string) (AnalyticMatch, error) {
	org, _, err := a.Authorize(ctx, actor, orgCode, auth.ReadBooks)
	if err != nil {
		return AnalyticMatch{}, err
	}
	if !kind.Valid() {
		return AnalyticMatch{}, ledger.Errorf(ledger.EInvalid, "unknown analytics catalog %q", kind)
	}
	typed = strings.TrimSpace(typed)
	if typed == "" || utf8.RuneCountInString(typed) > maxPickerText {
		return AnalyticMatch{}, ledger.Errorf(ledger.ENotFound, "nothing in %s matches %q", kind, typed)
	}
	if an, err := a.Store.AnalyticByCode(ctx, org.ID, kind, typed); err == nil {
		return AnalyticMatch{Found: an}, nil
	} else if !ledger.IsCode(err, ledger.ENotFound) {
		return AnalyticMatch{}, err
	}
	found, err := a.Store.Analytics(ctx, org.ID, kind, typed, analyticScan)
	if err != nil {
		return AnalyticMatch{}, err
	}
	switch len(found) {
	case 0:
		return AnalyticMatch{}, ledger.Errorf(ledger.ENotFound, "nothing in %s matches %q", kind, typed)
	case 1:
		return AnalyticMatch{Found: found[0]}, nil
	}
	var exact []ledger.Analytic
	for _, an := range found {
		if strings.EqualFold(an.Code, typed) || strings.EqualFold(an.Names.TK, typed) ||
			strings.EqualFold(an.Names.RU, typed) || strings.EqualFold(an.Names.EN, typed) {
			exact = append(exact, an)
		}
	}
	if len(exact) == 1 {
		return AnalyticMatch{Found: exact[0]}, nil
	}
	rankChoices(found, typed)
	m := AnalyticMatch{Choices: found[:min(len(found), MaxAnalyticChoices)]}
	return m, ledger.Errorf(ledger.EInvalid, "several entries of %s match %q: choose one from the list", kind, typed)
}
