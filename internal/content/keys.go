package content

import (
	"encoding"
	"reflect"
	"sort"
	"strings"
)

// Keys lists every key path a TOML file decoded into v accepts, read from the toml tags
// of its struct fields, sorted: "margins.top" for a key of a table, "flow.panels" for a
// key of an array of tables, and "fold.allowance" for a table of free keys (a map).
// A reference page can be tested against it, so that no key goes undocumented.
func Keys(v any) []string {
	var out []string
	keys(reflect.TypeOf(v), "", &out)
	sort.Strings(out)
	return out
}

var textValue = reflect.TypeFor[encoding.TextUnmarshaler]()

func keys(t reflect.Type, prefix string, out *[]string) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := strings.Split(f.Tag.Get("toml"), ",")[0]
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		path := prefix + name
		ft := f.Type
		for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Struct && !reflect.PointerTo(ft).Implements(textValue) {
			keys(ft, path+".", out)
			continue
		}
		*out = append(*out, path)
	}
}
