package actions

import (
	"strings"

	"labo/internal/csvio"
	"labo/internal/dataset"
	"labo/internal/indicator"
)

// AllActions names the all-actions rows in the datasets.
const AllActions = "toutes-les-actions"

// Row is one line of the indicator datasets (long format: one value per
// line).
type Row struct {
	Action        string `csv:"action"`
	Indicator     string `csv:"indicateur"`
	Label         string `csv:"libelle_indicateur"`
	Breakdown     string `csv:"ventilation"`
	Category      string `csv:"modalite"`
	CategoryLabel string `csv:"libelle_modalite"`
	Value         string `csv:"valeur"`
	Unit          string `csv:"unite"`
	Numerator     string `csv:"numerateur"`
	Denominator   string `csv:"denominateur"`
	Status        string `csv:"statut"`
}

var schema = []dataset.Field{
	{Name: "action", Type: "string", Title: "Action", Required: true,
		Description: "Identifiant de l'action pilote (adresse de sa page, /actions/<action>/), ou « " + AllActions + " » pour l'ensemble des actions qui publient l'indicateur.", Example: "illettrisme-puy-de-dome"},
	{Name: "indicateur", Type: "string", Title: "Indicateur", Required: true, Pattern: `^[a-z0-9]+(-[a-z0-9]+)*$`,
		Description: "Code de l'indicateur, défini sur la page Méthode des indicateurs.", Example: "personnes-accompagnees"},
	{Name: "libelle_indicateur", Type: "string", Title: "Libellé de l'indicateur", Required: true, Example: "Personnes accompagnées"},
	{Name: "ventilation", Type: "string", Title: "Ventilation", Required: true,
		Enum:        append([]string{"ensemble"}, indicator.Breakdowns...),
		Description: "Comment la valeur est découpée : « ensemble » pour le total de l'action, sinon par territoire, mois, tranche d'âge, sexe, diplôme, famille de services, type de lieu ou aiguilleur."},
	{Name: "modalite", Type: "string", Title: "Modalité",
		Description: "Code de la catégorie (code de département, mois AAAA-MM, tranche d'âge, code de famille…), vide pour « ensemble ».", Example: "63"},
	{Name: "libelle_modalite", Type: "string", Title: "Libellé de la modalité", Example: "Puy-de-Dôme (63)"},
	{Name: "valeur", Type: "number", Title: "Valeur",
		Description: "Nombre, pourcentage (0 à 100) ou moyenne selon l'unité. Vide quand la valeur est couverte par le secret statistique ou sans objet."},
	{Name: "unite", Type: "string", Title: "Unité", Required: true, Example: "personnes"},
	{Name: "numerateur", Type: "integer", Title: "Numérateur",
		Description: "Pour une part : le nombre compté ; pour une moyenne : le total. Vide sinon, ou sous secret statistique."},
	{Name: "denominateur", Type: "integer", Title: "Dénominateur",
		Description: "Pour une part : la base du pourcentage ; pour une moyenne : le nombre de personnes. Vide sinon, ou sous secret statistique."},
	{Name: "statut", Type: "string", Title: "Statut", Required: true, Enum: []string{indicator.StatusPublished, indicator.StatusSecret, indicator.StatusEmpty},
		Description: "« publié », « secret » (secret statistique : valeur calculée sur trop peu de personnes, ou masquée pour qu'on ne puisse pas la retrouver par soustraction) ou « sans objet »."},
}

// Rows lists every published value of the results, in the order of the
// definitions, breakdowns and actions. keep filters the actions (nil for
// all, the all-actions rows included).
func Rows(res *indicator.Results, keep *indicator.Action) []Row {
	var out []Row
	for _, t := range res.Tables {
		d := t.Def
		rows := t.Rows
		if t.All != nil && keep == nil {
			rows = append(rows[:len(rows):len(rows)], t.All)
		}
		for _, r := range rows {
			if keep != nil && r.Action != keep {
				continue
			}
			action := AllActions
			if r.Action != nil {
				action = r.Action.Slug
			}
			line := func(code, label string, v indicator.Value) Row {
				row := Row{Action: action, Indicator: d.Code, Label: d.Label, Breakdown: t.Breakdown, Category: code, CategoryLabel: label,
					Value: v.CSV(d), Unit: d.Unit, Status: v.Status()}
				if !v.Secret && !v.Empty && (d.Calculation == indicator.Share || d.Calculation == indicator.Mean || d.Calculation == indicator.Distribution) {
					row.Numerator, row.Denominator = itoa(v.Num), itoa(v.Den)
				}
				return row
			}
			if t.Breakdown == indicator.Total {
				out = append(out, line("", "", r.Total))
				continue
			}
			cats := visible(t, r)
			for _, i := range cats {
				c := t.Categories[i]
				out = append(out, line(c.Code, categoryLabel(t, i), r.Cells[i]))
			}
		}
	}
	return out
}

