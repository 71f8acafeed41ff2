package mapdata

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

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

// entry is one commune as the index files write it.
func entry(b *bytes.Buffer, c *geo.Commune) {
	name, _ := json.Marshal(c.Nom)
	b.WriteByte('[')
	b.WriteString(strconv.Quote(c.Code))
	b.WriteByte(',')
	b.Write(name)
	b.WriteString(",\"" + strings.Join(c.Postcodes, " ") + "\",\"" + c.Dept + "\",")
	if c.Precision == 0 {
		b.WriteString("null,null")
	} else {
		b.WriteString(strconv.FormatFloat(c.Point.Lat(), 'f', -1, 64) + "," + strconv.FormatFloat(c.Point.Lon(), 'f', -1, 64))
	}
	b.WriteString("," + strconv.Itoa(c.Population) + "]")
}

func file(cs []*geo.Commune) []byte {
	var b bytes.Buffer
	b.WriteString(`{"version":1,"communes":[`)
	for i, c := range cs {
		if i > 0 {
			b.WriteByte(',')
		}
		entry(&b, c)
	}
	b.WriteString("]}")
	return b.Bytes()
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
	out := map[string][]byte{}
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
			out["noms/"+key+".json"] = file(unique(items))
			return
		}
		// Too many: the key keeps its most populated communes and those whose
		// form is the key itself; longer keys take the rest.
		cs := unique(items)
		slices.SortFunc(cs, byPopulation)
		own := cs[:min(topPerKey, len(cs))]
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
		out["noms/"+key+".json"] = file(own)
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
		out["postaux/"+p+".json"] = file(cs)
	}
	slices.Sort(keys)
	idx, _ := json.Marshal(struct {
		Version     int      `json:"version"`
		Noms        []string `json:"noms"`
		Postaux     []string `json:"postaux"`
		Attribution string   `json:"attribution"`
	}{Version, keys, prefixes, CommuneAttribution})
	out["index.json"] = idx
	return out
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
