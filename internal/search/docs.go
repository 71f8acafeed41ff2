package search

import (
	"bytes"
	"context"
	"slices"
	"strings"

	"labo/internal/content"
	"labo/internal/pages"
	"labo/internal/referential"
	"labo/internal/site"
)

// Docs returns the searchable documents of a site in index order: services
// by code, guides in the site's order, venues by département, commune and
// name (neighbours are found together, so their hits share shards).
func Docs(s *site.Site) []Doc {
	docs, _ := docsContext(context.Background(), s)
	return docs
}

// docsContext is Docs that gives up with ctx's error once ctx ends.
func docsContext(ctx context.Context, s *site.Site) ([]Doc, error) {
	docs := make([]Doc, 0, len(s.Ref.Services)+len(s.Guides)+len(s.Venues))
	services := slices.Clone(s.Ref.Services)
	slices.SortFunc(services, func(a, b *referential.Service) int { return strings.Compare(a.Code, b.Code) })
	for _, svc := range services {
		docs = append(docs, ServiceDoc(svc))
	}
	for i, g := range s.Guides {
		if i%cancelEvery == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		docs = append(docs, GuideDoc(g))
	}
	// s.Venues is in French order of names: sorting by département and
	// commune, then by position in s.Venues, keeps that order within a
	// commune. Collation keys cost microseconds: one per commune name, not
	// per venue.
	type keyed struct {
		v       *site.Venue
		dept    string
		commune []byte
		pos     int
	}
	venues := make([]keyed, len(s.Venues))
	communeKeys := map[string][]byte{}
	for i, v := range s.Venues {
		k, ok := communeKeys[v.Commune]
		if !ok {
			k = s.Collator.Key(v.Commune)
			communeKeys[v.Commune] = k
		}
		venues[i] = keyed{v, deptCode(v), k, i}
	}
	slices.SortFunc(venues, func(a, b keyed) int {
		if c := strings.Compare(a.dept, b.dept); c != 0 {
			return c
		}
		if c := bytes.Compare(a.commune, b.commune); c != 0 {
			return c
		}
		return a.pos - b.pos
	})
	for i, k := range venues {
		if i%cancelEvery == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		docs = append(docs, VenueDoc(k.v))
	}
	return docs, nil
}

func deptCode(v *site.Venue) string {
	if v.Dept == nil {
		return "~" // after every code
	}
	return v.Dept.Code
}

// ServiceDoc is found by its code, title, keywords (mots_cles), description
// and family.
func ServiceDoc(svc *referential.Service) Doc {
	d := Doc{Kind: KindService, Title: svc.Title, URL: pages.ServiceURL(svc), Text: svc.Description, Badge: svc.Code,
		Fields: []Field{
			{svc.Code, WeightTitle},
			{svc.Title, WeightTitle},
			{strings.Join(svc.Keywords, " · "), WeightStrong},
			{svc.Description, WeightWeak},
		}}
	if len(svc.Keywords) > 0 {
		d.Alt = []string{"Mots-clés : " + strings.Join(svc.Keywords, ", ")}
	}
	if svc.FamilyRef != nil {
		d.Fields = append(d.Fields, Field{svc.FamilyRef.Title, WeightWeak})
	}
	return d
}

// GuideDoc is found by its title, summary, headings, key points and body.
func GuideDoc(g *content.Page) Doc {
	d := Doc{Kind: KindGuide, Title: g.Title, URL: g.URL, Text: g.Summary,
		Fields: []Field{
			{g.Title, WeightTitle},
			{g.Summary, WeightMedium},
			{strings.Join(g.Keypoints, " "), WeightWeak},
			{g.Text, WeightBody},
		}}
	var heads []string
	for _, h := range g.TOC() {
		heads = append(heads, h.Text)
		d.Alt = append(d.Alt, h.Text)
	}
	d.Fields = append(d.Fields, Field{strings.Join(heads, " · "), WeightMedium})
	return d
}

// VenueDoc is found by its name, commune, postcode and département.
func VenueDoc(v *site.Venue) Doc {
	where := strings.TrimSpace(v.CodePostal + " " + v.Commune)
	if v.Dept != nil {
		where += " (" + v.Dept.Nom + ")" // communes of the same name are told apart
	}
	text := where
	if v.Adresse != "" {
		text = v.Adresse + ", " + where
	}
	d := Doc{Kind: KindVenue, Title: v.Nom, URL: v.URL, Text: text,
		Fields: []Field{
			{v.Nom, WeightTitle},
			{v.Commune, WeightStrong},
			{v.CodePostal, WeightStrong},
		}}
	if v.Dept != nil {
		d.Fields = append(d.Fields, Field{v.Dept.Nom, WeightWeak})
	}
	return d
}
