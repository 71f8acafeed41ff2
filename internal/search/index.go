package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Kind is the group a document is shown in.
type Kind string

// The kinds, in the order the results page shows them.
const (
	KindService Kind = "service"
	KindGuide   Kind = "guide"
	KindVenue   Kind = "venue"
)

// Kinds lists the kinds in display order.
var Kinds = []Kind{KindService, KindGuide, KindVenue}

// Field weights: a word in a title counts ten times a word of a guide's
// body. They are summed per document and stored as one small score per
// posting.
const (
	WeightTitle    = 10 // venue name, service title and code, guide title
	WeightStrong   = 6  // service keywords, venue commune and postcode
	WeightMedium   = 4  // guide summary and headings
	WeightWeak     = 2  // service description and family, guide key points, venue département
	WeightBody     = 1  // guide body
	maxTermRepeats = 5  // occurrences counted per field: long bodies do not drown titles
	maxScore       = 255
)

// Field is a text of a document with its weight.
type Field struct {
	Text   string
	Weight int
}

// Doc is one searchable document. Title, URL, Text, Badge and Alt are
// shipped to the browser in the document shards; Fields only feed the
// index.
type Doc struct {
	Kind  Kind
	Title string
	URL   string
	Text  string   // the excerpt shown under the title
	Badge string   // a short label shown before the title (a service code), or ""
	Alt   []string // other excerpts, shown when they hold a searched word and Text does not (guide headings)

	Fields []Field
}

// Options size the shards.
type Options struct {
	// TermShardBytes is the raw size above which a term shard is split by
	// one more letter of its words, up to MaxKeyLen letters.
	TermShardBytes int
	// DocShardBytes is the raw size at which a document shard is closed.
	DocShardBytes int
}

// MaxKeyLen is the longest term-shard key. Prefix search starts at this many
// letters, so a word being typed always falls in exactly one shard.
const MaxKeyLen = 3

// DefaultOptions suit a national site: the first query of a few words loads
// well under 300 KB gzipped (see docs/benchmarks.md).
var DefaultOptions = Options{TermShardBytes: 24 << 10, DocShardBytes: 8 << 10}

// Index is a built index: files relative to its folder.
type Index struct {
	Version string            // hash of the content, names the folder
	Files   map[string][]byte // "meta.json", "t/ord.json", "d/3.json"
	Stats   Stats
}

// Stats describe an index, for the build summary and benchmarks.
type Stats struct {
	Docs, Terms, Words, TermShards, DocShards int
	Bytes                                     int
}

// Meta is meta.json: what the browser loads first.
type Meta struct {
	Version int        `json:"v"`
	Stop    []string   `json:"stop"`
	Terms   []string   `json:"terms"`   // term-shard keys, sorted
	Kinds   []KindSpan `json:"kinds"`   // document id ranges per kind
	Docs    []int      `json:"docs"`    // first document id of each document shard
	Endings []string   `json:"endings"` // what stemming removes, for words absent from the vocabulary
}

// KindSpan is the range [From, To) of document ids of a kind.
type KindSpan struct {
	Kind     Kind
	From, To int
}

// MarshalJSON writes a span as ["venue",41,113].
func (k KindSpan) MarshalJSON() ([]byte, error) {
	return json.Marshal([]any{k.Kind, k.From, k.To})
}

// UnmarshalJSON reads ["venue",41,113].
func (k *KindSpan) UnmarshalJSON(b []byte) error {
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil || len(raw) != 3 {
		return fmt.Errorf("expected [kind, from, to], found %s", b)
	}
	if err := json.Unmarshal(raw[0], &k.Kind); err != nil {
		return err
	}
	if err := json.Unmarshal(raw[1], &k.From); err != nil {
		return err
	}
	return json.Unmarshal(raw[2], &k.To)
}

