package engine

import (
	"bytes"
	"fmt"
	"time"

	"github.com/careprint/careprint/internal/doc"
	"github.com/careprint/careprint/internal/layout"
	"github.com/careprint/careprint/internal/pdf"
	"github.com/careprint/careprint/internal/resolve"
)

// Rendered is one laid-out document (its display list) and its PDF bytes.
type Rendered struct {
	Doc    *doc.Document
	Layout *layout.Result
	PDF    []byte // nil unless PDF bytes were asked for
}

// Handout runs resolve → lay out → write for one patient. Errors never contain
// the patient's name.
func (p *Project) Handout(req resolve.Request, date time.Time, writePDF bool) (*Rendered, error) {
	d, st, err := resolve.Handout(p.Content, req)
	if err != nil {
		return nil, err
	}
	lay := p.Content.Layouts[req.Layout]
	p.Fonts.SetFallback(lay.Type.Font, lay.Type.Fallback)
	p.languageHelpFonts(d, lay.Type.Font)
	res, err := layout.Layout(d, st, p.Fonts)
	if err != nil {
		return nil, fmt.Errorf("layout: %w", err)
	}
	return finish(p, &Rendered{Doc: d, Layout: res}, date, writePDF)
}

// Brochure runs resolve → lay out → write for one brochure. Content that does not
// fit its panels is an error naming the layout file, the panel and the blocks.
func (p *Project) Brochure(req resolve.BrochureRequest, date time.Time, writePDF bool) (*Rendered, error) {
	d, st, sh, err := resolve.Brochure(p.Content, req)
	if err != nil {
		return nil, err
	}
	lay := p.Content.Layouts[req.Layout]
	p.Fonts.SetFallback(lay.Type.Font, lay.Type.Fallback)
	p.languageHelpFonts(d, lay.Type.Font)
	res, err := layout.Brochure(d, st, p.Fonts, sh)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", lay.File, err)
	}
	return finish(p, &Rendered{Doc: d, Layout: res}, date, writePDF)
}

// finish writes the laid-out document as PDF bytes, when asked to.
func finish(p *Project, out *Rendered, date time.Time, writePDF bool) (*Rendered, error) {
	if !writePDF {
		return out, nil
	}
	var buf bytes.Buffer
	if err := pdf.Write(&buf, out.Layout, p.Fonts, pdf.Options{Producer: "careprint " + p.Version, Date: date, Untagged: p.Untagged}); err != nil {
		return nil, fmt.Errorf("write: %w", err)
	}
	out.PDF = buf.Bytes()
	return out, nil
}
