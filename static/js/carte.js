// The interactive map of /carte/ and /carte/embed/: Leaflet with marker
// clusters, filters, commune search and "autour de moi", a list that always
// holds exactly the filtered venues (synchronised both ways with the map), a
// permalink of filters and view, and downloads of the filtered venues.
//
// The page works without this script: it shows a static SVG map and the list
// of every venue by département, which this script hides once it is ready.
// Leaflet and Leaflet.markercluster are loaded before it (global L).

import { distanceKm, formatKm, loadCommuneIndex, searchCommunes } from "./lib/geo.js";
import { hasPosition, loadVenues, openAt, toGeoJSON } from "./lib/venues.js";
import { compile, emptyFilters, isEmpty, readFilters, writeFilters } from "./lib/filters.js";

const PAGE = 50; // list items rendered at a time
const FRANCE = { center: [46.6, 2.4], zoom: 6 };
const app = document.getElementById("carte-app");

if (app && window.L && L.markerClusterGroup) {
  start().catch((e) => {
    // Keep the static twin: it already lists every venue.
    console.error(e);
    app.hidden = true;
    const note = document.createElement("p");
    note.className = "callout";
    note.textContent = "La carte interactive n'a pas pu se charger. Utilisez la carte et la liste ci-dessous.";
    document.getElementById("carte-statique").prepend(note);
  });
}

