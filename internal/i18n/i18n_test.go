package i18n_test

import (
	"errors"
	"strconv"
	"testing"
	"testing/fstest"
	"time"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/i18n"
)

func builtin(t *testing.T) *i18n.Catalog {
	t.Helper()
	c, probs := i18n.Load(careprint.Defaults, nil)
	if len(probs) > 0 {
		t.Fatalf("built-in catalogues: %v", probs)
	}
	return c
}

func words(t *testing.T, c *i18n.Catalog, tag, clinic string) *i18n.Words {
	t.Helper()
	l, loc, err := c.Match(tag, clinic)
	if err != nil {
		t.Fatal(err)
	}
	return c.Words(l, loc)
}

func TestDatesByLocale(t *testing.T) {
	c := builtin(t)
	d := time.Date(2026, 12, 1, 14, 30, 0, 0, time.UTC)
	tests := []struct {
		tag, clinic          string
		long, short, shortY  string
		time, medium, locale string
	}{
		{"", "en-US", "Tuesday, December 1, 2026", "Tue, Dec 1", "Tue, Dec 1, 2026", "2:30 pm", "December 1, 2026", "en-US"},
		{"", "en-GB", "Tuesday 1 December 2026", "Tue 1 Dec", "Tue 1 Dec 2026", "14:30", "1 December 2026", "en-GB"},
		{"", "", "Tuesday 1 December 2026", "Tue 1 Dec", "Tue 1 Dec 2026", "14:30", "1 December 2026", "en-GB"},
		{"es", "en-US", "martes, 1 de diciembre de 2026", "mar 1 dic", "mar 1 dic 2026", "14:30", "1 de diciembre de 2026", "es"},
		// English asked for by a US clinic is the clinic's English; British English asked
		// for by name is British.
		{"en", "en-US", "Tuesday, December 1, 2026", "Tue, Dec 1", "Tue, Dec 1, 2026", "2:30 pm", "December 1, 2026", "en-US"},
		{"en-GB", "es", "Tuesday 1 December 2026", "Tue 1 Dec", "Tue 1 Dec 2026", "14:30", "1 December 2026", "en-GB"},
	}
	for _, tt := range tests {
		w := words(t, c, tt.tag, tt.clinic)
		got := []string{w.Long(d), w.Short(d, false), w.Short(d, true), w.Time(d), w.Medium(d), w.Locale}
		want := []string{tt.long, tt.short, tt.shortY, tt.time, tt.medium, tt.locale}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%q for a %q clinic: got %q, want %q", tt.tag, tt.clinic, got[i], want[i])
			}
		}
	}
}

func TestPluralsFollowCLDR(t *testing.T) {
	c := builtin(t)
	en, es := words(t, c, "en", ""), words(t, c, "es", "")
	for _, tt := range []struct {
		w    *i18n.Words
		n    int
		want string
	}{
		{en, 1, "1 session"}, {en, 3, "3 sessions"}, {en, 0, "0 sessions"},
		{es, 1, "1 sesión"}, {es, 3, "3 sesiones"}, {es, 1000000, "1000000 sesiones"},
	} {
		if got := tt.w.N("Sessions", tt.n, strconv.Itoa(tt.n)); got != tt.want {
			t.Errorf("%s %d: %q, want %q", tt.w.Lang, tt.n, got, tt.want)
		}
	}
	if got := es.N("PhaseFirstHours", 1, "1"); got != "Primera hora" {
		t.Errorf("got %q", got)
	}
	if got := es.PageLabel(); got != "Página {page} de {pages}" {
		t.Errorf("page label %q", got)
	}
}

func TestMatchLanguageTags(t *testing.T) {
	c := builtin(t)
	for tag, want := range map[string]string{"es": "es", "es-MX": "es", "es-US": "es", "ES": "es", "en-US": "en", "en": "en", "EN-gb": "en"} {
		l, _, err := c.Match(tag, "en-US")
		if err != nil || l != want {
			t.Errorf("%q: %q, %v; want %q", tag, l, err, want)
		}
	}
	for _, tag := range []string{"fr", "pt-BR", "x", "zh-Hant"} {
		_, _, err := c.Match(tag, "en-US")
		var ue *i18n.UnsupportedError
		if !errors.As(err, &ue) {
			t.Fatalf("%q: %v", tag, err)
		}
		if want := `no language "` + tag + `" in this project (it has: en, es)`; err.Error() != want {
			t.Errorf("%q:\n got %s\nwant %s", tag, err, want)
		}
	}
}

func TestProjectOverridesAndAddsMessages(t *testing.T) {
	project := fstest.MapFS{
		"i18n/es.toml": {Data: []byte("For = \"Paciente\"\n")},
	}
	c, probs := i18n.Load(careprint.Defaults, project)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	w := words(t, c, "es", "")
	if got := w.T("For", nil); got != "Paciente" {
		t.Errorf("override: %q", got)
	}
	if got := w.T("TableWhen", nil); got != "Cuándo" {
		t.Errorf("the rest stays built in: %q", got)
	}
	// A new language must give every message; one without calendar data is refused.
	project = fstest.MapFS{
		"i18n/es-MX.toml":   {Data: []byte("For = \"Para\"\n")},
		"i18n/fr.toml":      {Data: []byte("For = \"Pour\"\n")},
		"i18n/english.toml": {Data: []byte("For = \"For\"\n")},
	}
	_, probs = i18n.Load(careprint.Defaults, project)
	want := []string{
		`i18n/english.toml: the file name is not a language tag: name it e.g. es.toml or en-US.toml`,
		`i18n/fr.toml: careprint has no calendar data (weekday and month names) for "fr": it has en, en-GB, en-US, es`,
	}
	if len(probs) != len(want) {
		t.Fatalf("%v", probs)
	}
	for i, p := range probs {
		if got := p.File + ": " + p.Msg; got != want[i] {
			t.Errorf("\n got %s\nwant %s", got, want[i])
		}
	}
	project2 := fstest.MapFS{"i18n/en.toml": {Data: []byte("For = \"For\"\n")}}
	builtinOnlyEN := fstest.MapFS{"i18n/en.toml": {Data: []byte("For = \"For\"\nNotes = \"Notes\"\n")}, "i18n/es.toml": {Data: []byte("For = \"Para\"\n")}}
	_, probs = i18n.Load(builtinOnlyEN, project2)
	if len(probs) != 1 || probs[0].File+": "+probs[0].Msg != `i18n/es.toml: missing messages Notes (every language gives every message of i18n/en.toml)` {
		t.Errorf("%v", probs)
	}
}
