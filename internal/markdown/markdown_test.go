package markdown

import (
	"errors"
	"testing"

	"github.com/careprint/careprint/internal/doc"
)

func TestConvert(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"paragraph with emphasis", "Use **gentle** soap and *cool* water.\nPat dry.",
			"p Use **gentle** soap and *cool* water. Pat dry.\n"},
		{"bullet list", "You may:\n\n- feel warm\n- see redness\n",
			"p You may:\nul\n  -\n    p feel warm\n  -\n    p see redness\n"},
		{"numbered list from 3", "3. wash\n4. dry\n", "ol\n  -\n    p wash\n  -\n    p dry\n"},
		{"link", "Book at [our site](https://x.example/book).", "p Book at [our site](https://x.example/book).\n"},
		{"typographic quotes and dashes", `It's "mild" -- not painful.`, "p It’s “mild” – not painful.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			blocks, err := Convert(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			got := doc.Dump(&doc.Document{Blocks: blocks})
			got = got[len(`title ""`+"\n"+`subject ""`+"\n"+`header "" "" []`+"\n"+`footer ""`+"\n"):]
			if got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestConvertRejectsWhatCannotBePrinted(t *testing.T) {
	tests := []struct{ src, want string }{
		{"Fine.\n\n<div>x</div>\n", "line 3: raw HTML cannot be printed; use Markdown (**bold**, *italic*, - lists)"},
		{"Text with <b>bold</b>.", "line 1: raw HTML cannot be printed; use Markdown (**bold**, *italic*, [text](url))"},
		{"One.\n\n    indented code\n", "line 3: code blocks cannot be printed; write the text as a paragraph (an indented line starts a code block)"},
		{"See ![a](b.png)", "line 1: images cannot be placed in a text field"},
	}
	for _, tt := range tests {
		_, err := Convert(tt.src)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Convert(%q) error = %v, want %s", tt.src, err, tt.want)
		}
	}
}

// Links reach the PDF as actions a reader follows: only web pages, e-mail and phone
// numbers, whatever the case of the scheme; the error says where the link starts.
func TestLinksAreWebMailOrPhone(t *testing.T) {
	for _, ok := range []string{
		"[book](https://x.example/book)", "[site](HTTP://x.example)", "[mail](mailto:a@x.example)",
		"[call](tel:+15550100)", "<https://x.example>", "<a@x.example>",
	} {
		if _, err := Convert("See " + ok + "."); err != nil {
			t.Errorf("Convert(%q) = %v", ok, err)
		}
	}
	tests := []struct {
		src    string
		line   int
		offset int
		msg    string
	}{
		{"Click [here](javascript:alert(1)).", 1, 6, `link "javascript:alert(1)" is not allowed: a link starts with https://, http://, mailto: or tel:`},
		{"One.\n\nOpen [the file](FILE:///etc/passwd) now.", 3, 11, `link "FILE:///etc/passwd" is not allowed: a link starts with https://, http://, mailto: or tel:`},
		{"See [our page](aftercare.html).", 1, 4, `link "aftercare.html" is not allowed: a link starts with https://, http://, mailto: or tel:`},
		{"Go to <javascript:void(0)>.", 1, 6, `link "javascript:void(0)" is not allowed: a link starts with https://, http://, mailto: or tel:`},
	}
	for _, tt := range tests {
		_, err := Convert(tt.src)
		var me *Error
		if !errors.As(err, &me) || me.Line != tt.line || me.Offset != tt.offset || me.Msg != tt.msg {
			t.Errorf("Convert(%q) = %#v, want line %d offset %d: %s", tt.src, me, tt.line, tt.offset, tt.msg)
		}
	}
}

// An e-mail autolink becomes a mailto: link (found by FuzzConvert: "<0@0>" passed as a
// link to a file named 0@0).
func TestEmailAutolinkIsMailto(t *testing.T) {
	blocks, err := Convert("Write to <ana@clinic.example>.")
	if err != nil {
		t.Fatal(err)
	}
	p := blocks[0].(doc.Paragraph)
	var link string
	for _, in := range p.Inlines {
		if in.Link != "" {
			link = in.Link
		}
	}
	if link != "mailto:ana@clinic.example" {
		t.Errorf("link = %q, want mailto:ana@clinic.example", link)
	}
}
