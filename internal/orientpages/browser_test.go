package orientpages_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/paulmach/orb"

	"labo/internal/browsertest"
	"labo/internal/geo"
	"labo/internal/need"
	"labo/internal/orient"
	"labo/internal/site"
)

// demo loads the demo site's model, the same the browser tests build.
func demo(t *testing.T) *site.Site {
	t.Helper()
	s, problems := site.Load(os.DirFS(browsertest.Root(t)), "")
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	return s
}

func needOf(t *testing.T, s *site.Site, slug string) *need.Need {
	t.Helper()
	for _, n := range orient.Needs(s) {
		if n.Slug == slug {
			return n
		}
	}
	t.Fatalf("no need %q", slug)
	return nil
}

// open starts Chromium on Europe/Paris time (the rules read wall-clock
// opening hours) and loads path.
func open(t *testing.T, path string) (context.Context, string) {
	t.Helper()
	base := browsertest.Serve(t, browsertest.BuildDemo(t))
	ctx := browsertest.Browser(t)
	if _, err := chromedp.Call(ctx, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: "Europe/Paris"}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+path)); err != nil {
		t.Fatal(err)
	}
	return ctx, base
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%v\nin: %.300s", err, js)
	}
	return v
}

// waitFor polls a JavaScript condition, across a navigation (the poll
// fails when its page goes away: it starts again on the new one).
func waitFor(t *testing.T, ctx context.Context, cond string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(time.Until(deadline))))
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s: %v", cond, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

type jsCase struct {
	Need string         `json:"need"`
	Sit  map[string]any `json:"sit"`
	Lat  float64        `json:"lat"`
	Lon  float64        `json:"lon"`
	Dept string         `json:"dept"`
	Now  string         `json:"now"`
	sit  orient.Situation
}

type jsAnswer struct {
	Fit    []string `json:"fit"`
	Misses []string `json:"misses"`
}

