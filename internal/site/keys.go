package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"reflect"
	"strconv"
	"sync"

	"labo/internal/parallel"
)

// keyMemo holds the digests of the venue side, made once per venue side (the
// dev server reuses a venue side, with its keys, while only content
// changes).
type keyMemo struct {
	once  sync.Once
	venue map[*Venue]string
	dept  map[*Dept]string
}

// VenueKey is a digest of a venue's own inputs: its row of lieux.csv and
// its rows of qualifications.csv. With the site-wide inputs, they make
// everything a page or file about the venue shows (render.Job.Key). The
// keys of all venues are made together, once, on every processor.
func (s *Site) VenueKey(v *Venue) string {
	if s.keys == nil { // a model not made by Assemble (tests)
		return VenueDigest(v)
	}
	s.makeKeys()
	if k, ok := s.keys.venue[v]; ok {
		return k
	}
	return VenueDigest(v)
}

// DeptKey is a digest of the keys of a département's venues: with the
// site-wide inputs, everything a page or file listing them shows.
func (s *Site) DeptKey(d *Dept) string {
	if s.keys != nil {
		s.makeKeys()
		if k, ok := s.keys.dept[d]; ok {
			return k
		}
	}
	return deptDigest(d, s.VenueKey)
}

func deptDigest(d *Dept, venueKey func(*Venue) string) string {
	h := sha256.New()
	for _, v := range d.Venues {
		h.Write([]byte(venueKey(v)))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

func (s *Site) makeKeys() {
	s.keys.once.Do(func() {
		digests := make([]string, len(s.Venues))
		parallel.Each(parallel.Chunks(len(s.Venues)), 0, func(c [2]int) error {
			for i := c[0]; i < c[1]; i++ {
				digests[i] = VenueDigest(s.Venues[i])
			}
			return nil
		})
		s.keys.venue = make(map[*Venue]string, len(s.Venues))
		for i, v := range s.Venues {
			s.keys.venue[v] = digests[i]
		}
		s.keys.dept = make(map[*Dept]string, len(s.Depts))
		for _, d := range s.Depts {
			s.keys.dept[d] = deptDigest(d, func(v *Venue) string { return s.keys.venue[v] })
		}
	})
}

// VenueDigest computes a venue's key (VenueKey) from its rows.
func VenueDigest(v *Venue) string {
	b := make([]byte, 0, 2048)
	b = appendFields(b, reflect.ValueOf(v.Row))
	for _, q := range v.Quals {
		b = appendFields(b, reflect.ValueOf(q.Row))
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

// appendFields appends every field of a struct, each with its length.
func appendFields(b []byte, rv reflect.Value) []byte {
	for i := range rv.NumField() {
		f := rv.Field(i)
		s := ""
		if f.Kind() == reflect.String {
			s = f.String()
		} else {
			s = fmt.Sprint(f.Interface())
		}
		b = strconv.AppendInt(b, int64(len(s)), 10)
		b = append(b, ':')
		b = append(b, s...)
	}
	return append(b, ';')
}
