package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"labo/internal/gen"
)

// runGen writes a synthetic site folder: `labo gen -o DIR`.
func runGen(fset *flag.FlagSet, args []string, stdout, stderr io.Writer) int {
	out := fset.String("o", "", "folder to create (must not exist or be empty)")
	venues := fset.Int("venues", 25000, "number of venues")
	guides := fset.Int("guides", 2000, "number of guides")
	usages := fset.Int("usages", 1000000, "number of usage records")
	seed := fset.Uint64("seed", 1, "random seed: the same seed writes the same files")
	ref := fset.String("ref", "data/referentiel.toml", "referential to copy into the site")
	ind := fset.String("indicators", "data/indicateurs.toml", "indicator definitions to copy into the site (needed for usage records)")
	needs := fset.String("needs", "data/besoins.toml", "needs of the orientation assistant to copy into the site")
	if fset.Parse(args) != nil {
		return 2
	}
	if *out == "" {
		fmt.Fprintln(stderr, "labo gen: -o DIR is required")
		return 2
	}
	refData, err := os.ReadFile(*ref)
	if err != nil {
		fmt.Fprintf(stderr, "labo gen: cannot read the referential (run from the repository root or pass -ref): %v\n", err)
		return 1
	}
	indData, err := os.ReadFile(*ind)
	if err != nil {
		fmt.Fprintf(stderr, "labo gen: cannot read the indicator definitions (run from the repository root or pass -indicators): %v\n", err)
		return 1
	}
	needsData, err := os.ReadFile(*needs)
	if err != nil {
		fmt.Fprintf(stderr, "labo gen: cannot read the needs (run from the repository root or pass -needs): %v\n", err)
		return 1
	}
	t0 := time.Now()
	st, err := gen.Write(*out, gen.Options{Venues: *venues, Guides: *guides, Usages: *usages, Seed: *seed,
		Referential: refData, Indicators: indData, Needs: needsData})
	if err != nil {
		fmt.Fprintln(stderr, "labo gen:", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %d venues in %d départements, %d qualifications, %d guides (%d words), %d actions with %d usage records: %d files, %s in %s into %s\n",
		st.Venues, st.Depts, st.Qualifications, st.Guides, st.Words, st.Actions, st.Usages, st.Files, bytesString(st.Bytes), time.Since(t0).Round(time.Millisecond), *out)
	return 0
}
