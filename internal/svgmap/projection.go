// Package svgmap draws small static maps of France as SVG, with no tiles and
// no JavaScript: the départements (outlines from internal/geo), venues as
// dots, and départements as links. It is the no-JavaScript twin of the
// interactive map and the locator of venue pages.
//
// Coordinates go through a Projection (Lambert-93 parameters for mainland
// France, an equirectangular one for the small overseas départements), then a
// Frame fits the projected shape into a rectangle of the drawing. Output is
// deterministic: numbers are rounded to 0.1 unit of the viewBox and
// iteration follows the order of the inputs.
package svgmap

import (
	"math"

	"github.com/paulmach/orb"
)

// Projection turns longitude/latitude (degrees) into plane coordinates, with
// y growing northwards; the unit is arbitrary (a Frame scales it).
type Projection interface {
	Forward(p orb.Point) orb.Point
}

// LambertConic is a spherical Lambert conformal conic projection with two
// standard parallels.
type LambertConic struct {
	n, f, rho0, lon0 float64
}

// NewLambertConic builds the projection (all angles in degrees).
func NewLambertConic(lat1, lat2, lat0, lon0 float64) *LambertConic {
	r := math.Pi / 180
	p1, p2 := lat1*r, lat2*r
	t := func(phi float64) float64 { return math.Tan(math.Pi/4 + phi/2) }
	var n float64
	if lat1 == lat2 {
		n = math.Sin(p1)
	} else {
		n = math.Log(math.Cos(p1)/math.Cos(p2)) / math.Log(t(p2)/t(p1))
	}
	f := math.Cos(p1) * math.Pow(t(p1), n) / n
	return &LambertConic{n: n, f: f, rho0: f / math.Pow(t(lat0*r), n), lon0: lon0 * r}
}

// Lambert93 has the parameters of France's official projection (RGF93 /
// Lambert-93: parallels 44° and 49°, origin 46.5° N 3° E), on a sphere: the
// shape of mainland France people know from every official map.
var Lambert93 = NewLambertConic(44, 49, 46.5, 3)

// Forward projects p.
func (l *LambertConic) Forward(p orb.Point) orb.Point {
	r := math.Pi / 180
	rho := l.f / math.Pow(math.Tan(math.Pi/4+p.Lat()*r/2), l.n)
	theta := l.n * (p.Lon()*r - l.lon0)
	return orb.Point{rho * math.Sin(theta), l.rho0 - rho*math.Cos(theta)}
}

// Equirect is an equirectangular projection true at latitude Lat0: enough
// for an island of a few dozen kilometres.
type Equirect struct{ Lat0 float64 }

// Forward projects p.
func (e Equirect) Forward(p orb.Point) orb.Point {
	return orb.Point{p.Lon() * math.Cos(e.Lat0*math.Pi/180), p.Lat()}
}

// Frame places projected shapes into a rectangle of the drawing, keeping
// their proportions, centred, with y growing downwards as SVG wants.
type Frame struct {
	Proj       Projection
	X, Y, W, H float64 // the rectangle, in viewBox units
	scale      float64
	cx, cy     float64 // projected centre
}

// Fit returns a frame of width w whose height follows the shape of pts
// (between minH and maxH), with pad units of margin on every side.
func Fit(proj Projection, pts []orb.Point, x, y, w, minH, maxH, pad float64) *Frame {
	b := projectedBound(proj, pts)
	bw, bh := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
	if bw <= 0 {
		bw = 1e-9
	}
	if bh <= 0 {
		bh = 1e-9
	}
	h := math.Max(minH, math.Min(maxH, (w-2*pad)*bh/bw+2*pad))
	return FitInto(proj, pts, x, y, w, h, pad)
}

// FitInto fits pts into the rectangle x, y, w, h with pad units of margin.
func FitInto(proj Projection, pts []orb.Point, x, y, w, h, pad float64) *Frame {
	b := projectedBound(proj, pts)
	bw, bh := math.Max(b.Max[0]-b.Min[0], 1e-9), math.Max(b.Max[1]-b.Min[1], 1e-9)
	s := math.Min((w-2*pad)/bw, (h-2*pad)/bh)
	c := b.Center()
	return &Frame{Proj: proj, X: x, Y: y, W: w, H: h, scale: s, cx: c[0], cy: c[1]}
}

func projectedBound(proj Projection, pts []orb.Point) orb.Bound {
	b := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	for _, p := range pts {
		q := proj.Forward(p)
		b = b.Extend(q)
	}
	if math.IsInf(b.Min[0], 0) {
		return orb.Bound{}
	}
	return b
}

// XY is the position of p in the drawing.
func (f *Frame) XY(p orb.Point) (x, y float64) {
	q := f.Proj.Forward(p)
	return f.X + f.W/2 + (q[0]-f.cx)*f.scale, f.Y + f.H/2 - (q[1]-f.cy)*f.scale
}

// Contains reports whether the drawing position of p falls inside the frame.
func (f *Frame) Contains(p orb.Point) bool {
	x, y := f.XY(p)
	return x >= f.X && x <= f.X+f.W && y >= f.Y && y <= f.Y+f.H
}

// points lists every vertex of the outer rings of mp.
func points(mp orb.MultiPolygon) []orb.Point {
	var out []orb.Point
	for _, poly := range mp {
		if len(poly) > 0 {
			out = append(out, poly[0]...)
		}
	}
	return out
}