// TestBrowserRulesMatchGo runs the browser's rules (static/js/orienter/
// rules.js on the published data files) and the Go rules on the same needs,
// places, situations and times, and compares every answer: the two halves
// of the assistant cannot disagree.
func TestBrowserRulesMatchGo(t *testing.T) {
	s := demo(t)
	ctx, _ := open(t, "/orienter/")

	places := []struct {
		code string
		pt   orb.Point
		dept string
	}{}
	for _, code := range []string{"63113", "23096", "37072", "63300", "37261", "23008", "63430"} {
		c := geo.CommuneByCode(code)
		if c == nil {
			t.Fatalf("no commune %s", code)
		}
		places = append(places, struct {
			code string
			pt   orb.Point
			dept string
		}{code, c.Point, c.Dept})
	}
	places = append(places, struct {
		code string
		pt   orb.Point
		dept string
	}{"geolocation", orb.Point{1.95, 46.05}, ""}) // no département: itinerant venues left out
	situations := []orient.Situation{
		{},
		{MaxKm: 2},
		{MaxKm: 10, Supports: []string{"Illettrisme"}},
		{MaxKm: 10, Remote: true},
		{MaxKm: 30, Cost: orient.CostFree},
		{MaxKm: 30, Cost: orient.CostFreeOrPass, Public: "Seniors"},
		{Supports: []string{"Illettrisme", "Surdité"}, Soon: true},
		{MaxKm: 10, Soon: true},
	}
	paris := s.Config.Location
	times := []time.Time{
		time.Date(2026, 11, 2, 10, 0, 0, 0, paris),   // Monday morning
		time.Date(2026, 11, 10, 17, 30, 0, 0, paris), // before the 11 November holiday
		time.Date(2026, 12, 24, 19, 0, 0, 0, paris),  // Christmas Eve
		time.Date(2027, 3, 26, 17, 0, 0, 0, paris),   // before the Easter weekend
	}
	var cases []jsCase
	for _, n := range orient.Needs(s) {
		for pi, p := range places {
			for si, sit := range situations {
				now := times[(pi+si)%len(times)]
				supports := sit.Supports
				if supports == nil {
					supports = []string{}
				}
				cases = append(cases, jsCase{Need: n.Slug, Lat: p.pt.Lat(), Lon: p.pt.Lon(), Dept: p.dept, Now: now.Format(time.RFC3339), sit: sit,
					Sit: map[string]any{"supports": supports, "maxKm": sit.MaxKm, "remote": sit.Remote, "cost": string(sit.Cost), "soon": sit.Soon, "public": sit.Public}})
			}
		}
	}
	in, _ := json.Marshal(cases)
	js := `(async () => {
		const f = document.getElementById("orienter");
		const rules = await import(f.dataset.rules), geo = await import(f.dataset.geo);
		const cache = {}, out = [];
		for (const c of ` + string(in) + `) {
			cache[c.need] ??= await (await fetch("/orienter/donnees/" + c.need + ".json")).json();
			const r = rules.rank(cache[c.need], c.sit, {lat: c.lat, lon: c.lon, dept: c.dept, now: new Date(c.now)}, geo.distanceKm);
			out.push({fit: r.fit.map((x) => x.venue.id), misses: r.misses.map((x) => x.venue.id + ":" + x.unmet.join("+"))});
		}
		return JSON.stringify(out);
	})()`
	var got []jsAnswer
	if err := json.Unmarshal([]byte(eval[string](t, ctx, js)), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(cases) {
		t.Fatalf("got %d answers for %d cases", len(got), len(cases))
	}
	cands := map[string][]*orient.Candidate{}
	nonEmpty := 0
	for i, c := range cases {
		if cands[c.Need] == nil {
			cands[c.Need] = orient.Candidates(s, needOf(t, s, c.Need))
		}
		now, _ := time.ParseInLocation(time.RFC3339, c.Now, paris)
		fit, misses := orient.Rank(cands[c.Need], c.sit, orient.Origin{Point: orb.Point{c.Lon, c.Lat}, Dept: c.Dept, Now: now.In(paris)})
		want := jsAnswer{Fit: []string{}, Misses: []string{}}
		for _, r := range fit {
			want.Fit = append(want.Fit, r.Venue.ID)
		}
		for _, r := range misses {
			want.Misses = append(want.Misses, r.Venue.ID+":"+strings.Join(r.Unmet, "+"))
		}
		if len(want.Fit) > 0 {
			nonEmpty++
		}
		if !slices.Equal(got[i].Fit, want.Fit) || !slices.Equal(got[i].Misses, want.Misses) {
			t.Errorf("case %s from %.4f,%.4f (%s) at %s, %+v:\n browser fit %v\n      Go fit %v\n browser misses %v\n      Go misses %v",
				c.Need, c.Lat, c.Lon, c.Dept, c.Now, c.sit, got[i].Fit, want.Fit, got[i].Misses, want.Misses)
		}
	}
	if nonEmpty < len(cases)/2 {
		t.Errorf("only %d of %d cases have results: the comparison proves little", nonEmpty, len(cases))
	}
	t.Logf("%d cases compared, %d with results", len(cases), nonEmpty)
}

// TestBrowserOpeningsMatchGo compares the browser's next openings of every
// venue with hours.Schedule.NextOpenings with French holidays.
func TestBrowserOpeningsMatchGo(t *testing.T) {
	s := demo(t)
	ctx, _ := open(t, "/orienter/")
	paris := s.Config.Location
	var froms []time.Time
	for _, d := range []string{"2026-11-01 08:00", "2026-11-10 17:30", "2026-11-11 09:00", "2026-12-24 18:00", "2027-03-26 16:59", "2027-05-06 12:00", "2026-11-07 23:30"} {
		tm, _ := time.ParseInLocation("2006-01-02 15:04", d, paris)
		froms = append(froms, tm)
	}
	var fromText []string
	for _, f := range froms {
		fromText = append(fromText, f.Format(time.RFC3339))
	}
	in, _ := json.Marshal(fromText)
	var slugs []string
	for _, n := range orient.Needs(s) {
		slugs = append(slugs, n.Slug)
	}
	sl, _ := json.Marshal(slugs)
	js := `(async () => {
		const rules = await import(document.getElementById("orienter").dataset.rules);
		const p = (n) => String(n).padStart(2, "0");
		const fmt = (d) => d.getFullYear() + "-" + p(d.getMonth() + 1) + "-" + p(d.getDate()) + " " + p(d.getHours()) + ":" + p(d.getMinutes());
		const out = {};
		for (const slug of ` + string(sl) + `) {
			const data = await (await fetch("/orienter/donnees/" + slug + ".json")).json();
			const hol = new Set(data.feries);
			for (const v of data.lieux) {
				if (out[v.id]) continue;
				out[v.id] = ` + string(in) + `.map((f) => rules.nextOpenings(v.horaires, hol, new Date(f), rules.SOON_DAYS)
					.map((iv) => fmt(iv.start) + "/" + fmt(iv.end)).join(" "));
			}
		}
		return JSON.stringify(out);
	})()`
	var got map[string][]string
	if err := json.Unmarshal([]byte(eval[string](t, ctx, js)), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) < 30 {
		t.Fatalf("only %d venues in the data files", len(got))
	}
	for id, answers := range got {
		v := s.Venue(id)
		for i, from := range froms {
			var want []string
			for _, iv := range orient.NextOpenings(v.Hours, from, orient.SoonDays) {
				want = append(want, iv.Start.Format("2006-01-02 15:04")+"/"+iv.End.Format("2006-01-02 15:04"))
			}
			if answers[i] != strings.Join(want, " ") {
				t.Errorf("%s (%q) from %s:\n browser %s\n      Go %s", id, v.Horaires, from.Format(time.RFC3339), answers[i], strings.Join(want, " "))
			}
		}
	}
}

// walk is a person's path through the assistant.
type walk struct {
	need     string
	supports []string
	public   string // value of a "public" choice
	distance string // value of a "distance" choice
	commune  string // typed in step 3
	pick     string // the suggestion to choose
	first    []string
	never    []string
}

// cases are the three cases of the issue, checked against data/lieux.csv
// and data/qualifications.csv on the build date 2026-11-01:
//   - 63-clermont-mediatheque-jaude: expired on 2026-03-25 (and never had DEM-01);
//     63-clermont-pimms-fontgieve: suspended;
//   - 23-saint-sulpice-le-gueretois-mairie: OUT-02 expired on 2026-09-09;
//   - 37-chinon-mediatheque: EMP-03 expired on 2026-04-15.
var cases = []walk{
	{need: "demarche-urgente", supports: []string{"Illettrisme"}, distance: "10", commune: "Clermont", pick: "Clermont-Ferrand (63000)",
		first: []string{"63-clermont-france-services-gare", "63-clermont-centre-social-saint-jacques", "63-clermont-ccas-montferrand"},
		never: []string{"63-clermont-mediatheque-jaude", "63-clermont-pimms-fontgieve"}},
	{need: "smartphone", public: "Seniors", distance: "10", commune: "Guéret", pick: "Guéret (23000)",
		first: []string{"23-gueret-france-services", "23-gueret-mediatheque", "23-gueret-ccas-seniors"},
		never: []string{"23-saint-sulpice-le-gueretois-mairie"}},
	{need: "emploi", distance: "10", commune: "37500", pick: "Chinon (37500)",
		first: []string{"37-chinon-france-services", "37-chinon-espace-emploi-numerique"},
		never: []string{"37-chinon-mediatheque"}},
}

func pressed(sel string) string {
	return `document.querySelector('` + sel + `').getAttribute("aria-pressed") === "true"`
}

// TestOrienterCases walks the three cases with the mouse, checks the
// proposed venues against the Go rules and the expected ones, then prints
// the fiche of the first venue to PDF and reads it back.
func TestOrienterCases(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil && os.Getenv("CI") == "" {
		t.Skip("pdftotext is not installed (scripts/install-test-deps.sh installs poppler-utils)")
	}
	s := demo(t)
	for _, w := range cases {
		t.Run(w.need, func(t *testing.T) {
			ctx, base := open(t, "/orienter/")
			waitFor(t, ctx, `!document.getElementById("orienter").hidden`)
			click := func(sel string) {
				t.Helper()
				if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
					t.Fatalf("click %s: %v", sel, err)
				}
			}
			click(`button[data-question="besoin"][data-value="` + w.need + `"]`)
			waitFor(t, ctx, pressed(`button[data-question="besoin"][data-value="`+w.need+`"]`))
			for _, sup := range w.supports {
				click(`input[name="prise_en_charge"][value="` + sup + `"]`)
			}
			if w.public != "" {
				click(`button[data-question="public"][data-value="` + w.public + `"]`)
			}
			click(`button[data-question="distance"][data-value="` + w.distance + `"]`)
			if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#lieu-recherche"), w.commune)); err != nil {
				t.Fatal(err)
			}
			waitFor(t, ctx, `[...document.querySelectorAll("#lieu-suggestions button")].some((b) => b.textContent === "`+w.pick+`")`)
			eval[chromedp.Void](t, ctx, `[...document.querySelectorAll("#lieu-suggestions button")].find((b) => b.textContent === "`+w.pick+`").click()`)
			click(`#orienter button[type="submit"]`)
			waitFor(t, ctx, `!document.getElementById("resultats").hidden && document.querySelectorAll("#resultats-liste > li").length > 0`)

			got := eval[[]string](t, ctx, `[...document.querySelectorAll("#resultats-liste > li")].map((li) => li.dataset.venue)`)
			for i, id := range w.first {
				if i >= len(got) || got[i] != id {
					t.Fatalf("proposed %v, want %v first", got, w.first)
				}
			}
			for _, id := range w.never {
				if slices.Contains(got, id) || eval[bool](t, ctx, `!!document.querySelector('#resultats [data-venue="`+id+`"]')`) {
					t.Errorf("%s is proposed although its qualification is not valid on the build date", id)
				}
			}
			// the same order as the Go rules for this situation
			c := geo.CommuneByCode(map[string]string{"demarche-urgente": "63113", "smartphone": "23096", "emploi": "37072"}[w.need])
			fit, _ := orient.Rank(orient.Candidates(s, needOf(t, s, w.need)),
				orient.Situation{Supports: w.supports, Public: w.public, MaxKm: map[string]float64{"10": 10}[w.distance]},
				orient.Origin{Point: c.Point, Dept: c.Dept, Now: time.Now().In(s.Config.Location)})
			for i := range min(len(got), len(fit)) {
				if got[i] != fit[i].Venue.ID {
					t.Errorf("result %d: browser %s, Go %s", i+1, got[i], fit[i].Venue.ID)
				}
			}
			firstText := eval[string](t, ctx, `document.querySelector("#resultats-liste > li").innerText`)
			for _, want := range []string{"Pourquoi ce lieu", "Qualifié pour", "Quand y aller", "km"} {
				if !strings.Contains(firstText, want) {
					t.Errorf("the first result does not say %q:\n%s", want, firstText)
				}
			}

			// the fiche of the first venue, printed
			href := eval[string](t, ctx, `document.querySelector("#resultats-liste > li a.button").getAttribute("href")`)
			if !strings.HasPrefix(href, "/orienter/fiche/"+w.need+"/"+w.first[0]+"/#") {
				t.Fatalf("fiche link %q", href)
			}
			click(`#resultats-liste > li a.button`)
			waitFor(t, ctx, `location.pathname === "/orienter/fiche/`+w.need+`/`+w.first[0]+`/" && !document.querySelector(".fiche__distance").hidden && !document.querySelector(".fiche__soon").hidden`)
			checkFiche(t, ctx, s, w.need, w.first[0], strings.Split(w.pick, " (")[0])
			_ = base
		})
	}
}

