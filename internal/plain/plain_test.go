package plain

import (
	"reflect"
	"strings"
	"testing"
)

func rules(fs []Finding) string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule+": "+f.Msg)
	}
	return strings.Join(out, "\n")
}

// Each rule with a case that breaks it and one that does not.
func TestRules(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"long sentence", "You should wash your face gently with a mild cleanser and lukewarm water in the morning and again in the evening before you go to bed at night.",
			`long-sentence: sentence of 28 words (at most 25): split it after a comma or an "and" ("You should wash your face gently …")`},
		{"short sentences pass", "Wash your face gently. Use a mild cleanser. Do it morning and night.", ""},
		{"passive voice", "Cream is applied to the skin. The needles are moved over it. The skin is cleaned. You go home.",
			`passive-voice: 3 of 4 sentences are passive (at most 20 %): say who does what, e.g. "we put cream on your skin", not "cream is put on"`},
		{"active voice passes", "We put cream on your skin. We move the needles over it. We clean your skin. You go home.", ""},
		{"adjectives after is are not passive", "Your skin is red. You are tired. The area is swollen and red. It is sore.", ""},
		{"percentage", "Most people (80%) see results.", `numbers: "80%": write whole numbers a reader can picture, e.g. "1 in 4 people", not a percentage or fraction`},
		{"fraction", "Use 1/2 a teaspoon.", `numbers: "1/2": write whole numbers a reader can picture, e.g. "1 in 4 people", not a percentage or fraction`},
		{"dates and phone numbers are fine", "Call (555) 010-4477 on 1 December.", ""},
		{"jargon", "Take an analgesic prior to the session.", "jargon: \"analgesic\" is jargon: write \"pain medicine\"\njargon: \"prior to\": write \"before\""},
		{"plain words pass", "Take a pain medicine before the session.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rules(Check(tt.text)); got != tt.want {
				t.Errorf("findings:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestUnexplainedTerms(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Your skin makes collagen. It grows back.", nil},                          // next sentence explains
		{"Skin needs collagen to heal well. Wash it daily.", []string{"collagen"}}, // not explained
		{"Your skin makes collagen (a protein that keeps skin firm).", nil},
		{"Doctors call hair loss alopecia.", nil},
		{"They form in the dermis, the thick layer under the surface.", nil},
		{"See a dermatologist.", []string{"dermatologist"}},
		{"Use PRP too. PRP means platelet-rich plasma.", nil},
	}
	for _, tt := range tests {
		if got := Unexplained(tt.text, map[string]bool{}); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Unexplained(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	// Only the first appearance needs the explanation.
	seen := map[string]bool{}
	Unexplained("Collagen (a protein) keeps skin firm.", seen)
	if got := Unexplained("Skin needs collagen to heal well.", seen); got != nil {
		t.Errorf("second use flagged: %q", got)
	}
}
