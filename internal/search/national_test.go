package search

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode"

	"labo/internal/content"
	"labo/internal/frtext"
	"labo/internal/geo"
	"labo/internal/pages"
	"labo/internal/render"
	"labo/internal/site"
	"labo/internal/venue"
	"labo/layouts"
	"labo/static"
)

// The national scale of the issue: 25,000 venues and 2,000 guides. The
// model is synthetic and deterministic: venues in real communes (weighted
// by population) with the names French venues have, guides written by a
// word chain learnt from the demo guides plus a long tail of made-up words,
// so that the vocabulary is as large as a real national corpus's.
const (
	nationalVenues = 25000
	nationalGuides = 2000
)

var (
	nationalOnce sync.Once
	nationalSite *site.Site
)

// national returns the demo site with its venues and guides replaced by the
// synthetic national ones (the demo referential is kept).
func national(tb testing.TB) *site.Site {
	tb.Helper()
	nationalOnce.Do(func() {
		root, _ := filepath.Abs("../..")
		s, problems := site.Load(os.DirFS(root), "")
		if err := problems.Err(); err != nil {
			tb.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(2026, 11))
		chain := learnChain(s)
		s.Guides = syntheticGuides(rng, chain, nationalGuides)
		s.Venues, s.Depts = syntheticVenues(rng, nationalVenues)
		nationalSite = s
	})
	if nationalSite == nil {
		tb.Fatal("national model: not built")
	}
	return nationalSite
}

// chain is a first-order word chain.
type chain struct {
	starts []string
	next   map[string][]string
}

func learnChain(s *site.Site) *chain {
	c := &chain{next: map[string][]string{}}
	var texts []string
	for _, g := range s.Guides {
		texts = append(texts, g.Title+". "+g.Summary+". "+g.Text)
	}
	for _, p := range s.Pages {
		texts = append(texts, p.Text)
	}
	for _, svc := range s.Ref.Services {
		texts = append(texts, svc.Title+". "+svc.Description)
	}
	for _, t := range texts {
		words := strings.FieldsFunc(t, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '-' })
		for i, w := range words {
			if i == 0 {
				c.starts = append(c.starts, w)
			}
			if i+1 < len(words) {
				c.next[w] = append(c.next[w], words[i+1])
			}
		}
	}
	return c
}

var syllables = strings.Fields("ba bé bri ca cou cra da di dé fa fé fri ga gou gra la lé li lou ma mé mi mo na né ni no pa pé pi po pra ra ré ri ro sa sé si so ta té ti to tra va vé vi vo an in on en eur ier ion ette age ois ine elle")

// tail is a long tail of made-up words, drawn with a Zipf law.
type tail struct {
	words []string
	zipf  *rand.Zipf
}

func newTail(rng *rand.Rand, n int) *tail {
	t := &tail{zipf: rand.NewZipf(rng, 1.07, 2, uint64(n-1))}
	seen := map[string]bool{}
	for len(t.words) < n {
		var b strings.Builder
		for range 2 + rng.IntN(3) {
			b.WriteString(syllables[rng.IntN(len(syllables))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			t.words = append(t.words, w)
		}
	}
	return t
}

func (c *chain) text(rng *rand.Rand, t *tail, n int) string {
	var b strings.Builder
	w := c.starts[rng.IntN(len(c.starts))]
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		if rng.IntN(10) == 0 {
			b.WriteString(t.words[t.zipf.Uint64()])
			continue
		}
		b.WriteString(w)
		nx := c.next[w]
		if len(nx) == 0 {
			w = c.starts[rng.IntN(len(c.starts))]
		} else {
			w = nx[rng.IntN(len(nx))]
		}
	}
	return b.String()
}

func syntheticGuides(rng *rand.Rand, c *chain, n int) []*content.Page {
	t := newTail(rng, 40000)
	var out []*content.Page
	for i := range n {
		g := &content.Page{URL: fmt.Sprintf("/guides/guide-%04d/", i), Section: "guides"}
		g.Title = capitalise(c.text(rng, t, 4+rng.IntN(6)))
		g.Summary = capitalise(c.text(rng, t, 20+rng.IntN(15))) + "."
		for range 3 {
			g.Keypoints = append(g.Keypoints, capitalise(c.text(rng, t, 10))+".")
		}
		for h := range 4 + rng.IntN(5) {
			g.Headings = append(g.Headings, content.Heading{Level: 2, ID: fmt.Sprintf("h%d", h), Text: capitalise(c.text(rng, t, 3+rng.IntN(4)))})
		}
		g.Text = c.text(rng, t, 600+rng.IntN(800))
		out = append(out, g)
	}
	return out
}

func capitalise(s string) string {
	r := []rune(s)
	if len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
	}
	return string(r)
}

