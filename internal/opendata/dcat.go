package opendata

import (
	"strconv"
	"strings"
	"time"

	"labo/internal/dataset"
	"labo/internal/licence"
	"labo/internal/site"
)

// dcatContext maps the JSON-LD prefixes used by catalogue.jsonld.
var dcatContext = object{
	{"dcat", "http://www.w3.org/ns/dcat#"},
	{"dct", "http://purl.org/dc/terms/"},
	{"foaf", "http://xmlns.com/foaf/0.1/"},
	{"vcard", "http://www.w3.org/2006/vcard/ns#"},
	{"spdx", "http://spdx.org/rdf/terms#"},
	{"xsd", "http://www.w3.org/2001/XMLSchema#"},
}

func ref(id string) object          { return object{{"@id", id}} }
func lit(v, lang string) object     { return object{{"@value", v}, {"@language", lang}} }
func typed(v, typ string) object    { return object{{"@value", v}, {"@type", typ}} }
func xsdDate(t time.Time) object    { return typed(t.Format(time.DateOnly), "xsd:date") }
func fr(v string) object            { return lit(v, "fr") }
func mediaTypeURI(mt string) object { return ref("https://www.iana.org/assignments/media-types/" + mt) }

// buildDCAT describes the datasets as a DCAT-AP catalogue in JSON-LD: one
// dcat:Dataset per group of files (lieux, referentiel…), one
// dcat:Distribution per file with its download URL, media type, size,
// SHA-256 checksum, licence and the standard it conforms to. data.gouv.fr
// can harvest it.
func buildDCAT(s *site.Site, lic *licence.Licence, datasets []*dataset.Dataset) object {
	base := s.Config.Abs("/" + Dir + "/")
	publisherID := base + "catalogue.jsonld#producteur"
	licenceRef := ref(lic.URL)
	languageRef := ref("http://publications.europa.eu/resource/authority/language/FRA")

	var graph []any
	var datasetRefs []any
	groups, order := groupDatasets(datasets)
	for _, g := range order {
		files := groups[g]
		head := files[0]
		dsID := base + "#" + g
		datasetRefs = append(datasetRefs, ref(dsID))
		var dists []any
		var modified time.Time
		keywords := map[string]bool{}
		var kw []any
		var conforms []any
		for _, d := range files {
			distID := s.Config.Abs("/" + d.Path)
			dists = append(dists, ref(distID))
			if u := updatedOr(d, s.Config.Date); u.After(modified) {
				modified = u
			}
			for _, k := range d.Keywords {
				if !keywords[k] {
					keywords[k] = true
					kw = append(kw, fr(k))
				}
			}
			dist := object{
				{"@id", distID}, {"@type", "dcat:Distribution"},
				{"dct:identifier", d.Name},
				{"dct:title", fr(d.Title)},
				{"dct:description", fr(d.Description)},
				{"dcat:accessURL", ref(base + "#" + d.Name)},
				{"dcat:downloadURL", ref(distID)},
				{"dcat:mediaType", mediaTypeURI(d.MediaType)},
				{"dct:format", strings.ToUpper(d.Format)},
				{"dcat:byteSize", typed(strconv.Itoa(d.Bytes), "xsd:nonNegativeInteger")},
				{"spdx:checksum", object{
					{"@type", "spdx:Checksum"},
					{"spdx:algorithm", ref("http://spdx.org/rdf/terms#checksumAlgorithm_sha256")},
					{"spdx:checksumValue", typed(d.SHA256, "xsd:hexBinary")},
				}},
				{"dct:license", licenceRef},
				{"dct:modified", xsdDate(updatedOr(d, s.Config.Date))},
			}
			if d.ConformsTo != "" {
				dist.add("dct:conformsTo", ref(d.ConformsTo))
				conforms = append(conforms, ref(d.ConformsTo))
			}
			graph = append(graph, dist)
		}
		ds := object{
			{"@id", dsID}, {"@type", "dcat:Dataset"},
			{"dct:identifier", g},
			{"dct:title", fr(head.Title)},
			{"dct:description", fr(head.Description)},
			{"dct:publisher", ref(publisherID)},
			{"dcat:contactPoint", object{{"@type", "vcard:Organization"}, {"vcard:fn", s.Config.Title}, {"vcard:hasEmail", ref("mailto:" + s.Config.Contact)}}},
			{"dcat:landingPage", ref(base + "#" + head.Name)},
			{"dct:language", languageRef},
			{"dct:license", licenceRef},
			{"dct:modified", xsdDate(modified)},
			{"dct:spatial", ref("http://publications.europa.eu/resource/authority/country/FRA")},
		}
		if len(kw) > 0 {
			ds.add("dcat:keyword", kw)
		}
		if len(conforms) > 0 {
			ds.add("dct:conformsTo", conforms[0])
		}
		ds.add("dcat:distribution", dists)
		graph = append(graph, ds)
	}
	catalog := object{
		{"@id", base + "catalogue.jsonld"}, {"@type", "dcat:Catalog"},
		{"dct:title", fr(s.Config.Title + " : données ouvertes")},
		{"dct:description", fr("Les données ouvertes publiées par " + s.Config.Title + " : lieux de médiation numérique, qualifications, référentiel des services, indicateurs.")},
		{"dct:publisher", ref(publisherID)},
		{"foaf:homepage", ref(base)},
		{"dct:language", languageRef},
		{"dct:license", licenceRef},
		{"dct:modified", xsdDate(s.Config.Date)},
		{"dcat:dataset", datasetRefs},
	}
	publisher := object{
		{"@id", publisherID}, {"@type", "foaf:Organization"},
		{"foaf:name", s.Config.Title},
		{"foaf:mbox", ref("mailto:" + s.Config.Contact)},
		{"foaf:homepage", ref(s.Config.BaseURL)},
	}
	return object{{"@context", dcatContext}, {"@graph", append([]any{catalog, publisher}, graph...)}}
}

func updatedOr(d *dataset.Dataset, t time.Time) time.Time {
	if d.Updated.IsZero() {
		return t
	}
	return d.Updated
}