async function start() {
  const cfg = app.dataset;
  const embed = cfg.embed === "1";
  const params = new URLSearchParams(location.search);
  const data = await loadVenues(cfg.lieux);
  loadCommuneIndex(cfg.communes).catch(() => {}); // ready before the first keystroke, usually

  const byId = new Map(data.lieux.map((v) => [v.id, v]));
  const state = {
    filters: readFilters(params, data),
    origin: null, // {lat, lon, label}
    filtered: [], // venues with a position, in list order
    unlocated: [], // filtered venues without a position
    shown: 0, // list items rendered
    selected: params.get("lieu") && byId.has(params.get("lieu")) ? params.get("lieu") : "",
    q: params.get("q") || "",
  };

  // --- Map ------------------------------------------------------------------
  const el = document.getElementById("carte-leaflet");
  app.hidden = false; // Leaflet needs the container's size
  document.getElementById("carte-statique").hidden = true;
  const map = L.map(el, { maxZoom: 18, minZoom: 5, zoomControl: false, attributionControl: true, keyboard: true });
  map.attributionControl.setPrefix('<a href="https://leafletjs.com/">Leaflet</a>');
  L.control.zoom({ zoomInTitle: "Zoomer", zoomOutTitle: "Dézoomer" }).addTo(map);
  frenchControls(el);

  let outlines = null;
  const showOutlines = () => {
    if (outlines) return;
    outlines = fetch(cfg.contours).then((r) => r.json()).then((gj) => {
      L.geoJSON(gj, {
        interactive: false,
        style: { color: "#5c5c6e", weight: 1, fillColor: "#ffffff", fillOpacity: 1 },
      }).addTo(map).bringToBack();
    }).catch(() => {});
  };
  if (cfg.tuiles) {
    const tiles = L.tileLayer(cfg.tuiles, { maxZoom: 19, attribution: escapeHTML(cfg.attribution || "") });
    tiles.once("tileerror", showOutlines); // offline: fall back to the outlines
    tiles.addTo(map);
  } else {
    el.classList.add("carte__carte--sans-fond");
    showOutlines();
  }

  // Markers are added in slices (chunkedLoading), which cannot be
  // cancelled: a change of filters during a load waits for its end, then
  // the markers catch up with the list. data-etat is "pret" once they agree.
  let pending = [];
  let loading = false;
  let queued = false;
  let generation = 0; // which load a chunkProgress call belongs to

  const cluster = L.markerClusterGroup({
    maxClusterRadius: 56,
    // Clustering costs one pass per zoom level for every marker: from the
    // whole of France (5) to a neighbourhood (15) is enough; closer, every
    // venue shows on its own.
    disableClusteringAtZoom: 16,
    // No split/merge animation: it forces a layout per cluster (slow with
    // thousands of markers) and moves the keyboard focus target around.
    animate: false,
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    // Add markers in slices of at most 40 ms, so that the page answers
    // the keyboard and the mouse while 25,000 markers are clustered.
    chunkedLoading: true,
    chunkInterval: 40,
    chunkDelay: 0,
    chunkProgress: (done, total) => { if (loading && done >= total) loaded(generation); },
    iconCreateFunction: clusterIcon,
  });
  map.addLayer(cluster);
  cluster.on("click", (e) => { if (e.layer && e.layer.lieu) select(e.layer.lieu.id, { from: "map" }); });

  function syncMarkers() {
    if (loading) {
      queued = true;
      return;
    }
    queued = false;
    loading = true;
    generation++;
    app.dataset.etat = "chargement";
    cluster.clearLayers();
    const layers = state.filtered.map((v) => markers.get(v.id));
    cluster.addLayers(layers, true);
    if (layers.length === 0) loaded(generation);
  }
  function loaded(gen) {
    // chunkProgress runs just before the last slice shows its clusters.
    setTimeout(() => {
      if (gen !== generation || !loading) return;
      loading = false;
      if (queued) {
        syncMarkers();
        return;
      }
      app.dataset.etat = "pret";
      const root = document.documentElement.dataset;
      if (!root.carte) {
        root.carte = "pret";
        root.carteMs = String(Math.round(performance.now()));
      }
      const run = pending;
      pending = [];
      for (const f of run) f();
    }, 0);
  }
  function whenLoaded(done) {
    if (loading) pending.push(done);
    else setTimeout(done, 0);
  }

  const markers = new Map();
  for (const v of data.lieux) {
    if (!hasPosition(v)) continue;
    const m = new VenueMarker([v.lat, v.lon], {
      icon: markerIcon(v, false),
      title: v.nom + ", " + v.commune + (v.qualifie ? ", lieu qualifié" : ""),
      keyboard: true,
      riseOnHover: true,
    });
    m.lieu = v;
    markers.set(v.id, m);
  }

  // --- Elements -------------------------------------------------------------
  const $ = (id) => document.getElementById(id);
  const list = $("liste");
  const more = $("plus");
  const count = $("liste-compte");
  const offList = $("liste-hors-carte");
  const offBox = $("hors-carte");
  const status = $("recherche-etat");
  const input = $("q");
  const filtersForm = $("filtres");

  // --- Filters --------------------------------------------------------------
  setForm(filtersForm, state.filters);
  const f0 = state.filters;
  if (f0.national || f0.public || f0.prise || f0.frais || f0.acces || f0.accompagnement) $("plus-de-filtres").open = true;
  const toggle = $("filtres-bascule"); // embedded map: filters folded away
  if (toggle) {
    const label = () => {
      const n = Object.values(getForm(filtersForm, data)).filter(Boolean).length;
      toggle.textContent = "Filtrer les lieux" + (n ? " (" + n + (n === 1 ? " filtre actif)" : " filtres actifs)") : "");
    };
    label();
    toggle.addEventListener("click", () => {
      const open = filtersForm.hidden;
      filtersForm.hidden = !open;
      toggle.setAttribute("aria-expanded", String(open));
      if (open) filtersForm.querySelector("select").focus();
    });
    filtersForm.addEventListener("change", label);
    filtersForm.addEventListener("reset", () => setTimeout(label, 0));
  }
  filtersForm.addEventListener("change", () => {
    state.filters = getForm(filtersForm, data);
    refresh({ fit: true, animate: true });
  });
  filtersForm.addEventListener("submit", (e) => e.preventDefault());
  filtersForm.addEventListener("reset", (e) => {
    e.preventDefault();
    state.filters = emptyFilters();
    setForm(filtersForm, state.filters);
    refresh({ fit: true });
  });

  function refresh(opts = {}) {
    const keep = compile(state.filters, data, new Date());
    const hits = data.lieux.filter(keep);
    let located = hits.filter(hasPosition);
    if (state.origin) {
      const o = state.origin;
      for (const v of located) v.km = distanceKm(o.lat, o.lon, v.lat, v.lon);
      located = located.slice().sort((a, b) => a.km - b.km);
    } else {
      for (const v of located) v.km = undefined;
    }
    state.filtered = located;
    state.unlocated = hits.filter((v) => !hasPosition(v));
    if (state.selected && !keep(byId.get(state.selected))) state.selected = "";

    renderList(true);
    if (opts.fit) fitView(opts.animate);
    writeURL();
    syncMarkers();
    const root = document.documentElement.dataset;
    if (!root.carteInteractive) root.carteInteractive = String(Math.round(performance.now()));
  }


  function fitView(animate) {
    const opts = { maxZoom: 13, animate: !!animate };
    if (state.origin) {
      const near = state.filtered.slice(0, 5).map((v) => [v.lat, v.lon]);
      const pts = [[state.origin.lat, state.origin.lon], ...near];
      map.fitBounds(L.latLngBounds(pts).pad(0.15), opts);
      return;
    }
    // Bounds by hand: L.latLngBounds over 25,000 points allocates as much.
    const box = (keep) => {
      let s = 90, w = 180, n = -90, e = -180, count = 0;
      for (const v of state.filtered) {
        if (!keep(v)) continue;
        count++;
        if (v.lat < s) s = v.lat;
        if (v.lat > n) n = v.lat;
        if (v.lon < w) w = v.lon;
        if (v.lon > e) e = v.lon;
      }
      return count ? { count, bounds: L.latLngBounds([s, w], [n, e]) } : null;
    };
    const mainland = (v) => v.lat > 41 && v.lat < 51.5 && v.lon > -5.5 && v.lon < 10;
    const b = box(mainland) || box(() => true);
    if (!b) map.setView(FRANCE.center, FRANCE.zoom, opts);
    else if (b.count === 1) map.setView(b.bounds.getCenter(), 13, opts);
    else map.fitBounds(b.bounds.pad(0.05), opts);
  }

  // --- List -----------------------------------------------------------------
  function renderList(reset) {
    if (reset) {
      list.textContent = "";
      state.shown = 0;
    }
    const next = state.filtered.slice(state.shown, state.shown + PAGE);
    const frag = document.createDocumentFragment();
    for (const v of next) frag.appendChild(item(v, true));
    list.appendChild(frag);
    state.shown += next.length;
    more.hidden = state.shown >= state.filtered.length;
    more.textContent = "Afficher " + Math.min(PAGE, state.filtered.length - state.shown) + " lieux de plus (" +
      state.shown + " sur " + state.filtered.length + " affichés)";
    if (reset) {
      offList.textContent = "";
      for (const v of state.unlocated) offList.appendChild(item(v, false));
      offBox.hidden = state.unlocated.length === 0;
      count.textContent = summary();
    }
    markSelected();
  }

  function summary() {
    const n = state.filtered.length + state.unlocated.length;
    if (n === 0) return "Aucun lieu ne correspond à vos critères. Essayez d'enlever un filtre.";
    let s = plural(n, "lieu correspond", "lieux correspondent") + (isEmpty(state.filters) ? "" : " à vos critères");
    if (state.unlocated.length) s += " (dont " + plural(state.unlocated.length, "sans position", "sans position") + ")";
    if (state.origin) s += ", du plus proche au plus loin de " + state.origin.label;
    return s + ".";
  }

  function item(v, located) {
    const li = document.createElement("li");
    li.className = "lieu";
    li.dataset.id = v.id;
    const h = document.createElement("h3");
    h.className = "lieu__nom";
    const a = link(v.url, v.nom);
    h.appendChild(a);
    li.appendChild(h);
    const where = document.createElement("p");
    where.className = "lieu__ou";
    where.textContent = v.adresse + ", " + v.cp + " " + v.commune;
    if (v.km !== undefined) {
      const d = document.createElement("strong");
      d.className = "lieu__distance";
      d.textContent = " · à " + formatKm(v.km);
      where.appendChild(d);
    }
    li.appendChild(where);
    li.appendChild(badges(v));
    if (located) {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "button lieu__voir";
      b.textContent = "Voir sur la carte";
      const hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = " : " + v.nom;
      b.appendChild(hidden);
      b.addEventListener("click", () => select(v.id, { from: "list", returnTo: b }));
      li.appendChild(b);
    }
    return li;
  }

  function badges(v) {
    const ul = document.createElement("ul");
    ul.className = "badges";
    const add = (cls, text) => {
      const li = document.createElement("li");
      li.className = "badge " + cls;
      li.textContent = text;
      ul.appendChild(li);
    };
    if (v.qualifie) add("badge--ok", "Lieu qualifié");
    if (v.pass) add("badge--pass", "Pass numérique");
    if (v.frais.includes("Gratuit")) add("", "Gratuit");
    if (v.semaine && openAt(v, new Date())) add("badge--ok", "Ouvert maintenant");
    return ul;
  }

  function link(href, text) {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    if (embed) {
      a.target = "_blank";
      a.rel = "noopener";
      const s = document.createElement("span");
      s.className = "visually-hidden";
      s.textContent = " (nouvel onglet)";
      a.appendChild(s);
    }
    return a;
  }

  more.addEventListener("click", () => {
    const first = state.shown;
    renderList(false);
    const li = list.children[first];
    if (li) li.querySelector("a").focus();
  });

  // --- Selection, both ways -------------------------------------------------
  let returnFocus = null;
  let openedByKeyboard = false;

  function select(id, opts) {
    state.selected = id;
    const m = markers.get(id);
    if (opts.from === "list" && m) {
      returnFocus = opts.returnTo || null;
      openedByKeyboard = true;
      whenLoaded(() => reveal(m, () => openPopup(m)));
    } else if (m) {
      openPopup(m);
      const i = state.filtered.findIndex((v) => v.id === id);
      while (i >= state.shown) renderList(false);
    }
    markSelected(opts.from === "map");
    writeURL();
  }

  function markSelected(scroll) {
    for (const li of list.querySelectorAll(".lieu--choisi")) {
      li.classList.remove("lieu--choisi");
      li.removeAttribute("aria-current");
    }
    if (chosen && chosen.lieu.id !== state.selected) setChosen(chosen, false);
    if (!state.selected) return;
    const li = list.querySelector('[data-id="' + CSS.escape(state.selected) + '"]');
    if (li) {
      li.classList.add("lieu--choisi");
      li.setAttribute("aria-current", "true");
      if (scroll) scrollList(li);
    }
    const m = markers.get(state.selected);
    if (m && m !== chosen) setChosen(m, true);
  }

  // scrollList brings an item into view inside the list's own scroll box,
  // never scrolling the page (the visitor is looking at the map).
  function scrollList(li) {
    const box = $("liste-lieux");
    if (box.scrollHeight <= box.clientHeight) return;
    const top = li.offsetTop - 8;
    const bottom = li.offsetTop + li.offsetHeight + 8;
    if (top < box.scrollTop) box.scrollTop = top;
    else if (bottom > box.scrollTop + box.clientHeight) box.scrollTop = bottom - box.clientHeight;
  }

  let chosen = null; // the marker drawn as chosen

  function setChosen(m, on) {
    chosen = on ? m : null;
    m.setIcon(markerIcon(m.lieu, on));
    m.setZIndexOffset(on ? 1000 : 0);
  }

  function openPopup(m) {
    if (!m.getPopup()) m.bindPopup(() => popupContent(m.lieu), { maxWidth: 300, autoPanPadding: [24, 24] });
    m.openPopup();
  }

  function popupContent(v) {
    const div = document.createElement("div");
    div.className = "lieu-popup";
    const h = document.createElement("h3");
    h.appendChild(link(v.url, v.nom));
    div.appendChild(h);
    const p = document.createElement("p");
    p.textContent = v.adresse + ", " + v.cp + " " + v.commune + (v.km !== undefined ? " · à " + formatKm(v.km) : "");
    div.appendChild(p);
    div.appendChild(badges(v));
    const go = document.createElement("p");
    go.appendChild(link(v.url, "Voir la fiche : horaires, services, contact"));
    div.appendChild(go);
    return div;
  }

  map.on("popupopen", (e) => {
    const c = e.popup.getElement();
    const close = c.querySelector(".leaflet-popup-close-button");
    if (close) {
      close.setAttribute("aria-label", "Fermer");
      close.title = "Fermer";
    }
    const src = e.popup._source;
    if (src && src.lieu) {
      const changed = state.selected !== src.lieu.id;
      state.selected = src.lieu.id;
      const i = state.filtered.findIndex((v) => v.id === state.selected);
      while (i >= state.shown) renderList(false);
      markSelected(true);
      if (changed) writeURL();
    }
    if (openedByKeyboard) {
      const first = c.querySelector(".lieu-popup a");
      if (first) first.focus();
    }
  });
  map.on("popupclose", (e) => {
    if (openedByKeyboard) {
      const src = e.popup._source;
      const target = returnFocus && document.body.contains(returnFocus) ? returnFocus : src && src._icon;
      if (target) target.focus();
    }
    openedByKeyboard = false;
    returnFocus = null;
  });

  // Keyboard on markers and clusters: Enter opens a venue or zooms into a
  // group, then puts the focus on what appeared; Escape closes (Leaflet).
  el.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && map._popup && map.hasLayer(map._popup)) {
      // Leaflet only listens while the map itself has the focus, not a link in the popup.
      e.preventDefault();
      map.closePopup();
      return;
    }
    if (e.key !== "Enter" && e.key !== " ") return;
    const icon = e.target.closest(".leaflet-marker-icon");
    if (!icon) return;
    e.preventDefault();
    e.stopPropagation();
    if (icon.dataset.id) {
      openedByKeyboard = true;
      returnFocus = icon;
      select(icon.dataset.id, { from: "map" });
      return;
    }
    const c = clusterOfIcon(icon);
    if (!c || map._animatingZoom) return;
    const children = c.getAllChildMarkers();
    const focusFirst = (tries) => {
      for (const m of children) {
        const p = cluster.getVisibleParent(m);
        if (p && p._icon && p._icon.isConnected) { p._icon.focus(); return; }
      }
      if (tries > 0) setTimeout(() => focusFirst(tries - 1), 50);
    };
    const zoom = map.getBoundsZoom(c.getBounds().pad(0.2));
    if (zoom <= map.getZoom() || map.getZoom() >= map.getMaxZoom() || sameSpot(children)) {
      c.spiderfy();
      setTimeout(() => focusFirst(20), 50);
    } else {
      // No animation: the focus moves at once to what appears.
      map.setView(c.getBounds().getCenter(), Math.min(zoom, map.getMaxZoom()), { animate: false });
      setTimeout(() => focusFirst(20), 0);
    }
  }, true);

  // reveal zooms just enough for the marker to leave its cluster (or opens
  // the cluster at the last zoom), without animation, then calls done.
  function reveal(m, done) {
    if (map._animatingZoom) { // setView would be ignored until the running zoom ends
      map.once("zoomend", () => reveal(m, done));
      return;
    }
    const parent = m.__parent;
    const needed = parent && parent._zoom !== undefined ? parent._zoom + 1 : map.getZoom();
    const z = Math.min(map.getMaxZoom(), Math.max(map.getZoom(), needed));
    map.setView(m.getLatLng(), z, { animate: false });
    setTimeout(() => {
      if (!m._icon) {
        const p = cluster.getVisibleParent(m);
        if (p && p !== m && p.spiderfy) {
          cluster.once("spiderfied", () => done());
          p.spiderfy();
          return;
        }
      }
      done();
    }, 0);
  }

  function clusterOfIcon(icon) {
    let found = null;
    cluster._featureGroup.eachLayer((l) => { if (l._icon === icon && l.getAllChildMarkers) found = l; });
    return found;
  }

  // Keep the focused layer visible when moving through markers with Tab.
  el.addEventListener("focusin", (e) => {
    const icon = e.target.closest(".leaflet-marker-icon");
    if (icon) icon.classList.add("a-le-focus");
  });
  el.addEventListener("focusout", (e) => {
    const icon = e.target.closest && e.target.closest(".leaflet-marker-icon");
    if (icon) icon.classList.remove("a-le-focus");
  });

  // --- Commune search and "autour de moi" ------------------------------------
  const combo = combobox(input, $("q-suggestions"), (c) => chooseCommune(c));
  $("recherche").addEventListener("submit", async (e) => {
    e.preventDefault();
    if (combo.pickActive()) return;
    const q = input.value.trim();
    if (!q) {
      setOrigin(null);
      return;
    }
    await findAndChoose(q);
  });

  async function findAndChoose(q) {
    status.textContent = "Recherche de « " + q + " »…";
    try {
      await loadCommuneIndex(cfg.communes);
      const found = (await searchCommunes(q, 1))[0];
      if (!found) {
        status.textContent = "Aucune commune ne correspond à « " + q + " ». Vérifiez l'orthographe ou essayez le code postal.";
        return;
      }
      chooseCommune(found);
    } catch (err) {
      status.textContent = "La recherche de communes n'a pas pu se charger. Réessayez dans un instant.";
    }
  }

  function chooseCommune(c) {
    combo.close();
    input.value = c.nom + (c.cp ? " (" + c.cp + ")" : "");
    state.q = input.value;
    if (c.lat == null) {
      status.textContent = "Nous ne connaissons pas la position de " + c.nom + " : choisissez une commune voisine.";
      return;
    }
    setOrigin({ lat: c.lat, lon: c.lon, label: c.nom + (c.cp ? " (" + c.cp + ")" : "") });
  }

  function setOrigin(o) {
    state.origin = o;
    if (!o) {
      state.q = "";
      status.textContent = "";
    } else {
      status.textContent = "Lieux classés du plus proche au plus loin de " + o.label + ".";
    }
    refresh({ fit: true });
    if (o && state.filtered.length) {
      status.textContent += " Le plus proche est à " + formatKm(state.filtered[0].km) + ".";
    }
  }

  $("autour").addEventListener("click", () => {
    if (!navigator.geolocation) {
      status.textContent = "Votre navigateur ne sait pas donner votre position : tapez votre commune.";
      return;
    }
    status.textContent = "Recherche de votre position…";
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        input.value = "";
        state.q = "";
        setOrigin({ lat: pos.coords.latitude, lon: pos.coords.longitude, label: "votre position" });
      },
      (err) => {
        status.textContent = err.code === 1
          ? "Vous n'avez pas autorisé la localisation : tapez votre commune ou votre code postal."
          : "Votre position n'a pas pu être trouvée : tapez votre commune ou votre code postal.";
      },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 },
    );
  });

  // --- Permalink and embed code ----------------------------------------------
  let restoring = true;
  map.on("moveend", () => { if (!restoring) writeURL(); });

  function writeURL() {
    const p = writeFilters(state.filters, new URLSearchParams());
    if (state.q) p.set("q", state.q);
    if (state.selected) p.set("lieu", state.selected);
    const c = map.getCenter();
    p.set("vue", c.lat.toFixed(4) + "," + c.lng.toFixed(4) + "," + map.getZoom());
    const qs = p.toString();
    history.replaceState(null, "", location.pathname + (qs ? "?" + qs : ""));
    const code = $("code-integration");
    if (code) {
      const src = cfg.base + "/carte/embed/" + (qs ? "?" + qs : "");
      code.value = '<iframe src="' + src + '" title="Carte des lieux de médiation numérique" width="100%" height="650" style="border:0"></iframe>';
    }
    const open = $("ouvrir-site");
    if (open) open.href = "/carte/" + (qs ? "?" + qs : "");
  }

  // --- Downloads ---------------------------------------------------------------
  $("telecharger-geojson").addEventListener("click", () => {
    const all = state.filtered.concat(state.unlocated);
    const text = JSON.stringify(toGeoJSON(all, cfg.base));
    save(new Blob([text], { type: "application/geo+json" }), "lieux.geojson");
  });
  $("telecharger-csv").addEventListener("click", async (e) => {
    const button = e.currentTarget;
    const all = state.filtered.concat(state.unlocated);
    button.disabled = true;
    try {
      const deps = [...new Set(all.map((v) => v.dep.code))];
      const files = await Promise.all(deps.map((d) => fetch(cfg.fiches + d + ".json").then((r) => {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      })));
      const rows = new Map();
      for (const f of files) for (const [id, line] of Object.entries(f.lignes)) rows.set(id, line);
      let head = files.length ? files[0].entete : "";
      if (!head && data.departements.length) { // nothing matches: still give the header
        const r = await fetch(cfg.fiches + data.departements[0].code + ".json");
        head = (await r.json()).entete;
      }
      const lines = all.map((v) => rows.get(v.id)).filter((l) => l !== undefined);
      save(new Blob([[head, ...lines].join("\n") + "\n"], { type: "text/csv;charset=utf-8" }), "lieux.csv");
    } catch (err) {
      status.textContent = "Le téléchargement n'a pas pu se faire. Réessayez dans un instant.";
    } finally {
      button.disabled = false;
    }
  });

  // --- Start -------------------------------------------------------------------
  const vue = (params.get("vue") || "").split(",").map(Number);
  const hasView = vue.length === 3 && vue.every(Number.isFinite);
  if (hasView) map.setView([vue[0], vue[1]], vue[2]);
  else map.setView(FRANCE.center, FRANCE.zoom);
  if (state.q) {
    input.value = state.q;
    await loadCommuneIndex(cfg.communes).catch(() => {});
    const found = (await searchCommunes(state.q, 1).catch(() => []))[0];
    if (found && found.lat != null) {
      state.origin = { lat: found.lat, lon: found.lon, label: found.nom + (found.cp ? " (" + found.cp + ")" : "") };
      status.textContent = "Lieux classés du plus proche au plus loin de " + state.origin.label + ".";
    }
  }
  refresh({ fit: !hasView });
  if (state.selected && markers.has(state.selected)) {
    const m = markers.get(state.selected);
    whenLoaded(() => reveal(m, () => openPopup(m)));
  }
  restoring = false;
  writeURL();

  // A small handle for tests and for curious readers of the console.
  window.laboCarte = {
    markerIds: () => cluster.getLayers().map((m) => m.lieu.id),
    listIds: () => [...list.querySelectorAll(".lieu")].map((li) => li.dataset.id),
    filteredIds: () => state.filtered.concat(state.unlocated).map((v) => v.id),
  };
}

