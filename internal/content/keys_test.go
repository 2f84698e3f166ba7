package content

import (
	"encoding"
	"os"
	"reflect"
	"strings"
	"testing"
)

// TestEveryContentKeyIsDocumented fails when the loader accepts a key of a content file
// (clinic, treatment, condition, careprint.toml) that docs/content.md does not describe
// as `path.to.key`.
func TestEveryContentKeyIsDocumented(t *testing.T) {
	src, err := os.ReadFile("../../docs/content.md")
	if err != nil {
		t.Fatal(err)
	}
	docs := string(src)
	for _, v := range []any{Clinic{}, Treatment{}, Condition{}, Settings{}} {
		for _, key := range tomlKeys(reflect.TypeOf(v), "") {
			// A condition's sections are the same tables as a treatment's, described once;
			// its [for.<treatment>] tables take the condition's own keys.
			doc := strings.TrimPrefix(key, "for.<treatment>.")
			if _, ok := v.(Condition); ok && strings.HasPrefix(doc, "section.") && doc != "section" {
				continue // checked as the treatment's
			}
			if !strings.Contains(docs, "`"+key+"`") && !strings.Contains(docs, "`"+doc+"`") {
				t.Errorf("docs/content.md does not describe the %T key `%s`", v, key)
			}
		}
	}
}

var textUnmarshaler = reflect.TypeOf((*encoding.TextUnmarshaler)(nil)).Elem()

// tomlKeys lists the dotted paths of every key a type decodes that holds a value, or an
// array of tables.
func tomlKeys(t reflect.Type, prefix string) []string {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() == reflect.Map && t.Key().Kind() == reflect.String {
		// [for.<treatment>] tables: the key is an id.
		return tomlKeys(t.Elem(), prefix+"<treatment>.")
	}
	if t.Kind() != reflect.Struct || reflect.PointerTo(t).Implements(textUnmarshaler) {
		return nil
	}
	var out []string
	for i := 0; i < t.NumField(); i++ {
		tag := strings.Split(t.Field(i).Tag.Get("toml"), ",")[0]
		if tag == "" || tag == "-" {
			continue
		}
		key := prefix + tag
		sub := tomlKeys(t.Field(i).Type, key+".")
		if len(sub) == 0 || t.Field(i).Type.Kind() == reflect.Slice {
			out = append(out, key)
		}
		out = append(out, sub...)
	}
	return out
}
