package search

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"labo/internal/site"
)

var (
	demoOnce sync.Once
	demoSite *site.Site
	demoErr  error
)

// demoDocs loads the demo site (the repository root) once.
func demoDocs(t testing.TB) []Doc {
	t.Helper()
	demoOnce.Do(func() {
		root, err := filepath.Abs("../..")
		if err != nil {
			demoErr = err
			return
		}
		s, problems := site.Load(os.DirFS(root), "")
		demoSite, demoErr = s, problems.Err()
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	return Docs(demoSite)
}

// tinyShards split the demo index as finely as the national one is split,
// so that the demo exercises keys of two and three letters.
var tinyShards = Options{TermShardBytes: 1500, DocShardBytes: 600}

func demoWith(t testing.TB, opts Options) *Index {
	t.Helper()
	idx, err := Build(demoDocs(t), opts)
	if err != nil {
		t.Fatal(err)
	}
	return idx
}

func demo(t testing.TB) *Index { return demoWith(t, DefaultOptions) }

// TestDemoQueries checks what people type, typed badly, against the demo
// site: each query must find the expected page among the first hits of its
// kind.
func TestDemoQueries(t *testing.T) {
	for name, opts := range map[string]Options{"default shards": DefaultOptions, "tiny shards": tinyShards} {
		t.Run(name, func(t *testing.T) { testDemoQueries(t, demoWith(t, opts)) })
	}
}

func testDemoQueries(t *testing.T, idx *Index) {
	tests := []struct {
		name  string
		q     string
		kind  Kind
		url   string // expected among the first 5 hits of kind
		title string // or a title containing this (folded, lowercase)
	}{
		{"accents optional", "demarche", KindService, "", "demarches"},
		{"accents optional, upper case", "DEMARCHES", KindService, "/referentiel/fam-03/", ""},
		{"plural finds singular", "ordinateurs", KindService, "/referentiel/out-01/", ""},
		{"plural finds singular guide", "ordinateurs", KindGuide, "/guides/bien-choisir-son-ordinateur/", ""},
		{"singular finds plural", "arnaque", KindGuide, "/guides/reperer-et-prevenir-les-arnaques/", ""},
		{"commune with accent", "Guéret", KindVenue, "", "gueret"},
		{"commune without accent", "gueret", KindVenue, "", "gueret"},
		{"postcode", "23000", KindVenue, "", "gueret"},
		{"postcode being typed", "230", KindVenue, "", "gueret"},
		{"typo, swapped letters", "ordinatuer", KindService, "/referentiel/out-01/", ""},
		{"typo, sound spelling", "smartfone", KindService, "/referentiel/out-02/", ""},
		{"service code", "DEM-01", KindService, "/referentiel/dem-01/", ""},
		{"service code lowercase without dash", "dem01", KindService, "/referentiel/dem-01/", ""},
		{"service keyword (mots_cles)", "pronote", KindService, "/referentiel/fam-01/", ""},
		{"prefix of the last word", "ordi", KindService, "/referentiel/out-01/", ""},
		{"two words, all must match", "france services gueret", KindVenue, "", "gueret"},
		{"guide by heading or body", "reconditionne", KindGuide, "/guides/bien-choisir-son-ordinateur/", ""},
		{"stop words ignored", "le smartphone", KindService, "/referentiel/out-02/", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := NewSearcher(idx.Files)
			if err != nil {
				t.Fatal(err)
			}
			res, err := s.Search(tc.q)
			if err != nil {
				t.Fatal(err)
			}
			top, err := s.Top(res, 5)
			if err != nil {
				t.Fatal(err)
			}
			hits := top[tc.kind]
			found := slices.ContainsFunc(hits, func(h Hit) bool {
				return tc.url != "" && h.URL == tc.url ||
					tc.title != "" && strings.Contains(strings.ToLower(fold(h.Title)), tc.title)
			})
			if !found {
				var got []string
				for _, h := range hits {
					got = append(got, h.URL+" "+h.Title)
				}
				t.Errorf("%q: %s hits %q, want %s%s among them (words %q, partial %v)", tc.q, tc.kind, got, tc.url, tc.title, res.Words, res.Partial)
			}
		})
	}
}

// TestNoResult checks that nonsense finds nothing and that a query of stop
// words only is empty, not everything.
func TestNoResult(t *testing.T) {
	idx := demo(t)
	for _, q := range []string{"zzqxw", "le la les", "", "  ", "l'"} {
		s, _ := NewSearcher(idx.Files)
		res, err := s.Search(q)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) != 0 {
			t.Errorf("%q: %d hits, want none", q, len(res.Hits))
		}
	}
}

