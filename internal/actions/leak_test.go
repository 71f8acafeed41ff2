package actions_test

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// secrets are what must never be published: every cheque number, every
// pseudonym and every line of the usage files.
type secrets struct {
	tokens map[string]string // value → what it is
	lines  map[string]bool
}

func readSecrets(t *testing.T, dir string) secrets {
	t.Helper()
	s := secrets{tokens: map[string]string{}, lines: map[string]bool{}}
	files, _ := filepath.Glob(filepath.Join(dir, "data", "usages", "*.csv"))
	if len(files) == 0 {
		t.Fatal("no usage files to check against")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows[1:] {
			s.tokens[r[0]] = "cheque number"
			s.tokens[r[1]] = "pseudonym"
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		for first := true; sc.Scan(); first = false {
			if !first && len(sc.Text()) > 0 {
				s.lines[sc.Text()] = true
			}
		}
	}
	return s
}

var token = regexp.MustCompile(`[A-Za-z0-9_-]{4,}`)

// scan returns what of s appears in the files under dir.
func (s secrets) scan(dir string) ([]string, error) {
	var found []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		for _, tok := range token.FindAll(data, -1) {
			if what, ok := s.tokens[string(tok)]; ok {
				found = append(found, rel+": "+what+" "+string(tok))
			}
		}
		for _, line := range bytes.Split(data, []byte("\n")) {
			if s.lines[string(bytes.TrimRight(line, "\r"))] {
				found = append(found, rel+": a usage record")
			}
		}
		return nil
	})
	return found, err
}

// TestNothingPersonalIsPublished publishes the demo site to a folder, as
// `labo build` does, and looks in every file for cheque numbers,
// pseudonyms and usage lines.
func TestNothingPersonalIsPublished(t *testing.T) {
	s := readSecrets(t, root(t))
	dir := filepath.Join(t.TempDir(), "public")
	if err := demo(t).Tree.Publish(dir); err != nil {
		t.Fatal(err)
	}
	found, err := s.scan(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range found {
		t.Error(f)
	}
}

// TestScanFindsLeaks makes sure the scan above can fail: a pseudonym, a
// cheque number and a whole record planted in a file are each reported.
func TestScanFindsLeaks(t *testing.T) {
	s := readSecrets(t, root(t))
	var pseudo, cheque, line string
	for v, what := range s.tokens {
		if what == "pseudonym" && pseudo == "" {
			pseudo = v
		}
		if what == "cheque number" && cheque == "" {
			cheque = v
		}
	}
	for l := range s.lines {
		line = l
		break
	}
	for _, leak := range []string{"<p>" + pseudo + "</p>", "x," + cheque + ",y", line} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "page.html"), []byte("<html>\n"+leak+"\n</html>"), 0o644); err != nil {
			t.Fatal(err)
		}
		found, err := s.scan(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(found) == 0 {
			t.Errorf("planted %q was not found", leak)
		}
	}
}
