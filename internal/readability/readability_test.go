package readability

import (
	"math"
	"strings"
	"testing"
)

// knownSyllables is a list of words with their syllable counts from a pronouncing
// dictionary; the counter must get at least 95 % of them right.
var knownSyllables = `a 1|the 1|cat 1|dog 1|skin 1|scar 1|scars 1|spot 1|sun 1|wash 1|dry 1|red 1|warm 1|tight 1|face 1|neck 1|hair 1|loss 1|pores 1|lines 1|mild 1|cream 1|soap 1|week 1|weeks 1|day 1|days 1|time 1|make 1|made 1|takes 1|feel 1|feels 1|help 1|helps 1|care 1|call 1|fever 2|water 2|cleanser 2|gentle 2|simple 2|little 2|table 2|doctor 2|better 2|after 2|over 2|under 2|pressure 2|healing 2|heals 2|redness 2|swelling 2|painful 2|sunscreen 2|products 2|product 2|session 2|sessions 2|treatment 2|nurse 1|needle 2|needles 2|tiny 2|many 2|any 2|very 2|even 2|uneven 3|follow 2|advice 2|provide 2|provider 3|flaking 2|peeling 2|itchy 2|itching 2|protect 2|protein 2|proteins 2|process 2|expect 2|results 2|stretch 1|marks 1|texture 2|collagen 3|elastin 3|minimal 3|typical 3|typically 4|beautiful 3|family 3|important 3|remember 3|tomorrow 3|another 3|together 3|however 3|personal 3|sensitive 3|irritate 3|irritated 4|irritation 4|infection 3|infections 3|infected 3|condition 3|conditions 3|injection 3|injections 3|dermatologist 5|medical 3|medicine 3|hospital 3|emergency 4|pharmacy 3|recovery 4|discomfort 3|anaesthetic 4|anesthetic 4|numbing 2|microneedling 4|hyperpigmentation 6|pigmentation 4|melasma 3|alopecia 5|minoxidil 4|keloid 2|eczema 3|psoriasis 4|rosacea 4|surgical 3|surgery 3|traumatic 3|inflammation 4|bacteria 4|ingredients 4|ingredient 4|absorption 3|absorb 2|penetrate 3|effective 3|effectively 4|permanent 3|temporary 4|temporarily 5|gradually 4|gradual 3|noticeable 4|visible 3|possible 3|several 3|usually 4|usual 3|normal 2|normally 3|natural 3|naturally 4|slightly 2|lightly 2|brighter 2|smoother 2|firmer 2|younger 2|older 2|newer 2|deeper 2|depth 1|location 3|age 1|aging 2|ageing 2|exercise 3|makeup 2|sweating 2|swimming 2|sauna 2|alcohol 3|retinol 3|acid 2|acids 2|vitamin 3|moisturiser 4|lotion 2|serum 2|serums 2|plasma 2|platelet 2|rich 1|series 2|refresh 2|option 2|popular 3|invasive 3|procedure 3|versatile 3|cure 1|technique 2|qualified 3|licensed 2|create 2|plan 1|safe 1|goals 1|schedule 2|appointment 3|booking 2|book 1|clinic 2|clinician 3|website 2|telephone 3|phone 1|address 2|hours 1|open 1|closed 1|evening 2|morning 2|afternoon 3|yesterday 3|today 2|area 3|idea 3|people 2|every 2|different 3|experience 4|experienced 4|previous 3|serious 3|period 3|quiet 2|create 2|science 2|video 3|radio 3|really 2|cruel 2|diet 2|themselves 2|something 2|someone 2|before 2|there 1|where 1|here 1|one 1|done 1|some 1|come 1|give 1|have 1|above 2|again 2|alone 2|apply 2|applied 2|careful 2|carefully 3|patient 2|patients 2|issue 2|value 2|continue 3|avoid 2|avoided 3|wanted 2|needed 2|started 2|ended 2|helped 1|washed 1|used 1|asked 1|called 1|worked 1|dressed 1|touched 1|finished 2|stopped 1|changes 2|places 2|pushes 2|boxes 2|makes 1|takes 1|comes 1|wrinkles 2|bubbles 2|puzzles 2`

