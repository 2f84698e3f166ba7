// Package i18n holds careprint's own printed words (labels, table headers, phase labels,
// page numbers, dates) per language, from message catalogues in TOML: i18n/<tag>.toml,
// built in and overridden or extended by a project's files of the same name. Plurals
// follow CLDR's rules (go-i18n); weekday and month names come from CLDR
// (go-playground/locales). Messages printed to the terminal are not here: they stay
// English.
package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/go-playground/locales"
	"github.com/go-playground/locales/en"
	"github.com/go-playground/locales/en_GB"
	"github.com/go-playground/locales/en_US"
	"github.com/go-playground/locales/es"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Dir is where catalogues live, in the built-in defaults and in a project.
const Dir = "i18n"

// Reference is the catalogue every language must match, message for message.
const Reference = "en"

// DefaultLocale is the locale of a clinic that sets none: British English, as careprint
// printed before it had languages.
const DefaultLocale = "en-GB"

// calendars are the CLDR locales careprint carries (each is generated code: only these).
var calendars = map[string]func() locales.Translator{
	"en": en.New, "en-US": en_US.New, "en-GB": en_GB.New, "es": es.New,
}

// Catalog is every language a project has.
type Catalog struct {
	bundle *goi18n.Bundle
	langs  []language.Tag // base languages, Reference first
}

// Problem is a catalogue file that cannot be used.
type Problem struct {
	File string
	Msg  string
}

// Load reads i18n/*.toml from the built-in layer, then from the project (whose messages
// replace the built-in ones of the same id and tag). Every base language must give every
// message of the reference catalogue (regional files, such as en-US.toml, change some).
func Load(builtin, project fs.FS) (*Catalog, []Problem) {
	b := goi18n.NewBundle(language.Make(Reference))
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	var probs []Problem
	ids := map[string]map[string]string{} // tag -> message id -> file
	for _, layer := range []fs.FS{builtin, project} {
		if layer == nil {
			continue
		}
		entries, err := fs.ReadDir(layer, Dir)
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				probs = append(probs, Problem{Dir, err.Error()})
			}
			continue
		}
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || path.Ext(name) != ".toml" {
				continue
			}
			file := path.Join(Dir, name)
			tag, err := language.Parse(strings.TrimSuffix(name, ".toml"))
			if err != nil {
				probs = append(probs, Problem{file, "the file name is not a language tag: name it e.g. es.toml or en-US.toml"})
				continue
			}
			if _, ok := calendar(tag); !ok {
				probs = append(probs, Problem{file, fmt.Sprintf("careprint has no calendar data (weekday and month names) for %q: it has %s", tag, strings.Join(slices.Sorted(mapKeys(calendars)), ", "))})
				continue
			}
			buf, err := fs.ReadFile(layer, file)
			if err != nil {
				probs = append(probs, Problem{file, err.Error()})
				continue
			}
			mf, err := b.ParseMessageFileBytes(buf, name)
			if err != nil {
				probs = append(probs, Problem{file, err.Error()})
				continue
			}
			t := tag.String()
			if ids[t] == nil {
				ids[t] = map[string]string{}
			}
			for _, m := range mf.Messages {
				ids[t][m.ID] = file
			}
		}
	}
	c := &Catalog{bundle: b}
	ref := ids[Reference]
	for t := range ids {
		base, _ := language.Make(t).Base()
		if t == base.String() {
			c.langs = append(c.langs, language.Make(t))
		}
	}
	for t, have := range ids {
		base, _ := language.Make(t).Base()
		all := ids[base.String()]
		if all == nil {
			probs = append(probs, Problem{path.Join(Dir, t+".toml"), fmt.Sprintf("a regional catalogue needs its language's: add %s/%s.toml", Dir, base)})
			continue
		}
		if t != base.String() {
			continue
		}
		var missing []string
		for id := range ref {
			if _, ok := have[id]; !ok {
				missing = append(missing, id)
			}
		}
		if len(missing) > 0 {
			sort.Strings(missing)
			probs = append(probs, Problem{path.Join(Dir, t+".toml"), fmt.Sprintf("missing messages %s (every language gives every message of %s/%s.toml)", strings.Join(missing, ", "), Dir, Reference)})
		}
	}
	sort.Slice(c.langs, func(i, j int) bool {
		if (c.langs[i].String() == Reference) != (c.langs[j].String() == Reference) {
			return c.langs[i].String() == Reference
		}
		return c.langs[i].String() < c.langs[j].String()
	})
	sort.Slice(probs, func(i, j int) bool { return probs[i].File < probs[j].File })
	return c, probs
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// calendar finds the CLDR data for a tag: the tag itself, else its base language.
func calendar(t language.Tag) (locales.Translator, bool) {
	if f, ok := calendars[t.String()]; ok {
		return f(), true
	}
	base, _ := t.Base()
	if f, ok := calendars[base.String()]; ok {
		return f(), true
	}
	return nil, false
}

// Languages lists the base languages the catalogue has, e.g. "en, es".
func (c *Catalog) Languages() []string {
	out := make([]string, len(c.langs))
	for i, t := range c.langs {
		out[i] = t.String()
	}
	return out
}

// UnsupportedError is a language the project does not have.
type UnsupportedError struct {
	Tag   string
	Known []string
}

