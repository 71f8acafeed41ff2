package opendata

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"labo/internal/dataset"
	"labo/internal/frtext"
	"labo/internal/licence"
	"labo/internal/site"
)

// groupOrder puts the most used data first on the catalogue page; other
// groups follow in alphabetical order.
var groupOrder = []string{"lieux", "qualifications", "referentiel", "indicateurs", "changements", "data-inclusion"}

// sortDatasets orders datasets by group (groupOrder first), keeping the
// order of files given within a group.
func sortDatasets(in []*dataset.Dataset) []*dataset.Dataset {
	out := slices.Clone(in)
	rank := func(g string) int {
		if i := slices.Index(groupOrder, g); i >= 0 {
			return i
		}
		return len(groupOrder)
	}
	slices.SortStableFunc(out, func(a, b *dataset.Dataset) int {
		ga, gb := a.GroupName(), b.GroupName()
		if d := rank(ga) - rank(gb); d != 0 {
			return d
		}
		return strings.Compare(ga, gb)
	})
	return out
}

// groupDatasets returns the files of each group and the groups in the order
// of their first file.
func groupDatasets(sorted []*dataset.Dataset) (map[string][]*dataset.Dataset, []string) {
	groups := map[string][]*dataset.Dataset{}
	var order []string
	for _, d := range sorted {
		g := d.GroupName()
		if _, ok := groups[g]; !ok {
			order = append(order, g)
		}
		groups[g] = append(groups[g], d)
	}
	return groups, order
}

// citation is the sentence a reuser can copy to credit the data.
func citation(s *site.Site) string {
	return fmt.Sprintf("%s, données ouvertes publiées le %s, %s", s.Config.Title, frtext.Date(s.Config.Date), s.Config.Abs("/"+Dir+"/"))
}

// licenceText is the LICENCE file of the datasets.
func licenceText(s *site.Site, lic *licence.Licence, datasets []*dataset.Dataset) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "Données ouvertes de %s\n\n", s.Config.Title)
	fmt.Fprintf(&b, "Licence : %s (%s)\nTexte complet : %s\n\n", lic.Title, lic.ID, lic.URL)
	b.WriteString(wrap(lic.Summary, 72))
	b.WriteString("\n\nMention de la source à reprendre :\n  ")
	b.WriteString(citation(s))
	b.WriteString("\n\nFichiers concernés :\n")
	for _, d := range datasets {
		fmt.Fprintf(&b, "  %s\n", relPath(s, d))
	}
	fmt.Fprintf(&b, "\nContact : %s\n", s.Config.Contact)
	return []byte(b.String())
}

// wrap breaks text into lines of at most width characters.
func wrap(text string, width int) string {
	var b strings.Builder
	n := 0
	for i, w := range strings.Fields(text) {
		l := len([]rune(w))
		if i > 0 {
			if n+1+l > width {
				b.WriteByte('\n')
				n = 0
			} else {
				b.WriteByte(' ')
				n++
			}
		}
		b.WriteString(w)
		n += l
	}
	return b.String()
}

// yamlString quotes s as a YAML double-quoted scalar (a JSON string is one).
func yamlString(s string) string {
	j, _ := marshal(s)
	return string(j)
}

// citationCFF is CITATION.cff (Citation File Format 1.2.0) for the datasets.
func citationCFF(s *site.Site, lic *licence.Licence) []byte {
	var b strings.Builder
	day := s.Config.Date.Format("2006-01-02")
	b.WriteString("cff-version: 1.2.0\n")
	b.WriteString("message: " + yamlString("Si vous utilisez ces données, merci de les citer comme indiqué ci-dessous.") + "\n")
	b.WriteString("type: dataset\n")
	b.WriteString("title: " + yamlString(s.Config.Title+" : données ouvertes") + "\n")
	b.WriteString("abstract: " + yamlString("Lieux de médiation numérique au format du standard national, qualifications Pass numérique, référentiel des services, indicateurs et export data·inclusion.") + "\n")
	b.WriteString("authors:\n")
	b.WriteString("  - name: " + yamlString(s.Config.Title) + "\n")
	if s.Config.Contact != "" {
		b.WriteString("    email: " + yamlString(s.Config.Contact) + "\n")
	}
	b.WriteString("    website: " + yamlString(s.Config.BaseURL) + "\n")
	b.WriteString("version: " + yamlString(day) + "\n")
	b.WriteString("date-released: " + yamlString(day) + "\n")
	b.WriteString("license: " + yamlString(lic.ID) + "\n")
	b.WriteString("url: " + yamlString(s.Config.Abs("/"+Dir+"/")) + "\n")
	b.WriteString("keywords:\n")
	for _, k := range []string{"médiation numérique", "inclusion numérique", "Pass numérique", "open data"} {
		b.WriteString("  - " + yamlString(k) + "\n")
	}
	return []byte(b.String())
}

// checksums is SHA256SUMS: one "<hex>  <path>" line per file, paths relative
// to donnees/, in the format `sha256sum -c` reads.
func checksums(files []namedFile) []byte {
	var b strings.Builder
	sorted := slices.Clone(files)
	slices.SortFunc(sorted, func(a, b namedFile) int { return strings.Compare(a.Name, b.Name) })
	for _, f := range sorted {
		fmt.Fprintf(&b, "%s  %s\n", f.SHA256, f.Name)
	}
	return []byte(b.String())
}

// namedFile is a file of the release with its path relative to donnees/
// and its SHA-256 in hexadecimal.
type namedFile struct {
	Name, SHA256 string
}

func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
