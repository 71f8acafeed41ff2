package content

import (
	"bytes"
	"encoding/binary"
	"math"
	"path/filepath"
	"slices"

	"labo/internal/exehash"
	"labo/internal/parsecache"
)

// Cache keeps what parsing bodies gave between runs of labo, so that
// `labo check`, `labo build` and `labo serve` parse with goldmark only the
// bodies that changed since the last run (parsing is most of loading a
// national site). An entry's key is the SHA-256 of the body's bytes, the
// only input of parseBody; the file's version is the executable's hash,
// since other code may parse the same bytes differently. The front matter
// is decoded every time (it is cheap, and its problems need its lines).
// A nil *Cache is no cache.
type Cache struct {
	ready chan struct{}     // closed once the file is read
	c     *parsecache.Cache // nil when the executable cannot be read
}

// CacheFile is where the cache of a site folder lives, from its root.
const CacheFile = ".labo-cache/content.cache"

// cacheFormat names the encoding of encodeBody; the executable's hash
// already changes with it, the name makes the file say what it holds.
const cacheFormat = "content body 1"

// OpenCache opens the cache of the site folder dir. Hashing the executable
// and reading the file (tens of milliseconds for a national site) go on in
// the background, while the caller lists and reads the content files and
// loads the rest of the site; lookups wait for them.
func OpenCache(dir string) *Cache {
	c := &Cache{ready: make(chan struct{})}
	go func() {
		defer close(c.ready)
		if exe := exehash.Sum(); exe != "" {
			c.c = parsecache.Open(filepath.Join(dir, filepath.FromSlash(CacheFile)), cacheFormat+" "+exe)
		}
	}()
	return c
}

// store waits for the file to be read and returns it, or nil when there is
// no cache.
func (c *Cache) store() *parsecache.Cache {
	if c == nil {
		return nil
	}
	<-c.ready
	return c.c
}

// Save writes the bodies parsed or reused since the cache was opened or
// last saved, dropping the others (files deleted or edited), when that
// changes the file. Callers ignore its error: the cache is best effort
// (a read-only site folder is not a problem of the site).
func (c *Cache) Save() error {
	if s := c.store(); s != nil {
		return s.Save()
	}
	return nil
}

// Stats counts the bodies found in the cache and those parsed.
func (c *Cache) Stats() parsecache.Stats {
	if s := c.store(); s != nil {
		return s.Stats()
	}
	return parsecache.Stats{}
}

// encodeBody encodes what parseBody set, link lines relative to the body's
// first line:
//
//	words, len(text) text,
//	count of headings × { level, len(id) id, len(text) text },
//	count of links × { len(target) target, len(anchor) anchor,
//	                   line - bodyLine, open[0], open[1], close[0], close[1] },
//	len(html) html
//
// every integer an unsigned varint.
func (p *Page) encodeBody() []byte {
	size := 8*binary.MaxVarintLen64 + len(p.Text) + len(p.html)
	for _, h := range p.Headings {
		size += 3*binary.MaxVarintLen64 + len(h.ID) + len(h.Text)
	}
	for _, l := range p.Links {
		size += 7*binary.MaxVarintLen64 + len(l.Target) + len(l.Anchor)
	}
	b := make([]byte, 0, size)
	num := func(n int) { b = binary.AppendUvarint(b, uint64(n)) }
	str := func(s string) { num(len(s)); b = append(b, s...) }
	num(p.Words)
	str(p.Text)
	num(len(p.Headings))
	for _, h := range p.Headings {
		num(h.Level)
		str(h.ID)
		str(h.Text)
	}
	num(len(p.Links))
	for _, l := range p.Links {
		str(l.Target)
		str(l.Anchor)
		num(l.Line - p.bodyLine)
		num(l.span.open[0])
		num(l.span.open[1])
		num(l.span.close[0])
		num(l.span.close[1])
	}
	num(len(p.html))
	return append(b, p.html...)
}

// decodeBody sets what parseBody sets from b, made by encodeBody, and
// reports whether b was valid; when it was not, p is unchanged. The HTML
// is a slice of b (capped: ResolveLinks makes a new one when it rewrites
// links).
func (p *Page) decodeBody(b []byte) bool {
	bad := false
	num := func() int {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > math.MaxInt32 {
			bad = true
			return 0
		}
		b = b[k:]
		return int(n)
	}
	raw := func() []byte {
		n := num()
		if bad || n > len(b) {
			bad = true
			return nil
		}
		s := b[:n:n]
		b = b[n:]
		return s
	}
	str := func() string { return string(raw()) }
	count := func(min int) int { // a count of items of at least min bytes each
		n := num()
		if n > len(b)/min {
			bad = true
			return 0
		}
		return n
	}
	var r Page
	r.Words = num()
	r.Text = str()
	if n := count(3); n > 0 {
		r.Headings = make([]Heading, n)
		for i := range r.Headings {
			h := &r.Headings[i]
			h.Level, h.ID, h.Text = num(), str(), str()
			if h.Level < 1 || h.Level > 6 {
				bad = true
			}
		}
	}
	if n := count(7); n > 0 {
		r.Links = make([]Link, n)
		for i := range r.Links {
			l := &r.Links[i]
			l.Target, l.Anchor, l.Line = str(), str(), p.bodyLine+num()
			l.span.open = [2]int{num(), num()}
			l.span.close = [2]int{num(), num()}
		}
	}
	r.html = raw()
	if bad || len(b) != 0 || !validSpans(r.Links, r.html) {
		return false
	}
	p.Words, p.Text, p.Headings, p.Links, p.html = r.Words, r.Text, r.Headings, r.Links, r.html
	return true
}

// validSpans reports whether the links' spans are what render records, so
// that ResolveLinks can rely on them: each either absent (all zero) or an
// opening tag `<a href="…"…>` then a closing one inside html, and no two
// overlapping.
func validSpans(links []Link, html []byte) bool {
	var spans []linkSpan
	for _, l := range links {
		sp := l.span
		if sp == (linkSpan{}) {
			continue
		}
		if !(0 <= sp.open[0] && sp.open[0] < sp.open[1] && sp.open[1] <= sp.close[0] && sp.close[0] <= sp.close[1] && sp.close[1] <= len(html)) {
			return false
		}
		tag := html[sp.open[0]:sp.open[1]]
		const prefix = `<a href="`
		if !bytes.HasPrefix(tag, []byte(prefix)) || bytes.IndexByte(tag[len(prefix):], '"') < 0 {
			return false
		}
		spans = append(spans, sp)
	}
	slices.SortFunc(spans, func(a, b linkSpan) int { return a.open[0] - b.open[0] })
	for i := 1; i < len(spans); i++ {
		if spans[i].open[0] < spans[i-1].close[1] {
			return false
		}
	}
	return true
}
