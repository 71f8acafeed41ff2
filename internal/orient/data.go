package orient

import (
	"encoding/json"
	"math"
	"slices"
	"time"

	"labo/internal/hours"
	"labo/internal/need"
	"labo/internal/site"
)

// Data is what the browser receives for one need: the candidates with the
// facts the rules read, so that the script only filters and sorts (the
// format is described in docs/orienter.md).
type Data struct {
	Need     string        `json:"besoin"`
	Title    string        `json:"titre"`
	Urgent   bool          `json:"urgent"`
	Date     string        `json:"date"`   // build date: qualifications are valid on it
	Holidays []string      `json:"feries"` // French public holidays, YYYY-MM-DD, from the build year on
	Services []ServiceData `json:"services"`
	Venues   []VenueData   `json:"lieux"`
}

// ServiceData is one of the need's services.
type ServiceData struct {
	Code     string   `json:"code"`
	Title    string   `json:"titre"`
	URL      string   `json:"url"`
	OnBehalf bool     `json:"a_la_place,omitempty"`
	ToBring  []string `json:"a_apporter,omitempty"`
}

// VenueData is a candidate with its facts.
type VenueData struct {
	ID       string     `json:"id"`
	Name     string     `json:"nom"`
	URL      string     `json:"url"`
	Fiche    string     `json:"fiche"`
	Address  string     `json:"adresse"`
	Postcode string     `json:"cp"`
	Commune  string     `json:"commune"`
	Dept     string     `json:"dept"`
	Lat      *float64   `json:"lat,omitempty"` // absent for itinerant venues
	Lon      *float64   `json:"lon,omitempty"`
	Tier     int        `json:"rang"`
	Services []string   `json:"services"` // codes, in the need's order
	Main     string     `json:"principal"`
	Supports []string   `json:"prise_en_charge,omitempty"`
	Publics  []string   `json:"publics,omitempty"`
	Free     bool       `json:"gratuit,omitempty"`
	Pass     bool       `json:"pass,omitempty"`
	Remote   bool       `json:"a_distance,omitempty"`
	WalkIn   bool       `json:"sur_place,omitempty"`
	Phone    string     `json:"tel,omitempty"`
	Booking  string     `json:"rdv,omitempty"`
	Hours    *HoursData `json:"horaires,omitempty"` // absent when not given
}

// HoursData lets the browser evaluate opening hours without parsing the
// OpenStreetMap syntax: the spans of each weekday (Monday first), on
// ordinary days and on public holidays (hours.Schedule.Day), in minutes
// from midnight, ends past midnight above 1440.
type HoursData struct {
	Days     [7][][2]int `json:"jours"`
	Holidays [7][][2]int `json:"feries"`
	Summary  string      `json:"resume"`
	Note     string      `json:"note,omitempty"`
}

// holidayYears is how many years of holidays the data carries.
const holidayYears = 3

// NewData computes the browser's data for a need. fiche gives the address
// of the printable sheet of a venue.
func NewData(s *site.Site, n *need.Need, cands []*Candidate, serviceURL func(code string) string, fiche func(v *site.Venue) string) *Data {
	d := &Data{Need: n.Slug, Title: n.Title, Urgent: n.Urgent, Date: s.Config.Date.Format(time.DateOnly)}
	d.Holidays = Holidays(s.Config.Date.Year(), holidayYears)
	for _, svc := range n.Services {
		d.Services = append(d.Services, ServiceData{Code: svc.Code, Title: svc.Title, URL: serviceURL(svc.Code), OnBehalf: svc.OnBehalf, ToBring: svc.ToBring})
	}
	d.Venues = make([]VenueData, 0, len(cands))
	hoursOf := map[string]*HoursData{} // by opening_hours text: venues share a few hundred values
	for _, c := range cands {
		v := c.Venue
		vd := VenueData{ID: v.ID, Name: v.Nom, URL: v.URL, Fiche: fiche(v), Address: v.Adresse, Postcode: v.CodePostal, Commune: v.Commune,
			Tier: c.Tier, Main: c.Main().Code, Supports: v.SupportList, Publics: v.PublicList, Free: c.Free, Pass: v.Pass, Remote: c.Remote,
			WalkIn: slices.Contains(v.AccessList, WalkInAccess), Booking: v.PriseRdv}
		if v.Dept != nil {
			vd.Dept = v.Dept.Code
		}
		if v.HasPoint {
			lat, lon := round6(v.Point.Lat()), round6(v.Point.Lon())
			vd.Lat, vd.Lon = &lat, &lon
		}
		for _, svc := range c.Services {
			vd.Services = append(vd.Services, svc.Code)
		}
		if slices.Contains(v.AccessList, PhoneAccess) || !vd.WalkIn {
			vd.Phone = v.Telephone
		}
		if v.Hours != nil {
			if vd.Hours = hoursOf[v.Horaires]; vd.Hours == nil {
				vd.Hours = NewHoursData(v.Hours)
				hoursOf[v.Horaires] = vd.Hours
			}
		}
		d.Venues = append(d.Venues, vd)
	}
	return d
}

// NewHoursData flattens a schedule for the browser.
func NewHoursData(h *hours.Schedule) *HoursData {
	hd := &HoursData{Summary: h.Summary()}
	for wd := range 7 {
		hd.Days[wd] = spans(h.Day(wd, false))
		hd.Holidays[wd] = spans(h.Day(wd, true))
	}
	for i, c := range h.Comments() {
		if i > 0 {
			hd.Note += " ; "
		}
		hd.Note += c
	}
	return hd
}

func spans(in []hours.Span) [][2]int {
	out := make([][2]int, 0, len(in))
	for _, sp := range in {
		out = append(out, [2]int{sp.From, sp.To})
	}
	return out
}

// Holidays lists the French public holidays of n years from year.
func Holidays(year, n int) []string {
	var out []string
	for d := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < year+n; d = d.AddDate(0, 0, 1) {
		if hours.FrenchPublicHoliday(d) {
			out = append(out, d.Format(time.DateOnly))
		}
	}
	return out
}

func round6(f float64) float64 { return math.Round(f*1e6) / 1e6 }

// JSON encodes the data compactly.
func (d *Data) JSON() ([]byte, error) { return json.Marshal(d) }
