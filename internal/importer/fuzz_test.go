package importer

import (
	"testing"
)

// FuzzImport feeds arbitrary files to the parser and the row normaliser.
// Whatever the input, Import must not fail (the merged file is checked with
// the venue validator inside Import), and every row must be imported,
// merged or rejected.
func FuzzImport(f *testing.F) {
	f.Add([]byte(v1Header + "lieu-a,12345678900011,Espace,Riom,63200,63300,12 rue Desaix,,45.893,3.117,,04 73 99 18 30,a@b.fr,www.riom.fr,Mo 09:00-12:00,,,,Fixe,,2026-01-15,Aide aux démarches administratives,Seniors,,Gratuit,,,,Se présenter,En autonomie,,\n"))
	f.Add([]byte("id;nom;commune;code_postal;adresse;date_maj;services;publics_accueillis;conditions_acces\n1;EPN;RIOM;3200;1 rue;15/01/2026;Prendre en main un ordinateur;Adultes;Adhésion : payant\n"))
	f.Add([]byte(`[{"id":"0","nom":"MAISON","commune":"ABONDANCE","code_postal":"74360","adresse":"PLACE","latitude":46.27947045,"longitude":6.720031881096503,"date_maj":"2021-05-05","services":"Accéder à du matériel;Créer avec le numérique","modalites_accompagnement":"A ma place : x"}]`))
	f.Add([]byte(`{"data":[{"nom":"a"},{"nom":"a","adresse":"b","commune":"c","code_postal":"63000","date_maj":"2020-01-01"}]}`))
	f.Add([]byte("nom,adresse\n\"x\ny\",z\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		src, err := Parse("fuzz", data)
		if err != nil {
			return
		}
		res, err := Import(nil, src)
		if err != nil {
			t.Fatalf("Import: %v", err)
		}
		if res.Imported+res.Merged+res.Rejected != len(src.Records) {
			t.Fatalf("%d + %d + %d != %d rows", res.Imported, res.Merged, res.Rejected, len(src.Records))
		}
		again, err := Import(res.Output, src)
		if err != nil {
			t.Fatalf("second import: %v", err)
		}
		if again.Imported != 0 && res.Imported+res.Merged > 0 {
			// A second import of the same file must find every row it wrote.
			t.Fatalf("second import added %d venues", again.Imported)
		}
	})
}
