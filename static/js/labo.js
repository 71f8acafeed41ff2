// Small enhancements shared by every page. The site works without them.
(function () {
  "use strict";
  // "Ouvert en ce moment" on venue pages, from the weekly spans the build
  // wrote (minutes since midnight, Monday first). Uses the visitor's clock.
  var el = document.querySelector(".open-now[data-week]");
  if (el) {
    var week;
    try { week = JSON.parse(el.getAttribute("data-week")); } catch (e) { week = null; }
    if (week && week.length === 7) {
      var now = new Date();
      var day = (now.getDay() + 6) % 7;
      var min = now.getHours() * 60 + now.getMinutes();
      var prev = (day + 6) % 7;
      var open = week[day].some(function (s) { return min >= s[0] && min < s[1]; }) ||
        week[prev].some(function (s) { return s[1] > 1440 && min + 1440 < s[1]; });
      el.textContent = open ? "Ouvert en ce moment" : "Fermé en ce moment";
      el.className += open ? " open-now--open" : " open-now--closed";
      el.hidden = false;
    }
  }
})();
