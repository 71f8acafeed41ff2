// The orientation assistant (/orienter/): need → situation → place → the
// nearest qualified venues and a printable fiche. It enhances a page whose
// plain links already lead to the same lists without JavaScript.
//
// Nothing leaves the browser: the data of each need is a static file; the
// person's situation and place stay in this page (the fiche receives the
// starting point in its address fragment, which is never sent to a server).
(function () {
  "use strict";
  const form = document.getElementById("orienter");
  if (!form || !window.fetch) return;

  const $ = (id) => document.getElementById(id);
  const el = (tag, attrs, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else e.setAttribute(k, v);
    }
    for (const c of children) if (c != null) e.append(c);
    return e;
  };

  Promise.all([import(form.dataset.rules), import(form.dataset.geo), import(form.dataset.text)])
    .then(([rules, geo, text]) => start(rules, geo, text))
    .catch((e) => { console.error("orienter:", e); });

  function start(rules, geo, text) {
    const PAGE = 5;
    const state = { need: null, origin: null, shown: PAGE, data: new Map() };
    const error = $("orienter-erreur");
    const results = $("resultats");
    let searchSeq = 0;

    form.hidden = false;
    for (const nojs of document.querySelectorAll(".orienter-nojs")) nojs.hidden = true;

    // Single-choice buttons (aria-pressed), one question per data-question.
    form.addEventListener("click", (ev) => {
      const b = ev.target.closest("button.choice[data-question]");
      if (!b) return;
      for (const o of form.querySelectorAll('button.choice[data-question="' + b.dataset.question + '"]')) {
        o.setAttribute("aria-pressed", o === b ? "true" : "false");
      }
      if (b.dataset.question === "besoin") {
        state.need = b;
        load(b).catch(() => {});
      }
      if (!results.hidden) show(false);
    });
    form.addEventListener("change", () => { if (!results.hidden) show(false); });

    function chosen(question) {
      const b = form.querySelector('button.choice[data-question="' + question + '"][aria-pressed="true"]');
      return b ? b.dataset.value : "";
    }

    function load(b) {
      const url = b.dataset.url;
      if (!state.data.has(url)) {
        state.data.set(url, fetch(url).then((r) => {
          if (!r.ok) throw new Error(r.status + " " + url);
          return r.json();
        }).catch((e) => { state.data.delete(url); throw e; }));
      }
      return state.data.get(url);
    }

    function situation() {
      return {
        supports: Array.from(form.querySelectorAll('input[name="prise_en_charge"]:checked'), (i) => i.value),
        public: chosen("public"),
        maxKm: Number(chosen("distance") || 0),
        remote: $("a-distance").checked,
        cost: chosen("cout"),
        soon: $("bientot").checked,
      };
    }

    // Step 3: commune search (shared module geo.js) and geolocation.
    const input = $("lieu-recherche");
    const suggestions = $("lieu-suggestions");
    const chosenPlace = $("lieu-choisi");
    let indexReady = null;
    const communes = () => indexReady || (indexReady = geo.loadCommuneIndex(form.dataset.communes));

    function setOrigin(o) {
      state.origin = o;
      chosenPlace.textContent = o ? "Point de départ : " + o.label : "";
      suggestions.replaceChildren();
      if (!results.hidden) show(false);
    }

    async function search(q) {
      const seq = ++searchSeq;
      await communes();
      const found = (await geo.searchCommunes(q, 6)).filter((c) => c.lat != null);
      if (seq !== searchSeq) return null;
      return found;
    }

    let timer = 0;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      state.origin = null;
      chosenPlace.textContent = "";
      if (!results.hidden) show(false); // the place changed: the results no longer hold
      const q = input.value.trim();
      if (q.length < 2) { suggestions.replaceChildren(); return; }
      timer = setTimeout(async () => {
        let found;
        try { found = await search(q); } catch (e) { suggestions.replaceChildren(el("p", { text: "La liste des communes n'a pas pu être chargée." })); return; }
        if (!found) return;
        if (!found.length) { suggestions.replaceChildren(el("p", { text: "Aucune commune trouvée pour « " + q + " »." })); return; }
        suggestions.replaceChildren(el("p", { class: "visually-hidden", text: found.length + " communes proposées :" }),
          ...found.map((c) => {
            const b = el("button", { type: "button", class: "choice", text: c.nom + " (" + c.cp + ")" });
            b.addEventListener("click", () => {
              input.value = c.nom + " (" + c.cp + ")";
              setOrigin({ lat: c.lat, lon: c.lon, dept: c.dep, label: c.nom + " (" + c.cp + ")", name: c.nom });
              form.querySelector('button[type="submit"]').focus();
            });
            return b;
          }));
      }, 150);
    });

    const locate = $("me-localiser");
    if (!navigator.geolocation) locate.hidden = true;
    locate.addEventListener("click", () => {
      chosenPlace.textContent = "Recherche de la position…";
      navigator.geolocation.getCurrentPosition((pos) => {
        setOrigin({ lat: pos.coords.latitude, lon: pos.coords.longitude, dept: "", label: "la position de cet appareil", name: "votre position" });
        form.querySelector('button[type="submit"]').focus();
      }, () => {
        chosenPlace.textContent = "";
        error.textContent = "La position n'est pas disponible : tapez la commune.";
        input.focus();
      }, { timeout: 10000, maximumAge: 600000 });
    });

    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      error.textContent = "";
      if (!state.need) {
        error.textContent = "Choisissez d'abord le besoin (étape 1).";
        form.querySelector('button.choice[data-question="besoin"]').focus();
        return;
      }
      if (!state.origin && input.value.trim().length >= 2) {
        // Enter in the field: take the best match
        try {
          const found = await search(input.value.trim());
          if (found && found.length) {
            const c = found[0];
            setOrigin({ lat: c.lat, lon: c.lon, dept: c.dep, label: c.nom + " (" + c.cp + ")", name: c.nom });
          }
        } catch (e) { /* reported below */ }
      }
      if (!state.origin) {
        error.textContent = "Indiquez où est la personne (étape 3) : tapez sa commune et choisissez-la dans la liste.";
        input.focus();
        return;
      }
      state.shown = PAGE;
      show(true);
    });

    $("resultats-plus").addEventListener("click", () => {
      const first = state.shown;
      state.shown += PAGE;
      show(false).then(() => {
        const next = $("resultats-liste").children[first];
        if (next) next.querySelector("a").focus();
      });
    });

    async function show(focus) {
      if (!state.need || !state.origin) { // a step was changed back to empty: the results no longer hold
        results.hidden = true;
        return;
      }
      let data;
      try { data = await load(state.need); } catch (e) {
        error.textContent = "Les lieux n'ont pas pu être chargés. Vérifiez la connexion et réessayez.";
        return;
      }
      const sit = situation();
      const now = new Date();
      const origin = { lat: state.origin.lat, lon: state.origin.lon, dept: state.origin.dept, now };
      const { fit, misses } = rules.rank(data, sit, origin, geo.distanceKm);
      const services = new Map(data.services.map((s) => [s.code, s]));
      const holidays = new Set(data.feries);
      const frag = new URLSearchParams({ depuis: state.origin.name, lat: String(state.origin.lat), lon: String(state.origin.lon) }).toString();
      const card = (r, i, miss) => resultCard(r, i, miss, { data, sit, services, holidays, now, frag });

      const list = $("resultats-liste");
      list.replaceChildren(...fit.slice(0, state.shown).map((r, i) => card(r, i, false)));
      const summary = $("resultats-resume");
      const where = " près de " + state.origin.label;
      if (!fit.length) summary.textContent = "Aucun lieu ne remplit tous les critères pour « " + data.titre + " »" + where + ".";
      else summary.textContent = fit.length + (fit.length > 1 ? " lieux répondent" : " lieu répond") + " à « " + data.titre + " »" + where +
        (fit.length > state.shown ? " : voici les " + state.shown + " premiers." : ".");
      $("resultats-plus").hidden = fit.length <= state.shown;
      const others = $("resultats-autres");
      const near = fit.length < 3 ? misses.slice(0, 3) : [];
      others.hidden = !near.length;
      $("resultats-autres-liste").replaceChildren(...near.map((r, i) => card(r, i, true)));
      results.hidden = false;
      if (focus) results.focus();
    }

    function resultCard(r, i, miss, ctx) {
      const v = r.venue;
      const id = (miss ? "autre-" : "res-") + v.id;
      const badges = el("ul", { class: "badges", "aria-label": "En bref" });
      if (ctx.data.urgent && v.rang === 0) badges.append(el("li", { class: "badge badge--urgent", text: "Peut faire à la place" }));
      if (r.hasKm) badges.append(el("li", { class: "badge badge--km", text: geo.formatKm(r.km) }));
      else badges.append(el("li", { class: "badge", text: "Itinérant : appelez" }));
      const openings = v.horaires ? rules.nextOpenings(v.horaires, ctx.holidays, ctx.now, rules.SOON_DAYS) : null;
      const when = text.openingText(openings, ctx.now, rules.SOON_DAYS);
      if (when.open) badges.append(el("li", { class: "badge badge--open", text: "Ouvert en ce moment" }));
      if (v.pass) badges.append(el("li", { class: "badge badge--pass", text: "Pass numérique accepté" }));

      const why = text.reasons(v, ctx.services);
      if (r.group === rules.GROUP_REMOTE_ONLY) why.push("Plus loin que " + ctx.sit.maxKm + " km, mais aide à distance");
      const access = el("ul");
      if (v.sur_place) access.append(el("li", { text: "Sans rendez-vous, aux heures d'ouverture" }));
      if (v.tel) access.append(el("li", {}, "Par téléphone : ", el("a", { href: "tel:" + v.tel, text: text.frPhone(v.tel) })));
      if (v.rdv) access.append(el("li", {}, el("a", { href: v.rdv, text: "Prendre rendez-vous en ligne" })));
      const bring = (ctx.services.get(v.principal) || {}).a_apporter || []; // as on the fiche

      const art = el("article", { class: "result" + (i === 0 && !miss ? " result--first" : ""), "aria-labelledby": id },
        el("h3", { id }, el("a", { href: v.url, text: v.nom })),
        badges,
        miss ? el("p", { class: "result__miss", text: text.unmetText(r, ctx.sit) }) : null,
        el("p", { text: v.adresse + ", " + v.cp + " " + v.commune }),
        el("h4", { text: "Pourquoi ce lieu" }), el("ul", {}, ...why.map((w) => el("li", { text: w }))),
        el("h4", { text: "Quand y aller" }), el("p", { text: when.text }),
        v.horaires ? el("p", { class: "muted", text: "Horaires : " + v.horaires.resume }) : null,
        access.children.length ? el("h4", { text: "Comment y aller" }) : null, access.children.length ? access : null,
        bring.length ? el("details", {}, el("summary", { text: "À apporter (" + bring.length + ")" }), el("ul", {}, ...bring.map((b) => el("li", { text: b })))) : null,
        el("p", { class: "result__actions" },
          el("a", { class: "button button--primary", href: v.fiche + "#" + ctx.frag }, "Fiche à imprimer", el("span", { class: "visually-hidden", text: " : " + v.nom }))));
      return el("li", { "data-venue": v.id }, art);
    }
  }
})();
