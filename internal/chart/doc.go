// Package chart draws accessible SVG charts at build time: horizontal bars,
// stacked bars, lines over time and a choropleth of départements.
//
// Every chart is an <svg role="img"> labelled by its own <title> and <desc>,
// uses patterns (hatching, dots, dashes, marker shapes) as well as colours,
// and is meant to sit beside an HTML table of the same data: the picture
// helps, the table carries the numbers. Values that disclosure control
// suppressed are drawn as a hatched grey mark labelled "secret", never as a
// size. Output is deterministic and contains no script or style attribute,
// so it passes the site's Content-Security-Policy when inlined.
package chart

// outline is a département's shape in the map's coordinate system.
type outline struct {
	Code string
	Box  [4]float64 // min x, min y, max x, max y
	D    string     // SVG path data
}
