// Matching and ranking rules of the orientation assistant: the browser half
// of internal/orient (Go), which computed every fact this module reads
// (/orienter/donnees/<besoin>.json, described in docs/orienter.md). This
// module only filters and sorts; a browser test runs it and the Go rules on
// the same inputs and compares the answers.
//
// ES module, no dependency: the distance function is passed in (distanceKm
// of /js/lib/geo.js, the haversine formula of orient.DistanceKm).

export const GROUP_NEAR = 0;       // within reach
export const GROUP_ITINERANT = 1;  // no position, in the person's département
export const GROUP_REMOTE_ONLY = 2; // beyond reach, but helps at a distance
export const SOON_DAYS = 3;
export const NEAR_MISS_FACTOR = 3; // near misses lie within this many times the reach

const DAY_MS = 24 * 60 * 60 * 1000;

// isoDay writes a local date as YYYY-MM-DD.
export function isoDay(d) {
  const p = (n) => String(n).padStart(2, "0");
  return d.getFullYear() + "-" + p(d.getMonth() + 1) + "-" + p(d.getDate());
}

// dayIntervals returns the opening intervals of the calendar day y-m-d
// (local time), from the spans of its weekday, ordinary or holiday
// (hours.Schedule.Day on the Go side). Spans past midnight end the next day.
function dayIntervals(h, holidays, y, m, d) {
  const day = new Date(y, m, d);
  const wd = (day.getDay() + 6) % 7;
  const spans = holidays.has(isoDay(day)) ? h.feries[wd] : h.jours[wd];
  const out = [];
  for (const [from, to] of spans) {
    const start = new Date(day.getFullYear(), day.getMonth(), day.getDate(), 0, from);
    const end = new Date(day.getFullYear(), day.getMonth(), day.getDate(), 0, to);
    if (end > start) out.push({ start, end });
  }
  return out;
}

// nextOpenings mirrors hours.Schedule.NextOpenings with French public
// holidays: the open intervals within [from, from + days × 24 h), clipped,
// sorted, touching ones merged. h is the "horaires" object of a venue (or
// null: no hours, no openings); holidays a Set of YYYY-MM-DD.
export function nextOpenings(h, holidays, from, days) {
  if (!h || days <= 0) return [];
  const end = new Date(from.getTime() + days * DAY_MS);
  const y = from.getFullYear(), m = from.getMonth(), d = from.getDate();
  const all = [];
  for (let i = -1; new Date(y, m, d + i) < end; i++) {
    for (const iv of dayIntervals(h, holidays, y, m, d + i)) {
      const start = iv.start < from ? from : iv.start;
      const stop = iv.end > end ? end : iv.end;
      if (stop > start) all.push({ start, end: stop });
    }
  }
  all.sort((a, b) => a.start - b.start);
  const out = [];
  for (const iv of all) {
    const last = out[out.length - 1];
    if (last && iv.start <= last.end) {
      if (iv.end > last.end) last.end = iv.end;
      continue;
    }
    out.push({ start: iv.start, end: iv.end });
  }
  return out;
}

// openSoon: an opening within SOON_DAYS days from now; unknown hours do not count.
export function openSoon(h, holidays, now) {
  return nextOpenings(h, holidays, now, SOON_DAYS).length > 0;
}

// check places one venue for a situation and an origin, as orient.Check:
// sit = {supports: [], maxKm: 0 for no limit, remote, cost: "" | "gratuit" |
// "gratuit-ou-pass", soon}, origin = {lat, lon, dept, now: Date}.
export function check(v, sit, origin, holidays, distanceKm) {
  const r = { venue: v, km: 0, hasKm: false, group: GROUP_NEAR, unmet: [], detail: [] };
  const supports = v.prise_en_charge || [];
  for (const s of sit.supports || []) if (!supports.includes(s)) r.detail.push(s);
  if (r.detail.length) r.unmet.push("support");
  if ((sit.cost === "gratuit" && !v.gratuit) || (sit.cost === "gratuit-ou-pass" && !v.gratuit && !v.pass)) {
    r.unmet.push("cost");
  }
  if (v.lat != null && v.lon != null) {
    r.km = distanceKm(origin.lat, origin.lon, v.lat, v.lon);
    r.hasKm = true;
    if (sit.maxKm > 0 && r.km > sit.maxKm) {
      if (sit.remote && v.a_distance) r.group = GROUP_REMOTE_ONLY;
      else r.unmet.push("distance");
    }
  } else {
    r.group = GROUP_ITINERANT;
    if (!v.dept || v.dept !== origin.dept) r.unmet.push("distance");
  }
  if (sit.soon && !openSoon(v.horaires, holidays, origin.now)) r.unmet.push("soon");
  return r;
}

// metres is the distance the order uses, rounded as in orient.Result.Metres.
export function metres(km) {
  return Math.round(km * 1000);
}

// compare orders results: tier, group, metres, id (ids are ASCII).
export function compare(a, b) {
  return (a.venue.rang - b.venue.rang) || (a.group - b.group) || (metres(a.km) - metres(b.km)) ||
    (a.venue.id < b.venue.id ? -1 : a.venue.id > b.venue.id ? 1 : 0);
}

// rank returns {fit, misses} as orient.Rank: the venues that fit, in order,
// and the others with what they lack, without itinerant venues of other
// départements nor venues beyond NEAR_MISS_FACTOR times the reach.
export function rank(data, sit, origin, distanceKm) {
  const holidays = new Set(data.feries);
  const fit = [], misses = [];
  for (const v of data.lieux) {
    const r = check(v, sit, origin, holidays, distanceKm);
    if (!r.unmet.length) fit.push(r);
    else if (r.group === GROUP_ITINERANT && r.unmet.includes("distance")) continue;
    else if (sit.maxKm > 0 && r.hasKm && r.km > NEAR_MISS_FACTOR * sit.maxKm) continue;
    else misses.push(r);
  }
  fit.sort(compare);
  misses.sort(compare);
  return { fit, misses };
}
