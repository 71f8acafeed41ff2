package indicator

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"labo/internal/content"
	"labo/internal/diag"
)

func problemsOf(l *diag.List) string {
	var out []string
	for _, p := range l.Problems() {
		out = append(out, p.String())
	}
	return strings.Join(out, "\n")
}

func TestDefinitionErrors(t *testing.T) {
	_, ref := demoDefinitions(t)
	for _, tc := range []struct{ name, toml, want string }{
		{"unknown key", "[[indicateurs]]\ncode = \"a\"\nlibelle = \"A\"\ndefinition = \"d\"\nunite = \"u\"\nportee = \"generique\"\ncalcul = \"compte\"\ncouleur = \"bleu\"\n",
			"data/indicateurs.toml:8: indicateurs.couleur: unknown key"},
		{"bad calculation", "[[indicateurs]]\ncode = \"a\"\nlibelle = \"A\"\ndefinition = \"d\"\nunite = \"u\"\nportee = \"generique\"\ncalcul = \"somme\"\n",
			`data/indicateurs.toml:7: calcul: expected one of compte, compte_distinct, part, moyenne, repartition, found "somme"`},
		{"bad filter", "[[indicateurs]]\ncode = \"a\"\nlibelle = \"A\"\ndefinition = \"d\"\nunite = \"u\"\nportee = \"generique\"\ncalcul = \"compte\"\nfiltre = [\"famille = XYZ\"]\n",
			`data/indicateurs.toml:8: filtre: expected a family code of data/referentiel.toml, found "XYZ" in "famille = XYZ"`},
		{"numerator outside denominator", "[[indicateurs]]\ncode = \"a\"\nlibelle = \"A\"\ndefinition = \"d\"\nunite = \"u\"\nportee = \"generique\"\ncalcul = \"part\"\nnumerateur = { mesure = \"compte\" }\ndenominateur = { mesure = \"compte\", filtre = [\"utilise = oui\"] }\n",
			"data/indicateurs.toml:8: numerateur: expected the numerateur to be part of the denominateur"},
		{"family breakdown on distributed cheques", "[[indicateurs]]\ncode = \"a\"\nlibelle = \"A\"\ndefinition = \"d\"\nunite = \"u\"\nportee = \"generique\"\ncalcul = \"compte\"\nventilations = [\"famille\"]\n",
			`data/indicateurs.toml:8: ventilations: expected "famille" only for an indicator on used cheques`},
		{"duplicate code", "[[indicateurs]]\ncode = \"a\"\nlibelle = \"A\"\ndefinition = \"d\"\nunite = \"u\"\nportee = \"generique\"\ncalcul = \"compte\"\n[[indicateurs]]\ncode = \"a\"\nlibelle = \"A\"\ndefinition = \"d\"\nunite = \"u\"\nportee = \"specifique\"\ncalcul = \"compte\"\n",
			`data/indicateurs.toml:9: code: expected a unique code, found "a" already defined on line 2`},
		{"missing text", "[[indicateurs]]\ncode = \"a\"\nlibelle = \"A\"\nunite = \"u\"\nportee = \"partout\"\ncalcul = \"compte\"\n",
			`data/indicateurs.toml:5: portee: expected "generique" or "specifique", found "partout"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			problems := &diag.List{}
			ParseDefinitions([]byte(tc.toml), ref, problems)
			if got := problemsOf(problems); !strings.Contains(got, tc.want) {
				t.Errorf("problems:\n%s\nwant a line containing:\n%s", got, tc.want)
			}
		})
	}
}

// usageContext is a small valid world for usage records.
func usageContext(t testing.TB) *Context {
	_, ref := demoDefinitions(t)
	loc := time.UTC
	return &Context{Ref: ref, Venues: map[string]string{"63-lieu": "EPN"}, BuildDate: time.Date(2026, 11, 1, 0, 0, 0, 0, loc), Location: loc,
		Actions: map[string]*Action{"essai": {Slug: "essai", Start: time.Date(2025, 9, 1, 0, 0, 0, 0, loc), End: time.Date(2026, 1, 31, 0, 0, 0, 0, loc)}}}
}

const usageHeader = "pass,beneficiaire,action,aiguilleur,remis_le,utilise_le,lieu,service,premiere_visite,tranche_age,sexe,diplome,commune\n"

func TestUsageErrors(t *testing.T) {
	ok := "CHQ-1,ben-abcd,essai,ccas,2025-09-10,2025-09-20,63-lieu,OUT-01,oui,50-64,F,aucun,63113\n"
	for _, tc := range []struct{ name, rows, want string }{
		{"valid", ok, ""},
		{"unused with a venue", "CHQ-2,ben-abcd,essai,ccas,2025-09-10,,63-lieu,,,50-64,F,aucun,63113\n",
			`u.csv:2: lieu: expected nothing for a cheque not used (utilise_le is empty), found "63-lieu"`},
		{"unknown action", "CHQ-2,ben-abcd,autre,ccas,2025-09-10,,,,,50-64,F,aucun,63113\n", `u.csv:2: action: expected the slug of an action`},
		{"used before given", "CHQ-2,ben-abcd,essai,ccas,2025-09-10,2025-09-01,63-lieu,OUT-01,non,50-64,F,aucun,63113\n",
			"u.csv:2: utilise_le: expected a date on or after remis_le 2025-09-10, found 2025-09-01"},
		{"outside the action", "CHQ-2,ben-abcd,essai,ccas,2025-03-10,,,,,50-64,F,aucun,63113\n",
			"u.csv:2: remis_le: expected a date within the action's period 2025-09-01 to 2026-01-31, found 2025-03-10"},
		{"unknown venue and service", "CHQ-2,ben-abcd,essai,ccas,2025-09-10,2025-09-20,ailleurs,ZZZ-01,oui,50-64,F,aucun,63113\n",
			`u.csv:2: lieu: expected the id of a venue of data/lieux.csv, found "ailleurs"`},
		{"bad vocabulary", "CHQ-2,ben-abcd,essai,voisin,2025-09-10,,,,,vieux,X,bac+8,6311\n",
			`u.csv:2: aiguilleur: expected one of ccas, caf`},
		{"duplicate cheque", ok + ok, "u.csv:3: pass: expected each cheque once, found \"CHQ-1\" already on u.csv:2"},
		{"person changes age", ok + "CHQ-2,ben-abcd,essai,ccas,2025-09-10,,,,,65-79,F,aucun,63113\n",
			`u.csv:3: tranche_age: expected the same value as on u.csv:2 for this beneficiary, found "65-79" instead of "50-64"`},
		{"after build date", "CHQ-2,ben-abcd,essai,ccas,2025-09-10,2027-01-01,63-lieu,OUT-01,oui,50-64,F,aucun,63113\n",
			"u.csv:2: utilise_le: expected a date on or before the build date 2026-11-01, found 2027-01-01"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			problems := &diag.List{}
			u := ParseUsages("u.csv", []byte(usageHeader+tc.rows), usageContext(t), problems)
			got := problemsOf(problems)
			if tc.want == "" {
				if got != "" || len(u.Records) != 1 || !u.Records[0].Used || u.VenueTypes[0] != "EPN" || u.Depts[0] != "63" {
					t.Errorf("valid row: problems %q, records %+v", got, u.Records)
				}
				return
			}
			if !strings.Contains(got, tc.want) {
				t.Errorf("problems:\n%s\nwant a line containing:\n%s", got, tc.want)
			}
		})
	}
}

func FuzzParseUsages(f *testing.F) {
	f.Add([]byte(usageHeader + "CHQ-1,ben-abcd,essai,ccas,2025-09-10,2025-09-20,63-lieu,OUT-01,oui,50-64,F,aucun,63113\n"))
	f.Add([]byte(usageHeader + "CHQ-2,ben-abcd,essai,ccas,2025-09-10,,,,,50-64,F,aucun,2A004\n\"x"))
	ctx := usageContext(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		problems := &diag.List{}
		u := ParseUsages("f.csv", data, ctx, problems)
		// Whatever the input, kept records point inside the dictionaries.
		for _, r := range u.Records {
			if int(r.Person) >= len(u.People) || int(r.Action) >= len(u.Actions) || r.Used && (int(r.VenueType) >= len(u.VenueTypes) || r.Service < 0) {
				t.Fatalf("record out of range: %+v", r)
			}
		}
		for _, p := range u.People {
			if int(p.Dept) >= len(u.Depts) || p.Dept < 0 {
				t.Fatalf("person out of range: %+v", p)
			}
		}
	})
}

func TestActionErrors(t *testing.T) {
	defs, _ := demoDefinitions(t)
	fsys := fstest.MapFS{
		"content/actions/a.md": {Data: []byte("+++\ntitle = \"A\"\ndate = 2025-01-01\n[action]\nterritoires = [\"999\"]\ndebut = 2025-02-01\nfin = 2025-01-01\ncommanditaire = \"C\"\nreseau_distribution = [\"R\"]\nbudget_cheques = 10\npublic_cible = \"P\"\nindicateurs = [\"profil\", \"inconnu\"]\n+++\nTexte.\n")},
		"content/actions/b.md": {Data: []byte("+++\ntitle = \"B\"\ndate = 2025-01-01\n+++\nTexte.\n")},
	}
	problems := &diag.List{}
	var pages []*content.Page
	for _, name := range []string{"content/actions/a.md", "content/actions/b.md"} {
		pages = append(pages, content.Parse(name, fsys[name].Data, time.UTC, problems))
	}
	DecodeActions(fsys, pages, defs, time.UTC, problems)
	got := problemsOf(problems)
	for _, want := range []string{
		`content/actions/a.md:5: action.territoires: expected département codes such as "63", found "999"`,
		"content/actions/a.md:7: action.fin: expected a date on or after debut 2025-02-01, found 2025-01-01",
		`content/actions/a.md:12: action.indicateurs: expected only specific indicators (every action reports the generic ones), found generic "profil"`,
		`content/actions/a.md:12: action.indicateurs: expected codes of specific indicators of data/indicateurs.toml, found "inconnu"`,
		"content/actions/b.md:1: action: expected an [action] table",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems:\n%s\nwant a line containing:\n%s", got, want)
		}
	}
}