// checkFiche prints the fiche to an A4 PDF and checks its text.
func checkFiche(t *testing.T, ctx context.Context, s *site.Site, needSlug, id, from string) {
	t.Helper()
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "fiche.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := strings.ToLower(strings.Join(strings.Fields(string(out)), " ")) // the title is in capitals
	info, err := exec.Command("pdfinfo", file).Output()
	if err == nil && !strings.Contains(strings.Join(strings.Fields(string(info)), " "), "Pages: 1 ") {
		t.Errorf("the fiche takes more than one page:\n%s", info)
	}
	v := s.Venue(id)
	n := needOf(t, s, needSlug)
	main := orient.Candidates(s, n)
	var svc string
	for _, c := range main {
		if c.Venue.ID == id {
			svc = c.Main().Title
		}
	}
	want := []string{"Fiche d'orientation", v.Nom, v.Adresse, v.CodePostal + " " + v.Commune, n.Title, svc,
		"de " + from, "Fiche remise le : " + frenchToday(s), "lundi", "À apporter"}
	if v.Telephone != "" {
		want = append(want, frPhone(v.Telephone))
	}
	for _, w := range want {
		if !strings.Contains(text, strings.ToLower(strings.Join(strings.Fields(w), " "))) {
			t.Errorf("the printed fiche does not contain %q:\n%s", w, text)
		}
	}
	if !strings.Contains(text, "prochaine ouverture") && !strings.Contains(text, "ouvert en ce moment") && !strings.Contains(text, "pas d'ouverture prévue") {
		t.Errorf("the printed fiche does not say when the venue opens next:\n%s", text)
	}
	for _, never := range []string{"menu principal", "trouver un lieu", "imprimer la fiche", "envoyer par courriel"} {
		if strings.Contains(text, never) {
			t.Errorf("the printed fiche shows %q (navigation and buttons are not printed)", never)
		}
	}
}

