package hours

import "time"

// FrenchPublicHoliday reports whether the calendar day of t (in t's own
// location) is a public holiday in metropolitan France: 1 January, Easter
// Monday, 1 May, 8 May, Ascension, Whit Monday, 14 July, 15 August,
// 1 November, 11 November and 25 December. Regional days (Alsace-Moselle's
// Good Friday and 26 December, overseas abolition days) are not included.
func FrenchPublicHoliday(t time.Time) bool {
	y, m, d := t.Date()
	switch {
	case m == time.January && d == 1,
		m == time.May && (d == 1 || d == 8),
		m == time.July && d == 14,
		m == time.August && d == 15,
		m == time.November && (d == 1 || d == 11),
		m == time.December && d == 25:
		return true
	}
	if y < 1583 { // Gregorian Easter only
		return false
	}
	easter := easter(y).YearDay()
	switch time.Date(y, m, d, 0, 0, 0, 0, time.UTC).YearDay() - easter {
	case 1, 39, 50: // Easter Monday, Ascension, Whit Monday
		return true
	}
	return false
}

// easter returns Easter Sunday of the Gregorian year y, at midnight UTC
// (anonymous Gregorian algorithm).
func easter(y int) time.Time {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}
