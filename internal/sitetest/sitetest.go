// Package sitetest builds small whole sites for tests: a valid site folder
// as a map of files (site path → content) that a test breaks or extends one
// file at a time, then loads (site.Load on an fstest.MapFS) or builds (in a
// temporary folder, like `labo build`).
package sitetest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"labo/internal/build"
	"labo/internal/csvio"
	"labo/internal/diag"
	"labo/internal/site"
	"labo/internal/venue"
)

// Files is a site folder: slash-separated path → content.
type Files map[string]string

// Clone returns a copy that can be changed without touching f.
func (f Files) Clone() Files {
	out := make(Files, len(f))
	for k, v := range f {
		out[k] = v
	}
	return out
}

// FS returns the files as an fs.FS.
func (f Files) FS() fstest.MapFS {
	m := fstest.MapFS{}
	for p, c := range f {
		m[p] = &fstest.MapFile{Data: []byte(c)}
	}
	return m
}

// Write writes the files into a new temporary folder and returns it.
func (f Files) Write(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	for p, c := range f {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Load validates the files like `labo check` and returns the site and its
// problems, one "file:line: field: message" string each.
func (f Files) Load() (*site.Site, []string) {
	s, list := site.Load(f.FS(), "")
	return s, Strings(list)
}

// Build builds the files like `labo build`, in memory.
func (f Files) Build(t testing.TB) (*build.Result, error) {
	t.Helper()
	return build.Build(build.Options{Dir: f.Write(t)})
}

// Strings prints problems one per line, in report order.
func Strings(l *diag.List) []string {
	var out []string
	for _, p := range l.Problems() {
		out = append(out, p.String())
	}
	return out
}

// Lieux encodes venue rows as data/lieux.csv, header included.
func Lieux(rows ...venue.Row) string {
	b, err := csvio.Write(rows)
	if err != nil {
		panic(err) // rows of strings: cannot fail
	}
	return string(b)
}

// Venues are the venues of Site: a full one (every field), a minimal one
// and one without coordinates.
func Venues() []venue.Row {
	return []venue.Row{
		{
			ID: "clermont-gare", Pivot: "91919317703917", Nom: "Espace France Services Clermont Gare",
			Commune: "Clermont-Ferrand", CodePostal: "63000", CodeInsee: "63113",
			Adresse: "27 avenue de l'Union Soviétique", ComplementAdresse: "Rez-de-chaussée",
			Latitude: "45.77880", Longitude: "3.09550", Typologie: "FS",
			Telephone: "+33473990446", Courriels: "contact@clermont-gare.example", SiteWeb: "https://clermont-gare.example/",
			Horaires:           "Mo-Fr 08:30-12:30,13:30-17:00; PH off",
			PresentationResume: "Deux agents France Services vous aident pour les impôts, la CAF et la retraite.",
			PresentationDetail: "Accueil sans rendez-vous le matin.", Source: "Hub numérique Auvergne", Itinerance: "Fixe",
			StructureParente: "Préfecture du Puy-de-Dôme", DateMaj: "2026-10-05",
			Services: "Aide aux démarches administratives|Utilisation sécurisée du numérique",
			Publics:  "Seniors", PriseEnCharge: "Illettrisme", Frais: "Gratuit", Dispositifs: "France Services",
			ModalitesAcces: "Se présenter|Téléphoner", ModalitesAccompagnement: "Accompagnement individuel",
			FicheAccesLibre: "https://acceslibre.beta.gouv.fr/app/x/", PriseRdv: "https://rdv.clermont-gare.example/",
		},
		{
			ID: "gueret-mediatheque", Pivot: "21230096500017", Nom: "Médiathèque de Guéret",
			Commune: "Guéret", CodePostal: "23000", CodeInsee: "23096", Adresse: "1 avenue Fayolle",
			Latitude: "46.17180", Longitude: "1.87170", DateMaj: "2026-03-01",
			Services: "Maîtrise des outils numériques du quotidien", Horaires: "Tu,Th 14:00-18:00; Sa 10:00-12:00",
		},
		{
			ID: "chinon-bus", Pivot: "21370072700019", Nom: "Bus numérique du Chinonais",
			Commune: "Chinon", CodePostal: "37500", Adresse: "Place du marché", DateMaj: "2025-06-01",
			Itinerance: "Itinérant",
		},
	}
}

// Site returns a small valid site with every kind of input: configuration,
// a referential of two families and three services, three venues, their
// qualifications, two guides (one linking to the other), a pilot action with
// its indicator definitions and usage records, and a plain page.
func Site() Files {
	return Files{
		"site.toml": `title = "Labo test"
tagline = "Un site de test"
baseURL = "https://labo.example/"
contact = "contact@labo.example"
build_date = "2026-11-01"
`,
		"data/referentiel.toml": `[[familles]]
code = "DEM"
titre = "Démarches en ligne"
description = "Faire vos démarches sur internet."
pictogramme = "demarches"

[[familles]]
code = "SEC"
titre = "Sécurité"
description = "Éviter les arnaques."
pictogramme = "securite"

[[services]]
code = "DEM-01"
famille = "DEM"
titre = "Faire une démarche urgente à votre place"
description = "Un médiateur fait la démarche avec vous, ou pour vous."
niveau = "premiers pas"
etape = "Résoudre"
formats = ["individuel"]
duree = "1 h"
duree_minutes = 60
cheques = 1
faire_a_la_place = true
services_nationaux = ["Aide aux démarches administratives"]
a_apporter = ["Votre pièce d'identité"]

[[services]]
code = "DEM-02"
famille = "DEM"
titre = "Créer son compte en ligne"
description = "Vous créez votre compte et vous apprenez à vous en servir."
niveau = "base"
etape = "Émanciper"
formats = ["individuel", "collectif"]
duree = "2 h"
duree_minutes = 120
cheques = 2
services_nationaux = ["Aide aux démarches administratives"]

[[services]]
code = "SEC-01"
famille = "SEC"
titre = "Reconnaître les arnaques"
description = "Vous apprenez à repérer les faux messages."
niveau = "base"
etape = "R(é)assurer"
formats = ["collectif"]
duree = "2 h"
duree_minutes = 120
cheques = 2
services_nationaux = ["Utilisation sécurisée du numérique"]
`,
		"data/lieux.csv": Lieux(Venues()...),
		"data/qualifications.csv": "lieu_id,services,statut,qualifie_le,expire_le,pass_numerique\n" +
			"clermont-gare,DEM-01|DEM-02|SEC-01,qualifiée,2025-09-15,2027-09-15,oui\n" +
			"gueret-mediatheque,DEM-02,qualifiée,2025-01-01,2027-01-01,non\n" +
			"chinon-bus,DEM-01,en cours,,2027-01-01,non\n",
		"content/guides/urgence.md": `+++
title = "Faire à la place d'abord"
date = 2025-02-10
summary = "Pourquoi régler d'abord l'urgence, puis proposer d'apprendre."
audiences = ["mediateurs", "travailleurs-sociaux"]
themes = ["urgence"]
services = ["DEM-01"]
keypoints = ["Une urgence se règle le jour même."]
+++

Une personne arrive avec un courrier urgent.

## Pourquoi commencer par l'urgence

On règle l'urgence, puis on apprend. Voir [les arnaques](@/guides/arnaques.md#reperer).

| Situation | Réponse |
|---|---|
| Urgent | Faire à la place |
`,
		"content/guides/arnaques.md": `+++
title = "Repérer les arnaques"
date = 2025-03-01
summary = "Les signes d'un faux message."
audiences = ["grand-public"]
themes = ["securite"]
services = ["SEC-01"]
+++

## Repérer

Un message qui presse est suspect.
`,
		"content/actions/creuse.md": `+++
title = "Pass numérique en Creuse"
date = 2025-05-01
summary = "Une action pilote."

[action]
territoires = ["23"]
debut = 2025-01-01
fin = 2025-12-31
commanditaire = "Département de la Creuse"
reseau_distribution = ["CCAS"]
budget_cheques = 100
public_cible = "Les seniors"
+++

Texte de l'action.
`,
		"data/indicateurs.toml": `[[indicateurs]]
code = "pass-distribues"
libelle = "Chèques distribués"
definition = "Nombre de chèques remis."
unite = "chèques"
portee = "generique"
calcul = "compte"
ventilations = ["territoire"]
chiffre_cle = true
`,
		"data/usages/creuse.csv": "pass,beneficiaire,action,aiguilleur,remis_le,utilise_le,lieu,service,premiere_visite,tranche_age,sexe,diplome,commune\n" +
			"CHQ-0001,ben-0001,creuse,ccas,2025-02-01,2025-02-10,gueret-mediatheque,DEM-02,oui,65-79,F,aucun,23096\n" +
			"CHQ-0002,ben-0002,creuse,mairie,2025-03-01,,,,,80+,M,nr,23096\n",
		"content/a-propos.md": `+++
title = "À propos"
summary = "Qui fait ce site."
+++

Écrivez à contact@labo.example.
`,
	}
}

// Replace returns s with old replaced by new once, and fails when old is
// not in s: a test that changes nothing would prove nothing.
func Replace(t testing.TB, s, old, new string) string {
	t.Helper()
	if !strings.Contains(s, old) {
		t.Fatalf("sitetest.Replace: %q not found", old)
	}
	return strings.Replace(s, old, new, 1)
}
