package chart

import (
	"html/template"
	"math"
	"unicode/utf8"
)

// Bar is one bar: a label, a value and how to print it.
type Bar struct {
	Label  string
	Value  float64
	Text   string // the value as printed ("1 200", "62 %")
	Secret bool   // suppressed: drawn as a hatched mark, no size
}

// Bars is a horizontal bar chart, one style per bar when Styled (categories
// of a breakdown), or the first style for all.
type Bars struct {
	ID, Title, Desc string
	Bars            []Bar
	Max             float64 // scale maximum (100 for percentages); 0 for the largest value
	Styled          bool
}

// SVG draws the chart.
func (c Bars) SVG() template.HTML {
	const (
		width  = 640.0
		row    = 40.0
		barH   = 24.0
		top    = 8.0
		valueW = 90.0
	)
	labelW := 40.0
	for _, b := range c.Bars {
		labelW = math.Max(labelW, float64(utf8.RuneCountInString(b.Label))*8.2)
	}
	labelW = math.Min(labelW, 280)
	h := top*2 + row*float64(len(c.Bars))
	cv := newCanvas(c.ID, width, h, c.Title, c.Desc)
	styles := Styles[:1]
	if c.Styled {
		styles = make([]Style, len(c.Bars))
		for i := range styles {
			styles[i] = StyleOf(i)
		}
	}
	cv.defs(styles)
	max := c.Max
	for _, b := range c.Bars {
		if !b.Secret && b.Value > max {
			max = b.Value
		}
	}
	x0 := labelW + 12
	span := width - x0 - valueW
	cv.line(x0, top, x0, h-top, muted, 1, "")
	for i, b := range c.Bars {
		y := top + float64(i)*row
		cv.text(labelW, y+row/2+5, "end", "chart__label", b.Label)
		if b.Secret {
			cv.rect(x0, y+(row-barH)/2, 28, barH, cv.secretFill(), secretInk)
			cv.text(x0+36, y+row/2+5, "", "chart__value chart__secret", SecretLabel)
			continue
		}
		w := 0.0
		if max > 0 {
			w = span * b.Value / max
		}
		si := 0
		if c.Styled {
			si = i
		}
		if w > 0 {
			cv.rect(x0, y+(row-barH)/2, math.Max(w, 1.5), barH, cv.fill(styles, si), ink)
		}
		cv.text(x0+w+8, y+row/2+5, "", "chart__value", b.Text)
	}
	return cv.html()
}
