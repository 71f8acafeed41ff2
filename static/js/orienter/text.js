// French sentences of the orientation assistant, shared by the assistant
// and the printable fiche. The reasons are the ones the Go side writes on
// the pages without JavaScript (orientpages.Reasons), from the same facts.
//
// ES module, no dependency.

const WEEKDAYS = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];
const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
  "octobre", "novembre", "décembre"];

// frTime writes a time as "9 h", "17 h 30", like hours.frClock.
export function frTime(d) {
  const h = d.getHours(), m = d.getMinutes();
  return h + " h" + (m ? " " + String(m).padStart(2, "0") : "");
}

// frDate writes "1er novembre 2026", like frtext.Date.
export function frDate(d) {
  const day = d.getDate();
  return (day === 1 ? "1er" : String(day)) + " " + MONTHS[d.getMonth()] + " " + d.getFullYear();
}

function sameDay(a, b) {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

// frDay names a day relative to now: "aujourd'hui", "demain", "lundi 3 novembre".
export function frDay(d, now) {
  if (sameDay(d, now)) return "aujourd'hui";
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  if (sameDay(d, tomorrow)) return "demain";
  return WEEKDAYS[d.getDay()] + " " + (d.getDate() === 1 ? "1er" : d.getDate()) + " " + MONTHS[d.getMonth()];
}

function frList(items) {
  if (items.length <= 1) return items.join("");
  return items.slice(0, -1).join(", ") + " et " + items[items.length - 1];
}

// openingText says when the venue is open next, from nextOpenings over the
// coming days: {open: bool, text}. Intervals are grouped by day.
export function openingText(intervals, now, days) {
  if (!intervals) return { open: false, text: "Horaires non communiqués : appelez avant de venir." };
  if (!intervals.length) return { open: false, text: "Pas d'ouverture prévue dans les " + days + " prochains jours." };
  const first = intervals[0];
  if (first.start <= now) {
    return { open: true, text: "Ouvert en ce moment, jusqu'à " + frTime(first.end) + "." };
  }
  const spans = intervals.filter((iv) => sameDay(iv.start, first.start))
    .map((iv) => "de " + frTime(iv.start) + " à " + frTime(iv.end));
  return { open: false, text: "Prochaine ouverture : " + frDay(first.start, now) + " " + frList(spans) + "." };
}

// reasons says why a venue is proposed (orientpages.Reasons).
export function reasons(v, services) {
  const out = [];
  for (const code of v.services) {
    const s = services.get(code);
    if (!s) continue;
    out.push("Qualifié pour : " + s.titre + (s.a_la_place ? " (le médiateur peut faire à la place de la personne)" : ""));
  }
  if (v.prise_en_charge && v.prise_en_charge.length) out.push("Accompagnement adapté : " + frList(v.prise_en_charge));
  if (v.publics && v.publics.length) out.push("Accueille en priorité : " + frList(v.publics));
  if (v.gratuit && v.pass) out.push("Gratuit, Pass numérique accepté");
  else if (v.gratuit) out.push("Gratuit");
  else if (v.pass) out.push("Pass numérique accepté");
  if (v.a_distance) out.push("Aide aussi à distance (téléphone ou visio)");
  return out;
}

// unmetText explains what a near miss lacks.
export function unmetText(r, sit) {
  const out = [];
  for (const u of r.unmet) {
    if (u === "support") out.push("ne mentionne pas : " + frList(r.detail));
    if (u === "cost") out.push(sit.cost === "gratuit" ? "n'est pas gratuit" : "n'est ni gratuit ni payable avec le Pass");
    if (u === "distance") out.push("plus loin que " + sit.maxKm + " km");
    if (u === "soon") out.push("n'ouvre pas dans les prochains jours");
  }
  return "Attention : " + out.join(", ") + ".";
}

// frPhone writes +33465710000 as "04 65 71 00 00" (pages.FrenchPhone).
export function frPhone(p) {
  if (!p || !p.startsWith("+33") || p.length !== 12) return p || "";
  const d = "0" + p.slice(3);
  return d.replace(/(\d\d)(?=\d)/g, "$1 ");
}
