package importer

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/paulmach/orb"

	"labo/internal/frtext"
	"labo/internal/geo"
	"labo/internal/venue"
)

// Duplicate detection: two rows are the same venue when they share a real
// pivot (SIRET or RNA, not the placeholder) and a postcode or a close name,
// or when their names and addresses are close and they are less than
// MaxDistance apart (or, without coordinates, in the same postcode).

// MaxDistance is how far apart, in metres, two rows with close names and
// addresses may be and still be the same venue.
const MaxDistance = 100.0

// entry is a venue known to the merge, from data/lieux.csv or the import.
type entry struct {
	row      venue.Row
	srcID    string // id as written in the source file
	line     int    // source line; 0 for rows already in data/lieux.csv
	existing bool
	point    orb.Point
	hasPoint bool
	name     []string
	addr     []string
	number   string // house number of the address, "" if none
}

func newEntry(r venue.Row, line int, existing bool) *entry {
	e := &entry{row: r, line: line, existing: existing, name: tokens(r.Nom, stopName), addr: tokens(r.Adresse, stopAddr)}
	if lat, ok1 := coordinate(r.Latitude); ok1 {
		if lon, ok2 := coordinate(r.Longitude); ok2 {
			e.point, e.hasPoint = orb.Point{lon, lat}, true
		}
	}
	for _, t := range e.addr {
		if t[0] >= '0' && t[0] <= '9' {
			e.number = t
			break
		}
	}
	return e
}

var stopName = []string{"de", "du", "des", "la", "le", "les", "l", "d", "et", "a", "au", "aux", "en", "sur"}
var stopAddr = append(slices.Clone(stopName), "bis", "ter")

// abbreviations of street types, expanded before comparing addresses.
var abbreviations = map[string]string{
	"av": "avenue", "ave": "avenue", "bd": "boulevard", "bld": "boulevard", "boul": "boulevard", "pl": "place",
	"r": "rue", "rte": "route", "che": "chemin", "ch": "chemin", "chem": "chemin", "all": "allee", "imp": "impasse",
	"st": "saint", "ste": "sainte", "fg": "faubourg", "faub": "faubourg", "sq": "square", "qu": "quai", "crs": "cours",
	"pass": "passage", "res": "residence", "lot": "lotissement", "zi": "zone", "za": "zone", "zac": "zone",
}

// tokens folds s to lowercase ASCII words, expanding abbreviations and
// dropping the small words.
func tokens(s string, stop []string) []string {
	s = strings.ToLower(frtext.Fold(s))
	words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	var out []string
	for i, w := range words {
		if x, ok := abbreviations[w]; ok {
			w, words[i] = x, x
		}
		if !slices.Contains(stop, w) {
			out = append(out, w)
		}
	}
	if len(out) == 0 {
		return words // a name made only of small words ("Le Lieu")
	}
	return out
}

// jaccard is the share of distinct words two lists have in common.
func jaccard(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	set := map[string]int{}
	for _, w := range a {
		set[w] |= 1
	}
	for _, w := range b {
		set[w] |= 2
	}
	both := 0
	for _, v := range set {
		if v == 3 {
			both++
		}
	}
	return float64(both) / float64(len(set))
}

// contains reports whether every word of the shorter list is in the longer.
func contains(a, b []string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) < 2 {
		return false
	}
	for _, w := range a {
		if !slices.Contains(b, w) {
			return false
		}
	}
	return true
}

// maxCompared bounds the length of names and addresses compared letter by
// letter (the cost grows with the product of the lengths).
const maxCompared = 200

