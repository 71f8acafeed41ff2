package importer

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/paulmach/orb"

	"labo/internal/geo"
)

var cedexRe = regexp.MustCompile(`(?i)\s+cedex(\s+\d+)?\s*$`)

// deptOf is the département code of a postcode, "" if none.
func deptOf(cp string) string {
	if d := geo.DepartementOfPostcode(cp); d != nil {
		return d.Code
	}
	return ""
}

var (
	byNameOnce sync.Once
	byName     map[string][]*geo.Commune
)

// communesNamed returns the communes of France whose name has this key.
func communesNamed(key string) []*geo.Commune {
	byNameOnce.Do(func() {
		byName = map[string][]*geo.Commune{}
		for _, c := range geo.Communes() {
			k := geo.NameKey(c.Nom)
			byName[k] = append(byName[k], c)
		}
	})
	return byName[key]
}

// bareKey is a commune name key without a leading article, so that
// "Le Mont-Dore" finds "Mont-Dore".
func bareKey(name string) string {
	k := geo.NameKey(name)
	for _, a := range []string{"le ", "la ", "les ", "l "} {
		if rest, ok := strings.CutPrefix(k, a); ok {
			return rest
		}
	}
	return k
}

// wordPrefix reports whether key a is the first words of key b
// ("chamonix" of "chamonix mont blanc").
func wordPrefix(a, b string) bool {
	return a != "" && strings.HasPrefix(b, a) && (len(a) == len(b) || b[len(a)] == ' ')
}

// looseMatch reports whether a commune name given in a file plausibly means
// the official name: an abbreviation of it ("Chamonix" for
// "Chamonix-Mont-Blanc"), or the official name with extra words when the
// longer name is no commune of its own ("Sciez-sur-Léman" for "Sciez", but
// not "Riom-ès-Montagnes" for "Riom").
func looseMatch(official, given string) bool {
	o, g := bareKey(official), bareKey(given)
	return wordPrefix(g, o) || (wordPrefix(o, g) && len(communesNamed(geo.NameKey(given))) == 0)
}

// nearCommune is how far, in kilometres, a venue may be from the centre of
// the commune a looser rule gives it.
const nearCommune = 15.0