var months = []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}

func frenchToday(s *site.Site) string {
	now := time.Now().In(s.Config.Location)
	day := fmt.Sprint(now.Day())
	if now.Day() == 1 {
		day = "1er"
	}
	return day + " " + months[now.Month()-1] + " " + fmt.Sprint(now.Year())
}

func frPhone(p string) string {
	d := "0" + strings.TrimPrefix(p, "+33")
	return d[0:2] + " " + d[2:4] + " " + d[4:6] + " " + d[6:8] + " " + d[8:10]
}

// TestKeyboardWalk reaches a result and the fiche with Tab, Shift+Tab,
// Enter and Space only (plus typing the commune's name).
func TestKeyboardWalk(t *testing.T) {
	ctx, _ := open(t, "/orienter/")
	waitFor(t, ctx, `!document.getElementById("orienter").hidden`)
	key := func(k string, opts ...chromedp.KeyOption) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.KeyEvent(k, opts...)); err != nil {
			t.Fatal(err)
		}
	}
	focused := func(cond string) bool {
		return eval[bool](t, ctx, `(() => { const el = document.activeElement; return !!(el && (`+cond+`)); })()`)
	}
	// tabTo presses Tab (or Shift+Tab) until cond holds on the focused element.
	tabTo := func(cond string, back bool) {
		t.Helper()
		for range 120 {
			if back {
				key(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift))
			} else {
				key(kb.Tab)
			}
			if focused(cond) {
				return
			}
		}
		t.Fatalf("Tab never reached %s", cond)
	}
	tabTo(`el.dataset.value === "emploi"`, false)
	key(kb.Enter)
	waitFor(t, ctx, pressed(`button[data-question="besoin"][data-value="emploi"]`))
	// Space on a choice of step 2, then back with Shift+Tab to check the need is still chosen
	tabTo(`el.dataset.question === "distance" && el.dataset.value === "30"`, false)
	key(" ")
	waitFor(t, ctx, pressed(`button[data-question="distance"][data-value="30"]`))
	tabTo(`el.dataset.value === "emploi"`, true)
	if !eval[bool](t, ctx, pressed(`button[data-question="besoin"][data-value="emploi"]`)) {
		t.Fatal("moving back with Shift+Tab changed the chosen need")
	}
	tabTo(`el.id === "lieu-recherche"`, false)
	key("Chinon")
	waitFor(t, ctx, `!!document.querySelector("#lieu-suggestions button")`)
	tabTo(`el.closest("#lieu-suggestions") && el.textContent === "Chinon (37500)"`, false)
	key(kb.Enter)
	if !focused(`el.type === "submit"`) {
		t.Fatal("after choosing the commune, the focus is not on « Voir les lieux »")
	}
	key(kb.Enter)
	waitFor(t, ctx, `document.activeElement && document.activeElement.id === "resultats"`)
	first := eval[string](t, ctx, `document.querySelector("#resultats-liste > li").dataset.venue`)
	if first != "37-chinon-france-services" {
		t.Errorf("first result %s, want 37-chinon-france-services", first)
	}
	tabTo(`el.matches("#resultats-liste > li:first-child a.button")`, false)
	// the focus ring is visible on the fiche link
	if !eval[bool](t, ctx, `getComputedStyle(document.activeElement).outlineStyle !== "none"`) {
		t.Error("the focused link shows no outline")
	}
	key(kb.Enter)
	waitFor(t, ctx, `location.pathname === "/orienter/fiche/emploi/37-chinon-france-services/"`)
	waitFor(t, ctx, `!document.getElementById("fiche-imprimer").hidden`)
	tabTo(`el.id === "fiche-imprimer"`, false)
	// the script fills the distance once its modules are loaded
	waitFor(t, ctx, `document.querySelector(".fiche__distance").textContent.includes("de Chinon")`)
}

