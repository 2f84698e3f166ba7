package content

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"

	"github.com/careprint/careprint/internal/doc"
	"github.com/careprint/careprint/internal/markdown"
)

// Fields are what content text may name with placeholders: {{.Clinic.Phone}},
// {{.Treatment.Title}}, {{.Patient.FirstName}}. A brochure has no patient (Patient is nil).
type Fields struct {
	Clinic    *Clinic
	Treatment *TreatmentFields
	Patient   *PatientFields
}

// TreatmentFields are the treatment's placeholders.
type TreatmentFields struct {
	ID, Title, AlsoCalled string
}

// PatientFields are the patient's placeholders. They are health data: they reach the
// printed page and nothing else.
type PatientFields struct {
	Name, FirstName, Clinician string
	// Date is the treatment date, e.g. "Tuesday 1 December 2026".
	Date string
}

// FieldsOf returns the placeholders of a treatment and, for a handout, a patient.
func FieldsOf(c *Clinic, t *Treatment, p *PatientFields) *Fields {
	f := &Fields{Clinic: c, Patient: p}
	if t != nil {
		f.Treatment = &TreatmentFields{ID: t.ID, Title: t.Title, AlsoCalled: t.AlsoCalled}
	}
	return f
}

// SamplePatient fills {{.Patient.…}} when content is checked.
var SamplePatient = &PatientFields{Name: "Alex Sample", FirstName: "Alex", Clinician: "Dr Sample", Date: "Tuesday 1 December 2026"}

// Text is one text field of the content, checked at load: its placeholders are parsed,
// and, when it has none, its Markdown too. A nil *Text is an empty field.
type Text struct {
	Src      string
	File     string
	Line     int
	Key      string
	markdown bool
	tmpl     *template.Template // nil when the text has no placeholder
	blocks   []doc.Block        // the compiled Markdown of a text without placeholders
}

// TextError is a text that cannot be printed with the given fields, e.g. a heading that
// names the patient in a brochure.
type TextError struct {
	File, Key string
	Line      int
	Err       error
}

func (e *TextError) Error() string {
	return fmt.Sprintf("%s:%d: %s: %v", e.File, e.Line, e.Key, e.Err)
}

func (e *TextError) Unwrap() error { return e.Err }

// Blocks returns the text as Markdown blocks, its placeholders filled from f.
func (t *Text) Blocks(f *Fields) ([]doc.Block, error) {
	if t == nil {
		return nil, nil
	}
	if t.tmpl == nil {
		return t.blocks, nil
	}
	s, err := t.execute(f.escaped())
	if err != nil {
		return nil, err
	}
	bs, err := markdown.Convert(s)
	if err != nil {
		return nil, &TextError{t.File, t.Key, t.Line, err}
	}
	return bs, nil
}

// Inlines returns a one-paragraph text as inline runs.
func (t *Text) Inlines(f *Fields) ([]doc.Inline, error) {
	bs, err := t.Blocks(f)
	if err != nil || len(bs) == 0 {
		return nil, err
	}
	if p, ok := bs[0].(doc.Paragraph); ok && len(bs) == 1 {
		return p.Inlines, nil
	}
	return nil, &TextError{t.File, t.Key, t.Line, errors.New("must be one short line of text, not a list or several paragraphs")}
}

// String returns a plain text (a heading, a label) with its placeholders filled.
func (t *Text) String(f *Fields) (string, error) {
	if t == nil {
		return "", nil
	}
	if t.tmpl == nil {
		return t.Src, nil
	}
	return t.execute(f)
}

func (t *Text) execute(f *Fields) (string, error) {
	b := &limitedBuilder{max: MaxFileSize}
	if err := t.tmpl.Execute(b, f); err != nil {
		if errors.Is(err, errTooLong) {
			return "", &TextError{t.File, t.Key, t.Line, errTooLong}
		}
		return "", &TextError{t.File, t.Key, t.Line, placeholderError(err)}
	}
	return b.String(), nil
}

