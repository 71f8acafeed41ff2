// Package cli implements the labo command. main only calls Run, so every
// command can be tested with its arguments and output writers.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"labo/internal/build"
	"labo/internal/diag"
	"labo/internal/frtext"
	"labo/internal/serve"
)

const usage = `labo builds a digital-inclusion site and its open data from a site folder.

Usage:
  labo build   [-dir .] [-out public] [-quiet]   build the site into public/
  labo check   [-dir .]                          validate every input, write nothing
  labo serve   [-dir .] [-port 1313]             build, then serve on 127.0.0.1
  labo gen     -o DIR [-venues 25000] [-guides 2000] [-usages 1000000] [-seed 1] [-ref data/referentiel.toml]
                                                 write a synthetic national-scale site folder
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
		code := runBuild(*dir, *out, *quiet, stdout, stderr)
		if err := stop(); err != nil {
			fmt.Fprintln(stderr, "labo build:", err)
			return 1
		}
		return code
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
	case "gen":
		return runGen(fset, rest, stdout, stderr)
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
	pst, err := res.Tree.PublishStats(dest)
	if err != nil {
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
	fmt.Fprintf(stdout, "built %d pages, %d files, %s in %s into %s (%d written, %d unchanged, %d removed)\n", res.Pages, res.Tree.Len(), bytesString(res.Tree.Bytes()), total.Round(time.Millisecond), dest,
		pst.Written, pst.Unchanged, pst.Removed)
	return 0
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
