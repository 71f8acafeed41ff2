// Package carte builds the map pages: /carte/, the interactive map with its
// filters, list and downloads, whose no-JavaScript twin is a static SVG map
// of France and the list of every venue by département; and /carte/embed/,
// the same map without the site's header and footer, for an iframe. The
// data the scripts load comes from internal/mapdata.
package carte

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/paulmach/orb"

	"labo/internal/dataset"
	"labo/internal/frtext"
	"labo/internal/geo"
	"labo/internal/mapdata"
	"labo/internal/referential"
	"labo/internal/render"
	"labo/internal/site"
	"labo/internal/svgmap"
	"labo/internal/venue"
)

// URL of the map page; EmbedURL of its embeddable variant.
const (
	URL      = "/carte/"
	EmbedURL = "/carte/embed/"
)

// Assets every map page loads.
var (
	Styles  = []string{"/vendor/leaflet/leaflet.css", "/vendor/leaflet.markercluster/MarkerCluster.css", "/css/svgmap.css", "/css/carte.css"}
	Scripts = []string{"/vendor/leaflet/leaflet.js", "/vendor/leaflet.markercluster/leaflet.markercluster.js"}
	Modules = []string{"/js/carte.js"}
)

// InlineMax is the number of venues up to which /carte/ itself lists every
// venue for visitors without JavaScript. Above it the page would weigh
// megabytes and take seconds to lay out, so it links to each département's
// list instead (every venue is one click away).
const InlineMax = 1500

// View is the data of both map pages.
type View struct {
	Embed           bool
	Tiles           string // tile URL template, "" for none
	TileAttribution string
	BaseURL         string // absolute site root, for the GeoJSON download's links
	Data            Paths

	SVG        template.HTML // static map of France (no JavaScript)
	InlineList bool          // the static twin lists every venue (else it links to the départements' lists)
	Regions    []*RegionList
	Total      int
	Located    int
	Unlocated  []*site.Venue

	Families []*FamilyOption
	Selects  []Select
	Days     []Option

	OutlineAttribution string
	CommuneAttribution string
}

// Paths are the data files the scripts load, as site paths.
type Paths struct {
	Venues, Outlines, Communes, Fiches string
}

// RegionList is a région of the static list.
type RegionList struct {
	*site.Region
	Depts []*site.Dept
}

// FamilyOption is a family and its services in the service filter.
type FamilyOption struct {
	*referential.Family
	Services []*referential.Service
}

// Select is one filter on a vocabulary of the national standard.
type Select struct {
	Name, Label, Any string
	Options          []Option
}

// Option is one choice of a filter.
type Option struct{ Value, Label string }

// Generate returns the jobs of /carte/ and /carte/embed/.
func Generate(s *site.Site) ([]render.Job, []*dataset.Dataset) {
	full := view(s, false)
	embed := *full
	embed.Embed = true
	desc := "Trouvez un lieu de médiation numérique près de chez vous : carte, filtres par service, public et horaires, recherche par commune."
	page := &render.Page{Path: URL, Title: "Carte des lieux", Description: desc, Section: "carte",
		Crumbs: []render.Crumb{{Name: "Accueil", URL: "/"}}, Styles: Styles, Scripts: Scripts, Modules: Modules, Data: full}
	embedPage := &render.Page{Path: EmbedURL, Title: "Carte des lieux", Description: desc, Section: "carte", NoIndex: true, Bare: true,
		Styles: Styles, Scripts: Scripts, Modules: Modules, Data: &embed}
	return []render.Job{
		{Path: "carte/index.html", Kind: "carte/list", Page: page},
		{Path: "carte/embed/index.html", Kind: "carte/list", Page: embedPage},
	}, nil
}

func view(s *site.Site, embed bool) *View {
	v := &View{
		Embed: embed, Tiles: s.Config.Map.Tiles, TileAttribution: s.Config.Map.Attribution,
		BaseURL: strings.TrimSuffix(s.Config.BaseURL, "/"),
		Data: Paths{Venues: "/" + mapdata.VenuesPath, Outlines: "/" + mapdata.OutlinesPath,
			Communes: "/" + mapdata.CommunesDir, Fiches: "/" + mapdata.FichesDir},
		Total: len(s.Venues), InlineList: len(s.Venues) <= InlineMax, OutlineAttribution: geo.OutlineAttribution, CommuneAttribution: mapdata.CommuneAttribution,
	}
	var areas []svgmap.Area
	var dots []orb.Point
	for _, x := range s.Venues {
		if x.HasPoint {
			v.Located++
			dots = append(dots, x.Point)
		} else {
			v.Unlocated = append(v.Unlocated, x)
		}
	}
	for _, d := range s.Depts {
		areas = append(areas, svgmap.Area{Code: d.Code, URL: d.URL,
			Label: fmt.Sprintf("%s (%s) : %s", d.Nom, d.Code, frtext.Plural(len(d.Venues), "lieu", "lieux"))})
	}
	v.SVG = template.HTML(svgmap.France(areas, dots, svgmap.Options{ID: "carte-france",
		Title: "Carte de France des lieux de médiation numérique",
		Desc:  "Chaque point est un lieu. Les départements en bleu ont des lieux : choisissez-en un pour voir sa liste."})) // #nosec: drawn by svgmap, text escaped
	for _, r := range s.Regions {
		v.Regions = append(v.Regions, &RegionList{Region: r, Depts: r.Depts})
	}
	for _, f := range s.Ref.Families {
		v.Families = append(v.Families, &FamilyOption{Family: f, Services: f.Services})
	}
	sel := func(name, label, any string, vocab []string) Select {
		s := Select{Name: name, Label: label, Any: any}
		for _, x := range vocab {
			s.Options = append(s.Options, Option{Value: frtext.Slug(x), Label: x})
		}
		return s
	}
	v.Selects = []Select{
		sel("public", "Public", "Tous les publics", venue.Publics),
		sel("prise", "Accompagnement adapté", "Sans préférence", venue.PrisesEnCharge),
		sel("frais", "Frais", "Gratuit ou payant", venue.Frais),
		sel("acces", "Comment prendre contact", "Toutes les façons", venue.ModalitesAcces),
		sel("accompagnement", "Façon d'être accompagné", "Toutes les façons", venue.ModalitesAccompagnement),
		sel("national", "Service (standard national)", "Tous les services", venue.Services),
	}
	v.Days = []Option{{"", "N'importe quand"}, {"maintenant", "Ouvert maintenant"}}
	for _, d := range []string{"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"} {
		v.Days = append(v.Days, Option{d, "Ouvert le " + d})
	}
	return v
}