// TermShard is t/<key>.json.
//
// W alternates a folded surface form and the index of its stem in S and P,
// sorted by surface form. P[i] alternates document-id gaps and scores:
// [gap, score, gap, score…], the first gap counted from 0.
type TermShard struct {
	W []any    `json:"w"`
	S []string `json:"s"`
	P [][]int  `json:"p"`
}

// DocEntry is one document in a document shard: [title, url, text, badge,
// alt…]. Its id is the shard's first id plus its position.
type DocEntry []any

// Build indexes docs. Documents keep their order: group them by kind,
// services first, then guides, then venues, and put documents that are
// found together next to each other (venues by commune) so that the hits of
// a query share few document shards.
func Build(docs []Doc, opts Options) (*Index, error) {
	if opts.TermShardBytes == 0 {
		opts = DefaultOptions
	}
	meta := Meta{Version: 1, Stop: StopWords}
	// Kinds must come in contiguous runs, in the order of Kinds.
	for i, d := range docs {
		n := len(meta.Kinds)
		if n > 0 && meta.Kinds[n-1].Kind == d.Kind {
			meta.Kinds[n-1].To = i + 1
			continue
		}
		if n > 0 && slices.Index(Kinds, d.Kind) <= slices.Index(Kinds, meta.Kinds[n-1].Kind) || !slices.Contains(Kinds, d.Kind) {
			return nil, fmt.Errorf("search: document %d (%s) of kind %q out of order: expected services, then guides, then venues", i, d.URL, d.Kind)
		}
		meta.Kinds = append(meta.Kinds, KindSpan{d.Kind, i, i + 1})
	}

	// Postings: stem → doc → score; surface form → stem.
	stemOf := map[string]string{}
	postings := map[string]map[int]int{}
	words := 0
	for id, d := range docs {
		for _, f := range d.Fields {
			counts := map[string]int{}
			for _, t := range Tokens(f.Text) {
				counts[t]++
				words++
			}
			for t, n := range counts {
				st, ok := stemOf[t]
				if !ok {
					st = Stem(t)
					stemOf[t] = st
				}
				p := postings[st]
				if p == nil {
					p = map[int]int{}
					postings[st] = p
				}
				p[id] = min(maxScore, p[id]+f.Weight*min(n, maxTermRepeats))
			}
		}
	}
	surfaces := make([]string, 0, len(stemOf))
	for w := range stemOf {
		surfaces = append(surfaces, w)
	}
	sort.Strings(surfaces)

	files := map[string][]byte{}
	meta.Endings = endings(stemOf)
	meta.Terms = termShards(surfaces, stemOf, postings, opts.TermShardBytes, files)
	meta.Docs = docShards(docs, meta.Kinds, opts.DocShardBytes, files)

	m, err := json.Marshal(meta)
	if err != nil {
		return nil, err
	}
	files["meta.json"] = m

	h := sha256.New()
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	size := 0
	for _, n := range names {
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(files[n]))
		h.Write(files[n])
		size += len(files[n])
	}
	return &Index{
		Version: hex.EncodeToString(h.Sum(nil))[:12],
		Files:   files,
		Stats: Stats{Docs: len(docs), Terms: len(postings), Words: words,
			TermShards: len(meta.Terms), DocShards: len(meta.Docs), Bytes: size},
	}, nil
}

// endings lists what stemming removes from words whose stem is a prefix of
// them, so that the browser can find "ordinateurs" under the stem "ordin"
// even when only "ordinateur" was indexed.
func endings(stemOf map[string]string) []string {
	set := map[string]bool{}
	for w, st := range stemOf {
		if st != w && strings.HasPrefix(w, st) && len(w)-len(st) <= 6 {
			set[w[len(st):]] = true
		}
	}
	out := make([]string, 0, len(set))
	for e := range set {
		out = append(out, e)
	}
	sort.Strings(out)
	return out
}

