package indicator

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"labo/internal/geo"
	"labo/internal/referential"
)

// A filter is a list of conditions that a cheque must all meet, written
// "champ = valeur" or "champ != valeur":
//
//	utilise, premiere_visite          oui | non
//	famille, service                  codes of the referential
//	type_lieu                         typology of the venue (FS, EPN…)
//	aiguilleur, tranche_age, sexe,
//	diplome                           the vocabularies of the usage records
//	territoire                        département code of the person
var filterFields = []string{"utilise", "premiere_visite", "famille", "service", "type_lieu", "aiguilleur", "tranche_age", "sexe", "diplome", "territoire"}

type condition struct {
	field, value string
	neg          bool
}

// conds is a conjunction, kept sorted so that two filters compare by value.
type conds []condition

// atom is one countable quantity: cheques matching a filter, or people with
// at least atLeast matching cheques.
type atom struct {
	people  bool
	atLeast int
	cond    conds
}

func (a atom) key() string {
	var b strings.Builder
	if a.people {
		b.WriteString("people>=" + strconv.Itoa(a.atLeast))
	} else {
		b.WriteString("cheques")
	}
	for _, c := range a.cond {
		b.WriteString("|" + c.field)
		if c.neg {
			b.WriteString("!=")
		} else {
			b.WriteString("=")
		}
		b.WriteString(c.value)
	}
	return b.String()
}

// within reports whether every cheque or person counted by a is also counted
// by b: a's filter includes all of b's conditions and asks for at least as
// many cheques.
func (a atom) within(b atom) bool {
	if a.people != b.people || a.atLeast < b.atLeast {
		return false
	}
	for _, c := range b.cond {
		if !slices.Contains(a.cond, c) {
			return false
		}
	}
	return true
}

func (cs conds) requiresUsed() bool {
	for _, c := range cs {
		if (c.field == "utilise" && c.value == "oui" && !c.neg) || (c.field == "utilise" && c.value == "non" && c.neg) ||
			(c.field == "premiere_visite" && !c.neg) || c.field == "famille" && !c.neg || c.field == "service" && !c.neg || c.field == "type_lieu" && !c.neg {
			return true
		}
	}
	return false
}

var typologyPattern = regexp.MustCompile(`^[A-Z][A-Z_]*$`)

func compileFilter(filter []string, ref *referential.Referential, bad func(format string, args ...any)) conds {
	var out conds
	for _, f := range filter {
		op := "="
		field, value, ok := strings.Cut(f, "!=")
		if ok {
			op = "!="
		} else {
			field, value, ok = strings.Cut(f, "=")
		}
		field, value = strings.TrimSpace(field), strings.TrimSpace(value)
		if !ok || field == "" || value == "" {
			bad("expected conditions like \"utilise = oui\" or \"famille != DEM\", found %q", f)
			continue
		}
		var allowed []string
		switch field {
		case "utilise", "premiere_visite":
			allowed = slugs(YesNo)
		case "famille":
			if ref != nil && ref.Family(value) == nil {
				bad("expected a family code of %s, found %q in %q", referential.FileName, value, f)
				continue
			}
		case "service":
			if ref != nil && ref.Service(value) == nil {
				bad("expected a service code of %s, found %q in %q", referential.FileName, value, f)
				continue
			}
		case "type_lieu":
			if !typologyPattern.MatchString(value) {
				bad("expected a venue typology code such as FS or EPN, found %q in %q", value, f)
				continue
			}
		case "aiguilleur":
			allowed = slugs(Distributors)
		case "tranche_age":
			allowed = slugs(AgeBands)
		case "sexe":
			allowed = slugs(Sexes)
		case "diplome":
			allowed = slugs(Diplomas)
		case "territoire":
			if geo.DepartementByCode(value) == nil {
				bad("expected a département code, found %q in %q", value, f)
				continue
			}
		default:
			bad("expected a condition on one of %s, found %q", strings.Join(filterFields, ", "), field)
			continue
		}
		if allowed != nil && !slices.Contains(allowed, value) {
			bad("expected %s to be one of %s, found %q", field, strings.Join(allowed, ", "), value)
			continue
		}
		c := condition{field: field, value: value, neg: op == "!="}
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b condition) int {
		if c := strings.Compare(a.field, b.field); c != 0 {
			return c
		}
		if c := strings.Compare(a.value, b.value); c != 0 {
			return c
		}
		if a.neg == b.neg {
			return 0
		}
		if a.neg {
			return 1
		}
		return -1
	})
	return out
}

// bind turns the conditions into a predicate over the records of u.
func (cs conds) bind(u *Usages) func(r *Record) bool {
	type test func(r *Record) bool
	var tests []test
	for _, c := range cs {
		var t test
		switch c.field {
		case "utilise":
			want := c.value == "oui"
			t = func(r *Record) bool { return r.Used == want }
		case "premiere_visite":
			want := c.value == "oui"
			t = func(r *Record) bool { return r.Used && r.First == want }
		case "famille":
			i := int8(u.familyIndex(c.value))
			t = func(r *Record) bool { return r.Used && r.Family == i }
		case "service":
			i := int16(u.serviceIndex(c.value))
			t = func(r *Record) bool { return r.Used && r.Service == i }
		case "type_lieu":
			i := int16(slices.Index(u.VenueTypes, c.value))
			t = func(r *Record) bool { return r.Used && r.VenueType == i }
		case "aiguilleur":
			i := int8(indexOf(Distributors, c.value))
			t = func(r *Record) bool { return r.Distributor == i }
		case "tranche_age":
			i := int8(indexOf(AgeBands, c.value))
			t = func(r *Record) bool { return u.People[r.Person].Age == i }
		case "sexe":
			i := int8(indexOf(Sexes, c.value))
			t = func(r *Record) bool { return u.People[r.Person].Sex == i }
		case "diplome":
			i := int8(indexOf(Diplomas, c.value))
			t = func(r *Record) bool { return u.People[r.Person].Diploma == i }
		case "territoire":
			i := int16(slices.Index(u.Depts, c.value))
			t = func(r *Record) bool { return u.People[r.Person].Dept == i }
		default:
			continue
		}
		if c.neg {
			pos := t
			t = func(r *Record) bool { return !pos(r) }
		}
		tests = append(tests, t)
	}
	switch len(tests) {
	case 0:
		return func(*Record) bool { return true }
	case 1:
		return tests[0]
	}
	return func(r *Record) bool {
		for _, t := range tests {
			if !t(r) {
				return false
			}
		}
		return true
	}
}
