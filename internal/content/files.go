package content

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/careprint/careprint/internal/geom"
)

const clinicFile = "content/clinic.toml"

// SettingsFile is the optional project settings file.
const SettingsFile = "careprint.toml"

func (l *loader) loadSettings() {
	s := &l.p.Settings
	s.Readability.MaxGrade = 8
	if _, err := fs.Stat(l.o, SettingsFile); errors.Is(err, fs.ErrNotExist) {
		return
	}
	f, ok := l.decode(SettingsFile, s)
	if !ok {
		return
	}
	if d, ok := l.o.Project.(interface{ AllowLinksOut() }); ok && s.AllowOutsideLinks {
		d.AllowLinksOut()
	}
	s.Where = f.at
	seen := map[string]bool{}
	for i := range s.Outputs {
		o := &s.Outputs[i]
		key := fmt.Sprintf("output[%d]", i)
		if o.Kind == "" {
			o.Kind = "handout"
		}
		brochure := o.Kind == "brochure"
		if o.Kind != "handout" && !brochure {
			f.errorf(key+".kind", "unknown kind %q%s", o.Kind, Suggest(o.Kind, []string{"handout", "brochure"}))
		}
		clean := path.Clean(o.Path)
		switch {
		case o.Path == "":
			f.errorf(key, "missing: add path = \"name.pdf\" (under the output folder)")
		case path.IsAbs(o.Path) || clean == ".." || strings.HasPrefix(clean, "../") || !strings.HasSuffix(clean, ".pdf"):
			f.errorf(key+".path", "path %q must be a .pdf file inside the output folder", o.Path)
		case seen[clean]:
			f.errorf(key+".path", "path %q is listed twice", o.Path)
		}
		seen[clean] = true
		o.Path = clean
		if o.Layout == "" {
			o.Layout = "handout"
			if brochure {
				o.Layout = KindTrifold
			}
		}
		if o.Paper != "" && o.Paper != "a4" && o.Paper != "letter" {
			f.errorf(key+".paper", "unknown paper %q (known: a4, letter)", o.Paper)
		}
		if o.Language != "" {
			if _, _, err := l.p.Messages.Match(o.Language, ""); err != nil {
				f.errorf(key+".language", "%v", err)
			}
		}
		switch {
		case brochure && (o.Patient.Name != "" || len(o.Patient.Conditions) > 0):
			f.errorf(key+".patient", "a brochure is for everyone: remove the patient, or make this kind = \"handout\"")
		case brochure && o.Treatment == "":
			f.errorf(key+".treatment", "a brochure is about one treatment: add treatment = \"...\"")
		case !brochure && (o.Patient.Name == "" || len(o.Patient.Conditions) == 0 || o.Patient.Date.IsZero()):
			f.errorf(key+".patient", "a handout needs a sample patient: name (fictional), date and conditions")
		case !brochure && (o.Bleed || o.Marks || o.Imposed):
			f.errorf(key, "bleed, marks and imposed are for brochures: a handout prints on an office printer")
		}
		if tm := o.Patient.Time; tm != "" {
			if _, err := time.Parse("15:04", tm); err != nil {
				f.errorf(key+".patient.time", "%q is not a time of day (want HH:MM, 24-hour, e.g. \"14:30\")", tm)
			}
		}
		l.pending = append(l.pending, func() {
			lay := l.p.Layouts[o.Layout]
			switch {
			case lay == nil:
				f.errorf(key+".layout", "unknown layout %q%s", o.Layout, Suggest(o.Layout, IDs(l.p.Layouts)))
			case brochure && lay.Kind == KindHandout:
				f.errorf(key+".layout", "layout %q is a handout layout: a brochure needs a trifold or booklet layout", o.Layout)
			case !brochure && lay.Kind != KindHandout:
				f.errorf(key+".layout", "layout %q is a %s layout: use kind = \"brochure\" for it", o.Layout, lay.Kind)
			case o.Imposed && lay.Kind != KindBooklet:
				f.errorf(key+".imposed", "imposed is for booklets: a %s is printed as it is", lay.Kind)
			case o.Imposed && (o.Bleed || o.Marks):
				f.errorf(key+".imposed", "an imposed booklet fills its sheets edge to edge: it cannot have bleed or marks")
			}
			t, err := l.p.Treatment(o.Treatment)
			switch {
			case err != nil && !brochure:
				f.errorf(key, "%v: add treatment = \"...\"", err)
			case err == nil && t == nil:
				f.errorf(key+".treatment", "unknown treatment %q%s", o.Treatment, Suggest(o.Treatment, IDs(l.p.Treatments)))
			}
			for j, c := range o.Patient.Conditions {
				cond := l.p.Conditions[c]
				k := fmt.Sprintf("%s.patient.conditions[%d]", key, j)
				switch {
				case cond == nil:
					f.errorf(k, "unknown condition %q%s", c, Suggest(c, IDs(l.p.Conditions)))
				case t != nil && !cond.Covers(t.ID):
					f.errorf(k, "%v", &CoverError{Treatment: t.ID, Condition: c, Treatments: cond.Treatments})
				}
			}
		})
	}
	if g := s.Readability.MaxGrade; g < 1 || g > 20 {
		f.errorf("readability.max_grade", "grade %g is out of range (1 to 20; patient material aims at 6 to 8)", g)
	}
}

