// Command coldfpdf is the baseline for careprint's cold-start target (issue 4): a minimal
// fpdf program that prints the same handout text with the same two embedded fonts and
// no layout engine (MultiCell only). BENCHMARKS.md compares a cold 'careprint handout'
// process with a cold run of this one:
//
//	careprint handout ... --dump-text > handout.txt   (or any text file)
//	go build -o /tmp/coldfpdf ./internal/bench/coldfpdf
//	/tmp/coldfpdf handout.txt out.pdf
package main

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	careprint "github.com/careprint/careprint"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: coldfpdf TEXT-FILE OUT.pdf")
		os.Exit(2)
	}
	text, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	regular, _ := careprint.Defaults.ReadFile("fonts/AtkinsonHyperlegible-Regular.ttf")
	bold, _ := careprint.Defaults.ReadFile("fonts/AtkinsonHyperlegible-Bold.ttf")
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCreationDate(time.Unix(0, 0).UTC())
	pdf.SetModificationDate(time.Unix(0, 0).UTC())
	pdf.AddUTF8FontFromBytes("Atkinson", "", regular)
	pdf.AddUTF8FontFromBytes("Atkinson", "B", bold)
	pdf.SetMargins(21, 12, 21)
	pdf.AddPage()
	for i, para := range strings.Split(string(text), "\n") {
		if i%6 == 0 {
			pdf.SetFont("Atkinson", "B", 13)
		} else {
			pdf.SetFont("Atkinson", "", 12)
		}
		pdf.MultiCell(0, 5.7, para, "", "L", false)
	}
	if err := pdf.OutputFileAndClose(os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
