package pages_test

import (
	"os"
	"reflect"
	"testing"

	"labo/internal/browsertest"
	"labo/internal/pages"
	"labo/internal/site"
	"labo/internal/venue"
)

// TestVenueKey: the key of a venue's outputs changes with any field of its
// row or of its qualifications, and separates fields.
func TestVenueKey(t *testing.T) {
	s, problems := site.Load(os.DirFS(browsertest.Root(t)), "")
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	v := s.Venues[0]
	key := pages.VenueKey(v)
	if key != pages.VenueKey(v) {
		t.Fatal("the key of a venue is not stable")
	}
	row := v.Row
	rv := reflect.ValueOf(&v.Row).Elem()
	for i := range rv.NumField() {
		rv.Field(i).SetString(rv.Field(i).String() + "x")
		if pages.VenueKey(v) == key {
			t.Errorf("changing %s does not change the key", rv.Type().Field(i).Name)
		}
		v.Row = row
	}
	if len(v.Quals) == 0 {
		t.Fatal("the first demo venue has no qualification")
	}
	q := v.Quals[0].Row
	v.Quals[0].Status += "x"
	if pages.VenueKey(v) == key {
		t.Error("changing a qualification does not change the key")
	}
	v.Quals[0].Row = q
	a, b := *v, *v
	a.Venue, b.Venue = &venue.Venue{Row: v.Row}, &venue.Venue{Row: v.Row}
	a.Nom, a.Commune = "ab", "c"
	b.Nom, b.Commune = "a", "bc"
	if pages.VenueKey(&a) == pages.VenueKey(&b) {
		t.Error("the key does not separate fields")
	}
}
