package content

import (
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// checkDocumented fails for every key a file decoded into v accepts (Keys(v)) that the
// reference page doc does not describe: the page must name the key's full path in
// backticks (`margins.top`) and set it in one of its ```toml examples. Every example
// must itself decode into v with no unknown key. Use it for any file type: layouts,
// content, settings.
func checkDocumented(t *testing.T, v any, doc string) {
	t.Helper()
	src, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	page := string(src)
	examples := regexp.MustCompile("(?s)```toml\n(.*?)```").FindAllStringSubmatch(page, -1)
	if len(examples) == 0 {
		t.Fatalf("%s has no ```toml examples", doc)
	}
	var set []string
	for i, ex := range examples {
		dst := reflect.New(reflect.TypeOf(v).Elem()).Interface()
		md, err := toml.Decode(ex[1], dst)
		if err != nil {
			t.Errorf("%s: example %d does not load: %v\n%s", doc, i+1, err, ex[1])
			continue
		}
		for _, k := range md.Undecoded() {
			t.Errorf("%s: example %d sets %q, which the loader does not accept", doc, i+1, k)
		}
		for _, k := range md.Keys() {
			set = append(set, k.String())
		}
	}
	for _, k := range Keys(v) {
		if !strings.Contains(page, "`"+k+"`") {
			t.Errorf("%s does not describe %s: add a line naming `%s`, with what it does", doc, k, k)
		}
		example := false
		for _, s := range set {
			if s == k || strings.HasPrefix(s, k+".") {
				example = true
			}
		}
		if !example {
			t.Errorf("%s has no example setting %s: add it to a ```toml block", doc, k)
		}
	}
}

func TestLayoutKeysAreDocumented(t *testing.T) {
	checkDocumented(t, &Layout{}, "../../docs/layouts.md")
}

func TestKeysReadsTheTomlTags(t *testing.T) {
	type inner struct {
		A string `toml:"a"`
	}
	var v struct {
		Top    string            `toml:"top"`
		Skip   string            `toml:"-"`
		Table  inner             `toml:"table"`
		Array  []inner           `toml:"array"`
		Free   map[string]string `toml:"free"`
		Ptr    *inner            `toml:"ptr"`
		Date   Date              `toml:"date"` // read from text, not a table
		hidden string
	}
	_ = v.hidden
	want := "array.a date free ptr.a table.a top"
	if got := strings.Join(Keys(&v), " "); got != want {
		t.Errorf("Keys = %q, want %q", got, want)
	}
}
