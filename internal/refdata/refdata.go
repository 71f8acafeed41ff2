// Package refdata finds the official reference files (schemas of the
// national venue standard and of data·inclusion, real venue exports) that
// tests read in place. They live in a "shared/reference" folder beside the
// checkout and are never copied into the repository: Path walks up from
// the working directory to the first folder holding shared/reference.
package refdata

import (
	"os"
	"path/filepath"
	"testing"
)

// Path returns the absolute path of a reference file such as
// "mediation-numerique-standard/schema.json". When the reference folder is
// missing the test is skipped, unless the CI environment variable is set:
// then it fails, so CI cannot pass without checking against the standards.
func Path(t testing.TB, rel string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		p := filepath.Join(dir, "shared", "reference", filepath.FromSlash(rel))
		if _, err := os.Stat(p); err == nil {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	msg := "reference file shared/reference/" + rel + " not found above the working directory"
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// Read returns the content of a reference file (see Path).
func Read(t testing.TB, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(Path(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
