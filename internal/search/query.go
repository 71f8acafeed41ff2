package search

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// This file is the reference implementation of the query side. It reads
// only the files the browser reads (meta.json, term and document shards)
// and follows static/js/search.js step by step, so that Go tests check the
// index as the browser will use it. Keep the two in step.

// Match qualities: how much a hit through each kind of match counts.
const (
	qualityExact  = 1.0 // the word is in the vocabulary
	qualityEnding = 0.9 // the word is a known stem plus an ending stemming removes
	qualityPrefix = 0.7 // the last word starts a longer vocabulary word
	qualityTypo1  = 0.6 // one edit away
	qualityTypo2  = 0.4 // two edits away
	minPrefixLen  = MaxKeyLen
	minEndingStem = 3
)

// MaxEdits is the typo tolerance of a word of n letters: none under 4
// letters, one edit for 4 to 7 letters, two from 8 letters. An edit is an
// insertion, a deletion, a substitution or a swap of two neighbours.
func MaxEdits(n int) int {
	switch {
	case n < 4:
		return 0
	case n < 8:
		return 1
	}
	return 2
}

// Hit is a found document.
type Hit struct {
	ID    int
	Kind  Kind
	Score float64
	Title string
	URL   string
}

// Result is the answer to a query.
type Result struct {
	Words   []string // the query's tokens
	Partial bool     // no document had every word: hits have some of them
	Hits    []Hit    // best first
	Marks   []string // folded surface forms to highlight
}

// Searcher answers queries from the files of an index.
type Searcher struct {
	files  map[string][]byte
	meta   Meta
	shards map[string]*TermShard
	docs   map[int][]DocEntry
	Loaded []string // files read, in order, for measuring what a query downloads
}

// NewSearcher reads meta.json.
func NewSearcher(files map[string][]byte) (*Searcher, error) {
	s := &Searcher{files: files, shards: map[string]*TermShard{}, docs: map[int][]DocEntry{}}
	if err := s.load("meta.json", &s.meta); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Searcher) load(name string, v any) error {
	b, ok := s.files[name]
	if !ok {
		return fmt.Errorf("search: %s: no such file", name)
	}
	s.Loaded = append(s.Loaded, name)
	return json.Unmarshal(b, v)
}

