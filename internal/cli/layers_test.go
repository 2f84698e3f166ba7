package cli

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// commandFiles are the files of internal/cli that each hold one command: its flags, its
// messages and its exit codes. Every other non-test file is shared by the commands.
var commandFiles = []string{"batch.go", "brochure.go", "build.go", "check.go", "handout.go", "init.go", "list.go", "version.go", "watch.go"}

// crossUses type-checks the package's non-test files in dir (imports stand in as empty
// packages: only the package's own names matter here) and lists, as "file: name
// (declared in other.go)", every use in a command file of something another command
// file declares, and every use in a shared file of something a command file declares
// other than its NewCmd function.
func crossUses(t *testing.T, dir string, commands []string) []string {
	t.Helper()
	fset := token.NewFileSet()
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, n := range names {
		if strings.HasSuffix(n, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, n, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	fake := map[string]*types.Package{}
	conf := types.Config{
		Importer: importerFunc(func(p string) (*types.Package, error) {
			if fake[p] == nil {
				name := path.Base(p)
				if strings.HasPrefix(name, "v") && strings.Trim(name[1:], "0123456789") == "" {
					name = path.Base(path.Dir(p)) // github.com/x/mpb/v8
				}
				fake[p] = types.NewPackage(p, name)
				fake[p].MarkComplete()
			}
			return fake[p], nil
		}),
		Error: func(error) {}, // the stand-ins lack every name: go on regardless
	}
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}}
	pkg, _ := conf.Check("cli", fset, files, info)
	fileOf := func(pos token.Pos) string { return filepath.Base(fset.Position(pos).Filename) }
	var bad []string
	for id, obj := range info.Uses {
		if obj.Pkg() != pkg || !obj.Pos().IsValid() {
			continue
		}
		from, decl := fileOf(id.Pos()), fileOf(obj.Pos())
		if from == decl || !slices.Contains(commands, decl) {
			continue
		}
		if !slices.Contains(commands, from) && strings.HasPrefix(obj.Name(), "NewCmd") && obj.Parent() == pkg.Scope() {
			continue // the root command gathers the commands
		}
		bad = append(bad, fmt.Sprintf("%s: %s (declared in %s)", from, obj.Name(), decl))
	}
	sort.Strings(bad)
	return slices.Compact(bad)
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// TestCommandsShareOnlySharedFiles keeps each command file to its own flags, messages
// and exit codes: what two commands share lives in a shared file or a package below cli,
// never in one of them.
func TestCommandsShareOnlySharedFiles(t *testing.T) {
	for _, f := range commandFiles {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("command file %s: %v (update commandFiles)", f, err)
		}
	}
	for _, u := range crossUses(t, ".", commandFiles) {
		t.Errorf("%s: move it to a shared file or a package below cli", u)
	}
}

// TestCrossUsesFindsThem checks the check: a command file that calls another's helper,
// or names its type, is caught.
func TestCrossUsesFindsThem(t *testing.T) {
	dir := t.TempDir()
	for name, src := range map[string]string{
		"a.go":      "package cli\n\ntype AOptions struct{ N int }\n\nfunc NewCmdA() {}\n\nfunc helperA() int { return 1 }\n",
		"b.go":      "package cli\n\nimport \"strings\"\n\nfunc NewCmdB() { _ = helperA() + shared(); var o AOptions; _ = o.N; _ = strings.ToLower(\"\") }\n",
		"shared.go": "package cli\n\nfunc shared() int { return 2 }\n",
		"root.go":   "package cli\n\nfunc root() { NewCmdA(); NewCmdB(); _ = helperA() }\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := strings.Join(crossUses(t, dir, []string{"a.go", "b.go"}), "\n")
	want := "b.go: AOptions (declared in a.go)\nb.go: N (declared in a.go)\nb.go: helperA (declared in a.go)\nroot.go: helperA (declared in a.go)"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestEngineDoesNotImportCLI keeps imports running one way, down the flow: the packages
// that do the work never reach back up into the commands.
func TestEngineDoesNotImportCLI(t *testing.T) {
	const mod = "github.com/careprint/careprint/internal/"
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}} {{join .Imports \" \"}}",
		mod+"engine", mod+"batch", mod+"build", mod+"shard").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 || !strings.HasPrefix(fields[0], mod) {
			continue
		}
		if slices.Contains(fields[1:], mod+"cli") || fields[0] == mod+"cli" {
			t.Errorf("%s imports internal/cli: the commands sit on top, nothing below imports them", fields[0])
		}
	}
}
