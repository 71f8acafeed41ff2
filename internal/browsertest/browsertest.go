// Package browsertest drives headless Chromium (through chromedp) against a
// built site served on 127.0.0.1, for the tests of the map, the orientation
// assistant, accessibility and HTML quality.
//
// Chromium is found at $CHROMIUM or on PATH (chromium, chromium-browser). When
// it is missing, tests are skipped with a message saying so, except when the
// CI environment variable is set: then they fail, so CI can never pass
// without running them.
package browsertest

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"labo/internal/build"
	"labo/internal/serve"
)

// Root returns the repository root (the folder holding go.mod), which is
// also the demo site folder.
func Root(t testing.TB) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Dir(file)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("browsertest: go.mod not found above " + file)
		}
		dir = parent
	}
}

var (
	buildOnce sync.Once
	builtDir  string
	buildErr  error
)

// BuildDemo builds the demo site once per test binary and returns the folder.
func BuildDemo(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		res, err := build.Build(build.Options{Dir: Root(t)})
		if err != nil {
			buildErr = err
			return
		}
		dir, err := os.MkdirTemp("", "labo-browsertest-")
		if err != nil {
			buildErr = err
			return
		}
		builtDir = filepath.Join(dir, "public")
		buildErr = res.Tree.Publish(builtDir)
	})
	if buildErr != nil {
		t.Fatalf("building the demo site: %v", buildErr)
	}
	return builtDir
}

// BuildVariant builds a copy of the demo site whose inputs (site.toml, data/,
// content/, seeds/) were changed by edit, which receives the copy's folder. It
// returns the folder of the built site.
func BuildVariant(t testing.TB, edit func(dir string) error) string {
	t.Helper()
	root := Root(t)
	dir := t.TempDir()
	for _, name := range []string{"data", "content", "seeds"} {
		if _, err := os.Stat(filepath.Join(root, name)); err != nil {
			continue
		}
		if err := os.CopyFS(filepath.Join(dir, name), os.DirFS(filepath.Join(root, name))); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(filepath.Join(root, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := edit(dir); err != nil {
		t.Fatal(err)
	}
	res, err := build.Build(build.Options{Dir: dir})
	if err != nil {
		t.Fatalf("building the variant: %v", err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if err := res.Tree.Publish(out); err != nil {
		t.Fatal(err)
	}
	return out
}

// Serve serves dir on 127.0.0.1 with the same handler as `labo serve`
// (headers included) and returns the base URL, without a trailing slash.
func Serve(t testing.TB, dir string) string {
	t.Helper()
	headers, err := serve.LoadHeaders(Root(t))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(serve.FolderHandler(dir, headers))
	t.Cleanup(srv.Close)
	return srv.URL
}

// ChromiumPath returns the browser executable, or "".
func ChromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Browser starts a fresh headless Chromium and returns a tab context that is
// cancelled when the test ends. JavaScript can be turned off with
// DisableJS on the returned context.
func Browser(t testing.TB) context.Context {
	t.Helper()
	path := ChromiumPath()
	if path == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is not installed: browser tests cannot run (scripts/install-test-deps.sh installs it)")
		}
		t.Skip("chromium is not installed: browser test skipped (run scripts/install-test-deps.sh)")
	}
	profile := t.TempDir()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(profile),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		// Nothing may leave the machine: names other than the loopback
		// address do not resolve (pages must work offline anyway).
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return ctx
}
