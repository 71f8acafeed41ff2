package opendata

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"time"

	"labo/internal/changelog"
	"labo/internal/dataset"
	"labo/internal/render"
	"labo/internal/site"
)

// ChangesView is the data of /donnees/changements/.
type ChangesView struct {
	Configured bool               // site.toml names a previous release
	Folder     string             // previous_release as written
	Previous   *changelog.Release // its Date only: the venues are dropped once compared
	Current    *changelog.Release // its Date only
	Kinds      []*KindChanges
	Total      int
	CSV        string // site path of changements.csv
}

// KindChanges are the changes of one kind.
type KindChanges struct {
	Kind    string
	Title   string
	Intro   string
	Changes []ChangeItem
}

// ChangeItem is one change, with the address of the venue page when the
// venue is still published.
type ChangeItem struct {
	changelog.Change
	URL string
}

var kindText = map[string][2]string{
	changelog.Added:       {"Lieux ajoutés", "Ces lieux apparaissent pour la première fois."},
	changelog.Closed:      {"Lieux retirés", "Ces lieux ne figurent plus dans la liste : fermés, déménagés ou qui ne proposent plus d'accompagnement au numérique."},
	changelog.Changed:     {"Lieux modifiés", "Une information a changé : adresse, horaires, contacts, services…"},
	changelog.Qualified:   {"Lieux qualifiés", "Ces lieux ont obtenu une qualification pour un ou plusieurs services du référentiel."},
	changelog.Requalified: {"Qualifications renouvelées ou changées", "La qualification a été renouvelée ou ses services ont changé."},
	changelog.Expired:     {"Qualifications arrivées à échéance", "La qualification de ces lieux a expiré ou a été suspendue. Ils restent dans la liste des lieux."},
}

// previousFS opens the previous release folder: relative to the site
// folder, or absolute.
func previousFS(s *site.Site, dir string) (fs.FS, error) {
	if filepath.IsAbs(dir) {
		return os.DirFS(dir), nil
	}
	return fs.Sub(s.FS, path.Clean(filepath.ToSlash(dir)))
}

// changeLog compares the release being built with the one in the
// previous_release folder and returns the /donnees/changements/ page and
// changements.csv. Without a previous release both say so and the CSV has
// only its header. A previous release that cannot be read fails the build
// (labo check reports a missing folder earlier).
func changeLog(s *site.Site) ([]render.Job, *dataset.Dataset) {
	// The page and the CSV need the changes and the two dates, not the
	// releases: those (every venue of both) are garbage once compared.
	view := &ChangesView{Folder: s.Config.PreviousRelease, Current: &changelog.Release{Date: s.Config.Date}, CSV: "/" + Dir + "/changements.csv"}
	var changes []changelog.Change
	var loadErr error
	if dir := s.Config.PreviousRelease; dir != "" {
		view.Configured = true
		fsys, err := previousFS(s, dir)
		var prev *changelog.Release
		if err == nil {
			prev, err = changelog.Load(fsys, dir)
		}
		if err != nil {
			loadErr = err
		} else {
			changes = changelog.Diff(prev, changelog.FromSite(s))
			view.Previous = &changelog.Release{Date: prev.Date}
		}
	}
	byKind := map[string]*KindChanges{}
	for _, c := range changes {
		k := byKind[c.Kind]
		if k == nil {
			t := kindText[c.Kind]
			k = &KindChanges{Kind: c.Kind, Title: t[0], Intro: t[1]}
			byKind[c.Kind] = k
		}
		item := ChangeItem{Change: c}
		if v := s.Venue(c.ID); v != nil {
			item.URL = v.URL
		}
		k.Changes = append(k.Changes, item)
	}
	for _, kind := range changelog.Kinds {
		if k := byKind[kind]; k != nil {
			view.Kinds = append(view.Kinds, k)
		}
	}
	view.Total = len(changes)
	var prevDate time.Time
	if view.Previous != nil {
		prevDate = view.Previous.Date
	}
	d := &dataset.Dataset{
		Name: "changements-csv", Path: Dir + "/changements.csv", Group: "changements",
		Title:       "Changements depuis la publication précédente",
		Description: "Les lieux ajoutés, retirés, modifiés, qualifiés, requalifiés ou dont la qualification a expiré depuis la publication précédente, un changement par ligne.",
		Format:      "csv", MediaType: "text/csv", Schema: changesSchema(),
		Keywords: []string{"changements", "mises à jour", "médiation numérique"},
		Make: func() ([]byte, error) {
			if loadErr != nil {
				return nil, loadErr
			}
			return writeCSV(changelog.Columns, changelog.Rows(changes, view.Current.Date, prevDate))
		},
	}
	page := &render.Page{
		Path: "/" + Dir + "/changements/", Title: "Changements depuis la publication précédente",
		Description: "Les lieux ajoutés, retirés, modifiés, qualifiés ou dont la qualification a expiré depuis la dernière publication des données.",
		Section:     "donnees", Crumbs: []render.Crumb{{Name: "Accueil", URL: "/"}, {Name: "Données", URL: "/" + Dir + "/"}},
		Styles: []string{"/css/donnees.css"}, Data: view,
	}
	return []render.Job{{Path: Dir + "/changements/index.html", Kind: "donnees/changements", Page: page}}, d
}
