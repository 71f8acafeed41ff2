package svgmap

import (
	"bytes"
	"html"
	"math"
	"slices"
	"strconv"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/simplify"
)

// tenths rounds a drawing coordinate to an integer number of tenths.
func tenths(v float64) int { return int(math.Round(v * 10)) }

// num writes a number of tenths in the shortest SVG form: 12.3, 12, -0.5.
func num(b *bytes.Buffer, t int) {
	if t < 0 {
		b.WriteByte('-')
		t = -t
	}
	b.WriteString(strconv.Itoa(t / 10))
	if d := t % 10; d != 0 {
		b.WriteByte('.')
		b.WriteByte(byte('0' + d))
	}
}

// pair writes "x y" (or "x-y": a minus sign separates numbers in SVG paths).
func pair(b *bytes.Buffer, x, y int) {
	num(b, x)
	if y >= 0 {
		b.WriteByte(' ')
	}
	num(b, y)
}

// Path returns the SVG path data of mp in the frame: every ring simplified
// with a tolerance of tol drawing units, rounded to tenths, written with
// relative moves. Rings that shrink below three points vanish.
func (f *Frame) Path(mp orb.MultiPolygon, tol float64) string {
	var b bytes.Buffer
	dp := simplify.DouglasPeucker(tol)
	for _, poly := range mp {
		for _, ring := range poly {
			ls := make(orb.LineString, 0, len(ring))
			for _, p := range ring {
				x, y := f.XY(p)
				ls = append(ls, orb.Point{x, y})
			}
			if tol > 0 {
				ls = dp.LineString(ls)
			}
			pts := make([][2]int, 0, len(ls))
			for _, p := range ls {
				q := [2]int{tenths(p[0]), tenths(p[1])}
				if len(pts) == 0 || pts[len(pts)-1] != q {
					pts = append(pts, q)
				}
			}
			if len(pts) > 1 && pts[0] == pts[len(pts)-1] {
				pts = pts[:len(pts)-1] // z closes the ring
			}
			if len(pts) < 3 {
				continue
			}
			b.WriteByte('M')
			pair(&b, pts[0][0], pts[0][1])
			b.WriteByte('l')
			for i := 1; i < len(pts); i++ {
				if i > 1 && pts[i][0]-pts[i-1][0] >= 0 {
					b.WriteByte(' ')
				}
				pair(&b, pts[i][0]-pts[i-1][0], pts[i][1]-pts[i-1][1])
			}
			b.WriteByte('z')
		}
	}
	return b.String()
}

// Dots returns path data drawing one dot per distinct position of pts (on a
// grid of half a unit), meant for a stroke with round caps: "M x y h0" per
// dot, with relative moves, sorted top to bottom, so that thousands of
// venues cost a few bytes each. Points outside the frame are left out.
func (f *Frame) Dots(pts []orb.Point) string {
	var cells [][2]int
	for _, p := range pts {
		if !f.Contains(p) {
			continue
		}
		x, y := f.XY(p)
		cells = append(cells, [2]int{int(math.Round(x*2)) * 5, int(math.Round(y*2)) * 5})
	}
	slices.SortFunc(cells, func(a, b [2]int) int {
		if a[1] != b[1] {
			return a[1] - b[1]
		}
		return a[0] - b[0]
	})
	cells = slices.Compact(cells)
	var b bytes.Buffer
	for i, c := range cells {
		if i == 0 {
			b.WriteByte('M')
			pair(&b, c[0], c[1])
		} else {
			b.WriteByte('m')
			pair(&b, c[0]-cells[i-1][0], c[1]-cells[i-1][1])
		}
		b.WriteString("h0")
	}
	return b.String()
}

// attr escapes text for an XML attribute or text node.
func attr(s string) string { return html.EscapeString(s) }

// svgNum formats a float for an attribute, to one decimal.
func svgNum(v float64) string {
	var b bytes.Buffer
	num(&b, tenths(v))
	return b.String()
}
