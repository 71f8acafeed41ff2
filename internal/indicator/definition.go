// Package indicator turns pseudonymous usage records of Pass numérique
// cheques into anonymised impact indicators of pilot actions.
//
// Inputs (all read from the site folder, every problem reported with its
// file, line and field):
//
//   - data/indicateurs.toml: the indicator definitions (DefinitionsFile);
//   - the [action] table of content/actions/*.md (see Action);
//   - data/usages/*.csv: one row per cheque distributed, used or not
//     (UsageColumns).
//
// Aggregate computes every indicator for every action (and, when several
// actions report it, for all of them together) by each allowed breakdown,
// then Protect applies disclosure control: no published value is computed
// from fewer than k distinct people, and secondary suppression makes sure no
// suppressed cell can be recovered by subtracting published cells from row,
// column or grand totals. Only the protected Results leave this package:
// records, pseudonyms and cheque ids never do.
package indicator

import (
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

// DefinitionsFile holds the indicator definitions, in the site root.
const DefinitionsFile = "data/indicateurs.toml"

// Calculation kinds of an indicator.
const (
	Count         = "compte"          // cheques (records) matching the filter
	DistinctCount = "compte_distinct" // distinct people with at least `au_moins` matching cheques
	Share         = "part"            // numerator / denominator within each cell, in %
	Mean          = "moyenne"         // matching cheques per person who has at least one
	Distribution  = "repartition"     // each category's share of the total, in %
)

var calculations = []string{Count, DistinctCount, Share, Mean, Distribution}

// Scope of an indicator.
const (
	Generic  = "generique"  // reported by every action
	Specific = "specifique" // reported by the actions that list it
)

// Breakdown names, as written in `ventilations`.
const (
	ByTerritory   = "territoire"  // département of residence of the person
	ByPeriod      = "periode"     // month of use, or of distribution when unused cheques count
	ByAge         = "tranche_age" // age band
	BySex         = "sexe"
	ByDiploma     = "diplome"
	ByFamily      = "famille"    // family of the referential service used
	ByVenueType   = "type_lieu"  // first typology of the venue where the cheque was used
	ByDistributor = "aiguilleur" // kind of structure that handed out the cheque
	total         = "ensemble"   // the whole action: one category
)

// Breakdowns is the closed list of breakdowns, in display order.
var Breakdowns = []string{ByTerritory, ByPeriod, ByAge, BySex, ByDiploma, ByFamily, ByVenueType, ByDistributor}

// usedOnly are breakdowns that exist only for used cheques.
var usedOnly = []string{ByFamily, ByVenueType}

// Definition is one indicator of data/indicateurs.toml.
type Definition struct {
	Code        string   `toml:"code"`
	Label       string   `toml:"libelle"`
	Definition  string   `toml:"definition"`
	Unit        string   `toml:"unite"`
	Scope       string   `toml:"portee"`
	Calculation string   `toml:"calcul"`
	Filter      []string `toml:"filtre"`
	AtLeast     int      `toml:"au_moins"`
	Numerator   *Measure `toml:"numerateur"`
	Denominator *Measure `toml:"denominateur"`
	Breakdowns  []string `toml:"ventilations"`
	KeyFigure   bool     `toml:"chiffre_cle"` // shown among an action's key figures
	Line        int      `toml:"-"`

	num, den atom // resolved measures (num only for counts and distributions)
}

// Measure is the numerator or denominator of a share.
type Measure struct {
	Measure string   `toml:"mesure"` // compte | compte_distinct
	Filter  []string `toml:"filtre"`
	AtLeast int      `toml:"au_moins"`
}

// IsPercent reports whether the indicator's values are percentages.
func (d *Definition) IsPercent() bool { return d.Calculation == Share || d.Calculation == Distribution }

// Definitions is the decoded file.
type Definitions struct {
	List   []*Definition `toml:"indicateurs"`
	byCode map[string]*Definition
}

// Get returns the definition with that code, or nil.
func (ds *Definitions) Get(code string) *Definition { return ds.byCode[code] }

// Generic returns the generic definitions, in file order.
func (ds *Definitions) Generic() []*Definition {
	var out []*Definition
	for _, d := range ds.List {
		if d.Scope == Generic {
			out = append(out, d)
		}
	}
	return out
}

var codePattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ParseDefinitions decodes and validates data/indicateurs.toml. ref checks
// the family and service codes used in filters.
func ParseDefinitions(data []byte, ref *referential.Referential, problems *diag.List) *Definitions {
	ds := &Definitions{byCode: map[string]*Definition{}}
	md, err := toml.Decode(string(data), ds)
	if err != nil {
		problems.Add(tomlpos.DecodeProblem(DefinitionsFile, err, 0))
		ds.List = nil
		return ds
	}
	ix := tomlpos.New(string(data), 0)
	for _, k := range md.Undecoded() {
		problems.Add(diag.Problem{File: DefinitionsFile, Line: ix.Line(k), Field: k.String(),
			Msg: "unknown key (expected code, libelle, definition, unite, portee, calcul, filtre, au_moins, numerateur, denominateur, ventilations, chiffre_cle)"})
	}
	if len(ds.List) == 0 {
		problems.Add(diag.Problem{File: DefinitionsFile, Line: 1, Msg: "expected at least one [[indicateurs]] table, found none"})
	}
	for i, d := range ds.List {
		at := func(key string) int { return ix.InArray("indicateurs", i, key) }
		d.Line = at("code")
		bad := func(key, format string, args ...any) {
			problems.Add(diag.Problem{File: DefinitionsFile, Line: at(key), Field: key, Msg: fmt.Sprintf(format, args...)})
		}
		switch {
		case !codePattern.MatchString(d.Code):
			bad("code", "expected a code of lowercase letters, digits and dashes, found %q", d.Code)
		case ds.byCode[d.Code] != nil:
			bad("code", "expected a unique code, found %q already defined on line %d", d.Code, ds.byCode[d.Code].Line)
		default:
			ds.byCode[d.Code] = d
		}
		for key, v := range map[string]string{"libelle": d.Label, "definition": d.Definition, "unite": d.Unit} {
			if strings.TrimSpace(v) == "" {
				bad(key, "expected a plain-language text, found nothing")
			}
		}
		if d.Scope != Generic && d.Scope != Specific {
			bad("portee", "expected %q or %q, found %q", Generic, Specific, d.Scope)
		}
		d.resolve(ref, bad)
		seen := map[string]bool{}
		for _, b := range d.Breakdowns {
			switch {
			case !slices.Contains(Breakdowns, b):
				bad("ventilations", "expected some of %s, found %q", strings.Join(Breakdowns, ", "), b)
			case seen[b]:
				bad("ventilations", "expected each breakdown once, found %q twice", b)
			case slices.Contains(usedOnly, b) && !d.usedOnly():
				bad("ventilations", "expected %q only for an indicator on used cheques (filtre = [\"utilise = oui\"]), found it on %q", b, d.Code)
			}
			seen[b] = true
		}
	}
	return ds
}

// resolve checks the calculation and compiles its measures.
func (d *Definition) resolve(ref *referential.Referential, bad func(key, format string, args ...any)) {
	single := func() {
		if d.Numerator != nil || d.Denominator != nil {
			bad("numerateur", "expected numerateur and denominateur only with calcul = %q, found them with %q", Share, d.Calculation)
		}
		if d.AtLeast < 0 || (d.AtLeast > 0 && d.Calculation != DistinctCount) {
			bad("au_moins", "expected au_moins only with calcul = %q, as a positive number, found %d", DistinctCount, d.AtLeast)
		}
	}
	switch d.Calculation {
	case Count, Mean:
		single()
		d.num = atom{people: false, cond: compileFilter(d.Filter, ref, func(f string, a ...any) { bad("filtre", f, a...) })}
	case DistinctCount, Distribution:
		single()
		d.num = atom{people: true, atLeast: max(1, d.AtLeast), cond: compileFilter(d.Filter, ref, func(f string, a ...any) { bad("filtre", f, a...) })}
	case Share:
		if len(d.Filter) > 0 || d.AtLeast != 0 {
			bad("filtre", "expected the filters of a share in numerateur and denominateur, found filtre or au_moins beside them")
		}
		if d.Numerator == nil || d.Denominator == nil {
			bad("calcul", "expected a [indicateurs.numerateur] and a [indicateurs.denominateur] table for calcul = %q, found %s", Share, missing(d.Numerator == nil, d.Denominator == nil))
			return
		}
		d.num = d.Numerator.compile(ref, func(f string, a ...any) { bad("numerateur", f, a...) })
		d.den = d.Denominator.compile(ref, func(f string, a ...any) { bad("denominateur", f, a...) })
		if d.num.people != d.den.people {
			bad("numerateur", "expected numerateur and denominateur to count the same thing (cheques or people), found %q and %q", d.Numerator.Measure, d.Denominator.Measure)
		} else if !d.num.within(d.den) {
			bad("numerateur", "expected the numerateur to be part of the denominateur (its filters must include every denominateur filter, au_moins at least as large), found %s over %s",
				strings.Join(d.Numerator.Filter, ", "), strings.Join(d.Denominator.Filter, ", "))
		}
	default:
		bad("calcul", "expected one of %s, found %q", strings.Join(calculations, ", "), d.Calculation)
	}
}

func missing(num, den bool) string {
	switch {
	case num && den:
		return "neither"
	case num:
		return "no numerateur"
	}
	return "no denominateur"
}

func (m *Measure) compile(ref *referential.Referential, bad func(format string, args ...any)) atom {
	a := atom{cond: compileFilter(m.Filter, ref, bad)}
	switch m.Measure {
	case Count:
		if m.AtLeast != 0 {
			bad("expected au_moins only with mesure = %q, found %d", DistinctCount, m.AtLeast)
		}
	case DistinctCount:
		a.people = true
		a.atLeast = max(1, m.AtLeast)
		if m.AtLeast < 0 {
			bad("expected a positive au_moins, found %d", m.AtLeast)
		}
	default:
		bad("expected mesure = %q or %q, found %q", Count, DistinctCount, m.Measure)
	}
	return a
}

// usedOnly reports whether every cheque the indicator counts was used, so
// that breakdowns by service and venue exist.
func (d *Definition) usedOnly() bool {
	base := d.num
	if d.Calculation == Share {
		base = d.den
	}
	return base.cond.requiresUsed()
}

// LoadDefinitions reads DefinitionsFile from fsys.
func LoadDefinitions(fsys fs.FS, ref *referential.Referential, problems *diag.List) *Definitions {
	data, err := fs.ReadFile(fsys, DefinitionsFile)
	if err != nil {
		problems.Add(diag.Problem{File: DefinitionsFile, Msg: "cannot read: " + err.Error()})
		return &Definitions{byCode: map[string]*Definition{}}
	}
	return ParseDefinitions(data, ref, problems)
}

// BreakdownName is the French label of a breakdown.
func BreakdownName(b string) string {
	switch b {
	case ByTerritory:
		return "Département de résidence"
	case ByPeriod:
		return "Mois"
	case ByAge:
		return "Tranche d'âge"
	case BySex:
		return "Sexe"
	case ByDiploma:
		return "Niveau de diplôme"
	case ByFamily:
		return "Famille de services"
	case ByVenueType:
		return "Type de lieu"
	case ByDistributor:
		return "Aiguilleur"
	case total:
		return "Ensemble"
	}
	return b
}
