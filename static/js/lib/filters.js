// Venue filters shared by the map and the orientation assistant: read from and
// written to the URL (so a filtered view is a permalink), and compiled into a
// predicate over decoded venues (see venues.js).
//
// URL parameters: service (a referential service code such as DEM-01, or a
// family code such as DEM), national, public, prise, frais, acces,
// accompagnement (slugs of the national standard's labels), pass=1,
// qualifie=1, quand (maintenant, or a weekday: lundi … dimanche).

import { DAYS, openAt, openOn } from "./venues.js";

// KEYS maps each vocabulary filter to the venue field and the data's vocabulary.
export const KEYS = {
  national: "nationaux",
  public: "publics",
  prise: "prises",
  frais: "frais",
  acces: "acces",
  accompagnement: "accompagnements",
};

// emptyFilters is the state with no filter.
export function emptyFilters() {
  return { service: "", national: "", public: "", prise: "", frais: "", acces: "", accompagnement: "", pass: false, qualifie: false, quand: "" };
}

// readFilters reads the filters from URL parameters, dropping values the data
// does not know (an old permalink must not hide every venue).
export function readFilters(params, data) {
  const f = emptyFilters();
  const svc = params.get("service") || "";
  if (data.services.some((s) => s.code === svc) || data.familles.some((x) => x.code === svc)) f.service = svc;
  for (const [key, field] of Object.entries(KEYS)) {
    const v = params.get(key) || "";
    if (data.vocab[field].some((x) => x.slug === v)) f[key] = v;
  }
  f.pass = params.get("pass") === "1";
  f.qualifie = params.get("qualifie") === "1";
  const quand = params.get("quand") || "";
  if (quand === "maintenant" || DAYS.includes(quand)) f.quand = quand;
  return f;
}

// writeFilters sets the non-empty filters on params and deletes the others.
export function writeFilters(f, params) {
  const set = (k, v) => (v ? params.set(k, v) : params.delete(k));
  set("service", f.service);
  for (const key of Object.keys(KEYS)) set(key, f[key]);
  set("pass", f.pass ? "1" : "");
  set("qualifie", f.qualifie ? "1" : "");
  set("quand", f.quand);
  return params;
}

// isEmpty reports whether no filter is set.
export function isEmpty(f) {
  return Object.values(f).every((v) => !v);
}

// compile returns a predicate venue → bool for the filters. now is the
// moment "maintenant" refers to.
export function compile(f, data, now = new Date()) {
  const tests = [];
  if (f.service) {
    const code = f.service;
    tests.push(code.includes("-") ? (v) => v.services.includes(code) : (v) => v.familles.includes(code));
  }
  for (const [key, field] of Object.entries(KEYS)) {
    if (!f[key]) continue;
    const item = data.vocab[field].find((x) => x.slug === f[key]);
    const label = item ? item.label : "\u0000";
    tests.push((v) => v[field].includes(label));
  }
  if (f.pass) tests.push((v) => v.pass);
  if (f.qualifie) tests.push((v) => v.qualifie);
  if (f.quand === "maintenant") tests.push((v) => openAt(v, now));
  else if (f.quand) {
    const day = DAYS.indexOf(f.quand);
    tests.push((v) => openOn(v, day));
  }
  return (v) => tests.every((t) => t(v));
}
