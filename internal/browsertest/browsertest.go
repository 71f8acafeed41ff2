// Package browsertest drives headless Chromium (through chromedp) against a
// built site served on 127.0.0.1, for the tests of the map, the orientation
// assistant, accessibility and HTML quality.
//
// BuildDemo builds the demo site once per test binary (DemoResult gives the
// model and tree) and Serve serves it with the handler of `labo serve`;
// Browser opens a tab that records CSP violations and uncaught script
// errors and fails the test on any. On a page: Axe runs axe-core (WCAG 2.0
// and 2.1 A/AA and best practices); CheckKeyboard, KeyboardProblems, Walk,
// Tab, TabTo, Press and ActiveElement drive and inspect keyboard focus;
// SetJavaScript and MissingEssentials check a page without scripts. Pages
// lists one demo page of every template.
//
// Chromium is found at $CHROMIUM or on PATH (chromium, chromium-browser). When
// it is missing, tests are skipped with a message saying so, except when the
// CI environment variable is set: then they fail, so CI can never pass
// without running them. The same holds for node_modules (axe-core).
package browsertest

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"labo/internal/build"
	"labo/internal/serve"
	"labo/internal/sitecopy"
	"labo/internal/sitetest"
)

// Root returns the repository root, which is also the demo site folder.
func Root(t testing.TB) string { return sitecopy.Root(t) }

var (
	buildOnce sync.Once
	builtDir  string
	built     *build.Result
	buildErr  error
)

// BuildDemo builds the demo site once per test binary, publishes it to a
// temporary folder and returns the folder.
func BuildDemo(t testing.TB) string {
	t.Helper()
	DemoResult(t)
	return builtDir
}

// Main runs the tests of a package that uses BuildDemo or Browser, then
// removes the published demo and closes the browser the tests shared: call
// it from the package's TestMain,
//
//	func TestMain(m *testing.M) { browsertest.Main(m) }
func Main(m *testing.M) {
	shared.enabled = true
	code := m.Run()
	if shared.close != nil {
		shared.close()
	}
	if builtDir != "" {
		os.RemoveAll(filepath.Dir(builtDir))
	}
	os.Exit(code)
}

// DemoResult is the in-memory build of the demo site behind BuildDemo: the
// site model (for its configuration and data) and the output tree.
func DemoResult(t testing.TB) *build.Result {
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
		built = res
		builtDir = filepath.Join(dir, "public")
		buildErr = res.Tree.Publish(builtDir)
	})
	if buildErr != nil {
		t.Fatalf("building the demo site: %v", buildErr)
	}
	return built
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

// shared is one browser for every test of a test binary that runs through
// Main (which closes it at the end); Browser opens a new tab in it per test.
// Without Main, each test starts and stops its own browser.
var shared struct {
	enabled bool
	once    sync.Once
	ctx     context.Context
	close   func()
	err     error
}

func allocatorOptions(path, profile string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
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
}

// Browser returns a fresh tab of headless Chromium, closed when the test
// ends. The tab records CSP violations and uncaught script errors, and the
// test fails at its end if any is left (PageErrors reads and clears them).
// JavaScript can be turned off with SetJavaScript.
func Browser(t testing.TB) context.Context {
	t.Helper()
	path := ChromiumPath()
	if path == "" {
		Missing(t, "chromium is not installed: browser tests cannot run")
	}
	var ctx context.Context
	if shared.enabled {
		shared.once.Do(func() {
			profile, err := os.MkdirTemp("", "labo-chromium-")
			if err != nil {
				shared.err = err
				return
			}
			actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), allocatorOptions(path, profile)...)
			bctx, cancelBrowser := chromedp.NewContext(actx)
			shared.ctx = bctx
			shared.close = func() { cancelBrowser(); cancelAlloc(); os.RemoveAll(profile) }
			shared.err = chromedp.Do(bctx)
		})
		if shared.err != nil {
			t.Fatalf("starting chromium: %v", shared.err)
		}
		tab, cancelTab := chromedp.NewContext(shared.ctx)
		t.Cleanup(cancelTab)
		if err := chromedp.Do(tab); err != nil {
			t.Fatalf("opening a tab: %v", err)
		}
		tctx, cancelTimeout := context.WithTimeout(tab, 3*time.Minute)
		t.Cleanup(cancelTimeout)
		ctx = tctx
	} else {
		actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), allocatorOptions(path, t.TempDir())...)
		bctx, cancelCtx := chromedp.NewContext(actx)
		tctx, cancelTimeout := context.WithTimeout(bctx, 3*time.Minute)
		t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
		if err := chromedp.Do(tctx); err != nil {
			t.Fatalf("starting chromium: %v", err)
		}
		ctx = tctx
	}
	rec := &recorder{}
	if err := rec.watch(ctx); err != nil {
		t.Fatalf("watching the console: %v", err)
	}
	ctx = context.WithValue(ctx, recorderKey{}, rec)
	t.Cleanup(func() {
		for _, e := range PageErrors(ctx) {
			t.Errorf("page error: %s", e)
		}
	})
	return ctx
}

// ServeFiles writes files (site path → content) to a temporary folder and
// serves it like Serve: for tests that prove a check fails on a broken page.
func ServeFiles(t testing.TB, files map[string]string) string {
	t.Helper()
	return Serve(t, sitetest.Files(files).Write(t))
}