func TestSyllableCounterAccuracy(t *testing.T) {
	words := strings.Split(knownSyllables, "|")
	if len(words) < 200 {
		t.Fatalf("only %d words in the list", len(words))
	}
	wrong := 0
	var misses []string
	for _, entry := range words {
		f := strings.Fields(entry)
		want := int(f[1][0] - '0')
		if got := Syllables(f[0]); got != want {
			wrong++
			misses = append(misses, f[0])
		}
	}
	acc := 100 * float64(len(words)-wrong) / float64(len(words))
	t.Logf("syllable counter: %d words, %d wrong, accuracy %.1f %% (misses: %s)", len(words), wrong, acc, strings.Join(misses, ", "))
	if acc < 95 {
		t.Errorf("accuracy %.1f %% is under 95 %%", acc)
	}
}

func TestRulesWithoutTheWordList(t *testing.T) {
	// The rules alone, on words that are not in the dictionary.
	for w, want := range map[string]int{"wanted": 2, "helped": 1, "bubbles": 2, "boxes": 2, "computer": 3, "station": 2, "make": 1, "candle": 2} {
		if _, ok := dictionary[w]; ok {
			t.Fatalf("%s is in the dictionary", w)
		}
		if got := rules(w); got != want {
			t.Errorf("rules(%q) = %d, want %d", w, got, want)
		}
	}
}

// The formulas against a hand-worked example.
//
//	"The cat sat on the mat. Microneedling helps your skin make collagen."
//	words: the cat sat on the mat (6) + microneedling helps your skin make collagen (6) = 12
//	sentences: 2
//	syllables: 6×1 + (4+1+1+1+1+3) = 6 + 11 = 17
//	polysyllables: microneedling, collagen = 2
//	FK   = 0.39×(12/2) + 11.8×(17/12) − 15.59 = 2.34 + 16.7167 − 15.59 = 3.4667
//	FRE  = 206.835 − 1.015×6 − 84.6×(17/12) = 206.835 − 6.09 − 119.85 = 80.895
//	SMOG = 1.0430×√(2×30/2) + 3.1291 = 1.0430×5.4772 + 3.1291 = 8.8419
func TestFormulasOnAHandWorkedExample(t *testing.T) {
	s := Score("The cat sat on the mat. Microneedling helps your skin make collagen.")
	if s.Words != 12 || s.Sentences != 2 || s.Syllables != 17 || s.Polysyllables != 2 {
		t.Fatalf("counts = %+v", s.Counts)
	}
	near := func(name string, got, want float64) {
		if math.Abs(got-want) > 0.001 {
			t.Errorf("%s = %.4f, want %.4f", name, got, want)
		}
	}
	near("Flesch-Kincaid", s.FleschKincaid, 3.4667)
	near("reading ease", s.ReadingEase, 80.895)
	near("SMOG", s.SMOG, 8.8419)
	if strings.Join(s.Long, ",") != "microneedling,collagen" {
		t.Errorf("long words = %v", s.Long)
	}
}

func TestNumbersAndListsAreCountedAsRead(t *testing.T) {
	// "24" is twen-ty-four (3), "4–6" is four to six: two words; each line of a list is a
	// sentence.
	c := Count("Redness lasts 24 hours\nSessions are 4–6 weeks apart")
	if c.Words != 10 || c.Sentences != 2 {
		t.Errorf("counts = %+v", c)
	}
	if got := Syllables("#24"); got != 3 {
		t.Errorf("24 has %d syllables, want 3", got)
	}
	if got := Syllables("PRP"); got != 3 {
		t.Errorf("PRP has %d syllables, want 3", got)
	}
	if c := Count("Dr. Osei will see you. E.g. for scars."); c.Sentences != 2 {
		t.Errorf("abbreviations ended a sentence: %+v", c)
	}
}
