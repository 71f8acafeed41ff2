// Venue data for page scripts: loads and decodes /carte/donnees/lieux.json
// (compact form, see docs/formats.md "Map data"), evaluates the weekly
// opening spans the build computed, and writes GeoJSON for downloads.
//
// ES module, no build step, no dependency.

import { slug } from "./geo.js";

// DAYS are the weekdays, Monday first, as the weekly spans are.
export const DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];

// loadVenues fetches and decodes the compact venue file.
export async function loadVenues(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error("lieux: " + res.status + " for " + url);
  return decodeVenues(await res.json());
}

function vocab(list) {
  return (list || []).map((label) => ({ slug: slug(label), label }));
}

// decodeVenues turns the compact file into plain objects:
// {date, familles, services, vocab: {nationaux, publics, prises, frais, acces,
// accompagnements}, departements, lieux}. Each venue is
// {id, nom, commune, cp, adresse, dep, lon, lat, url, services (codes),
// familles (codes), nationaux, publics, prises, frais, acces, accompagnements
// (labels), qualifie, pass, semaine (7 lists of [from, to] minutes, or null)}.
export function decodeVenues(raw) {
  if (!raw || raw.version !== 1) throw new Error("lieux: unsupported version " + (raw && raw.version));
  const familles = raw.familles.map(([code, titre]) => ({ code, titre }));
  const services = raw.services.map(([code, titre, f, fait]) => ({ code, titre, famille: familles[f], fait: fait === 1 }));
  const v = {
    nationaux: vocab(raw.nationaux), publics: vocab(raw.publics), prises: vocab(raw.prises),
    frais: vocab(raw.frais), acces: vocab(raw.acces), accompagnements: vocab(raw.accompagnements),
  };
  const departements = raw.departements.map(([code, nom, url]) => ({ code, nom, url }));
  const labels = (list, idx) => idx.map((i) => list[i].label);
  const lieux = raw.lieux.map((r) => {
    const svc = r[8].map((i) => services[i]);
    const fams = [];
    for (const s of svc) if (!fams.includes(s.famille.code)) fams.push(s.famille.code);
    return {
      id: r[0], nom: r[1], commune: r[2], cp: r[3], adresse: r[4], dep: departements[r[5]],
      lon: r[6], lat: r[7], url: "/lieux/" + r[0] + "/",
      services: svc.map((s) => s.code), familles: fams,
      nationaux: labels(v.nationaux, r[9]), publics: labels(v.publics, r[10]), prises: labels(v.prises, r[11]),
      frais: labels(v.frais, r[12]), acces: labels(v.acces, r[13]), accompagnements: labels(v.accompagnements, r[14]),
      qualifie: r[8].length > 0, pass: r[15] === 1, semaine: r[16] >= 0 ? raw.semaines[r[16]] : null,
    };
  });
  return { date: raw.date, familles, services, vocab: v, departements, lieux };
}

// hasPosition reports whether the venue can be shown on a map.
export function hasPosition(v) {
  return v.lat != null && v.lon != null;
}

// openAt reports whether the venue is open at date (the visitor's clock),
// counting spans of the previous day that run past midnight. Unknown hours
// count as closed.
export function openAt(v, date) {
  const w = v.semaine;
  if (!w) return false;
  const day = (date.getDay() + 6) % 7;
  const min = date.getHours() * 60 + date.getMinutes();
  const prev = (day + 6) % 7;
  return w[day].some((s) => min >= s[0] && min < s[1]) || w[prev].some((s) => s[1] > 1440 && min + 1440 < s[1]);
}

// openOn reports whether the venue opens at some time on day (0 = Monday).
export function openOn(v, day) {
  return !!v.semaine && v.semaine[day].length > 0;
}

// toFeature is the RFC 7946 Feature of a venue, with the properties of
// /donnees/lieux.geojson; baseURL makes the venue URL absolute.
export function toFeature(v, baseURL) {
  const base = (baseURL || "").replace(/\/$/, "");
  return {
    type: "Feature",
    id: v.id,
    geometry: hasPosition(v) ? { type: "Point", coordinates: [v.lon, v.lat] } : null,
    properties: {
      adresse: v.adresse,
      code_postal: v.cp,
      commune: v.commune,
      departement: v.dep ? v.dep.code : "",
      frais_a_charge: v.frais,
      id: v.id,
      modalites_acces: v.acces,
      modalites_accompagnement: v.accompagnements,
      nom: v.nom,
      pass_numerique: v.pass,
      prise_en_charge_specifique: v.prises,
      publics_specifiquement_adresses: v.publics,
      qualifie: v.qualifie,
      services: v.nationaux,
      services_qualifies: v.services,
      url: base + v.url,
    },
  };
}

// toGeoJSON is a FeatureCollection of the venues, in their order.
export function toGeoJSON(venues, baseURL) {
  return { type: "FeatureCollection", features: venues.map((v) => toFeature(v, baseURL)) };
}
