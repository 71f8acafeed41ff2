package gen

import (
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"labo/internal/frtext"
	"labo/internal/referential"
)

type guideGen struct {
	rnd   *rand.Rand
	date  time.Time
	ref   *referential.Referential
	plans []*guidePlan
}

// guidePlan is what other guides need to link to a guide: its file and its
// section headings (whose ids are their slugs, since they are distinct).
type guidePlan struct {
	slug, title string
	sections    []string
	words       int
}

// plan chooses every guide's title, address and sections first, so that
// bodies can link to any other guide and its headings.
func (g *guideGen) plan(n int) []*guidePlan {
	r := g.rnd
	seen := map[string]int{}
	g.plans = make([]*guidePlan, n)
	for i := range n {
		title := pick(r, guideAngles) + " " + pick(r, guideTopics)
		slug := frtext.Slug(title)
		seen[slug]++
		if k := seen[slug]; k > 1 {
			title += " (" + strconv.Itoa(k) + "e partie)"
			slug += "-" + strconv.Itoa(k)
		}
		g.plans[i] = &guidePlan{slug: slug, title: title, sections: sample(r, sectionTitles, 3+r.IntN(5)),
			words: 300 + r.IntN(1201)}
		r.Shuffle(len(g.plans[i].sections), func(a, b int) {
			g.plans[i].sections[a], g.plans[i].sections[b] = g.plans[i].sections[b], g.plans[i].sections[a]
		})
	}
	return g.plans
}

// write writes one guide: TOML front matter, an introduction, then sections
// of paragraphs, lists, a table and links (to other guides by source path,
// some with an anchor, and to public services). It returns the body's word
// count, which stays between 300 and 1,500.
func (g *guideGen) write(out io.Writer, p *guidePlan) (int, error) {
	r := g.rnd
	var b strings.Builder
	date := g.date.AddDate(0, 0, -1-r.IntN(5*365))
	b.WriteString("+++\n")
	fmt.Fprintf(&b, "title     = %s\n", tomlString(p.title))
	fmt.Fprintf(&b, "date      = %s\n", date.Format(time.DateOnly))
	if chance(r, 0.3) {
		fmt.Fprintf(&b, "updated   = %s\n", date.AddDate(0, 0, r.IntN(int(g.date.Sub(date).Hours()/24))).Format(time.DateOnly))
	}
	fmt.Fprintf(&b, "summary   = %s\n", tomlString(pick(r, sentences)))
	fmt.Fprintf(&b, "audiences = %s\n", tomlList(sample(r, audienceSlugs, 1+r.IntN(3))))
	fmt.Fprintf(&b, "themes    = %s\n", tomlList(sample(r, themeSlugs, 1+r.IntN(3))))
	codes := make([]string, 0, len(g.ref.Services))
	for _, s := range g.ref.Services {
		codes = append(codes, s.Code)
	}
	fmt.Fprintf(&b, "services  = %s\n", tomlList(sample(r, codes, 1+r.IntN(4))))
	fmt.Fprintf(&b, "keypoints = %s\n", tomlList(sample(r, sentences, 2+r.IntN(3))))
	b.WriteString("+++\n\n")

	words := 0
	para := func(k int) {
		s := sample(r, sentences, k)
		for _, x := range s {
			words += len(strings.Fields(x))
		}
		b.WriteString(strings.Join(s, " "))
		b.WriteString("\n\n")
	}
	link := func() string {
		if chance(r, 0.3) {
			l := pick(r, externalLinks)
			return fmt.Sprintf("[%s](%s)", l.text, l.url)
		}
		other := pick(r, g.plans)
		if other == p || chance(r, 0.5) {
			return fmt.Sprintf("[%s](@/guides/%s.md)", lowerFirst(other.title), other.slug)
		}
		h := pick(r, other.sections)
		return fmt.Sprintf("[%s](@/guides/%s.md#%s)", strings.ToLower(h), other.slug, frtext.Slug(h))
	}
	para(2 + r.IntN(2))
	perSection := max(60, (p.words-words)/len(p.sections))
	for i, h := range p.sections {
		fmt.Fprintf(&b, "## %s\n\n", h)
		target := words + perSection
		switch i % 3 {
		case 0:
			for _, it := range sample(r, listItems, 3+r.IntN(4)) {
				fmt.Fprintf(&b, "- %s\n", it)
				words += len(strings.Fields(it))
			}
			b.WriteString("\n")
		case 1:
			b.WriteString("| Situation | Ce que fait le médiateur | Services |\n|---|---|---|\n")
			for range 2 + r.IntN(3) {
				fmt.Fprintf(&b, "| %s | %s | %s |\n", pick(r, guideTopics), pick(r, listItems), pick(r, codes))
				words += 12
			}
			b.WriteString("\n")
		case 2:
			for k, it := range sample(r, listItems, 3+r.IntN(3)) {
				fmt.Fprintf(&b, "%d. %s\n", k+1, it)
				words += len(strings.Fields(it))
			}
			b.WriteString("\n")
		}
		for words < target && words < p.words {
			para(2 + r.IntN(3))
		}
		fmt.Fprintf(&b, "Voir aussi %s.\n\n", link())
		words += 4
	}
	_, err := io.WriteString(out, b.String())
	return words, err
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func tomlList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = tomlString(x)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// lowerFirst lowers the first letter, for a title used inside a sentence.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}
