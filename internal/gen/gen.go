// Package gen writes a synthetic national-scale site folder for benchmarks
// and load tests: tens of thousands of venues spread over every département
// (overseas included) with realistic fill rates, their qualifications,
// thousands of Markdown guides and usage records.
//
// Output is a pure function of Options: the same seed gives the same bytes.
// Each part (venues, guides, usages) draws from its own random stream, so
// that asking for more guides does not change the venues.
//
// Communes come from an embedded table derived from
// @etalab/decoupage-administratif (real names, INSEE codes and postcodes of
// the largest communes of each département); coordinates are drawn around
// each département's centre and checked against France's bounds, so they are
// valid but not real addresses.
package gen

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"time"

	"labo/internal/diag"
	"labo/internal/referential"
)

// Options say how big the site is.
type Options struct {
	Venues, Guides, Usages int
	Seed                   uint64
	Date                   time.Time // build date of the site; zero means 2026-11-01
	Referential            []byte    // content of data/referentiel.toml to copy (the demo's)
	Indicators             []byte    // content of data/indicateurs.toml to copy (the demo's)
	Needs                  []byte    // content of data/besoins.toml to copy (the demo's), optional
}

// Stats tell what was written.
type Stats struct {
	Files          int
	Bytes          int64
	Venues         int
	Qualifications int
	Guides         int
	Words          int
	Usages         int
	Actions        int
	Depts          int
}

// DefaultDate is the build date of generated sites.
var DefaultDate = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

// Write creates a complete site folder in dir (which must not exist or be
// empty). Usage records and pilot actions are written only with the
// indicator definitions (Options.Indicators), which they are counted by.
func Write(dir string, o Options) (*Stats, error) {
	if o.Date.IsZero() {
		o.Date = DefaultDate
	}
	if o.Venues < 0 || o.Guides < 0 || o.Usages < 0 {
		return nil, fmt.Errorf("counts must not be negative")
	}
	var problems diag.List
	ref := referential.Parse(o.Referential, &problems)
	if err := problems.Err(); err != nil {
		return nil, fmt.Errorf("referential: %w", err)
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return nil, fmt.Errorf("%s is not empty: choose a new folder", dir)
	}
	table, err := depts()
	if err != nil {
		return nil, err
	}
	st := &Stats{}
	w := &writer{dir: dir, st: st}
	w.file("site.toml", func(out io.Writer) error { return siteTOML(out, o) })
	w.file("data/referentiel.toml", func(out io.Writer) error { _, err := out.Write(o.Referential); return err })

	vg := &venueGen{rnd: stream(o.Seed, 1), date: o.Date, ref: ref, depts: table}
	venues := vg.venues(o.Venues)
	st.Venues = len(venues)
	st.Depts = vg.deptCount
	w.file("data/lieux.csv", func(out io.Writer) error { return writeVenues(out, venues) })
	w.file("data/qualifications.csv", func(out io.Writer) error {
		n, err := vg.qualifications(out, venues)
		st.Qualifications = n
		return err
	})

	gg := &guideGen{rnd: stream(o.Seed, 2), date: o.Date, ref: ref}
	for _, g := range gg.plan(o.Guides) {
		w.file("content/guides/"+g.slug+".md", func(out io.Writer) error {
			n, err := gg.write(out, g)
			st.Words += n
			return err
		})
	}
	st.Guides = o.Guides
	for _, p := range plainPages {
		w.file("content/"+p.slug+".md", func(out io.Writer) error { _, err := io.WriteString(out, p.text); return err })
	}
	if len(o.Needs) > 0 {
		w.file("data/besoins.toml", func(out io.Writer) error { _, err := out.Write(o.Needs); return err })
	}
	if len(o.Indicators) > 0 {
		w.file("data/indicateurs.toml", func(out io.Writer) error { _, err := out.Write(o.Indicators); return err })
		if o.Usages > 0 {
			files := st.Files
			ug := &usageGen{rnd: stream(o.Seed, 3), date: o.Date, ref: ref, venues: venues, depts: table}
			if err := ug.write(w, o.Usages); err != nil {
				return nil, err
			}
			st.Usages, st.Actions = o.Usages, (st.Files-files)/2
		}
	}
	return st, w.err
}

// stream is an independent random source per part of the site.
func stream(seed, part uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, part*0x9e3779b97f4a7c15))
}

// writer creates files under dir, counting them; the first error sticks.
type writer struct {
	dir string
	st  *Stats
	err error
}

func (w *writer) file(name string, fill func(io.Writer) error) {
	if w.err != nil {
		return
	}
	p := filepath.Join(w.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		w.err = err
		return
	}
	f, err := os.Create(p)
	if err != nil {
		w.err = err
		return
	}
	cw := &countWriter{w: f}
	bw := bufio.NewWriterSize(cw, 64<<10)
	err = fill(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		w.err = fmt.Errorf("%s: %w", name, err)
		return
	}
	w.st.Files++
	w.st.Bytes += cw.n
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func siteTOML(out io.Writer, o Options) error {
	_, err := fmt.Fprintf(out, `# Synthetic national-scale site written by "labo gen" (seed %d).
# Venues, guides and usage records are invented; communes are real.
title       = "Réseau national Pass numérique (données de test)"
tagline     = "Trouver de l'aide pour le numérique, près de chez vous"
baseURL     = "https://national.labo.example/"
language    = "fr"
licence     = "etalab-2.0"
contact     = "contact@national.labo.example"
build_date  = "%s"
k_anonymity = 11

[map]
tiles       = ""
attribution = "© les contributeurs d'OpenStreetMap"
`, o.Seed, o.Date.Format(time.DateOnly))
	return err
}

// pick returns a random element.
func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// sample returns k distinct elements (fewer if xs is shorter), in xs order.
func sample[T any](r *rand.Rand, xs []T, k int) []T {
	k = min(k, len(xs))
	idx := r.Perm(len(xs))[:k]
	slicesSortInts(idx)
	out := make([]T, k)
	for i, j := range idx {
		out[i] = xs[j]
	}
	return out
}

// chance is true with probability p.
func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

var plainPages = []struct{ slug, text string }{
	{"a-propos", `+++
title   = "À propos"
summary = "Un site de test qui montre le réseau national à grande échelle."
+++

Ce site est généré par la commande ` + "`labo gen`" + ` pour mesurer les performances de Labo à l'échelle nationale.

Les lieux, les guides et les usages sont inventés. Les noms des communes sont réels.
`},
	{"accessibilite", `+++
title   = "Accessibilité"
summary = "L'engagement d'accessibilité du site."
+++

Ce site vise la conformité au RGAA 4.1. Écrivez-nous si un contenu ne vous est pas accessible.
`},
	{"mentions-legales", `+++
title   = "Mentions légales"
summary = "Éditeur, hébergeur et licence des données."
+++

Les données de ce site de test sont publiées sous Licence Ouverte 2.0 (Etalab).
`},
}

func slicesSortInts(x []int) { slices.Sort(x) }
