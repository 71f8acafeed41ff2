// Package cli implements the labo command. main only calls Run, so every
// command can be tested with its arguments and output writers.
package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"labo/internal/build"
	"labo/internal/diag"
	"labo/internal/frtext"
	"labo/internal/importer"
	"labo/internal/serve"
	"labo/internal/venue"
)

const usage = `labo builds a digital-inclusion site and its open data from a site folder.

Usage:
  labo build   [-dir .] [-out public] [-quiet] [-stages] [-cpuprofile F] [-memprofile F]
                                                 build the site into public/
  labo check   [-dir .] [-cpuprofile F] [-memprofile F]
                                                 validate every input, write nothing
  labo serve   [-dir .] [-port 1313]             build in memory, serve on 127.0.0.1,
                                                 rebuild and reload pages on every edit
  labo gen     -o DIR [-venues 25000] [-guides 2000] [-usages 1000000] [-seed 1]
                                                 write a synthetic national-scale site folder
  labo import  [-dir .] [-report import-rapport.csv] [-dry-run] FILE
                                                 merge a national-standard venue file (CSV or
                                                 JSON, v1.0.2 or v0.1) into data/lieux.csv
  labo version                                   print the version

check, build and serve keep parsed Markdown in .labo-cache/content.cache in
the site folder and parse again only what changed; build keeps the pages
whose inputs did not change (manifest in .labo-cache/ beside the output
folder). LABO_NO_CACHE=1 turns both off.
`

// runCheck loads and validates the site in dir, writing nothing.
func runCheck(dir string, stdout, stderr io.Writer) int {
	t0 := time.Now()
	s, err := build.Load(build.Options{Dir: dir, SourceDateEpoch: os.Getenv("SOURCE_DATE_EPOCH"), ParseCache: parseCache()})
	if err != nil {
		return report(err, stderr)
	}
	fmt.Fprintf(stdout, "ok: %s, %s, %s checked in %s\n",
		frtext.Plural(len(s.Venues), "lieu", "lieux"), frtext.Plural(len(s.Ref.Services), "service", "services"),
		frtext.Plural(len(s.Guides), "guide", "guides"), time.Since(t0).Round(time.Millisecond))
	return 0
}

// parseCache reports whether what runs can keep for the next ones is
// used: parsed content in .labo-cache/content.cache (content.Cache) and
// the render manifest of build: yes unless LABO_NO_CACHE is set to
// something other than "0".
func parseCache() bool {
	v := os.Getenv("LABO_NO_CACHE")
	return v == "" || v == "0"
}

// Run executes the command line args (without the program name) and returns
// the exit status.
func Run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, rest := args[0], args[1:]
	fset := flag.NewFlagSet("labo "+cmd, flag.ContinueOnError)
	fset.SetOutput(stderr)
	dir := fset.String("dir", ".", "site folder (site.toml, content/, data/, layouts/, static/)")
	switch cmd {
	case "build":
		out := fset.String("out", "public", "output folder, replaced atomically")
		quiet := fset.Bool("quiet", false, "print only the summary line")
		stages := fset.Bool("stages", false, "print the duration of every stage (even when not on a terminal) and the rendering cost of the 15 costliest kinds of output")
		cpu := fset.String("cpuprofile", "", "write a CPU profile (go tool pprof) to this file")
		mem := fset.String("memprofile", "", "write a heap allocation profile to this file")
		if fset.Parse(rest) != nil {
			return 2
		}
		stop, err := startProfiles(*cpu, *mem)
		if err != nil {
			fmt.Fprintln(stderr, "labo build:", err)
			return 1
		}
		code := runBuild(*dir, *out, *quiet, *stages, stdout, stderr)
		if err := stop(); err != nil {
			fmt.Fprintln(stderr, "labo build:", err)
			return 1
		}
		return code
	case "check":
		cpu := fset.String("cpuprofile", "", "write a CPU profile (go tool pprof) to this file")
		mem := fset.String("memprofile", "", "write a heap allocation profile to this file")
		if fset.Parse(rest) != nil {
			return 2
		}
		stop, err := startProfiles(*cpu, *mem)
		if err != nil {
			fmt.Fprintln(stderr, "labo check:", err)
			return 1
		}
		code := runCheck(*dir, stdout, stderr)
		if err := stop(); err != nil {
			fmt.Fprintln(stderr, "labo check:", err)
			return 1
		}
		return code
	case "serve":
		port := fset.Int("port", 1313, "port on 127.0.0.1 (0 picks a free one)")
		if fset.Parse(rest) != nil {
			return 2
		}
		return runServe(*dir, *port, stdout, stderr)
	case "gen":
		return runGen(fset, rest, stdout, stderr)
	case "import":
		report := fset.String("report", "import-rapport.csv", "row-by-row report (CSV), relative to -dir")
		dry := fset.Bool("dry-run", false, "write the report only, leave data/lieux.csv unchanged")
		if fset.Parse(rest) != nil {
			return 2
		}
		if fset.NArg() != 1 {
			fmt.Fprintf(stderr, "labo import: expected one file to import, found %d\n\n%s", fset.NArg(), usage)
			return 2
		}
		return runImport(*dir, fset.Arg(0), *report, *dry, stdout, stderr)
	case "version", "-version", "--version":
		fmt.Fprintln(stdout, "labo", Version())
		return 0
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "labo: unknown command %q\n\n%s", cmd, usage)
	return 2
}

