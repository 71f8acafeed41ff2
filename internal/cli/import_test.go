package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const legacyCSV = "id;nom;commune;code_postal;adresse;date_maj;telephone;services\n" +
	"1;Espace numérique;RIOM;63200;12 rue Desaix;2026-01-15;04 73 99 18 30;Prendre en main un ordinateur\n" +
	"2;;Riom;63200;1 rue;2026-01-15;;\n"

func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "source.csv")
	if err := os.WriteFile(in, []byte(legacyCSV), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := Run([]string{"import", "-dir", dir, "-dry-run", in}, &out, &errOut); code != 0 {
		t.Fatalf("dry run: exit %d: %s", code, errOut.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "lieux.csv")); err == nil {
		t.Error("-dry-run wrote data/lieux.csv")
	}
	out.Reset()
	if code := Run([]string{"import", "-dir", dir, in}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	for _, want := range []string{"2 lignes lues dans source.csv (CSV, version 0.1 du standard)", "1 lieu ajouté, 0 ligne fusionnée, 1 ligne rejetée.", "data/lieux.csv écrit (1 lieu)"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	lieux, err := os.ReadFile(filepath.Join(dir, "data", "lieux.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(lieux), "63-riom-espace-numerique,00000000000000,Espace numérique,Riom,63200,,12 rue Desaix,,,,,+33473991830,") {
		t.Errorf("data/lieux.csv:\n%s", lieux)
	}
	report, err := os.ReadFile(filepath.Join(dir, "import-rapport.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(report), "3,rejeté,,,,ligne non importée : le nom du lieu manque") {
		t.Errorf("report:\n%s", report)
	}
	out.Reset()
	if code := Run([]string{"import", "-dir", dir, in}, &out, &errOut); code != 0 || !strings.Contains(out.String(), "data/lieux.csv est déjà à jour.") {
		t.Errorf("second import: exit %d\n%s", code, out.String())
	}
}

func TestImportCommandErrors(t *testing.T) {
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	if code := Run([]string{"import", "-dir", dir}, &out, &errOut); code != 2 {
		t.Errorf("no file: exit %d", code)
	}
	errOut.Reset()
	if code := Run([]string{"import", "-dir", dir, filepath.Join(dir, "absent.csv")}, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "absent.csv") {
		t.Errorf("missing file: exit %d, %s", code, errOut.String())
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("a,b\n1,2\n"), 0o644)
	errOut.Reset()
	if code := Run([]string{"import", "-dir", dir, bad}, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "expected a header with the columns of the national standard") {
		t.Errorf("bad header: exit %d, %s", code, errOut.String())
	}
}
