package site

import (
	"reflect"
	"testing"

	"labo/internal/diag"
	"labo/internal/venue"
)

// TestVenueDigest: the key of a venue's outputs changes with any field of
// its row or of its qualifications, and separates fields.
func TestVenueDigest(t *testing.T) {
	s, problems := Load(testFS(), "")
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	v := s.venueByID["a"]
	key := VenueDigest(v)
	if key != VenueDigest(v) {
		t.Fatal("the key of a venue is not stable")
	}
	row := v.Row
	rv := reflect.ValueOf(&v.Row).Elem()
	for i := range rv.NumField() {
		rv.Field(i).SetString(rv.Field(i).String() + "x")
		if VenueDigest(v) == key {
			t.Errorf("changing %s does not change the key", rv.Type().Field(i).Name)
		}
		v.Row = row
	}
	if len(v.Quals) == 0 {
		t.Fatal("venue a has no qualification")
	}
	q := v.Quals[0].Row
	v.Quals[0].Status += "x"
	if VenueDigest(v) == key {
		t.Error("changing a qualification does not change the key")
	}
	v.Quals[0].Row = q
	a := &Venue{Venue: &venue.Venue{Row: v.Row}}
	b := &Venue{Venue: &venue.Venue{Row: v.Row}}
	a.Nom, a.Commune = "ab", "c"
	b.Nom, b.Commune = "a", "bc"
	if VenueDigest(a) == VenueDigest(b) {
		t.Error("the key does not separate fields")
	}
}

// TestSiteKeys: the model's keys are the digests, made once for its venue
// side and shared by a model that reuses it; a département's key follows
// its venues'.
func TestSiteKeys(t *testing.T) {
	s, problems := Load(testFS(), "")
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	for _, v := range s.Venues {
		if got, want := s.VenueKey(v), VenueDigest(v); got != want {
			t.Errorf("VenueKey(%s) = %s, want %s", v.ID, got, want)
		}
	}
	seen := map[string]string{}
	for _, d := range s.Depts {
		k := s.DeptKey(d)
		if k != deptDigest(d, VenueDigest) {
			t.Errorf("DeptKey(%s) is not the digest of its venues' keys", d.Code)
		}
		if other, dup := seen[k]; dup {
			t.Errorf("départements %s and %s have one key", other, d.Code)
		}
		seen[k] = d.Code
	}
	again := Assemble(s.FS, Inputs{Config: s.Config, Ref: s.Ref, Previous: s}, &diag.List{})
	if again.keys != s.keys {
		t.Error("a model reusing a venue side does not reuse its keys")
	}
	// A model made without Assemble computes its keys each time.
	bare := &Site{Venues: s.Venues, Depts: s.Depts}
	if v := s.Venues[0]; bare.VenueKey(v) != s.VenueKey(v) || bare.DeptKey(s.Depts[0]) != s.DeptKey(s.Depts[0]) {
		t.Error("a bare model's keys differ")
	}
}
