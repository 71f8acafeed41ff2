package need

import (
	"testing"

	"labo/internal/diag"
)

// FuzzParse: any input gives needs or problems, never a panic, and every
// need returned without problems has resolved services.
func FuzzParse(f *testing.F) {
	f.Add(valid)
	f.Add("[[besoins]]\ncode = \"x\"\nservices = [\"DEM-01\", \"DEM-01\"]\nurgent = true\n")
	f.Add("besoins = 3")
	f.Fuzz(func(t *testing.T, in string) {
		r := ref(t)
		var p diag.List
		needs := Parse([]byte(in), r, &p)
		if p.Err() != nil {
			return
		}
		for _, n := range needs {
			if len(n.Services) == 0 || len(n.Services) != len(n.Codes) {
				t.Fatalf("need %q accepted with services %v for codes %v", n.Slug, n.Services, n.Codes)
			}
		}
	})
}
