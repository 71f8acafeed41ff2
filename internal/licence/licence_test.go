package licence

import "testing"

func TestLookup(t *testing.T) {
	tests := []struct {
		id, want string
	}{
		{"etalab-2.0", "etalab-2.0"},
		{"Etalab-2.0", "etalab-2.0"},
		{"odbl-1.0", "ODbL-1.0"},
		{"cc-by-4.0", "CC-BY-4.0"},
		{"CC0-1.0", "CC0-1.0"},
		{"licence-ouverte", ""},
		{"", ""},
	}
	for _, tt := range tests {
		l := Lookup(tt.id)
		got := ""
		if l != nil {
			got = l.ID
			if l.Title == "" || l.URL == "" || l.Summary == "" {
				t.Errorf("Lookup(%q) is incomplete: %+v", tt.id, l)
			}
		}
		if got != tt.want {
			t.Errorf("Lookup(%q) = %q, want %q", tt.id, got, tt.want)
		}
	}
	if Lookup(Default) == nil {
		t.Errorf("the default licence %q is unknown", Default)
	}
}
