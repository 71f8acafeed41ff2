package build_test

import (
	"bytes"
	"path"
	"strings"
	"testing"

	"labo/internal/build"
	"labo/internal/diag"
	"labo/internal/sitetest"
	"labo/internal/venue"
)

// lieux rewrites data/lieux.csv from the fixture's venue rows after edit.
func lieux(edit func(rows []venue.Row) []venue.Row) func(f sitetest.Files) {
	return func(f sitetest.Files) { f["data/lieux.csv"] = sitetest.Lieux(edit(sitetest.Venues())...) }
}

// TestHostileInputs builds small whole sites from bad inputs. Each case
// either reports exactly the expected problems (and the build writes
// nothing), or builds, and then every hostile string must come out escaped.
func TestHostileInputs(t *testing.T) {
	type want struct {
		problems []string          // exact report lines; nil: the build must succeed
		pages    map[string]string // page → text it must contain
		never    []string          // text no built file may contain
	}
	const script = `<script>alert(1)</script>`
	for _, c := range []struct {
		name   string
		mutate func(f sitetest.Files)
		want   want
	}{
		// Encodings and line endings.
		{"broken UTF-8 in a CSV", func(f sitetest.Files) {
			f["data/lieux.csv"] = strings.Replace(f["data/lieux.csv"], "Guéret", "Gu\xe9ret", 1)
		}, want{problems: []string{"data/lieux.csv:3: expected UTF-8 text, found invalid bytes (save the file as UTF-8)"}}},
		{"broken UTF-8 in Markdown", func(f sitetest.Files) {
			f["content/guides/arnaques.md"] += "\xff\xfe"
		}, want{problems: []string{
			"content/guides/arnaques.md:1: expected UTF-8 text, found invalid bytes (save the file as UTF-8)",
			// The guide that links to it is told too.
			`content/guides/urgence.md:15: link: expected a link to an existing content file such as @/guides/slug.md, found "@/guides/arnaques.md"`,
		}}},
		{"byte-order marks and CRLF line endings everywhere", func(f sitetest.Files) {
			for p, c := range f {
				f[p] = "\ufeff" + strings.ReplaceAll(c, "\n", "\r\n")
			}
			// site.toml and referentiel.toml are TOML: a BOM is invalid there.
			f["site.toml"] = strings.TrimPrefix(f["site.toml"], "\ufeff")
			f["data/referentiel.toml"] = strings.TrimPrefix(f["data/referentiel.toml"], "\ufeff")
		}, want{pages: map[string]string{
			"lieux/clermont-gare/index.html": "Espace France Services Clermont Gare",
			"guides/urgence/index.html":      `id="pourquoi-commencer-par-l-urgence"`,
		}, never: []string{"\r", "\ufeff"}}},

		// CSV structure.
		{"bare quote in a CSV field", func(f sitetest.Files) {
			f["data/lieux.csv"] = strings.Replace(f["data/lieux.csv"], "Médiathèque de Guéret", `Médiathèque "de" Guéret`, 1)
		}, want{problems: []string{`data/lieux.csv:3:49: expected a quote only around a whole field (write "" for a quote inside a quoted field), found a bare "`}}},
		{"unclosed quote at the end of a CSV", func(f sitetest.Files) {
			f["data/lieux.csv"] += `x,"unclosed`
		}, want{problems: []string{`data/lieux.csv:5:12: expected a closing quote, found the end of the file or extra text after a quoted field`}}},
		{"wrong column count", func(f sitetest.Files) {
			f["data/lieux.csv"] += "extra,1,2\n"
		}, want{problems: []string{"data/lieux.csv:5: expected 32 fields like the header, found 3"}}},
		{"columns out of the standard's order", func(f sitetest.Files) {
			f["data/lieux.csv"] = strings.Replace(f["data/lieux.csv"], "id,pivot,nom", "pivot,id,nom", 1)
		}, want{problems: []string{"data/lieux.csv:1: expected the columns in the standard's order " + strings.Join(venue.Columns, ",") + ", found pivot,id," + strings.Join(venue.Columns[2:], ",")}}},
		{"unknown and missing column", func(f sitetest.Files) {
			f["data/lieux.csv"] = strings.Replace(f["data/lieux.csv"], ",prise_rdv\n", ",rdv\n", 1)
		}, want{problems: []string{
			`data/lieux.csv:1: missing column "prise_rdv"`,
			`data/lieux.csv:1:32: unknown column "rdv" (expected ` + strings.Join(venue.Columns, ",") + `)`,
		}}},
		{"empty venue file", func(f sitetest.Files) { f["data/lieux.csv"] = "" },
			want{problems: []string{"data/lieux.csv:1: expected a header line with the columns " + strings.Join(venue.Columns, ",") + ", found an empty file"}}},
		{"huge free-text fields", lieux(func(r []venue.Row) []venue.Row {
			r[1].PresentationResume = strings.Repeat("é", venue.MaxResume+1)
			r[0].PresentationDetail = strings.Repeat("Très long texte. ", 60000) // 1 MB: allowed, published as is
			return r
		}), want{problems: []string{"data/lieux.csv:3: presentation_resume: expected at most 280 characters, found 281"}}},

		// Coordinates.
		{"coordinates swapped", lieux(func(r []venue.Row) []venue.Row {
			r[0].Latitude, r[0].Longitude = r[0].Longitude, r[0].Latitude
			return r
		}), want{problems: []string{"data/lieux.csv:2: latitude: latitude 3.0955 and longitude 45.7788 look swapped (the point would be in France the other way round)"}}},
		{"latitude out of range", lieux(func(r []venue.Row) []venue.Row {
			r[0].Latitude = "95.1"
			return r
		}), want{problems: []string{"data/lieux.csv:2: latitude: expected a latitude between -90 and 90, found 95.1"}}},
		{"point outside France", lieux(func(r []venue.Row) []venue.Row {
			r[0].Latitude, r[0].Longitude = "51.5072", "-0.1276"
			return r
		}), want{problems: []string{"data/lieux.csv:2: latitude: expected a point in France (metropolitan or overseas), found 51.5072, -0.1276"}}},
		{"decimal comma and half a point", lieux(func(r []venue.Row) []venue.Row {
			r[0].Latitude = "45,7788"
			r[1].Longitude = ""
			return r
		}), want{problems: []string{
			`data/lieux.csv:2: latitude: expected a decimal number with a dot such as 45.77722, found "45,7788"`,
			`data/lieux.csv:3: latitude: expected both latitude and longitude or neither, found latitude "46.17180" and longitude ""`,
		}}},

		// Codes and identifiers.
		{"unknown national service and a ; separator", lieux(func(r []venue.Row) []venue.Row {
			r[1].Services = "Aide aux démarches administratives;Jeux vidéo"
			return r
		}), want{problems: []string{`data/lieux.csv:3: services: expected values among ` + quoted(venue.Services) + `, found "Aide aux démarches administratives;Jeux vidéo" (values are separated by | in standard v1, not ;)`}}},
		{"unknown service code in a qualification", func(f sitetest.Files) {
			f["data/qualifications.csv"] = strings.Replace(f["data/qualifications.csv"], "DEM-02,qualifiée,2025-01-01", "DEM-99,qualifiée,2025-01-01", 1)
		}, want{problems: []string{`data/qualifications.csv:3: services: expected codes of data/referentiel.toml, found "DEM-99"`}}},
		{"qualification of an unknown venue", func(f sitetest.Files) {
			f["data/qualifications.csv"] += "nulle-part,DEM-01,qualifiée,2025-01-01,2027-01-01,oui\n"
		}, want{problems: []string{`data/qualifications.csv:5: lieu_id: expected the id of a venue of data/lieux.csv, found "nulle-part"`}}},
		{"unknown service code in a guide", func(f sitetest.Files) {
			f["content/guides/arnaques.md"] = strings.Replace(f["content/guides/arnaques.md"], `"SEC-01"`, `"SEC-07"`, 1)
		}, want{problems: []string{`content/guides/arnaques.md: services: expected codes of data/referentiel.toml, found "SEC-07"`}}},
		{"duplicate venue ids", lieux(func(r []venue.Row) []venue.Row {
			r[2].ID = r[0].ID
			return r
		}), want{problems: []string{
			`data/lieux.csv:4: id: expected a unique id, found "clermont-gare" again (first on line 2)`,
			`data/qualifications.csv:4: lieu_id: expected the id of a venue of data/lieux.csv, found "chinon-bus"`,
		}}},
		{"venue id that is not a URL segment", lieux(func(r []venue.Row) []venue.Row {
			r[1].ID = "../../etc/passwd"
			return r
		}), want{problems: []string{
			`data/lieux.csv:3: id: expected lowercase letters, digits and single dashes (the id becomes the page address /lieux/<id>/), found "../../etc/passwd"`,
			`data/qualifications.csv:3: lieu_id: expected the id of a venue of data/lieux.csv, found "gueret-mediatheque"`,
			`data/usages/creuse.csv:2: lieu: expected the id of a venue of data/lieux.csv, found "gueret-mediatheque"`,
		}}},
		{"venue id taken by a département page", lieux(func(r []venue.Row) []venue.Row {
			r[1].ID = "23-creuse"
			return r
		}), want{problems: []string{
			`data/lieux.csv:3: id: expected an id that is not the address of the département page, found "23-creuse"`,
			`data/qualifications.csv:3: lieu_id: expected the id of a venue of data/lieux.csv, found "gueret-mediatheque"`,
			`data/usages/creuse.csv:2: lieu: expected the id of a venue of data/lieux.csv, found "gueret-mediatheque"`,
		}}},
		{"duplicate service code", func(f sitetest.Files) {
			f["data/referentiel.toml"] = strings.Replace(f["data/referentiel.toml"], `code = "DEM-02"`, `code = "DEM-01"`, 1)
		}, want{problems: []string{
			`data/qualifications.csv:2: services: expected codes of data/referentiel.toml, found "DEM-02"`,
			`data/qualifications.csv:3: services: expected codes of data/referentiel.toml, found "DEM-02"`,
			`data/referentiel.toml:29: code: duplicate service code "DEM-01" (first defined on line 14)`,
			`data/usages/creuse.csv:2: service: expected a service code of data/referentiel.toml, found "DEM-02"`,
		}}},
		{"referential that is not TOML", func(f sitetest.Files) {
			f["data/referentiel.toml"] = "[[familles]]\ncode = = \"DEM\"\n"
		}, want{problems: []string{ // and not one problem per code used by a qualification or a guide
			"data/referentiel.toml:2:8: expected value but found '=' instead (key familles.code)",
		}}},
		{"page claiming a reserved address", func(f sitetest.Files) {
			f["content/lieux.md"] = "+++\ntitle = \"Lieux\"\n+++\nTexte.\n"
		}, want{problems: []string{`content/lieux.md: expected a page name that is not a reserved address of the site, found "lieux"`}}},

		// Front matter.
		{"front matter without its closing line", func(f sitetest.Files) {
			f["content/guides/arnaques.md"] = strings.Replace(f["content/guides/arnaques.md"], "+++\n\n## Repérer", "\n## Repérer", 1)
		}, want{problems: []string{
			`content/guides/arnaques.md:1: expected the file to start with a "+++" line, then TOML front matter, then a closing "+++" line`,
			`content/guides/urgence.md:15: link: expected a link to an existing content file such as @/guides/slug.md, found "@/guides/arnaques.md"`,
		}}},
		{"invalid TOML in front matter", func(f sitetest.Files) {
			f["content/guides/arnaques.md"] = strings.Replace(f["content/guides/arnaques.md"], `date = 2025-03-01`, `date = 2025-13-01`, 1)
		}, want{problems: []string{
			`content/guides/arnaques.md:3:8: invalid datetime: "2025-13-01"`,
			`content/guides/urgence.md:15: link: expected a link to an existing content file such as @/guides/slug.md, found "@/guides/arnaques.md"`,
		}}},
		{"unknown front-matter key and audience", func(f sitetest.Files) {
			f["content/guides/arnaques.md"] = strings.Replace(f["content/guides/arnaques.md"], `audiences = ["grand-public"]`, "audiences = [\"tout-le-monde\"]\nauteur = \"X\"", 1)
		}, want{problems: []string{
			`content/guides/arnaques.md:5: audiences: expected one of travailleurs-sociaux, mediateurs, aiguilleurs, commanditaires, grand-public, found "tout-le-monde"`,
			`content/guides/arnaques.md:6: auteur: unknown front-matter key (expected title, date, updated, summary, audiences, themes, services, keypoints, draft, aliases, weight or [action])`,
		}}},
		{"link to a missing guide and a missing anchor", func(f sitetest.Files) {
			f["content/a-propos.md"] += "\nVoir [ce guide](@/guides/absent.md) et [cette partie](@/guides/arnaques.md#absente).\n"
		}, want{problems: []string{
			`content/a-propos.md:8: link: expected a link to an existing content file such as @/guides/slug.md, found "@/guides/absent.md"`,
			`content/a-propos.md:8: link: expected an anchor of content/guides/arnaques.md (one of its headings), found #absente`,
		}}},

		// Opening hours.
		{"opening hours that do not parse", lieux(func(r []venue.Row) []venue.Row {
			r[1].Horaires = "lundi 9h-12h"
			return r
		}), want{problems: []string{`data/lieux.csv:3: horaires: expected OpenStreetMap opening_hours such as "Mo-Fr 09:00-12:00,14:00-17:00": col 1: expected "Mo" (OSM weekdays are English two-letter abbreviations), found "lundi"`}}},

		// Scripts and javascript: links: refused in fields that are links,
		// escaped in text, dropped from Markdown.
		{"javascript: links in CSV link fields", lieux(func(r []venue.Row) []venue.Row {
			r[1].SiteWeb = "javascript:alert(1)"
			r[1].PriseRdv = " JAVASCRIPT:alert(1)"
			r[1].FicheAccesLibre = "data:text/html,<script>alert(1)</script>"
			return r
		}), want{problems: []string{
			`data/lieux.csv:3: fiche_acces_libre: expected a web address starting with https://, found "data:text/html,<script>alert(1)</script>"`,
			`data/lieux.csv:3: prise_rdv: expected a web address starting with https://, found "JAVASCRIPT:alert(1)"`,
			`data/lieux.csv:3: site_web: expected a web address starting with https://, found "javascript:alert(1)"`,
		}}},
		{"script tags in CSV text fields", lieux(func(r []venue.Row) []venue.Row {
			r[0].Nom = `Espace "Gare" ` + script + `</script><!--`
			r[0].PresentationResume = `Texte ` + script
			r[0].Adresse = `<img src=x onerror=alert(1)>`
			return r
		}), want{pages: map[string]string{
			"lieux/clermont-gare/index.html": `<h1>Espace &#34;Gare&#34; &lt;script&gt;alert(1)&lt;/script&gt;&lt;/script&gt;&lt;!--</h1>`,
			"lieux/index.html":               `&lt;script&gt;alert(1)&lt;/script&gt;`,
		}, never: []string{script, "<img src=x", `"Gare" <script>`}}},
		{"script tags, raw HTML and javascript: links in Markdown", func(f sitetest.Files) {
			f["content/guides/arnaques.md"] += "\n" + script + "\n\n<img src=x onerror=alert(1)>\n\n[cliquez](javascript:alert(1)) [ici](JaVaScRiPt:alert(2)) [là](vbscript:x) " +
				"<a href=\"javascript:alert(3)\">a</a> ![i](javascript:alert(4))\n"
		}, want{pages: map[string]string{
			"guides/arnaques/index.html": `cliquez`,
		}, never: []string{script, "<img src=x", "javascript:", "JaVaScRiPt:", "vbscript:"}}},
		{"script tags in front matter", func(f sitetest.Files) {
			f["content/guides/arnaques.md"] = strings.Replace(f["content/guides/arnaques.md"], `title = "Repérer les arnaques"`, `title = "Repérer </title>`+script+`"`, 1)
		}, want{pages: map[string]string{
			"guides/arnaques/index.html": `<h1>Repérer &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</h1>`,
		}, never: []string{script, "</title><script>"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := sitetest.Site()
			c.mutate(f)
			// labo check: site.Load on the files as an fs.FS.
			_, problems := f.Load()
			if strings.Join(problems, "\n") != strings.Join(c.want.problems, "\n") {
				t.Fatalf("problems:\n%s\nwant:\n%s", strings.Join(problems, "\n"), strings.Join(c.want.problems, "\n"))
			}
			// labo build: nothing when there are problems, every page otherwise.
			res, err := f.Build(t)
			if c.want.problems != nil {
				if err == nil || !build.IsInputError(err) || res != nil {
					t.Fatalf("build: %v, %v; want the input problems and no result", res, err)
				}
				if got := err.(*diag.Error).Problems; len(got) != len(c.want.problems) {
					t.Errorf("build reported %d problems, check %d", len(got), len(c.want.problems))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for p, text := range c.want.pages {
				b, ok := res.Tree.Get(p)
				if !ok {
					t.Errorf("%s not built", p)
				} else if !bytes.Contains(b, []byte(text)) {
					t.Errorf("%s does not contain %q", p, text)
				}
			}
			for _, p := range res.Tree.Paths() {
				if !generated(p) {
					continue
				}
				b, _ := res.Tree.Get(p)
				for _, bad := range c.want.never {
					if i := bytes.Index(b, []byte(bad)); i >= 0 {
						t.Errorf("%s contains %q: …%s…", p, bad, b[max(0, i-80):min(len(b), i+80)])
					}
				}
			}
		})
	}
}

// generated reports whether a built file is a document a browser renders
// from the inputs (pages, feeds). Data files (JSON, CSV) carry the values as
// they are, which is right for data: the scripts that show them build DOM
// nodes with textContent, which browsertest's hostile-site test checks.
func generated(p string) bool {
	switch path.Ext(p) {
	case ".html", ".xml", ".txt":
		return true
	}
	return false
}

func quoted(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = `"` + v + `"`
	}
	return strings.Join(q, ", ")
}
