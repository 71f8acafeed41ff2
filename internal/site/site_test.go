package site

import (
	"strings"
	"testing"
	"testing/fstest"
)

const siteToml = `title = "Test"
baseURL = "https://example.org/"
build_date = "2026-11-01"
`

const referentiel = `[[familles]]
code = "DEM"
titre = "Démarches"

[[services]]
code = "DEM-01"
famille = "DEM"
titre = "Urgence"
description = "On fait pour vous."
niveau = "premiers pas"
etape = "Résoudre"
formats = ["individuel"]
duree = "1 h"
duree_minutes = 60
cheques = 1
faire_a_la_place = true
services_nationaux = ["Aide aux démarches administratives"]
`

const lieuxHeader = "id,pivot,nom,commune,code_postal,code_insee,adresse,complement_adresse,latitude,longitude,typologie,telephone,courriels,site_web,horaires,presentation_resume,presentation_detail,source,itinerance,structure_parente,date_maj,services,publics_specifiquement_adresses,prise_en_charge_specifique,frais_a_charge,dispositif_programmes_nationaux,formations_labels,autres_formations_labels,modalites_acces,modalites_accompagnement,fiche_acces_libre,prise_rdv\n"

func venueRow(id, commune, cp, insee, lat, lon string) string {
	return id + ",12345678901234,Lieu " + id + "," + commune + "," + cp + "," + insee + ",1 rue de la Paix,," + lat + "," + lon + ",,,,,Mo-Fr 09:00-12:00,,,,,,2026-01-01,Aide aux démarches administratives,,,,,,,,,,\n"
}

func testFS() fstest.MapFS {
	return fstest.MapFS{
		"site.toml":             {Data: []byte(siteToml)},
		"data/referentiel.toml": {Data: []byte(referentiel)},
		"data/lieux.csv": {Data: []byte(lieuxHeader +
			venueRow("a", "Clermont-Ferrand", "63000", "63113", "45.7777", "3.0870") +
			venueRow("b", "Guéret", "23000", "23096", "46.1718", "1.8717") +
			venueRow("c", "Chinon", "37500", "", "", ""))},
		"data/qualifications.csv": {Data: []byte("lieu_id,services,statut,qualifie_le,expire_le,pass_numerique\n" +
			"a,DEM-01,qualifiée,2025-01-01,2027-01-01,oui\n" +
			"b,DEM-01,qualifiée,2024-01-01,2026-11-01,oui\n" +
			"c,DEM-01,suspendue,2025-01-01,2027-01-01,non\n")},
		"content/guides/urgence.md": {Data: []byte("+++\ntitle = \"Urgence\"\ndate = 2025-01-01\nservices = [\"DEM-01\"]\nthemes = [\"urgence\"]\naudiences = [\"mediateurs\"]\n+++\n## Étape\n[voir](@/a-propos.md)\n")},
		"content/a-propos.md":       {Data: []byte("+++\ntitle = \"À propos\"\n+++\nTexte.\n")},
	}
}

func TestLoadAssembles(t *testing.T) {
	s, p := Load(testFS(), "")
	if err := p.Err(); err != nil {
		t.Fatal(err)
	}
	// Only "a" is qualified on the build date: "b" expires that very day, "c" is suspended.
	got := s.ServiceVenues["DEM-01"]
	if len(got) != 1 || got[0].ID != "a" || !got[0].Pass || !s.Venue("a").QualifiedFor("DEM-01") || s.Venue("b").IsQualified() {
		t.Errorf("qualified venues = %v", got)
	}
	if len(s.Depts) != 3 || s.Depts[0].Code != "23" || s.Venue("a").Dept.URL != "/lieux/63-puy-de-dome/" {
		t.Errorf("départements = %+v", s.Depts)
	}
	if len(s.Regions) != 3 || s.Regions[0].Nom != "Auvergne-Rhône-Alpes" || s.Regions[2].Nom != "Nouvelle-Aquitaine" {
		t.Errorf("régions = %+v", s.Regions)
	}
	if len(s.ServiceGuides["DEM-01"]) != 1 || len(s.Themes) != 1 || s.Themes[0].Name != "Urgence" || len(s.Audiences) != 1 {
		t.Errorf("guide indexes: %v %v %v", s.ServiceGuides, s.Themes, s.Audiences)
	}
	if len(s.Pages) != 1 || s.Pages[0].URL != "/a-propos/" {
		t.Errorf("pages = %v", s.Pages)
	}
}

func TestCrossReferenceErrors(t *testing.T) {
	tests := []struct {
		name, file, old, new, want string
	}{
		{"qualification of unknown venue", "data/qualifications.csv", "c,DEM-01", "z,DEM-01",
			`data/qualifications.csv:4: lieu_id: expected the id of a venue of data/lieux.csv, found "z"`},
		{"qualification of unknown service", "data/qualifications.csv", "a,DEM-01", "a,DEM-01|XYZ-09",
			`data/qualifications.csv:2: services: expected codes of data/referentiel.toml, found "XYZ-09"`},
		{"guide with unknown service", "content/guides/urgence.md", `["DEM-01"]`, `["DEM-99"]`,
			`content/guides/urgence.md: services: expected codes of data/referentiel.toml, found "DEM-99"`},
		{"broken link", "content/guides/urgence.md", "@/a-propos.md", "@/absent.md",
			`content/guides/urgence.md:9: link: expected a link to an existing content file such as @/guides/slug.md, found "@/absent.md"`},
		{"venue id taking a département page", "data/lieux.csv", "\na,", "\n63-puy-de-dome,",
			`data/lieux.csv:2: id: expected an id that is not the address of the département page, found "63-puy-de-dome"`},
		{"reserved page name", "content/a-propos.md", "", "",
			`content/lieux.md: expected a page name that is not a reserved address of the site, found "lieux"`},
		{"alias collision", "content/guides/urgence.md", "themes", "aliases = [\"/a-propos/\"]\nthemes",
			`content/guides/urgence.md: aliases: expected a unique address, found /a-propos/ already used by content/a-propos.md`},
		{"wrong commune for INSEE", "data/lieux.csv", "Lieu b,Guéret", "Lieu b,Aubusson",
			`data/lieux.csv:3: commune: expected "Guéret", the commune of INSEE code 23096, found "Aubusson"`},
		{"postcode not of commune", "data/lieux.csv", "Guéret,23000", "Guéret,23200",
			`data/lieux.csv:3: code_postal: expected a postcode of Guéret (INSEE 23096: 23000), found "23200"`},
		{"unknown postcode", "data/lieux.csv", "Chinon,37500", "Chinon,37999",
			`data/lieux.csv:4: code_postal: expected a French postcode in use, found "37999"`},
		{"commune not of postcode", "data/lieux.csv", "Chinon,37500", "Tours,37500",
			`data/lieux.csv:4: commune: expected a commune of postcode 37500 (`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := testFS()
			if tt.name == "reserved page name" {
				fsys["content/lieux.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Lieux\"\n+++\n")}
			} else {
				f := fsys[tt.file]
				if !strings.Contains(string(f.Data), tt.old) {
					t.Fatalf("fixture lacks %q", tt.old)
				}
				f.Data = []byte(strings.Replace(string(f.Data), tt.old, tt.new, 1))
			}
			_, p := Load(fsys, "")
			err := p.Err()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v\nwant %s", err, tt.want)
			}
		})
	}
}
