package opendata_test

import (
	"io/fs"
	"os"
	"testing"
	"testing/fstest"

	"labo/internal/browsertest"
	"labo/internal/importer"
	"labo/internal/opendata"
	"labo/internal/output"
	"labo/internal/pages"
	"labo/internal/refdata"
	"labo/internal/render"
	"labo/internal/site"
	"labo/layouts"
	"labo/static"
)

// BenchmarkPublish measures the open-data stage — every dataset made, the
// catalogue page, datapackage.json, DCAT and checksums — on the demo site
// with the 669 Hinaura venues imported into it (741 venues).
func BenchmarkPublish(b *testing.B) {
	root := os.DirFS(browsertest.Root(b))
	fsys := fstest.MapFS{}
	for _, dir := range []string{"data", "content", "seeds/donnees-2026-05-01"} {
		fs.WalkDir(root, dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				data, _ := fs.ReadFile(root, p)
				fsys[p] = &fstest.MapFile{Data: data}
			}
			return err
		})
	}
	cfg, _ := fs.ReadFile(root, "site.toml")
	fsys["site.toml"] = &fstest.MapFile{Data: cfg}
	src, err := importer.Parse("hinaura.json", refdata.Read(b, "venues/hinaura-auvergne-rhone-alpes-legacy-v0.1.json"))
	if err != nil {
		b.Fatal(err)
	}
	res, err := importer.Import(fsys["data/lieux.csv"].Data, src)
	if err != nil {
		b.Fatal(err)
	}
	fsys["data/lieux.csv"] = &fstest.MapFile{Data: res.Output}
	s, problems := site.Load(fsys, "")
	if err := problems.Err(); err != nil {
		b.Fatal(err)
	}
	r, err := render.New(layouts.FS, nil, static.FS, &render.SiteData{Config: s.Config, Nav: pages.Nav(), Footer: pages.Footer(s)})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(s.Venues)), "venues")
	b.ReportAllocs()
	for b.Loop() {
		jobs, datasets := opendata.Generate(s)
		tree := output.NewTree()
		for _, j := range jobs {
			data, err := r.Run(j)
			if err != nil {
				b.Fatal(err)
			}
			tree.Add(j.Path, data)
		}
		for _, d := range datasets {
			data, err := d.Produce()
			if err != nil {
				b.Fatal(err)
			}
			tree.Add(d.Path, data)
			d.Fill(data)
		}
		if err := opendata.Finish(s, r, tree, datasets); err != nil {
			b.Fatal(err)
		}
	}
}