// commune checks the commune, postcode and INSEE code against the official
// commune table and writes the commune's official name. A venue whose
// commune cannot be found for its postcode is rejected: the venue check
// would refuse it, and a wrong town sends people to the wrong place.
func (r *row) commune() {
	name, cp, insee := r.f["commune"], r.f["code_postal"], r.f["code_insee"]
	if r.reject != "" || name == "" || cp == "" {
		return
	}
	var point orb.Point
	hasPoint := false
	if lat, ok := coordinate(r.f["latitude"]); ok {
		if lon, ok := coordinate(r.f["longitude"]); ok {
			point, hasPoint = orb.Point{lon, lat}, true
		}
	}
	near := func(c *geo.Commune) bool {
		return !hasPoint || c.Precision == 0 || geo.DistanceKm(point, c.Point) < nearCommune
	}
	use := func(c *geo.Commune, problem string) {
		if c.Nom != name {
			r.note("commune", problem, "écrit "+c.Nom, name)
			r.f["commune"] = c.Nom
		}
	}
	// "Annecy Cedex 03": a CEDEX is a mail sorting code, not a commune.
	if m := cedexRe.FindStringIndex(name); m != nil {
		plain := strings.TrimSpace(name[:m[0]])
		r.note("commune", "mention CEDEX (distribution du courrier) dans le nom de la commune", "retirée", name)
		name = plain
		r.f["commune"] = plain
	}
	key := geo.NameKey(name)

	if insee != "" {
		c := geo.CommuneByCode(insee)
		switch {
		case c == nil:
			r.note("code_insee", "code INSEE d'aucune commune actuelle", "valeur retirée", insee)
			r.f["code_insee"] = ""
		case !geo.SameName(c.Nom, name) && !wordPrefix(bareKey(name), bareKey(c.Nom)):
			r.note("code_insee", "code INSEE d'une autre commune ("+c.Nom+")", "valeur retirée", insee)
			r.f["code_insee"] = ""
		case !slices.Contains(c.Postcodes, cp) && len(c.Postcodes) != 1:
			r.note("code_insee", "code INSEE d'une commune qui n'a pas le code postal "+cp, "valeur retirée", insee)
			r.f["code_insee"] = ""
		default:
			if !slices.Contains(c.Postcodes, cp) {
				r.note("code_postal", "code postal qui n'est pas celui de la commune "+c.Nom+" (code INSEE "+insee+")", "corrigé en "+c.Postcodes[0], cp)
				r.f["code_postal"] = c.Postcodes[0]
			}
			use(c, "nom de commune différent du code officiel géographique")
			return
		}
	}

	cs := geo.CommunesByPostcode(cp)
	for _, c := range cs {
		if geo.SameName(c.Nom, name) {
			use(c, "nom de commune différent du code officiel géographique")
			return
		}
	}
	var prefixed []*geo.Commune
	for _, c := range cs {
		if looseMatch(c.Nom, name) {
			prefixed = append(prefixed, c)
		}
	}
	if len(prefixed) == 1 {
		use(prefixed[0], "nom de commune incomplet ou différent du code officiel géographique")
		return
	}
	// A typing slip ("Les Molettes" for "Les Mollettes").
	var close []*geo.Commune
	for _, c := range cs {
		if similarity(bareKey(c.Nom), bareKey(name)) >= 0.85 {
			close = append(close, c)
		}
	}
	if len(close) == 1 && len(communesNamed(key)) == 0 {
		use(close[0], "nom de commune mal orthographié")
		return
	}
	if len(cs) == 1 {
		// A former or delegated commune (Cran-Gevrier, now Annecy): the
		// postcode is the commune's only one, keep the old name as a
		// complement of address so people still recognise the place.
		use(cs[0], "ancienne commune ou commune déléguée ; "+cs[0].Nom+" est la seule commune du code postal "+cp)
		if r.f["complement_adresse"] == "" {
			r.f["complement_adresse"] = name
			r.note("complement_adresse", "nom de l'ancienne commune", "repris en complément d'adresse", name)
		}
		return
	}
	// The commune exists elsewhere: the postcode is wrong. A commune with
	// several postcodes gets its first one only when the postcode given is
	// in use nowhere and in the same département (a CEDEX, a typo).
	var elsewhere []*geo.Commune
	for _, c := range communesNamed(key) {
		if near(c) && (len(c.Postcodes) == 1 || (len(cs) == 0 && c.Dept == deptOf(cp))) {
			elsewhere = append(elsewhere, c)
		}
	}
	if len(elsewhere) == 1 {
		c := elsewhere[0]
		how := "d'après le nom de la commune"
		if hasPoint {
			how += " et la position du lieu"
		}
		if len(c.Postcodes) > 1 {
			how += " (" + c.Nom + " a plusieurs codes postaux : " + strings.Join(c.Postcodes, ", ") + " ; vérifiez)"
		}
		r.note("code_postal", "le code postal "+cp+" n'est pas celui de "+c.Nom, "corrigé en "+c.Postcodes[0]+" "+how, cp)
		r.f["code_postal"] = c.Postcodes[0]
		use(c, "nom de commune différent du code officiel géographique")
		return
	}
	var names []string
	for _, c := range cs {
		names = append(names, c.Nom)
	}
	if len(names) > 8 {
		names = append(names[:8], "…")
	}
	reason := fmt.Sprintf("la commune « %s » n'a pas le code postal %s", name, cp)
	if len(cs) == 0 {
		reason = "le code postal " + cp + " n'est attribué à aucune commune"
	}
	r.reject = reason
	problem := reason
	if len(names) > 0 {
		problem += " (communes de ce code : " + strings.Join(names, ", ") + ")"
	}
	r.note("commune", problem, "ligne non importée", name)
}
