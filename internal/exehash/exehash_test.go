package exehash

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

func TestMadeByGo(t *testing.T) {
	for _, tc := range []struct {
		id   string
		want bool
	}{
		{"cAvwHRs76jPk-FxZRE5W/gmyXFP-Te8Pg_CctQKda/h0VjIP08N5TtfeRFzF4E/IZt-QhzHhd240vHeMK9A", true},
		{"", false},
		{"fixed", false},
		{"cAvwHRs76jPk-FxZRE5W/gmyXFP-Te8Pg_CctQKda", false},
		{"cAvwHRs76jPk-FxZRE5W/gmyXFP-Te8Pg_CctQKda/h0VjIP08N5TtfeRFzF4E/IZt-QhzHhd240vHeMK9", false},
		{"cAvwHRs76jPk-FxZRE5W/gmyXFP-Te8Pg_CctQKda/h0VjIP08N5TtfeRFzF4E/IZt-QhzHhd240vHeMK9+", false},
		{"cAvwHRs76jPk-FxZRE5W/gmyXFP-Te8Pg_CctQKda/h0VjIP08N5TtfeRFzF4E/IZt-QhzHhd240vHeMK9A/x", false},
	} {
		if got := madeByGo(tc.id); got != tc.want {
			t.Errorf("madeByGo(%q) = %v, want %v", tc.id, got, tc.want)
		}
	}
}

// The test binary's ID is the one the go command reports for it.
func TestSumIsTheBuildID(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Skipf("go tool buildid: %v", err)
	}
	id := strings.TrimSpace(string(out))
	want := "go:" + id[strings.LastIndexByte(id, '/')+1:]
	if got := Sum(); got != want {
		t.Errorf("Sum() = %q, want %q", got, want)
	}
}

// A file that is not an ELF executable has no build ID.
func TestGoBuildIDOfOtherFiles(t *testing.T) {
	if id := goBuildID("exehash.go"); id != "" {
		t.Errorf("goBuildID(exehash.go) = %q", id)
	}
	if id := goBuildID("missing"); id != "" {
		t.Errorf("goBuildID(missing) = %q", id)
	}
}
