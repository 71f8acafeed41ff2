// Package cli implements the labo command. main only calls Run, so every
// command can be tested with its arguments and output writers.
package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
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
  labo build   [-dir .] [-out public] [-quiet]   build the site into public/
  labo check   [-dir .]                          validate every input, write nothing
  labo serve   [-dir .] [-port 1313]             build, then serve on 127.0.0.1
  labo import  [-dir .] [-report import-rapport.csv] [-dry-run] FILE
                                                 merge a national-standard venue file (CSV or
                                                 JSON, v1.0.2 or v0.1) into data/lieux.csv
  labo version                                   print the version
`

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
		if fset.Parse(rest) != nil {
			return 2
		}
		return runBuild(*dir, *out, *quiet, stdout, stderr)
	case "check":
		if fset.Parse(rest) != nil {
			return 2
		}
		t0 := time.Now()
		s, err := build.Load(build.Options{Dir: *dir, SourceDateEpoch: os.Getenv("SOURCE_DATE_EPOCH")})
		if err != nil {
			return report(err, stderr)
		}
		fmt.Fprintf(stdout, "ok: %s, %s, %s checked in %s\n",
			frtext.Plural(len(s.Venues), "lieu", "lieux"), frtext.Plural(len(s.Ref.Services), "service", "services"),
			frtext.Plural(len(s.Guides), "guide", "guides"), time.Since(t0).Round(time.Millisecond))
		return 0
	case "serve":
		port := fset.Int("port", 1313, "port on 127.0.0.1")
		out := fset.String("out", "public", "output folder")
		if fset.Parse(rest) != nil {
			return 2
		}
		if code := runBuild(*dir, *out, true, stdout, stderr); code != 0 {
			return code
		}
		addr := fmt.Sprintf("127.0.0.1:%d", *port)
		fmt.Fprintf(stdout, "serving %s on http://%s/ (Ctrl+C to stop)\n", *out, addr)
		if err := serve.ListenAndServe(addr, *out, *dir); err != nil {
			fmt.Fprintln(stderr, "labo serve:", err)
			return 1
		}
		return 0
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

func runBuild(dir, out string, quiet bool, stdout, stderr io.Writer) int {
	res, err := build.Build(build.Options{Dir: dir, SourceDateEpoch: os.Getenv("SOURCE_DATE_EPOCH")})
	if err != nil {
		return report(err, stderr)
	}
	t0 := time.Now()
	dest := out
	if !filepath.IsAbs(dest) {
		dest = filepath.Join(dir, out)
	}
	if err := res.Tree.Publish(dest); err != nil {
		fmt.Fprintln(stderr, "labo build:", err)
		return 1
	}
	res.Stages = append(res.Stages, build.Stage{Name: "write", Duration: time.Since(t0)})
	if !quiet {
		for _, w := range res.Warnings {
			fmt.Fprintln(stderr, "note:", w)
		}
		for _, st := range res.Stages {
			fmt.Fprintf(stdout, "  %-28s %s\n", st.Name, st.Duration.Round(time.Millisecond))
		}
	}
	total := res.Duration + res.Stages[len(res.Stages)-1].Duration
	fmt.Fprintf(stdout, "built %d pages, %d files, %s in %s into %s\n", res.Pages, res.Tree.Len(), bytesString(res.Tree.Bytes()), total.Round(time.Millisecond), dest)
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