func (l *loader) loadClinic() {
	c := &Clinic{}
	f, ok := l.decode(clinicFile, c)
	if !ok {
		return
	}
	l.p.Clinic = c
	c.Where = f.at
	f.require("name", c.Name)
	f.require("phone", c.Phone)
	f.plain("name", c.Name)
	f.plain("tagline", c.Tagline)
	f.plain("phone", c.Phone)
	f.plain("after_hours", c.AfterHours)
	f.plain("email", c.Email)
	f.plain("hours", c.Hours)
	for i, a := range c.Address {
		f.plain(fmt.Sprintf("address[%d]", i), a)
	}
	f.languageHelp(c)
	for _, u := range []struct{ key, v string }{{"website", c.Website}, {"booking_url", c.BookingURL}} {
		if u.v == "" {
			continue
		}
		if p, err := url.Parse(u.v); err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "" {
			f.errorf(u.key, "invalid web address %q (want https://…)", u.v)
		}
	}
	if c.Logo != "" {
		data, err := l.o.ReadFileLimit(c.Logo, MaxImageFileSize)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			f.errorf("logo", "logo file %q not found (paths are relative to the project folder)", c.Logo)
		case err != nil:
			f.errorf("logo", "%s: %v", c.Logo, errors.Unwrap(err))
		default:
			img, err := DecodeImage(c.Logo, data)
			if err != nil {
				f.errorf("logo", "%v", err)
			} else {
				c.LogoImage = img
			}
		}
	}
	if c.Colors.Primary == (geom.RGB{}) && !f.has("colors.primary") {
		c.Colors.Primary = geom.RGB{R: 0x1f, G: 0x4e, B: 0x79}
	}
	if c.Colors.Light == (geom.RGB{}) && !f.has("colors.light") {
		c.Colors.Light = geom.RGB{R: 0xe8, G: 0xf0, B: 0xf7}
	}
}

func (f *file) has(key string) bool { _, ok := f.keys.exact[key]; return ok }