// TestFichePrintMedia checks the print rules on the fiche: no navigation,
// black on white, the A4 page size.
func TestFichePrintMedia(t *testing.T) {
	ctx, _ := open(t, "/orienter/fiche/smartphone/23-gueret-mediatheque/")
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	res := eval[map[string]string](t, ctx, `(() => {
		const d = (sel) => { const e = document.querySelector(sel); return e ? getComputedStyle(e).display : "missing"; };
		return {nav: d(".main-nav"), crumbs: d(".crumbs"), footer: d(".site-footer"), tools: d(".fiche-tools"),
			colour: getComputedStyle(document.querySelector(".fiche__title")).color, size: getComputedStyle(document.querySelector(".fiche")).fontSize};
	})()`)
	for _, k := range []string{"nav", "crumbs", "footer", "tools"} {
		if res[k] != "none" {
			t.Errorf("%s is printed (display %s)", k, res[k])
		}
	}
	if res["colour"] != "rgb(0, 0, 0)" {
		t.Errorf("title colour in print %s, want black", res["colour"])
	}
	px, err := strconv.ParseFloat(strings.TrimSuffix(res["size"], "px"), 64)
	if err != nil || px < 18.6 { // 14pt = 18.67px
		t.Errorf("fiche text size in print %s, want at least 14pt", res["size"])
	}
}

// TestStaleResultsHidden: once the place or the need changes back to
// nothing, results that no longer hold are hidden.
func TestStaleResultsHidden(t *testing.T) {
	ctx, _ := open(t, "/orienter/")
	waitFor(t, ctx, `!document.getElementById("orienter").hidden`)
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`button[data-value="emploi"]`)),
		chromedp.SendKeys(chromedp.CSS("#lieu-recherche"), "37500"),
	); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `!!document.querySelector("#lieu-suggestions button")`)
	eval[chromedp.Void](t, ctx, `document.querySelector("#lieu-suggestions button").click()`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#orienter button[type="submit"]`))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `!document.getElementById("resultats").hidden`)
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#lieu-recherche"), "1")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `document.getElementById("resultats").hidden`)
	// submitting with an unknown place says what to do, and results stay hidden
	eval[chromedp.Void](t, ctx, `document.getElementById("lieu-recherche").value = "zzzz"`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#orienter button[type="submit"]`))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `document.getElementById("orienter-erreur").textContent.includes("Indiquez où est la personne")`)
}
