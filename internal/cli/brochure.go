package cli

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/careprint/careprint/internal/content"
	"github.com/careprint/careprint/internal/i18n"
	"github.com/careprint/careprint/internal/layout"
	"github.com/careprint/careprint/internal/pdf"
	"github.com/careprint/careprint/internal/resolve"
)

// BrochureOptions are the flags of careprint brochure.
type BrochureOptions struct {
	Env    *Env
	Global *globalOptions

	Treatment string
	Layout    string
	Paper     string
	Output    string
	Bleed     bool
	Marks     bool
	Imposed   bool
	Date      string
	Language  string
	Dump      bool
}

// NewCmdBrochure builds the brochure command; runF replaces runBrochure in tests.
func NewCmdBrochure(env *Env, g *globalOptions, runF func(*BrochureOptions) error) *cobra.Command {
	opts := &BrochureOptions{Env: env, Global: g}
	cmd := &cobra.Command{
		Use:   "brochure TREATMENT [flags]",
		Short: "Print a treatment's brochure: a tri-fold or a booklet",
		Long: `Print a brochure about one treatment and every condition it helps, for a print shop or
an office printer.

--layout trifold is a letter-fold (C-fold) tri-fold: two landscape pages, the outside
([folds-in][back][front cover]) and the inside (three panels read left to right). The
folds-in panel is narrower so that it tucks in: 3.6875 / 3.6875 / 3.625 in on Letter,
100 / 100 / 97 mm on A4, from the fold allowance in the layout file.

--layout booklet is a saddle-stitched booklet of A5 pages (half-Letter on Letter), padded
with blank pages to a multiple of 4. With --imposed the pages are placed two to a sheet
in printer-spread order, ready to print on both sides, fold and staple.

Which content goes in which panel is set in the layout file, not here. Content that does
not fit its panels is an error naming the panel and the block, and nothing is written.

For a print shop add --bleed (0.125 in on Letter, 3 mm on A4, with a TrimBox and a
BleedBox) and --marks (crop marks and dashed fold marks outside the trim). Without them
the PDF is plain office-printer output.`,
		Example: `  careprint brochure microneedling --layout trifold --paper letter -o brochure.pdf
  careprint brochure microneedling --layout trifold --paper a4 --bleed --marks -o print-shop.pdf
  careprint brochure microneedling --layout booklet --paper a4 -o booklet.pdf
  careprint brochure microneedling --layout booklet --imposed -o booklet-sheets.pdf`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return flagErrorf("name one treatment, e.g. careprint brochure microneedling (see 'careprint list')")
			}
			return nil
		},
		ValidArgsFunction: func(cmd *cobra.Command, args []string, s string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return completeIDs(env, g, "treatment")(cmd, args, s)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Treatment = args[0]
			if opts.Paper != "" && opts.Paper != "a4" && opts.Paper != "letter" {
				return flagErrorf("--paper %q: use a4 or letter", opts.Paper)
			}
			if opts.Date != "" {
				if _, err := time.Parse("2006-01-02", opts.Date); err != nil {
					return flagErrorf("--date %q is not a date: use YYYY-MM-DD, e.g. 2026-12-01", opts.Date)
				}
			}
			if opts.Imposed && (opts.Bleed || opts.Marks) {
				return flagErrorf("--imposed fills each sheet edge to edge, so it cannot have --bleed or --marks: send a print shop the single pages instead")
			}
			if runF != nil {
				return runF(opts)
			}
			defer oneDocument()()
			return runBrochure(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Layout, "layout", "trifold", "the brochure `layout`: trifold or booklet (see 'careprint list')")
	f.StringVar(&opts.Paper, "paper", "", "the `paper`: a4 or letter (default: the layout's)")
	f.StringVarP(&opts.Output, "output", "o", "", "the PDF `file` to write (default: output/brochure-TREATMENT-LAYOUT-PAPER.pdf)")
	f.BoolVar(&opts.Bleed, "bleed", false, "add bleed on every side (0.125 in on Letter, 3 mm on A4) with a TrimBox and a BleedBox, for a print shop")
	f.BoolVar(&opts.Marks, "marks", false, "draw crop marks and dashed fold marks outside the trim")
	f.BoolVar(&opts.Imposed, "imposed", false, "booklet: place the pages two to a sheet in printer-spread order")
	f.StringVar(&opts.Date, "date", "", "the document `date` written in the PDF, YYYY-MM-DD (default: today; SOURCE_DATE_EPOCH wins)")
	f.StringVar(&opts.Language, "language", "", "the brochure's `language`, a BCP 47 tag such as es or en-US (default: the clinic's locale)")
	f.BoolVar(&opts.Dump, "dump", false, "print the laid-out display list as text instead of writing a PDF")
	_ = cmd.MarkFlagFilename("output", "pdf")
	_ = cmd.RegisterFlagCompletionFunc("layout", completeIDs(env, g, "brochure-layout"))
	_ = cmd.RegisterFlagCompletionFunc("paper", cobra.FixedCompletions([]string{"a4", "letter"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runBrochure(opts *BrochureOptions) error {
	env := opts.Env
	p, err := openForPrinting(env, opts.Global)
	if err != nil {
		return err
	}
	pdf.PrepareQR(p.Content.Clinic.BookingURL)
	if p.Content.Treatments[opts.Treatment] == nil {
		return flagErrorf("unknown treatment %q (valid: %s)", opts.Treatment, strings.Join(content.IDs(p.Content.Treatments), ", "))
	}
	lay := p.Content.Layouts[opts.Layout]
	if lay == nil || lay.Kind == content.KindHandout {
		return flagErrorf("--layout: %q is not a brochure layout (valid: %s)", opts.Layout, strings.Join(brochureLayouts(p.Content), ", "))
	}
	if opts.Imposed && lay.Kind != content.KindBooklet {
		return flagErrorf("--imposed is for booklets: a %s is printed as it is", lay.Kind)
	}
	// A day, not a time: the same content printed twice in a day gives the same bytes.
	day := env.Now().UTC()
	if opts.Date != "" {
		day, _ = time.Parse("2006-01-02", opts.Date)
	}
	date, err := documentDate(env, time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC))
	if err != nil {
		return err
	}
	req := resolve.BrochureRequest{Treatment: opts.Treatment, Layout: opts.Layout, Paper: opts.Paper,
		Bleed: opts.Bleed, Marks: opts.Marks, Imposed: opts.Imposed, Language: opts.Language}
	r, err := p.Brochure(req, date, !opts.Dump)
	if err != nil {
		var ue *resolve.UnknownError
		if errors.As(err, &ue) {
			return flagErrorf("%v", err)
		}
		var le *i18n.UnsupportedError
		if errors.As(err, &le) {
			return flagErrorf("--language: %v", err)
		}
		return err
	}
	if opts.Dump {
		layout.Dump(env.Out, r.Layout)
		return nil
	}
	out := opts.Output
	if out == "" {
		paper := opts.Paper
		if paper == "" {
			paper = lay.Paper
		}
		name := fmt.Sprintf("brochure-%s-%s-%s", opts.Treatment, opts.Layout, paper)
		if opts.Imposed {
			name += "-imposed"
		}
		out = filepath.Join(env.Dir, "output", name+".pdf")
	} else if !filepath.IsAbs(out) {
		out = filepath.Join(env.Dir, out)
	}
	return writeOutput(env, out, r, 0o644)
}

func brochureLayouts(p *content.Project) []string {
	var out []string
	for _, id := range content.IDs(p.Layouts) {
		if p.Layouts[id].Kind != content.KindHandout {
			out = append(out, id)
		}
	}
	return out
}
