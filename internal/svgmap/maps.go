package svgmap

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"labo/internal/geo"
)

// Area is a département to draw as a subject of the map.
type Area struct {
	Code  string // département code
	Label string // accessible name, e.g. "Puy-de-Dôme : 12 lieux"; also its tooltip
	URL   string // link target; "" draws the area without a link
}

// Options name a map for assistive technologies.
type Options struct {
	ID    string // prefix of the ids inside the drawing, unique in the page
	Title string // accessible name of the map
	Desc  string // one sentence saying what the map shows (optional)
	Class string // extra class on the <svg> element
}

// Colours, as presentation attributes so the drawing reads without any style
// sheet (and inside <img>); pages may restyle through the classes.
const (
	colBackground = "#eef1f6"
	colContext    = "#dcdfe6"
	colArea       = "#ffffff"
	colLink       = "#cfe0f5"
	colBorder     = "#5c5c6e"
	colDot        = "#9a3412"
	colText       = "#1a1a2e"
	fontFamily    = "'Atkinson Hyperlegible', system-ui, sans-serif"
)

// overseas are the départements drawn in insets under mainland France.
var overseas = []string{"971", "972", "973", "974", "976"}

// isOverseas reports whether a département code is outside mainland France.
func isOverseas(code string) bool {
	return strings.HasPrefix(code, "97") || strings.HasPrefix(code, "98")
}

// ProjectionFor returns the projection that suits a département.
func ProjectionFor(code string) Projection {
	if !isOverseas(code) {
		return Lambert93
	}
	if mp := geo.Outline(code); mp != nil {
		return Equirect{Lat0: mp.Bound().Center().Lat()}
	}
	return Equirect{}
}

type writer struct {
	bytes.Buffer
}

func (w *writer) open(o Options, width, height float64, role string) {
	class := "svgmap"
	if o.Class != "" {
		class += " " + o.Class
	}
	fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" class="%s" font-family="%s"`, svgNum(width), svgNum(height), attr(class), fontFamily)
	if role != "" {
		fmt.Fprintf(w, ` role="%s"`, role)
	}
	labelled := o.ID + "-titre"
	if o.Desc != "" {
		labelled += " " + o.ID + "-desc"
	}
	fmt.Fprintf(w, ` aria-labelledby="%s">`, labelled)
	fmt.Fprintf(w, "\n<title id=\"%s-titre\">%s</title>", o.ID, attr(o.Title))
	if o.Desc != "" {
		fmt.Fprintf(w, "\n<desc id=\"%s-desc\">%s</desc>", o.ID, attr(o.Desc))
	}
	fmt.Fprintf(w, "\n<rect class=\"svgmap__fond\" width=\"%s\" height=\"%s\" fill=\"%s\"/>", svgNum(width), svgNum(height), colBackground)
}

// area draws one subject département, as a link when it has a URL.
func (w *writer) area(f *Frame, a Area, tol float64) {
	d := f.Path(geo.Outline(a.Code), tol)
	if d == "" {
		return
	}
	if a.URL == "" {
		fmt.Fprintf(w, "\n<path class=\"svgmap__zone\" d=\"%s\" fill=\"%s\" stroke=\"%s\" stroke-width=\"0.8\" stroke-linejoin=\"round\"><title>%s</title></path>",
			d, colArea, colBorder, attr(a.Label))
		return
	}
	fmt.Fprintf(w, "\n<a class=\"svgmap__lien\" href=\"%s\" aria-label=\"%s\"><path d=\"%s\" fill=\"%s\" stroke=\"%s\" stroke-width=\"0.8\" stroke-linejoin=\"round\"><title>%s</title></path></a>",
		attr(a.URL), attr(a.Label), d, colLink, colBorder, attr(a.Label))
}

// context draws départements around the subject, quiet and hidden from
// assistive technologies.
func (w *writer) context(f *Frame, skip map[string]bool, tol float64) {
	var b bytes.Buffer
	for _, d := range geo.Departements() {
		mp := geo.Outline(d.Code)
		if skip[d.Code] || mp == nil || isOverseas(d.Code) != isOverseasProj(f) || !f.overlapsDept(d.Code) {
			continue
		}
		b.WriteString(f.Path(mp, tol))
	}
	if b.Len() > 0 {
		fmt.Fprintf(w, "\n<path class=\"svgmap__autour\" aria-hidden=\"true\" d=\"%s\" fill=\"%s\" stroke=\"#ffffff\" stroke-width=\"1\" stroke-linejoin=\"round\"/>", b.String(), colContext)
	}
}

