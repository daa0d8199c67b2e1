package testchain

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// SetConfig sets `key = value` in section [section] of the node's
// config/<file> (config.toml or app.toml); value is a TOML literal
// (`"text"`, `10`, `true`). The key must already be in the file, so a typo
// fails the test instead of adding a setting nobody reads. Restart a running
// node for it to take effect.
func (n *Node) SetConfig(t testing.TB, file, section, key, value string) {
	t.Helper()
	path := filepath.Join(n.Home, "config", file)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	in := section == ""
	for i, l := range lines {
		s := strings.TrimSpace(l)
		if strings.HasPrefix(s, "[") {
			in = s == "["+section+"]"
			continue
		}
		if !in {
			continue
		}
		if k, _, ok := strings.Cut(s, "="); ok && strings.TrimSpace(k) == key {
			lines[i] = key + " = " + value
			if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
	t.Fatalf("%s: no key %q in section [%s]", path, key, section)
}
