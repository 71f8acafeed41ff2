package opendata

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"labo/internal/datainclusion"
	"labo/internal/dataset"
	"labo/internal/frtext"
	"labo/internal/licence"
	"labo/internal/output"
	"labo/internal/render"
	"labo/internal/site"
)

// CatalogueView is the data of the /donnees/ page.
type CatalogueView struct {
	Licence  *licence.Licence
	Date     time.Time
	Citation string
	Files    []*FileView
	Groups   []*GroupView
	Meta     []*MetaFile
	Changes  *FileView // changements.csv, when published
	Contents string    // what the files hold, in a French sentence
	Formats  string    // "CSV, JSON et GeoJSON"
}

// groupWords say in French what each known group of files holds.
var groupWords = map[string]string{
	"lieux": "les lieux de médiation numérique", "qualifications": "leurs qualifications",
	"referentiel": "le référentiel des services", "indicateurs": "les indicateurs",
	"changements": "les changements depuis la publication précédente", "data-inclusion": "un export pour data·inclusion",
}

// contents lists what the groups hold: "les lieux…, leurs qualifications et
// les indicateurs". Groups of other packages are named by their first title.
func contents(order []string, groups map[string][]*dataset.Dataset) string {
	var parts []string
	for _, g := range order {
		w, ok := groupWords[g]
		if !ok {
			w = withFirst(groups[g][0].Title, unicode.ToLower)
		}
		parts = append(parts, w)
	}
	if len(parts) == 0 {
		return ""
	}
	list := parts[0]
	if len(parts) > 1 {
		list = strings.Join(parts[:len(parts)-1], ", ") + " et " + parts[len(parts)-1]
	}
	return withFirst(list, unicode.ToUpper)
}

// withFirst applies f to the first letter of s.
func withFirst(s string, f func(rune) rune) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(f(r)) + s[n:]
}

// GroupView is one group of files in the summary table.
type GroupView struct {
	Name  string
	Files []*FileView
}

// FileView is one dataset on the page.
type FileView struct {
	*dataset.Dataset
	Anchor   string
	URL      string
	FileName string
	Size     string
	Updated  time.Time
	Preview  *Preview
}

// Preview shows the first records of a file: a table for CSV, text for the
// others.
type Preview struct {
	Header []string
	Rows   [][]string
	Text   string
	Shown  int // records shown
}

// MetaFile is a file that describes the release (datapackage.json…).
type MetaFile struct {
	Name, Title, Description, URL, Size string
}

// previewRows is how many records a preview shows.
const previewRows = 5

