package content

import (
	"strconv"
	"strings"
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
	if p, ok := k.loose[stripIndices(path)]; ok {
		return p
	}
	// Fall back to the nearest parent that is written down.
	if i := strings.LastIndexByte(path, '.'); i > 0 {
		return k.find(path[:i])
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
