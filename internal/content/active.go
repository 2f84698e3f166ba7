package content

import (
	"fmt"
	"slices"
	"strings"
)

// checkOwnContent reports a project whose own treatments folder is empty: it hides the
// built-in sample, so nothing would print.
func (l *loader) checkOwnContent() {
	if l.o.HasOwnContent() && len(l.p.Treatments) == 0 {
		l.diags.Errorf(OwnContentDir, 0, 0, "", "no treatments: a project's own %s/ folder replaces the built-in sample; add a treatment file to it, or remove the empty folder to print the sample", OwnContentDir)
	}
}

// For says whether the layout prints the treatment: a layout that lists no treatments
// is for all of them.
func (lay *Layout) For(treatment string) bool {
	return len(lay.Treatments) == 0 || slices.Contains(lay.Treatments, treatment)
}

// ForError is a layout asked to print a treatment it is not for.
type ForError struct {
	Layout, File, Treatment string
	Treatments              []string // the treatments the layout is for
}

func (e *ForError) Error() string {
	return fmt.Sprintf("layout %q is for %s, not %s (%s: treatments): choose a layout for %s (see 'careprint list')",
		e.Layout, strings.Join(e.Treatments, ", "), e.Treatment, e.File, e.Treatment)
}

// Allows returns a *ForError when the layout is not for the treatment.
func (lay *Layout) Allows(treatment string) error {
	if lay.For(treatment) {
		return nil
	}
	return &ForError{Layout: lay.ID, File: lay.File, Treatment: treatment, Treatments: lay.Treatments}
}

// checkLayoutTreatments checks a layout's treatments list once every treatment is loaded.
func (l *loader) checkLayoutTreatments(f *file, lay *Layout) {
	l.pending = append(l.pending, func() {
		seen := map[string]bool{}
		for i, t := range lay.Treatments {
			key := fmt.Sprintf("treatments[%d]", i)
			switch {
			case l.p.Treatments[t] == nil:
				f.errorf(key, "unknown treatment %q%s", t, Suggest(t, IDs(l.p.Treatments)))
			case seen[t]:
				f.errorf(key, "treatment %q is listed twice", t)
			}
			seen[t] = true
		}
	})
}

// checkOutputLayouts reports a careprint.toml output whose layout is not for its
// treatment, so that build --check fails where build would.
func (l *loader) checkOutputLayouts() {
	s := &l.p.Settings
	if s.Where == nil {
		return
	}
	for i, o := range s.Outputs {
		lay := l.p.Layouts[o.Layout]
		if lay == nil || o.Treatment == "" || l.p.Treatments[o.Treatment] == nil || lay.For(o.Treatment) {
			continue
		}
		key := fmt.Sprintf("output[%d].layout", i)
		line, col := s.Where(key)
		l.diags.Errorf(SettingsFile, line, col, key, "%v", lay.Allows(o.Treatment))
	}
}
