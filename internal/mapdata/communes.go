package mapdata

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"labo/internal/appendenc"
	"labo/internal/frtext"
	"labo/internal/geo"
)

// CommuneAttribution credits the sources of the commune table wherever the
// commune search is offered.
const CommuneAttribution = "Communes : découpage administratif (Etalab, Licence Ouverte 2.0) et positions GeoNames (CC BY 4.0)"

// Split thresholds of the name index (see docs/formats.md).
const (
	maxPerKey = 600 // communes in one name file before its key is split
	topPerKey = 50  // communes a split key's own file keeps, the most populated
)

// SearchForm is the form under which a commune name is filed: the slug
// ("saint-flour"), with "saint"/"sainte" words shortened to "st"/"ste". It
// must stay identical to searchForm in static/js/lib/geo.js.
func SearchForm(name string) string {
	words := strings.Split(frtext.Slug(name), "-")
	for i, w := range words {
		switch w {
		case "saint":
			words[i] = "st"
		case "sainte":
			words[i] = "ste"
		}
	}
	return strings.Join(words, "-")
}

// WithoutArticle drops a leading article from a search form ("la-rochelle" →
// "rochelle"), or returns "" when there is none.
func WithoutArticle(form string) string {
	for _, a := range []string{"le-", "la-", "les-", "l-"} {
		if rest, ok := strings.CutPrefix(form, a); ok && rest != "" {
			return rest
		}
	}
	return ""
}

type filed struct {
	c    *geo.Commune
	form string
}

// entry appends one commune as the index files write it.
func entry(b []byte, c *geo.Commune) []byte {
	b = append(b, '[')
	b = strconv.AppendQuote(b, c.Code) // digits and letters only
	b = append(b, ',')
	b = appendenc.JSONStringHTML(b, c.Nom)
	b = append(b, ',', '"')
	for i, p := range c.Postcodes {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, p...)
	}
	b = append(b, '"', ',', '"')
	b = append(b, c.Dept...)
	b = append(b, '"', ',')
	if c.Precision == 0 {
		b = append(b, "null,null"...)
	} else {
		b = strconv.AppendFloat(b, c.Point.Lat(), 'f', -1, 64)
		b = append(b, ',')
		b = strconv.AppendFloat(b, c.Point.Lon(), 'f', -1, 64)
	}
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(c.Population), 10)
	return append(b, ']')
}

func file(cs []*geo.Commune) []byte {
	b := make([]byte, 0, 32+80*len(cs))
	b = append(b, `{"version":1,"communes":[`...)
	for i, c := range cs {
		if i > 0 {
			b = append(b, ',')
		}
		b = entry(b, c)
	}
	return append(b, "]}"...)
}

// byPopulation sorts the most populated first, then by INSEE code.
func byPopulation(a, b *geo.Commune) int {
	if a.Population != b.Population {
		return b.Population - a.Population
	}
	return strings.Compare(a.Code, b.Code)
}

// CommuneIndex returns the files of /carte/donnees/communes/, by path
// relative to that folder: index.json, noms/<key>.json, postaux/<prefix>.json.
func CommuneIndex(communes []*geo.Commune) map[string][]byte {
	lists, index := communeFiles(communes)
	out := map[string][]byte{"index.json": index}
	for name, cs := range lists {
		out[name] = file(cs)
	}
	return out
}

// communeFiles plans the files of the commune index: the communes each name
// or postcode file lists, by path (encoded by file when its job runs, so
// that the megabytes of the index are never all in memory), and index.json.
func communeFiles(communes []*geo.Commune) (map[string][]*geo.Commune, []byte) {
	out := map[string][]*geo.Commune{}
	var all []filed
	for _, c := range communes {
		f := SearchForm(c.Nom)
		all = append(all, filed{c, f})
		if w := WithoutArticle(f); w != "" {
			all = append(all, filed{c, w})
		}
	}
	var keys []string
	var split func(key string, items []filed)
	split = func(key string, items []filed) {
		keys = append(keys, key)
		if len(items) <= maxPerKey {
			out["noms/"+key+".json"] = unique(items)
			return
		}
		// Too many: the key keeps its most populated communes and those whose
		// form is the key itself; longer keys take the rest.
		cs := unique(items)
		slices.SortFunc(cs, byPopulation)
		own := cs[:min(topPerKey, len(cs)):min(topPerKey, len(cs))]
		children := map[string][]filed{}
		for _, it := range items {
			if len(it.form) <= len(key) {
				if !slices.Contains(own, it.c) {
					own = append(own, it.c)
				}
				continue
			}
			k := it.form[:len(key)+1]
			children[k] = append(children[k], it)
		}
		out["noms/"+key+".json"] = own
		for _, k := range sortedKeys(children) {
			split(k, children[k])
		}
	}
	groups := map[string][]filed{}
	for _, it := range all {
		if len(it.form) >= 2 {
			groups[it.form[:2]] = append(groups[it.form[:2]], it)
		}
	}
	for _, k := range sortedKeys(groups) {
		split(k, groups[k])
	}

	postal := map[string][]*geo.Commune{}
	for _, c := range communes {
		seen := map[string]bool{}
		for _, cp := range c.Postcodes {
			p := cp[:2]
			if p == "97" || p == "98" {
				p = cp[:3]
			}
			if !seen[p] {
				seen[p] = true
				postal[p] = append(postal[p], c)
			}
		}
	}
	prefixes := sortedKeys(postal)
	for _, p := range prefixes {
		cs := postal[p]
		slices.SortFunc(cs, byPopulation)
		out["postaux/"+p+".json"] = cs
	}
	slices.Sort(keys)
	idx, _ := json.Marshal(struct {
		Version     int      `json:"version"`
		Noms        []string `json:"noms"`
		Postaux     []string `json:"postaux"`
		Attribution string   `json:"attribution"`
	}{Version, keys, prefixes, CommuneAttribution})
	return out, idx
}

// unique lists the communes of items once each, most populated first.
func unique(items []filed) []*geo.Commune {
	seen := map[*geo.Commune]bool{}
	var out []*geo.Commune
	for _, it := range items {
		if !seen[it.c] {
			seen[it.c] = true
			out = append(out, it.c)
		}
	}
	slices.SortFunc(out, byPopulation)
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
