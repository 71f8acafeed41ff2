// Package config reads site.toml, the one file that names the site and sets
// its build-wide options. Unknown keys are errors: a typo must not silently
// fall back to a default.
//
// Keys:
//
//	title, tagline, baseURL, language ("fr"), licence (SPDX id of the
//	datasets' licence among those package licence knows, default
//	"etalab-2.0"), contact (e-mail), build_date
//	(YYYY-MM-DD; SOURCE_DATE_EPOCH overrides it), k_anonymity (default 11),
//	timezone (default "Europe/Paris"), previous_release (folder of the
//	previous open-data release, for the change log), and the [map] table:
//	tiles (tile URL template, "" for none) and attribution.
package config

import (
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"labo/internal/diag"
	"labo/internal/licence"
	"labo/internal/tomlpos"
)

// FileName is the config file at the site root.
const FileName = "site.toml"

// Site is the decoded configuration.
type Site struct {
	Title           string `toml:"title"`
	Tagline         string `toml:"tagline"`
	BaseURL         string `toml:"baseURL"`
	Language        string `toml:"language"`
	Licence         string `toml:"licence"`
	Contact         string `toml:"contact"`
	BuildDate       string `toml:"build_date"`
	KAnonymity      int    `toml:"k_anonymity"`
	Timezone        string `toml:"timezone"`
	PreviousRelease string `toml:"previous_release"`
	Map             Map    `toml:"map"`

	// Derived, not read from the file.
	Date     time.Time      `toml:"-"` // build date, midnight in Location
	Location *time.Location `toml:"-"`
	Base     *url.URL       `toml:"-"`
}

// Map configures the interactive map.
type Map struct {
	Tiles       string `toml:"tiles"`
	Attribution string `toml:"attribution"`
}

// Parse decodes site.toml. sourceDateEpoch is the value of the
// SOURCE_DATE_EPOCH environment variable ("" when unset). Problems are added
// to problems; the returned Site is usable only when none were added.
func Parse(data []byte, sourceDateEpoch string, problems *diag.List) *Site {
	s := &Site{Language: "fr", Licence: "etalab-2.0", KAnonymity: 11, Timezone: "Europe/Paris"}
	md, err := toml.Decode(string(data), s)
	if err != nil {
		problems.Add(tomlpos.DecodeProblem(FileName, err, 0))
		return s
	}
	ix := tomlpos.New(string(data), 0)
	for _, k := range md.Undecoded() {
		problems.Add(diag.Problem{File: FileName, Line: ix.Line(k), Field: k.String(),
			Msg: "unknown key (expected one of title, tagline, baseURL, language, licence, contact, build_date, k_anonymity, timezone, previous_release, [map] tiles, attribution)"})
	}
	line := func(key ...string) int { return ix.Line(key) }
	if strings.TrimSpace(s.Title) == "" {
		problems.Add(diag.Problem{File: FileName, Field: "title", Msg: "expected a site title, found nothing"})
	}
	u, err := url.Parse(s.BaseURL)
	if s.BaseURL == "" || err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		problems.Add(diag.Problem{File: FileName, Line: line("baseURL"), Field: "baseURL",
			Msg: fmt.Sprintf("expected an absolute http(s) URL, found %q", s.BaseURL)})
	} else {
		if !strings.HasSuffix(u.Path, "/") {
			u.Path += "/"
		}
		s.Base = u
		s.BaseURL = u.String()
	}
	if s.Language != "fr" {
		problems.Add(diag.Problem{File: FileName, Line: line("language"), Field: "language",
			Msg: fmt.Sprintf("expected \"fr\" (the only language of the templates), found %q", s.Language)})
	}
	if l := licence.Lookup(s.Licence); l == nil {
		problems.Add(diag.Problem{File: FileName, Line: line("licence"), Field: "licence",
			Msg: fmt.Sprintf("expected the SPDX id of an open licence (%s), found %q", strings.Join(licence.IDs(), ", "), s.Licence)})
	} else {
		s.Licence = l.ID
	}
	if s.KAnonymity < 2 {
		problems.Add(diag.Problem{File: FileName, Line: line("k_anonymity"), Field: "k_anonymity",
			Msg: fmt.Sprintf("expected a threshold of at least 2 people, found %d", s.KAnonymity)})
	}
	loc, err := time.LoadLocation(s.Timezone)
	if err != nil {
		problems.Add(diag.Problem{File: FileName, Line: line("timezone"), Field: "timezone",
			Msg: fmt.Sprintf("expected an IANA time zone such as Europe/Paris, found %q", s.Timezone)})
		loc = time.UTC
	}
	s.Location = loc
	switch {
	case sourceDateEpoch != "":
		sec, err := strconv.ParseInt(sourceDateEpoch, 10, 64)
		if err != nil {
			problems.Add(diag.Problem{File: "SOURCE_DATE_EPOCH", Msg: fmt.Sprintf("expected seconds since 1970, found %q", sourceDateEpoch)})
			break
		}
		t := time.Unix(sec, 0).In(loc)
		s.Date = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
	case s.BuildDate != "":
		d, err := time.ParseInLocation(time.DateOnly, s.BuildDate, loc)
		if err != nil {
			problems.Add(diag.Problem{File: FileName, Line: line("build_date"), Field: "build_date",
				Msg: fmt.Sprintf("expected a date YYYY-MM-DD, found %q", s.BuildDate)})
			break
		}
		s.Date = d
	default:
		problems.Add(diag.Problem{File: FileName, Field: "build_date",
			Msg: "expected a build date YYYY-MM-DD (or SOURCE_DATE_EPOCH in the environment), found nothing; builds never read the clock"})
	}
	if s.Date.IsZero() {
		s.Date = time.Date(2000, 1, 1, 0, 0, 0, 0, loc)
	}
	return s
}

// Load reads site.toml from the site root.
func Load(fsys fs.FS, sourceDateEpoch string, problems *diag.List) *Site {
	data, err := fs.ReadFile(fsys, FileName)
	if err != nil {
		problems.Add(diag.Problem{File: FileName, Msg: "cannot read the site configuration: " + err.Error()})
		return Parse(nil, sourceDateEpoch, &diag.List{})
	}
	s := Parse(data, sourceDateEpoch, problems)
	checkPreviousRelease(fsys, s, data, problems)
	return s
}

// checkPreviousRelease reports a previous_release folder that does not hold
// a published lieux.csv, so that `labo check` finds it before a build.
func checkPreviousRelease(fsys fs.FS, s *Site, data []byte, problems *diag.List) {
	dir := s.PreviousRelease
	if dir == "" {
		return
	}
	var err error
	if filepath.IsAbs(dir) {
		_, err = os.Stat(filepath.Join(dir, "lieux.csv"))
	} else {
		_, err = fs.Stat(fsys, path.Join(path.Clean(filepath.ToSlash(dir)), "lieux.csv"))
	}
	if err != nil {
		problems.Add(diag.Problem{File: FileName, Line: tomlpos.New(string(data), 0).Line([]string{"previous_release"}), Field: "previous_release",
			Msg: fmt.Sprintf("expected a folder holding the lieux.csv of the previous open-data release, found none at %q", dir)})
	}
}

// Abs returns the absolute URL of a site path such as "/lieux/".
func (s *Site) Abs(path string) string {
	if s.Base == nil {
		return path
	}
	return strings.TrimSuffix(s.BaseURL, "/") + path
}
