// Live search on /recherche/ over the static index that `labo build` writes
// (internal/search). The page works without this script: the form reloads
// the page, which lists every service and guide from A to Z.
//
// The index is split in small files loaded only when a query needs them:
// meta.json first, then the term shard of each word (t/<key>.json), then the
// document shards of the hits shown (d/<n>.json). Normalisation and scoring
// follow internal/search/normalize.go and query.go step by step: change
// both together.
(function () {
  "use strict";

  // ---- Normalisation (internal/search/normalize.go) ----------------------

  function fold(s) {
    return s.normalize("NFD").replace(/\p{Mn}/gu, "")
      .replace(/œ/g, "oe").replace(/Œ/g, "OE").replace(/æ/g, "ae").replace(/Æ/g, "AE").replace(/ß/g, "ss");
  }

  function words(s) {
    s = fold(s).toLowerCase().replace(/([a-z])-([0-9])/g, "$1$2");
    return s.match(/[a-z0-9]+/g) || [];
  }

  function tokens(s, stop) {
    return words(s).filter(function (t) {
      return !(t.length === 1 && t >= "a" && t <= "z") && !stop.has(t);
    });
  }

  function queryTokens(q, stop) {
    var seen = new Set();
    return tokens(q, stop).filter(function (t) {
      if (seen.has(t)) return false;
      seen.add(t);
      return true;
    });
  }

  // ---- Matching (internal/search/query.go) --------------------------------

  var MAX_KEY_LEN = 3, MIN_PREFIX_LEN = 3, MIN_ENDING_STEM = 3;
  var Q_EXACT = 1.0, Q_ENDING = 0.9, Q_PREFIX = 0.7, Q_TYPO1 = 0.6, Q_TYPO2 = 0.4;

  function maxEdits(n) { return n < 4 ? 0 : n < 8 ? 1 : 2; }

  // Optimal string alignment distance, or max+1 when above max.
  function distance(a, b, max) {
    if (a === b) return 0;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > max) return max + 1;
    var prev2 = new Array(lb + 1), prev = new Array(lb + 1), cur = new Array(lb + 1), j;
    for (j = 0; j <= lb; j++) prev[j] = j;
    for (var i = 1; i <= la; i++) {
      cur[0] = i;
      var rowMin = i;
      for (j = 1; j <= lb; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur[j] = v;
        if (v < rowMin) rowMin = v;
      }
      if (rowMin > max) return max + 1;
      var t = prev2; prev2 = prev; prev = cur; cur = t;
    }
    return Math.min(prev[lb], max + 1);
  }

  function hasDigit(s) { return /[0-9]/.test(s); }

  function matchStems(sh, w, endings, last) {
    var found = new Map(), i, sf;
    function better(st, q) { if (q > (found.get(st) || 0)) found.set(st, q); }
    var exact = false;
    for (i = 0; i < sh.w.length; i += 2) {
      sf = sh.w[i];
      if (sf === w) { better(sh.w[i + 1], Q_EXACT); exact = true; }
      else if (last && w.length >= MIN_PREFIX_LEN && sf.startsWith(w)) better(sh.w[i + 1], Q_PREFIX);
    }
    if (exact) return found;
    if (!hasDigit(w)) {
      var best = -1;
      for (i = 0; i < sh.s.length; i++) {
        var stem = sh.s[i];
        if (stem.length >= MIN_ENDING_STEM && w.startsWith(stem) && endings.has(w.slice(stem.length)) &&
          (best < 0 || stem.length > sh.s[best].length)) best = i;
      }
      if (best >= 0) better(best, Q_ENDING);
    }
    var k = maxEdits(w.length);
    if (k > 0 && !hasDigit(w)) {
      for (i = 0; i < sh.w.length; i += 2) {
        sf = sh.w[i];
        if (Math.abs(sf.length - w.length) > k) continue;
        var d = distance(w, sf, k);
        if (d === 1) better(sh.w[i + 1], Q_TYPO1);
        else if (d === 2 && k >= 2) better(sh.w[i + 1], Q_TYPO2);
      }
    }
    return found;
  }

  // ---- Loading ------------------------------------------------------------

  var base = "", meta = null, cache = new Map();

  function load(name) {
    if (!cache.has(name)) {
      cache.set(name, fetch(base + name).then(function (r) {
        if (!r.ok) throw new Error(name + ": " + r.status);
        return r.json();
      }).catch(function (e) { cache.delete(name); throw e; }));
    }
    return cache.get(name);
  }

  function loadMeta() {
    return load("meta.json").then(function (m) {
      if (!meta) {
        meta = m;
        meta.stopSet = new Set(m.stop);
        meta.termSet = new Set(m.terms);
        meta.endingSet = new Set(m.endings);
        meta.total = m.kinds[m.kinds.length - 1][2];
      }
      return meta;
    });
  }

  function shardKey(w) {
    for (var n = Math.min(w.length, MAX_KEY_LEN); n > 0; n--) {
      if (meta.termSet.has(w.slice(0, n))) return w.slice(0, n);
    }
    return "";
  }

  function kindOf(id) {
    for (var i = 0; i < meta.kinds.length; i++) {
      if (id >= meta.kinds[i][1] && id < meta.kinds[i][2]) return meta.kinds[i][0];
    }
    return "";
  }

  function idf(df, n) { return Math.log(1 + n / df); }

  // search resolves to {words, partial, hits: [{id, kind, score}], marks, prefixes}.
  async function search(q) {
    await loadMeta();
    var qwords = queryTokens(q, meta.stopSet);
    var res = { words: qwords, partial: false, hits: [], marks: new Set(), prefixes: [] };
    if (!qwords.length) return res;
    var shards = await Promise.all(qwords.map(function (w) {
      var key = shardKey(w);
      return key ? load("t/" + key + ".json") : null;
    }));
    var perWord = qwords.map(function (w, i) {
      var scores = new Map(), sh = shards[i];
      if (!sh) return scores;
      var last = i === qwords.length - 1;
      matchStems(sh, w, meta.endingSet, last).forEach(function (quality, st) {
        for (var j = 0; j < sh.w.length; j += 2) if (sh.w[j + 1] === st) res.marks.add(sh.w[j]);
        var p = sh.p[st], weight = quality * idf(p.length / 2, meta.total), id = 0;
        for (var k = 0; k < p.length; k += 2) {
          id += p[k];
          var v = p[k + 1] * weight;
          if (v > (scores.get(id) || 0)) scores.set(id, v);
        }
      });
      if (last && w.length >= MIN_PREFIX_LEN) res.prefixes.push(w);
      return scores;
    });
    var total = combine(perWord, true);
    if (!total.size && perWord.length > 1) {
      total = combine(perWord, false);
      res.partial = total.size > 0;
    }
    total.forEach(function (score, id) { res.hits.push({ id: id, kind: kindOf(id), score: score }); });
    res.hits.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
    return res;
  }

  function combine(perWord, all) {
    var out = new Map(), count = new Map();
    perWord.forEach(function (m) {
      m.forEach(function (v, id) {
        out.set(id, (out.get(id) || 0) + v);
        count.set(id, (count.get(id) || 0) + 1);
      });
    });
    out.forEach(function (v, id) {
      if (all && count.get(id) < perWord.length) out.delete(id);
      else if (!all) out.set(id, v * count.get(id));
    });
    return out;
  }

  function docShardOf(id) {
    var lo = 0, hi = meta.docs.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (meta.docs[mid] <= id) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  function loadDocs(hits) {
    return Promise.all(hits.map(function (h) {
      var n = docShardOf(h.id);
      return load("d/" + n + ".json").then(function (docs) { h.doc = docs[h.id - meta.docs[n]]; return h; });
    }));
  }

  // ---- Display -------------------------------------------------------------

  var FIRST = 5, MORE = 10;
  var LABELS = {
    service: { title: "Services", one: "service", many: "services" },
    guide: { title: "Guides", one: "guide", many: "guides" },
    venue: { title: "Lieux", one: "lieu", many: "lieux" }
  };

  function plural(n, l) { return n.toLocaleString("fr-FR") + " " + (n > 1 ? l.many : l.one); }

  function isMarked(word, res) {
    return words(word).some(function (t) {
      return res.marks.has(t) || res.prefixes.some(function (p) { return t.startsWith(p); });
    });
  }

  var WORD = /[\p{L}\p{N}]+(?:-\p{N}+)?/gu;

  // highlight appends text to el, searched words in <mark>: text nodes only,
  // never HTML from the index.
  function highlight(el, text, res) {
    var last = 0, m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) {
      if (!isMarked(m[0], res)) continue;
      if (m.index > last) el.appendChild(document.createTextNode(text.slice(last, m.index)));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      el.appendChild(mark);
      last = m.index + m[0].length;
    }
    if (last < text.length) el.appendChild(document.createTextNode(text.slice(last)));
  }

  function firstMark(text, res) {
    var m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) if (isMarked(m[0], res)) return m.index;
    return -1;
  }

  // excerpt picks the text (or the first other excerpt) holding a searched
  // word and cuts it to about 200 characters around that word.
  function excerpt(doc, res) {
    var texts = [doc[2]].concat(doc.slice(4)), text = doc[2], at = firstMark(text, res);
    for (var i = 1; at < 0 && i < texts.length; i++) {
      var p = firstMark(texts[i], res);
      if (p >= 0) { text = texts[i]; at = p; }
    }
    var LEN = 200;
    if (text.length <= LEN) return text;
    var start = Math.max(0, at - 60);
    if (start > 0) {
      var sp = text.indexOf(" ", start);
      start = sp >= 0 && sp < at ? sp + 1 : start;
    }
    var end = Math.min(text.length, start + LEN);
    if (end < text.length) {
      var sp2 = text.lastIndexOf(" ", end);
      if (sp2 > start) end = sp2;
    }
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
  }

  function hitItem(h, res) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.className = "search-hit";
    a.href = h.doc[1];
    var title = document.createElement("span");
    title.className = "search-hit__title";
    if (h.doc[3]) {
      var badge = document.createElement("span");
      badge.className = "badge";
      badge.textContent = h.doc[3];
      title.appendChild(badge);
    }
    highlight(title, h.doc[0], res);
    var text = document.createElement("span");
    text.className = "search-hit__text";
    highlight(text, excerpt(h.doc, res), res);
    a.appendChild(title);
    a.appendChild(text);
    li.appendChild(a);
    return li;
  }

  var root, input, statusEl, seq = 0;

  function summary(groups) {
    return groups.map(function (g) { return plural(g.hits.length, LABELS[g.kind]); }).join(", ");
  }

  async function show(q) {
    var n = ++seq;
    var res;
    try {
      res = await search(q);
    } catch (e) {
      if (n === seq) statusEl.textContent = "La recherche n'est pas disponible pour le moment. Vous pouvez parcourir l'index de A à Z ci-dessous.";
      return;
    }
    if (n !== seq) return;
    if (!res.words.length) {
      root.hidden = true;
      root.replaceChildren();
      statusEl.textContent = !q.trim() ? "" : words(q).some(function (w) { return w.length > 1; }) ?
        "Ces mots sont trop courants pour chercher : essayez un mot plus précis." : "Tapez au moins un mot de deux lettres.";
      return;
    }
    var groups = meta.kinds.map(function (k) {
      return { kind: k[0], hits: res.hits.filter(function (h) { return h.kind === k[0]; }) };
    }).filter(function (g) { return g.hits.length; });
    await Promise.all(groups.map(function (g) { return loadDocs(g.hits.slice(0, FIRST)); }))
      .catch(function () { return null; });
    if (n !== seq) return;
    var frag = document.createDocumentFragment();
    groups.forEach(function (g) { frag.appendChild(groupSection(g, res)); });
    root.replaceChildren(frag);
    root.hidden = false;
    var quoted = "« " + q.trim() + " »";
    if (!res.hits.length) {
      statusEl.textContent = "Aucun résultat pour " + quoted + ". Vérifiez l'orthographe, essayez un autre mot, ou parcourez l'index de A à Z ci-dessous.";
    } else if (res.partial) {
      statusEl.textContent = "Aucun résultat avec tous les mots de " + quoted + ". " + plural(res.hits.length, { one: "résultat", many: "résultats" }) + " avec une partie des mots : " + summary(groups) + ".";
    } else {
      statusEl.textContent = plural(res.hits.length, { one: "résultat", many: "résultats" }) + " pour " + quoted + " : " + summary(groups) + ".";
    }
  }

  function groupSection(g, res) {
    var label = LABELS[g.kind];
    var sec = document.createElement("section");
    sec.className = "search-group";
    var id = "resultats-" + g.kind;
    sec.setAttribute("aria-labelledby", id);
    var h2 = document.createElement("h2");
    h2.id = id;
    h2.textContent = label.title + " (" + g.hits.length + ")";
    var ol = document.createElement("ol");
    ol.className = "search-list";
    var shown = 0;
    function add(count) {
      var batch = g.hits.slice(shown, shown + count).filter(function (h) { return h.doc; });
      batch.forEach(function (h) { ol.appendChild(hitItem(h, res)); });
      shown += batch.length;
      return batch.length;
    }
    add(FIRST);
    sec.appendChild(h2);
    sec.appendChild(ol);
    if (g.hits.length > shown) {
      var more = document.createElement("button");
      more.type = "button";
      more.className = "button search-more";
      var setLabel = function () {
        more.textContent = "Afficher " + plural(Math.min(MORE, g.hits.length - shown), label) + " de plus";
      };
      setLabel();
      more.addEventListener("click", function () {
        var before = shown;
        loadDocs(g.hits.slice(shown, shown + MORE)).then(function () {
          if (!add(MORE)) return;
          var first = ol.children[before] && ol.children[before].querySelector("a");
          if (first) first.focus();
          if (shown >= g.hits.length) more.remove(); else setLabel();
        });
      });
      sec.appendChild(more);
    }
    return sec;
  }

  function setURL(q) {
    var url = new URL(window.location.href);
    if (q.trim()) url.searchParams.set("q", q); else url.searchParams.delete("q");
    window.history.replaceState(null, "", url.pathname + url.search + url.hash);
  }

  function start() {
    root = document.getElementById("recherche-resultats");
    input = document.getElementById("recherche-q");
    statusEl = document.getElementById("recherche-statut");
    if (!root || !input || !statusEl || !window.fetch) return;
    base = root.getAttribute("data-index");
    var timer = 0;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { setURL(input.value); show(input.value); }, 200);
    });
    input.form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(timer);
      setURL(input.value);
      show(input.value);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key !== "ArrowDown") return;
      var first = root.querySelector(".search-hit");
      if (first) { e.preventDefault(); first.focus(); }
    });
    var q = new URLSearchParams(window.location.search).get("q") || "";
    if (q) {
      input.value = q;
      show(q);
    }
  }

  // Exposed for the browser tests, which check that this normalisation
  // gives the tokens the Go index was built with.
  window.LaboSearch = { words: words, search: search };
  start();
})();
