package content

import (
	"reflect"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

var frontMatters = []struct {
	src    string
	simple bool
}{
	{"title = \"Un guide\"\ndate = 2025-03-14\n", true},
	{"title     = \"L'accueil « digne »\" # commentaire\ndate = 2025-03-14 # jour\nupdated=2025-04-01\nsummary = \"\"\n", true},
	{"# en-tête\n\ntitle = \"T\"\naudiences = [\"mediateurs\", \"grand-public\",]\nthemes = [ \"a\" ]\nservices=[\"SEC-03\"]#x\n", true},
	{"title = \"T\"\nkeypoints = [\"Un, deux [trois]\", \"# pas un commentaire\"]\naliases = [\"/ancien/\"]\n", true},
	{"title = \"T\"\ndraft = true\nweight = -12\n", true},
	{"title = \"T\"\ndraft = false\nweight = 0\n", true},
	{"\ttitle\t=\t\"T\"\t\n", true},
	{"title = \"T\"\n[action]\nterritoire = \"63\"\n", false},
	{"title = \"a \\\"b\\\"\"\n", false},       // escapes
	{"title = 'T'\n", false},                   // literal string
	{"title = \"\"\"T\"\"\"\n", false},         // multi-line string
	{"title = \"T\"\ntitle = \"U\"\n", false},  // repeated key
	{"Title = \"T\"\n", false},                 // the library matches keys loosely
	{"\"title\" = \"T\"\n", false},             // quoted key
	{"title = \"T\"\nauteur = \"X\"\n", false}, // unknown key
	{"title = 3\n", false},                     // wrong type
	{"date = 2025-02-30\n", false},             // invalid date
	{"date = 0001-01-01\n", false},             // the zero time, in some zones
	{"date = 2025-03-14T10:00:00\n", false},    // date-time
	{"date = 2025-03-14 10:00:00\n", false},    // date-time
	{"date = \"2025-03-14\"\n", false},         // string
	{"audiences = []\n", false},                // empty array
	{"audiences = [\"a\",\n  \"b\"]\n", false}, // multi-line array
	{"audiences = [\"a\" \"b\"]\n", false},     // missing comma
	{"audiences = [,]\n", false},               //
	{"weight = 012\n", false},                  // leading zero
	{"weight = +1\n", false},                   //
	{"weight = 1_000\n", false},                //
	{"weight = -0\n", false},                   //
	{"weight = 1.5\n", false},                  //
	{"draft = True\n", false},                  //
	{"title = \"T\" x\n", false},               // trailing text
	{"title = \"T\x01\"\n", false},             // control character
	{"title = \"T\"\r\n", false},               //
	{"title\n", false},                         //
	{"title = \"T\"\nsummary = \"unterminated\n", false},
}

func TestDecodeSimple(t *testing.T) {
	for _, tt := range frontMatters {
		var fm FrontMatter
		if got := decodeSimple([]byte(tt.src), &fm); got != tt.simple {
			t.Errorf("decodeSimple(%q) = %v, want %v", tt.src, got, tt.simple)
		}
		if tt.simple {
			sameAsLibrary(t, tt.src, fm)
		}
	}
}

// sameAsLibrary checks that the TOML library decodes src without problems
// into fm (dates compared by calendar day, as Parse uses them).
func sameAsLibrary(t *testing.T, src string, fm FrontMatter) {
	t.Helper()
	var want FrontMatter
	md, err := toml.Decode(src, &want)
	if err != nil || len(md.Undecoded()) > 0 {
		t.Errorf("decodeSimple took %q, the library: %v, undecoded %v", src, err, md.Undecoded())
		return
	}
	fm.Date, fm.Updated = day(fm.Date, time.UTC), day(fm.Updated, time.UTC)
	want.Date, want.Updated = day(want.Date, time.UTC), day(want.Updated, time.UTC)
	if !reflect.DeepEqual(fm, want) {
		t.Errorf("decodeSimple(%q) = %+v, the library %+v", src, fm, want)
	}
}

func FuzzDecodeSimple(f *testing.F) {
	for _, tt := range frontMatters {
		f.Add(tt.src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var fm FrontMatter
		if decodeSimple([]byte(src), &fm) {
			sameAsLibrary(t, src, fm)
		}
	})
}
