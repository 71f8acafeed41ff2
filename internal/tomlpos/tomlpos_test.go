package tomlpos

import (
	"testing"

	"github.com/BurntSushi/toml"
)

const doc = `title = "x"
# comment
desc = """
fake = 1
"""
[map]
tiles = ""

[[services]]
code = "A"

[[services]]
"titre" = "B"
code = "B"
`

func TestIndex(t *testing.T) {
	ix := New(doc, 1)
	tests := []struct {
		got, want int
	}{
		{ix.Line(toml.Key{"title"}), 2},
		{ix.Line(toml.Key{"fake"}), 0},
		{ix.Line(toml.Key{"map", "tiles"}), 8},
		{ix.Line(toml.Key{"map"}), 7},
		{ix.InArray("services", 0, "code"), 11},
		{ix.InArray("services", 1, "code"), 15},
		{ix.InArray("services", 1, "titre"), 14},
		{ix.InArray("services", 1, "missing"), 13},
		{ix.InArray("services", 5, "code"), 0},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("case %d: got line %d, want %d", i, tt.got, tt.want)
		}
	}
}
