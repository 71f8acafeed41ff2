// Tests of static/js/lib/geo.js, run by TestJSModules (internal/mapdata)
// with LABO_MAPDATA pointing at files the Go side wrote for the demo site.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import * as geo from "../../../../static/js/lib/geo.js";

const dir = process.env.LABO_MAPDATA;
const vectors = JSON.parse(await readFile(path.join(dir, "vectors.json"), "utf8"));

// fetch stub: serves the Go-written files under /c/.
const fetched = [];
globalThis.fetch = async (url) => {
  fetched.push(url);
  const file = path.join(dir, "communes", url.replace(/^\/c\//, ""));
  try {
    const text = await readFile(file, "utf8");
    return { ok: true, status: 200, json: async () => JSON.parse(text) };
  } catch {
    return { ok: false, status: 404, json: async () => ({}) };
  }
};

test("fold and slug drop accents, case and punctuation like Go", () => {
  assert.equal(geo.fold("Évaux-les-Bains"), "evaux-les-bains");
  assert.equal(geo.fold("Œuilly"), "oeuilly");
  assert.equal(geo.slug("Étape 1 : repérer"), "etape-1-reperer");
  for (const [name, form] of Object.entries(vectors.forms)) {
    assert.equal(geo.searchForm(name), form, name);
  }
});

test("distanceKm is the Go distance", () => {
  for (const p of vectors.distances) {
    const km = geo.distanceKm(p.A[0], p.A[1], p.B[0], p.B[1]);
    assert.ok(Math.abs(km - p.Km) < 1e-6, `${km} vs ${p.Km}`);
  }
});

test("formatKm writes French distances", () => {
  assert.equal(geo.formatKm(0.44), "0,4\u00a0km");
  assert.equal(geo.formatKm(3.25), "3,3\u00a0km");
  assert.equal(geo.formatKm(27.4), "27\u00a0km");
  assert.equal(geo.formatKm(1234), "1\u202f234\u00a0km");
});

test("parseQuery splits names and postcodes", () => {
  assert.deepEqual(geo.parseQuery("Clermont-Ferrand (63000)"), { name: "Clermont-Ferrand", cp: "63000" });
  assert.deepEqual(geo.parseQuery("63000 Clermont"), { name: "Clermont", cp: "63000" });
  assert.deepEqual(geo.parseQuery("  630 "), { name: "", cp: "630" });
  assert.deepEqual(geo.parseQuery("Guéret"), { name: "Guéret", cp: "" });
});

test("searchCommunes before loading the index is an error", async () => {
  await assert.rejects(geo.searchCommunes("paris"));
});

test("searchCommunes finds by name, postcode or both, downloading one small file", async () => {
  await geo.loadCommuneIndex("/c/");
  const first = async (q) => (await geo.searchCommunes(q, 5))[0];
  const clermont = await geo.searchCommunes("clermont", 5);
  assert.equal(clermont[0].nom, "Clermont"); // communes of exactly that name first…
  assert.equal(clermont.find((x) => x.nom !== "Clermont").nom, "Clermont-Ferrand"); // …then the most populated
  const c = await first("clermont-f");
  assert.equal(c.nom, "Clermont-Ferrand");
  assert.equal(c.code, "63113");
  assert.equal(c.dep, "63");
  assert.ok(c.lat > 45 && c.lat < 46 && c.lon > 3 && c.lon < 3.2);
  assert.equal((await first("63000")).nom, "Clermont-Ferrand");
  assert.equal((await first("St Flour")).nom, "Saint-Flour");
  assert.equal((await first("saint-flour")).nom, "Saint-Flour");
  assert.equal((await first("rochelle")).nom, "La Rochelle");
  assert.equal((await first("La Rochelle")).nom, "La Rochelle");
  const cf = await first("Clermont-Ferrand (63100)");
  assert.equal(cf.nom, "Clermont-Ferrand");
  assert.equal(cf.cp, "63100");
  assert.equal((await first("GUERET")).nom, "Guéret");
  assert.equal((await first("974")).dep, "974");
  assert.deepEqual(await geo.searchCommunes("zzzz"), []);
  assert.deepEqual(await geo.searchCommunes("97"), []); // overseas prefixes need three digits
  assert.deepEqual(await geo.searchCommunes("c"), []);
  const exact = await geo.searchCommunes("Lens", 3);
  assert.equal(exact[0].nom, "Lens"); // the exact name before longer ones
  const before = fetched.length;
  await geo.searchCommunes("clermont-f");
  assert.ok(fetched.length - before <= 1, "one file per search at most (cached)");
  assert.match(geo.communeAttribution(), /GeoNames/);
});
