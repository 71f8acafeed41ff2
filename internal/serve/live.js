// Labo dev server: reloads the page after a rebuild that changed it, and
// shows input or template problems over the page. Served only by
// `labo serve`, never published.
(function () {
  "use strict";
  var overlay = null;

  function css() {
    if (document.getElementById("labo-live-css")) return;
    var l = document.createElement("link");
    l.id = "labo-live-css";
    l.rel = "stylesheet";
    l.href = "/_labo/live.css";
    document.head.appendChild(l);
  }

  function currentFile() {
    var p = location.pathname;
    return p;
  }

  function show(problems) {
    css();
    hide();
    overlay = document.createElement("section");
    overlay.id = "labo-overlay";
    overlay.setAttribute("role", "alert");
    overlay.setAttribute("aria-labelledby", "labo-overlay-title");
    var h = document.createElement("h2");
    h.id = "labo-overlay-title";
    h.textContent = problems.length === 1 ? "Un problème empêche de construire le site" : problems.length + " problèmes empêchent de construire le site";
    overlay.appendChild(h);
    var p = document.createElement("p");
    p.textContent = "La dernière version correcte reste affichée. Corrigez le fichier : la page se met à jour toute seule.";
    overlay.appendChild(p);
    var ul = document.createElement("ul");
    problems.forEach(function (pb) {
      var li = document.createElement("li");
      if (pb.file) {
        var code = document.createElement("code");
        code.className = "labo-overlay__where";
        code.textContent = pb.file + (pb.line ? ":" + pb.line : "");
        li.appendChild(code);
        li.appendChild(document.createTextNode(" "));
      }
      if (pb.field) {
        var f = document.createElement("strong");
        f.textContent = pb.field + " : ";
        li.appendChild(f);
      }
      li.appendChild(document.createTextNode(pb.message));
      ul.appendChild(li);
    });
    overlay.appendChild(ul);
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Masquer";
    close.addEventListener("click", hide);
    overlay.appendChild(close);
    document.body.appendChild(overlay);
  }

  function hide() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  var es = new EventSource("/_labo/reload");
  es.addEventListener("problems", function (e) {
    show(JSON.parse(e.data).problems);
  });
  es.addEventListener("reload", function (e) {
    var changed = JSON.parse(e.data).changed || [];
    var here = currentFile();
    var mine = changed.some(function (p) {
      return p === "*" || p === here || /\.(css|js)$/.test(p);
    });
    if (mine || overlay) {
      location.reload();
    }
  });
})();
