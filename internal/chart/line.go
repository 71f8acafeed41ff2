package chart

import (
	"html/template"
	"math"
)

// Lines is a line chart over time: one series per line, a value per
// period. A secret or empty point breaks the line; secret periods get a
// hatched mark on the axis.
type Lines struct {
	ID, Title, Desc string
	Periods         []string // labels of the x axis, in order
	Series          []LineSeries
	Unit            string // e.g. "personnes", shown on the y axis
}

// LineSeries is one line.
type LineSeries struct {
	Name   string
	Points []Point // one per period
}

// Point is one value of a series.
type Point struct {
	Value  float64
	Secret bool
	Empty  bool // no value for this period (outside the action)
}

// SVG draws the chart with a legend above it when there are several series.
func (c Lines) SVG() template.HTML {
	const (
		width  = 640.0
		plotH  = 220.0
		left   = 52.0
		right  = 16.0
		bottom = 56.0
	)
	legend := 0.0
	if len(c.Series) > 1 {
		legend = 26 * float64((len(c.Series)+1)/2)
	}
	top := 30 + legend
	h := top + plotH + bottom
	cv := newCanvas(c.ID, width, h, c.Title, c.Desc)
	cv.defs(nil)
	max := 0.0
	for _, s := range c.Series {
		for _, p := range s.Points {
			if !p.Secret && !p.Empty {
				max = math.Max(max, p.Value)
			}
		}
	}
	yMax, step := niceMax(max)
	n := len(c.Periods)
	plotW := width - left - right
	xAt := func(i int) float64 {
		if n <= 1 {
			return left + plotW/2
		}
		return left + plotW*float64(i)/float64(n-1)
	}
	yAt := func(v float64) float64 { return top + plotH - plotH*v/yMax }
	for v := 0.0; v <= yMax+step/2; v += step {
		y := yAt(v)
		cv.line(left, y, width-right, y, grid, 1, "")
		cv.text(left-6, y+4, "end", "chart__axis", formatAxis(v))
	}
	// X labels: every k-th period so that they do not overlap, and the last
	// one (in place of the previous label when that one is too close).
	every := max1(int(math.Ceil(float64(n) * 92 / plotW)))
	var shown []int
	for i := 0; i < n; i += every {
		shown = append(shown, i)
	}
	if n > 0 && shown[len(shown)-1] != n-1 {
		if len(shown) > 1 && n-1-shown[len(shown)-1] < every {
			shown = shown[:len(shown)-1]
		}
		shown = append(shown, n-1)
	}
	for _, i := range shown {
		anchor := "middle"
		switch {
		case n > 1 && i == 0:
			anchor = "start"
		case n > 1 && i == n-1:
			anchor = "end"
		}
		cv.text(xAt(i), top+plotH+20, anchor, "chart__axis", c.Periods[i])
	}
	if c.Unit != "" {
		cv.text(left, top-12, "", "chart__axis", c.Unit)
	}
	// Secret periods: a hatched mark under the axis.
	for i := range c.Periods {
		for _, s := range c.Series {
			if i < len(s.Points) && s.Points[i].Secret {
				cv.rect(xAt(i)-6, top+plotH+28, 12, 10, cv.secretFill(), secretInk)
				break
			}
		}
	}
	for si, s := range c.Series {
		st := StyleOf(si)
		var path []byte
		open := false
		for i, p := range s.Points {
			if p.Secret || p.Empty {
				open = false
				continue
			}
			cmd := " L"
			if !open {
				cmd = " M"
			}
			path = append(path, cmd+num(xAt(i))+" "+num(yAt(p.Value))...)
			open = true
		}
		if len(path) > 0 {
			cv.b.WriteString(`<path d="` + string(path[1:]) + `" fill="none" stroke="` + st.Fill + `" stroke-width="3"`)
			if st.Dash != "" && si > 0 {
				cv.b.WriteString(` stroke-dasharray="` + st.Dash + `"`)
			}
			cv.b.WriteString("/>")
		}
		for i, p := range s.Points {
			if !p.Secret && !p.Empty {
				cv.marker(st.Marker, xAt(i), yAt(p.Value), st.Fill)
			}
		}
		if len(c.Series) > 1 {
			lx := 4 + float64(si%2)*(width/2)
			ly := 10 + float64(si/2)*26
			cv.line(lx, ly+6, lx+34, ly+6, st.Fill, 3, dashOf(st, si))
			cv.marker(st.Marker, lx+17, ly+6, st.Fill)
			cv.text(lx+42, ly+11, "", "chart__legend", s.Name)
		}
	}
	cv.line(left, top+plotH, width-right, top+plotH, muted, 1.5, "")
	return cv.html()
}

func dashOf(st Style, i int) string {
	if i == 0 {
		return ""
	}
	return st.Dash
}

func max1(i int) int {
	if i < 1 {
		return 1
	}
	return i
}

func formatAxis(v float64) string {
	if v == math.Trunc(v) {
		return groupThousands(int64(v))
	}
	return num(v)
}

// groupThousands writes 1200 as "1 200" (narrow no-break space).
func groupThousands(n int64) string {
	s := []byte{}
	digits := []byte(num(float64(n)))
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			s = append(s, "\u202f"...)
		}
		s = append(s, d)
	}
	return string(s)
}