func isOverseasProj(f *Frame) bool { _, ok := f.Proj.(Equirect); return ok }

func (w *writer) dots(f *Frame, pts []orb.Point, size float64) {
	if d := f.Dots(pts); d != "" {
		fmt.Fprintf(w, "\n<path class=\"svgmap__points\" aria-hidden=\"true\" d=\"%s\" stroke=\"%s\" stroke-width=\"%s\" stroke-linecap=\"round\" fill=\"none\"/>", d, colDot, svgNum(size))
	}
}

func (w *writer) label(x, y float64, text string, size float64) {
	fmt.Fprintf(w, "\n<text class=\"svgmap__nom\" aria-hidden=\"true\" x=\"%s\" y=\"%s\" font-size=\"%s\" text-anchor=\"middle\" fill=\"%s\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\" stroke-linejoin=\"round\">%s</text>",
		svgNum(x), svgNum(y), svgNum(size), colText, attr(text))
}

func (w *writer) close() []byte {
	w.WriteString("\n</svg>\n")
	return w.Bytes()
}

// mainland lists the outline points of mainland France, for fitting.
func mainland() []orb.Point {
	var pts []orb.Point
	for _, d := range geo.Departements() {
		if !isOverseas(d.Code) {
			pts = append(pts, points(geo.Outline(d.Code))...)
		}
	}
	return pts
}

