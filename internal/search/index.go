package search

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"labo/internal/appendenc"
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
// body.
const (
	WeightTitle  = 10 // venue name, service title and code, guide title
	WeightStrong = 6  // service keywords, venue commune and postcode
	WeightMedium = 4  // guide summary and headings
	WeightWeak   = 2  // service description and family, guide key points, venue département
	WeightBody   = 1  // guide body
)

// Each field adds weight × BM25 term frequency to a document's score for a
// stem: repeats count less and less (saturation k1), and a word in a short
// field counts more than in a long one (b), against the average length of
// that field over documents of the same kind. "Saint-Étienne" as a commune
// thus outranks "Saint-Étienne-de-Fontbellon". The sum is stored as one
// byte per posting, in quarters.
const (
	bm25K1     = 1.2
	bm25B      = 0.75
	scoreScale = 4
	maxScore   = 255
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
	return BuildContext(context.Background(), docs, opts)
}

// BuildContext is Build that gives up with ctx's error once ctx ends: the
// dev server drops an index round that a newer save made useless.
func BuildContext(ctx context.Context, docs []Doc, opts Options) (*Index, error) {
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

	ix := newInverted()
	if err := ix.index(ctx, docs); err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	meta.Endings = ix.endings()
	var err error
	if meta.Terms, err = ix.termShards(ctx, opts.TermShardBytes, files); err != nil {
		return nil, err
	}
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
		Stats: Stats{Docs: len(docs), Terms: len(ix.stems), Words: ix.words,
			TermShards: len(meta.Terms), DocShards: len(meta.Docs), Bytes: size},
	}, nil
}

// inverted is the index being built: surface forms and stems numbered in
// order of first appearance, postings of each stem in document order.
type inverted struct {
	surfNum  map[string]int32 // surface form → number; stop words → -1
	surfaces []string
	stemOf   []int          // surface number → stem number
	stemNum  map[string]int // stem → number
	stems    []string
	postings [][]posting
	words    int

	tok []byte // buffer of a token
}

type posting struct {
	id    int
	score float64
}

func newInverted() *inverted {
	ix := &inverted{surfNum: map[string]int32{}, stemNum: map[string]int{}}
	for _, w := range StopWords {
		ix.surfNum[w] = -1 // one lookup per token tells both
	}
	return ix
}

// index adds the documents in two passes: the first turns every field into
// surface numbers and measures the average length of each field per kind,
// the second scores.
func (ix *inverted) index(ctx context.Context, docs []Doc) error {
	type fieldKey struct {
		kind Kind
		i    int
	}
	fields := make([][][]int32, len(docs))
	sum := map[fieldKey]int{}
	count := map[fieldKey]int{}
	for id, d := range docs {
		if id%cancelEvery == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		fields[id] = make([][]int32, len(d.Fields))
		for i, f := range d.Fields {
			nums := ix.tokens(f.Text)
			fields[id][i] = nums
			ix.words += len(nums)
			k := fieldKey{d.Kind, i}
			sum[k] += len(nums)
			count[k]++
		}
	}
	counts := make([]int32, len(ix.surfaces))
	var distinct []int32
	for id, d := range docs {
		if id%cancelEvery == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		for i, f := range d.Fields {
			nums := fields[id][i]
			if len(nums) == 0 {
				continue
			}
			k := fieldKey{d.Kind, i}
			avg := float64(sum[k]) / float64(count[k])
			norm := bm25K1 * (1 - bm25B + bm25B*float64(len(nums))/avg)
			// Each surface form's count, added in the order of surface
			// numbers, so that floating-point sums are always made in the
			// same order.
			distinct = distinct[:0]
			for _, n := range nums {
				if counts[n] == 0 {
					distinct = append(distinct, n)
				}
				counts[n]++
			}
			slices.Sort(distinct)
			for _, n := range distinct {
				c := counts[n]
				counts[n] = 0
				ix.add(id, ix.stemOf[n], float64(f.Weight)*float64(c)*(bm25K1+1)/(float64(c)+norm))
			}
		}
		fields[id] = nil
	}
	return nil
}

// cancelEvery is how many documents are indexed between two looks at the
// context: at most about 15 ms of work (64 long guides) on a national site.
const cancelEvery = 64