// --- Icons ---------------------------------------------------------------------

// VenueMarker marks its icon element with the venue id when Leaflet creates
// it (only markers on screen have one), so that keyboard handling can tell
// which venue a focused icon stands for, while 25,000 markers share 4 icons.
const VenueMarker = window.L ? L.Marker.extend({
  _initIcon() {
    L.Marker.prototype._initIcon.call(this);
    if (this._icon) this._icon.dataset.id = this.lieu.id;
  },
}) : null;

const icons = new Map();

function markerIcon(v, chosen) {
  const cls = "lieu-marqueur" + (v.qualifie ? " lieu-marqueur--qualifie" : "") + (chosen ? " lieu-marqueur--choisi" : "");
  if (!icons.has(cls)) icons.set(cls, makeIcon(cls));
  return icons.get(cls);
}

function makeIcon(cls) {
  return L.divIcon({
    className: cls,
    html: '<span class="lieu-marqueur__point" aria-hidden="true"></span>',
    iconSize: [44, 44],
    iconAnchor: [22, 22],
    popupAnchor: [0, -14],
  });
}

function clusterIcon(c) {
  const n = c.getChildCount();
  const size = n < 10 ? 44 : n < 100 ? 50 : 58;
  return L.divIcon({
    className: "lieu-groupe",
    html: '<span aria-hidden="true">' + n + '</span><span class="visually-hidden">Groupe de ' + n + " lieux : Entrée pour zoomer</span>",
    iconSize: [size, size],
  });
}