// Finish writes the files that list every dataset — datapackage.json,
// catalogue.jsonld, LICENCE, CITATION.cff, SHA256SUMS — and the /donnees/
// page. It is a build finisher: datasets are those of every generator, with
// their bytes, sizes and hashes filled in.
func Finish(s *site.Site, r *render.Renderer, tree *output.Tree, datasets []*dataset.Dataset) error {
	lic := licence.Lookup(s.Config.Licence)
	if lic == nil {
		return fmt.Errorf("site.toml: licence %q is unknown", s.Config.Licence)
	}
	sorted := sortDatasets(datasets)

	dp, err := indent(buildDataPackage(s, lic, sorted))
	if err != nil {
		return err
	}
	dcat, err := indent(buildDCAT(s, lic, sorted))
	if err != nil {
		return err
	}
	meta := []struct {
		name, title, desc string
		data              []byte
	}{
		{"datapackage.json", "Description Frictionless (Data Package)", "La liste des fichiers avec, pour chaque CSV, son schéma (Table Schema), sa taille et son empreinte SHA-256. Les outils Frictionless s'en servent pour valider les fichiers.", dp},
		{"catalogue.jsonld", "Catalogue DCAT (JSON-LD)", "Le catalogue au format DCAT-AP, que data.gouv.fr et les portails de données peuvent moissonner.", dcat},
		{"LICENCE", "Licence", "La licence des données et la mention de la source à reprendre.", licenceText(s, lic, sorted)},
		{"CITATION.cff", "Comment citer ces données", "La référence à citer, au format Citation File Format.", citationCFF(s, lic)},
	}
	var files []namedFile
	for _, d := range sorted {
		files = append(files, namedFile{relPath(s, d), d.SHA256})
	}
	view := &CatalogueView{Licence: lic, Date: s.Config.Date, Citation: citation(s)}
	for _, m := range meta {
		if err := tree.Add(Dir+"/"+m.name, m.data); err != nil {
			return err
		}
		files = append(files, namedFile{m.name, sha256Hex(m.data)})
		view.Meta = append(view.Meta, &MetaFile{Name: m.name, Title: m.title, Description: m.desc, URL: "/" + Dir + "/" + m.name, Size: Size(len(m.data))})
	}
	sums := checksums(files)
	if err := tree.Add(Dir+"/SHA256SUMS", sums); err != nil {
		return err
	}
	view.Meta = append(view.Meta, &MetaFile{Name: "SHA256SUMS", Title: "Empreintes SHA-256",
		Description: "L'empreinte de chaque fichier, pour vérifier qu'un téléchargement est complet et intact : sha256sum -c SHA256SUMS.",
		URL:         "/" + Dir + "/SHA256SUMS", Size: Size(len(sums))})

	groups, order := groupDatasets(sorted)
	view.Contents = contents(order, groups)
	view.Formats = formats(sorted)
	byName := map[string]*FileView{}
	for _, d := range sorted {
		fv := &FileView{Dataset: d, Anchor: d.Name, URL: "/" + d.Path, FileName: path.Base(d.Path), Size: Size(d.Bytes),
			Updated: updatedOr(d, s.Config.Date), Preview: preview(d)}
		byName[d.Name] = fv
		view.Files = append(view.Files, fv)
		if d.Name == "changements-csv" {
			view.Changes = fv
		}
	}
	for _, g := range order {
		gv := &GroupView{Name: g}
		for _, d := range groups[g] {
			gv.Files = append(gv.Files, byName[d.Name])
		}
		view.Groups = append(view.Groups, gv)
	}
	page := &render.Page{
		Path: "/" + Dir + "/", Title: "Données ouvertes",
		Description: "Téléchargez les lieux de médiation numérique, leurs qualifications, le référentiel des services et les indicateurs, sous " + lic.Title + ".",
		Section:     "donnees", Crumbs: []render.Crumb{{Name: "Accueil", URL: "/"}},
		Styles: []string{"/css/donnees.css"}, Data: view,
		JSONLD: catalogueJSONLD(s, lic, sorted),
	}
	html, err := r.Render("donnees/list", page)
	if err != nil {
		return err
	}
	return tree.Add(Dir+"/index.html", html)
}

// catalogueJSONLD describes the page as a schema.org DataCatalog, so search
// engines' dataset search finds the files.
func catalogueJSONLD(s *site.Site, lic *licence.Licence, datasets []*dataset.Dataset) object {
	var ds []any
	for _, d := range datasets {
		ds = append(ds, object{
			{"@type", "Dataset"}, {"name", d.Title}, {"description", d.Description},
			{"url", s.Config.Abs("/" + Dir + "/#" + d.Name)}, {"license", lic.URL},
			{"dateModified", updatedOr(d, s.Config.Date).Format(time.DateOnly)},
			{"distribution", object{{"@type", "DataDownload"}, {"encodingFormat", d.MediaType}, {"contentUrl", s.Config.Abs("/" + d.Path)}}},
		})
	}
	return object{
		{"@context", "https://schema.org"}, {"@type", "DataCatalog"},
		{"name", s.Config.Title + " : données ouvertes"}, {"url", s.Config.Abs("/" + Dir + "/")},
		{"inLanguage", "fr"}, {"license", lic.URL},
		{"publisher", object{{"@type", "Organization"}, {"name", s.Config.Title}}},
		{"dataset", ds},
	}
}

// Size writes a byte count in French: "850 octets", "12,4 ko", "1,2 Mo".
func Size(n int) string {
	switch {
	case n >= 1_000_000:
		return frtext.Decimal(float64(n)/1_000_000, 1) + " Mo"
	case n >= 1_000:
		return frtext.Decimal(float64(n)/1_000, 1) + " ko"
	}
	return frtext.Plural(n, "octet", "octets")
}

func preview(d *dataset.Dataset) *Preview {
	switch d.Format {
	case "csv":
		r := csv.NewReader(bytes.NewReader(d.Head))
		r.FieldsPerRecord = -1
		p := &Preview{}
		for i := 0; i <= previewRows; i++ {
			rec, err := r.Read()
			if err == io.EOF || err != nil {
				break
			}
			for j := range rec {
				rec[j] = cut(rec[j], 60)
			}
			if i == 0 {
				p.Header = rec
				continue
			}
			p.Rows = append(p.Rows, rec)
		}
		p.Shown = len(p.Rows)
		return p
	case "json", "geojson":
		key := ""
		if d.Format == "geojson" {
			key = "features"
		}
		first, ok := firstItem(d.Head, key)
		if !ok {
			return textPreview(d.Head)
		}
		if first == nil {
			return &Preview{Text: "[]"}
		}
		var b bytes.Buffer
		_ = json.Indent(&b, first, "", "  ")
		return &Preview{Text: cut(b.String(), 2500), Shown: 1}
	}
	return textPreview(d.Head)
}