func (e *UnsupportedError) Error() string {
	return fmt.Sprintf("no language %q in this project (it has: %s)", e.Tag, strings.Join(e.Known, ", "))
}

// Match picks the project's language for a BCP 47 tag: "es", "es-MX", "ES" give "es";
// "en-US", "en" give "en". An empty tag is the clinic's language. It returns the base
// language and the locale for dates: the tag asked for when it names a region careprint
// has the calendar of (en-GB, en-US), else the clinic's locale when it is of that
// language, else the base language.
func (c *Catalog) Match(tag, clinicLocale string) (lang, locale string, err error) {
	if clinicLocale == "" {
		clinicLocale = DefaultLocale
	}
	cl := language.Make(clinicLocale)
	if strings.TrimSpace(tag) == "" {
		tag = clinicLocale
	}
	want, perr := language.Parse(tag)
	if perr != nil || len(c.langs) == 0 {
		return "", "", &UnsupportedError{tag, c.Languages()}
	}
	m := language.NewMatcher(c.langs)
	_, i, conf := m.Match(want)
	if conf == language.No {
		return "", "", &UnsupportedError{tag, c.Languages()}
	}
	lang = c.langs[i].String()
	wb, _ := want.Base()
	if wb.String() != lang {
		return "", "", &UnsupportedError{tag, c.Languages()}
	}
	if _, ok := calendars[want.String()]; ok && want.String() != lang {
		return lang, want.String(), nil // a region asked for by name: en-GB
	}
	if cb, _ := cl.Base(); cb.String() == lang {
		return lang, cl.String(), nil
	}
	return lang, lang, nil
}

// Words prints careprint's words in one language and locale.
type Words struct {
	Lang   string              // the base language, e.g. "es"
	Locale string              // the locale of dates and regional words, e.g. "en-US"
	locs   []*goi18n.Localizer // the locale's own messages, then the language's
	cal    locales.Translator
}

// Words returns the words of a language (from Match) in a locale.
func (c *Catalog) Words(lang, locale string) *Words {
	cal, ok := calendar(language.Make(locale))
	if !ok {
		cal, _ = calendar(language.Make(lang))
	}
	locs := []*goi18n.Localizer{goi18n.NewLocalizer(c.bundle, locale)}
	if locale != lang {
		locs = append(locs, goi18n.NewLocalizer(c.bundle, lang))
	}
	return &Words{Lang: lang, Locale: locale, locs: locs, cal: cal}
}

// localize looks a message up in the locale (en-US), then its language (en): go-i18n on
// its own falls back from a regional catalogue to the bundle's default language, which
// for es-MX would be English.
func (w *Words) localize(lc *goi18n.LocalizeConfig) string {
	for _, l := range w.locs {
		if s, err := l.Localize(lc); err == nil {
			return s
		}
	}
	return lc.MessageID
}

// Data is what a message fills in.
type Data map[string]any

// T is the message id with data filled in. A catalogue that loaded without problems has
// every message in every language; should one still be missing, T returns its id.
func (w *Words) T(id string, data Data) string {
	return w.localize(&goi18n.LocalizeConfig{MessageID: id, TemplateData: map[string]any(data)})
}

// N is a counted message: the plural form of the language for n ("1 sesión", "3
// sesiones"). The text printed for the count is shown, e.g. "4 to 6", with n = 6.
func (w *Words) N(id string, n int, shown string) string {
	return w.localize(&goi18n.LocalizeConfig{MessageID: id, PluralCount: n, TemplateData: map[string]any{"Count": shown}})
}

func (w *Words) date(id string, t time.Time) string {
	return w.T(id, Data{
		"Weekday": w.cal.WeekdayWide(t.Weekday()), "Wd": abbrev(w.cal.WeekdayAbbreviated(t.Weekday())),
		"Month": w.cal.MonthWide(t.Month()), "Mon": abbrev(w.cal.MonthAbbreviated(t.Month())),
		"Day": t.Day(), "Year": t.Year(),
	})
}

// abbrev drops the full stop CLDR gives some abbreviations ("mar." in Spanish): short
// dates sit in narrow table cells, as "mar 1 dic".
func abbrev(s string) string { return strings.TrimSuffix(s, ".") }

// Long is a full date: "Tuesday 1 December 2026", "Tuesday, December 1, 2026",
// "martes, 1 de diciembre de 2026".
func (w *Words) Long(t time.Time) string { return w.date("DateLong", t) }

// Medium is a date without its weekday: "1 December 2026".
func (w *Words) Medium(t time.Time) string { return w.date("DateMedium", t) }

// Short is a date in a table: "Tue 1 Dec", "Tue, Dec 1", "mar 1 dic"; with the year
// when year is true.
func (w *Words) Short(t time.Time, year bool) string {
	if year {
		return w.date("DateShortYear", t)
	}
	return w.date("DateShort", t)
}

// Time is a time of day in the locale's form: "14:30", "2:30 pm".
func (w *Words) Time(t time.Time) string { return w.cal.FmtTimeShort(t) }

// PageLabel is the footer's page number as a format for the layout: {page} and {pages}
// are filled in on each page.
func (w *Words) PageLabel() string {
	return w.T("PageOf", Data{"Page": "{page}", "Pages": "{pages}"})
}
