package chart

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strconv"
	"strings"
)

// Style is a colour and a pattern: series are told apart by both, so that
// charts read in greyscale, in print and for colour-blind readers.
type Style struct {
	Fill    string // colour, at least 3:1 against white
	Pattern string // "", "diagonal", "dots", "cross", "horizontal", "vertical", "backslash"
	Mark    string // colour of the pattern's marks
	Dash    string // stroke-dasharray of lines
	Marker  string // "circle", "square", "triangle", "diamond"
}

// Styles are used in order for series and categories.
var Styles = []Style{
	{Fill: "#0b4f9c", Pattern: "", Mark: "#ffffff", Dash: "", Marker: "circle"},
	{Fill: "#9a3412", Pattern: "diagonal", Mark: "#ffffff", Dash: "8 4", Marker: "square"},
	{Fill: "#17613a", Pattern: "dots", Mark: "#ffffff", Dash: "2 3", Marker: "triangle"},
	{Fill: "#6b3fa0", Pattern: "cross", Mark: "#ffffff", Dash: "12 4 2 4", Marker: "diamond"},
	{Fill: "#7a5200", Pattern: "horizontal", Mark: "#ffffff", Dash: "4 4", Marker: "circle"},
	{Fill: "#0e6471", Pattern: "vertical", Mark: "#ffffff", Dash: "10 3 3 3", Marker: "square"},
	{Fill: "#5c5c6e", Pattern: "backslash", Mark: "#ffffff", Dash: "1 3", Marker: "triangle"},
}

// StyleOf returns the i-th style, cycling.
func StyleOf(i int) Style { return Styles[i%len(Styles)] }

// Colours of the chart furniture (STYLE.md).
const (
	ink       = "#1a1a2e"
	muted     = "#5c5c6e"
	grid      = "#c9cbd6"
	secretBg  = "#eceef4"
	secretInk = "#5c5c6e"
)

// SecretLabel is how a suppressed value reads in charts and tables.
const SecretLabel = "secret"

// canvas writes one SVG.
type canvas struct {
	b  strings.Builder
	id string
}

func newCanvas(id string, w, h float64, title, desc string) *canvas {
	c := &canvas{id: id}
	fmt.Fprintf(&c.b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="%s" viewBox="0 0 %s %s" role="img" aria-labelledby="%s-titre %s-desc" font-family="inherit">`,
		esc(id), num(w), num(h), esc(id), esc(id))
	fmt.Fprintf(&c.b, `<title id="%s-titre">%s</title><desc id="%s-desc">%s</desc>`, esc(id), esc(title), esc(id), esc(desc))
	return c
}

// defs declares the patterns of the styles used and of secret values.
func (c *canvas) defs(styles []Style) {
	c.b.WriteString("<defs>")
	for i, s := range styles {
		if s.Pattern == "" {
			continue
		}
		fmt.Fprintf(&c.b, `<pattern id="%s-p%d" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="%s"/>%s</pattern>`,
			esc(c.id), i, s.Fill, marks(s.Pattern, s.Mark))
	}
	fmt.Fprintf(&c.b, `<pattern id="%s-secret" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="%s"/>%s</pattern>`,
		esc(c.id), secretBg, marks("diagonal", secretInk))
	c.b.WriteString("</defs>")
}

func marks(pattern, colour string) string {
	line := func(x1, y1, x2, y2 float64) string {
		return fmt.Sprintf(`<path d="M%s %s L%s %s" stroke="%s" stroke-width="1.5"/>`, num(x1), num(y1), num(x2), num(y2), colour)
	}
	switch pattern {
	case "diagonal":
		return line(-1, 9, 9, -1) + line(-1, 1, 1, -1) + line(7, 9, 9, 7)
	case "backslash":
		return line(-1, -1, 9, 9) + line(7, -1, 9, 1) + line(-1, 7, 1, 9)
	case "cross":
		return line(0, 4, 8, 4) + line(4, 0, 4, 8)
	case "horizontal":
		return line(0, 4, 8, 4)
	case "vertical":
		return line(4, 0, 4, 8)
	case "dots":
		return fmt.Sprintf(`<circle cx="4" cy="4" r="1.6" fill="%s"/>`, colour)
	}
	return ""
}

// fill is the paint of style i of a chart.
func (c *canvas) fill(styles []Style, i int) string {
	if styles[i].Pattern == "" {
		return styles[i].Fill
	}
	return fmt.Sprintf("url(#%s-p%d)", c.id, i)
}

func (c *canvas) secretFill() string { return "url(#" + c.id + "-secret)" }

func (c *canvas) text(x, y float64, anchor, class, s string) {
	a := ""
	if anchor != "" && anchor != "start" {
		a = ` text-anchor="` + anchor + `"`
	}
	cl := ""
	if class != "" {
		cl = ` class="` + class + `"`
	}
	// Sizes and colours are attributes, so that the SVG reads the same
	// inline or on its own; the site's CSS may refine them.
	look := textLooks[class]
	if look == "" {
		look = textLooks[""]
	}
	fmt.Fprintf(&c.b, `<text x="%s" y="%s"%s%s %s>%s</text>`, num(x), num(y), a, cl, look, esc(s))
}

var textLooks = map[string]string{
	"":                           `font-size="15" fill="` + ink + `"`,
	"chart__label":               `font-size="15" fill="` + ink + `"`,
	"chart__value":               `font-size="15" font-weight="700" fill="` + ink + `"`,
	"chart__value chart__secret": `font-size="15" font-style="italic" fill="` + secretInk + `"`,
	"chart__inbar":               `font-size="14" font-weight="700" fill="#ffffff"`,
	"chart__legend":              `font-size="14" fill="` + ink + `"`,
	"chart__axis":                `font-size="13" fill="` + muted + `"`,
	"chart__map-label":           `font-size="12" font-weight="700" fill="` + ink + `"`,
}

func (c *canvas) rect(x, y, w, h float64, fill, stroke string) {
	s := ""
	if stroke != "" {
		s = ` stroke="` + stroke + `"`
	}
	fmt.Fprintf(&c.b, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"%s/>`, num(x), num(y), num(w), num(h), fill, s)
}

