package content

import (
	"testing"
	"testing/fstest"
)

func mapFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for k, v := range files {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return fsys
}

func TestOwnTreatmentsHideTheBuiltinSample(t *testing.T) {
	builtin := mapFS(map[string]string{
		"content/clinic.toml":                   okClinic,
		"content/treatments/microneedling.toml": okTreatment,
		"content/conditions/acne-scars.toml":    okCondition,
		"layouts/handout.toml":                  okLayout,
	})
	tests := []struct {
		name                   string
		project                fstest.MapFS
		treatments, conditions string
	}{
		{"no project: the sample", nil, "microneedling", "acne-scars"},
		{"a project without content/treatments: the sample", mapFS(map[string]string{"layouts/handout.toml": okLayout}), "microneedling", "acne-scars"},
		{"own treatments: only those", mapFS(map[string]string{"content/treatments/peel.toml": okTreatment}), "peel", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := &Overlay{Builtin: builtin}
			if tt.project != nil {
				o.Project = tt.project
			}
			p, _ := Load(o)
			if got := join(IDs(p.Treatments)); got != tt.treatments {
				t.Errorf("treatments = %q, want %q", got, tt.treatments)
			}
			if got := join(IDs(p.Conditions)); got != tt.conditions {
				t.Errorf("conditions = %q, want %q", got, tt.conditions)
			}
			// The clinic file and layouts still fall back.
			if p.Clinic == nil || p.Layouts["handout"] == nil {
				t.Error("the built-in clinic file or layout is missing")
			}
		})
	}
}

func join(ss []string) string {
	out := ""
	for i, s := range ss {
		if i > 0 {
			out += ","
		}
		out += s
	}
	return out
}
