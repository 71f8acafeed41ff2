// Geography helpers shared by the page scripts (map, orientation assistant):
// French text folding, distances, and commune search over the split commune
// index the build writes under /carte/donnees/communes/ (see docs/formats.md,
// "Map data"). No geocoding server: a search downloads one small file.
//
// ES module, no build step, no dependency.

const EARTH_RADIUS_KM = 6378.137; // the sphere of orb (Go side); haversine, as orb/geo.DistanceHaversine

// fold returns s lowercased without diacritics: "Évaux-les-Bains" → "evaux-les-bains".
export function fold(s) {
  return String(s == null ? "" : s)
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "")
    .replace(/œ/gi, "oe")
    .replace(/æ/gi, "ae")
    .replace(/ß/g, "ss")
    .toLowerCase();
}

// slug returns the URL form of a label, as the Go side (frtext.Slug) writes it:
// folded, every run of other characters turned into one "-".
export function slug(s) {
  return fold(s).replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}

// searchForm is the form under which commune names are filed and compared:
// the slug, with "saint-"/"sainte-" shortened to "st-"/"ste-" (so that
// "St Flour", "saint flour" and "Saint-Flour" meet).
export function searchForm(s) {
  let f = slug(s)
    .replace(/(^|-)saint(?=-|$)/g, "$1st")
    .replace(/(^|-)sainte(?=-|$)/g, "$1ste");
  if (f === "sain") f = "st"; // typing "Sain…" on the way to "Saint-…"
  return f;
}

const ARTICLE = /^(le|la|les|l)-/;

// withoutArticle drops a leading article from a search form ("la-rochelle" → "rochelle").
export function withoutArticle(form) {
  const f = form.replace(ARTICLE, "");
  return f === form ? "" : f;
}

// distanceKm is the great-circle distance between two points, in kilometres.
export function distanceKm(lat1, lon1, lat2, lon2) {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

const kmShort = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const kmLong = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 });

// formatKm writes a distance the French way: "0,4 km", "3,2 km", "27 km".
export function formatKm(km) {
  return (km < 10 ? kmShort.format(km) : kmLong.format(km)) + "\u00a0km";
}

// --- Commune search ---------------------------------------------------------

let index = null; // {base, noms: Set, postaux: Set, attribution}
const files = new Map(); // url → Promise of decoded entries

// loadCommuneIndex reads index.json under baseURL (e.g. "/carte/donnees/communes/")
// and makes searchCommunes usable. It may be called again: the index is loaded once.
export async function loadCommuneIndex(baseURL) {
  const base = baseURL.endsWith("/") ? baseURL : baseURL + "/";
  if (index && index.base === base) return index;
  const res = await fetch(base + "index.json");
  if (!res.ok) throw new Error("communes: " + res.status + " for " + base + "index.json");
  const raw = await res.json();
  if (raw.version !== 1) throw new Error("communes: unsupported index version " + raw.version);
  index = { base, noms: new Set(raw.noms), postaux: new Set(raw.postaux), attribution: raw.attribution || "" };
  return index;
}

function entries(path) {
  const url = index.base + path;
  if (!files.has(url)) {
    files.set(url, fetch(url)
      .then((r) => {
        if (!r.ok) throw new Error("communes: " + r.status + " for " + url);
        return r.json();
      })
      .then((raw) => raw.communes.map(decode))
      .catch((e) => { files.delete(url); throw e; }));
  }
  return files.get(url);
}

function decode(e) {
  const form = searchForm(e[1]);
  return {
    code: e[0], nom: e[1], cps: e[2] ? e[2].split(" ") : [], dep: e[3],
    lat: e[4], lon: e[5], population: e[6] || 0,
    forms: [form, withoutArticle(form)].filter(Boolean),
  };
}

function result(c, cp) {
  return { code: c.code, nom: c.nom, cp: cp || c.cps[0] || "", dep: c.dep, lat: c.lat, lon: c.lon, population: c.population };
}

function byRank(a, b) {
  return (b.exact - a.exact) || (b.c.population - a.c.population) || a.c.nom.localeCompare(b.c.nom, "fr");
}

// parseQuery splits "Clermont-Ferrand (63000)", "63000 Clermont" or "63000"
// into a name part and a postcode part.
export function parseQuery(query) {
  let q = String(query == null ? "" : query).trim();
  let cp = "";
  const m = q.match(/(?:^|[\s(])(\d{2,5})\)?\s*$/) || q.match(/^(\d{2,5})(?:\s|$)/);
  if (m) {
    cp = m[1];
    q = (q.slice(0, m.index) + q.slice(m.index + m[0].length)).replace(/[()]/g, " ").trim();
  }
  return { name: q, cp };
}

function postalKey(cp) {
  if (cp.startsWith("97") || cp.startsWith("98")) return cp.length >= 3 ? cp.slice(0, 3) : "";
  return cp.slice(0, 2);
}

function nameKey(form) {
  let best = "";
  for (let n = 2; n <= form.length; n++) {
    const k = form.slice(0, n);
    if (index.noms.has(k)) best = k;
  }
  return best;
}

// searchCommunes finds communes by name (start of the name, accents and case
// ignored, "St" for "Saint") or postcode (2 to 5 digits), or both
// ("Clermont-Ferrand (63000)"). It resolves to at most limit results,
// [{code, nom, cp, dep, lat, lon, population}], best first. lat and lon are
// null for the few communes without a known position.
export async function searchCommunes(query, limit = 10) {
  if (!index) throw new Error("communes: call loadCommuneIndex first");
  const { name, cp } = parseQuery(query);
  const form = searchForm(name);
  let ranked = [];
  if (cp) {
    const key = postalKey(cp);
    if (!key || !index.postaux.has(key)) return [];
    for (const c of await entries("postaux/" + key + ".json")) {
      const hit = c.cps.find((x) => x.startsWith(cp));
      if (!hit) continue;
      if (form && !c.forms.some((f) => f.startsWith(form))) continue;
      ranked.push({ c, cp: hit, exact: (hit === cp ? 2 : 0) + (form && c.forms.includes(form) ? 1 : 0) });
    }
  } else {
    if (form.length < 2) return [];
    const key = nameKey(form);
    if (!key) return [];
    for (const c of await entries("noms/" + key + ".json")) {
      if (!c.forms.some((f) => f.startsWith(form))) continue;
      ranked.push({ c, cp: "", exact: c.forms.includes(form) ? 1 : 0 });
    }
  }
  const seen = new Set();
  ranked = ranked.filter((r) => (seen.has(r.c.code) ? false : seen.add(r.c.code)));
  ranked.sort(byRank);
  return ranked.slice(0, limit).map((r) => result(r.c, r.cp));
}

// communeAttribution is the credit to show wherever commune positions are used.
export function communeAttribution() {
  return index ? index.attribution : "";
}
