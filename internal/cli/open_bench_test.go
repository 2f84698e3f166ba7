package cli

import "testing"

// BenchmarkOpenProject is what a cold 'careprint handout' does before it prints: load the
// built-in content, layouts and fonts and run every check.
func BenchmarkOpenProject(b *testing.B) {
	env, _, _ := testEnv(&testing.T{})
	for b.Loop() {
		if _, err := openProject(env, &globalOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
