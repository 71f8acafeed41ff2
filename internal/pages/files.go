package pages

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html"
	"slices"
	"strings"
	"time"

	"labo/internal/content"
	"labo/internal/hours"
	"labo/internal/site"
)

// venueJSONLD describes a venue as a schema.org Place.
func venueJSONLD(s *site.Site, v *site.Venue) map[string]any {
	addr := map[string]any{
		"@type":           "PostalAddress",
		"streetAddress":   strings.TrimSpace(v.Adresse + " " + v.ComplementAdresse),
		"postalCode":      v.CodePostal,
		"addressLocality": v.Commune,
		"addressCountry":  "FR",
	}
	ld := map[string]any{
		"@context":     "https://schema.org",
		"@type":        "Place",
		"@id":          s.Config.Abs(v.URL),
		"name":         v.Nom,
		"url":          s.Config.Abs(v.URL),
		"address":      addr,
		"dateModified": v.DateMaj,
	}
	if v.PresentationResume != "" {
		ld["description"] = v.PresentationResume
	}
	if v.HasPoint {
		ld["geo"] = map[string]any{"@type": "GeoCoordinates", "latitude": v.Point.Lat(), "longitude": v.Point.Lon()}
	}
	if v.Telephone != "" {
		ld["telephone"] = v.Telephone
	}
	if v.Hours != nil {
		ld["openingHoursSpecification"] = openingSpec(v.Hours)
	}
	return ld
}

var schemaDays = [7]string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

func openingSpec(h *hours.Schedule) []map[string]any {
	var out []map[string]any
	for d, spans := range h.Weekly() {
		for _, sp := range spans {
			to := sp.To
			if to > 24*60 {
				to = 24 * 60
			}
			out = append(out, map[string]any{
				"@type":     "OpeningHoursSpecification",
				"dayOfWeek": "https://schema.org/" + schemaDays[d],
				"opens":     fmt.Sprintf("%02d:%02d", sp.From/60, sp.From%60),
				"closes":    fmt.Sprintf("%02d:%02d", to/60%24, to%60),
			})
		}
	}
	return out
}

func articleJSONLD(s *site.Site, g *content.Page) map[string]any {
	ld := map[string]any{
		"@context":      "https://schema.org",
		"@type":         "Article",
		"headline":      g.Title,
		"url":           s.Config.Abs(g.URL),
		"datePublished": g.Date.Format(time.DateOnly),
		"inLanguage":    "fr",
		"publisher":     map[string]any{"@type": "Organization", "name": s.Config.Title},
	}
	if !g.Updated.IsZero() {
		ld["dateModified"] = g.Updated.Format(time.DateOnly)
	}
	if g.Summary != "" {
		ld["description"] = g.Summary
	}
	return ld
}

// redirect is an HTML page that sends visitors to target (alias pages). The
// meta refresh works without JavaScript and under a strict CSP.
func redirect(target string) []byte {
	t := html.EscapeString(target)
	return []byte(`<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Page déplacée</title>
<link rel="canonical" href="` + t + `"><meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=` + t + `"></head>
<body><p>Cette page a changé d'adresse : <a href="` + t + `">` + t + `</a>.</p></body></html>
`)
}

// Sitemap lists every HTML page but the 404 and alias redirects.
func Sitemap(s *site.Site, paths []string) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range paths {
		if !strings.HasSuffix(p, "index.html") {
			continue
		}
		u := "/" + strings.TrimSuffix(p, "index.html")
		b.WriteString("  <url><loc>")
		xml.EscapeText(&b, []byte(s.Config.Abs(u)))
		b.WriteString("</loc></url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

// Feed is the Atom feed of the latest guides and actions.
func Feed(s *site.Site) []byte {
	entries := append(append([]*content.Page{}, s.Guides...), s.Actions...)
	sortByDate(entries)
	if len(entries) > 20 {
		entries = entries[:20]
	}
	type link struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr,omitempty"`
	}
	type entry struct {
		Title   string `xml:"title"`
		ID      string `xml:"id"`
		Link    link   `xml:"link"`
		Updated string `xml:"updated"`
		Summary string `xml:"summary,omitempty"`
	}
	type feed struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		Lang    string   `xml:"xml:lang,attr"`
		Title   string   `xml:"title"`
		ID      string   `xml:"id"`
		Links   []link   `xml:"link"`
		Updated string   `xml:"updated"`
		Author  struct {
			Name string `xml:"name"`
		} `xml:"author"`
		Entries []entry `xml:"entry"`
	}
	f := feed{Lang: "fr", Title: s.Config.Title + " : guides et actions", ID: s.Config.Abs("/"),
		Links:   []link{{Href: s.Config.Abs("/feed.xml"), Rel: "self"}, {Href: s.Config.Abs("/")}},
		Updated: s.Config.Date.Format(time.RFC3339)}
	f.Author.Name = s.Config.Title
	for _, p := range entries {
		d := p.Date
		if !p.Updated.IsZero() {
			d = p.Updated
		}
		f.Entries = append(f.Entries, entry{Title: p.Title, ID: s.Config.Abs(p.URL), Link: link{Href: s.Config.Abs(p.URL)},
			Updated: d.Format(time.RFC3339), Summary: p.Summary})
	}
	out, _ := xml.MarshalIndent(f, "", "  ") // plain structs of strings: cannot fail
	return append([]byte(xml.Header), append(out, '\n')...)
}

func sortByDate(ps []*content.Page) {
	slices.SortStableFunc(ps, func(a, b *content.Page) int {
		if c := b.Date.Compare(a.Date); c != 0 {
			return c
		}
		return strings.Compare(a.URL, b.URL)
	})
}

// Robots allows everything and points at the sitemap.
func Robots(s *site.Site) []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + s.Config.Abs("/sitemap.xml") + "\n")
}
