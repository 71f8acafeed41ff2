package orientpages

import (
	"html/template"
	"math"
	"slices"
	"strconv"
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
	// The towns' dots, then their names above them: plain elements in
	// groups that carry the style, for a short plan (one per fiche).
	var dots, labels htmlBuf
	dots.b = make([]byte, 0, 256)
	labels.b = make([]byte, 0, 512)
	names := make([]string, 0, mapLabels)
	taken := make([]placed, 2, 2+mapLabels)
	taken[0], taken[1] = placed{mapW / 2, mapH/2 - 20, ""}, placed{60, mapH - 30, ""} // the venue's own label, the scale bar
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
		ix, iy := int(math.Round(x)), int(math.Round(y))
		dots.raw(`<circle cx="`)
		dots.int(ix)
		dots.raw(`" cy="`)
		dots.int(iy)
		dots.raw(`" r="4"/>`)
		labels.raw(`<text x="`)
		if x > mapW*0.7 {
			labels.int(ix - 8)
			labels.raw(`" text-anchor="end`)
		} else {
			labels.int(ix + 8)
		}
		labels.raw(`" y="`)
		labels.int(iy + 5)
		labels.raw(`">`)
		labels.text(c.Nom)
		labels.raw(`</text>`)
	}
	// scale bar: 1 km, or 2 km, 5 km on larger plans
	barKm := 1
	switch radius {
	case 8:
		barKm = 2
	case 16:
		barKm = 5
	}
	barEnd := int(math.Round(16 + float64(barKm)*scale))

	// The numbers written out below are for a plan of mapW × mapH = 480 × 270.
	b := htmlBuf{b: make([]byte, 0, 1200+len(dots.b)+len(labels.b))}
	b.raw(`<svg class="minimap" viewBox="0 0 480 270" role="img" aria-label="Plan de situation : `)
	b.text(v.Nom)
	b.raw(", ")
	b.text(v.Adresse)
	b.raw(" ")
	b.text(v.Commune)
	for i, n := range names {
		if i == 0 {
			b.raw(", près de ")
		} else {
			b.raw(", ")
		}
		b.text(n)
	}
	b.raw(`" data-lon0="`)
	b.b = strconv.AppendFloat(b.b, lon0, 'f', 6, 64)
	b.raw(`" data-lat0="`)
	b.b = strconv.AppendFloat(b.b, lat0, 'f', 6, 64)
	b.raw(`" data-kx="`)
	b.b = strconv.AppendFloat(b.b, kx, 'f', 4, 64)
	b.raw(`" data-ky="110.57" data-scale="`)
	b.b = strconv.AppendFloat(b.b, scale, 'f', 4, 64)
	b.raw(`"><rect x="1" y="1" width="478" height="268" class="minimap__frame"/><g class="minimap__towns">`)
	b.b = append(b.b, dots.b...)
	b.raw(`</g><g class="minimap__label">`)
	b.b = append(b.b, labels.b...)
	b.raw(`<text x="16" y="242">`)
	b.int(barKm)
	b.raw(` km</text><text x="466" y="24" text-anchor="end">N ↑</text></g><path d="M16 254H`)
	b.int(barEnd)
	b.raw(`M16 248v12M`)
	b.int(barEnd)
	b.raw(` 248v12" class="minimap__scale"/><circle cx="240" cy="135" r="11" class="minimap__venue"/><circle cx="240" cy="135" r="4" class="minimap__venue-dot"/>` +
		`<text x="240" y="117" text-anchor="middle" class="minimap__label minimap__label--venue">Le lieu</text></svg>`)
	return b.html()
}
