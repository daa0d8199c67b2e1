package keeper_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// stateGroups lists each state group and its own files: the file that
// declares it (first) and its genesis import/export. README, "Where things
// live".
var stateGroups = map[string][]string{
	"RegistryState": {"registry_state.go", "genesis_registry.go"},
	"RotationState": {"rotation_state.go", "genesis_rotation.go"},
	"BondState":     {"bond_state.go", "genesis_bonds.go"},
	"DutyState":     {"duty_state.go", "genesis_duties.go"},
	"PenaltyState":  {"penalty_state.go", "genesis_penalties.go"},
	"VoteState":     {"vote_state.go", "genesis_votes.go"},
}

// A state group's collections are unexported, so no other package can reach
// them, and no file of this package outside the group's own files names
// them: the group's write methods are the only way its state changes, and
// everyone else reads through its views. The check is by field name, so the
// field names must be unique across groups.
func TestStateChangesOnlyThroughGroupMethods(t *testing.T) {
	fset := token.NewFileSet()
	files := map[string]*ast.File{}
	paths, err := filepath.Glob("*.go")
	require.NoError(t, err)
	for _, p := range paths {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		src, err := os.ReadFile(p)
		require.NoError(t, err)
		f, err := parser.ParseFile(fset, p, src, 0)
		require.NoError(t, err)
		files[p] = f
	}

	// the fields of each group, from its declaration
	owner := map[string]string{} // field name -> group
	for group, own := range stateGroups {
		f, ok := files[own[0]]
		require.True(t, ok, "%s: file %s not found", group, own[0])
		st := findStruct(f, group)
		require.NotNil(t, st, "%s is not declared in %s", group, own[0])
		for _, field := range st.Fields.List {
			require.NotEmpty(t, field.Names, "%s embeds a type: its methods would be promoted", group)
			for _, n := range field.Names {
				require.False(t, n.IsExported(), "%s.%s is exported: any package could write it", group, n.Name)
				if n.Name == "ac" { // the address codec, not state
					continue
				}
				prev, dup := owner[n.Name]
				require.False(t, dup, "field name %s is in both %s and %s", n.Name, prev, group)
				owner[n.Name] = group
			}
		}
	}
	require.NotEmpty(t, owner)

	// no other file names them
	var bad []string
	for p, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			group, ok := owner[sel.Sel.Name]
			if ok && !contains(stateGroups[group], p) {
				bad = append(bad, fset.Position(sel.Pos()).String()+": "+group+"."+sel.Sel.Name)
			}
			return true
		})
	}
	sort.Strings(bad)
	require.Empty(t, bad, "state of a group touched outside its own files (use its write methods and views)")
}

func findStruct(f *ast.File, name string) *ast.StructType {
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, s := range gd.Specs {
			if ts, ok := s.(*ast.TypeSpec); ok && ts.Name.Name == name {
				st, _ := ts.Type.(*ast.StructType)
				return st
			}
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