func itoa(n int64) string {
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

func actionDatasetPath(a *indicator.Action) string {
	return "donnees/actions/" + a.Slug + "-indicateurs.csv"
}

// Datasets are the indicator CSV files: every action together, then one per
// action.
func Datasets(res *indicator.Results) []*dataset.Dataset {
	all := &dataset.Dataset{
		Name: "indicateurs-csv", Path: "donnees/indicateurs.csv", Title: "Indicateurs d'impact des actions pilotes",
		Description: "Toutes les valeurs publiées des indicateurs, une par ligne : par action et pour l'ensemble des actions, au total et par ventilation. " +
			"Les valeurs calculées sur moins de " + itoa(int64(res.K)) + " personnes, et celles qui permettraient de les retrouver par soustraction, sont marquées « secret » et laissées vides. " +
			"Aucune donnée individuelle n'est publiée.",
		Format: "csv", MediaType: "text/csv", Schema: schema, Group: "indicateurs",
		Make: func() ([]byte, error) { return csvio.Write(Rows(res, nil)) },
	}
	out := []*dataset.Dataset{all}
	for _, a := range res.Actions {
		out = append(out, &dataset.Dataset{
			Name: "indicateurs-" + a.Slug + "-csv", Path: actionDatasetPath(a), Title: "Indicateurs : " + a.Page.Title,
			Description: "Les valeurs publiées des indicateurs de l'action « " + a.Page.Title + " », même format que indicateurs.csv.",
			Format:      "csv", MediaType: "text/csv", Schema: schema, Group: "indicateurs",
			Make: func() ([]byte, error) { return csvio.Write(Rows(res, a)) },
		})
	}
	return out
}

// Formula explains an indicator's calculation in plain French.
func Formula(d *indicator.Definition) string {
	filter := func(f []string) string {
		if len(f) == 0 {
			return ""
		}
		var parts []string
		for _, c := range f {
			parts = append(parts, condition(c))
		}
		return " " + strings.Join(parts, " et ")
	}
	measure := func(m *indicator.Measure) string {
		if m.Measure == indicator.DistinctCount {
			s := "nombre de personnes"
			if m.AtLeast > 1 {
				s += " ayant au moins " + itoa(int64(m.AtLeast)) + " chèques"
			} else {
				s += " ayant au moins un chèque"
			}
			return s + filter(m.Filter)
		}
		return "nombre de chèques" + filter(m.Filter)
	}
	switch d.Calculation {
	case indicator.Count:
		return "Nombre de chèques" + filter(d.Filter) + "."
	case indicator.DistinctCount:
		return "Nombre de personnes différentes ayant au moins " + plural(max(1, d.AtLeast), "chèque", "chèques") + filter(d.Filter) + "."
	case indicator.Share:
		return "(" + measure(d.Numerator) + ") ÷ (" + measure(d.Denominator) + ") × 100."
	case indicator.Mean:
		return "Nombre de chèques" + filter(d.Filter) + " ÷ nombre de personnes ayant au moins un de ces chèques."
	case indicator.Distribution:
		return "Dans chaque catégorie : nombre de personnes ayant au moins un chèque" + filter(d.Filter) + " ÷ le même nombre pour toutes les catégories × 100."
	}
	return ""
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "un " + one
	}
	return itoa(int64(n)) + " " + many
}

// condition writes a filter condition in French.
func condition(c string) string {
	field, value, _ := strings.Cut(c, "=")
	neg := strings.HasSuffix(field, "!")
	field = strings.TrimSpace(strings.TrimSuffix(field, "!"))
	value = strings.TrimSpace(value)
	var s string
	switch field + "=" + value {
	case "utilise=oui":
		s = "utilisés"
	case "utilise=non":
		s = "non utilisés"
	case "premiere_visite=oui":
		s = "utilisés lors d'une première visite dans le lieu"
	case "premiere_visite=non":
		s = "utilisés dans un lieu déjà connu"
	default:
		s = "dont « " + field + " » vaut « " + value + " »"
	}
	if neg {
		s = "sauf ceux " + s
	}
	return s
}
