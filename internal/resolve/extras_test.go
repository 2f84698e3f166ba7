package resolve

import (
	"reflect"
	"testing"

	"github.com/careprint/careprint/internal/content"
	"github.com/careprint/careprint/internal/doc"
)

func TestSignoffIsTheMessageCutAtItsBlanks(t *testing.T) {
	for _, tt := range []struct {
		lang string
		want []string
	}{
		{"en", []string{"Given by", "on", ""}},
		{"es", []string{"Entregado por", "el", ""}},
	} {
		r := &resolver{w: words(t, tt.lang, "")}
		if got := r.signoff().Parts; !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: parts %q, want %q", tt.lang, got, tt.want)
		}
	}
}

func TestClinicBlockPrintsWhatTheClinicGives(t *testing.T) {
	w := words(t, "en", "")
	full := &content.Clinic{Address: []string{"12 Example Street", "Harbourview"}, Hours: "Mon to Fri 9 am to 6 pm"}
	got := (&resolver{w: w, clinic: full}).clinicInfo()
	want := []doc.Block{doc.Details{Items: []doc.Field{{Label: "Address", Value: "12\u00a0Example\u00a0Street, Harbourview"}, {Label: "Opening hours", Value: "Mon to Fri 9 am to 6 pm"}}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v, want %#v", got, want)
	}
	if got := (&resolver{w: w, clinic: &content.Clinic{Hours: "Mon"}}).clinicInfo(); len(got) != 1 || len(got[0].(doc.Details).Items) != 1 {
		t.Errorf("hours only: %#v", got)
	}
	if got := (&resolver{w: w, clinic: &content.Clinic{}}).clinicInfo(); got != nil {
		t.Errorf("a clinic with no address or hours prints %#v", got)
	}
}
