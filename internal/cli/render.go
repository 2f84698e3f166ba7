package cli

import (
	"bytes"
	"fmt"
	"time"

	"github.com/careprint/careprint/internal/doc"
	"github.com/careprint/careprint/internal/layout"
	"github.com/careprint/careprint/internal/pdf"
	"github.com/careprint/careprint/internal/resolve"
)

// rendered is one laid-out document and its PDF bytes.
type rendered struct {
	doc    *doc.Document
	layout *layout.Result
	pdf    []byte
}

// renderHandout runs resolve → lay out → write for one patient. Errors never contain
// the patient's name.
func renderHandout(p *project, req resolve.Request, date time.Time, writePDF bool) (*rendered, error) {
	d, st, err := resolve.Handout(p.c, req)
	if err != nil {
		return nil, err
	}
	lay := p.c.Layouts[req.Layout]
	p.fonts.SetFallback(lay.Type.Font, lay.Type.Fallback)
	res, err := layout.Layout(d, st, p.fonts)
	if err != nil {
		return nil, fmt.Errorf("layout: %w", err)
	}
	return finish(p, &rendered{doc: d, layout: res}, date, writePDF)
}

// renderBrochure runs resolve → lay out → write for one brochure. Content that does not
// fit its panels is an error naming the layout file, the panel and the blocks.
func renderBrochure(p *project, req resolve.BrochureRequest, date time.Time, writePDF bool) (*rendered, error) {
	d, st, sh, err := resolve.Brochure(p.c, req)
	if err != nil {
		return nil, err
	}
	lay := p.c.Layouts[req.Layout]
	p.fonts.SetFallback(lay.Type.Font, lay.Type.Fallback)
	res, err := layout.Brochure(d, st, p.fonts, sh)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", lay.File, err)
	}
	return finish(p, &rendered{doc: d, layout: res}, date, writePDF)
}

// finish writes the laid-out document as PDF bytes, when asked to.
func finish(p *project, out *rendered, date time.Time, writePDF bool) (*rendered, error) {
	if !writePDF {
		return out, nil
	}
	var buf bytes.Buffer
	if err := pdf.Write(&buf, out.layout, p.fonts, pdf.Options{Producer: "careprint " + versionString(), Date: date, Untagged: p.untagged}); err != nil {
		return nil, fmt.Errorf("write: %w", err)
	}
	out.pdf = buf.Bytes()
	return out, nil
}
