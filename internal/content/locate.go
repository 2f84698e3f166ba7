package content

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// pos is a 1-based line and column in a TOML file.
type pos struct{ Line, Col int }

// keyIndex finds where each key is written in a TOML file. BurntSushi/toml does not
// expose key positions, so semantic errors (an unknown condition, a day range that runs
// backwards) and unknown keys are located by this small scan of the source.
type keyIndex struct {
	exact map[string]pos // with array indices: aftercare[1].to_day
	loose map[string]pos // first occurrence without indices: aftercare.to_day
}

func (k keyIndex) find(path string) pos {
	if p, ok := k.exact[path]; ok {
		return p
	}
	// The nearest parent written down: output[1] for output[1].patient.conditions[0].
	var parent pos
	for q := path; ; {
		i := max(strings.LastIndexByte(q, '.'), strings.LastIndexByte(q, '['))
		if i <= 0 {
			break
		}
		q = q[:i]
		if p, ok := k.exact[q]; ok {
			parent = p
			break
		}
	}
	// The key without indices, unless that is written before the parent: then it
	// belongs to an earlier table of an array ([[output]]), not to this one.
	if p, ok := k.loose[stripIndices(path)]; ok && (parent.Line == 0 || !p.before(parent)) && p.before(k.nextElement(path)) {
		return p
	}
	if parent.Line > 0 {
		return parent
	}
	// Fall back to the nearest parent that is written down without indices.
	if i := strings.LastIndexByte(path, '.'); i > 0 {
		return k.find(path[:i])
	}
	return pos{}
}

// before says whether p comes before q; every position comes before the zero pos (the
// end of the file).
func (p pos) before(q pos) bool {
	if q.Line == 0 {
		return true
	}
	return p.Line < q.Line || (p.Line == q.Line && p.Col < q.Col)
}

// nextElement returns where the array-of-tables element after the one path is in
// starts (output[2] for output[1].patient.x), or the zero pos.
func (k keyIndex) nextElement(path string) pos {
	for i := 0; i < len(path); i++ {
		if path[i] != '[' {
			continue
		}
		j := strings.IndexByte(path[i:], ']')
		if j < 0 {
			break
		}
		n, err := strconv.Atoi(path[i+1 : i+j])
		if err != nil {
			continue
		}
		if _, ok := k.exact[path[:i+j+1]]; ok {
			if p, ok := k.exact[path[:i]+"["+strconv.Itoa(n+1)+"]"]; ok {
				return p
			}
		}
	}
	return pos{}
}

func stripIndices(path string) string {
	var b strings.Builder
	depth := 0
	for _, r := range path {
		switch {
		case r == '[':
			depth++
		case r == ']':
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func indexKeys(src []byte) keyIndex {
	idx := keyIndex{exact: map[string]pos{}, loose: map[string]pos{}}
	record := func(path string, p pos) {
		if _, ok := idx.exact[path]; !ok {
			idx.exact[path] = p
		}
		if l := stripIndices(path); l != "" {
			if _, ok := idx.loose[l]; !ok {
				idx.loose[l] = p
			}
		}
	}
	counts := map[string]int{}
	prefix := ""
	var inString string // the closing delimiter of a multi-line string we are in
	depth := 0          // open brackets of a multi-line array or inline table
	for n, line := range strings.Split(string(src), "\n") {
		lineNo := n + 1
		if inString != "" {
			if strings.Count(line, inString)%2 == 1 {
				inString = ""
			}
			continue
		}
		if depth > 0 {
			depth += bracketDepth(line)
			continue
		}
		trimmed := strings.TrimSpace(line)
		col := len(line) - len(strings.TrimLeft(line, " \t")) + 1
		switch {
		case trimmed == "" || trimmed[0] == '#':
			continue
		case strings.HasPrefix(trimmed, "[["):
			name := cleanKey(strings.TrimSuffix(strings.TrimSpace(strings.SplitN(trimmed[2:], "]]", 2)[0]), " "))
			i := counts[name]
			counts[name]++
			// A new element starts its own nested arrays: the phases of the second
			// [[section]] are section[1].phase[0], [1], ...
			for arr := range counts {
				if strings.HasPrefix(arr, name+".") {
					delete(counts, arr)
				}
			}
			prefix = inArray(name, counts) + "[" + strconv.Itoa(i) + "]"
			record(prefix, pos{lineNo, col + 2})
			continue
		case trimmed[0] == '[':
			name := cleanKey(strings.SplitN(trimmed[1:], "]", 2)[0])
			prefix = inArray(name, counts)
			record(prefix, pos{lineNo, col + 1})
			continue
		}
		eq := strings.IndexByte(trimmed, '=')
		if eq <= 0 {
			continue
		}
		key := cleanKey(trimmed[:eq])
		path := key
		if prefix != "" {
			path = prefix + "." + key
		}
		record(path, pos{lineNo, col})
		value := trimmed[eq+1:]
		for _, delim := range []string{`"""`, `'''`} {
			if strings.Count(value, delim)%2 == 1 {
				inString = delim
			}
		}
		if inString == "" {
			depth = bracketDepth(value)
			if depth < 0 {
				depth = 0
			}
		}
	}
	return idx
}

// inArray writes a table header's name with the index of the array-of-tables element it
// belongs to: [output.patient] after the second [[output]] is output[1].patient.
func inArray(name string, counts map[string]int) string {
	best := ""
	for arr := range counts {
		if strings.HasPrefix(name, arr+".") && len(arr) > len(best) {
			best = arr
		}
	}
	if best == "" {
		return name
	}
	return best + "[" + strconv.Itoa(counts[best]-1) + "]" + name[len(best):]
}

// cleanKey normalises a written key: spaces around dots removed, quotes dropped.
func cleanKey(s string) string {
	parts := strings.Split(s, ".")
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if uq, err := strconv.Unquote(p); err == nil {
			p = uq
		} else {
			p = strings.Trim(p, `'`)
		}
		parts[i] = p
	}
	return strings.Join(parts, ".")
}

// bracketDepth counts unclosed [ and { outside strings and comments on one line.
func bracketDepth(s string) int {
	d := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			return d
		case c == '[' || c == '{':
			d++
		case c == ']' || c == '}':
			d--
		}
	}
	return d
}

