// Package hours parses, renders in French and evaluates the subset of the
// OpenStreetMap opening_hours syntax used by the French national standard
// for digital-mediation venues (field "horaires").
//
// # Supported subset
//
// A value is a sequence of rules joined by separators:
//
//	value     = rule { separator rule } [ ";" ]
//	separator = ";" | "," | "||"
//	rule      = [ selector ] [ times ] [ modifier ] [ comment ]   (at least one part)
//	selector  = "24/7" | dayitem { "," dayitem }
//	dayitem   = weekday [ "-" weekday ] | "PH"
//	weekday   = "Mo" | "Tu" | "We" | "Th" | "Fr" | "Sa" | "Su"
//	times     = span { "," span }
//	span      = time "-" time             (time is exactly HH:MM)
//	modifier  = "open" | "off" | "closed"
//	comment   = '"' text without '"' '"'
//
// Details:
//
//   - Whitespace (space, tab, newline, no-break spaces) is allowed between
//     any two tokens; one trailing ";" is accepted.
//   - Weekday names are case-sensitive, as in OSM. French (Lu, Ma, lundi…),
//     lowercase (mo) or long (Mon) names are rejected with an error that
//     names the expected OSM abbreviation.
//   - Ranges may wrap around the week: Fr-Mo is Friday to Monday.
//   - Times run from 00:00 to 23:59; 24:00 is accepted as an end time only.
//     An end time earlier than the start time means the span runs past
//     midnight, as in OSM: 20:00-02:00, 12:00-09:00 and 22:00-00:00 all end
//     the next day (the last one is written back as 22:00-24:00). A span
//     whose end equals its start is an error. Extended hours such as 26:00
//     are not supported.
//   - A rule without a selector applies to every day (including public
//     holidays). A selector without times means the whole day.
//   - "off" and "closed" are synonyms ("off" is written back); "open" is the
//     default and is kept only when written explicitly.
//   - A comment is kept as text (trimmed). A rule made only of a selector and
//     a comment, with no times and no modifier, has OSM state "unknown": it
//     is not open, and its comment is shown instead of hours
//     (Mo-Fr "sur rendez-vous").
//   - Month, week, year, school-holiday (SH), variable times (sunrise…),
//     open ends (10:00+), repeated times (/30) and the "unknown" modifier are
//     not supported and give a *ParseError.
//
// # Semantics
//
// Rules are applied in order for each calendar day; a span belongs to the day
// it starts on, so the part of 20:00-02:00 after midnight stays attached to
// the first day and is not erased by a later rule naming the second day.
//
//   - ";" (normal rule): for the days it selects, the rule replaces whatever
//     earlier rules said, as in OSM. Note that this includes "off" rules with
//     times: "Mo-Fr 09:00-18:00; We 12:00-14:00 off" closes all of Wednesday.
//   - "," (additional rule): the rule is combined with earlier rules instead
//     of replacing them: open times are added, "off" times are removed
//     ("Mo-Fr 09:00-18:00, We 12:00-14:00 off" closes Wednesday at lunch).
//   - "||" (fallback rule): approximated at day granularity: the rule applies
//     on a day only if no earlier rule selected that day, and then acts as a
//     normal rule. "Mo-Fr 09:00-17:00 || "sur rendez-vous"" is open on weekdays
//     and "sur rendez-vous" on weekends (OSM would also use the fallback
//     outside weekday opening hours).
//
// Public holidays (PH) are kept in the model but only take effect once a
// checker is attached with [Schedule.WithHolidays], for example
// s.WithHolidays(FrenchPublicHoliday). On a public holiday, a rule applies if
// it names PH or the day of the week; rule order decides, so in
// "Mo-Fr 09:00-17:00; PH off" holidays are closed.
//
// Evaluation works on wall-clock times in the location of the time passed
// in; callers should pass Europe/Paris times.
package hours
