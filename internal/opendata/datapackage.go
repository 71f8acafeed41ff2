package opendata

import (
	"strings"
	"time"

	"labo/internal/dataset"
	"labo/internal/frtext"
	"labo/internal/licence"
	"labo/internal/site"
	"labo/internal/tableschema"
)

// dataPackage is a Frictionless Data Package (v1).
type dataPackage struct {
	Profile      string        `json:"profile"`
	Name         string        `json:"name"`
	Title        string        `json:"title"`
	Description  string        `json:"description"`
	Homepage     string        `json:"homepage"`
	Version      string        `json:"version"`
	Created      string        `json:"created"`
	Keywords     []string      `json:"keywords"`
	Licenses     []dpLicence   `json:"licenses"`
	Contributors []contributor `json:"contributors"`
	Resources    []resource    `json:"resources"`
}

type dpLicence struct {
	Name  string `json:"name"`
	Path  string `json:"path"`
	Title string `json:"title"`
}

type contributor struct {
	Title string `json:"title"`
	Email string `json:"email,omitempty"`
	Path  string `json:"path,omitempty"`
	Role  string `json:"role"`
}

type resource struct {
	Profile     string              `json:"profile"`
	Name        string              `json:"name"`
	Path        string              `json:"path"`
	Title       string              `json:"title"`
	Description string              `json:"description"`
	Format      string              `json:"format"`
	Mediatype   string              `json:"mediatype"`
	Encoding    string              `json:"encoding"`
	Bytes       int                 `json:"bytes"`
	Hash        string              `json:"hash"`
	Schema      *tableschema.Schema `json:"schema,omitempty"`
	Sources     []source            `json:"sources,omitempty"`
}

type source struct {
	Title string `json:"title"`
	Path  string `json:"path"`
}

// relPath is the path of a dataset relative to the donnees/ folder, or its
// absolute URL when it lives elsewhere in the site.
func relPath(s *site.Site, d *dataset.Dataset) string {
	if rel, ok := strings.CutPrefix(d.Path, Dir+"/"); ok {
		return rel
	}
	return s.Config.Abs("/" + d.Path)
}

// TableSchema converts a dataset's fields to a Frictionless Table Schema.
func TableSchema(d *dataset.Dataset) *tableschema.Schema {
	ts := &tableschema.Schema{}
	if d.PrimaryKey != "" {
		ts.PrimaryKey = tableschema.Keys{d.PrimaryKey}
	}
	for _, f := range d.Schema {
		tf := tableschema.Field{Name: f.Name, Title: f.Title, Description: f.Description, Type: f.Type, Format: f.Format, Example: f.Example}
		if f.Type == "boolean" {
			tf.TrueValues, tf.FalseValues = []string{"true"}, []string{"false"}
		}
		if f.Required || f.Unique || f.Pattern != "" || len(f.Enum) > 0 || f.MaxLength > 0 {
			c := &tableschema.Constraints{Required: f.Required, Unique: f.Unique, Pattern: f.Pattern, Enum: f.Enum}
			if f.MaxLength > 0 {
				n := f.MaxLength
				c.MaxLength = &n
			}
			tf.Constraints = c
		}
		ts.Fields = append(ts.Fields, tf)
	}
	return ts
}

func buildDataPackage(s *site.Site, lic *licence.Licence, datasets []*dataset.Dataset) dataPackage {
	dp := dataPackage{
		Profile: "data-package", Name: frtext.Slug(s.Config.Title),
		Title:       s.Config.Title + " : données ouvertes",
		Description: "Les lieux de médiation numérique du réseau, leurs qualifications, le référentiel des services et les indicateurs, publiés le " + frtext.Date(s.Config.Date) + ".",
		Homepage:    s.Config.Abs("/" + Dir + "/"), Version: s.Config.Date.Format(time.DateOnly),
		Created:      s.Config.Date.Format(time.RFC3339),
		Keywords:     []string{"médiation numérique", "inclusion numérique", "Pass numérique"},
		Licenses:     []dpLicence{{Name: lic.ID, Path: lic.URL, Title: lic.Title}},
		Contributors: []contributor{{Title: s.Config.Title, Email: s.Config.Contact, Path: s.Config.BaseURL, Role: "publisher"}},
	}
	for _, d := range datasets {
		r := resource{
			Profile: "data-resource", Name: d.Name, Path: relPath(s, d), Title: d.Title, Description: d.Description,
			Format: d.Format, Mediatype: d.MediaType, Encoding: "utf-8", Bytes: d.Bytes, Hash: "sha256:" + d.SHA256,
		}
		if d.Format == "csv" && len(d.Schema) > 0 {
			r.Profile = "tabular-data-resource"
			r.Schema = TableSchema(d)
		}
		if d.ConformsTo != "" {
			r.Sources = []source{{Title: "Schéma suivi", Path: d.ConformsTo}}
		}
		dp.Resources = append(dp.Resources, r)
	}
	return dp
}
