package cli

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"labo/internal/sitecopy"
)

// snapshot records every file under dir with its content hash and
// modification time, and the entries beside dir whose name starts with
// dir's (no staging folder left behind).
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			fmt.Fprintf(&b, "%s/\n", rel)
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s %x %d\n", rel, sha256.Sum256(data), fi.ModTime().UnixNano())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	siblings, _ := os.ReadDir(filepath.Dir(dir))
	for _, s := range siblings {
		if strings.HasPrefix(s.Name(), filepath.Base(dir)) {
			fmt.Fprintf(&b, "beside: %s\n", s.Name())
		}
	}
	return b.String()
}

// TestFailedBuildLeavesPublicUntouched builds a copy of the demo site, then
// breaks it in several ways: `labo build` must fail, say so, and leave the
// previous public/ exactly as it was (same files, same bytes, same times).
func TestFailedBuildLeavesPublicUntouched(t *testing.T) {
	site := sitecopy.CopyDemo(t)
	public := filepath.Join(site, "public")
	var stdout, stderr bytes.Buffer
	if code := Run([]string{"build", "-dir", site, "-quiet"}, &stdout, &stderr); code != 0 {
		t.Fatalf("first build: exit %d\n%s", code, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(public, "index.html")); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, public)
	for _, c := range []struct {
		name, file, content, want string
	}{
		{"input problem", "data/lieux.csv", "id,pivot\n", "data/lieux.csv:1: missing column"},
		{"template error", "layouts/index.html", `{{define "main"}}{{.Data.NoSuchField}}{{end}}`, "can't evaluate field NoSuchField"},
		{"broken Markdown link", "content/guides/casse.md", "+++\ntitle = \"x\"\ndate = 2025-01-01\n+++\n[x](@/guides/absent.md)\n", "content/guides/casse.md:5: link:"},
	} {
		t.Run(c.name, func(t *testing.T) {
			full := filepath.Join(site, filepath.FromSlash(c.file))
			old, readErr := os.ReadFile(full)
			os.MkdirAll(filepath.Dir(full), 0o755)
			if err := os.WriteFile(full, []byte(c.content), 0o644); err != nil {
				t.Fatal(err)
			}
			defer func() {
				if readErr == nil {
					os.WriteFile(full, old, 0o644)
				} else {
					os.Remove(full)
				}
			}()
			stdout.Reset()
			stderr.Reset()
			code := Run([]string{"build", "-dir", site}, &stdout, &stderr)
			if code != 1 || !strings.Contains(stderr.String(), c.want) || !strings.Contains(stderr.String(), "nothing was written") {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 1, %q and \"nothing was written\"", code, stderr.String(), c.want)
			}
			if after := snapshot(t, public); after != before {
				t.Errorf("public/ changed after a failed build:\n%s", firstDiff(before, after))
			}
		})
	}
	// A successful build does change public/: the snapshot can tell.
	page := filepath.Join(site, "content", "a-propos.md")
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, append(b, "\nUne phrase de plus.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if code := Run([]string{"build", "-dir", site, "-quiet"}, &stdout, &stderr); code != 0 {
		t.Fatalf("build after repair: exit %d\n%s", code, stderr.String())
	}
	if snapshot(t, public) == before {
		t.Error("public/ did not change after a successful build with a changed page")
	}
}

func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return "before: " + la[i] + "\nafter:  " + lb[i]
		}
	}
	return fmt.Sprintf("%d lines before, %d after", len(la), len(lb))
}

// TestCheckParseCache: `labo check` keeps parsed content in
// .labo-cache/content.cache unless LABO_NO_CACHE is set, and rewrites it
// only when a body changed.
func TestCheckParseCache(t *testing.T) {
	site := sitecopy.CopyDemo(t)
	cache := filepath.Join(site, ".labo-cache", "content.cache")
	check := func() {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := Run([]string{"check", "-dir", site}, &stdout, &stderr); code != 0 {
			t.Fatalf("check: %d %s", code, stderr.String())
		}
	}
	t.Setenv("LABO_NO_CACHE", "1")
	check()
	if _, err := os.Stat(cache); !os.IsNotExist(err) {
		t.Fatalf("LABO_NO_CACHE=1 wrote the cache (%v)", err)
	}
	t.Setenv("LABO_NO_CACHE", "")
	check()
	first, err := os.Stat(cache)
	if err != nil {
		t.Fatal(err)
	}
	check()
	if again, err := os.Stat(cache); err != nil || !os.SameFile(first, again) {
		t.Errorf("an unchanged site rewrote the cache (%v)", err)
	}
	sitecopy.Edit(t, site, "content/guides/les-six-etapes.md", "Vue d'ensemble", "Vue générale")
	t.Setenv("LABO_NO_CACHE", "1")
	check()
	if again, err := os.Stat(cache); err != nil || !os.SameFile(first, again) {
		t.Errorf("LABO_NO_CACHE=1 rewrote the cache (%v)", err)
	}
	t.Setenv("LABO_NO_CACHE", "")
	check()
	if again, err := os.Stat(cache); err != nil || os.SameFile(first, again) {
		t.Errorf("an edited guide did not update the cache (%v)", err)
	}
}

// TestBuildNoCache: LABO_NO_CACHE=1 makes `labo build` render every page
// and leave no render manifest, so that the next build renders everything
// too; without it a build keeps the pages whose inputs did not change.
func TestBuildNoCache(t *testing.T) {
	site := sitecopy.CopyDemo(t)
	out := filepath.Join(t.TempDir(), "public")
	manifest := filepath.Join(filepath.Dir(out), ".labo-cache", "public.manifest")
	build := func() string {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := Run([]string{"build", "-quiet", "-dir", site, "-out", out}, &stdout, &stderr); code != 0 {
			t.Fatalf("build: %d %s", code, stderr.String())
		}
		return stdout.String()
	}
	hasManifest := func() bool {
		_, err := os.Stat(manifest)
		return err == nil
	}
	t.Setenv("LABO_NO_CACHE", "")
	build()
	if got := build(); !strings.Contains(got, "kept from the last build") || !hasManifest() {
		t.Fatalf("a second build kept nothing (manifest %v): %s", hasManifest(), got)
	}
	t.Setenv("LABO_NO_CACHE", "1")
	if got := build(); strings.Contains(got, "kept from the last build") || hasManifest() {
		t.Errorf("LABO_NO_CACHE=1 used or left the render manifest (manifest %v): %s", hasManifest(), got)
	}
	t.Setenv("LABO_NO_CACHE", "")
	if got := build(); strings.Contains(got, "kept from the last build") || !hasManifest() {
		t.Errorf("after LABO_NO_CACHE=1, a build kept pages or wrote no manifest (manifest %v): %s", hasManifest(), got)
	}
	if got := build(); !strings.Contains(got, "kept from the last build") {
		t.Errorf("the render cache did not come back: %s", got)
	}
}