// escaped returns the fields with the patient's values safe to put into Markdown: a name
// with * or _ prints as written.
func (f *Fields) escaped() *Fields {
	if f == nil || f.Patient == nil {
		return f
	}
	esc := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			if strings.ContainsRune("\\`*_{}[]()<>#+-.!|~&", r) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		return b.String()
	}
	p := *f.Patient
	p.Name, p.FirstName, p.Clinician = esc(p.Name), esc(p.FirstName), esc(p.Clinician)
	g := *f
	g.Patient = &p
	return &g
}

var knownPlaceholders = "{{.Clinic.Name}}, {{.Clinic.Phone}}, {{.Clinic.AfterHours}}, {{.Clinic.Email}}, {{.Clinic.Website}}, {{.Clinic.BookingURL}}, {{.Clinic.Hours}}, {{.Treatment.Title}}, {{.Treatment.AlsoCalled}}, {{.Patient.Name}}, {{.Patient.FirstName}}, {{.Patient.Clinician}}, {{.Patient.Date}}"

func placeholderError(err error) error {
	msg := err.Error()
	if i := strings.Index(msg, "can't evaluate field "); i >= 0 {
		field := strings.Fields(msg[i+len("can't evaluate field "):])[0]
		return fmt.Errorf("unknown placeholder field %q (known: %s)", field, knownPlaceholders)
	}
	if strings.Contains(msg, "nil pointer evaluating *content.PatientFields") {
		return errors.New("names the patient, but a brochure has no patient: set show = \"handout\", or give a brochure_text without {{.Patient…}}")
	}
	if i := strings.Index(msg, "executing \"\" at "); i >= 0 {
		msg = msg[i+len("executing \"\" at "):]
	}
	return fmt.Errorf("placeholder: %s", strings.TrimPrefix(msg, "template: :"))
}

// textOpts say how a field is checked at load.
type textOpts struct {
	markdown bool
	brochure bool // printed on brochures: must not name the patient
	required bool
}

// compile checks a text field and records it for the glyph and readability checks: its
// placeholders are filled with the clinic, the treatment t and a sample patient.
func (f *file) compile(key, src string, t *Treatment, o textOpts) *Text {
	if strings.TrimSpace(src) == "" {
		if o.required {
			f.require(key, src)
		}
		return nil
	}
	line, col := f.at(key)
	tx := &Text{Src: src, File: f.name, Line: line, Key: key, markdown: o.markdown}
	filled := src
	if strings.Contains(src, "{{") {
		tm, err := parseTemplate(src)
		if err != nil {
			var fe *fillError
			if errors.As(err, &fe) {
				l, c := f.valuePos(key, fe.off)
				f.l.diags.Errorf(f.name, l, c, key, "%s", fe.msg)
			} else {
				f.l.diags.Errorf(f.name, line, col, key, "%v", err)
			}
			return nil
		}
		tx.tmpl = tm
		clinic := f.l.p.Clinic
		if clinic == nil {
			clinic = &Clinic{}
		}
		s, err := tx.execute(FieldsOf(clinic, t, SamplePatient))
		if err != nil {
			f.l.diags.Errorf(f.name, line, col, key, "%v", errors.Unwrap(err))
			return nil
		}
		if i := strings.Index(s, "%!"); i >= 0 && !strings.Contains(src, "%!") {
			f.l.diags.Errorf(f.name, line, col, key, "placeholder: a formatting error (%%!) would be printed")
			return nil
		}
		filled = s
		if o.brochure {
			if _, err := tx.execute(FieldsOf(clinic, t, nil)); err != nil {
				f.l.diags.Errorf(f.name, line, col, key, "%v", errors.Unwrap(err))
				return nil
			}
		}
	}
	plain := filled
	if o.markdown {
		blocks, err := markdown.Convert(filled)
		if err != nil {
			var me *markdown.Error
			if errors.As(err, &me) {
				off := me.Offset
				if filled != src { // placeholders moved the text: point at the line
					off = lineOffset([]byte(src), me.Line)
				}
				mline, mcol := f.valuePos(key, off)
				f.l.diags.Errorf(f.name, mline, mcol, key, "%s", me.Msg)
				return nil
			}
			f.l.diags.Errorf(f.name, line, col, key, "%v", err)
			return nil
		}
		if tx.tmpl == nil {
			tx.blocks = blocks
		}
		plain = markdown.Plain(blocks)
	}
	f.l.p.Texts = append(f.l.p.Texts, TextField{File: f.name, Line: line, Col: col, Key: key, Text: plain})
	return tx
}

