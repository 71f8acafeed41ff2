package indicator

import (
	"bytes"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"labo/internal/content"
	"labo/internal/diag"
	"labo/internal/geo"
	"labo/internal/tomlpos"
)

// Action is a pilot action: the [action] table of content/actions/<slug>.md.
//
//	[action]
//	territoires         = ["63"]                  # départements, codes
//	debut               = 2025-09-01              # period of distribution
//	fin                 = 2026-01-31
//	commanditaire       = "Département du Puy-de-Dôme"
//	porteur             = "Réseau Labo"           # who runs it (optional)
//	reseau_distribution = ["CRI Auvergne", "CCAS"]
//	budget_cheques      = 1000                    # cheques bought
//	valeur_cheque       = 10                      # euros, default 10
//	public_cible        = "Personnes en situation d'illettrisme"
//	indicateurs         = ["illettrisme-orientation"]  # specific indicators, the generic ones are implied
//	sources             = ["Bilan de l'action, février 2020"]
type Action struct {
	Territories  []string  `toml:"territoires"`
	Start        time.Time `toml:"debut"`
	End          time.Time `toml:"fin"`
	Commissioner string    `toml:"commanditaire"`
	Operator     string    `toml:"porteur"`
	Network      []string  `toml:"reseau_distribution"`
	Budget       int       `toml:"budget_cheques"`
	ChequeValue  int       `toml:"valeur_cheque"`
	Public       string    `toml:"public_cible"`
	Indicators   []string  `toml:"indicateurs"`
	Sources      []string  `toml:"sources"`

	Page        *content.Page      `toml:"-"`
	Slug        string             `toml:"-"`
	Depts       []*geo.Departement `toml:"-"`
	Definitions []*Definition      `toml:"-"` // generic ones first, then the specific ones listed
}

// BudgetEuros is the value of the cheques bought.
func (a *Action) BudgetEuros() int { return a.Budget * a.ChequeValue }

// Reports reports whether the action reports the indicator.
func (a *Action) Reports(d *Definition) bool {
	for _, x := range a.Definitions {
		if x == d {
			return true
		}
	}
	return false
}

// DecodeActions reads the [action] table of every action page.
func DecodeActions(fsys fs.FS, pages []*content.Page, defs *Definitions, loc *time.Location, problems *diag.List) []*Action {
	var out []*Action
	for _, p := range pages {
		ix := frontMatterIndex(fsys, p.File)
		bad := func(key, format string, args ...any) {
			problems.Add(diag.Problem{File: p.File, Line: ix.Line(toml.Key{"action", key}), Field: "action." + key, Msg: fmt.Sprintf(format, args...)})
		}
		a := &Action{Page: p, Slug: p.Slug, ChequeValue: 10}
		if p.Action == nil {
			problems.Add(diag.Problem{File: p.File, Line: 1, Field: "action",
				Msg: "expected an [action] table (territoires, debut, fin, commanditaire, reseau_distribution, budget_cheques, public_cible, indicateurs), found none"})
			continue
		}
		before := problems.Len()
		if !p.DecodeAction(a, problems) || problems.Len() > before {
			continue
		}
		if len(a.Territories) == 0 {
			bad("territoires", "expected at least one département code, found none")
		}
		for _, code := range a.Territories {
			d := geo.DepartementByCode(code)
			if d == nil {
				bad("territoires", "expected département codes such as \"63\", found %q", code)
				continue
			}
			a.Depts = append(a.Depts, d)
		}
		if loc == nil {
			loc = time.UTC
		}
		a.Start = dateIn(a.Start, loc)
		a.End = dateIn(a.End, loc)
		switch {
		case a.Start.IsZero():
			bad("debut", "expected the first day of the action such as 2025-09-01, found nothing")
		case a.End.IsZero():
			bad("fin", "expected the last day of the action such as 2026-01-31, found nothing")
		case a.End.Before(a.Start):
			bad("fin", "expected a date on or after debut %s, found %s", a.Start.Format(time.DateOnly), a.End.Format(time.DateOnly))
		}
		if strings.TrimSpace(a.Commissioner) == "" {
			bad("commanditaire", "expected who pays for the cheques, found nothing")
		}
		if strings.TrimSpace(a.Public) == "" {
			bad("public_cible", "expected the people the action is for, found nothing")
		}
		if len(a.Network) == 0 {
			bad("reseau_distribution", "expected the structures that hand out the cheques, found none")
		}
		if a.Budget <= 0 {
			bad("budget_cheques", "expected the number of cheques bought, found %d", a.Budget)
		}
		if a.ChequeValue <= 0 {
			bad("valeur_cheque", "expected the value of one cheque in euros, found %d", a.ChequeValue)
		}
		a.Definitions = defs.Generic()
		for _, code := range a.Indicators {
			d := defs.Get(code)
			switch {
			case d == nil:
				bad("indicateurs", "expected codes of specific indicators of %s, found %q", DefinitionsFile, code)
			case d.Scope == Generic:
				bad("indicateurs", "expected only specific indicators (every action reports the generic ones), found generic %q", code)
			case a.Reports(d):
				bad("indicateurs", "expected each indicator once, found %q twice", code)
			default:
				a.Definitions = append(a.Definitions, d)
			}
		}
		out = append(out, a)
	}
	return out
}

func dateIn(t time.Time, loc *time.Location) time.Time {
	if t.IsZero() {
		return t
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}

// frontMatterIndex finds the lines of the front-matter keys of a content
// file, which the content package keeps to itself.
func frontMatterIndex(fsys fs.FS, file string) *tomlpos.Index {
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return tomlpos.New("", 0)
	}
	data = bytes.ReplaceAll(bytes.TrimPrefix(data, []byte("\ufeff")), []byte("\r\n"), []byte("\n"))
	_, rest, ok := bytes.Cut(data, []byte("\n"))
	if !ok {
		return tomlpos.New("", 0)
	}
	fm, _, _ := bytes.Cut(rest, []byte("\n+++"))
	return tomlpos.New(string(fm), 1)
}
