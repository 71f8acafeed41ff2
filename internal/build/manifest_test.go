package build

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func sampleManifest() *manifest {
	return &manifest{
		global: "87b7e98bdece5649",
		files: map[string]cached{
			"lieux/a/index.html":    {key: "k1", size: 1200, sha256: "-", page: true, part: "pages/lieux"},
			"donnees/lieux.csv":     {key: "k2", size: 99, sha256: "abc", rows: 3, part: "opendata"},
			"robots.txt":            {key: "-", size: -1, sha256: "-"},
			"guides/un deux/x.html": {key: "k3", size: 0, sha256: "-", page: true, part: "pages/guides"},
		},
		parts: map[string]partRecord{
			"pages/lieux":  {key: "p1", files: 1},
			"opendata":     {key: "p2", files: 1, datasets: true},
			"pages/guides": {key: "p3", files: 1},
		},
		byPart: map[string][]string{
			"pages/lieux":  {"lieux/a/index.html"},
			"opendata":     {"donnees/lieux.csv"},
			"pages/guides": {"guides/un deux/x.html"},
		},
	}
}

func TestManifestRoundTrip(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	m := sampleManifest()
	if err := m.write(out); err != nil {
		t.Fatal(err)
	}
	got := readManifest(out)
	if !reflect.DeepEqual(got, m) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, m)
	}
}

func TestReadManifestRefusesDamage(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := sampleManifest().write(out); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(manifestPath(out))
	if err != nil {
		t.Fatal(err)
	}
	text := string(good)
	for _, tc := range []struct{ name, text string }{
		{"empty", ""},
		{"other version", strings.Replace(text, manifestHeader, "labo render manifest 2", 1)},
		{"no global key", manifestHeader + "\n"},
		{"cut in a line", text[:len(text)-5]},
		{"without its last newline", strings.TrimSuffix(text, "\n")},
		{"a field short", strings.Replace(text, "\tpage\t", "\t", 1)},
		{"a size not a number", strings.Replace(text, "\t1200\t", "\tmille\t", 1)},
		{"a part's count not a number", strings.Replace(text, "part\tp1\t1\t", "part\tp1\tun\t", 1)},
		{"a part line short", strings.Replace(text, "\t-\tpages/lieux\n", "\n", 1)},
		{"a file listed twice", strings.Replace(text, "\trobots.txt\n", "\trobots.txt\n-\t-1\t-\t0\t-\t-\trobots.txt\n", 1)},
		{"a part listed twice", strings.Replace(text, "part\tp2\t", "part\tp9\t1\t-\tpages/lieux\npart\tp2\t", 1)},
		{"files out of order", swapLines(text, "donnees/lieux.csv", "guides/un deux/x.html")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.text == text {
				t.Fatal("the damage did not apply")
			}
			if err := os.WriteFile(manifestPath(out), []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
			if m := readManifest(out); m != nil {
				t.Errorf("a damaged manifest was read: %+v", m)
			}
		})
	}
}

// Whatever readManifest accepts, writing it and reading it again gives it
// back: no field is lost or shifted on the way.
func FuzzReadManifest(f *testing.F) {
	dir := f.TempDir()
	out := filepath.Join(dir, "public")
	if err := sampleManifest().write(out); err != nil {
		f.Fatal(err)
	}
	good, _ := os.ReadFile(manifestPath(out))
	f.Add(string(good))
	f.Add(manifestHeader + "\nk\npart\ta\t1\t-\tb\tc\n")
	// One folder for every input of a fuzzing process (they run one at a
	// time in each): a temporary folder per input slows fuzzing tenfold.
	in, again := filepath.Join(dir, "in"), filepath.Join(dir, "again")
	f.Fuzz(func(t *testing.T, text string) {
		if err := os.WriteFile(manifestPath(in), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		m := readManifest(in)
		if m == nil {
			return
		}
		if err := m.write(again); err != nil {
			t.Fatal(err)
		}
		if m2 := readManifest(again); !reflect.DeepEqual(m2, m) {
			t.Errorf("read %q as %+v, which reads back as %+v", text, m, m2)
		}
	})
}

// swapLines swaps the lines that end with a and b.
func swapLines(text, a, b string) string {
	lines := strings.Split(text, "\n")
	ia, ib := -1, -1
	for i, l := range lines {
		switch {
		case strings.HasSuffix(l, "\t"+a):
			ia = i
		case strings.HasSuffix(l, "\t"+b):
			ib = i
		}
	}
	if ia < 0 || ib < 0 {
		return text
	}
	lines[ia], lines[ib] = lines[ib], lines[ia]
	return strings.Join(lines, "\n")
}
