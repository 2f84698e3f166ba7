package pdftag

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// dict is a PDF dictionary read from src: its keys in file order and the span of each
// value, so that a value can be copied as written.
type dict struct {
	src  []byte
	keys []string
	vals map[string]span
}

func (d *dict) raw(k string) string {
	v, ok := d.vals[k]
	if !ok {
		return ""
	}
	return strings.TrimSpace(string(d.src[v.from:v.to]))
}

// ref reads a value "n 0 R".
func (d *dict) ref(k string) (int, bool) {
	f := strings.Fields(d.raw(k))
	if len(f) != 3 || f[2] != "R" {
		return 0, false
	}
	n, err := strconv.Atoi(f[0])
	return n, err == nil && n > 0
}

func (d *dict) int(k string) (int, bool) {
	n, err := strconv.Atoi(d.raw(k))
	return n, err == nil
}

func (d *dict) name(k string) string {
	return strings.TrimPrefix(d.raw(k), "/")
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	return strings.IndexByte("()<>[]{}/%", c) >= 0
}

func skipSpace(b []byte, i int) int {
	for i < len(b) {
		switch {
		case isSpace(b[i]):
			i++
		case b[i] == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		default:
			return i
		}
	}
	return i
}

// parseDict reads the dictionary that starts at the first "<<" at or after i.
func parseDict(b []byte, i int) (*dict, error) {
	i = skipSpace(b, i)
	if !strings.HasPrefix(string(b[i:min(len(b), i+2)]), "<<") {
		return nil, errors.New("not a dictionary")
	}
	d := &dict{src: b, vals: map[string]span{}}
	i += 2
	for {
		i = skipSpace(b, i)
		if i >= len(b) {
			return nil, errors.New("dictionary not closed")
		}
		if b[i] == '>' {
			if i+1 < len(b) && b[i+1] == '>' {
				return d, nil
			}
			return nil, errors.New("stray '>'")
		}
		if b[i] != '/' {
			return nil, fmt.Errorf("key expected at %q", excerpt(b, i))
		}
		end := endName(b, i+1)
		k := string(b[i+1 : end])
		vs := skipSpace(b, end)
		ve, err := skipValue(b, vs)
		if err != nil {
			return nil, fmt.Errorf("/%s: %w", k, err)
		}
		// An indirect reference is three tokens: "n g R".
		if j := skipSpace(b, ve); isInt(b[vs:ve]) {
			if je, err := skipValue(b, j); err == nil && isInt(b[j:je]) {
				if r := skipSpace(b, je); r < len(b) && b[r] == 'R' && (r+1 == len(b) || isSpace(b[r+1]) || isDelim(b[r+1])) {
					ve = r + 1
				}
			}
		}
		if _, dup := d.vals[k]; !dup {
			d.keys = append(d.keys, k)
		}
		d.vals[k] = span{vs, ve}
		i = ve
	}
}

func isInt(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func endName(b []byte, i int) int {
	for i < len(b) && !isSpace(b[i]) && !isDelim(b[i]) {
		i++
	}
	return i
}

// skipValue returns the end of the one object that starts at i.
func skipValue(b []byte, i int) (int, error) {
	if i >= len(b) {
		return i, errors.New("value expected")
	}
	switch c := b[i]; {
	case c == '/':
		return endName(b, i+1), nil
	case c == '(':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '\\':
				j++
			case '(':
				depth++
			case ')':
				depth--
				if depth == 0 {
					return j + 1, nil
				}
			}
		}
		return i, errors.New("string not closed")
	case c == '<' && i+1 < len(b) && b[i+1] == '<':
		d, err := parseDict(b, i)
		if err != nil {
			return i, err
		}
		// parseDict stops at the closing ">>" of the dictionary it read.
		end := i + 2
		for _, k := range d.keys {
			end = max(end, d.vals[k].to)
		}
		end = skipSpace(b, end)
		return end + 2, nil
	case c == '<':
		j := strings.IndexByte(string(b[i:]), '>')
		if j < 0 {
			return i, errors.New("hex string not closed")
		}
		return i + j + 1, nil
	case c == '[':
		j := skipSpace(b, i+1)
		for j < len(b) && b[j] != ']' {
			e, err := skipValue(b, j)
			if err != nil {
				return i, err
			}
			j = skipSpace(b, e)
		}
		if j >= len(b) {
			return i, errors.New("array not closed")
		}
		return j + 1, nil
	case isDelim(c):
		return i, fmt.Errorf("unexpected %q", excerpt(b, i))
	default: // number, boolean, null, or the R of a reference
		return endName(b, i), nil
	}
}

// refsIn reads an array of indirect references.
func refsIn(b []byte) ([]int, error) {
	s := strings.TrimSpace(string(b))
	s = strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")
	f := strings.Fields(s)
	if len(f)%3 != 0 {
		return nil, fmt.Errorf("not an array of references: %q", s)
	}
	var out []int
	for i := 0; i < len(f); i += 3 {
		n, err := strconv.Atoi(f[i])
		if err != nil || f[i+2] != "R" {
			return nil, fmt.Errorf("not an array of references: %q", s)
		}
		out = append(out, n)
	}
	return out, nil
}

// dictsIn returns the spans of the dictionaries written directly in the array at a.
func dictsIn(b []byte, a span) ([]span, error) {
	i := skipSpace(b, a.from)
	if i >= a.to || b[i] != '[' {
		return nil, errors.New("not an array")
	}
	var out []span
	i = skipSpace(b, i+1)
	for i < a.to && b[i] != ']' {
		e, err := skipValue(b, i)
		if err != nil {
			return nil, err
		}
		if !strings.HasPrefix(string(b[i:e]), "<<") {
			return nil, errors.New("annotations that are not written in place")
		}
		out = append(out, span{i, e})
		i = skipSpace(b, e)
	}
	return out, nil
}

func excerpt(b []byte, i int) string {
	return string(b[i:min(len(b), i+12)])
}