// inlineText compiles a field that must be one short line of Markdown.
func (f *file) inlineText(key, src string, t *Treatment, o textOpts) *Text {
	o.markdown = true
	tx := f.compile(key, src, t, o)
	if tx == nil {
		return nil
	}
	clinic := f.l.p.Clinic
	if clinic == nil {
		clinic = &Clinic{}
	}
	if _, err := tx.Inlines(FieldsOf(clinic, t, SamplePatient)); err != nil {
		f.errorf(key, "must be one short line of text, not a list or several paragraphs")
		return nil
	}
	return tx
}

// fillError is a problem with a placeholder, at byte off of the field's text.
type fillError struct {
	off int
	msg string
}

func (e *fillError) Error() string { return e.msg }

// placeholderRoots are what a placeholder may name: {{.Clinic.Phone}},
// {{.Treatment.Title}}, {{.Patient.FirstName}} (the fields are checked when the text is
// filled with a sample).
var placeholderRoots = []string{"Clinic", "Treatment", "Patient"}

// parseTemplate parses src and allows only text, {{.X.Y}} and {{if .X.Y}}…{{end}}:
// nothing else of text/template (functions such as printf, range, with, define and
// template), so a text costs what it says and prints nothing it does not show.
func parseTemplate(src string) (*template.Template, error) {
	t, err := template.New("").Option("missingkey=error").Parse(src)
	if err != nil {
		msg := strings.TrimPrefix(err.Error(), "template: :")
		off := 0
		if line, rest, ok := strings.Cut(msg, ": "); ok {
			if n, err := strconv.Atoi(line); err == nil {
				off, msg = lineOffset([]byte(src), n), rest
			}
		}
		if i := strings.Index(msg, " started at :"); i >= 0 { // an unclosed action: where it starts
			if n, err := strconv.Atoi(msg[i+len(" started at :"):]); err == nil {
				off, msg = lineOffset([]byte(src), n), msg[:i]
			}
		}
		return nil, &fillError{off, "placeholder: " + msg}
	}
	if len(t.Templates()) > 1 {
		return nil, &fillError{max(strings.Index(src, "{{define"), strings.Index(src, "{{block"), 0), "placeholder: define and block are not allowed: write the text out"}
	}
	if err := checkNodes(t.Tree.Root); err != nil {
		var fe *fillError
		if errors.As(err, &fe) {
			// A node's position is past its keyword: point at its "{{".
			fe.off = max(strings.LastIndex(src[:min(fe.off, len(src))], "{{"), 0)
		}
		return nil, err
	}
	return t, nil
}

// checkNodes allows text, {{.X.Y}} and {{if .X.Y}}…{{else}}…{{end}}.
func checkNodes(list *parse.ListNode) error {
	if list == nil {
		return nil
	}
	for _, n := range list.Nodes {
		switch n := n.(type) {
		case *parse.TextNode, *parse.CommentNode:
		case *parse.ActionNode:
			if err := checkPipe(n.Pipe, n.Position()); err != nil {
				return err
			}
		case *parse.IfNode:
			if err := checkPipe(n.Pipe, n.Position()); err != nil {
				return err
			}
			if err := checkNodes(n.List); err != nil {
				return err
			}
			if err := checkNodes(n.ElseList); err != nil {
				return err
			}
		default:
			return &fillError{int(n.Position()), fmt.Sprintf("placeholder: %s is not allowed: use {{.Clinic.Phone}} and the like, or {{if .Clinic.AfterHours}}…{{end}}", n)}
		}
	}
	return nil
}

func checkPipe(p *parse.PipeNode, pos parse.Pos) error {
	if p != nil && len(p.Decl) == 0 && len(p.Cmds) == 1 && len(p.Cmds[0].Args) == 1 {
		if fn, ok := p.Cmds[0].Args[0].(*parse.FieldNode); ok && len(fn.Ident) == 2 && slices.Contains(placeholderRoots, fn.Ident[0]) {
			return nil
		}
	}
	return &fillError{int(pos), fmt.Sprintf("placeholder: {{%s}} is not allowed: use {{.Clinic.Phone}} and the like", p)}
}