var (
	venueKinds = []string{"Médiathèque de %s", "France Services %s", "Espace public numérique de %s", "Centre social %[2]s – %[1]s",
		"CCAS de %s – point numérique", "Tiers-lieu %[2]s", "Mairie de %s – accueil numérique", "Bibliothèque municipale de %s",
		"PIMMS médiation %s", "Relais numérique solidaire %[2]s", "Association %[2]s numérique", "Maison de quartier %[2]s",
		"Conseiller numérique – %s", "Emmaüs Connect %s", "Espace emploi %s"}
	places  = strings.Fields("Saint-Jacques Jean-Moulin Vergnes Gare Centre Bourg Lilas Tilleuls Château Moulin Fontaine Pasteur Hugo Zola Curie Jaurès Liberté République Colombier Prairie Forge Halle Croix-Rouge Bellevue Montagne Rivière Source Vallon")
	streets = strings.Fields("rue avenue place boulevard impasse chemin allée")
)

func syntheticVenues(rng *rand.Rand, n int) ([]*site.Venue, []*site.Dept) {
	communes := geo.Communes()
	cum := make([]float64, len(communes))
	total := 0.0
	for i, c := range communes {
		total += math.Pow(float64(max(c.Population, 50)), 0.7)
		cum[i] = total
	}
	depts := map[string]*site.Dept{}
	var out []*site.Venue
	for i := range n {
		c := communes[sort.SearchFloat64s(cum, rng.Float64()*total)]
		if len(c.Postcodes) == 0 {
			continue
		}
		place := places[rng.IntN(len(places))]
		name := fmt.Sprintf(venueKinds[rng.IntN(len(venueKinds))], c.Nom, place)
		id := fmt.Sprintf("v%05d", i)
		v := &site.Venue{Venue: &venue.Venue{Row: venue.Row{ID: id, Nom: name, Commune: c.Nom, CodePostal: c.Postcodes[0], CodeInsee: c.Code,
			Adresse: fmt.Sprintf("%d %s %s", 1+rng.IntN(120), streets[rng.IntN(len(streets))], places[rng.IntN(len(places))])}},
			URL: "/lieux/" + id + "/"}
		if gd := geo.DepartementByCode(c.Dept); gd != nil {
			d := depts[gd.Code]
			if d == nil {
				d = &site.Dept{Departement: gd, URL: "/lieux/" + gd.Slug() + "/"}
				depts[gd.Code] = d
			}
			d.Venues = append(d.Venues, v)
			v.Dept = d
		}
		out = append(out, v)
	}
	// In French order of names, as site.Site keeps its venues.
	col := frtext.NewCollator()
	keys := map[*site.Venue][]byte{}
	for _, v := range out {
		keys[v] = v.SortKey(col)
	}
	slices.SortFunc(out, func(a, b *site.Venue) int { return bytes.Compare(keys[a], keys[b]) })
	var ds []*site.Dept
	for _, d := range depts {
		ds = append(ds, d)
	}
	slices.SortFunc(ds, func(a, b *site.Dept) int { return strings.Compare(a.Code, b.Code) })
	return out, ds
}

// BenchmarkBuildNational measures building the index of the national model
// (the documents are prepared once, outside the timing).
//
//	go test ./internal/search -run '^$' -bench BuildNational -benchtime 5x
func BenchmarkBuildNational(b *testing.B) {
	docs := Docs(national(b))
	var idx *Index
	cpu := cpuTime()
	for b.Loop() {
		var err error
		if idx, err = Build(docs, DefaultOptions); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu)/1e6/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(idx.Stats.Bytes)/1e6, "MB-index")
	b.ReportMetric(float64(idx.Stats.TermShards+idx.Stats.DocShards+1), "files")
}

// BenchmarkDocsNational measures turning the site model into documents.
func BenchmarkDocsNational(b *testing.B) {
	s := national(b)
	cpu := cpuTime()
	for b.Loop() {
		Docs(s)
	}
	b.ReportMetric(float64(cpuTime()-cpu)/1e6/float64(b.N), "cpu-ms/op")
}

// firstQueries are what people type first, some common, some rare; the
// budget below must hold for each.
var firstQueries = []string{"demarche", "ordinateurs", "gueret", "Paris", "saint", "france services", "smartfone",
	"DEM-01", "mediatheque", "numerique", "ccas lyon", "13001", "accompagnement", "aide impots", "marseille"}

// budget is the goal for what the first query downloads, gzipped.
const budget = 300 << 10