// TestPartial: when no document has every word, documents with some of
// them are shown, flagged as partial.
func TestPartial(t *testing.T) {
	s, _ := NewSearcher(demo(t).Files)
	res, err := s.Search("gueret zzqxw")
	if err != nil {
		t.Fatal(err)
	}
	if !res.Partial || len(res.Hits) == 0 {
		t.Fatalf("partial = %v, %d hits; want partial hits", res.Partial, len(res.Hits))
	}
	res, _ = s.Search("gueret")
	if res.Partial {
		t.Error("one word found: not partial")
	}
}

// TestMarks: the words to highlight are the indexed forms of the matched
// stems, plus the typed prefix.
func TestMarks(t *testing.T) {
	s, _ := NewSearcher(demo(t).Files)
	res, _ := s.Search("ordinateurs")
	if !slices.Contains(res.Marks, "ordinateur") {
		t.Errorf("marks %q, want ordinateur among them", res.Marks)
	}
	res, _ = s.Search("smartph")
	if !slices.Contains(res.Marks, "smartph*") {
		t.Errorf("marks %q, want the prefix smartph*", res.Marks)
	}
}

func fold(s string) string { return strings.Join(Words(s), " ") }

// TestShardLayout checks the invariants the browser relies on: keys of one
// to MaxKeyLen letters, every word in exactly one shard, the shard of the
// longest key that prefixes it; document shards covering every id once.
func TestShardLayout(t *testing.T) {
	idx := demoWith(t, tinyShards)
	s, err := NewSearcher(idx.Files)
	if err != nil {
		t.Fatal(err)
	}
	long := false
	where := map[string]string{}
	for _, key := range s.meta.Terms {
		if len(key) < 1 || len(key) > MaxKeyLen {
			t.Errorf("key %q", key)
		}
		long = long || len(key) == MaxKeyLen
		sh, err := s.shardFor(key)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < len(sh.W); i += 2 {
			w := sh.W[i].(string)
			if prev, ok := where[w]; ok {
				t.Errorf("%q in shards %q and %q", w, prev, key)
			}
			where[w] = key
			if got, _ := s.shardFor(w); got != sh {
				t.Errorf("%q is in shard %q, but the lookup goes elsewhere", w, key)
			}
		}
	}
	if !long {
		t.Errorf("keys %q: tiny shards should split down to %d letters", s.meta.Terms, MaxKeyLen)
	}
	n := s.meta.Kinds[len(s.meta.Kinds)-1].To
	for id := range n {
		h := Hit{ID: id}
		if err := s.Doc(&h); err != nil || h.URL == "" {
			t.Errorf("document %d: %v, url %q", id, err, h.URL)
		}
	}
	if len(s.meta.Docs) < 5 {
		t.Errorf("%d document shards, want the demo split in several", len(s.meta.Docs))
	}
}

// TestDeterministic: the same documents give byte-identical files.
func TestDeterministic(t *testing.T) {
	a, b := demo(t), demo(t)
	if a.Version != b.Version || len(a.Files) != len(b.Files) {
		t.Fatalf("versions %s and %s, %d and %d files", a.Version, b.Version, len(a.Files), len(b.Files))
	}
	for name, data := range a.Files {
		if string(b.Files[name]) != string(data) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

// TestKindsInOrder: documents must come grouped, services, guides, venues.
func TestKindsInOrder(t *testing.T) {
	docs := []Doc{{Kind: KindGuide, URL: "/g/"}, {Kind: KindService, URL: "/s/"}}
	if _, err := Build(docs, DefaultOptions); err == nil || !strings.Contains(err.Error(), "out of order") {
		t.Errorf("err = %v, want out of order", err)
	}
	docs = []Doc{{Kind: KindService, URL: "/s/"}, {Kind: KindVenue, URL: "/v/"}, {Kind: KindService, URL: "/s2/"}}
	if _, err := Build(docs, DefaultOptions); err == nil {
		t.Error("services after venues: want an error")
	}
}

// TestShardsAsEncodingJSON checks the hand-appended shards: decoded and
// encoded again by encoding/json (without HTML escaping), every file
// gives the same bytes.
func TestShardsAsEncodingJSON(t *testing.T) {
	docs := demoDocs(t)
	docs[0].Title += ` <b>&</b> "x" \ ` + "\u2028\t"
	idx, err := Build(docs, Options{TermShardBytes: 2 << 10, DocShardBytes: 1 << 10})
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range idx.Files {
		var v any
		switch {
		case strings.HasPrefix(name, "t/"):
			v = &TermShard{}
		case strings.HasPrefix(name, "d/"):
			v = &[]DocEntry{}
		default:
			continue
		}
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var again bytes.Buffer
		enc := json.NewEncoder(&again)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		if got := bytes.TrimSuffix(again.Bytes(), []byte("\n")); !bytes.Equal(got, b) {
			t.Errorf("%s:\n got %s\nwant %s", name, b, got)
		}
	}
}
