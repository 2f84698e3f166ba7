package readability

import (
	"math"
	"testing"
)

func TestSpanishSyllables(t *testing.T) {
	for w, want := range map[string]int{
		"la": 1, "piel": 1, "hay": 1, "muy": 1, "que": 1, "quien": 1, "guitarra": 3,
		"país": 2, "día": 2, "oír": 2, "cuidado": 3, "aéreo": 4, "pingüino": 3,
		"ciudad": 2, "leer": 2, "Uruguay": 3, "huevo": 2, "limpiador": 3, "suave": 2,
		"sesiones": 3, "colágeno": 4, "dermatólogo": 5, "tratamiento": 4, "Días": 2,
	} {
		if got := SyllablesES(w); got != want {
			t.Errorf("%s: %d syllables, want %d", w, got, want)
		}
	}
}

// TestSpanishFormulasOnAHandWorkedExample: "La piel se ve roja." is 5 words of 1, 1, 1, 1
// and 2 syllables; "Use un limpiador suave." is 4 words of 2, 1, 3 and 2. So 9 words,
// 14 syllables, 2 sentences:
//
//	Fernández-Huerta = 206.84 − 60·14/9 − 1.02·9/2 = 206.84 − 93.3333 − 4.59 = 108.9167
//	Szigriszt-Pazos  = 206.835 − 62.3·14/9 − 9/2 = 206.835 − 96.9111 − 4.5 = 105.4239

func TestSpanishFormulasOnAHandWorkedExample(t *testing.T) {
	s := ScoreSpanish("La piel se ve roja.\nUse un limpiador suave.")
	if s.Words != 9 || s.Syllables != 14 || s.Sentences != 2 {
		t.Fatalf("counts %+v, want 9 words, 14 syllables, 2 sentences", s)
	}
	near := func(name string, got, want float64) {
		if math.Abs(got-want) > 0.001 {
			t.Errorf("%s %.4f, want %.4f", name, got, want)
		}
	}
	near("Fernández-Huerta", s.FernandezHuerta, 108.9167)
	near("Szigriszt-Pazos", s.SzigrisztPazos, 105.4239)

	// el(1) tra-ta-mien-to(4) pue-de(2) ex-ten-der(3) los(1) gér-me-nes(3) y(1)
	// em-pe-o-rar(4) la(1) in-fla-ma-ción(4): 10 words, 24 syllables, 1 sentence.
	//	Fernández-Huerta = 206.84 − 60·2.4 − 1.02·10 = 52.64
	//	Szigriszt-Pazos  = 206.835 − 62.3·2.4 − 10 = 47.315 ("algo difícil")
	s = ScoreSpanish("El tratamiento puede extender los gérmenes y empeorar la inflamación.")
	if s.Words != 10 || s.Syllables != 24 || s.Sentences != 1 {
		t.Fatalf("counts %+v", s)
	}
	near("Fernández-Huerta", s.FernandezHuerta, 52.64)
	near("Szigriszt-Pazos", s.SzigrisztPazos, 47.315)
	if b := InflezBand(s.SzigrisztPazos); b != "algo difícil" {
		t.Errorf("band %q", b)
	}
	if b := InflezBand(70); b != "bastante fácil" {
		t.Errorf("band %q", b)
	}
}
