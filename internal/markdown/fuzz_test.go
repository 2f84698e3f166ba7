package markdown

import (
	"slices"
	"strings"
	"testing"

	"github.com/careprint/careprint/internal/doc"
)

// FuzzConvert converts any text: blocks or an error inside the text, never a panic, and
// no link but https, http, mailto and tel in the blocks.
func FuzzConvert(f *testing.F) {
	for _, s := range []string{
		"Use **gentle** soap.\n\n- one\n- two\n", "[x](javascript:alert(1))", "<file:///etc/passwd>",
		"<div>x</div>", "    code", "![a](b.png)", "[a](HTTPS://x.example) <b>x</b>", "[[a](b)](c)", "*[a](tel:1)*",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		blocks, err := Convert(src)
		if err != nil {
			me, ok := err.(*Error)
			if !ok || me.Offset < 0 || me.Offset > len(src) || me.Line < 1 {
				t.Fatalf("error %#v outside the text", err)
			}
			return
		}
		var walk func([]doc.Block)
		walk = func(bs []doc.Block) {
			for _, b := range bs {
				switch b := b.(type) {
				case doc.Paragraph:
					for _, in := range b.Inlines {
						scheme, _, _ := strings.Cut(strings.ToLower(in.Link), ":")
						if in.Link != "" && !slices.Contains(linkSchemes, scheme) {
							t.Fatalf("link %q passed", in.Link)
						}
					}
				case doc.List:
					for _, it := range b.Items {
						walk(it)
					}
				}
			}
		}
		walk(blocks)
	})
}