// France draws mainland France with the five overseas départements in
// insets below it. Every département is drawn; those in areas are subjects
// (links when they have a URL, in code order of the input). dots are venues.
func France(areas []Area, dots []orb.Point, o Options) []byte {
	const width, mainH, insetH, gap = 600.0, 580.0, 112.0, 8.0
	height := mainH + gap + insetH
	var w writer
	w.open(o, width, height, "")
	subject := map[string]Area{}
	for _, a := range areas {
		subject[a.Code] = a
	}
	main := FitInto(Lambert93, mainland(), 0, 0, width, mainH, 6)
	frames := []*Frame{main}
	codes := [][]string{nil}
	for _, d := range geo.Departements() {
		if !isOverseas(d.Code) {
			codes[0] = append(codes[0], d.Code)
		}
	}
	insetW := (width - gap*float64(len(overseas)-1)) / float64(len(overseas))
	for i, code := range overseas {
		x := float64(i) * (insetW + gap)
		frames = append(frames, FitInto(ProjectionFor(code), points(geo.Outline(code)), x, mainH+gap, insetW, insetH, 8))
		codes = append(codes, []string{code})
		fmt.Fprintf(&w, "\n<rect class=\"svgmap__encart\" aria-hidden=\"true\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"0.8\"/>",
			svgNum(x+0.5), svgNum(mainH+gap+0.5), svgNum(insetW-1), svgNum(insetH-1), colBorder)
	}
	for i, f := range frames {
		var quiet bytes.Buffer
		for _, code := range codes[i] {
			if _, ok := subject[code]; !ok {
				quiet.WriteString(f.Path(geo.Outline(code), 0.6))
			}
		}
		if quiet.Len() > 0 {
			fmt.Fprintf(&w, "\n<path class=\"svgmap__autour\" aria-hidden=\"true\" d=\"%s\" fill=\"%s\" stroke=\"#ffffff\" stroke-width=\"0.8\" stroke-linejoin=\"round\"/>", quiet.String(), colContext)
		}
		for _, a := range areas {
			if contains(codes[i], a.Code) {
				w.area(f, a, 0.6)
			}
		}
		w.dots(f, dots, 4)
		if i > 0 {
			d := geo.DepartementByCode(codes[i][0])
			w.label(f.X+f.W/2, f.Y+f.H-6, d.Nom, 11)
		}
	}
	return w.close()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Local draws the subject départements fitted into a drawing of the given
// width, the départements around them as quiet context, venues as dots and,
// when labels is set, the subjects' names.
func Local(areas []Area, dots []orb.Point, o Options, width float64, labels bool) []byte {
	if len(areas) == 0 {
		return nil
	}
	proj := ProjectionFor(areas[0].Code)
	var pts []orb.Point
	skip := map[string]bool{}
	for _, a := range areas {
		pts = append(pts, points(geo.Outline(a.Code))...)
		skip[a.Code] = true
	}
	f := Fit(proj, pts, 0, 0, width, width*0.5, width*1.1, 14)
	var w writer
	w.open(o, f.W, f.H, "")
	w.context(f, skip, 0.5)
	for _, a := range areas {
		w.area(f, a, 0.5)
	}
	w.dots(f, dots, 6)
	if labels {
		for _, a := range areas {
			if c, ok := labelPoint(geo.Outline(a.Code)); ok {
				x, y := f.XY(c)
				w.label(x, y, geo.DepartementByCode(a.Code).Nom, 13)
			}
		}
	}
	return w.close()
}

// labelPoint is the centroid of the largest polygon of mp.
func labelPoint(mp orb.MultiPolygon) (orb.Point, bool) {
	best, area := orb.Point{}, 0.0
	for _, poly := range mp {
		c, a := planar.CentroidArea(poly)
		if a = math.Abs(a); a > area {
			best, area = c, a
		}
	}
	return best, area > 0
}

var locatorFrames sync.Map // département code → *Frame

// locatorFrame is the frame shared by a locator's background and its dot,
// computed once per département (every venue page of a site asks for it).
func locatorFrame(code string) *Frame {
	if f, ok := locatorFrames.Load(code); ok {
		return f.(*Frame)
	}
	f := Fit(ProjectionFor(code), points(geo.Outline(code)), 0, 0, 240, 150, 240, 10)
	locatorFrames.Store(code, f)
	return f
}

// LocatorBackground is a standalone SVG file: a département and the ones
// around it, drawn for Locator. It is the same for every venue of the
// département, so pages reference it instead of repeating it.
func LocatorBackground(code string) []byte {
	mp := geo.Outline(code)
	if mp == nil {
		return nil
	}
	f := locatorFrame(code)
	var w writer
	fmt.Fprintf(&w, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" width="%s" height="%s">`, svgNum(f.W), svgNum(f.H), svgNum(f.W), svgNum(f.H))
	fmt.Fprintf(&w, "\n<rect width=\"%s\" height=\"%s\" fill=\"%s\"/>", svgNum(f.W), svgNum(f.H), colBackground)
	w.context(f, map[string]bool{code: true}, 0.5)
	fmt.Fprintf(&w, "\n<path d=\"%s\" fill=\"%s\" stroke=\"%s\" stroke-width=\"1\" stroke-linejoin=\"round\"/>", f.Path(mp, 0.5), colArea, colBorder)
	return w.close()
}

// Locator is a small inline SVG: the background at href (LocatorBackground
// of the département) with a marker at p. It returns nil when the
// département has no outline.
func Locator(code string, p orb.Point, href string, o Options) []byte {
	if geo.Outline(code) == nil {
		return nil
	}
	f := locatorFrame(code)
	x, y := f.XY(p)
	var w writer
	fmt.Fprintf(&w, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" class="svgmap svgmap--situation" role="img" aria-labelledby="%s-titre">`, svgNum(f.W), svgNum(f.H), o.ID)
	fmt.Fprintf(&w, "\n<title id=\"%s-titre\">%s</title>", o.ID, attr(o.Title))
	fmt.Fprintf(&w, "\n<image href=\"%s\" width=\"%s\" height=\"%s\"/>", attr(href), svgNum(f.W), svgNum(f.H))
	fmt.Fprintf(&w, "\n<circle cx=\"%s\" cy=\"%s\" r=\"11\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>", svgNum(x), svgNum(y), colDot)
	fmt.Fprintf(&w, "\n<circle cx=\"%s\" cy=\"%s\" r=\"5\" fill=\"%s\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>", svgNum(x), svgNum(y), colDot)
	return w.close()
}

type boundKey struct {
	proj Projection
	code string
}

var projectedBounds sync.Map // boundKey → orb.Bound

// overlapsDept is Overlaps for a département's outline, with its projected
// bounding box computed once per projection: a frame only scales and
// shifts projected coordinates, so the box maps to the drawing exactly.
func (f *Frame) overlapsDept(code string) bool {
	k := boundKey{f.Proj, code}
	v, ok := projectedBounds.Load(k)
	if !ok {
		v = projectedBound(f.Proj, points(geo.Outline(code)))
		projectedBounds.Store(k, v)
	}
	b := v.(orb.Bound)
	x0 := f.X + f.W/2 + (b.Min[0]-f.cx)*f.scale
	x1 := f.X + f.W/2 + (b.Max[0]-f.cx)*f.scale
	y0 := f.Y + f.H/2 - (b.Max[1]-f.cy)*f.scale
	y1 := f.Y + f.H/2 - (b.Min[1]-f.cy)*f.scale
	return x1 >= f.X && x0 <= f.X+f.W && y1 >= f.Y && y0 <= f.Y+f.H
}
