// Package need reads data/besoins.toml: the needs a social worker can pick
// in the orientation assistant ("faire une démarche urgente", "apprendre à
// utiliser un smartphone"…), each in plain words with a pictogram, mapped to
// the referential services that answer it.
//
// A need lists its services in order of preference. An urgent need must list
// at least one service done for the person ("faire à la place",
// referential.Service.OnBehalf): venues qualified for one of those are
// proposed first (see package orient).
package need

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"labo/internal/diag"
	"labo/internal/referential"
	"labo/internal/tomlpos"
)

// LoaderName is the key of the needs in site.Site.Loaded (the build
// registers Load as a site.Loader).
const LoaderName = "besoins"

// FileName is the needs file in the site root. It is optional: a site
// without it has no orientation assistant.
const FileName = "data/besoins.toml"

// Need is one entry of the assistant's first step.
type Need struct {
	Slug        string   `toml:"code"`        // becomes /orienter/<code>/
	Title       string   `toml:"titre"`       // the person's words: "Faire une démarche urgente"
	Description string   `toml:"description"` // one or two plain sentences
	Pictogram   string   `toml:"pictogramme"` // static/vendor/pictos/<name>.svg
	Urgent      bool     `toml:"urgent"`
	Codes       []string `toml:"services"` // referential codes, most relevant first
	Examples    []string `toml:"exemples"` // short examples shown under the title

	Services []*referential.Service `toml:"-"` // resolved Codes, same order
	Line     int                    `toml:"-"`
}

// OnBehalf returns the need's services done for the person.
func (n *Need) OnBehalf() []*referential.Service {
	var out []*referential.Service
	for _, s := range n.Services {
		if s.OnBehalf {
			out = append(out, s)
		}
	}
	return out
}

type file struct {
	Needs []*Need `toml:"besoins"`
}

var (
	slugPattern    = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	pictoPattern   = regexp.MustCompile(`^[a-z0-9-]+$`)
	reservedSlugs  = []string{"fiche", "donnees"} // other addresses under /orienter/
	maxDescription = 200
)

// Parse decodes and validates the needs against the referential.
func Parse(data []byte, ref *referential.Referential, problems *diag.List) []*Need {
	var f file
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		problems.Add(tomlpos.DecodeProblem(FileName, err, 0))
		return nil
	}
	ix := tomlpos.New(string(data), 0)
	for _, k := range md.Undecoded() {
		problems.Add(diag.Problem{File: FileName, Line: ix.Line(k), Field: k.String(), Msg: "unknown key"})
	}
	add := func(line int, field, format string, args ...any) {
		problems.Add(diag.Problem{File: FileName, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	first := map[string]int{}
	for i, n := range f.Needs {
		at := func(key string) int { return ix.InArray("besoins", i, key) }
		n.Line = at("code")
		switch {
		case !slugPattern.MatchString(n.Slug):
			add(at("code"), "code", "expected lowercase letters, digits and single dashes (it becomes the address /orienter/<code>/), found %q", n.Slug)
		case slices.Contains(reservedSlugs, n.Slug):
			add(at("code"), "code", "expected a code other than %s (addresses used by the assistant), found %q", strings.Join(reservedSlugs, " and "), n.Slug)
		case first[n.Slug] != 0:
			add(at("code"), "code", "expected a unique code, found %q again (first on line %d)", n.Slug, first[n.Slug])
		default:
			first[n.Slug] = n.Line
		}
		if strings.TrimSpace(n.Title) == "" {
			add(at("titre"), "titre", "expected the need in the person's words, found nothing")
		}
		if d := strings.TrimSpace(n.Description); d == "" {
			add(at("description"), "description", "expected one or two plain sentences, found nothing")
		} else if l := len([]rune(d)); l > maxDescription {
			add(at("description"), "description", "expected at most %d characters, found %d", maxDescription, l)
		}
		if !pictoPattern.MatchString(n.Pictogram) {
			add(at("pictogramme"), "pictogramme", "expected the name of a pictogram of static/vendor/pictos/ such as \"urgence\", found %q", n.Pictogram)
		}
		if len(n.Codes) == 0 {
			add(at("services"), "services", "expected at least one code of %s, found none", referential.FileName)
		}
		for _, code := range n.Codes {
			svc := ref.Service(code)
			switch {
			case svc == nil:
				add(at("services"), "services", "expected codes of %s, found %q", referential.FileName, code)
			case slices.Contains(n.Services, svc):
				add(at("services"), "services", "expected each code once, found %q twice", code)
			default:
				n.Services = append(n.Services, svc)
			}
		}
		if n.Urgent && len(n.Services) > 0 && len(n.OnBehalf()) == 0 {
			add(at("urgent"), "urgent", "expected an urgent need to list at least one service with faire_a_la_place = true, found none among %s", strings.Join(n.Codes, ", "))
		}
	}
	return f.Needs
}

// Load reads data/besoins.toml from the site root; a missing file gives no
// needs and no problem.
func Load(fsys fs.FS, ref *referential.Referential, problems *diag.List) []*Need {
	data, err := fs.ReadFile(fsys, FileName)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		problems.Add(diag.Problem{File: FileName, Msg: "cannot read the needs: " + err.Error()})
		return nil
	}
	return Parse(data, ref, problems)
}
