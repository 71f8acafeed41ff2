package geo

import (
	_ "embed"
	"slices"
	"strings"
	"sync"

	"github.com/paulmach/orb"

	"labo/internal/frtext"
	"labo/internal/geo/internal/comtab"
)

//go:generate go run ./internal/gencommunes

// communesBin is the commune table in comtab's layout. It is embedded as a
// string so that the names and codes of communes are substrings of it,
// never copied.
//
//go:embed communes.bin
var communesBin string

// Commune is a current French commune with an approximate position, for
// searching by name or postcode without a geocoding server.
type Commune struct {
	Code       string // INSEE code
	Nom        string
	Dept       string   // département code
	Postcodes  []string // may be several
	Population int
	Point      orb.Point // longitude, latitude; zero when Precision is 0
	// Precision of Point: 'c' the commune itself (GeoNames), 'p' the largest
	// commune sharing its postcode, 'a' its arrondissement's seat, 0 none.
	Precision byte
}

var (
	communesOnce sync.Once
	communes     []*Commune // in INSEE code order
	byCode       []int32    // codeSlot(c.Code) → 1 + index in communes, 0 for none
	// The communes using postcodes[i] are byPostcode[postcodeAt[i]:postcodeAt[i+1]].
	postcodes  []string // sorted
	postcodeAt []int32
	byPostcode []*Commune
)

// loadCommunes decodes the embedded table: a few milliseconds and four
// allocations, the strings staying where they are.
func loadCommunes() {
	d := tableReader{s: communesBin}
	if !strings.HasPrefix(d.s, comtab.Magic) {
		panic("geo: embedded commune table has the wrong format")
	}
	d.i = len(comtab.Magic)
	n, refs := d.uvarint(), d.uvarint()
	all := make([]Commune, n)
	communes = make([]*Commune, n)
	cps := make([]string, refs)
	for i := range all {
		c := &all[i]
		c.Code = d.bytes(5)
		c.Nom = d.bytes(d.uvarint())
		c.Dept = d.bytes(d.uvarint())
		k := d.uvarint()
		for j := range k {
			cps[j] = d.bytes(5)
		}
		c.Postcodes, cps = cps[:k:k], cps[k:]
		c.Population = d.uvarint()
		if c.Precision = d.bytes(1)[0]; c.Precision != 0 {
			lat, lon := d.varint(), d.varint()
			// Exactly what parsing the decimal text would give: both
			// round the same quotient correctly.
			c.Point = orb.Point{float64(lon) / 1e4, float64(lat) / 1e4}
		}
		communes[i] = c
	}
	byCode = make([]int32, codeSlots)
	for i, c := range communes {
		byCode[codeSlot(c.Code)] = int32(i + 1)
	}
	m := d.uvarint()
	postcodes = make([]string, m)
	postcodeAt = make([]int32, m+1)
	byPostcode = make([]*Commune, 0, refs)
	for i := range postcodes {
		postcodes[i] = d.bytes(5)
		postcodeAt[i] = int32(len(byPostcode))
		at := 0
		for range d.uvarint() {
			at += d.uvarint()
			byPostcode = append(byPostcode, communes[at])
		}
	}
	postcodeAt[m] = int32(len(byPostcode))
	if d.i != len(d.s) {
		panic("geo: embedded commune table has trailing bytes")
	}
}

// tableReader reads comtab's layout (varints as in encoding/binary, read
// from a string without copying); the table is generated, so a
// malformed one is a bug and panics (out of range).
type tableReader struct {
	s string
	i int
}

func (d *tableReader) bytes(n int) string {
	s := d.s[d.i : d.i+n]
	d.i += n
	return s
}

func (d *tableReader) uvarint() int {
	var x uint64
	for shift := 0; ; shift += 7 {
		c := d.s[d.i]
		d.i++
		if c < 0x80 {
			return int(x | uint64(c)<<shift)
		}
		x |= uint64(c&0x7f) << shift
	}
}

func (d *tableReader) varint() int64 {
	ux := uint64(d.uvarint())
	x := int64(ux >> 1)
	if ux&1 != 0 {
		x = ^x
	}
	return x
}

// Communes returns every current commune, in INSEE code order. The table is
// decoded on first use.
func Communes() []*Commune {
	communesOnce.Do(loadCommunes)
	return communes
}

// CommuneByCode returns the commune with that INSEE code, or nil.
func CommuneByCode(code string) *Commune {
	communesOnce.Do(loadCommunes)
	if i := codeSlot(code); i >= 0 && byCode[i] > 0 {
		return communes[byCode[i]-1]
	}
	return nil
}

// codeSlots bounds codeSlot.
const codeSlots = 100 * 1000

// codeSlot numbers the codes of the form INSEE codes take, two digits (or
// 2A, 2B) then three digits, below codeSlots, or returns -1: lookups by
// code are an index, not a search (25,000 of them in a national check).
func codeSlot(code string) int {
	if len(code) != 5 {
		return -1
	}
	n := 0
	for i := 2; i < 5; i++ {
		if code[i] < '0' || code[i] > '9' {
			return -1
		}
		n = n*10 + int(code[i]-'0')
	}
	var d int
	switch a, b := code[0], code[1]; {
	case a == '2' && b == 'A':
		d = 0 // "00" is no département
	case a == '2' && b == 'B':
		d = 20 // "20" is no département since 1976
	case a >= '0' && a <= '9' && b >= '0' && b <= '9' && !(a == '0' && b == '0') && !(a == '2' && b == '0'):
		d = int(a-'0')*10 + int(b-'0')
	default:
		return -1
	}
	return d*1000 + n
}

// CommunesByPostcode returns the communes that use a postcode, in INSEE
// code order.
func CommunesByPostcode(cp string) []*Commune {
	communesOnce.Do(loadCommunes)
	i, ok := slices.BinarySearch(postcodes, cp)
	if !ok {
		return nil
	}
	return byPostcode[postcodeAt[i]:postcodeAt[i+1]:postcodeAt[i+1]]
}

// SameName reports whether two spellings name the same commune: case,
// accents, hyphens, apostrophes and "St"/"Saint" abbreviations aside.
func SameName(a, b string) bool { return a == b || nameKey(a) == nameKey(b) }

// NameKey is the form SameName compares: lowercase, no accents, hyphens
// and apostrophes as spaces, "St" and "Ste" spelt out.
func NameKey(s string) string { return nameKey(s) }

func nameKey(s string) string {
	words := strings.Fields(strings.Map(func(r rune) rune {
		if r == '-' || r == '\'' || r == '’' || r == '.' {
			return ' '
		}
		return r
	}, strings.ToLower(frtext.Fold(s))))
	for i, w := range words {
		switch w {
		case "st":
			words[i] = "saint"
		case "ste":
			words[i] = "sainte"
		}
	}
	return strings.Join(words, " ")
}
