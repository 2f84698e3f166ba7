package engine

import (
	"fmt"
	"strings"
	"time"

	"github.com/careprint/careprint/internal/content"
	"github.com/careprint/careprint/internal/diag"
	"github.com/careprint/careprint/internal/layout"
	"github.com/careprint/careprint/internal/resolve"
)

// CheckHandouts sets the header band and footer of every handout layout, on both papers
// and in every language of the project, for a sample patient, and warns about what the
// layout was told to print and cannot: a footer part left out, a header contact line
// that wraps. The same problem on several papers or in several languages is one warning
// that names them.
func (p *Project) CheckHandouts() diag.List {
	var warns diag.List
	langs := []string{""}
	langs = append(langs, content.IDs(p.Content.Translations)...)
	for _, id := range content.IDs(p.Content.Layouts) {
		lay := p.Content.Layouts[id]
		if p.own(lay.File) {
			warns = append(warns, emptyBlocks(p.Content, lay)...)
		}
		if lay.Kind != content.KindHandout {
			continue
		}
		tid, cond := sampleFor(p.Content, lay)
		if tid == "" {
			continue
		}
		p.Fonts.SetFallback(lay.Type.Font, lay.Type.Fallback)
		var order []string
		where := map[string][]string{}
		for _, lang := range langs {
			for _, paper := range []string{"a4", "letter"} {
				req := resolve.Request{Treatment: tid, Layout: id, Paper: paper, Language: lang, Patient: resolve.Patient{
					Name: content.SamplePatient.Name, Clinician: content.SamplePatient.Clinician,
					TreatmentDate: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), Conditions: []string{cond},
				}}
				d, st, err := resolve.Handout(p.Content, req)
				if err != nil {
					continue // reported by the checks of content and translations
				}
				ws, err := layout.Furniture(d, st, p.Fonts)
				if err != nil {
					continue
				}
				on := paper + " paper"
				if lang != "" {
					on += " in " + lang
				}
				for _, w := range ws {
					if where[w] == nil {
						order = append(order, w)
					}
					where[w] = append(where[w], on)
				}
			}
		}
		for _, w := range order {
			key, fix := "footer", "shorten the clinic's name or phone in content/clinic.toml, or set a smaller type.small"
			if strings.HasPrefix(w, "the header's") {
				key, fix = "header", "shorten it in content/clinic.toml, or set a smaller type.small"
			}
			line, col := 0, 0
			if lay.Where != nil {
				line, col = lay.Where(key)
			}
			warns.Warnf(lay.File, line, col, key, "%s (on %s): %s", w, strings.Join(where[w], ", "), fix)
		}
	}
	return warns
}

// sampleFor picks a treatment a handout layout prints and a condition of it: the first
// of each by id.
func sampleFor(p *content.Project, lay *content.Layout) (string, string) {
	for _, tid := range content.IDs(p.Treatments) {
		if !lay.For(tid) {
			continue
		}
		for _, cid := range content.IDs(p.Conditions) {
			if p.Conditions[cid].Covers(tid) {
				return tid, cid
			}
		}
	}
	return "", ""
}

// emptyBlocks warns about the blocks of a clinic's own layout that print nothing because
// what they print is not given: a booking code without a booking_url, the clinic's
// details without an address or hours.
func emptyBlocks(p *content.Project, lay *content.Layout) diag.List {
	var warns diag.List
	c := p.Clinic
	check := func(key, b string) {
		why := ""
		switch b {
		case "booking":
			if c != nil && c.BookingURL == "" {
				why = "the clinic has no booking_url in content/clinic.toml"
			}
		case "clinic":
			if c != nil && len(c.Address) == 0 && c.Hours == "" {
				why = "the clinic has no address or hours in content/clinic.toml"
			}
		}
		if why == "" {
			return
		}
		line, col := 0, 0
		if lay.Where != nil {
			line, col = lay.Where(key)
		}
		warns.Warnf(lay.File, line, col, key, "block %q prints nothing: %s", b, why)
	}
	for i, b := range lay.Blocks {
		check(fmt.Sprintf("blocks[%d]", i), b)
	}
	for i, f := range lay.Flows {
		for j, b := range f.Blocks {
			check(fmt.Sprintf("flow[%d].blocks[%d]", i, j), b)
		}
	}
	return warns
}