// TestNationalFirstQuery measures what a first query downloads on the
// national model: the index files it reads (meta.json, a term shard per
// word, the document shards of the 5 best hits of each group), each
// gzipped as a web server sends it, both for the query submitted at once
// and typed letter by letter (every prefix searched, an upper bound of the
// debounced typing). The page itself (HTML with the A–Z index, search.js,
// search.css) is reported beside. Run with -v to see the figures recorded
// in docs/benchmarks.md.
func TestNationalFirstQuery(t *testing.T) {
	if testing.Short() {
		t.Skip("national model: skipped with -short")
	}
	s := national(t)
	idx, err := Build(Docs(s), DefaultOptions)
	if err != nil {
		t.Fatal(err)
	}
	page := pageBytes(t, s)
	t.Logf("index: %s; %d MB raw, %d files", idx.Stats, idx.Stats.Bytes>>20, len(idx.Files))
	measureFirstQueries(t, idx.Files, page)
}

// TestBuiltFirstQuery measures the same on a site built by `labo build`,
// when LABO_SEARCH_PUBLIC names its output folder:
//
//	labo gen -o /tmp/natsite && labo build -dir /tmp/natsite -out /tmp/natpublic
//	LABO_SEARCH_PUBLIC=/tmp/natpublic go test ./internal/search -run BuiltFirstQuery -v
func TestBuiltFirstQuery(t *testing.T) {
	public := os.Getenv("LABO_SEARCH_PUBLIC")
	if public == "" {
		t.Skip("LABO_SEARCH_PUBLIC is not set")
	}
	dirs, _ := filepath.Glob(filepath.Join(public, IndexDir, "*", "meta.json"))
	if len(dirs) != 1 {
		t.Fatalf("%s: want one index folder, found %q", public, dirs)
	}
	root := filepath.Dir(dirs[0])
	files := map[string][]byte{}
	size := 0
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		files[filepath.ToSlash(rel)] = b
		size += len(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	page := map[string]int{}
	for key, name := range map[string]string{"page": "recherche/index.html", "js": "js/search.js", "css": "css/search.css"} {
		b, err := os.ReadFile(filepath.Join(public, name))
		if err != nil {
			t.Fatal(err)
		}
		page[key] = gzipSize(b)
	}
	t.Logf("index: %d files, %d MB raw", len(files), size>>20)
	measureFirstQueries(t, files, page)
}

func measureFirstQueries(t *testing.T, files map[string][]byte, page map[string]int) {
	gz := map[string]int{}
	for name, b := range files {
		gz[name] = gzipSize(b)
	}
	t.Logf("page: /recherche/ %d B gz, search.js %d B gz, search.css %d B gz; meta.json %d B gz", page["page"], page["js"], page["css"], gz["meta.json"])
	worst := 0
	for _, q := range firstQueries {
		submitted, hits := downloaded(t, files, gz, []string{q})
		var prefixes []string
		for i := 1; i <= len(q); i++ {
			prefixes = append(prefixes, q[:i])
		}
		typed, _ := downloaded(t, files, gz, prefixes)
		t.Logf("%-16q %6d hits  submitted %4d KB gz  typed letter by letter %4d KB gz", q, hits, submitted>>10, typed>>10)
		worst = max(worst, submitted, typed)
	}
	t.Logf("worst first query: %d KB gz of index data; with the page, search.js and search.css: %d KB gz",
		worst>>10, (worst+page["page"]+page["js"]+page["css"])>>10)
	if worst > budget {
		t.Errorf("a first query downloads %d KB gzipped, over the %d KB budget", worst>>10, budget>>10)
	}
}

// downloaded returns the gzipped bytes of the index files read by running
// the queries in turn in one page (files are cached between them), and
// the number of hits of the last one.
func downloaded(t *testing.T, files map[string][]byte, gz map[string]int, queries []string) (int, int) {
	s, err := NewSearcher(files)
	if err != nil {
		t.Fatal(err)
	}
	hits := 0
	for _, q := range queries {
		res, err := s.Search(q)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Top(res, 5); err != nil {
			t.Fatal(err)
		}
		hits = len(res.Hits)
	}
	total := 0
	seen := map[string]bool{}
	for _, f := range s.Loaded {
		if !seen[f] {
			seen[f] = true
			total += gz[f]
		}
	}
	return total, hits
}

func pageBytes(t *testing.T, s *site.Site) map[string]int {
	r, err := render.New(layouts.FS, nil, static.FS, &render.SiteData{Config: s.Config, Nav: pages.Nav()})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	jobs, _ := Generate(s)
	for _, j := range jobs {
		if j.Page != nil {
			b, err := r.Run(j)
			if err != nil {
				t.Fatal(err)
			}
			out["page"] = gzipSize(b)
		}
	}
	for key, name := range map[string]string{"js": "js/search.js", "css": "css/search.css"} {
		b, err := static.FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		out[key] = gzipSize(b)
	}
	return out
}

func gzipSize(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}