func runBuild(dir, out string, quiet, stages bool, stdout, stderr io.Writer) int {
	tty := !quiet && isTerminal(stderr)
	dest := out
	if !filepath.IsAbs(dest) {
		dest = filepath.Join(dir, out)
	}
	opts := build.Options{Dir: dir, SourceDateEpoch: os.Getenv("SOURCE_DATE_EPOCH"), Out: dest, ParseCache: parseCache(), NoRenderCache: !parseCache()}
	if tty {
		opts.Progress = progressLine(stderr)
	}
	res, err := build.Build(opts)
	if tty {
		fmt.Fprint(stderr, "\r\033[K")
	}
	if err != nil {
		return report(err, stderr)
	}
	t0 := time.Now()
	if tty {
		fmt.Fprintf(stderr, "  write %d files…", res.Tree.Len())
	}
	pst, err := res.Publish(dest)
	if tty {
		fmt.Fprint(stderr, "\r\033[K")
	}
	if err != nil {
		fmt.Fprintln(stderr, "labo build:", err)
		return 1
	}
	res.Stages = append(res.Stages, build.Stage{Name: "write", Duration: time.Since(t0)})
	if tty {
		notes(res.Warnings, stderr)
	}
	if tty || stages {
		for _, st := range res.Stages {
			fmt.Fprintf(stdout, "  %-28s %s\n", st.Name, st.Duration.Round(time.Millisecond))
		}
	}
	if stages {
		fmt.Fprintf(stdout, "  %-28s %7s %10s %10s\n", "rendering, by kind", "outputs", "in workers", "bytes")
		for _, k := range res.Kinds[:min(len(res.Kinds), 15)] {
			fmt.Fprintf(stdout, "  %-28s %7d %10s %10s\n", k.Kind, k.Jobs, k.CPU.Round(time.Millisecond), bytesString(k.Bytes))
		}
	}
	total := res.Duration + res.Stages[len(res.Stages)-1].Duration
	reused := ""
	if res.Reused > 0 {
		reused = fmt.Sprintf(", %d kept from the last build without rendering", res.Reused)
	}
	if len(res.PartsKept) > 0 {
		reused += fmt.Sprintf(", %d of the site's parts unchanged", len(res.PartsKept))
	}
	fmt.Fprintf(stdout, "built %d pages, %d files, %s in %s into %s (%d written, %d unchanged, %d removed%s)\n", res.Pages, res.Tree.Len(), bytesString(res.Tree.Bytes()), total.Round(time.Millisecond), dest,
		pst.Written, pst.Unchanged, pst.Removed, reused)
	return 0
}

// notes prints the build's warnings, a few of them when there are many.
func notes(warnings []string, w io.Writer) {
	const most = 5
	for _, n := range warnings[:min(len(warnings), most)] {
		fmt.Fprintln(w, "note:", n)
	}
	if len(warnings) > most {
		fmt.Fprintf(w, "note: … and %d more of the same kind\n", len(warnings)-most)
	}
}