// valuePos returns the line and column in the file of byte off of the string value of
// key, as TOML decodes it: a problem on the 22nd line of a multi-line string is reported
// there, not at the key. A key inside an array (do[2]) finds its element. When the value
// cannot be found, it returns the key's position.
func (f *file) valuePos(key string, off int) (int, int) {
	p := f.keys.find(key)
	if p.Line == 0 || f.src == nil {
		return p.Line, p.Col
	}
	src := f.src
	r := lineOffset(src, p.Line) + p.Col - 1
	elem := -1
	if i := strings.LastIndexByte(key, '['); i > 0 && strings.HasSuffix(key, "]") {
		if _, ok := f.keys.exact[key]; !ok {
			elem, _ = strconv.Atoi(key[i+1 : len(key)-1])
		}
	}
	// To the value: past the key and "=".
	for r < len(src) && src[r] != '=' && src[r] != '\n' {
		r++
	}
	if r >= len(src) || src[r] != '=' {
		return p.Line, p.Col
	}
	r++
	skip := func() {
		for r < len(src) {
			switch c := src[r]; {
			case c == ' ' || c == '\t' || c == '\r' || c == '\n' || (elem >= 0 && c == ','):
				r++
			case c == '#':
				for r < len(src) && src[r] != '\n' {
					r++
				}
			default:
				return
			}
		}
	}
	skip()
	if elem >= 0 {
		if r >= len(src) || src[r] != '[' {
			return p.Line, p.Col
		}
		r++
		for range elem {
			skip()
			end := stringEnd(src, r)
			if end < 0 {
				return p.Line, p.Col
			}
			r = end
		}
		skip()
	}
	r = walkString(src, r, off)
	if r < 0 {
		return p.Line, p.Col
	}
	line := bytes.Count(src[:r], []byte("\n")) + 1
	return line, r - (bytes.LastIndexByte(src[:r], '\n') + 1) + 1
}

func lineOffset(src []byte, line int) int {
	off := 0
	for n := 1; n < line; n++ {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return len(src)
		}
		off += i + 1
	}
	return off
}

// delim returns the string delimiter at src[r:], or "".
func delim(src []byte, r int) string {
	for _, d := range []string{`"""`, `'''`, `"`, `'`} {
		if bytes.HasPrefix(src[r:], []byte(d)) {
			return d
		}
	}
	return ""
}

// stringEnd returns the offset just past the string starting at r, or -1.
func stringEnd(src []byte, r int) int {
	d := delim(src, r)
	if d == "" {
		return -1
	}
	r += len(d)
	for r < len(src) {
		if d[0] == '"' && src[r] == '\\' {
			r += 2
			continue
		}
		if bytes.HasPrefix(src[r:], []byte(d)) {
			return r + len(d)
		}
		r++
	}
	return -1
}

// walkString returns the offset in src of the byte that decodes to byte off of the
// string starting at r (its opening delimiter), or -1.
func walkString(src []byte, r, off int) int {
	d := delim(src, r)
	if d == "" {
		return -1
	}
	r += len(d)
	if len(d) == 3 { // a newline right after the opening delimiter is not part of the value
		if bytes.HasPrefix(src[r:], []byte("\r\n")) {
			r += 2
		} else if r < len(src) && src[r] == '\n' {
			r++
		}
	}
	n := 0
	for r < len(src) && n < off {
		if bytes.HasPrefix(src[r:], []byte(d)) {
			return -1
		}
		if d[0] != '"' || src[r] != '\\' || r+1 >= len(src) {
			r++
			n++
			continue
		}
		switch c := src[r+1]; c {
		case ' ', '\t', '\r', '\n': // a line-ending backslash drops the white space after it
			r++
			for r < len(src) && (src[r] == ' ' || src[r] == '\t' || src[r] == '\r' || src[r] == '\n') {
				r++
			}
		case 'u', 'U':
			w := 4
			if c == 'U' {
				w = 8
			}
			v, err := strconv.ParseUint(string(src[r+2:min(r+2+w, len(src))]), 16, 32)
			r += 2 + w
			if err != nil || !utf8.ValidRune(rune(v)) {
				n++
			} else {
				n += utf8.RuneLen(rune(v))
			}
		default:
			r += 2
			n++
		}
	}
	return r
}
