// Package licence knows the open licences a site may publish its datasets
// under (site.toml `licence`), with what the catalogue, the Data Package, the
// DCAT catalogue, CITATION.cff and the LICENCE file need to say about them.
//
// Ids are SPDX identifiers, matched without regard to case; the default,
// etalab-2.0, is the Licence Ouverte 2.0 that French public bodies use.
package licence

import (
	"slices"
	"strings"
)

// Licence is one known licence.
type Licence struct {
	ID      string // SPDX identifier, "etalab-2.0"
	Title   string // French name, "Licence Ouverte 2.0 (Etalab)"
	URL     string // canonical text
	Summary string // what a reuser may do and must do, in plain French
}

// Default is the licence used when site.toml does not name one.
const Default = "etalab-2.0"

var known = []Licence{
	{
		ID: "etalab-2.0", Title: "Licence Ouverte 2.0 (Etalab)",
		URL:     "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
		Summary: "Vous pouvez réutiliser ces données librement, y compris pour un usage commercial : les copier, les publier, les adapter, les combiner avec d'autres. Vous devez seulement mentionner leur source (le producteur) et la date de leur dernière mise à jour.",
	},
	{
		ID: "ODbL-1.0", Title: "Open Database License 1.0 (ODbL)",
		URL:     "https://opendatacommons.org/licenses/odbl/1-0/",
		Summary: "Vous pouvez réutiliser ces données librement, y compris pour un usage commercial. Vous devez mentionner leur source, et publier sous la même licence toute base de données dérivée que vous diffusez.",
	},
	{
		ID: "CC-BY-4.0", Title: "Creative Commons Attribution 4.0 International",
		URL:     "https://creativecommons.org/licenses/by/4.0/deed.fr",
		Summary: "Vous pouvez réutiliser ces données librement, y compris pour un usage commercial. Vous devez mentionner leur source et indiquer si vous les avez modifiées.",
	},
	{
		ID: "CC-BY-SA-4.0", Title: "Creative Commons Attribution – Partage dans les mêmes conditions 4.0 International",
		URL:     "https://creativecommons.org/licenses/by-sa/4.0/deed.fr",
		Summary: "Vous pouvez réutiliser ces données librement, y compris pour un usage commercial. Vous devez mentionner leur source et publier vos versions modifiées sous la même licence.",
	},
	{
		ID: "CC0-1.0", Title: "Creative Commons Zéro 1.0 (domaine public)",
		URL:     "https://creativecommons.org/publicdomain/zero/1.0/deed.fr",
		Summary: "Ces données sont versées au domaine public : vous pouvez les réutiliser sans aucune condition. Citer la source reste apprécié.",
	},
}

// Lookup returns the licence with that SPDX id (any case), or nil.
func Lookup(id string) *Licence {
	i := slices.IndexFunc(known, func(l Licence) bool { return strings.EqualFold(l.ID, id) })
	if i < 0 {
		return nil
	}
	l := known[i]
	return &l
}

// IDs lists the known ids, for error messages.
func IDs() []string {
	ids := make([]string, len(known))
	for i, l := range known {
		ids[i] = l.ID
	}
	return ids
}