func (l *loader) loadLayout(name string) {
	lay := &Layout{ID: idOf(name), File: name}
	f, ok := l.decode(name, lay)
	if !ok {
		return
	}
	l.p.Layouts[lay.ID] = lay
	lay.Where = f.at
	if lay.Paper == "" {
		lay.Paper = "a4"
	}
	if _, ok := geom.PaperNamed(lay.Paper); !ok {
		f.errorf("paper", "unknown paper %q (known: a4, letter, a5)", lay.Paper)
	}
	if lay.Kind == "" {
		lay.Kind = KindHandout
	}
	switch lay.Kind {
	case KindHandout:
		if len(lay.Blocks) == 0 {
			f.errorf("blocks", "no blocks: list what the layout prints, e.g. blocks = [\"patient\", \"sections\", \"booking\"]")
		}
		if len(lay.Flows) > 0 {
			f.errorf("flow", "a handout flows its blocks onto pages: list them in blocks = [...], not in [[flow]]")
		}
		l.checkBlocks(f, "blocks", lay.Blocks, map[string]string{})
	case KindTrifold, KindBooklet:
		l.checkFlows(f, lay)
	default:
		f.errorf("kind", "unknown kind %q%s", lay.Kind, Suggest(lay.Kind, []string{KindHandout, KindTrifold, KindBooklet}))
	}
	for i, id := range lay.Omit {
		if !l.knownBlock(id) && l.maybeSection(id) {
			if l.o.Origin(f.name) == FromBuiltin {
				continue // the built-in layouts name the built-in sample's sections
			}
			f.warnf(fmt.Sprintf("omit[%d]", i), "no treatment has a section %q, so there is nothing to omit%s: remove it, or correct the id", id, Suggest(id, l.blockNames()))
			continue
		}
		if !l.knownBlock(id) || slices.Contains(BlockIDs, id) || strings.HasPrefix(id, "kind:") {
			f.errorf(fmt.Sprintf("omit[%d]", i), "unknown section %q: omit lists section ids of the treatments", id)
		}
	}
	for paper, a := range lay.Fold.Allowance {
		if _, ok := geom.PaperNamed(paper); !ok {
			f.errorf("fold.allowance."+paper, "unknown paper %q (known: a4, letter)", paper)
		} else if a < 0 || a > geom.MM(10) {
			f.errorf("fold.allowance."+paper, "fold allowance %s mm is out of range (0 to 10 mm)", a.String())
		}
	}
	ty := &lay.Type
	if ty.Font == "" {
		ty.Font = "AtkinsonHyperlegible"
	}
	if ty.Fallback == "" {
		ty.Fallback = "DejaVuSans"
	}
	defaults := []struct {
		key string
		v   *geom.Length
		def geom.Length
	}{
		{"type.body", &ty.Body, geom.Pt(12)}, {"type.small", &ty.Small, geom.Pt(9.5)},
		{"type.h1", &ty.H1, geom.Pt(17)}, {"type.h2", &ty.H2, geom.Pt(14)},
		{"type.title", &ty.Title, geom.Pt(20)}, {"type.para_space", &ty.ParaSpace, geom.MM(3)},
		{"margins.top", &lay.Margins.Top, geom.MM(15)}, {"margins.bottom", &lay.Margins.Bottom, geom.MM(18)},
		{"margins.left", &lay.Margins.Left, geom.MM(21)}, {"margins.right", &lay.Margins.Right, geom.MM(21)},
	}
	for _, d := range defaults {
		if !f.has(d.key) {
			*d.v = d.def
		}
	}
	for _, d := range defaults[:5] {
		if *d.v < geom.Pt(6) || *d.v > geom.Pt(72) {
			f.errorf(d.key, "font size %spt is out of range (6pt to 72pt)", trimPt(*d.v))
		}
	}
	for _, d := range defaults[6:] {
		if *d.v > 60*geom.Millimetre {
			f.errorf(d.key, "margin %s mm is too large (at most 60 mm)", d.v.String())
		}
	}
	if ty.Leading == 0 {
		ty.Leading = 1400
	}
	if !f.has("colors.text") {
		lay.Colors.Text = geom.RGB{R: 0x1a, G: 0x1a, B: 0x1a}
	}
	if !f.has("colors.muted") {
		lay.Colors.Muted = geom.RGB{R: 0x4d, G: 0x4d, B: 0x4d}
	}
	if !f.has("colors.rule") {
		lay.Colors.Rule = geom.RGB{R: 0x8c, G: 0x9b, B: 0xab}
	}
	l.checkLayout(f, lay)
	l.layoutFiles = append(l.layoutFiles, f)
}

// maybeSection reports whether id could be a section's id (not one of careprint's own
// blocks, nor a kind:): a layout naming it for a treatment that lacks it prints nothing
// there, which is worth a warning, not an error.
func (l *loader) maybeSection(id string) bool {
	return validID.MatchString(id) && !slices.Contains(BlockIDs, id)
}