// --- Helpers ---------------------------------------------------------------------

function sameSpot(markers) {
  const a = markers[0].getLatLng();
  return markers.every((m) => m.getLatLng().equals(a, 1e-6));
}

function frenchControls(el) {
  for (const a of el.querySelectorAll(".leaflet-control-zoom a")) a.setAttribute("aria-label", a.title);
}

function plural(n, one, many) {
  return new Intl.NumberFormat("fr-FR").format(n) + " " + (n === 1 ? one : many);
}

function escapeHTML(s) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function setForm(form, f) {
  for (const el of form.elements) {
    if (!el.name) continue;
    if (el.type === "checkbox") el.checked = !!f[el.name];
    else if (el.tagName === "SELECT") el.value = f[el.name] || "";
  }
}

function getForm(form, data) {
  const p = new URLSearchParams();
  for (const el of form.elements) {
    if (!el.name) continue;
    if (el.type === "checkbox") { if (el.checked) p.set(el.name, "1"); }
    else if (el.value) p.set(el.name, el.value);
  }
  return readFilters(p, data);
}

// combobox wires an input and a listbox of commune suggestions (ARIA 1.2
// combobox pattern): arrows move, Enter picks, Escape closes.
function combobox(input, box, pick) {
  let items = [];
  let active = -1;
  let seq = 0;
  let timer = 0;
  const close = () => {
    box.hidden = true;
    box.textContent = "";
    items = [];
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  };
  const show = (list) => {
    box.textContent = "";
    items = list;
    active = -1;
    list.forEach((c, i) => {
      const li = document.createElement("li");
      li.id = "q-option-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.textContent = c.nom + (c.cp ? " (" + c.cp + ")" : "") + " · " + c.dep;
      li.addEventListener("mousedown", (e) => e.preventDefault());
      li.addEventListener("click", () => pick(c));
      box.appendChild(li);
    });
    box.hidden = list.length === 0;
    input.setAttribute("aria-expanded", list.length ? "true" : "false");
  };
  const move = (d) => {
    if (!items.length) return;
    active = (active + d + items.length) % items.length;
    [...box.children].forEach((li, i) => li.setAttribute("aria-selected", i === active ? "true" : "false"));
    input.setAttribute("aria-activedescendant", "q-option-" + active);
    box.children[active].scrollIntoView({ block: "nearest" });
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) return close();
    timer = setTimeout(async () => {
      const mine = ++seq;
      try {
        const cfg = document.getElementById("carte-app").dataset;
        await loadCommuneIndex(cfg.communes);
        const list = await searchCommunes(q, 8);
        if (mine === seq) show(list);
      } catch (e) {
        close();
      }
    }, 120);
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown") { e.preventDefault(); if (box.hidden) input.dispatchEvent(new Event("input")); else move(1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); move(-1); }
    else if (e.key === "Escape" && !box.hidden) { e.preventDefault(); close(); }
  });
  input.addEventListener("blur", () => setTimeout(close, 150));
  return {
    close,
    pickActive() {
      if (active >= 0 && items[active]) {
        pick(items[active]);
        return true;
      }
      return false;
    },
  };
}