func (c *canvas) line(x1, y1, x2, y2 float64, stroke string, width float64, dash string) {
	d := ""
	if dash != "" {
		d = ` stroke-dasharray="` + dash + `"`
	}
	fmt.Fprintf(&c.b, `<path d="M%s %s L%s %s" stroke="%s" stroke-width="%s"%s/>`, num(x1), num(y1), num(x2), num(y2), stroke, num(width), d)
}

// marker draws a point of a line series.
func (c *canvas) marker(shape string, x, y float64, fill string) {
	switch shape {
	case "square":
		fmt.Fprintf(&c.b, `<rect x="%s" y="%s" width="9" height="9" fill="%s" stroke="#ffffff"/>`, num(x-4.5), num(y-4.5), fill)
	case "triangle":
		fmt.Fprintf(&c.b, `<path d="M%s %s L%s %s L%s %s Z" fill="%s" stroke="#ffffff"/>`, num(x), num(y-6), num(x+5.5), num(y+4), num(x-5.5), num(y+4), fill)
	case "diamond":
		fmt.Fprintf(&c.b, `<path d="M%s %s L%s %s L%s %s L%s %s Z" fill="%s" stroke="#ffffff"/>`, num(x), num(y-6), num(x+6), num(y), num(x), num(y+6), num(x-6), num(y), fill)
	default:
		fmt.Fprintf(&c.b, `<circle cx="%s" cy="%s" r="5" fill="%s" stroke="#ffffff"/>`, num(x), num(y), fill)
	}
}

func (c *canvas) html() template.HTML {
	c.b.WriteString("</svg>")
	return template.HTML(c.b.String()) // #nosec: every text and attribute above is escaped
}

func esc(s string) string { return html.EscapeString(s) }

// num prints a coordinate with at most one decimal.
func num(f float64) string {
	f = math.Round(f*10) / 10
	if f == 0 {
		f = 0 // no "-0"
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// niceMax rounds a maximum up to 1, 2, 2.5 or 5 times a power of ten, and
// returns it with the step of four gridlines.
func niceMax(v float64) (top, step float64) {
	if v <= 0 {
		return 4, 1
	}
	raw := v / 4
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= raw {
			step = m * p
			break
		}
	}
	if step < 1 {
		step = 1
	}
	return step * 4, step
}
