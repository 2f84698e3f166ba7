package batch

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

var unsafeChars = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// reservedName matches the names Windows keeps for devices, with or without an
// extension and in any case: a file named con.pdf or aux.txt.pdf cannot be opened there.
var reservedName = regexp.MustCompile(`(?i)^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)`)

// idFileName names the PDF of a row with an id: one plain file name (no separators, no
// leading or trailing dot, no name Windows reserves), so that it cannot leave the
// output folder and opens on any system.
func idFileName(id string) string {
	base := strings.Trim(unsafeChars.ReplaceAllString(id, "-"), ".-")
	if len(base) > 80 {
		base = strings.TrimRight(base[:80], ".-")
	}
	if base == "" {
		base = "id"
	}
	if m := reservedName.FindStringSubmatchIndex(base); m != nil {
		base = base[:m[3]] + "_" + base[m[3]:]
	}
	return base + ".pdf"
}

// FileNamer names each row's PDF from its id, or its line and date; never from the
// name. Two ids that make the same file, compared in lower case as a case-insensitive
// disk does, are an error; a row without an id gets a -2, -3 suffix when an id took its
// name (it is named once every id is known); an id never does.
type FileNamer struct {
	owner map[string]int // lower-case file name → line
}

// NewFileNamer starts naming the files of one roster.
func NewFileNamer() *FileNamer { return &FileNamer{owner: map[string]int{}} }

// Claim names the file of a row with an id, or returns the line of the earlier row
// whose id makes the same file.
func (fn *FileNamer) Claim(id string, line int) (name string, dup int) {
	name = idFileName(id)
	if l, taken := fn.owner[strings.ToLower(name)]; taken {
		return "", l
	}
	fn.owner[strings.ToLower(name)] = line
	return name, 0
}

// Unnamed names the file of a row without an id, after every id has claimed its own.
func (fn *FileNamer) Unnamed(line int, date time.Time) string {
	base := fmt.Sprintf("row-%d-%s", line, date.Format("2006-01-02"))
	name := base + ".pdf"
	for n := 2; ; n++ {
		if _, taken := fn.owner[strings.ToLower(name)]; !taken {
			break
		}
		name = fmt.Sprintf("%s-%d.pdf", base, n)
	}
	fn.owner[strings.ToLower(name)] = line
	return name
}