// termShards groups the vocabulary by the first letters of each surface
// form. A shard whose raw size passes limit is split by one more letter,
// while its key is shorter than MaxKeyLen; words as long as the key itself
// stay in the parent shard. The browser looks a word up in the shard of the
// longest key that prefixes it.
func termShards(surfaces []string, stemOf map[string]string, postings map[string]map[int]int, limit int, files map[string][]byte) []string {
	// Raw size of a word's entry: its surface form plus, once per shard,
	// its stem's postings (about 6 bytes a posting).
	cost := func(ws []string) int {
		n := 0
		seen := map[string]bool{}
		for _, w := range ws {
			n += len(w) + 6
			if st := stemOf[w]; !seen[st] {
				seen[st] = true
				n += len(st) + 6*len(postings[st])
			}
		}
		return n
	}
	var keys []string
	var split func(key string, ws []string)
	split = func(key string, ws []string) {
		if len(key) >= MaxKeyLen || cost(ws) <= limit {
			keys = append(keys, key)
			files["t/"+key+".json"] = termShard(ws, stemOf, postings)
			return
		}
		var own []string
		groups := map[string][]string{}
		var order []string
		for _, w := range ws {
			if len(w) == len(key) {
				own = append(own, w)
				continue
			}
			k := w[:len(key)+1]
			if groups[k] == nil {
				order = append(order, k)
			}
			groups[k] = append(groups[k], w)
		}
		if len(own) > 0 {
			keys = append(keys, key)
			files["t/"+key+".json"] = termShard(own, stemOf, postings)
		}
		for _, k := range order {
			split(k, groups[k])
		}
	}
	byFirst := map[string][]string{}
	var firsts []string
	for _, w := range surfaces {
		k := w[:1]
		if byFirst[k] == nil {
			firsts = append(firsts, k)
		}
		byFirst[k] = append(byFirst[k], w)
	}
	for _, k := range firsts {
		split(k, byFirst[k])
	}
	sort.Strings(keys)
	return keys
}

func termShard(ws []string, stemOf map[string]string, postings map[string]map[int]int) []byte {
	sh := TermShard{W: make([]any, 0, 2*len(ws))}
	idx := map[string]int{}
	for _, w := range ws {
		st := stemOf[w]
		i, ok := idx[st]
		if !ok {
			i = len(sh.S)
			idx[st] = i
			sh.S = append(sh.S, st)
			sh.P = append(sh.P, encodePostings(postings[st]))
		}
		sh.W = append(sh.W, w, i)
	}
	return mustJSON(sh)
}

func encodePostings(p map[int]int) []int {
	ids := make([]int, 0, len(p))
	for id := range p {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	out := make([]int, 0, 2*len(ids))
	prev := 0
	for _, id := range ids {
		out = append(out, id-prev, p[id])
		prev = id
	}
	return out
}

// docShards cuts the documents into shards of about limit raw bytes, never
// across kinds, and returns the first id of each.
func docShards(docs []Doc, kinds []KindSpan, limit int, files map[string][]byte) []int {
	var starts []int
	for _, span := range kinds {
		var cur []DocEntry
		size := 0
		first := span.From
		flush := func(next int) {
			if len(cur) == 0 {
				return
			}
			files["d/"+strconv.Itoa(len(starts))+".json"] = mustJSON(cur)
			starts = append(starts, first)
			cur, size, first = nil, 0, next
		}
		for id := span.From; id < span.To; id++ {
			e := entry(docs[id])
			cur = append(cur, e)
			size += len(mustJSON(e))
			if size >= limit {
				flush(id + 1)
			}
		}
		flush(span.To)
	}
	return starts
}

func entry(d Doc) DocEntry {
	e := DocEntry{d.Title, d.URL, d.Text, d.Badge}
	for _, a := range d.Alt {
		e = append(e, a)
	}
	return e
}

func mustJSON(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic("search: " + err.Error()) // only strings and numbers: cannot fail
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// idf is the weight of a stem found in df of n documents. Rare words count
// more than common ones.
func idf(df, n int) float64 { return math.Log(1 + float64(n)/float64(df)) }
