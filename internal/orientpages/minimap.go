package orientpages

import (
	"fmt"
	"html/template"
	"math"
	"slices"
	"strings"
	"sync"

	"labo/internal/geo"
	"labo/internal/site"
)

// The small static map of a fiche: the venue at the centre of a plan that
// names the nearest towns, with a scale bar. No tiles: it prints anywhere
// and asks nothing from a tile server. The script of the fiche may add the
// person's starting point, using the projection written in data-* attributes.

const (
	mapW, mapH = 480, 270
	mapLabels  = 6
)

// radii tried, in km from the centre to the left and right edges, until
// enough towns are on the plan.
var radii = []float64{2, 4, 8, 16}

type mapper struct {
	once  sync.Once
	cells map[[2]int][]*geo.Commune
}

func newMapper() *mapper { return &mapper{} }

func cell(lon, lat float64) [2]int { return [2]int{int(math.Floor(lon * 5)), int(math.Floor(lat * 5))} }

// index buckets the communes with a position of their own in cells of
// 0.2 degree, once.
func (m *mapper) index() {
	m.once.Do(func() {
		m.cells = map[[2]int][]*geo.Commune{}
		for _, c := range geo.Communes() {
			if c.Precision != 'c' {
				continue
			}
			k := cell(c.Point.Lon(), c.Point.Lat())
			m.cells[k] = append(m.cells[k], c)
		}
	})
}

type placed struct {
	x, y float64
	name string
}

func (m *mapper) svg(v *site.Venue) template.HTML {
	m.index()
	lon0, lat0 := v.Point.Lon(), v.Point.Lat()
	kx := 111.32 * math.Cos(lat0*math.Pi/180) // km per degree of longitude
	const ky = 110.57
	var (
		radius float64
		near   []*geo.Commune
		scale  float64 // px per km
	)
	for _, r := range radii {
		radius, scale = r, mapW/2/r
		near = near[:0]
		dLon, dLat := r/kx, r*mapH/mapW/ky
		c0, c1 := cell(lon0-dLon, lat0-dLat), cell(lon0+dLon, lat0+dLat)
		for x := c0[0]; x <= c1[0]; x++ {
			for y := c0[1]; y <= c1[1]; y++ {
				for _, c := range m.cells[[2]int{x, y}] {
					if math.Abs(c.Point.Lon()-lon0) < dLon*0.9 && math.Abs(c.Point.Lat()-lat0) < dLat*0.85 {
						near = append(near, c)
					}
				}
			}
		}
		if len(near) >= 3 {
			break
		}
	}
	slices.SortFunc(near, func(a, b *geo.Commune) int {
		if a.Population != b.Population {
			return b.Population - a.Population
		}
		return strings.Compare(a.Code, b.Code)
	})
	px := func(lon, lat float64) (float64, float64) {
		return mapW/2 + (lon-lon0)*kx*scale, mapH/2 - (lat-lat0)*ky*scale
	}
	var b strings.Builder
	names := make([]string, 0, mapLabels)
	taken := []placed{{mapW / 2, mapH/2 - 20, ""}, {60, mapH - 30, ""}} // the venue's own label, the scale bar
	for _, c := range near {
		if len(names) == mapLabels {
			break
		}
		x, y := px(c.Point.Lon(), c.Point.Lat())
		if slices.ContainsFunc(taken, func(p placed) bool { return math.Abs(p.x-x) < 130 && math.Abs(p.y-y) < 30 }) {
			continue
		}
		taken = append(taken, placed{x, y, c.Nom})
		names = append(names, c.Nom)
		anchor, dx := "start", 8.0
		if x > mapW*0.7 {
			anchor, dx = "end", -8
		}
		fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="4" class="minimap__town"/><text x="%.1f" y="%.1f" text-anchor="%s" class="minimap__label">%s</text>`,
			x, y, x+dx, y+5, anchor, template.HTMLEscapeString(c.Nom))
	}
	// scale bar: 1 km, or 2 km, 5 km on larger plans
	barKm := map[float64]float64{2: 1, 4: 1, 8: 2, 16: 5}[radius]
	barPx := barKm * scale
	desc := fmt.Sprintf("Plan de situation : %s, %s %s", v.Nom, v.Adresse, v.Commune)
	if len(names) > 0 {
		desc += ", près de " + strings.Join(names, ", ")
	}
	var out strings.Builder
	fmt.Fprintf(&out, `<svg class="minimap" viewBox="0 0 %d %d" role="img" aria-label="%s" data-lon0="%.6f" data-lat0="%.6f" data-kx="%.4f" data-ky="%.2f" data-scale="%.4f">`,
		mapW, mapH, template.HTMLEscapeString(desc), lon0, lat0, kx, ky, scale)
	fmt.Fprintf(&out, `<rect x="1" y="1" width="%d" height="%d" class="minimap__frame"/>`, mapW-2, mapH-2)
	out.WriteString(b.String())
	fmt.Fprintf(&out, `<circle cx="%d" cy="%d" r="11" class="minimap__venue"/><circle cx="%d" cy="%d" r="4" class="minimap__venue-dot"/>`, mapW/2, mapH/2, mapW/2, mapH/2)
	fmt.Fprintf(&out, `<text x="%d" y="%d" text-anchor="middle" class="minimap__label minimap__label--venue">Le lieu</text>`, mapW/2, mapH/2-18)
	fmt.Fprintf(&out, `<g class="minimap__scale"><line x1="16" y1="%d" x2="%.1f" y2="%d"/><line x1="16" y1="%d" x2="16" y2="%d"/><line x1="%.1f" y1="%d" x2="%.1f" y2="%d"/><text x="16" y="%d" class="minimap__label">%s km</text></g>`,
		mapH-16, 16+barPx, mapH-16, mapH-22, mapH-10, 16+barPx, mapH-22, 16+barPx, mapH-10, mapH-28, strings.TrimSuffix(fmt.Sprintf("%g", barKm), ".0"))
	fmt.Fprintf(&out, `<text x="%d" y="24" text-anchor="end" class="minimap__label">N ↑</text>`, mapW-14)
	out.WriteString(`</svg>`)
	return template.HTML(out.String()) // #nosec: built here, names escaped
}
