package content

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/careprint/careprint/internal/i18n"
)

// TranslationInfo is a translation file's [translation] table: which version of its
// source it translates, and who reviewed it.
type TranslationInfo struct {
	// SourceVersion is the source's review.version, or for a source without one (a
	// condition, the clinic) the digest careprint check prints.
	SourceVersion string `toml:"source_version"`
	// ReviewedBy is the qualified translator who reviewed it; empty means not reviewed.
	ReviewedBy string `toml:"reviewed_by"`
}

// Translation is the project in one more language: the translated files of
// content/treatments/<id>.<lang>.toml, content/conditions/<id>.<lang>.toml and
// content/clinic.<lang>.toml, each a whole file of the same shape as its source.
type Translation struct {
	Lang string
	// Project is the project with the translated clinic, treatments and conditions in
	// place of the source ones (those without a translation are left out).
	Project *Project
	// Missing lists, per translated file, the keys of its source it does not give.
	Missing map[string][]string
	// Source maps a source file to its translation's file.
	Files map[string]string
}

// translationName splits "microneedling.es.toml" into "microneedling" and "es".
func translationName(name string) (id, lang string, ok bool) {
	base := strings.TrimSuffix(path.Base(name), ".toml")
	id, lang, ok = strings.Cut(base, ".")
	return id, lang, ok && lang != "" && !strings.Contains(lang, ".")
}

// sourceVersion is what a translation records of its source: its review.version when it
// has one, else the first 12 hex digits of the SHA-256 of the file.
func sourceVersion(src []byte, version string) string {
	if version != "" {
		return version
	}
	h := sha256.Sum256(src)
	return hex.EncodeToString(h[:])[:12]
}

