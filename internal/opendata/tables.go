package opendata

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"time"

	"labo/internal/appendenc"
	"labo/internal/pages"
	"labo/internal/qualification"
	"labo/internal/referential"
	"labo/internal/site"
)

func writeCSV(header []string, rows [][]string) ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := w.Write(header); err != nil {
		return nil, err
	}
	if err := w.WriteAll(rows); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// qualificationsCSV lists every qualification row, by venue id then in file
// order, with the status it has on the build date. Rows are appended as
// encoding/csv writes them (a national file has 50,000).
func qualificationsCSV(s *site.Site) ([]byte, error) {
	// The venues with qualifications, with their ids beside them: sorting
	// follows no pointer.
	type byID struct {
		id string
		v  *site.Venue
	}
	var venues []byID
	for _, v := range s.Venues {
		if len(v.Quals) > 0 {
			venues = append(venues, byID{v.ID, v})
		}
	}
	slices.SortFunc(venues, func(a, b byID) int { return strings.Compare(a.id, b.id) })
	b := appendenc.CSVRecord(appendenc.Buffer(4096+100*len(venues)), qualification.Columns)
	var quals []*qualification.Qualification
	for _, x := range venues {
		v := x.v
		quals = append(quals[:0], v.Quals...)
		slices.SortFunc(quals, func(a, b *qualification.Qualification) int { return a.Line - b.Line })
		for _, q := range quals {
			b = appendenc.CSVField(b, v.ID)
			b = append(b, ',')
			for _, f := range []string{strings.Join(q.Services, "|"), q.State(s.Config.Date), date(q.FromDate), date(q.Until)} {
				b = appendenc.CSVField(b, f)
				b = append(b, ',')
			}
			b = append(b, yesNo(q.Pass)...)
			b = append(b, '\n')
		}
	}
	return b, nil
}

func referentielCSV(s *site.Site) ([]byte, error) {
	var header []string
	for _, f := range referentielSchema() {
		header = append(header, f.Name)
	}
	var rows [][]string
	for _, svc := range s.Ref.Services {
		onBehalf := "false"
		if svc.OnBehalf {
			onBehalf = "true"
		}
		rows = append(rows, []string{svc.Code, svc.Family, svc.FamilyRef.Title, svc.Title, svc.Description,
			svc.Level, svc.Step, joinSep(svc.Formats), svc.Duration, itoa(svc.DurationMinutes), itoa(svc.Cheques),
			onBehalf, joinSep(svc.NationalServices), joinSep(svc.ToBring), joinSep(svc.Keywords),
			itoa(len(s.ServiceVenues[svc.Code])), s.Config.Abs(pages.ServiceURL(svc))})
	}
	return writeCSV(header, rows)
}

// serviceJSON is one service of referentiel.json.
type serviceJSON struct {
	Code              string     `json:"code"`
	Famille           familyJSON `json:"famille"`
	Titre             string     `json:"titre"`
	Description       string     `json:"description"`
	Niveau            string     `json:"niveau"`
	Etape             string     `json:"etape"`
	Formats           []string   `json:"formats"`
	Duree             string     `json:"duree,omitempty"`
	DureeMinutes      int        `json:"duree_minutes,omitempty"`
	Cheques           int        `json:"cheques"`
	FaireALaPlace     bool       `json:"faire_a_la_place"`
	ServicesNationaux []string   `json:"services_nationaux"`
	AApporter         []string   `json:"a_apporter"`
	MotsCles          []string   `json:"mots_cles"`
	LieuxQualifies    int        `json:"lieux_qualifies"`
	URL               string     `json:"url"`
}

type familyJSON struct {
	Code        string `json:"code"`
	Titre       string `json:"titre"`
	Description string `json:"description"`
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func referentielJSON(s *site.Site) ([]byte, error) {
	items := make([]serviceJSON, 0, len(s.Ref.Services))
	for _, svc := range s.Ref.Services {
		items = append(items, serviceJSON{
			Code: svc.Code, Famille: familyOf(svc), Titre: svc.Title, Description: svc.Description,
			Niveau: svc.Level, Etape: svc.Step, Formats: nonNil(svc.Formats), Duree: svc.Duration,
			DureeMinutes: svc.DurationMinutes, Cheques: svc.Cheques, FaireALaPlace: svc.OnBehalf,
			ServicesNationaux: nonNil(svc.NationalServices), AApporter: nonNil(svc.ToBring), MotsCles: nonNil(svc.Keywords),
			LieuxQualifies: len(s.ServiceVenues[svc.Code]), URL: s.Config.Abs(pages.ServiceURL(svc)),
		})
	}
	return arrayLines(items)
}

func familyOf(svc *referential.Service) familyJSON {
	f := svc.FamilyRef
	return familyJSON{Code: f.Code, Titre: f.Title, Description: f.Description}
}