// QueryTokens normalises a query like the index: Tokens, without repeats.
func QueryTokens(q string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range Tokens(q) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// Search runs a query. The last word may be incomplete (the visitor is
// typing it, or stopped early): from MaxKeyLen letters it also matches the
// words it starts, at a lower quality than a whole word.
func (s *Searcher) Search(q string) (*Result, error) {
	res := &Result{Words: QueryTokens(q)}
	if len(res.Words) == 0 {
		return res, nil
	}
	n := s.meta.Kinds[len(s.meta.Kinds)-1].To
	var perWord []map[int]float64
	marks := map[string]bool{}
	for i, w := range res.Words {
		scores := map[int]float64{}
		perWord = append(perWord, scores)
		sh, err := s.shardFor(w)
		if err != nil {
			return nil, err
		}
		if sh == nil {
			continue
		}
		last := i == len(res.Words)-1
		for st, quality := range matchStems(sh, w, s.meta.Endings, last) {
			for _, sf := range surfacesOf(sh, st) {
				marks[sf] = true
			}
			p := sh.P[st]
			df := len(p) / 2
			weight := quality * idf(df, n)
			id := 0
			for j := 0; j < len(p); j += 2 {
				id += p[j]
				if v := float64(p[j+1]) * weight; v > scores[id] {
					scores[id] = v
				}
			}
		}
		if last && len(w) >= minPrefixLen {
			marks[w+"*"] = true
		}
	}
	total := combine(perWord, true)
	if len(total) == 0 && len(perWord) > 1 {
		total = combine(perWord, false)
		res.Partial = len(total) > 0
	}
	for id, sc := range total {
		res.Hits = append(res.Hits, Hit{ID: id, Kind: s.kindOf(id), Score: sc})
	}
	sort.Slice(res.Hits, func(i, j int) bool {
		a, b := res.Hits[i], res.Hits[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		return a.ID < b.ID
	})
	for m := range marks {
		res.Marks = append(res.Marks, m)
	}
	sort.Strings(res.Marks)
	return res, nil
}

// combine adds up the scores of each document over the words. With all,
// only documents found by every word are kept; otherwise a document's sum
// is multiplied by the number of words that found it, so that documents
// with more of the words come first.
func combine(perWord []map[int]float64, all bool) map[int]float64 {
	out := map[int]float64{}
	count := map[int]int{}
	for _, m := range perWord {
		for id, v := range m {
			out[id] += v
			count[id]++
		}
	}
	for id := range out {
		switch {
		case all && count[id] < len(perWord):
			delete(out, id)
		case !all:
			out[id] *= float64(count[id])
		}
	}
	return out
}

// matchStems finds the stems a word stands for in its shard, with the
// quality of the best match to each.
func matchStems(sh *TermShard, w string, endings []string, last bool) map[int]float64 {
	found := map[int]float64{}
	better := func(st int, q float64) {
		if q > found[st] {
			found[st] = q
		}
	}
	exact := false
	for i := 0; i < len(sh.W); i += 2 {
		sf := sh.W[i].(string)
		st := stemIndex(sh.W[i+1])
		switch {
		case sf == w:
			better(st, qualityExact)
			exact = true
		case last && len(w) >= minPrefixLen && strings.HasPrefix(sf, w):
			better(st, qualityPrefix)
		}
	}
	if exact {
		return found
	}
	// A form absent from the vocabulary: a known stem plus an ending that
	// stemming removes ("ordinateurs" when only "ordinateur" was written).
	if !hasDigit(w) {
		best := -1
		for st, stem := range sh.S {
			if len(stem) >= minEndingStem && strings.HasPrefix(w, stem) && contains(endings, w[len(stem):]) &&
				(best < 0 || len(stem) > len(sh.S[best])) {
				best = st
			}
		}
		if best >= 0 {
			better(best, qualityEnding)
		}
	}
	// Typos, on forms of a length that can be within reach.
	if k := MaxEdits(len(w)); k > 0 && !hasDigit(w) {
		for i := 0; i < len(sh.W); i += 2 {
			sf := sh.W[i].(string)
			if d := len(sf) - len(w); d > k || d < -k {
				continue
			}
			switch d := Distance(w, sf, k); {
			case d == 1:
				better(stemIndex(sh.W[i+1]), qualityTypo1)
			case d == 2 && k >= 2:
				better(stemIndex(sh.W[i+1]), qualityTypo2)
			}
		}
	}
	return found
}

func stemIndex(v any) int {
	switch x := v.(type) {
	case float64:
		return int(x)
	case int:
		return x
	}
	return -1
}

func surfacesOf(sh *TermShard, st int) []string {
	var out []string
	for i := 0; i < len(sh.W); i += 2 {
		if stemIndex(sh.W[i+1]) == st {
			out = append(out, sh.W[i].(string))
		}
	}
	return out
}

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }

func contains(sorted []string, s string) bool {
	i := sort.SearchStrings(sorted, s)
	return i < len(sorted) && sorted[i] == s
}

// Distance is the optimal-string-alignment distance between a and b
// (insertions, deletions, substitutions and swaps of neighbours), or max+1
// when it is more than max.
func Distance(a, b string, max int) int {
	if a == b {
		return 0
	}
	la, lb := len(a), len(b)
	if d := la - lb; d > max || d < -max {
		return max + 1
	}
	prev2 := make([]int, lb+1)
	prev := make([]int, lb+1)
	cur := make([]int, lb+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= la; i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= lb; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[lb], max+1)
}

// shardFor loads the term shard of the longest key that prefixes w, or
// returns nil when no indexed word starts like w.
func (s *Searcher) shardFor(w string) (*TermShard, error) {
	key := ""
	for n := min(len(w), MaxKeyLen); n > 0; n-- {
		if contains(s.meta.Terms, w[:n]) {
			key = w[:n]
			break
		}
	}
	if key == "" {
		return nil, nil
	}
	if sh := s.shards[key]; sh != nil {
		return sh, nil
	}
	sh := &TermShard{}
	if err := s.load("t/"+key+".json", sh); err != nil {
		return nil, err
	}
	s.shards[key] = sh
	return sh, nil
}

func (s *Searcher) kindOf(id int) Kind {
	for _, k := range s.meta.Kinds {
		if id >= k.From && id < k.To {
			return k.Kind
		}
	}
	return ""
}

// Doc loads the shard of a document and fills in its title and URL.
func (s *Searcher) Doc(h *Hit) error {
	i := sort.Search(len(s.meta.Docs), func(i int) bool { return s.meta.Docs[i] > h.ID }) - 1
	if i < 0 {
		return fmt.Errorf("search: no document %d", h.ID)
	}
	docs, ok := s.docs[i]
	if !ok {
		if err := s.load(fmt.Sprintf("d/%d.json", i), &docs); err != nil {
			return err
		}
		s.docs[i] = docs
	}
	e := docs[h.ID-s.meta.Docs[i]]
	h.Title, _ = e[0].(string)
	h.URL, _ = e[1].(string)
	return nil
}

// Top returns the best n hits of each kind, with their documents loaded,
// as the results page shows them first.
func (s *Searcher) Top(res *Result, n int) (map[Kind][]Hit, error) {
	out := map[Kind][]Hit{}
	for _, h := range res.Hits {
		if len(out[h.Kind]) >= n {
			continue
		}
		if err := s.Doc(&h); err != nil {
			return nil, err
		}
		out[h.Kind] = append(out[h.Kind], h)
	}
	return out, nil
}