// isTerminal reports whether w is a terminal (progress lines are only for
// people watching).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// progressLine rewrites one terminal line with the current stage, at most
// every 100 ms.
func progressLine(w io.Writer) func(stage string, done, total int) {
	var last time.Time
	return func(stage string, done, total int) {
		if time.Since(last) < 100*time.Millisecond && done != 0 && done != total {
			return
		}
		last = time.Now()
		if total > 0 {
			fmt.Fprintf(w, "\r\033[K  %s: %s / %s", stage, frtext.Int(done), frtext.Int(total))
		} else {
			fmt.Fprintf(w, "\r\033[K  %s…", stage)
		}
	}
}

// runServe is `labo serve`: build in memory, watch, serve, reload.
func runServe(dir string, port int, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	dev := serve.NewDev(dir, stderr)
	dev.Session().UseParseCache(parseCache())
	t0 := time.Now()
	first := dev.Build(nil)
	if first.Problems != nil {
		fmt.Fprintln(stderr, "the site has problems: fix them, the page reloads by itself")
	} else {
		fmt.Fprintf(stdout, "built in %s\n", time.Since(t0).Round(time.Millisecond))
	}
	err := dev.Run(ctx, fmt.Sprintf("127.0.0.1:%d", port), func(url string) {
		fmt.Fprintf(stdout, "serving %s on %s (Ctrl+C to stop); edits rebuild and reload open pages\n", dir, url)
	})
	if err != nil {
		fmt.Fprintln(stderr, "labo serve:", err)
		return 1
	}
	return 0
}

// runImport merges a venue file into data/lieux.csv and writes the report.
func runImport(dir, file, reportPath string, dry bool, stdout, stderr io.Writer) int {
	data, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintln(stderr, "labo import:", err)
		return 1
	}
	src, err := importer.Parse(filepath.Base(file), data)
	if err != nil {
		fmt.Fprintln(stderr, "labo import:", err)
		return 1
	}
	target := filepath.Join(dir, filepath.FromSlash(venue.FileName))
	existing, err := os.ReadFile(target)
	if errors.Is(err, fs.ErrNotExist) {
		existing, err = nil, nil
	}
	if err != nil {
		fmt.Fprintln(stderr, "labo import:", err)
		return 1
	}
	res, err := importer.Import(existing, src)
	if err != nil {
		fmt.Fprintln(stderr, "labo import:", err)
		return 1
	}
	if !filepath.IsAbs(reportPath) {
		reportPath = filepath.Join(dir, reportPath)
	}
	if err := writeAtomic(reportPath, res.Report()); err != nil {
		fmt.Fprintln(stderr, "labo import:", err)
		return 1
	}
	fmt.Fprint(stdout, res.Summary(filepath.Base(file)))
	switch {
	case dry:
		fmt.Fprintf(stdout, "Essai (-dry-run) : %s n'a pas été modifié.\n", venue.FileName)
	case bytes.Equal(existing, res.Output):
		fmt.Fprintf(stdout, "%s est déjà à jour.\n", venue.FileName)
	default:
		if err := writeAtomic(target, res.Output); err != nil {
			fmt.Fprintln(stderr, "labo import:", err)
			return 1
		}
		fmt.Fprintf(stdout, "%s écrit (%s). Vérifiez avec : labo check\n", venue.FileName, frtext.Plural(bytes.Count(res.Output, []byte("\n"))-1, "lieu", "lieux"))
	}
	fmt.Fprintf(stdout, "Rapport ligne par ligne : %s\n", reportPath)
	return 0
}

// writeAtomic writes a file through a temporary file and a rename, so a
// failure never leaves it half written.
func writeAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// report prints input problems one per line, then a count, and returns 1.
func report(err error, stderr io.Writer) int {
	var de *diag.Error
	if errors.As(err, &de) {
		for _, p := range de.Problems {
			fmt.Fprintln(stderr, p.String())
		}
		fmt.Fprintf(stderr, "%d problem(s) found; nothing was written\n", len(de.Problems))
		return 1
	}
	fmt.Fprintln(stderr, "labo:", strings.TrimSpace(err.Error()))
	fmt.Fprintln(stderr, "nothing was written")
	return 1
}

func bytesString(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// Version is the module version, or the VCS revision of a development build.
func Version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, dirty := "", false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "devel"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "+dirty"
	}
	return "devel " + rev
}