// similarity is 1 minus the Levenshtein distance over the longer length.
func similarity(a, b string) float64 {
	ra, rb := []rune(a), []rune(b)
	if len(ra) == 0 || len(rb) == 0 || len(ra) > maxCompared || len(rb) > maxCompared {
		return 0
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return 1 - float64(prev[len(rb)])/float64(max(len(ra), len(rb)))
}

func closeNames(a, b *entry) bool {
	return jaccard(a.name, b.name) >= 0.5 || contains(a.name, b.name) ||
		similarity(strings.Join(a.name, " "), strings.Join(b.name, " ")) >= 0.85
}

func closeAddresses(a, b *entry) bool {
	if a.number != "" && b.number != "" && a.number != b.number {
		return false
	}
	return jaccard(a.addr, b.addr) >= 0.5 || similarity(strings.Join(a.addr, " "), strings.Join(b.addr, " ")) >= 0.85
}

// near reports whether a and b are within MaxDistance, or, when one has no
// coordinates, share a postcode.
func near(a, b *entry) (bool, float64) {
	if a.hasPoint && b.hasPoint {
		d := geo.DistanceKm(a.point, b.point) * 1000
		return d < MaxDistance, d
	}
	return a.row.CodePostal == b.row.CodePostal, -1
}

func realPivot(p string) bool {
	return p != "" && p != venue.PivotPlaceholder && strings.Trim(p, "0") != ""
}

// cell is a square of about 200 m used to find neighbours quickly.
type cell struct{ x, y int }

const cellDeg = 0.002

func cellOf(p orb.Point) cell {
	return cell{int(math.Floor(p.Lon() / cellDeg)), int(math.Floor(p.Lat() / cellDeg))}
}

// index finds the known venue an incoming row duplicates.
type index struct {
	entries []*entry
	byID    map[string]*entry
	byPivot map[string][]*entry
	byCell  map[cell][]*entry
	byCP    map[string][]*entry
}

func newIndex() *index {
	return &index{byID: map[string]*entry{}, byPivot: map[string][]*entry{}, byCell: map[cell][]*entry{}, byCP: map[string][]*entry{}}
}

func (ix *index) add(e *entry) {
	ix.entries = append(ix.entries, e)
	ix.byID[e.row.ID] = e
	ix.reindex(e)
}

// reindex files e under its pivot, cell and postcode (after a merge may
// have given it coordinates or a pivot).
func (ix *index) reindex(e *entry) {
	if realPivot(e.row.Pivot) && !slices.Contains(ix.byPivot[e.row.Pivot], e) {
		ix.byPivot[e.row.Pivot] = append(ix.byPivot[e.row.Pivot], e)
	}
	if e.hasPoint {
		c := cellOf(e.point)
		if !slices.Contains(ix.byCell[c], e) {
			ix.byCell[c] = append(ix.byCell[c], e)
		}
	}
	if !slices.Contains(ix.byCP[e.row.CodePostal], e) {
		ix.byCP[e.row.CodePostal] = append(ix.byCP[e.row.CodePostal], e)
	}
}

// match returns the known venue c duplicates and why (in French), or nil.
// samePivot lists venues that share c's pivot but are not duplicates, to
// flag them.
func (ix *index) match(c *entry) (found *entry, why string, samePivot []*entry) {
	if e := ix.byID[c.row.ID]; e != nil && c.row.ID != "" {
		if closeNames(c, e) || (realPivot(c.row.Pivot) && c.row.Pivot == e.row.Pivot) {
			return e, "même identifiant", nil
		}
		if ok, _ := near(c, e); ok {
			return e, "même identifiant", nil
		}
	}
	if realPivot(c.row.Pivot) {
		for _, e := range ix.byPivot[c.row.Pivot] {
			if e.row.CodePostal == c.row.CodePostal || closeNames(c, e) {
				return e, "même SIRET ou RNA (" + c.row.Pivot + ")", nil
			}
			samePivot = append(samePivot, e)
		}
	}
	var candidates []*entry
	if c.hasPoint {
		cc := cellOf(c.point)
		for dx := -1; dx <= 1; dx++ {
			for dy := -1; dy <= 1; dy++ {
				candidates = append(candidates, ix.byCell[cell{cc.x + dx, cc.y + dy}]...)
			}
		}
	}
	for _, e := range ix.byCP[c.row.CodePostal] {
		if !e.hasPoint || !c.hasPoint {
			candidates = append(candidates, e)
		}
	}
	for _, e := range candidates {
		if !closeNames(c, e) || !closeAddresses(c, e) {
			continue
		}
		if ok, d := near(c, e); ok {
			if d >= 0 {
				return e, "nom et adresse proches, à " + strconv.Itoa(int(math.Round(d))) + " m", samePivot
			}
			return e, "nom et adresse proches, même code postal", samePivot
		}
	}
	return nil, "", samePivot
}