// firstItem returns the first element of the top-level array of data, or
// of the array under key in the top-level object, reading no further (the
// files can be large). ok is false when data has no such array; the item is
// nil when the array is empty.
func firstItem(data []byte, key string) (item json.RawMessage, ok bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return nil, false
	}
	if key != "" {
		if tok != json.Delim('{') {
			return nil, false
		}
		for {
			k, err := dec.Token()
			if err != nil || k == json.Delim('}') {
				return nil, false
			}
			if k == key {
				break
			}
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return nil, false
			}
		}
		if tok, err = dec.Token(); err != nil {
			return nil, false
		}
	}
	if tok != json.Delim('[') {
		return nil, false
	}
	if !dec.More() {
		return nil, true
	}
	if dec.Decode(&item) != nil {
		return nil, false
	}
	return item, true
}

func textPreview(data []byte) *Preview {
	lines := strings.SplitN(string(data), "\n", 13)
	if len(lines) > 12 {
		lines = append(lines[:12], "…")
	}
	return &Preview{Text: cut(strings.Join(lines, "\n"), 2500)}
}

// cut shortens s to at most n characters, ending with "…".
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// StandardName names the schema the file follows, for the link text.
func (f *FileView) StandardName() string {
	switch f.ConformsTo {
	case "":
		return ""
	case StandardURL:
		return "Standard national des lieux de médiation numérique " + StandardVersion
	case datainclusion.StructureSchemaURL:
		return "Schéma data·inclusion des structures"
	case datainclusion.ServiceSchemaURL:
		return "Schéma data·inclusion des services"
	}
	if u, err := url.Parse(f.ConformsTo); err == nil && u.Host != "" {
		return "Schéma publié sur " + u.Host
	}
	return f.ConformsTo
}

// FieldView is a schema field as the page shows it.
type FieldView struct {
	dataset.Field
	TypeLabel string
	Rules     []string // French: allowed values, format, length
}

var typeLabels = map[string]string{
	"string": "texte", "number": "nombre", "integer": "nombre entier", "boolean": "vrai ou faux (true, false)",
	"date": "date (AAAA-MM-JJ)", "datetime": "date et heure", "array": "liste", "year": "année", "object": "objet",
}

// Fields returns the schema for the page.
func (f *FileView) Fields() []FieldView {
	var out []FieldView
	for _, fd := range f.Schema {
		fv := FieldView{Field: fd, TypeLabel: typeLabels[fd.Type]}
		if fv.TypeLabel == "" {
			fv.TypeLabel = fd.Type
		}
		switch {
		case len(fd.Values) > 0:
			fv.Rules = append(fv.Rules, "Valeurs possibles : "+strings.Join(fd.Values, " ; ")+".")
		case len(fd.Enum) > 0:
			fv.Rules = append(fv.Rules, "Valeurs possibles : "+strings.Join(fd.Enum, " ; ")+".")
		case fd.Pattern != "":
			fv.Rules = append(fv.Rules, "Forme attendue (expression régulière) : "+fd.Pattern)
		}
		if fd.Format == "uri" {
			fv.Rules = append(fv.Rules, "Adresse web complète.")
		}
		if fd.MaxLength > 0 {
			fv.Rules = append(fv.Rules, frtext.Plural(fd.MaxLength, "caractère", "caractères")+" au plus.")
		}
		if fd.Unique {
			fv.Rules = append(fv.Rules, "Valeur unique dans le fichier.")
		}
		if fd.Example != "" {
			fv.Rules = append(fv.Rules, "Exemple : "+fd.Example)
		}
		out = append(out, fv)
	}
	return out
}

// formatNames are how the page names file formats.
var formatNames = map[string]string{"csv": "CSV", "json": "JSON", "geojson": "GeoJSON", "jsonld": "JSON-LD", "txt": "texte"}

// formats lists the formats of the files in French: "CSV, JSON et GeoJSON".
func formats(datasets []*dataset.Dataset) string {
	var names []string
	for _, d := range datasets {
		n := formatNames[d.Format]
		if n == "" {
			n = strings.ToUpper(d.Format)
		}
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " et " + names[len(names)-1]
}
