// The printable fiche d'orientation: a print button, today's date, the
// distance from the person's starting point (read from the address
// fragment, never sent to a server), that point on the small map, and the
// next openings. The fiche is complete without it.
(function () {
  "use strict";
  const fiche = document.querySelector(".fiche[data-data]");
  if (!fiche) return;
  const button = document.getElementById("fiche-imprimer");
  if (button && window.print) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
    for (const p of document.querySelectorAll(".fiche-tools__nojs")) p.hidden = true;
  }
  Promise.all([import(fiche.dataset.rules), import(fiche.dataset.geo), import(fiche.dataset.text)])
    .then(([rules, geo, text]) => enhance(rules, geo, text))
    .catch((e) => { console.error("fiche:", e); });

  function enhance(rules, geo, text) {
    const now = new Date();
    const date = fiche.querySelector(".fiche__date");
    if (date) date.textContent = text.frDate(now);

    const params = new URLSearchParams(location.hash.slice(1));
    const lat = Number(params.get("lat")), lon = Number(params.get("lon"));
    const from = params.get("depuis");
    const map = fiche.querySelector("svg.minimap");
    if (from && params.get("lat") && Number.isFinite(lat) && Number.isFinite(lon) && map) {
      const ds = map.dataset;
      const km = geo.distanceKm(lat, lon, Number(ds.lat0), Number(ds.lon0));
      const dist = fiche.querySelector(".fiche__distance");
      dist.textContent = "À " + geo.formatKm(km) + " de " + from + " (à vol d'oiseau).";
      dist.hidden = false;
      const vb = map.viewBox.baseVal;
      const x = vb.width / 2 + (lon - Number(ds.lon0)) * Number(ds.kx) * Number(ds.scale);
      const y = vb.height / 2 - (lat - Number(ds.lat0)) * Number(ds.ky) * Number(ds.scale);
      const apart = Math.hypot(x - vb.width / 2, y - vb.height / 2) > 24; // else it is the same place on the plan
      if (apart && x > 10 && x < vb.width - 10 && y > 10 && y < vb.height - 10) {
        const ns = "http://www.w3.org/2000/svg";
        const dot = document.createElementNS(ns, "circle");
        dot.setAttribute("cx", x.toFixed(1)); dot.setAttribute("cy", y.toFixed(1)); dot.setAttribute("r", "8");
        dot.setAttribute("class", "minimap__origin");
        const label = document.createElementNS(ns, "text");
        label.setAttribute("x", x.toFixed(1)); label.setAttribute("y", (y > vb.height / 2 ? y + 28 : y - 14).toFixed(1)); // away from the venue's label
        label.setAttribute("text-anchor", "middle"); label.setAttribute("class", "minimap__label");
        label.textContent = "Départ";
        map.append(dot, label);
        map.setAttribute("aria-label", map.getAttribute("aria-label") + ". Point de départ : " + from);
      }
    }

    fetch(fiche.dataset.data).then((r) => r.json()).then((data) => {
      const v = data.lieux.find((x) => x.id === fiche.dataset.venue);
      if (!v) return;
      const openings = v.horaires ? rules.nextOpenings(v.horaires, new Set(data.feries), now, rules.SOON_DAYS) : null;
      const soon = fiche.querySelector(".fiche__soon");
      soon.textContent = text.openingText(openings, now, rules.SOON_DAYS).text;
      soon.hidden = false;
    }).catch(() => {});
  }
})();
