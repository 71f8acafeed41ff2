package geo

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"strconv"
	"strings"
	"sync"

	"github.com/paulmach/orb"

	"labo/internal/frtext"
)

//go:generate go run ./internal/gencommunes

//go:embed communes.tsv.gz
var communesGz []byte

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
	communes     []*Commune
	communeByID  map[string]*Commune
	byPostcode   map[string][]*Commune
)

func loadCommunes() {
	zr, err := gzip.NewReader(bytes.NewReader(communesGz))
	if err != nil {
		panic("geo: embedded commune table is corrupt: " + err.Error())
	}
	sc := bufio.NewScanner(zr)
	sc.Scan() // header
	communeByID = make(map[string]*Commune, 36000)
	byPostcode = make(map[string][]*Commune, 7000)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 8 {
			panic("geo: embedded commune table has a bad line: " + sc.Text())
		}
		c := &Commune{Code: f[0], Nom: f[1], Dept: f[2], Postcodes: strings.Fields(f[3])}
		c.Population, _ = strconv.Atoi(f[4])
		if f[7] != "" {
			lat, _ := strconv.ParseFloat(f[5], 64)
			lon, _ := strconv.ParseFloat(f[6], 64)
			c.Point, c.Precision = orb.Point{lon, lat}, f[7][0]
		}
		communes = append(communes, c)
		communeByID[c.Code] = c
		for _, cp := range c.Postcodes {
			byPostcode[cp] = append(byPostcode[cp], c)
		}
	}
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
	return communeByID[code]
}

// CommunesByPostcode returns the communes that use a postcode, in INSEE
// code order.
func CommunesByPostcode(cp string) []*Commune {
	communesOnce.Do(loadCommunes)
	return byPostcode[cp]
}

// SameName reports whether two spellings name the same commune: case,
// accents, hyphens, apostrophes and "St"/"Saint" abbreviations aside.
func SameName(a, b string) bool { return nameKey(a) == nameKey(b) }

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