// tokens returns the surface numbers of the tokens of text (Tokens, which
// FuzzIndexTokens compares it with), without a string per token: a token
// is gathered in a buffer reused from call to call and looked up as bytes,
// becoming a string only the first time the index meets it.
func (ix *inverted) tokens(text string) []int32 {
	// One pass over text: ASCII bytes are handled where they are, other
	// runes through their folded form (foldRune). A dash is dropped between
	// a letter and a digit ("dem-01"), which needs the next folded byte.
	var nums []int32
	tok := ix.tok[:0]
	emit := func() {
		if len(tok) == 0 || len(tok) == 1 && isLetter(tok[0]) {
			tok = tok[:0]
			return
		}
		n, ok := ix.surfNum[string(tok)]
		switch {
		case !ok:
			n = ix.newSurface(string(tok))
		case n < 0: // a stop word
			tok = tok[:0]
			return
		}
		nums = append(nums, n)
		tok = tok[:0]
	}
	var last byte // the last folded byte
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
				tok = append(tok, c)
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
				tok = append(tok, c)
			case c == '-' && len(tok) > 0 && isLetter(last) && isDigit(nextFolded(text[i:])):
				// "dem-01": the token goes on without the dash.
			default:
				emit()
			}
			last = c
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		for _, c := range []byte(foldRune(r)) {
			switch {
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
				tok = append(tok, c)
			case c == '-' && len(tok) > 0 && isLetter(last) && isDigit(nextFolded(text[i:])):
			default:
				emit()
			}
			last = c
		}
	}
	emit()
	ix.tok = tok
	return nums
}

// nextFolded is the first byte of the folded form of text (0 if empty).
func nextFolded(text string) byte {
	if text == "" {
		return 0
	}
	if c := text[0]; c < utf8.RuneSelf {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		return c
	}
	r, size := utf8.DecodeRuneInString(text)
	if f := foldRune(r); f != "" {
		return f[0]
	}
	return nextFolded(text[size:])
}

// newSurface numbers a surface form met for the first time, and stems it.
func (ix *inverted) newSurface(t string) int32 {
	n := int32(len(ix.surfaces))
	ix.surfNum[t] = n
	ix.surfaces = append(ix.surfaces, t)
	stem := Stem(t)
	st, ok := ix.stemNum[stem]
	if !ok {
		st = len(ix.stems)
		ix.stemNum[stem] = st
		ix.stems = append(ix.stems, stem)
		ix.postings = append(ix.postings, nil)
	}
	ix.stemOf = append(ix.stemOf, st)
	return n
}

// add adds v to the score of document id for stem st; ids come in
// increasing order.
func (ix *inverted) add(id, st int, v float64) {
	p := ix.postings[st]
	if k := len(p) - 1; k >= 0 && p[k].id == id {
		p[k].score += v
		return
	}
	ix.postings[st] = append(p, posting{id, v})
}

// quantise turns a summed score into the byte stored in a posting.
func quantise(v float64) int {
	return max(1, min(maxScore, int(math.Round(v*scoreScale))))
}