// loadTranslations reads every x.<lang>.toml beside its source and checks it against it:
// keys missing, values that must not change (ids, numbers, kinds), stale (the source's
// version changed) and not reviewed. Missing keys, stale and unreviewed files are
// warnings (errors with check --strict); a handout in that language needs the keys.
func (l *loader) loadTranslations() {
	byLang := map[string][]string{}
	for _, dir := range []string{"content", "content/treatments", "content/conditions"} {
		entries, err := l.o.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".toml") {
				continue
			}
			id, lang, ok := translationName(e.Name())
			if !ok || (dir == "content" && id != "clinic") {
				continue
			}
			// A built-in translation translates the built-in source: a project that
			// writes its own source has no translation of it until it writes one.
			file := path.Join(dir, e.Name())
			if l.o.Origin(file) == FromBuiltin && l.o.Origin(path.Join(dir, id+".toml")) == FromProject {
				continue
			}
			byLang[lang] = append(byLang[lang], file)
		}
	}
	langs := make([]string, 0, len(byLang))
	for lang := range byLang {
		langs = append(langs, lang)
	}
	sort.Strings(langs)
	l.p.Translations = map[string]*Translation{}
	for _, lang := range langs {
		files := byLang[lang]
		if lang == i18n.Reference || l.p.Messages == nil || !contains(l.p.Messages.Languages(), lang) {
			for _, f := range files {
				l.diags.Errorf(f, 0, 0, "", "no language %q in this project (it has: %s): name the file after one, or add i18n/%s.toml", lang, strings.Join(l.p.Messages.Languages(), ", "), lang)
			}
			continue
		}
		l.p.Translations[lang] = l.loadLanguage(lang, files)
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func (l *loader) loadLanguage(lang string, files []string) *Translation {
	sub := &loader{o: l.o, p: &Project{
		FS: l.o, Clinic: l.p.Clinic, Layouts: l.p.Layouts, Settings: l.p.Settings, Messages: l.p.Messages,
		Treatments: map[string]*Treatment{}, Conditions: map[string]*Condition{},
	}}
	tr := &Translation{Lang: lang, Project: sub.p, Missing: map[string][]string{}, Files: map[string]string{}}
	// Conditions name treatments: the untranslated ones stay known, so that a
	// translated condition of an untranslated treatment is not "unknown".
	for id, t := range l.p.Treatments {
		sub.p.Treatments[id] = t
	}
	translated := map[string]bool{}
	for _, f := range files {
		id, _, _ := translationName(f)
		dir := path.Dir(f)
		src := path.Join(dir, id+".toml")
		switch dir {
		case "content/treatments":
			if l.p.Treatments[id] == nil {
				l.diags.Errorf(f, 0, 0, "", "a translation of %s, which does not exist", src)
				continue
			}
			sub.loadTreatment(f)
			translated[id] = true
		case "content/conditions":
			if l.p.Conditions[id] == nil {
				l.diags.Errorf(f, 0, 0, "", "a translation of %s, which does not exist", src)
				continue
			}
			sub.loadCondition(f)
		default:
			src = clinicFile
			if l.p.Clinic == nil {
				continue
			}
			c := *l.p.Clinic // the translation gives the words; the rest is the source's
			if _, ok := sub.decode(f, &c); ok {
				// Language-help lines are each in their own language already.
				c.LanguageHelp = l.p.Clinic.LanguageHelp
				sub.p.Clinic = &c
			}
		}
		tr.Files[src] = f
		l.compare(tr, src, f)
	}
	sub.crossCheck()
	for id := range l.p.Treatments {
		if !translated[id] {
			delete(sub.p.Treatments, id)
		}
	}
	l.diags = append(l.diags, sub.diags...)
	return tr
}

// compare checks a translation against its source.
func (l *loader) compare(tr *Translation, src, file string) {
	a, errA := fs.ReadFile(l.o, src)
	b, errB := fs.ReadFile(l.o, file)
	if errA != nil || errB != nil {
		return
	}
	var sm, tm map[string]any
	if toml.Unmarshal(a, &sm) != nil || toml.Unmarshal(b, &tm) != nil {
		return // the loader reports the syntax
	}
	keys := indexKeys(b)
	at := func(key string) (int, int) { p := keys.find(key); return p.Line, p.Col }
	sl, tl := map[string]any{}, map[string]any{}
	flatten("", sm, sl)
	flatten("", tm, tl)
	var missing []string
	for _, k := range sortedKeys(sl) {
		if strings.HasPrefix(k, "translation.") {
			continue
		}
		tv, ok := tl[k]
		if !ok {
			if src == clinicFile && !clinicWords[strings.SplitN(k, "[", 2)[0]] {
				continue // a phone number or a colour is the same in every language
			}
			missing = append(missing, k)
			continue
		}
		if strings.HasPrefix(k, "language_help") && !reflect.DeepEqual(sl[k], tv) {
			line, col := at(k)
			l.diags.Errorf(file, line, col, k, "language-help lines are each in their own language already: list them once, in %s", src)
			continue
		}
		if (!words(sl[k]) || fixedKey(k)) && !reflect.DeepEqual(sl[k], tv) {
			line, col := at(k)
			l.diags.Errorf(file, line, col, k, "is %v in the source (%s): a translation changes words, not %s", show(sl[k]), src, lastKey(k))
		}
		if sa, ok := sl[k].([]any); ok {
			if ta, ok := tv.([]any); ok && len(ta) != len(sa) {
				line, col := at(k)
				l.p.TranslationNotes.Warnf(file, line, col, k, "%d items, the source %d (%s)", len(ta), len(sa), src)
			}
		}
	}
	for _, k := range missing {
		l.p.TranslationNotes.Warnf(file, 0, 0, k, "missing: the source %s has it: translate it (a handout in %s that needs it is refused)", src, tr.Lang)
	}
	tr.Missing[file] = missing
	var info struct {
		Translation TranslationInfo `toml:"translation"`
		Review      struct {
			Version string `toml:"version"`
		} `toml:"review"`
	}
	_, _ = toml.Decode(string(b), &info)
	var srcInfo struct {
		Review struct {
			Version string `toml:"version"`
		} `toml:"review"`
	}
	_, _ = toml.Decode(string(a), &srcInfo)
	now := sourceVersion(a, srcInfo.Review.Version)
	line, col := at("translation.source_version")
	switch got := info.Translation.SourceVersion; {
	case got == "":
		l.p.TranslationNotes.Warnf(file, line, col, "translation.source_version", "which version of %s does it translate? add [translation] source_version = %q once it matches", src, now)
	case got != now:
		l.p.TranslationNotes.Warnf(file, line, col, "translation.source_version", "stale: translates version %q of %s, which is now %q: bring the translation up to date, then set source_version = %q", got, src, now, now)
	}
	if strings.TrimSpace(info.Translation.ReviewedBy) == "" {
		line, col := at("translation.reviewed_by")
		l.p.TranslationNotes.Warnf(file, line, col, "translation.reviewed_by", "not reviewed by a qualified translator: patient-safety text needs one (HHS Section 1557); set reviewed_by once it is")
	}
}

// clinicWords are the clinic's keys that a translation gives.
var clinicWords = map[string]bool{"tagline": true, "hours": true, "address": true}

// fixedKey says whether a string key is structure, not words: it must be the same in
// every language.
func fixedKey(k string) bool {
	switch lastKey(k) {
	case "id", "kind", "show", "tone", "unit", "treatments", "logo", "booking_url", "website", "email", "phone", "after_hours":
		return true
	}
	return false
}

// words says whether a value is words (a string, or a list of strings) that a
// translation changes.
func words(v any) bool {
	switch x := v.(type) {
	case string:
		return true
	case []any:
		for _, e := range x {
			if _, ok := e.(string); !ok {
				return false
			}
		}
		return true
	}
	return false
}

func lastKey(k string) string {
	if i := strings.LastIndexByte(k, '.'); i >= 0 {
		k = k[i+1:]
	}
	if i := strings.IndexByte(k, '['); i >= 0 {
		k = k[:i]
	}
	return k
}

// show writes a value as TOML does: "a", ["a", "b"], 3.
func show(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("%q", x)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = show(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return fmt.Sprint(v)
}

// flatten lists the leaves of a decoded TOML table by key path: "section[2].text". An
// array of values is one leaf; an array of tables is walked.
func flatten(prefix string, v any, out map[string]any) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			key := k
			if prefix != "" {
				key = prefix + "." + k
			}
			flatten(key, e, out)
		}
	case []map[string]any:
		for i, e := range x {
			flatten(fmt.Sprintf("%s[%d]", prefix, i), e, out)
		}
	default:
		out[prefix] = v
	}
}

func sortedKeys(m map[string]any) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// In returns the project in a language: p itself for the source language, else its
// translation, with the treatment and conditions a document needs. A missing file or a
// missing key is an error naming it: never the source's words under another language's
// labels.
func (p *Project) In(lang, treatment string, conditions []string) (*Project, error) {
	if lang == i18n.Reference {
		return p, nil
	}
	tr := p.Translations[lang]
	need := []string{}
	if t := p.Treatments[treatment]; t != nil {
		need = append(need, t.File)
	}
	for _, id := range conditions {
		if c := p.Conditions[id]; c != nil {
			need = append(need, c.File)
		}
	}
	for _, src := range need {
		var file string
		if tr != nil {
			file = tr.Files[src]
		}
		if file == "" {
			return nil, fmt.Errorf("%s: no %q translation: add %s", src, lang, strings.TrimSuffix(src, ".toml")+"."+lang+".toml")
		}
		if m := tr.Missing[file]; len(m) > 0 {
			return nil, fmt.Errorf("%s: %s: missing (the source %s has it): translate it", file, m[0], src)
		}
	}
	return tr.Project, nil
}
