package frtext

import (
	"sync"
	"unicode/utf8"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Collator sorts strings in French order. It is safe for concurrent use
// (generators run in parallel): each call that needs an x/text collator,
// which is not, borrows one from a pool. To sort many strings, compute
// their keys once and compare bytes.
type Collator struct{ pool sync.Pool }

// collator is what the pool holds: an x/text collator and its key buffer
// (4 KB, too big to allocate per key).
type collator struct {
	c   *collate.Collator
	buf collate.Buffer
}

// NewCollator returns a French collator that ignores case differences at the
// primary level, so "évaux" sorts with "Evaux".
func NewCollator() *Collator {
	c := &Collator{}
	c.pool.New = func() any { return &collator{c: newCollate()} }
	return c
}

func newCollate() *collate.Collator { return collate.New(language.French, collate.Loose) }

// Key returns a sort key for s; compare keys with bytes.Compare.
//
// Keys of the strings names are made of (Latin letters with or without
// accents, digits, punctuation) are assembled from a table of per-character
// keys, byte for byte what the collator gives, several times faster; other
// strings go through the collator.
func (c *Collator) Key(s string) []byte {
	if k, ok := fastKey(s); ok {
		return k
	}
	cc := c.pool.Get().(*collator)
	cc.buf.Reset()
	k := append([]byte(nil), cc.c.KeyFromString(&cc.buf, s)...)
	c.pool.Put(cc)
	return k
}

// Compare compares a and b in French order.
func (c *Collator) Compare(a, b string) int {
	cc := c.pool.Get().(*collator)
	n := cc.c.CompareString(a, b)
	c.pool.Put(cc)
	return n
}

// The loose French collator keeps primary weights only (case, accents and
// width ignored), so the key of a string is the concatenation of the keys
// of its characters, except across contractions and the like. Within
// fastRune's set the only contraction is "l·" (Catalan's ela geminada), so
// the middle dot is left out; TestFastKeyPairs checks every pair of the set
// against the collator, FuzzKey arbitrary strings.
func fastRune(r rune) bool {
	switch {
	case r == '·':
		return false
	case r < 0x250: // ASCII, Latin-1, Latin Extended-A and B
		return true
	case r >= 0x300 && r < 0x370: // combining diacritical marks
		return true
	case r >= 0x2000 && r < 0x2070: // general punctuation (’ – … and spaces)
		return true
	}
	return false
}

const fastLimit = 0x2070 // every fastRune is below

var (
	fastOnce sync.Once
	// fastSpan[r] is the start (high bits) and length (low 8 bits) of r's
	// key in fastBytes, or noFast.
	fastSpan  []uint32
	fastBytes []byte
)

const noFast = 0xFF

func initFast() {
	c := newCollate()
	var buf collate.Buffer
	fastSpan = make([]uint32, fastLimit)
	for r := range rune(fastLimit) {
		if !fastRune(r) {
			fastSpan[r] = noFast
			continue
		}
		buf.Reset()
		k := c.KeyFromString(&buf, string(r))
		if len(k) >= noFast {
			fastSpan[r] = noFast
			continue
		}
		fastSpan[r] = uint32(len(fastBytes))<<8 | uint32(len(k))
		fastBytes = append(fastBytes, k...)
	}
}

// fastKey returns the key of s from the table, or false when s has a
// character outside it.
func fastKey(s string) ([]byte, bool) {
	fastOnce.Do(initFast)
	n := 0
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
			if r >= fastLimit { // including utf8.RuneError for invalid bytes
				return nil, false
			}
		}
		sp := fastSpan[r]
		if sp&0xFF == noFast {
			return nil, false
		}
		n += int(sp & 0xFF)
		i += size
	}
	k := make([]byte, 0, n)
	for _, r := range s {
		sp := fastSpan[r]
		k = append(k, fastBytes[sp>>8:sp>>8+sp&0xFF]...)
	}
	return k, true
}
