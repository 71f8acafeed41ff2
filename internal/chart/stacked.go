package chart

import (
	"html/template"
	"math"
	"unicode/utf8"
)

// Stacked is a chart of 100 % horizontal bars: each row splits into the same
// categories. Secret shares are not drawn one by one: what they add up to
// (100 % minus the published shares) is one hatched "secret" segment.
type Stacked struct {
	ID, Title, Desc string
	Categories      []string
	Rows            []StackRow
}

// StackRow is one bar.
type StackRow struct {
	Label    string
	Segments []Segment // one per category
}

// Segment is a category's share of a row, in %.
type Segment struct {
	Share  float64
	Text   string
	Secret bool
}

// SVG draws the chart with its legend below.
func (c Stacked) SVG() template.HTML {
	const (
		width = 640.0
		row   = 46.0
		barH  = 30.0
		top   = 6.0
	)
	labelW := 0.0
	for _, r := range c.Rows {
		labelW = math.Max(labelW, float64(utf8.RuneCountInString(r.Label))*8.2)
	}
	labelW = math.Min(labelW, 260)
	x0 := 0.0
	if labelW > 0 {
		x0 = labelW + 12
	}
	span := width - x0 - 4
	legendRows := (len(c.Categories) + 1 + 2) / 3
	h := top + row*float64(len(c.Rows)) + 12 + 28*float64(legendRows)
	cv := newCanvas(c.ID, width, h, c.Title, c.Desc)
	styles := make([]Style, len(c.Categories))
	for i := range styles {
		styles[i] = StyleOf(i)
	}
	cv.defs(styles)
	anySecret := false
	for ri, r := range c.Rows {
		y := top + float64(ri)*row
		if r.Label != "" {
			cv.text(labelW, y+barH/2+5, "end", "chart__label", r.Label)
		}
		x := x0
		secret := 100.0
		for i, s := range r.Segments {
			if s.Secret {
				anySecret = true
				continue
			}
			secret -= s.Share
			w := span * s.Share / 100
			if w <= 0 {
				continue
			}
			cv.rect(x, y, w, barH, cv.fill(styles, i), "#ffffff")
			if w > 46 && s.Text != "" {
				// White text on the dark fills, on a solid band for legibility.
				cv.rect(x+w/2-21, y+barH/2-10, 42, 20, styles[i].Fill, "")
				cv.text(x+w/2, y+barH/2+5, "middle", "chart__inbar", s.Text)
			}
			x += w
		}
		if secret > 0.5 {
			w := span * secret / 100
			cv.rect(x, y, w, barH, cv.secretFill(), secretInk)
		}
	}
	// Legend: swatch and name, three to a line.
	ly := top + row*float64(len(c.Rows)) + 12
	items := len(c.Categories)
	if anySecret {
		items++
	}
	for i := range items {
		lx := float64(i%3) * (width / 3)
		y := ly + float64(i/3)*28
		if i < len(c.Categories) {
			cv.rect(lx, y, 18, 18, cv.fill(styles, i), ink)
			cv.text(lx+24, y+14, "", "chart__legend", c.Categories[i])
		} else {
			cv.rect(lx, y, 18, 18, cv.secretFill(), secretInk)
			cv.text(lx+24, y+14, "", "chart__legend", "Secret statistique")
		}
	}
	return cv.html()
}