// endings lists what stemming removes from words whose stem is a prefix of
// them, so that the browser can find "ordinateurs" under the stem "ordin"
// even when only "ordinateur" was indexed.
func (ix *inverted) endings() []string {
	set := map[string]bool{}
	for n, w := range ix.surfaces {
		stem := ix.stems[ix.stemOf[n]]
		if stem != w && strings.HasPrefix(w, stem) && len(w)-len(stem) <= 6 {
			set[w[len(stem):]] = true
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
func (ix *inverted) termShards(ctx context.Context, limit int, files map[string][]byte) ([]string, error) {
	surfaces := slices.Clone(ix.surfaces)
	sort.Strings(surfaces)
	// Raw size of a shard: its surface forms plus, once per shard, the
	// postings of their stems (about 6 bytes a posting).
	seen := make([]int, len(ix.stems))
	gen := 0
	cost := func(ws []string) int {
		gen++
		n := 0
		for _, w := range ws {
			n += len(w) + 6
			if st := ix.stemOf[ix.surfNum[w]]; seen[st] != gen {
				seen[st] = gen
				n += len(ix.stems[st]) + 6*len(ix.postings[st])
			}
		}
		return n
	}
	var keys []string
	var err error
	emit := func(key string, ws []string) {
		if err = ctx.Err(); err != nil {
			return
		}
		keys = append(keys, key)
		files["t/"+key+".json"] = ix.termShard(ws)
	}
	var split func(key string, ws []string)
	split = func(key string, ws []string) {
		if err != nil {
			return
		}
		if len(key) >= MaxKeyLen || cost(ws) <= limit {
			emit(key, ws)
			return
		}
		// ws is sorted: the words as long as key come first, then runs
		// sharing one more letter.
		i := 0
		for i < len(ws) && len(ws[i]) == len(key) {
			i++
		}
		if i > 0 {
			emit(key, ws[:i])
		}
		for i < len(ws) {
			k := ws[i][:len(key)+1]
			j := i
			for j < len(ws) && strings.HasPrefix(ws[j], k) {
				j++
			}
			split(k, ws[i:j])
			i = j
		}
	}
	for i := 0; i < len(surfaces); {
		k := surfaces[i][:1]
		j := i
		for j < len(surfaces) && strings.HasPrefix(surfaces[j], k) {
			j++
		}
		split(k, surfaces[i:j])
		i = j
	}
	if err != nil {
		return nil, err
	}
	sort.Strings(keys)
	return keys, nil
}

// termShard encodes the TermShard of the words ws, as encoding/json would
// (without HTML escaping), appended by hand: the national index has
// hundreds of shards holding a million postings.
func (ix *inverted) termShard(ws []string) []byte {
	idx := map[int]int{}
	var stems []int
	b := make([]byte, 0, 1024)
	b = append(b, `{"w":[`...)
	for i, w := range ws {
		st := ix.stemOf[ix.surfNum[w]]
		j, ok := idx[st]
		if !ok {
			j = len(stems)
			idx[st] = j
			stems = append(stems, st)
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = appendenc.JSONString(b, w)
		b = append(b, ',')
		b = appendenc.JSONInt(b, j)
	}
	b = append(b, `],"s":`...)
	if len(stems) == 0 {
		return append(b, `null,"p":null}`...)
	}
	for i, st := range stems {
		b = append(b, sep(i)...)
		b = appendenc.JSONString(b, ix.stems[st])
	}
	b = append(b, `],"p":`...)
	for i, st := range stems {
		b = append(b, sep(i)...)
		b = append(b, '[')
		b = appendPostings(b, ix.postings[st])
		b = append(b, ']')
	}
	return append(b, "]}"...)
}

// sep is what goes before item i of an array: the opening bracket, then
// commas.
func sep(i int) string {
	if i == 0 {
		return "["
	}
	return ","
}

// appendPostings appends gap, score, gap, score… (without brackets).
func appendPostings(b []byte, p []posting) []byte {
	prev := 0
	for i, x := range p {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendenc.JSONInt(b, x.id-prev)
		b = append(b, ',')
		b = appendenc.JSONInt(b, quantise(x.score))
		prev = x.id
	}
	return b
}

// docShards cuts the documents into shards of about limit raw bytes (the
// sum of their entries' sizes), never across kinds, and returns the first
// id of each.
func docShards(docs []Doc, kinds []KindSpan, limit int, files map[string][]byte) []int {
	var starts []int
	var cur []byte
	for _, span := range kinds {
		size := 0
		first := span.From
		flush := func(next int) {
			if len(cur) == 0 {
				return
			}
			files["d/"+strconv.Itoa(len(starts))+".json"] = append(cur, ']')
			starts = append(starts, first)
			cur, size, first = nil, 0, next
		}
		for id := span.From; id < span.To; id++ {
			if cur == nil {
				cur = make([]byte, 0, limit+limit/2)
			}
			cur = append(cur, sep(len(cur))...)
			n := len(cur)
			cur = appendEntry(cur, docs[id])
			size += len(cur) - n
			if size >= limit {
				flush(id + 1)
			}
		}
		flush(span.To)
	}
	return starts
}

// appendEntry appends the DocEntry of d: [title, url, text, badge, alt…].
func appendEntry(b []byte, d Doc) []byte {
	b = append(b, '[')
	for i, s := range [4]string{d.Title, d.URL, d.Text, d.Badge} {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendenc.JSONString(b, s)
	}
	for _, a := range d.Alt {
		b = append(b, ',')
		b = appendenc.JSONString(b, a)
	}
	return append(b, ']')
}

// idf is the weight of a stem found in df of n documents. Rare words count
// more than common ones.
func idf(df, n int) float64 { return math.Log(1 + float64(n)/float64(df)) }
