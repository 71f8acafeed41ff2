package pages

import (
	"bytes"
	"encoding/xml"
	"html"
	"slices"
	"strings"
	"time"

	"labo/internal/content"
	"labo/internal/hours"
	"labo/internal/site"
)

// venueJSONLD describes a venue as a schema.org Place. Structs, not maps:
// encoding/json writes struct fields without sorting keys (the fields are
// declared in the order a map's keys would be sorted, so the bytes are the
// same), on 25,000 pages.
func venueJSONLD(s *site.Site, v *site.Venue) *placeLD {
	url := s.Config.Abs(v.URL)
	ld := &placeLD{
		Context: "https://schema.org", ID: url, Type: "Place",
		Address: postalAddressLD{Type: "PostalAddress", Country: "FR", Locality: v.Commune, PostalCode: v.CodePostal,
			Street: strings.TrimSpace(v.Adresse + " " + v.ComplementAdresse)},
		DateModified: v.DateMaj, Description: v.PresentationResume, Name: v.Nom, Telephone: v.Telephone, URL: url,
	}
	if v.HasPoint {
		ld.Geo = &geoLD{Type: "GeoCoordinates", Latitude: v.Point.Lat(), Longitude: v.Point.Lon()}
	}
	if v.Hours != nil {
		ld.Opening = openingSpec(v.Hours)
	}
	return ld
}

type placeLD struct {
	Context      string          `json:"@context"`
	ID           string          `json:"@id"`
	Type         string          `json:"@type"`
	Address      postalAddressLD `json:"address"`
	DateModified string          `json:"dateModified"`
	Description  string          `json:"description,omitempty"`
	Geo          *geoLD          `json:"geo,omitempty"`
	Name         string          `json:"name"`
	Opening      []openingLD     `json:"openingHoursSpecification,omitempty"`
	Telephone    string          `json:"telephone,omitempty"`
	URL          string          `json:"url"`
}

type postalAddressLD struct {
	Type       string `json:"@type"`
	Country    string `json:"addressCountry"`
	Locality   string `json:"addressLocality"`
	PostalCode string `json:"postalCode"`
	Street     string `json:"streetAddress"`
}

type geoLD struct {
	Type      string  `json:"@type"`
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
}

type openingLD struct {
	Type      string `json:"@type"`
	Closes    string `json:"closes"`
	DayOfWeek string `json:"dayOfWeek"`
	Opens     string `json:"opens"`
}

var schemaDays = [7]string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

func openingSpec(h *hours.Schedule) []openingLD {
	var out []openingLD
	for d, spans := range h.Weekly() {
		for _, sp := range spans {
			to := min(sp.To, 24*60)
			out = append(out, openingLD{Type: "OpeningHoursSpecification", DayOfWeek: "https://schema.org/" + schemaDays[d],
				Opens: clock(sp.From), Closes: clock(to % (24 * 60))})
		}
	}
	return out
}

// clock formats minutes after midnight as "09:05".
func clock(m int) string {
	return string([]byte{byte('0' + m/600), byte('0' + m/60%10), ':', byte('0' + m%60/10), byte('0' + m%10)})
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
