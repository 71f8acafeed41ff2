// Package referential reads data/referentiel.toml: the families of
// digital-mediation services and the services themselves, each with the
// national-standard services it maps to, its level, step, format, cost in
// Pass numérique cheques and whether it is done for the person ("faire à la
// place") when the need is urgent.
package referential

import (
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"labo/internal/diag"
	"labo/internal/tomlpos"
	"labo/internal/venue"
)

// FileName is the referential's path in the site root.
const FileName = "data/referentiel.toml"

// Levels, steps and formats are the closed vocabularies of the referential.
var (
	Levels  = []string{"premiers pas", "base", "intermédiaire", "avancé"}
	Steps   = []string{"Atteindre", "Rapprocher", "Orienter", "Résoudre", "R(é)assurer", "Émanciper"}
	Formats = []string{"individuel", "collectif", "à distance"}
)

// NationalServices are the 9 values of the `services` field of the national
// venue standard v1.0.2.
var NationalServices = venue.Services

// Family groups services.
type Family struct {
	Code        string `toml:"code"`
	Title       string `toml:"titre"`
	Description string `toml:"description"`
	Pictogram   string `toml:"pictogramme"`

	Services []*Service `toml:"-"`
	Line     int        `toml:"-"`
}

// Service is one entry of the referential.
type Service struct {
	Code             string   `toml:"code"`
	Family           string   `toml:"famille"`
	Title            string   `toml:"titre"`
	Description      string   `toml:"description"`
	Level            string   `toml:"niveau"`
	Step             string   `toml:"etape"`
	Formats          []string `toml:"formats"`
	Duration         string   `toml:"duree"`
	DurationMinutes  int      `toml:"duree_minutes"`
	Cheques          int      `toml:"cheques"`
	OnBehalf         bool     `toml:"faire_a_la_place"`
	NationalServices []string `toml:"services_nationaux"`
	ToBring          []string `toml:"a_apporter"`
	Keywords         []string `toml:"mots_cles"`

	FamilyRef *Family `toml:"-"`
	Line      int     `toml:"-"`
}

// Referential is the decoded file.
type Referential struct {
	Families []*Family  `toml:"familles"`
	Services []*Service `toml:"services"`

	familyByCode  map[string]*Family
	serviceByCode map[string]*Service
}

// Family returns the family with that code, or nil.
func (r *Referential) Family(code string) *Family { return r.familyByCode[code] }

// Service returns the service with that code, or nil.
func (r *Referential) Service(code string) *Service { return r.serviceByCode[code] }

var (
	familyCode  = regexp.MustCompile(`^[A-Z]{3}$`)
	serviceCode = regexp.MustCompile(`^([A-Z]{3})-[0-9]{2}$`)
)

// Parse decodes and validates a referential. Problems go to problems.
func Parse(data []byte, problems *diag.List) *Referential {
	r := &Referential{}
	md, err := toml.Decode(string(data), r)
	if err != nil {
		problems.Add(tomlpos.DecodeProblem(FileName, err, 0))
		r.index()
		return r
	}
	ix := tomlpos.New(string(data), 0)
	for _, k := range md.Undecoded() {
		problems.Add(diag.Problem{File: FileName, Line: ix.Line(k), Field: k.String(), Msg: "unknown key"})
	}
	add := func(line int, field, format string, args ...any) {
		problems.Add(diag.Problem{File: FileName, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	r.familyByCode = map[string]*Family{}
	for i, f := range r.Families {
		f.Line = ix.InArray("familles", i, "code")
		at := func(key string) int { return ix.InArray("familles", i, key) }
		switch {
		case !familyCode.MatchString(f.Code):
			add(at("code"), "code", "expected a family code of 3 capital letters, found %q", f.Code)
		case r.familyByCode[f.Code] != nil:
			add(at("code"), "code", "duplicate family code %q (first defined on line %d)", f.Code, r.familyByCode[f.Code].Line)
		default:
			r.familyByCode[f.Code] = f
		}
		if strings.TrimSpace(f.Title) == "" {
			add(at("titre"), "titre", "expected a title, found nothing")
		}
	}
	r.serviceByCode = map[string]*Service{}
	for i, s := range r.Services {
		s.Line = ix.InArray("services", i, "code")
		at := func(key string) int { return ix.InArray("services", i, key) }
		m := serviceCode.FindStringSubmatch(s.Code)
		switch {
		case m == nil:
			add(at("code"), "code", "expected a service code like DEM-01, found %q", s.Code)
		case r.serviceByCode[s.Code] != nil:
			add(at("code"), "code", "duplicate service code %q (first defined on line %d)", s.Code, r.serviceByCode[s.Code].Line)
		default:
			r.serviceByCode[s.Code] = s
			if m[1] != s.Family {
				add(at("code"), "code", "expected the code to start with its family %q, found %q", s.Family, s.Code)
			}
		}
		s.FamilyRef = r.familyByCode[s.Family]
		if s.FamilyRef == nil {
			add(at("famille"), "famille", "expected one of the family codes (%s), found %q", strings.Join(r.familyCodes(), ", "), s.Family)
		} else {
			s.FamilyRef.Services = append(s.FamilyRef.Services, s)
		}
		if strings.TrimSpace(s.Title) == "" {
			add(at("titre"), "titre", "expected a title, found nothing")
		}
		if strings.TrimSpace(s.Description) == "" {
			add(at("description"), "description", "expected a plain-language description, found nothing")
		}
		oneOf(add, at("niveau"), "niveau", Levels, s.Level)
		oneOf(add, at("etape"), "etape", Steps, s.Step)
		if len(s.Formats) == 0 {
			add(at("formats"), "formats", "expected at least one of %s, found none", quoteList(Formats))
		}
		for _, f := range s.Formats {
			oneOf(add, at("formats"), "formats", Formats, f)
		}
		if s.DurationMinutes <= 0 {
			add(at("duree_minutes"), "duree_minutes", "expected a positive number of minutes, found %d", s.DurationMinutes)
		}
		if s.Cheques < 0 || s.Cheques > 50 {
			add(at("cheques"), "cheques", "expected a number of 10 € cheques between 0 and 50, found %d", s.Cheques)
		}
		if len(s.NationalServices) == 0 {
			add(at("services_nationaux"), "services_nationaux", "expected at least one national-standard service, found none")
		}
		for _, ns := range s.NationalServices {
			oneOf(add, at("services_nationaux"), "services_nationaux", NationalServices, ns)
		}
	}
	return r
}

func (r *Referential) index() {
	r.familyByCode = map[string]*Family{}
	r.serviceByCode = map[string]*Service{}
}

func (r *Referential) familyCodes() []string {
	codes := make([]string, 0, len(r.Families))
	for _, f := range r.Families {
		codes = append(codes, f.Code)
	}
	return codes
}

func oneOf(add func(int, string, string, ...any), line int, field string, allowed []string, got string) {
	if !slices.Contains(allowed, got) {
		add(line, field, "expected one of %s, found %q", quoteList(allowed), got)
	}
}

func quoteList(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(q, ", ")
}

// Load reads the referential from the site root.
func Load(fsys fs.FS, problems *diag.List) *Referential {
	data, err := fs.ReadFile(fsys, FileName)
	if err != nil {
		problems.Add(diag.Problem{File: FileName, Msg: "cannot read the referential: " + err.Error()})
		r := &Referential{}
		r.index()
		return r
	}
	return Parse(data, problems)
}
