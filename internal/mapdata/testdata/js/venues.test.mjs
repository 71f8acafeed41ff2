// Tests of static/js/lib/venues.js and filters.js against the demo's
// lieux.json and lieux.geojson written by the Go side (TestJSModules).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { decodeVenues, openAt, openOn, toGeoJSON, hasPosition, DAYS } from "../../../../static/js/lib/venues.js";
import { readFilters, writeFilters, compile, emptyFilters, isEmpty } from "../../../../static/js/lib/filters.js";

const dir = process.env.LABO_MAPDATA;
const raw = JSON.parse(await readFile(path.join(dir, "lieux.json"), "utf8"));
const goGeoJSON = JSON.parse(await readFile(path.join(dir, "lieux.geojson"), "utf8"));
const data = decodeVenues(raw);

test("decodeVenues keeps every venue with its tables", () => {
  assert.equal(data.lieux.length, raw.lieux.length);
  const v = data.lieux.find((x) => x.services.length > 0);
  assert.ok(v.qualifie);
  assert.ok(v.familles.every((f) => data.familles.some((x) => x.code === f)));
  assert.match(v.url, /^\/lieux\/[a-z0-9-]+\/$/);
  assert.ok(data.lieux.some((x) => !hasPosition(x)), "the demo has venues without a position");
  assert.throws(() => decodeVenues({ version: 2 }));
});

test("toGeoJSON writes what the build publishes", () => {
  const mine = toGeoJSON(data.lieux, "https://example.org/");
  assert.deepEqual(mine, goGeoJSON);
});

test("openAt and openOn read the weekly spans", () => {
  const v = { semaine: [[[540, 720], [840, 1020]], [], [], [], [[1200, 1560]], [], []] };
  const at = (d, h, m) => new Date(2026, 10, d, h, m); // 2 Nov 2026 is a Monday
  assert.equal(openAt(v, at(2, 10, 0)), true);
  assert.equal(openAt(v, at(2, 12, 30)), false);
  assert.equal(openAt(v, at(2, 17, 0)), false); // the end is excluded
  assert.equal(openAt(v, at(7, 1, 0)), true); // Saturday night, after midnight of Friday's span
  assert.equal(openAt(v, at(8, 1, 0)), false);
  assert.equal(openOn(v, 0), true);
  assert.equal(openOn(v, 1), false);
  assert.equal(openAt({ semaine: null }, at(2, 10, 0)), false);
  assert.equal(DAYS[0], "lundi");
});

test("filters read from and write to the URL, dropping unknown values", () => {
  const p = new URLSearchParams("service=DEM-01&public=seniors&frais=gratuit&pass=1&quand=lundi&national=nope&service2=x");
  const f = readFilters(p, data);
  assert.equal(f.service, "DEM-01");
  assert.equal(f.public, "seniors");
  assert.equal(f.frais, "gratuit");
  assert.equal(f.national, "");
  assert.equal(f.pass, true);
  assert.equal(f.quand, "lundi");
  assert.equal(writeFilters(f, new URLSearchParams()).toString(), "service=DEM-01&public=seniors&frais=gratuit&pass=1&quand=lundi");
  assert.equal(readFilters(new URLSearchParams("service=XYZ-99"), data).service, "");
  assert.ok(isEmpty(emptyFilters()));
});

test("compile keeps exactly the matching venues", () => {
  const only = (f) => data.lieux.filter(compile({ ...emptyFilters(), ...f }, data, new Date(2026, 10, 2, 10, 0)));
  const dem01 = only({ service: "DEM-01" });
  assert.ok(dem01.length > 0 && dem01.length < data.lieux.length);
  assert.ok(dem01.every((v) => v.services.includes("DEM-01")));
  const dem = only({ service: "DEM" });
  assert.ok(dem.length >= dem01.length && dem.every((v) => v.familles.includes("DEM")));
  assert.deepEqual(only({ pass: true }), data.lieux.filter((v) => v.pass));
  assert.ok(only({ quand: "dimanche" }).every((v) => v.semaine && v.semaine[6].length > 0));
  const now = only({ quand: "maintenant" });
  assert.ok(now.every((v) => openAt(v, new Date(2026, 10, 2, 10, 0))));
  const gratuit = only({ frais: "gratuit" });
  assert.ok(gratuit.length > 0 && gratuit.every((v) => v.frais.includes("Gratuit")));
  assert.deepEqual(only({}), data.lieux);
});