// checkBlocks reports unknown block ids and blocks listed twice in one layout; seen maps
// each block to the key that listed it first.
func (l *loader) checkBlocks(f *file, key string, ids []string, seen map[string]string) {
	for i, b := range ids {
		k := fmt.Sprintf("%s[%d]", key, i)
		switch {
		case !l.knownBlock(b) && l.maybeSection(b) && l.o.Origin(f.name) == FromBuiltin:
			// The built-in layouts name the built-in sample's sections; a clinic's own
			// treatments without them get theirs through "sections" and "kind:" blocks.
		case !l.knownBlock(b) && l.maybeSection(b):
			// A clinic's layout written for a treatment it no longer offers (one copied by
			// careprint init, say) prints nothing there: worth a warning, not an error.
			f.warnf(k, "no treatment has a section %q, so this block prints nothing%s: remove it, or correct the id", b, Suggest(b, l.blockNames()))
		case !l.knownBlock(b):
			f.errorf(k, "unknown block %q%s", b, Suggest(b, l.blockNames()))
		case seen[b] != "":
			f.errorf(k, "block %q is listed twice (also at %s)", b, seen[b])
		default:
			seen[b] = k
		}
	}
}

// checkFlows checks a brochure's [[flow]] tables: known panels, each panel in one flow,
// and every panel filled.
func (l *loader) checkFlows(f *file, lay *Layout) {
	panels := Panels[lay.Kind]
	if len(lay.Blocks) > 0 {
		f.errorf("blocks", "a %s places its blocks in panels: list them in [[flow]] tables, not in blocks", lay.Kind)
	}
	used := map[string]string{}
	seen := map[string]string{}
	for i, fl := range lay.Flows {
		key := fmt.Sprintf("flow[%d]", i)
		if len(fl.Panels) == 0 {
			f.errorf(key+".panels", "no panels: name where these blocks go (%s)", strings.Join(panels, ", "))
		}
		if len(fl.Blocks) == 0 {
			f.errorf(key+".blocks", "no blocks: list what these panels print")
		}
		for j, p := range fl.Panels {
			k := fmt.Sprintf("%s.panels[%d]", key, j)
			switch {
			case !slices.Contains(panels, p):
				f.errorf(k, "unknown panel %q for a %s%s", p, lay.Kind, Suggest(p, panels))
			case used[p] != "":
				f.errorf(k, "panel %q is in two flows (also at %s)", p, used[p])
			default:
				used[p] = k
			}
		}
		l.checkBlocks(f, key+".blocks", fl.Blocks, seen)
	}
	var empty []string
	for _, p := range panels {
		if used[p] == "" {
			empty = append(empty, p)
		}
	}
	if len(empty) > 0 && len(lay.Flows) > 0 {
		f.errorf("flow", "no [[flow]] fills panel %s: a printed panel must not be blank", strings.Join(quoteAll(empty), ", "))
	}
	if len(lay.Flows) == 0 {
		f.errorf("flow", "no [[flow]] tables: say which blocks go in which panels (%s)", strings.Join(panels, ", "))
	}
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}

func trimPt(l geom.Length) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", l.Pt()), "0"), ".")
}

func (l *loader) crossCheck() {
	for _, fn := range l.pending {
		fn()
	}
}

// Suggest returns " (did you mean x?)" for a near miss, else " (known: …)".
func Suggest(got string, known []string) string {
	if len(known) == 0 {
		return ""
	}
	best, bestD := "", 3
	for _, k := range known {
		if d := distance(got, k); d < bestD {
			best, bestD = k, d
		}
	}
	if best != "" {
		return fmt.Sprintf(" (did you mean %s?)", best)
	}
	return " (known: " + strings.Join(known, ", ") + ")"
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}

// knownKeys lists the keys the table holding k accepts, from the toml tags of v.
func knownKeys(v any, k toml.Key) []string {
	t := reflect.TypeOf(v)
	for _, part := range k[:len(k)-1] {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return nil
		}
		found := false
		for i := 0; i < t.NumField(); i++ {
			if strings.Split(t.Field(i).Tag.Get("toml"), ",")[0] == part {
				t, found = t.Field(i).Type, true
				break
			}
		}
		if !found {
			return nil
		}
	}
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		if tag := strings.Split(t.Field(i).Tag.Get("toml"), ",")[0]; tag != "" && tag != "-" {
			keys = append(keys, tag)
		}
	}
	sort.Strings(keys)
	return keys
}
